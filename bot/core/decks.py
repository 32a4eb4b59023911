"""Load and validate deck files (``cards/*.yaml``).

Every problem in a file is reported at once, each naming the file, the card and the field,
so an author can fix a deck in one pass.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from bot.core import models
from bot.core.grading import normalise
from bot.core.models import Card, Deck

log = logging.getLogger(__name__)

#: Tags (topics): lower-case words joined by ``-``.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Deck and card ids: a lower-case slug that may also use ``_`` and ``.``. A card key is
#: ``deck:card``; with the caps below every key fits in a component's custom id (100 characters, see
#: ``cogs/_ids.CARD_KEY``).
ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
DECK_ID_MAX = 32
CARD_ID_MAX = 40
STATUSES = ("ok", "incomplete")
CARD_KEYS = {
    "id", "term", "aliases", "question", "answer", "accept", "reject", "keypoints", "tags", "status", "note",
}
DECK_KEYS = {"deck", "title", "description", "cards"}
LIST_FIELDS = ("aliases", "accept", "reject", "keypoints", "tags")
#: How large a deck's parts may be. Far above any real card (the shipped deck's largest: an answer of 1,537
#: characters, 10 accepted answers of at most 55 characters, key points of at most 115; a glossary entry
#: paged by ``/define`` may run to 10,000 characters), and small enough that the grader prepares the
#: largest card allowed in a fraction of a second when its question opens: that work grows with the square
#: of the card's accepted answers and names, and with their length.
#: At most ``LIST_MAX`` items in each list field (``LIST_FIELDS``).
LIST_MAX = 50
#: The most characters of each text field (after surrounding spaces are trimmed).
TEXT_MAX = {"title": 200, "description": 4_000, "term": 300, "question": 4_000, "answer": 20_000, "note": 4_000}
#: The most characters of one item of each list field.
ITEM_MAX = {"aliases": 300, "accept": 300, "reject": 300, "keypoints": 300, "tags": 100}
#: libyaml's parser when PyYAML was built with it (several times faster on a large deck), else PyYAML's own.
#: Both build the same safe YAML data.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _KeysOnceLoader(_LOADER):
    """The safe loader, noting each mapping key written twice in one mapping (YAML keeps the last, silently:
    ``accept: [Paris]`` then ``accept: [Lyon]`` would make Paris wrong): ``(card id, key, first line, line)``."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.twice: list[tuple[str | None, str, int, int]] = []

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(set(keys)) != len(keys):
            card = next(
                (str(v.value) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "id"
                 and isinstance(v, yaml.ScalarNode)),
                None,
            )  # fmt: skip
            first: dict[str, int] = {}
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode):
                    line = k.start_mark.line + 1
                    if k.value in first:
                        self.twice.append((card, str(k.value), first[k.value], line))
                    else:
                        first[k.value] = line
        return super().construct_mapping(node, deep)

    def construct_number_as_written(self, node: Any) -> Any:
        """A number as the text it was written as: every value of a deck is text, and ``3:2``, ``007`` or
        ``1.50`` read as numbers would be another answer (182, 7, 1.5). A number Python cannot hold (over
        4,300 digits) is still refused. (An id keeps the text the number was read as: ``_WrittenNumber``.)"""
        if node.tag == "tag:yaml.org,2002:int":
            value: Any = self.construct_yaml_int(node)
        else:
            value = self.construct_yaml_float(node)
        written = _WrittenNumber(node.value)
        try:
            written.read = str(value).strip()
        except ValueError:  # (too long to write out: ``_plain`` refuses it as before)
            written.read = None
        return written


class _WrittenNumber(str):
    """A number of a deck file as written ("007"), and ``read``: the text it was read as before values were kept
    as written ("7"). A deck's and a card's ids keep that reading: a card's key holds its members' reviews,
    scores and disputes, and a deck file that wrote ``id: 01`` has always had the card ``deck:1``."""

    read: str | None = None


def _id_value(value: Any) -> Any:
    """An id as the validator reads it: a number written unquoted as it was always read (``_WrittenNumber``)."""
    if isinstance(value, _WrittenNumber):
        return value.read if value.read is not None else str(value)
    return value


_KeysOnceLoader.add_constructor("tag:yaml.org,2002:int", _KeysOnceLoader.construct_number_as_written)
_KeysOnceLoader.add_constructor("tag:yaml.org,2002:float", _KeysOnceLoader.construct_number_as_written)


