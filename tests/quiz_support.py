"""A quiz asking a chosen card, for the core tests that answer one question (``from quiz_support import
quiz_asking, answered_in_turn``): the quiz started, its plan set to the card and its first question open."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.core.service import Services


async def quiz_asking(
    s: Services,
    card_key: str,
    *,
    user_id: int,
    user_name: str,
    direction: str = "question",
    **options: Any,
) -> tuple[Any, Any]:
    """A quiz ``user_name`` starts with ``options`` (``start_quiz``'s), whose first question asks ``card_key``
    (by its question, or ``direction``), open: the quiz and the question."""
    quiz = await s.quiz.start_quiz(user_id=user_id, user_name=user_name, **options)
    quiz.plan = [(s.catalog.card(card_key), direction)]
    return quiz, s.quiz.open_question(quiz.id)


async def answered_in_turn(s: Services, quiz_id: str, clock: Any, answers: Iterable[tuple[int, str, str]]) -> list[Any]:
    """Each ``(user_id, name, text)`` of ``answers`` typed to the open question, half a second apart: what the
    bot said to each."""
    said = []
    for user_id, name, text in answers:
        said.append(await s.quiz.answer(quiz_id, user_id=user_id, user_name=name, response=text))
        clock.tick(0.5)
    return said
