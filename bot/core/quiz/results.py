"""A quiz's results: the reveal of a closed question and the summary of a finished quiz.

The summary is made from the stored attempts; when the database cannot be read it is made from what the
live quiz remembers of the answers it wrote (``LiveQuiz.tally``), so a quiz always ends with its summary.
"""

from __future__ import annotations

import logging

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.quiz.models import HardQuestion, LiveQuestion, LiveQuiz, Reveal, Summary
from bot.core.storage.quiz_queries import PlayerTotal, QuizResults
from bot.core.text import plain

log = logging.getLogger(__name__)


def make_reveal(
    quiz: LiveQuiz, question: LiveQuestion, *, withheld: bool = False, elsewhere: bool = False, stated: bool = False
) -> Reveal:
    """The reveal of a closed question: answer, excerpt, winners (the first one first, then by points). With
    ``withheld`` (the server's daily question asks the card, and is open still), ``elsewhere`` (practice: a
    question open elsewhere asks it) or ``stated`` (the card's text states the answer of a question open now), no
    answer nor excerpt."""
    stated = stated and not (withheld or elsewhere)
    withheld = withheld or elsewhere or stated
    # (a right answer whose commit is still unconfirmed may not be stored: not named, only counted as such)
    known = [w for w in question.solved.values() if w.user_id not in question.unconfirmed]
    winners = sorted(known, key=lambda w: (not w.first, -w.points))
    return Reveal(
        number=question.number,
        total=quiz.total,
        card=question.card,
        prompt=question.prompt,
        answer="" if withheld else question.prompt.answer,
        excerpt="" if withheld else prompts.excerpt(question.card),
        winners=winners,
        attempts=question.attempts,
        players=len(question.answered),
        last=question.number >= quiz.total,
        withheld=withheld,
        withheld_elsewhere=elsewhere and withheld,
        withheld_stated=stated,
        unconfirmed=len(question.solved) - len(known),
    )


def hardest_question(results: QuizResults, catalog: Catalog, quiz: LiveQuiz | None) -> HardQuestion | None:
    """The question with the lowest share of players right (then the most answers), as it was asked: the card
    the live quiz asked (a deck removed or imported again since changes nothing of it), else the loaded one."""
    texts = {x.card.key: x.prompt.text for x in quiz.asked} if quiz is not None else {}
    asked = {x.card.key: x.card for x in quiz.asked} if quiz is not None else {}
    hardest: HardQuestion | None = None
    worst: tuple[float, int] | None = None
    for key, total in sorted(results.cards.items()):
        card = asked.get(key) or catalog.card(key)
        if card is None or not total.players:
            continue
        rank = (total.correct / total.players, -total.attempts)
        if worst is None or rank < worst:
            worst = rank
            hardest = HardQuestion(
                card, texts.get(key, plain(card.question)), total.correct, total.players, prompts.review_label(card)
            )
    return hardest


def to_review(quiz: LiveQuiz | None, results: QuizResults | None, catalog: Catalog) -> tuple[str, ...]:
    """Practice: the cards the player did not get right, by name, in the order they were asked."""
    if quiz is not None:
        # A card whose reveal kept its answer back (the server's daily question asks it, and still scores) is
        # called by its question: its term or short answer would give that answer away.
        labels = [
            prompts.question_label(q.card) if q.reveal is not None and q.reveal.withheld else prompts.review_label(q.card)
            for q in quiz.asked
            if q.closed and quiz.starter_id not in q.solved
        ]
    elif results is not None:
        labels = [
            prompts.review_label(c) for key, t in sorted(results.cards.items()) if not t.correct and (c := catalog.card(key))
        ]
    else:
        labels = []
    return tuple(dict.fromkeys(labels))


def make_summary(
    results: QuizResults, catalog: Catalog, *, quiz: LiveQuiz | None = None, status: str | None = None
) -> Summary:
    """The summary of a quiz from its stored results (``quiz``: the live state, when still in memory)."""
    ranking = results.players
    asked = len(quiz.asked) if quiz is not None else max(results.quiz.asked, len(results.cards))
    return Summary(
        quiz_id=results.quiz.id,
        status=status or results.quiz.status,
        topic=results.quiz.topic,
        private=results.quiz.private,
        asked=asked,
        total=results.quiz.total,
        ranking=ranking,
        correct=sum(p.correct for p in ranking),
        attempts=sum(p.attempts for p in ranking),
        hardest=hardest_question(results, catalog, quiz),
        review=to_review(quiz, results, catalog) if results.quiz.private else (),
    )


def summary_from_memory(quiz: LiveQuiz, catalog: Catalog, status: str) -> Summary:
    """The summary from what the live quiz remembers (the database could not be read)."""
    ranking = sorted(quiz.tally.values(), key=lambda p: (-p.points, -p.correct, p.user_id))
    return Summary(
        quiz_id=quiz.id,
        status=status,
        topic=quiz.topic,
        private=quiz.private,
        asked=len(quiz.asked),
        total=quiz.total,
        ranking=ranking,
        correct=sum(p.correct for p in ranking),
        attempts=sum(p.attempts for p in ranking),
        hardest=None,
        review=to_review(quiz, None, catalog) if quiz.private else (),
    )


def counted(tally: dict[int, PlayerTotal], user_id: int, name: str, points: int, correct: bool) -> None:
    """Add one written answer to a live quiz's tally."""
    old = tally.get(user_id) or PlayerTotal(user_id, name, 0, 0, 0)
    tally[user_id] = PlayerTotal(user_id, name, old.points + points, old.correct + int(correct), old.attempts + 1)
