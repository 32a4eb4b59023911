"""A member presses "I was right" on two of their answers at once, the presses handled by two processes sharing one
database, with a daily cap of one dispute: one is recorded and the other refused as over the cap, on SQLite (whose
write lock runs them one after the other) and on PostgreSQL, where both used to count no dispute yet and both were
recorded."""

from __future__ import annotations

from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from race_support import overlap, run_overlapping

from bot.core.disputes import DisputeService
from bot.core.disputes.errors import AlreadyOpen
from bot.core.errors import UserError
from tests.test_disputes_core import ALICE, BOB, G, attempt_id, temperature_quiz


async def opened_at_once(s: Any, engine: Engine, clock: Any, cap: int, first: int, second: int) -> list[Any]:
    """bob opens disputes of answers ``first`` and ``second`` at once, in two processes sharing the database, with
    a daily cap of ``cap``: what each was told (a dispute, or the error)."""
    one = DisputeService(store=s.store, catalog=s.catalog, clock=clock, daily_cap=cap)
    two = DisputeService(store=await engine.open(), catalog=s.catalog, clock=clock, daily_cap=cap)
    await one.start()
    await two.start()
    try:
        return await run_overlapping(
            overlap(one.store, two.store),
            one.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=first),
            two.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=second),
        )
    finally:
        await two.store.close()


async def test_two_disputes_opened_at_once_keep_to_the_daily_cap(engine: Engine, clock) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        quiz = await temperature_quiz(s, clock)
        await s.quiz.stop(quiz.id, user_id=ALICE)
        first_answer = await attempt_id(s, BOB, "softmax divisor")
        second_answer = await attempt_id(s, BOB, "the randomness")
        results = await opened_at_once(s, engine, clock, 1, first_answer, second_answer)
        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(refused) == 1, results
        assert isinstance(refused[0], UserError) and refused[0].code == "dispute.cap", repr(refused[0])
        async with s.store.read() as db:
            stored = await db.execute_fetchall("SELECT COUNT(*) AS n FROM disputes WHERE user_id = ?", (BOB,))
        assert stored[0]["n"] == 1
    finally:
        for feature in reversed(s._features):
            await feature.close()


async def test_one_answer_disputed_twice_at_once_is_told_it_is_disputed_already(engine: Engine, clock) -> None:
    """A double press on one answer, the presses in two processes: the second is told the answer is disputed
    already (the reply that shows the dispute), not that the daily cap is reached nor a bare conflict."""
    s = await started_services(await engine.open(), clock)
    try:
        quiz = await temperature_quiz(s, clock)
        await s.quiz.stop(quiz.id, user_id=ALICE)
        for cap, typed in ((1, "softmax divisor"), (5, "the randomness")):
            answer = await attempt_id(s, BOB, typed)
            results = await opened_at_once(s, engine, clock, cap, answer, answer)
            refused = [r for r in results if isinstance(r, BaseException)]
            assert len(refused) == 1, results
            assert isinstance(refused[0], AlreadyOpen), repr(refused[0])
    finally:
        for feature in reversed(s._features):
            await feature.close()
