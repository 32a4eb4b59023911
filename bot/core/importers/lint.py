"""Warnings about deck text students read badly: hard-wrapped lines, doubled spaces, a "Why" that stops.

These never stop a deck from loading; ``tutorbot validate`` lists them so an author can tidy the text.
"""

from __future__ import annotations

import logging
import re

from bot.core.decks import Problem
from bot.core.importers.layout import hard_wrapped
from bot.core.models import Deck
from bot.core.prompts import excerpt

log = logging.getLogger(__name__)

__all__ = ["text_warnings"]

_DOUBLE_SPACE = re.compile(r"\S {2,}\S")


def _prose_lines(text: str) -> list[str]:
    """The lines of ``text`` outside code fences (where spaces line things up on purpose)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return out


def text_warnings(deck: Deck) -> list[Problem]:
    """Each card field that is hard-wrapped or has doubled spaces, and each card whose reveal excerpt
    (the first paragraph of its answer) ends on a colon, as ``Problem``s naming file, card and field."""
    out: list[Problem] = []
    file = deck.source or deck.id
    for card in deck.cards:
        for name in ("question", "answer", "note"):
            value = getattr(card, name) or ""
            if hard_wrapped(value):
                out.append(Problem(file, card.id, name, "hard line breaks inside a paragraph; join the lines"))
            if any(_DOUBLE_SPACE.search(line.strip()) for line in _prose_lines(value)):
                out.append(Problem(file, card.id, name, "doubled spaces; use one"))
        if card.answer and excerpt(card).rstrip().endswith(":"):
            out.append(
                Problem(
                    file,
                    card.id,
                    "answer",
                    "the first paragraph (the reveal's \"Why\") ends on a colon; keep the list it introduces in the "
                    "same paragraph, or end the sentence",
                )
            )
    return out
