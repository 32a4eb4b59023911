"""A channel quiz running on a server's deck follows the deck as it is now: after /deck remove ("its cards are no
longer asked") it asks none of the removed deck's cards, and after a re-import that corrects an answer it grades
(and reveals) the corrected one."""

from __future__ import annotations

from test_deck_admin_core import CSV, GUILD, imported

from bot.core.service import Services

CHANNEL, ANN = 77, 5


async def test_a_removed_deck_is_not_asked_by_a_quiz_already_running(core_services: Services) -> None:
    s = core_services
    await imported(s)
    quiz = await s.quiz.start_quiz(
        user_id=ANN, user_name="ann", guild_id=GUILD, channel_id=CHANNEL, topic="biology", questions=5
    )
    first = s.quiz.open_question(quiz.id)
    assert first is not None
    await s.decks.remove(GUILD, "biology")  # "its 5 cards are no longer asked"
    await s.quiz.close_question(quiz.id, first.number)

    after = s.quiz.open_question(quiz.id)
    assert after is None or s.catalog.view(GUILD).sees(after.card.deck), (
        f"the running quiz asked {after.card.key}, a card of the deck just removed"
    )


async def test_a_reimport_that_corrects_an_answer_is_what_a_running_quiz_grades(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    key = f"{done.deck_id}:basic-unit-of-life"
    quiz = await s.quiz.start_quiz(
        user_id=ANN, user_name="ann", guild_id=GUILD, channel_id=CHANNEL, card_keys=[key], questions=1
    )
    # The moderator fixes the card's answer (same question, same card id) before the question opens.
    fixed = CSV.replace(b"What is the basic unit of life?,the cell", b"What is the basic unit of life?,protoplasm")
    _, again = await imported(s, data=fixed)
    assert again.updated == 1 and s.catalog.card(key).answer == "protoplasm"

    question = s.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == key
    said = await s.quiz.answer(quiz.id, user_id=ANN, user_name="ann", response="protoplasm")
    assert said.verdict.correct, "the deck's corrected answer is graded wrong by the quiz already running"
