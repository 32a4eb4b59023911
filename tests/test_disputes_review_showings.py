"""A card rated Again in /review is shown again in the same session: two showings, two ratings. An accepted
dispute corrects each showing whose answer it makes right, not only the first of the session; and a showing
answered right later does not stop the earlier failed one from being corrected."""

from __future__ import annotations

from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from play_support import FirstChoice
from test_disputes_decisions import BOB, EVE, MOD, TEMPERATURE, G, close, dispute, open_question, say

from bot.core.service import Services


async def shown_twice(s: Services, clock: Any, first: str, second: str) -> list[int]:
    """eve reviews the temperature card, answers ``first``, and (rated Again, due a minute later) ``second`` to its
    second showing in the same session: the two stored answers' ids."""
    s.review.rng = FirstChoice()
    await s.review.members.update(G, EVE, topics="sampling")
    session, shown = await s.review.start_session(guild_id=G, user_id=EVE, user_name="eve")
    assert shown.card.key == TEMPERATURE
    await s.review.answer(session.id, user_id=EVE, number=shown.number, response=first)
    clock.tick(120)
    again = await s.review.next(session.id, user_id=EVE, number=shown.number)
    assert getattr(again, "card", None) is not None and again.card.key == TEMPERATURE, again
    await s.review.answer(session.id, user_id=EVE, number=again.number, response=second)
    async with s.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND source = 'review' ORDER BY id", (EVE,)
        )
    return [int(r["id"]) for r in rows]


async def eve_corrected(s: Services, clock: Any) -> list[int]:
    """bob types "softmax divisor" in a channel quiz, disputes it, and a moderator accepts it: the ids of eve's
    answers it corrected."""
    clock.tick(5)
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    await close(s, quiz)
    decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    return [r.attempt_id for r in decision.regraded if r.user_id == EVE]


async def test_each_showing_typed_the_accepted_answer_is_corrected(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        ids = await shown_twice(s, clock, "softmax divisor", "softmax divisor")
        assert await eve_corrected(s, clock) == ids
        after = await s.stats.stats(G, EVE)
        assert (after.answers, after.correct) == (2, 2)
    finally:
        for feature in reversed(s._features):
            await feature.close()


async def test_a_failed_showing_is_corrected_though_a_later_one_was_right(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        ids = await shown_twice(s, clock, "softmax divisor", "temperature")
        assert await eve_corrected(s, clock) == ids[:1]
    finally:
        for feature in reversed(s._features):
            await feature.close()
