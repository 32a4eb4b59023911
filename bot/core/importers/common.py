"""What every importer shares: the result types, the limits and refusals, reading a file, slugs, and
delimited rows."""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.decks import CARD_ID_MAX, DECK_ID_MAX
from bot.core.errors import Quote, UserError
from bot.core.models import Card, Deck
from bot.core.prompts import QUESTION, TERM, directions_for
from bot.core.text import fold, storable, strip_unsafe

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
    where: str = ""  # "note 3, field 'Back'" when the source has no lines (an Anki package)

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}, {self.where}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """What an import accepts; past a limit the file is refused (``ImportRefused``) with the reason.

    ``max_bytes`` caps a text file (and the YAML of a deck); ``max_cards`` the cards of one deck.
    An Anki package (``.apkg``, a zip holding an SQLite collection and media) is capped by its own size
    (``max_package_bytes``), its number of members (``max_members``) and the uncompressed size of the
    collection read from it (``max_collection_bytes``); media are never unpacked. ``max_yaml_nodes``
    caps the nodes a YAML file may expand to through its aliases (an "alias bomb" is refused).
    """

    max_bytes: int = 2_000_000
    max_cards: int = 5_000
    max_package_bytes: int = 50_000_000
    max_members: int = 20_000
    max_collection_bytes: int = 100_000_000
    max_yaml_nodes: int = 200_000


DEFAULT_LIMITS = ImportLimits()


class ImportRefused(UserError):
    """A file cannot be imported at all: too large, not text, an unknown format, a bomb, no usable card.

    ``code`` says which (``import.too_large``, ``import.not_text``, ``import.too_many_cards``,
    ``import.no_cards``, ``import.unknown_format``, ``import.bad_package``, ``import.package_too_large``,
    ``import.yaml_aliases``, ``import.bad_yaml``, ``import.old_anki``, ``import.unreadable``); the
    message names the file (a ``Quote`` parameter, ``file``).
    """

    category = "refused"


def size_text(size: int, *, beside: int | None = None) -> str:
    """A byte count for people: ``2.0 MB``, ``512 KB``, ``37 bytes``; in bytes (``2,000,001 bytes``) when it would
    read as ``beside``, another count it is told next to ("2.0 MB; at most 2.0 MB" says nothing)."""
    if beside is not None and beside != size and size_text(size) == size_text(beside):
        return f"{size:,} bytes"
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 10_000:
        return f"{size // 1000} KB"
    return f"{size} bytes"


@dataclass(frozen=True, slots=True)
class Askability:
    """How the cards of an import can be asked: per kind (see ``shape.KINDS``), and in the hidden-term
    direction (the explanation shown with the term blanked, the term typed)."""

    total: int
    askable: int
    kinds: dict[str, int]
    hidden_term: int
    by_question: int = 0

    @property
    def directions(self) -> dict[str, int]:
        """Askable cards per direction the bot asks in (``prompts.directions_for``): ``question`` (the
        card's own prompt: its question, or for a which-term card its definition) and ``term`` (the term
        hidden in the explanation). A card asked both ways counts in both."""
        return {QUESTION: self.by_question, TERM: self.hidden_term}

    def lines(self) -> list[str]:
        """The summary in plain English, one line per fact."""
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.kinds.items() if n and kind != "incomplete")
        out = [f"{self.askable} of {self.total} cards askable" + (f": {kinds}" if kinds else "")]
        if self.hidden_term:
            out.append(f"{self.hidden_term} can also be asked the other way: which term is hidden in the explanation")
        incomplete = self.total - self.askable
        if incomplete:
            out.append(f"{incomplete} incomplete (never asked until finished; see each card's note)")
        return out


@dataclass(slots=True)
class ImportResult:
    """The imported deck, the cards to check, the lines that could not be read, and each card's kind."""

    deck: Deck
    flagged: list[Flag] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # card id -> how it is asked (shape.KINDS)

    @property
    def cards(self) -> tuple[Card, ...]:
        """The deck's cards."""
        return self.deck.cards

    @property
    def askable(self) -> int:
        """How many cards can be asked as they are."""
        return sum(1 for c in self.deck.cards if c.askable)

    def askability(self) -> Askability:
        """How the cards can be asked, counted (see ``Askability``)."""
        counts: dict[str, int] = {}
        for card in self.deck.cards:
            kind = self.kinds.get(card.id) or ("incomplete" if not card.askable else "other")
            counts[kind] = counts.get(kind, 0) + 1
        askable = [c for c in self.deck.cards if c.askable]
        hidden = sum(1 for c in askable if TERM in directions_for(c))
        by_question = sum(1 for c in askable if QUESTION in directions_for(c))
        return Askability(len(self.deck.cards), self.askable, counts, hidden, by_question)


#: How a raw card's front reads: a term to define, a question, a cloze sentence, or not known yet.
PAIR, QA, CLOZE_NOTE = "pair", "qa", "cloze"


