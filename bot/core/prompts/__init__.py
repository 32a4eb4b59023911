"""Quiz prompts made from card data: the two directions, choice options, hints and practice order.

Everything here is pure (no database, no clock): the random source is passed in, so a seeded
``random.Random`` gives the same prompts, options and order every time.

Directions:
- ``question``: the card's own question, graded against ``accept`` (or ``keypoints`` for essay cards).
- ``term``: a cloze made from the sentences of the card's ``answer`` that define the term, with the term and
  its aliases blanked out, answered with the term or an alias (``cloze``).

- ``labels``: the directions and the answer as players read it;
- ``cloze``: the term-recall prompt;
- ``choices``: options of the same kind as the answer;
- ``hints``: the shape, the first letters, one word;
- ``order``: what one person practises first.

Texts returned here are plain (markdown emphasis removed); each surface escapes them in its own way.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.models import Card
from bot.core.prompts.choices import answer_kind, choice_options
from bot.core.prompts.cloze import BLANK, CLOZE_MAX, URL, clip_text, hide_names, term_prompt_text
from bot.core.prompts.hints import checked_hint_levels, hint_text, max_hint_level
from bot.core.prompts.labels import (
    DIRECTIONS,
    EXCERPT_MAX,
    QUESTION,
    TERM,
    answer_label,
    excerpt,
    question_label,
    review_label,
)
from bot.core.prompts.order import CardHistory, practice_order
from bot.core.text import plain

log = logging.getLogger(__name__)

__all__ = [
    "BLANK", "CLOZE_MAX", "DIRECTIONS", "EXCERPT_MAX", "PROMPT_MAX", "QUESTION", "TERM", "URL",
    "CardHistory", "Prompt", "answer_kind", "answer_label", "choice_options", "clip_text", "directions_for",
    "checked_hint_levels", "excerpt", "hide_names", "hint_text", "make_prompt", "max_hint_level", "practice_order",
    "question_label", "review_label", "term_prompt_text",
]

#: A question is asked whole: a deck's longest (``decks.TEXT_MAX``), a case study that ends with what it asks.
PROMPT_MAX = 4_000


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question as asked: what is shown, how it is graded, what the reveal shows."""

    card_key: str
    direction: str
    text: str
    answer: str  # the accepted answer as shown in the reveal (and the base of hints)
    options: tuple[str, ...] = ()  # choice mode: the labels, in display order
    correct_option: int | None = None
    hint_base: str = ""  # what hints are made from (the short accepted answer)

    @property
    def hint_answer(self) -> str:
        """What the hints are made from."""
        return self.hint_base or self.answer

    @property
    def is_choice(self) -> bool:
        """Whether the question is answered by picking an option."""
        return bool(self.options)


def directions_for(card: Card, mode: str = "typed") -> tuple[str, ...]:
    """The directions in which ``card`` can be asked (in ``choice`` mode the answer must be short)."""
    found: list[str] = []
    if mode == "choice":
        if card.accept:
            found.append(QUESTION)
    else:
        if card.accept or card.keypoints or card.names:
            found.append(QUESTION)
    if term_prompt_text(card) is not None:
        found.append(TERM)
    return tuple(found)


def make_prompt(
    card: Card,
    direction: str,
    *,
    mode: str = "typed",
    pool: Sequence[Card] = (),
    rng: random.Random | None = None,
) -> Prompt:
    """The prompt for ``card`` in ``direction``; in ``choice`` mode with options drawn from ``pool``."""
    if direction == TERM:
        text = term_prompt_text(card)
        if text is None:
            raise ValueError(f"card {card.key} cannot be asked in the term direction")
    elif direction == QUESTION:
        text = clip_text(plain(card.question), PROMPT_MAX)
    else:
        raise ValueError(f"unknown direction {direction!r}")
    label = answer_label(card, direction)
    answer = label
    if direction == TERM and card.aliases:
        answer = f"{card.term} ({', '.join(card.aliases[:3])})"
    if mode != "choice":
        hint_base = "" if card.is_essay and direction == QUESTION else label
        return Prompt(card.key, direction, text, answer, hint_base=hint_base)
    found = choice_options(card, direction, pool, rng or random.Random(0), right=label)
    if found is None:
        raise ValueError(f"no distractors of the same kind for {card.key}")
    options, right = found
    return Prompt(card.key, direction, text, options[right], options, right, hint_base=options[right])