def load_yaml_data(text: str, file: str) -> tuple[Any, list[Problem]]:
    """The data of a deck file's YAML text (plain data only: a safe loader), and a problem for each key written
    twice in one mapping (naming the card when the mapping has an id). Raises ``yaml.YAMLError`` for text that
    is not YAML, ``ValueError`` for a value Python cannot hold."""
    loader = _KeysOnceLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return data, [
        Problem(file, card, key, f"written twice (lines {first} and {line}): the second would silently replace the first")
        for card, key, first, line in loader.twice
    ]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a deck file: where (file, card, field) and what is wrong."""

    file: str
    card: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.card is not None:
            where += f", card {self.card}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class DeckError(ValueError):
    """A deck file (or set of files) failed validation; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in deck files:"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


def _plain(value: Any) -> str | None:
    """A scalar as the text it stands for (a number as written); None for anything that is not text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    try:
        return str(value).strip()
    except ValueError:  # an integer too long for Python to write out (over 4,300 digits)
        return None


def _shown(value: Any) -> str:
    """A value (or key) as a problem quotes it: its text, or its type when it cannot be written out."""
    try:
        return str(value)
    except ValueError:  # an integer of over 4,300 digits
        return type(value).__name__


def _too_long(length: int, limit: int) -> str:
    return f"is {length:,} characters long; at most {limit:,}"


def _str_list(value: Any, file: str, card: str | None, field: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(Problem(file, card, field, f"must be a list of strings, not {type(value).__name__}"))
        return ()
    if len(value) > LIST_MAX:
        problems.append(Problem(file, card, field, f"has {len(value):,} items; a card may have at most {LIST_MAX}"))
        value = value[:LIST_MAX]  # the rest is not read: the file is refused already
    limit = ITEM_MAX[field]
    out: list[str] = []
    for i, item in enumerate(value):
        text = _plain(item)
        if text is None:
            problems.append(Problem(file, card, field, f"item {i + 1} must be a string"))
            continue
        if not text:
            problems.append(Problem(file, card, field, f"item {i + 1} is empty"))
            continue
        if len(text) > limit:
            problems.append(Problem(file, card, field, f"item {i + 1} {_too_long(len(text), limit)}"))
            continue
        out.append(text)
    return tuple(out)


def _text(value: Any, file: str, card: str | None, field: str, problems: list[Problem], *, required: bool) -> str | None:
    if value is None:
        if required:
            problems.append(Problem(file, card, field, "is required"))
        return None
    text = _plain(value)
    if text is None:
        problems.append(Problem(file, card, field, f"must be text, not {type(value).__name__}"))
        return None
    if required and not text:
        problems.append(Problem(file, card, field, "is empty"))
        return None
    limit = TEXT_MAX.get(field)
    if limit is not None and len(text) > limit:
        problems.append(Problem(file, card, field, _too_long(len(text), limit)))
    return text or None


def limit_problems(card: Card, file: str) -> list[Problem]:
    """What in an already-built card is past the limits (``LIST_MAX``, ``TEXT_MAX``, ``ITEM_MAX``), each
    naming the file, the card and the field; empty when it fits."""
    problems: list[Problem] = []
    for field in ("term", "question", "answer", "note"):
        text = getattr(card, field) or ""
        if len(text) > TEXT_MAX[field]:
            problems.append(Problem(file, card.id, field, _too_long(len(text), TEXT_MAX[field])))
    for field in LIST_FIELDS:
        items: tuple[str, ...] = getattr(card, field)
        if len(items) > LIST_MAX:
            problems.append(Problem(file, card.id, field, f"has {len(items):,} items; a card may have at most {LIST_MAX}"))
        for i, item in enumerate(items[:LIST_MAX]):
            if len(item) > ITEM_MAX[field]:
                problems.append(Problem(file, card.id, field, f"item {i + 1} {_too_long(len(item), ITEM_MAX[field])}"))
    return problems


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word where it can be, ending in "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def within_limits(card: Card) -> Card:
    """``card`` made to fit the limits, for writing it out so that it reads back: a text field past its
    limit is shortened (``shorten``); a list keeps its first ``LIST_MAX`` items that fit, except that an
    accepted answer or key point too long is shortened rather than lost when it is the card's only one."""
    if not limit_problems(card, ""):
        return card
    changes: dict[str, Any] = {}
    for field in ("term", "question", "answer", "note"):
        text = getattr(card, field)
        if text and len(text) > TEXT_MAX[field]:
            changes[field] = shorten(text, TEXT_MAX[field])
    for field in LIST_FIELDS:
        items: tuple[str, ...] = getattr(card, field)
        kept = tuple(i for i in items if len(i) <= ITEM_MAX[field])[:LIST_MAX]
        if items and not kept and field in ("accept", "keypoints"):
            kept = (shorten(items[0], ITEM_MAX[field]),)
        if kept != items:
            changes[field] = kept
    return replace(card, **changes)


