"""Turning the raw cards of any source into a deck: clean each card, give it a unique id, merge tags."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from bot.core.importers.cleaning import (
    BLANK,
    MISSING,
    base_id,
    drop_notes,
    fill_blanks,
    guess_term,
    split_hashtags,
    tidy,
    unique_id,
)
from bot.core.importers.common import Flag, ImportResult, ImportWarning, RawCard, deck_id_for, tag_slug
from bot.core.models import Card, Deck

log = logging.getLogger(__name__)

# Misspelt tags merged into the right spelling (documented in the package docstring).
TAG_FIXES: dict[str, str] = {
    "mulitmodal": "multimodal",
    "multimodel": "multimodal",
    "optimisation": "optimization",
}


def build_deck(
    raws: Iterable[RawCard],
    *,
    path: Path,
    deck_id: str | None,
    title: str | None,
    warnings: list[ImportWarning],
) -> ImportResult:
    """Clean every raw card and make the deck; what was changed or is missing is listed in ``flagged``.

    The deck id is the one given or the file's name (as a slug); the title the one given or the file's name.
    """
    file = str(path)
    deck_id = deck_id_for(path, deck_id)
    cards: list[Card] = []
    reasons_of: list[list[str]] = []
    lines: list[int] = []
    used: set[str] = set()

    for raw in raws:
        reasons: list[str] = []
        card = _clean(raw, deck_id, used, reasons)
        if card is None:
            warnings.append(ImportWarning(file, raw.line, "card has no question; skipped"))
            continue
        cards.append(card)
        reasons_of.append(reasons)
        lines.append(raw.line)

    cards = _merge_tags(cards, reasons_of)
    flagged = [
        Flag(card.id, line, tuple(reasons))
        for card, line, reasons in zip(cards, lines, reasons_of, strict=True)
        if reasons
    ]
    deck = Deck(id=deck_id, title=title or path.stem, description="", cards=tuple(cards), source=file)
    return ImportResult(deck=deck, flagged=flagged, warnings=warnings)


def _clean(raw: RawCard, deck_id: str, used: set[str], reasons: list[str]) -> Card | None:
    """One card from a raw pair (None when it has no question); each change is added to ``reasons``."""
    question, dropped_q = drop_notes(raw.question)
    answer, dropped_a = drop_notes(raw.answer)
    for reminder in dropped_q + dropped_a:
        reasons.append(f"dropped note {reminder!r}")
    question, hashtags = split_hashtags(question)
    question = tidy(question)
    if not question:
        return None
    tags = list(dict.fromkeys(hashtags + [t for t in (tag_slug(x) for x in raw.tags) if t]))
    term = guess_term(question)

    if BLANK.search(answer):
        if term:
            answer = fill_blanks(answer, term)
            reasons.append(f"blanks filled with {term!r}")
        else:
            reasons.append("blanks left: no term found in the question")

    status = "ok"
    note: str | None = None
    if not answer:
        status, note = "incomplete", "The answer is empty in the source; write the answer."
    elif MISSING.match(answer):
        status = "incomplete"
        note = f"The source answer only says {answer!r}; write the answer."
    if status == "incomplete":
        reasons.append(f"incomplete: {note}")

    card_id = unique_id(base_id(question, term), used)
    used.add(card_id)
    return Card(
        deck=deck_id,
        id=card_id,
        question=question,
        answer=answer,
        term=term,
        tags=tuple(tags),
        status=status,
        note=note,
    )


def _merge_tags(cards: list[Card], reasons_of: list[list[str]]) -> list[Card]:
    """Merge misspelt tags (``TAG_FIXES``) and plurals used next to their singular into one spelling."""
    used = Counter(t for c in cards for t in c.tags)
    mapping: dict[str, str] = {}
    for tag in used:
        if tag in TAG_FIXES:
            mapping[tag] = TAG_FIXES[tag]
        elif tag.endswith("s") and tag[:-1] in used:
            mapping[tag] = tag[:-1]
    if not mapping:
        return cards
    out: list[Card] = []
    for card, reasons in zip(cards, reasons_of, strict=True):
        if any(t in mapping for t in card.tags):
            for t in card.tags:
                if t in mapping:
                    reasons.append(f"tag {t!r} merged into {mapping[t]!r}")
            tags = tuple(dict.fromkeys(mapping.get(t, t) for t in card.tags))
            card = replace(card, tags=tags)
        out.append(card)
    return out
