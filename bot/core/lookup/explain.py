"""A card's explanation as /define shows it: imported answers with ``___`` blanks get the term written in.

The core returns the explanation as data: the pieces of text and which of them are the term written into
a blank, so each surface marks the term its own way (bold on Discord, plain in the terminal).
"""

from __future__ import annotations

import re

from bot.core.models import Card

_BLANKS = re.compile(r"_{3,}")

#: A piece of an explanation: (text, whether it is the term written into a blank).
Segment = tuple[str, bool]


def explanation_segments(card: Card) -> list[Segment]:
    """The card's explanation (stripped) as (text, is the term) pieces; the term fills every ``___`` blank."""
    text = card.answer.strip()
    if not card.term or not _BLANKS.search(text):
        return [(text, False)] if text else []
    out: list[Segment] = []
    for i, part in enumerate(_BLANKS.split(text)):
        if i:
            out.append((card.term, True))
        if part:
            out.append((part, False))
    return out


def explanation(card: Card) -> str:
    """The card's explanation as text, with the term written in where the answer has ``___`` blanks."""
    return "".join(text for text, _ in explanation_segments(card))
