"""A player presses "I was right" under an old verdict whose answer another player's accepted dispute has corrected
since: they are told it counts as right now and their points came back, not that a right answer cannot be disputed."""

from __future__ import annotations

import pytest

from bot.core.errors import UserError
from bot.core.scoring import WINDOW_POINTS
from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, DAN, MOD = 1, 2, 3, 4, 99
TEMPERATURE = "mini:temperature"


async def _answer_id(s: Services, user_id: int, response: str) -> int:
    async with s.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND response = ? ORDER BY id", (user_id, response)
        )
    return int(rows[0]["id"])


async def _quiz(s: Services, clock) -> None:
    quiz = await s.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, seconds=60)
    quiz.plan = [(s.catalog.card(TEMPERATURE), "question")]
    s.quiz.open_question(quiz.id)
    for user_id, name, text in [
        (BOB, "bob", "softmax divisor"),
        (CAROL, "carol", "temperature"),
        (DAN, "dan", "Softmax divisor!"),
    ]:
        await s.quiz.answer(quiz.id, user_id=user_id, user_name=name, response=text)
        clock.tick(0.5)
    await s.quiz.close_question(quiz.id, 1)


async def test_an_answer_corrected_by_another_players_accept_says_it_counts_as_right_now(core_services, clock):
    s = core_services
    await _quiz(s, clock)
    bobs = await s.disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=await _answer_id(s, BOB, "softmax divisor")
    )
    decision = await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    assert DAN in decision.players

    # dan's feedback still shows "wrong" with its button: he presses it the next day
    clock.tick(hours=20)
    with pytest.raises(UserError) as e:
        await s.disputes.open_dispute(
            guild_id=G, user_id=DAN, user_name="dan", attempt_id=await _answer_id(s, DAN, "Softmax divisor!")
        )
    assert e.value.code == "dispute.corrected"
    assert "counts as right now" in str(e.value) and "points were given back" in str(e.value)
    assert "correct answer cannot be disputed" not in str(e.value)
    assert (await s.stats.stats(G, DAN)).points_total == WINDOW_POINTS
    assert await s.disputes.page(G) is None  # nothing for the moderators to decide
