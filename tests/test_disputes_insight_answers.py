"""The moderators' insight (/disputes stats, /deck stats) and dispute pages: common wrong answers grouped as the
grader tells them apart, and no answer to an open question shown under another card."""

from __future__ import annotations

from quiz_support import quiz_asking

from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, DAN, EVE, MOD = 1, 2, 3, 4, 5, 99
L1, L2 = "mini:l1-regularization", "mini:l2-regularization"

RELU_DECK = b"""deck: activations
title: Activations
cards:
  - id: relu-active
    term: positive inputs
    question: For which inputs x does ReLU have a derivative of 1? Give the inequality.
    answer: ReLU's derivative is 1 where **x > 0** and 0 where x < 0.
    accept: [x > 0]
    tags: [activations]
"""


async def _channel_question(s: Services, clock, card_key: str, answers, *, channel: int = CH, close: bool = True):
    quiz, _ = await quiz_asking(
        s, card_key, user_id=ALICE, user_name="alice", guild_id=G, channel_id=channel, seconds=60
    )
    for user_id, text in answers:
        await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)
        clock.tick(0.5)
    if close:
        await s.quiz.close_question(quiz.id, 1)
        await s.quiz.finish(quiz.id)
    return quiz


async def test_common_wrong_answers_do_not_merge_answers_the_grader_tells_apart(core_services, clock):
    """The grader keeps a formula's comparisons ("x <= 0" is not "x < 0" nor "x = 0"), but the insight groups wrong
    answers by ``normalise``, which drops them: a moderator reads one answer typed 3 times where three different
    answers were typed once each (and decides disputes, or fixes the card, on that)."""
    s = core_services
    preview = await s.decks.preview(G, "activations.yaml", RELU_DECK, "activations", user_id=MOD)
    await s.decks.confirm(G, preview.token, user_id=MOD)
    card = s.catalog.named(G, "activations").cards[0]
    await _channel_question(s, clock, card.key, [(BOB, "x = 0"), (CAROL, "x <= 0"), (DAN, "x < 0")])

    insight = await s.disputes.insight(G)
    (found,) = insight.cards
    assert (found.answers, found.correct) == (3, 0)
    shown = sorted((w.text, w.times) for w in found.wrong_answers)
    assert shown == [("x < 0", 1), ("x <= 0", 1), ("x = 0", 1)], shown


async def test_insight_does_not_list_an_open_questions_answer_among_another_cards_wrong_answers(
    core_services, clock
):
    """While a channel quiz asks the L2 card, /disputes stats leaves that card out, but lists "L2" and "ridge"
    (its answers) as the most common wrong answers of the L1 card beside it: a moderator playing the quiz reads
    the open question's answer there."""
    s = core_services
    await _channel_question(s, clock, L1, [(BOB, "L2"), (CAROL, "ridge"), (DAN, "L2"), (EVE, "lasso")])
    clock.tick(60)
    await _channel_question(s, clock, L2, [], channel=CH + 1, close=False)  # the L2 card's question is open
    assert L2 in await s.quiz.hidden_cards(G)

    insight = await s.disputes.insight(G, "mini")
    listed = {w.text.lower() for c in insight.cards for w in c.wrong_answers}
    assert not listed & {"l2", "ridge"}, listed
    assert "l2" not in (await s.disputes.insight_csv(G, "mini")).lower()


async def test_a_dispute_page_does_not_show_a_typed_answer_that_is_an_open_questions_answer(core_services, clock):
    """bob typed "ridge" to the L1 card and disputes it. While a channel quiz asks the L2 card (answer: ridge),
    /disputes review shows that page in full: "Typed answer: ridge", with Accept and Reject, to a moderator
    who may be playing the L2 question (README: while a question is played its answers are not shown)."""
    s = core_services
    await _channel_question(s, clock, L1, [(BOB, "ridge")])
    async with s.store.read() as db:
        (row,) = await db.execute_fetchall("SELECT id FROM attempts WHERE user_id = ? AND response = 'ridge'", (BOB,))
    await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=int(row["id"]))
    clock.tick(60)
    await _channel_question(s, clock, L2, [], channel=CH + 1, close=False)  # the L2 card's question is open

    page = await s.disputes.page(G)
    assert page is not None and page.dispute.response == "ridge"
    assert page.typed_hidden, "the typed answer (the open L2 question's answer) is shown to moderators"
