"""What every importer shares: the result types, reading a file, slugs, and delimited rows."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.decks import CARD_ID_MAX, DECK_ID_MAX
from bot.core.models import Card, Deck
from bot.core.text import fold

log = logging.getLogger(__name__)

#: The longest tag an importer makes.
TAG_MAX_LEN = 40


@dataclass(frozen=True, slots=True)
class Flag:
    """A card imported with something to check: what was changed or what is missing."""

    card_id: str
    line: int | None
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        """Every reason, in one line."""
        return "; ".join(self.reasons)

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.card_id}{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """A line that could not be read as a card (or was read with a guess)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(slots=True)
class ImportResult:
    """The imported deck, the cards to check, and the lines that could not be read."""

    deck: Deck
    flagged: list[Flag] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def cards(self) -> tuple[Card, ...]:
        """The deck's cards."""
        return self.deck.cards


@dataclass(slots=True)
class RawCard:
    """A question/answer pair as read from a file, before cleaning."""

    question: str
    answer: str
    line: int
    tags: list[str] = field(default_factory=list)


def slugify(text: str, *, max_words: int | None = None, max_len: int = CARD_ID_MAX) -> str:
    """Lowercase ASCII slug: ``"Mode Collapse: what?"`` -> ``"mode-collapse-what"``, cut at a word."""
    words = fold(text).split()
    if max_words is not None:
        words = words[:max_words]
    slug = "-".join(words)
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
    return slug.strip("-")


def tag_slug(tag: str) -> str:
    """A tag as a slug (``Sentiment_Analysis`` -> ``sentiment-analysis``)."""
    return slugify(tag.replace("_", " "), max_len=TAG_MAX_LEN)


def split_tags(value: str) -> list[str]:
    """Tags written in one cell, separated by spaces or ``;``."""
    return [t for t in re.split(r"[\s;]+", value) if t]


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (with or without BOM), falling back to cp1252 for old exports."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def deck_id_for(path: Path, deck_id: str | None) -> str:
    """The deck id to use: the one given, else the file's name, as a slug that fits the validator's cap."""
    return slugify(deck_id or path.stem, max_len=DECK_ID_MAX) or "deck"


def csv_rows(
    text: str,
    delimiter: str,
    *,
    file: str,
    warnings: list[ImportWarning],
    unreadable: str,
    line_offset: int = 0,
) -> Iterator[tuple[int, list[str]]]:
    """The non-empty CSV-style rows of ``text``, each with the (1-based) number of the line it starts on.

    A row the csv module cannot read ends the rows, with the warning "unreadable {unreadable} (why); the
    rest of the file skipped".
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', skipinitialspace=False)
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = f"unreadable {unreadable} ({exc}); the rest of the file skipped"
            warnings.append(ImportWarning(file, last + 1 + line_offset, message))
            return
        start = last + 1
        last = reader.line_num
        if any(cell.strip() for cell in row):
            yield start + line_offset, row