def keypoint_has_words(point: str) -> bool:
    """Whether a key point names something to look for: one of its ways of saying it (split by "|") keeps a word
    once the grader has normalised it ("|" alone, "-- | .." or "≥" keep none; "∞" is read as "inf", "™" as
    "tm", so they do)."""
    return any(normalise(way).strip() for way in point.split("|"))


def id_problems(value: str, limit: int) -> list[str]:
    """What is wrong with a deck or card id (nothing when it is a slug of at most ``limit`` characters)."""
    problems: list[str] = []
    if not ID.match(value):
        problems.append(
            f"'{value}' must be a slug (lowercase letters, digits, '-', '_' or '.', starting with a letter or digit)"
        )
    if len(value) > limit:
        problems.append(f"'{value}' is {len(value)} characters long; an id has at most {limit}")
    return problems


def parse_deck(data: Any, file: str) -> tuple[Deck | None, list[Problem]]:
    """Validate already-parsed YAML data; returns the deck (None if unusable) and every problem."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem(file, None, None, "the file must be a mapping with deck, title and cards")]
    for key in sorted({_shown(k) for k in data} - DECK_KEYS):
        problems.append(Problem(file, None, key, "unknown key"))
    deck_id = _text(_id_value(data.get("deck")), file, None, "deck", problems, required=True)
    if deck_id:
        problems.extend(Problem(file, None, "deck", m) for m in id_problems(deck_id, DECK_ID_MAX))
    title = _text(data.get("title"), file, None, "title", problems, required=True)
    description = _text(data.get("description"), file, None, "description", problems, required=False)
    raw_cards = data.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        problems.append(Problem(file, None, "cards", "must be a non-empty list of cards"))
        raw_cards = []

    cards: list[Card] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_cards, start=1):
        label = f"#{index}"
        if not isinstance(raw, dict):
            problems.append(Problem(file, label, None, "must be a mapping"))
            continue
        cid = _id_value(raw.get("id"))
        if isinstance(cid, str) and cid.strip():
            label = cid.strip()
        for key in sorted({_shown(k) for k in raw} - CARD_KEYS):
            problems.append(Problem(file, label, key, "unknown key"))
        card_id = _text(cid, file, label, "id", problems, required=True)
        if card_id:
            problems.extend(Problem(file, label, "id", m) for m in id_problems(card_id, CARD_ID_MAX))
            if card_id in seen:
                problems.append(Problem(file, label, "id", f"duplicate id (also card #{seen[card_id]})"))
            seen.setdefault(card_id, index)
        question = _text(raw.get("question"), file, label, "question", problems, required=True)
        answer = _text(raw.get("answer"), file, label, "answer", problems, required=True)
        term = _text(raw.get("term"), file, label, "term", problems, required=False)
        lists = {f: _str_list(raw.get(f), file, label, f, problems) for f in LIST_FIELDS}
        for tag in lists["tags"]:
            if not SLUG.match(tag):
                problems.append(Problem(file, label, "tags", f"tag '{tag}' must be a slug (lowercase letters, digits, -)"))
        status = raw.get("status", "ok")
        if not isinstance(status, str) or status not in STATUSES:
            problems.append(Problem(file, label, "status", f"'{_shown(status)}' must be one of: {', '.join(STATUSES)}"))
            status = "incomplete"
        note = _text(raw.get("note"), file, label, "note", problems, required=False)
        if status == "incomplete" and not note:
            problems.append(Problem(file, label, "note", "an incomplete card needs a note saying what is missing"))
        for number, point in enumerate(lists["keypoints"], start=1):
            if not keypoint_has_words(point):
                problems.append(Problem(file, label, "keypoints", f"key point {number} ('{point}') has no words to look for"))
        if status == "ok" and not lists["accept"] and not lists["keypoints"]:
            problems.append(Problem(file, label, "accept", "needs accepted answers (or keypoints for an essay card)"))
        if answer and "___" in answer:
            problems.append(Problem(file, label, "answer", "still has a ___ blank; write the term in"))
        if question and answer and card_id:
            cards.append(
                Card(
                    deck=deck_id or "",
                    id=card_id,
                    question=question,
                    answer=answer,
                    term=term,
                    aliases=lists["aliases"],
                    accept=lists["accept"],
                    reject=lists["reject"],
                    keypoints=lists["keypoints"],
                    tags=lists["tags"],
                    status=str(status),
                    note=note,
                )
            )
    if problems or not deck_id or not title:
        return None, problems
    return Deck(id=deck_id, title=title, description=description or "", cards=tuple(cards), source=file), problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause cyclic garbage collection while a deck is built: a large deck makes millions of objects, none
    of them garbage, and every collection would walk them all again (a 100,000-card deck loads several
    times faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_deck(path: Path) -> tuple[Deck, str]:
    """One deck file and the text it was built from; raise DeckError naming every problem."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DeckError([Problem(name, None, None, f"cannot read the file: {exc.strerror or exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise DeckError([Problem(name, None, None, "the file is not UTF-8 text")]) from exc
    try:
        with _collector_paused():
            data, twice = load_yaml_data(text, name)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DeckError([Problem(name, None, None, f"not valid YAML{where}: {problem}")]) from exc
    except ValueError as exc:  # a value YAML reads but Python cannot hold, such as a number of 5,000 digits
        raise DeckError([Problem(name, None, None, f"not valid YAML: {exc}")]) from exc
    with _collector_paused():
        deck, problems = parse_deck(data, name)
    problems = twice + problems
    if problems or deck is None:
        raise DeckError(problems or [Problem(name, None, None, "no usable deck")])
    return deck, text


def load_deck(path: str | Path) -> Deck:
    """Load one deck file; raise DeckError naming every problem."""
    return _read_deck(Path(path))[0]


def deck_files(directory: str | Path) -> list[Path]:
    """The deck files (``*.yaml``, ``*.yml``) in a folder, sorted; a file path is returned as is."""
    directory = Path(directory)
    if directory.is_file():
        return [directory]
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_decks(paths: str | Path | Iterable[str | Path]) -> list[Deck]:
    """Load every deck in a directory (or the given files); raise DeckError with all problems of all files."""
    return load_decks_with_digest(paths)[0]


def load_decks_with_digest(paths: str | Path | Iterable[str | Path]) -> tuple[list[Deck], str | None]:
    """``load_decks``, and a digest of what the decks were built from: the files' names and texts and this
    loader's code. Equal digests mean equal decks, so ``DeckQueries.sync_decks(decks, digest=...)`` can
    tell an unchanged deck folder without comparing the cards (None when the code cannot be read)."""
    if isinstance(paths, (str, Path)):
        files = deck_files(paths)
        if not files:
            raise DeckError([Problem(str(paths), None, None, "no deck files (*.yaml) found")])
    else:
        files = [Path(p) for p in paths]
    code = _code_digest()
    digest = hashlib.sha256(code or b"")
    decks: list[Deck] = []
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    for f in files:
        try:
            deck, text = _read_deck(f)
        except DeckError as exc:
            problems.extend(exc.problems)
            continue
        if deck.id in ids:
            problems.append(Problem(str(f), None, "deck", f"deck id '{deck.id}' is also used by {ids[deck.id]}"))
            continue
        ids[deck.id] = str(f)
        decks.append(deck)
        for part in (str(f), text):
            raw = part.encode("utf-8", "surrogatepass")
            digest.update(len(raw).to_bytes(8, "big"))
            digest.update(raw)
    if problems:
        raise DeckError(problems)
    return decks, ("files " + digest.hexdigest()) if code else None


@functools.cache
def _code_digest() -> bytes | None:
    """A digest of the code that turns deck files into decks (this module, the models, the YAML library)."""
    try:
        sources = [Path(__file__).read_bytes(), Path(models.__file__).read_bytes()]
    except (OSError, TypeError):
        return None
    h = hashlib.sha256(f"{yaml.__version__} {_LOADER.__name__}".encode())
    for source in sources:
        h.update(len(source).to_bytes(8, "big"))
        h.update(source)
    return h.digest()
