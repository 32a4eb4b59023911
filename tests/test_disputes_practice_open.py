"""A dispute of an answer given in private practice: while that practice question still takes answers (tries
left), an accept is refused, so the player cannot have the answer corrected and then answer right again,
counted right twice; once the question closes, the accept goes through."""

from __future__ import annotations

import pytest
from quiz_support import quiz_asking

from bot.core.errors import Conflict
from bot.core.service import Services

G, CH, BOB, MOD = 100, 200, 2, 99
TEMPERATURE = "mini:temperature"


async def practice(s: Services):
    """A private practice whose one question, on the temperature card, is open."""
    quiz, _ = await quiz_asking(
        s, TEMPERATURE, user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True, card_keys=[TEMPERATURE]
    )
    return quiz


async def say(s: Services, quiz, text: str):
    return await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=text)


async def right_of(s: Services) -> tuple[int, int]:
    """Bob's answers on the card and how many count as right."""
    async with s.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT answers, correct FROM user_card_stats WHERE user_id = ? AND card_key = ?", (BOB, TEMPERATURE)
        )
    (row,) = rows
    return row["answers"], row["correct"]


async def test_an_accept_waits_while_the_disputed_practice_question_is_still_open(core_services) -> None:
    s = core_services
    quiz = await practice(s)
    first = await say(s, quiz, "softmax divisor")
    assert not first.verdict.correct and first.tries_left and first.tries_left > 0
    opened = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=first.attempt_id)

    with pytest.raises(Conflict, match="still open") as refused:
        await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.still_open"
    # nothing changed: the answer is still wrong, the server accepts nothing new, the dispute waits
    assert await right_of(s) == (1, 0) and s.disputes.overlay_accepts(G, TEMPERATURE) == ()
    page = await s.disputes.page(G)
    assert page is not None and page.dispute.id == opened.id

    # the player answers right on the next try: that question is right once, not twice
    assert (await say(s, quiz, "temperature")).verdict.correct
    await s.quiz.stop(quiz.id, user_id=BOB)
    decision = await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert decision.accepted and s.disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)
    assert await right_of(s) == (2, 1)


async def test_an_accept_of_a_closed_practice_question_goes_through_while_the_practice_runs(core_services) -> None:
    s = core_services
    quiz = await s.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True, card_keys=[TEMPERATURE, "mini:bert"]
    )
    quiz.plan = [(s.catalog.card(TEMPERATURE), "question"), (s.catalog.card("mini:bert"), "question")]
    s.quiz.open_question(quiz.id)
    first = await say(s, quiz, "softmax divisor")
    await s.quiz.close_question(quiz.id, 1)
    s.quiz.open_question(quiz.id)  # on to the next card
    opened = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=first.attempt_id)

    decision = await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)

    assert [r.attempt_id for r in decision.regraded] == [first.attempt_id]
    assert await right_of(s) == (1, 1)