@dataclass(slots=True)
class RawCard:
    """A question/answer pair as read from a file, before cleaning.

    ``kind`` is ``PAIR`` (term/definition), ``QA``, ``CLOZE_NOTE`` or None (decided from the front's
    wording); ``html`` says the text came from HTML, whose line breaks are the author's (never unwrapped).
    ``where`` names the card in messages ("line 12", "note 3"); ``remarks`` say what could not come along
    ("an image in the Back field"), for the card's note; ``unseen`` says what of the question could not (an image, a
    sound), which leaves the question unanswerable as it is shown. ``names`` are the source's own names for its two sides
    (a CSV's header cells, Quizlet's term and definition), for messages; None: named by the card's kind. ``extra`` is
    shown with the answer and never graded (the example sentence of an Anki note with more fields than two).
    """

    question: str
    answer: str
    line: int
    tags: list[str] = field(default_factory=list)
    kind: str | None = None
    html: bool = False
    where: str = ""
    remarks: list[str] = field(default_factory=list)  # what the source held that text cannot carry
    unseen: list[str] = field(default_factory=list)  # what the question held that text cannot carry
    names: tuple[str, str] | None = None
    extra: str = ""


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


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The file's bytes, refused (``import.too_large``) past ``limit`` without reading more than that."""
    path = Path(path)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        size = path.stat().st_size
        raise ImportRefused(
            "import.too_large",
            "{file} is {size}; a deck file may be at most {limit}",
            file=Quote(path.name),
            size=size_text(size, beside=limit),
            limit=size_text(limit, beside=size),
        )
    return data


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text export as text: UTF-8 (with or without BOM, or UTF-16 with one), else cp1252 (a line that
    is not UTF-8 in a file that is partly UTF-8 is read as cp1252, the rest as UTF-8).

    Refused (``import.not_text``) when the bytes are not text (NUL bytes, or mostly control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or (sample and controls > len(sample) // 20):
        raise ImportRefused(
            "import.not_text",
            "{file} is not a text file; import a Quizlet or Anki text export, a CSV, an Anki .apkg or a deck YAML",
            file=Quote(name),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252, or UTF-8 with some lines in cp1252 (text pasted from another program): each line that reads
        # as UTF-8 is kept as written, each other line is read as cp1252 (whole: in a cp1252 line, "ß“" or "É’"
        # side by side are also the bytes of a UTF-8 letter, and would read as one).
        return "".join(_line_text(line) for line in data.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True))


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def read_text(path: str | Path, limits: ImportLimits = DEFAULT_LIMITS) -> str:
    """Read a text export (see ``decode_text``), refused when too large or not text."""
    return decode_text(read_bytes(path, limits.max_bytes), Path(path).name)


def title_text(title: str) -> str:
    """A deck's title as it is kept: one line, without control characters or bidi overrides (a title comes from
    inside the file: an Anki deck's name, a Quizlet page's first line, a YAML ``title``; it heads the deck in every
    list, and a right-to-left override, U+202E, would show what follows it backwards)."""
    return " ".join(strip_unsafe(title).split())


def storable_data(value: object) -> object:
    """Data read from a file (a deck YAML, the cards a package carries whole) with every text ``storable``: no NUL
    nor lone surrogate, which no store holds (SQLite refuses to encode a surrogate, PostgreSQL holds no NUL), so
    that a deck the preview showed is one the import can write."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [storable_data(v) for v in value]
    if isinstance(value, dict):
        return {k: storable_data(v) for k, v in value.items()}
    return value


def deck_id_for(path: Path, deck_id: str | None) -> str:
    """The deck id to use: the one given, else the file's name, as a slug that fits the validator's cap."""
    return slugify(deck_id or path.stem, max_len=DECK_ID_MAX) or "deck"


def _unclosed(text: str, delimiter: str) -> bool:
    """Whether the last row of ``text`` opens a quote it never closes (the csv module reads the rest of the text
    into that cell). Counting quotes would not do: a quote inside a cell that does not start with one is text
    (``a 12" ruler``); nor would a strict reader, which stops at a stray quote after a quoted cell (``"a"x``) that
    the importer's reader takes as text. So the quotes are followed as that reader follows them."""
    quoted = closing = False  # (inside a quoted cell; just after a quote that closes one, or doubles a quote)
    start = True  # (at the start of a cell, where a quote opens a quoted one)
    for ch in text:
        if quoted:
            quoted, closing = ch != '"', ch == '"'
        elif closing and ch == '"':  # ("" inside a quoted cell: one quote, the cell still open)
            quoted, closing = True, False
        else:
            quoted, closing = start and ch == '"', False
            start = ch in (delimiter, "\n")
    return quoted


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
    rest of the file skipped"; so does a quote never closed (the rest of the file would be one cell), naming the
    line it opens on.
    """
    # Lines may end in a carriage return alone (Excel for Mac's "CSV (Macintosh)"): read as any line end. A cell
    # may be as long as the file (one past a card's limits is left out by the importer, naming its line and field,
    # rather than ending the rows here).
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, quotechar='"', skipinitialspace=False)
    lines = io.StringIO(text, newline=None).read().rstrip("\n").split("\n")
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
        if last > start and last >= len(lines) and _unclosed("\n".join(lines[start - 1 :]), delimiter):
            # A quote opened and never closed: the reader took every line after it as that one cell.
            message = (
                'a quote (") opened on this line is never closed; the rest of the file skipped (close it, or write '
                'a quote inside a cell as "")'
            )
            warnings.append(ImportWarning(file, start + line_offset, message))
            return
        if any(cell.strip() for cell in row):
            yield start + line_offset, row
