"""Once a moderator accepts a dispute, the answer it accepts is right in the server: /deck stats must not go on
listing it among the card's common wrong answers. A player has three tries at a channel-quiz question; an accept
corrects only their first answer it makes right, so a second try with the same answer stays stored as wrong."""

from __future__ import annotations

from quiz_support import quiz_asking

from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, MOD = 1, 2, 3, 99
TEMPERATURE = "mini:temperature"


async def test_an_accepted_answer_is_no_longer_listed_as_a_common_wrong_answer(core_services: Services, clock) -> None:
    """bob types "top k", then "top-k" (both wrong); carol types "entropy". bob disputes "top k" and a moderator
    accepts it: the server now takes "top k" as right. The card's common wrong answers should be "entropy" alone;
    they still list "top-k ×1" (bob's second try, left uncorrected), telling moderators the answer they just
    accepted is a common mistake."""
    s = core_services
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, seconds=60)
    first = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="top k")
    clock.tick(1)
    again = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="top-k")
    clock.tick(1)
    await s.quiz.answer(quiz.id, user_id=CAROL, user_name="carol", response="entropy")
    assert not first.verdict.correct and not again.verdict.correct
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.finish(quiz.id)

    dispute = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=first.attempt_id)
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)

    insight = await s.disputes.insight(G, "mini")
    (card,) = insight.cards
    assert [w.text for w in card.wrong_answers] == ["entropy"], card.wrong_answers
    assert "top" not in (await s.disputes.insight_csv(G, "mini")).lower()
