"""The directions a card is asked in, and the answer as players read it (reveal, option, hint)."""

from __future__ import annotations

import logging

from bot.core.models import Card
from bot.core.text import clip_words, plain

log = logging.getLogger(__name__)

__all__ = [
    "DIRECTIONS", "EXCERPT_MAX", "QUESTION", "TERM", "answer_label", "excerpt", "question_label", "review_label",
    "two_way",
]

QUESTION = "question"
TERM = "term"
DIRECTIONS = (QUESTION, TERM)
EXCERPT_MAX = 300
REVIEW_LABEL_MAX = 60
#: The answers of a question that has only two (yes or no, true or false), by the answer a card gives.
_TWO_WAY = {"yes": ("Yes", "No"), "no": ("Yes", "No"), "true": ("True", "False"), "false": ("True", "False")}


def excerpt(card: Card, limit: int = EXCERPT_MAX) -> str:
    """A short excerpt of the card's explanation for the reveal: the first paragraph, clipped."""
    text = plain(card.answer)
    first = text.split("\n\n", 1)[0].replace("\n", " ")
    return clip_words(first, limit)


def answer_label(card: Card, direction: str) -> str:
    """The accepted answer as shown to players (reveal, choice button, hint)."""
    if direction == TERM and card.term:
        return card.term
    if card.accept:
        return card.accept[0]
    if card.keypoints:
        return "; ".join(k.split("|", 1)[0].strip() for k in card.keypoints)
    if card.term:
        return card.term
    return excerpt(card, 120)


def review_label(card: Card) -> str:
    """What a card is called in a "to review" list: its term, else its short answer, else its question."""
    if card.term:
        return card.term
    if card.accept and len(card.accept[0]) <= REVIEW_LABEL_MAX:
        return card.accept[0]
    return question_label(card)


def question_label(card: Card) -> str:
    """A card called by its question alone (clipped): for a list that must not name its answer while it still
    scores somewhere (its term, its short answer)."""
    return clip_words(" ".join(plain(card.question).split()), REVIEW_LABEL_MAX)


def two_way(label: str) -> tuple[str, str] | None:
    """The two answers of a yes/no (true/false) question when ``label`` is one of them ("Yes", "no.", "True"),
    written as ``label`` is (lower case for a lower-case label); None for any other answer. Such an answer has no
    hint that does not give it away, and its options are those two."""
    pair = _TWO_WAY.get(" ".join(label.strip().strip(".!").lower().split()))
    if pair is None:
        return None
    return (pair[0].lower(), pair[1].lower()) if label.strip().islower() else pair
