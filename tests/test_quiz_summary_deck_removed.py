"""A channel quiz's summary names its hardest question as it was asked, even when the deck of that question was
removed (or imported again with another answer) before the quiz ended: "Hardest question" is not handed to an
easier one, nor left out."""

from __future__ import annotations

from test_deck_admin_core import CSV, GUILD, imported

from bot.core.service import Services

CHANNEL, ANN, BOB = 77, 5, 6
LIFE = "What is the basic unit of life?"


async def play_two_questions(s: Services, deck_id: str) -> str:
    keys = [f"{deck_id}:basic-unit-of-life", "mini:bert"]
    quiz = await s.quiz.start_quiz(
        user_id=ANN, user_name="ann", guild_id=GUILD, channel_id=CHANNEL, card_keys=keys, questions=2
    )
    first = s.quiz.open_question(quiz.id)
    assert first is not None and first.card.key == keys[0]
    for user_id, name in ((ANN, "ann"), (BOB, "bob")):
        said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=name, response="no idea")
        assert not said.verdict.correct
    await s.quiz.close_question(quiz.id, first.number)
    second = s.quiz.open_question(quiz.id)
    assert second is not None and second.card.key == keys[1]
    said = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=second.prompt.answer)
    assert said.verdict.correct
    return quiz.id


async def test_the_hardest_question_of_a_removed_deck_is_still_named(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    quiz_id = await play_two_questions(s, done.deck_id)
    await s.decks.remove(GUILD, "biology")  # while the quiz's last question is open
    summary = await s.quiz.finish(quiz_id)
    hardest = summary.hardest
    assert hardest is not None, "the summary lost its hardest question"
    assert hardest.text == LIFE and (hardest.correct, hardest.players) == (0, 2), (
        f"the hardest question shown is {hardest.text!r} ({hardest.correct}/{hardest.players} got it)"
    )


async def test_the_hardest_question_is_the_card_as_asked_after_a_reimport(core_services: Services) -> None:
    s = core_services
    _, done = await imported(s)
    quiz_id = await play_two_questions(s, done.deck_id)
    fixed = CSV.replace(b"What is the basic unit of life?,the cell", b"What is the basic unit of life?,protoplasm")
    await imported(s, data=fixed)
    summary = await s.quiz.finish(quiz_id)
    hardest = summary.hardest
    assert hardest is not None and hardest.text == LIFE
    assert hardest.card.answer == "the cell", "the summary names the card as re-imported, not as asked"
