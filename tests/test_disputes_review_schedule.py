"""An accepted dispute corrects the member's review schedule too, on both engines: the answer it made right rates the
card as a right answer does, so a card the member knew well is not sent back to relearning (due again in minutes,
counted as forgotten), and their later reviews of it are replayed on that. The disputer ends with the schedule of a
player who typed the deck's own answer at the same moment."""

from __future__ import annotations

from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from test_disputes_decisions import BOB, CAROL, MOD, TEMPERATURE, G, close, dispute, open_question, say

from bot.core.service import Services

DAY = 24 * 3600


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


async def both_answer(s: Services, bob: str, carol: str = "temperature") -> int:
    """One channel question on the temperature card, answered by bob and carol at the same moment; bob's answer."""
    quiz = await open_question(s)
    said = await say(s, quiz, BOB, bob)
    await say(s, quiz, CAROL, carol)
    await close(s, quiz)
    return said.attempt_id


async def memory(s: Services, user_id: int) -> tuple[Any, ...]:
    state = (await s.review.queries.states(G, user_id))[TEMPERATURE]
    return (state.state, state.stability, state.difficulty, state.due, state.reps, state.lapses)


async def test_an_accepted_answer_keeps_a_known_card_out_of_relearning(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        for days in (0, 1, 4):  # both learn the card: right three times over some days
            clock.tick(days * DAY)
            await both_answer(s, "temperature")
        clock.tick(12 * DAY)  # due again: bob's answer is judged wrong, carol types the deck's answer
        wrong = await both_answer(s, "softmax divisor")
        clock.tick(11 * 60)  # relearning: due again within minutes, and counted as forgotten
        assert TEMPERATURE in await s.review.due_for_practice(G, BOB)
        assert (await memory(s, BOB))[5] == 1
        clock.tick(2 * DAY)
        await both_answer(s, "temperature")  # a later review, which the correction replays
        assert await memory(s, BOB) != await memory(s, CAROL)

        await s.disputes.accept((await dispute(s, BOB, wrong)).id, guild_id=G, moderator_id=MOD)

        assert await memory(s, BOB) == await memory(s, CAROL)
        assert (await memory(s, BOB))[5] == 0  # no lapse
        assert TEMPERATURE not in await s.review.due_for_practice(G, BOB)
        bob_logs = await s.review.queries.logs(G, BOB, TEMPERATURE)
        carol_logs = await s.review.queries.logs(G, CAROL, TEMPERATURE)
        assert [(x.rating, x.verdict, x.after.due) for x in bob_logs] == [
            (x.rating, x.verdict, x.after.due) for x in carol_logs
        ]
    finally:
        await settle(s)


async def test_a_corrected_further_try_leaves_the_schedule_as_the_first_try_rated_it(
    engine: Engine, clock: Any
) -> None:
    # One rating per question: a second try that the dispute corrects rated nothing, so nothing is replayed.
    s = await started_services(await engine.open(), clock)
    try:
        quiz = await open_question(s)
        await say(s, quiz, BOB, "top-p")
        second = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        before = await memory(s, BOB)
        logs = await s.review.queries.logs(G, BOB, TEMPERATURE)

        decision = await s.disputes.accept((await dispute(s, BOB, second.attempt_id)).id, guild_id=G, moderator_id=MOD)

        assert [r.attempt_id for r in decision.regraded] == [second.attempt_id]
        assert await memory(s, BOB) == before
        assert await s.review.queries.logs(G, BOB, TEMPERATURE) == logs
    finally:
        await settle(s)
