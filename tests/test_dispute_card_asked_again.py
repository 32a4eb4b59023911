"""**I was right** under an old verdict, pressed while a question on the same card is open again in the server (a
channel quiz, or the daily question before its reveal).

The notice of an accepted dispute waits while its card is asked again: "*X* now counts as right" names an answer
the open question takes. Pressing the old button said the same in other words ("That answer was disputed already,
and the dispute was accepted", or "The moderators have accepted that answer since: it counts as right now"), and
the player then typed *X* to the open question and scored. Now every earlier answer to the card gets one reply while
it is asked again, decided or not (a reply for the decided ones alone would point at them); an answer to the open
question itself is disputed as usual, and once the question closes the old button says what it said before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from quiz_support import quiz_asking

from bot.core.errors import UserError
from bot.core.service import Services
from tests.disputes_support import BOB, G, accepted_practice_answer

CH2, ALICE, DAN = 201, 1, 4
TEMPERATURE = "mini:temperature"


async def _open_question(s: Services):
    quiz, question = await quiz_asking(s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH2)
    assert question is not None and question.card.key == TEMPERATURE
    return quiz


async def _press(s: Services, user_id: int, attempt_id: int) -> str:
    with pytest.raises(UserError) as refused:
        await s.disputes.open_dispute(guild_id=G, user_id=user_id, user_name="x", attempt_id=attempt_id)
    return str(refused.value)


async def _practice_answer(s: Services, user_id: int, typed: str) -> int:
    quiz, _ = await quiz_asking(
        s, TEMPERATURE,
        user_id=user_id, user_name="x", guild_id=G, channel_id=200, private=True, card_keys=[TEMPERATURE]
    )
    said = await s.quiz.answer(quiz.id, user_id=user_id, user_name="x", response=typed)
    await s.quiz.stop(quiz.id, user_id=user_id)
    assert said.attempt_id is not None and not said.verdict.correct
    return said.attempt_id


async def test_an_accepted_answer_is_not_confirmed_by_its_old_button_while_the_card_is_asked(services) -> None:
    """Bob's "randomness dial" was accepted for the temperature card; he has not been told yet. A channel quiz
    asks that card. Expected: pressing I was right under his old verdict does not say the dispute was accepted
    (the answer would score now), and the reply is the same as for an answer nobody decided on."""
    s = services
    verdict, decision = await accepted_practice_answer(s, TEMPERATURE, "randomness dial")
    assert not verdict.correct and decision.accepted
    (old,) = decision.regraded
    undecided = await _practice_answer(s, DAN, "softmax scale")
    quiz = await _open_question(s)

    told = await _press(s, BOB, old.attempt_id)
    assert "accepted" not in told and "counts as right" not in told, told
    assert told == await _press(s, DAN, undecided)  # (nothing tells the decided answer from the others)
    # An answer to the open question itself is disputed as usual (the moderators decide it once it closes).
    alices = await s.quiz.answer(quiz.id, user_id=ALICE, user_name="alice", response="softmax scale")
    assert alices.attempt_id is not None and not alices.verdict.correct
    opened = await s.disputes.open_dispute(guild_id=G, user_id=ALICE, user_name="alice", attempt_id=alices.attempt_id)
    assert opened.status == "open"
    # (what the reply kept back: the answer scores on the open question)
    assert (await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="randomness dial")).verdict.correct

    await s.quiz.close_question(quiz.id, 1)
    assert "accepted" in await _press(s, BOB, old.attempt_id)
    assert (await s.disputes.open_dispute(guild_id=G, user_id=DAN, user_name="dan", attempt_id=undecided)).status == "open"


async def test_an_answer_corrected_by_another_players_accept_is_not_confirmed_while_the_daily_asks_the_card(
    services,
) -> None:
    """Dan typed "randomness dial" too; Bob's accept corrected his answer. The daily question then asks the card.
    Expected: Dan's old button does not tell him "it counts as right now" before the daily's reveal."""
    s = services
    dans = await _practice_answer(s, DAN, "randomness dial")
    _verdict, decision = await accepted_practice_answer(s, TEMPERATURE, "randomness dial")
    assert DAN in decision.players
    now = s.now()
    async with s.store.transaction() as db:
        await s.daily.queries.insert_claim(
            db, guild_id=G, day=date(2026, 1, 5), zone="UTC", card_key=TEMPERATURE, channel_id=CH2,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
        await db.execute("UPDATE daily_posts SET state = 'posted', revealed_at = NULL WHERE guild_id = ?", (G,))
    s.quiz.daily_claimed(G, TEMPERATURE)  # (as the daily's claim tells the quizzes)
    told = await _press(s, DAN, dans)
    assert "counts as right" not in told and "accepted" not in told, told
    assert "being asked" in told
