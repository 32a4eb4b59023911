"""A text typed again for the same open question gets the verdict it got before, but only while nothing that
decides the verdict has changed: answers the server accepted meanwhile, or the decks' terms, grade it afresh.
Run on the core with a real SQLite file (conftest's ``core_services``)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.decks import load_decks
from bot.core.grading import register_deck_terms
from bot.core.models import VerdictKind
from bot.core.service import Services

G, CH = 100, 200
EXTRA_DECK = """deck: extra
title: Extra
description: One more name for the grader to know.
cards:
  - id: temperatura
    term: temperatura
    question: What is the Spanish word for temperature?
    answer: temperatura
    accept: [temperatura]
    tags: [extra]
"""


@pytest.fixture
def services(core_services: Services) -> Services:
    return core_services


@pytest.fixture
def more_terms(services: Services) -> Iterator[list]:
    """The extra deck, to make its names known terms; the catalog's own names are known again afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "extra.yaml").write_text(EXTRA_DECK, encoding="utf-8")
        extra = load_decks(Path(tmp))
    try:
        yield extra
    finally:
        register_deck_terms(services.catalog.all_decks().values())


async def temperature_question(services: Services) -> str:
    quiz = await services.quiz.start_quiz(user_id=1, user_name="host", guild_id=G, channel_id=CH, seconds=60)
    quiz.plan = [(services.catalog.card("mini:temperature"), "question")] * 2
    services.quiz.open_question(quiz.id)
    return quiz.id


async def answer(services: Services, quiz_id: str, user_id: int, text: str):
    return await services.quiz.answer(quiz_id, user_id=user_id, user_name=f"p{user_id}", response=text)


async def test_players_typing_the_same_text_get_the_same_verdict(services: Services) -> None:
    quiz_id = await temperature_question(services)
    first = await answer(services, quiz_id, 11, "temprature")
    again = await answer(services, quiz_id, 12, "temprature")
    wrong = [await answer(services, quiz_id, 13 + n, "top-k sampling") for n in range(2)]
    assert first.verdict == again.verdict and first.verdict.kind is VerdictKind.CORRECT
    assert first.first and not again.first and again.points < first.points
    assert wrong[0].verdict == wrong[1].verdict and wrong[0].verdict.kind is not VerdictKind.CORRECT


async def test_an_answer_the_server_accepts_mid_question_is_graded_afresh(services: Services) -> None:
    accepted: list[str] = []
    services.quiz.overlay = lambda guild_id, card_key, direction, card=None: tuple(accepted)
    quiz_id = await temperature_question(services)
    before = await answer(services, quiz_id, 11, "the spice dial")
    accepted.append("the spice dial")  # a moderator accepts it (a dispute) while the question is open
    after = await answer(services, quiz_id, 12, "the spice dial")
    assert before.verdict.kind is not VerdictKind.CORRECT
    assert after.verdict.kind is VerdictKind.CORRECT


async def test_a_change_of_the_decks_terms_mid_question_grades_the_text_afresh(
    services: Services, more_terms: list
) -> None:
    quiz_id = await temperature_question(services)
    before = await answer(services, quiz_id, 11, "temperatura")
    register_deck_terms([*services.catalog.all_decks().values(), *more_terms])  # a deck naming it is loaded
    after = await answer(services, quiz_id, 12, "temperatura")
    assert before.verdict.kind is VerdictKind.CORRECT  # a typo of "temperature" …
    assert after.verdict.kind is VerdictKind.ALMOST  # … until it is another card's name


async def test_the_next_question_grades_every_text_afresh(services: Services) -> None:
    quiz_id = await temperature_question(services)
    await answer(services, quiz_id, 11, "temprature")
    quiz = services.quiz.get(quiz_id)
    assert quiz is not None and quiz.question is not None
    first_question = quiz.question
    await services.quiz.close_question(quiz_id, first_question.number)
    assert not first_question.verdicts  # a closed question keeps nothing
    # (the same card asked again: by another quiz, as a quiz does not ask again a card its reveal answered)
    await services.quiz.finish(quiz_id)
    second = await services.quiz.start_quiz(user_id=2, user_name="host2", guild_id=G, channel_id=CH, seconds=60)
    second.plan = [(services.catalog.card("mini:temperature"), "question")]
    services.quiz.open_question(second.id)
    again = await answer(services, second.id, 11, "temprature")
    assert again.verdict.kind is VerdictKind.CORRECT and again.first
