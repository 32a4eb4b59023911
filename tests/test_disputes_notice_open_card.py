"""A decided dispute is told to its player the next time they answer ("📬 The moderators agreed: *X* now counts
as right in this server"). While a question on that card is open in the server again and still scores, that
notice names an answer it accepts: it waits until the question closes (and so does /stats' list of the player's
decided disputes)."""

from __future__ import annotations

from quiz_support import quiz_asking

from bot.core.service import Services
from cogs._verdicts import dispute_line, notice_line
from tests.disputes_support import BOB, G, accepted_practice_answer

CH2, ALICE = 201, 1
TEMPERATURE = "mini:temperature"


async def test_an_accept_is_not_told_while_its_card_is_asked_again(services: Services) -> None:
    """Bob's "randomness dial" for the temperature card was accepted. A channel quiz in the server now asks that
    card: when Bob answers it (the moment notices are told), his feedback must not read "randomness dial now
    counts as right" — that is a right answer to the open question. Nor does /stats list it as accepted
    meanwhile. Once the question closes he is told, as usual."""
    _verdict, decision = await accepted_practice_answer(services, TEMPERATURE, "randomness dial")
    assert decision.accepted
    quiz, question = await quiz_asking(
        services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH2
    )
    assert question is not None and question.card.key == TEMPERATURE
    said = await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="top-k")
    assert not said.verdict.correct
    told = await services.disputes.take_notices(G, BOB)
    shown = [notice_line(d) for d in told] + [dispute_line(d) for d in await services.disputes.recent(G, BOB)]
    assert not any("randomness dial" in line for line in shown), shown
    # the typed answer would score now: this is what the notice gave away
    assert (await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="randomness dial")).verdict.correct
    await services.quiz.close_question(quiz.id, 1)
    (later,) = await services.disputes.take_notices(G, BOB)
    assert "randomness dial" in notice_line(later) and later.status == "accepted"
