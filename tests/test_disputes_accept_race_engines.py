"""Two moderators, in two processes sharing one PostgreSQL database, accept at once two disputes of answers to
one question that settle each other (dan's "Softmax divisor!" and bob's later "the softmax divisor", bob's
first answer "softmax divisor" being the one an accept corrects). On SQLite the second accept waits for the
first and is told plainly the dispute was accepted already; on PostgreSQL it must be the same, never a
"deadlock detected" storage error."""

from __future__ import annotations

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from race_support import overlap, run_overlapping

from bot.core.disputes import DisputeService
from bot.core.errors import Conflict
from bot.core.service import Services
from tests.test_disputes_core import ALICE, BOB, DAN, MOD, PROMPT, G
from tests.test_disputes_same_question import twice_answered_quiz


async def attempt_of(s: Services, user_id: int, response: str) -> int:
    async with s.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND response = ? ORDER BY id", (user_id, response)
        )
    return int(rows[0]["id"])


async def test_two_accepts_at_once_that_settle_each_others_dispute_tell_the_later_one_it_was_accepted(
    engine: Engine, clock
) -> None:
    """The accept that runs first corrects bob's first answer and dan's, and settles both disputes; the other
    moderator's accept, clicked meanwhile in another process, is refused with "That dispute was accepted
    already." (a Conflict, not a storage failure). bob and dan get their points once."""
    s = await started_services(await engine.open(), clock)
    other = DisputeService(store=await engine.open(), catalog=s.catalog, clock=clock)
    await other.start()
    try:
        quiz_id = await twice_answered_quiz(s, clock)
        await s.quiz.stop(quiz_id, user_id=ALICE)
        bobs = await s.disputes.open_dispute(
            guild_id=G, user_id=BOB, user_name="bob", attempt_id=await attempt_of(s, BOB, "the softmax divisor"),
            prompt=PROMPT,
        )  # fmt: skip
        dans = await s.disputes.open_dispute(
            guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_of(s, DAN, "Softmax divisor!"),
            prompt=PROMPT,
        )  # fmt: skip

        state = overlap(s.store, other.store)
        first, second = await run_overlapping(
            state,
            s.disputes.accept(dans.id, guild_id=G, moderator_id=MOD),
            other.accept(bobs.id, guild_id=G, moderator_id=MOD + 1),
        )
        assert not isinstance(first, BaseException) and first.accepted, first
        assert isinstance(second, Conflict) and second.code == "dispute.already_decided", repr(second)
        async with s.store.read() as db:
            statuses = await db.execute_fetchall("SELECT status FROM disputes ORDER BY id")
            points = await db.execute_fetchall(
                "SELECT user_id, SUM(points) AS p FROM attempts GROUP BY user_id ORDER BY user_id"
            )
        assert [r["status"] for r in statuses] == ["accepted", "accepted"]
        assert [(r["user_id"], r["p"]) for r in points] == [(BOB, 10), (DAN, 5)]
    finally:
        for feature in reversed(s._features):
            await feature.close()
