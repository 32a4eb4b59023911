"""While a channel quiz asks a card the term way ("which term is hidden in this explanation?"), the moderators'
insight (/deck stats, /disputes stats) must not list that term among another card's common wrong answers: the
grader takes it as the open question's answer (README: "nor, among another card's common wrong answers, a typed
answer the grader takes for the open question's")."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, DAN = 1, 2, 3, 4
BERT, ATTENTION = "mini:bert", "mini:attention-mechanism"


async def _channel_question(s: Services, clock, card_key: str, answers, *, channel: int = CH,
                            direction: str = "question", close: bool = True) -> None:
    quiz = await s.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=channel, seconds=60)
    quiz.plan = [(s.catalog.card(card_key), direction)]
    s.quiz.open_question(quiz.id)
    for user_id, text in answers:
        await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)
        clock.tick(0.5)
    if close:
        await s.quiz.close_question(quiz.id, 1)
        await s.quiz.finish(quiz.id)


async def test_insight_hides_the_term_an_open_term_question_asks_for(core_services, clock) -> None:
    """bob and carol typed "BERT" to the attention card (wrong). Then a channel quiz asks the BERT card the term
    way: its answer is "BERT". /deck stats should leave "BERT" out of the attention card's common wrong answers
    while that question is open; it lists "BERT ×2" (only answers to the card's *question* are checked)."""
    s = core_services
    bert = s.catalog.card(BERT)
    assert grade_card(bert, "BERT", direction="term").correct  # the open question's answer
    await _channel_question(s, clock, ATTENTION, [(BOB, "BERT"), (CAROL, "BERT"), (DAN, "softmax")])
    clock.tick(60)
    await _channel_question(s, clock, BERT, [], channel=CH + 1, direction="term", close=False)
    assert BERT in await s.quiz.hidden_cards(G)

    insight = await s.disputes.insight(G, "mini")
    listed = {w.text.lower() for c in insight.cards for w in c.wrong_answers}
    assert "softmax" in listed  # (the other wrong answers are still shown)
    assert "bert" not in listed, listed
    assert "bert" not in (await s.disputes.insight_csv(G, "mini")).lower()


TEMPERATURE = "mini:temperature"


async def test_an_answer_accepted_for_the_question_still_lists_as_wrong_where_typed_for_the_term(core_services, clock) -> None:
    """The server accepted "softmax divisor" for the temperature card's question. Typed three times when the card
    was asked the term way, it is still wrong there (graded so), and the moderators' insight lists it as a common
    wrong answer of the card: it used to be dropped as "right now", graded only against the question's answers."""
    from disputes_support import accept_answer

    s = core_services
    await accept_answer(s, TEMPERATURE, "softmax divisor")
    assert s.disputes.overlay_accepts(G, TEMPERATURE, "question") == ("softmax divisor",)
    clock.tick(60)
    await _channel_question(s, clock, TEMPERATURE, [(u, "softmax divisor") for u in (ALICE, CAROL, DAN)], direction="term")
    insight = await s.disputes.insight(G, "mini")
    [card] = [c for c in insight.cards if c.card_key == TEMPERATURE]
    assert card.missed >= 3
    assert "softmax divisor" in [w.text for w in card.wrong_answers], card.wrong_answers
    assert "softmax divisor" in await s.disputes.insight_csv(G, "mini")


async def test_a_term_answer_the_server_accepted_for_the_term_is_dropped_from_the_wrong_answers(core_services, clock) -> None:
    """Answers typed the term way, and then accepted for the term way, are right now: not listed."""
    from disputes_support import accept_answer

    s = core_services
    clock.tick(60)
    await _channel_question(s, clock, TEMPERATURE, [(u, "sampling knob") for u in (CAROL, DAN)], direction="term")
    insight = await s.disputes.insight(G, "mini")
    [card] = [c for c in insight.cards if c.card_key == TEMPERATURE]
    assert "sampling knob" in [w.text for w in card.wrong_answers]
    clock.tick(60)
    await accept_answer(s, TEMPERATURE, "sampling knob", direction="term")
    insight = await s.disputes.insight(G, "mini")
    [card] = [c for c in insight.cards if c.card_key == TEMPERATURE]
    assert "sampling knob" not in [w.text for w in card.wrong_answers], card.wrong_answers
