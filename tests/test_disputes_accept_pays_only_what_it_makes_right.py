"""An accepted dispute corrects the stored answers that the accepted answer makes right, and no other: an answer
that live grading takes as right without it (one an older grader refused, the bot having been improved since) was
not judged by the dispute, and is neither corrected nor paid by it. Real database, no mocks."""

from __future__ import annotations

from test_disputes_core import (
    BOB,
    DAN,
    EVE,
    MOD,
    G,
    attempt_id,
    dispute_bobs_answer,
    disputes,
    rows,
    temperature_quiz,
)

__all__ = ["disputes"]  # (the fixture)


async def test_an_accept_pays_only_for_the_answers_the_accepted_one_makes_right(core_services, disputes, clock) -> None:
    await temperature_quiz(core_services, clock)
    eves = await attempt_id(core_services, EVE, "randomness")
    async with core_services.store.transaction() as db:
        # eve's answer as an older grader stored it: "temp", judged wrong with no points (today's grader takes it)
        await db.execute("UPDATE attempts SET response = 'temp' WHERE id = ?", (eves,))
    dispute = await dispute_bobs_answer(core_services, disputes)
    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    corrected = {r.user_id for r in decision.regraded}
    assert corrected == {BOB, DAN}  # "softmax divisor" and "Softmax divisor!": made right by the accepted answer
    after = await rows(core_services, "SELECT verdict, points FROM attempts WHERE id = ?", (eves,))
    assert (after[0]["verdict"], after[0]["points"]) == ("wrong", 0)
    board = await rows(core_services, "SELECT user_id FROM attempts WHERE points > 0 AND user_id = ?", (EVE,))
    assert board == []
