"""Answers an accepted dispute corrects, seen from the players who typed them.

- A player presses "I was right" under an old verdict whose answer another player's accepted dispute has corrected
  since: they are told it counts as right now and their points came back, not that a right answer cannot be disputed.
- An accept settles the open dispute of another player whose disputed answer it makes right, also when that player
  got the question right with a later try: the moderators are not left to decide again what the server accepts now,
  and the player hears that the answer counts as right (no points: they scored on that question already).
"""

from __future__ import annotations

import pytest
from quiz_support import answered_in_turn, quiz_asking

from bot.core.errors import UserError
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, DAN, MOD = 1, 2, 3, 4, 99
TEMPERATURE = "mini:temperature"
FIRST_ANSWERS = [(BOB, "bob", "softmax divisor"), (CAROL, "carol", "temperature"), (DAN, "dan", "Softmax divisor!")]


async def _answer_id(s: Services, user_id: int, response: str) -> int:
    async with s.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND response = ? ORDER BY id", (user_id, response)
        )
    return int(rows[0]["id"])


async def _quiz(s: Services, clock, answers: list[tuple[int, str, str]]) -> None:
    """alice's channel quiz asking the temperature card, answered as ``answers``; the question closed."""
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, seconds=60)
    await answered_in_turn(s, quiz.id, clock, answers)
    await s.quiz.close_question(quiz.id, 1)


async def test_an_answer_corrected_by_another_players_accept_says_it_counts_as_right_now(core_services, clock):
    s = core_services
    await _quiz(s, clock, FIRST_ANSWERS)
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


async def test_an_accept_settles_the_dispute_of_a_player_right_on_a_later_try(core_services, clock):
    s = core_services
    await _quiz(s, clock, [
        (BOB, "bob", "softmax divisor"),
        (DAN, "dan", "Softmax divisor!"),
        (CAROL, "carol", "temperature"),
        (DAN, "dan", "temperature"),  # dan tries again, right this time
    ])  # fmt: skip
    dans = await s.disputes.open_dispute(
        guild_id=G, user_id=DAN, user_name="dan", attempt_id=await _answer_id(s, DAN, "Softmax divisor!")
    )
    bobs = await s.disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=await _answer_id(s, BOB, "softmax divisor")
    )

    decision = await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)

    assert decision.players == (BOB,)  # dan was right on that question already: no second score
    assert (await s.stats.stats(G, DAN)).points_total == WINDOW_POINTS
    assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
    # dan's dispute is decided with it: nothing is left in the queue for the moderators
    assert await s.disputes.page(G) is None
    (told,) = await s.disputes.take_notices(G, DAN)
    assert (told.id, told.status, told.restored) == (dans.id, "accepted", 0)
