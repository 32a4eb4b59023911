"""/review status (both engines) counts a card the member knew and then forgot (relearning it) as learning, not as learned."""

from __future__ import annotations

from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from test_disputes_decisions import BOB, TEMPERATURE, G, close, open_question, say

from bot.core.service import Services

DAY = 24 * 3600


async def answered(s: Services, text: str) -> None:
    quiz = await open_question(s)
    await say(s, quiz, BOB, text)
    await close(s, quiz)


async def test_a_forgotten_card_is_learning_again(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        for days in (0, 1, 4):
            clock.tick(days * DAY)
            await answered(s, "temperature")
        status = await s.review.members.status(G, BOB)
        assert (status.learning, status.learned) == (0, 1)
        assert (await s.review.queries.states(G, BOB))[TEMPERATURE].state == 2  # in review: known

        clock.tick(12 * DAY)
        await answered(s, "top-p")  # forgotten: relearning

        status = await s.review.members.status(G, BOB)
        assert (status.learning, status.learned) == (1, 0)
    finally:
        for feature in reversed(s._features):
            await feature.close()
