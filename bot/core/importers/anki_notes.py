"""One Anki note as raw cards: its fields as text, and one card per cloze number of a cloze note."""

from __future__ import annotations

import logging

from bot.core.importers.common import CLOZE_NOTE, RawCard
from bot.core.importers.html_text import html_to_text
from bot.core.importers.terms import cloze_numbers, fill_clozes

log = logging.getLogger(__name__)

__all__ = ["field_text", "note_cards", "strip_html"]


def strip_html(text: str) -> str:
    """Anki HTML to plain text: line breaks kept, tags (and scripts) removed, entities unescaped."""
    return html_to_text(text).text


def field_text(value: str, *, html: bool, remarks: list[str], name: str) -> str:
    """One field as text; what HTML held that text cannot carry is added to ``remarks``."""
    if not html:
        return value
    parsed = html_to_text(value)
    if parsed.images:
        remarks.append(f"{parsed.images} image(s) in the {name} field")
    if parsed.sounds:
        remarks.append(f"{parsed.sounds} sound(s) in the {name} field")
    return parsed.text


def note_cards(
    front: str,
    back: str,
    *,
    line: int,
    tags: list[str],
    html: bool,
    cloze: bool,
    where: str,
    names: tuple[str, str] | None = None,
) -> list[RawCard]:
    """The raw cards of one note: a front/back pair, or one card per cloze number of a cloze note. ``names``
    are the note type's names of the two fields, when the source gives them."""
    unseen: list[str] = []  # (an image or a sound the question is about: the card is incomplete without it)
    remarks: list[str] = []
    question = field_text(front, html=html, remarks=unseen, name="front" if not cloze else "Text")
    answer = field_text(back, html=html, remarks=remarks, name="back" if not cloze else "Back Extra")
    numbers = cloze_numbers(question) if cloze or "{{c" in question else []
    if not numbers:
        return [
            RawCard(question, answer, line, tags, html=html, where=where, remarks=remarks, unseen=unseen, names=names)
        ]
    return [
        RawCard(
            fill_clozes(question, keep=n), answer, line, tags, kind=CLOZE_NOTE, html=html, where=where,
            remarks=remarks, unseen=unseen, names=names,
        )
        for n in numbers
    ]
