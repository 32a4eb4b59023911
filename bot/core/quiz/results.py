"""A quiz's results: the reveal of a closed question and the summary of a finished quiz."""

from __future__ import annotations

import logging

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.quiz.models import HardQuestion, LiveQuestion, LiveQuiz, Reveal, Summary
from bot.core.storage.quiz_queries import QuizResults
from bot.core.text import plain

log = logging.getLogger(__name__)


def make_reveal(quiz: LiveQuiz, question: LiveQuestion) -> Reveal:
    """The reveal of a closed question: answer, excerpt, winners (the first one first, then by points)."""
    winners = sorted(question.solved.values(), key=lambda w: (not w.first, -w.points))
    return Reveal(
        number=question.number,
        total=quiz.total,
        card=question.card,
        prompt=question.prompt,
        answer=question.prompt.answer,
        excerpt=prompts.excerpt(question.card),
        winners=winners,
        attempts=question.attempts,
        players=len(question.answered),
        last=question.number >= quiz.total,
    )


def hardest_question(results: QuizResults, catalog: Catalog, quiz: LiveQuiz | None) -> HardQuestion | None:
    """The question with the lowest share of players right (then the most answers), as it was asked."""
    texts = {x.card.key: x.prompt.text for x in quiz.asked} if quiz is not None else {}
    hardest: HardQuestion | None = None
    worst: tuple[float, int] | None = None
    for key, total in sorted(results.cards.items()):
        card = catalog.card(key)
        if card is None or not total.players:
            continue
        rank = (total.correct / total.players, -total.attempts)
        if worst is None or rank < worst:
            worst = rank
            hardest = HardQuestion(card, texts.get(key, plain(card.question)), total.correct, total.players)
    return hardest


def make_summary(
    results: QuizResults, catalog: Catalog, *, quiz: LiveQuiz | None = None, status: str | None = None
) -> Summary:
    """The summary of a quiz from its stored results (``quiz``: the live state, when still in memory)."""
    ranking = results.players
    return Summary(
        quiz_id=results.quiz.id,
        status=status or results.quiz.status,
        topic=results.quiz.topic,
        private=results.quiz.private,
        asked=len(quiz.asked) if quiz is not None else len(results.cards),
        total=results.quiz.total,
        ranking=ranking,
        correct=sum(p.correct for p in ranking),
        attempts=sum(p.attempts for p in ranking),
        hardest=hardest_question(results, catalog, quiz),
    )
