"""Anki packages (``.apkg``): a zip holding an SQLite collection (and media, never unpacked).

Guarded against hostile files:

* the package's size, its number of members and the collection's uncompressed size are capped
  (``ImportLimits``); the collection is read in chunks and the read stops at the cap, whatever the zip
  claims (a "zip bomb" never gets further than the cap);
* the collection is opened in memory (``sqlite3`` ``deserialize``): nothing is written to disk, the
  connection is read-only (``query_only``), untrusted schema code is off (``trusted_schema``), and a
  progress handler stops any query that runs too long;
* fields are HTML: ``html_text`` drops scripts and styles and keeps only text.

What is read: each note's fields (a front/back note type's first field and its first other field with text
that is not a reading of it, the fields after that shown with the answer: ``anki_notes``; the text of a cloze
note, one card per cloze number), its tags (``a::b`` -> ``a-b``), and the deck name most of its cards are in
(the title). A package written by ``apkg_out`` carries each card whole in a hidden field, so exporting
and importing again gives the same cards.

Anki 2.1.50+ packages in the new format (``collection.anki21b``, zstd-compressed) cannot be read with
the standard library: they are refused with how to export one that can.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bot.core.decks import TEXT_MAX, parse_deck, shorten
from bot.core.errors import Quote
from bot.core.importers.anki_notes import note_cards, strip_html
from bot.core.importers.build import build_deck
from bot.core.importers.cleaning import unique_id
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    ImportLimits,
    ImportRefused,
    ImportResult,
    ImportWarning,
    RawCard,
    deck_id_for,
    size_text,
    storable_data,
    title_text,
)
from bot.core.importers.shape import card_kind
from bot.core.models import Deck
from bot.core.text import storable

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["TUTORBOT_FIELD", "TUTORBOT_MODEL", "ZIP_MAGIC", "import_package"]

ZIP_MAGIC = b"PK\x03\x04"
#: The note type ``apkg_out`` writes, and its hidden field holding the card as JSON.
TUTORBOT_MODEL = "tutorbot card"
TUTORBOT_FIELD = "tutorbot"
_COLLECTIONS = ("collection.anki21", "collection.anki2")
_NEW_FORMAT = "collection.anki21b"
_CHUNK = 1 << 16
#: The progress handler runs every this many SQLite instructions; past ``_MAX_TICKS`` calls the query stops.
_TICK = 10_000
_MAX_TICKS = 5_000
_UPDATE_NOTICE = "please update to the latest anki version"


def _refuse(code: str, text: str, path: Path, **params: Any) -> ImportRefused:
    return ImportRefused(code, text, file=Quote(path.name), **params)


def _collection_bytes(path: Path, limits: ImportLimits) -> bytes:
    """The collection's bytes, read within the limits (see the module doc)."""
    size = path.stat().st_size
    if size > limits.max_package_bytes:
        raise _refuse(
            "import.package_too_large",
            "{file} is {size}; an Anki package may be at most {limit}",
            path,
            size=size_text(size, beside=limits.max_package_bytes),
            limit=size_text(limits.max_package_bytes, beside=size),
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_members:
                raise _refuse(
                    "import.package_too_large",
                    "{file} holds {count} files; an Anki package may hold at most {limit}",
                    path,
                    count=len(infos),
                    limit=limits.max_members,
                )
            by_name = {i.filename: i for i in infos}
            info = next((by_name[n] for n in _COLLECTIONS if n in by_name), None)
            if info is None:
                if _NEW_FORMAT in by_name:
                    raise _refuse("import.old_anki", _NEW_FORMAT_TEXT, path)
                raise _refuse("import.bad_package", "{file} is a zip file without an Anki collection in it", path)
            limit = limits.max_collection_bytes
            if info.file_size > limit:
                raise _too_big(path, limit)
            if info.flag_bits & 0x1:
                raise _refuse(
                    "import.bad_package",
                    "{file} is password-protected; export the deck from Anki again (Anki never sets a password)",
                    path,
                )
            data = bytearray()
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    data += chunk
                    if len(data) > limit:
                        raise _too_big(path, limit)
            return bytes(data)
    except (zipfile.BadZipFile, zlib.error) as exc:  # (zlib: a member whose compressed bytes are damaged)
        raise _refuse("import.bad_package", "{file} is not a readable Anki package (a broken zip file)", path) from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise _refuse("import.bad_package", "{file} is not a readable Anki package ({why})", path, why=str(exc)) from exc


_NEW_FORMAT_TEXT = (
    "{file} was exported by a recent Anki in a format that cannot be read here; in Anki, export it again "
    "as an Anki Deck Package with \"Support older Anki versions\" ticked"
)


def _too_big(path: Path, limit: int) -> ImportRefused:
    return _refuse(
        "import.package_too_large",
        "{file}: the collection inside unpacks to more than {limit}; an Anki package may hold at most that",
        path,
        limit=size_text(limit),
    )


@contextmanager
def _open(data: bytes, path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    ticks = 0

    def progress() -> int:
        nonlocal ticks
        ticks += 1
        return 1 if ticks > _MAX_TICKS else 0

    try:
        conn.deserialize(data)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        conn.set_progress_handler(progress, _TICK)
        yield conn
    except sqlite3.Error as exc:
        raise _refuse(
            "import.bad_package", "{file} does not hold a readable Anki collection ({why})", path, why=str(exc)
        ) from exc
    finally:
        conn.close()


def _read(
    read: Callable[[sqlite3.Connection, set[str]], T], conn: sqlite3.Connection, tables: set[str], path: Path, what: str
) -> T:
    """``read(conn, tables)``: the note types or decks of a collection, refused (naming the file and ``what``) when
    they are not stored as Anki stores them (JSON that does not parse, or nests past reading, a list where a note
    type should be, a deck id that is not a number): never a traceback for a package that was tampered with."""
    try:
        return read(conn, tables)
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
        raise _refuse(
            "import.bad_package",
            "{file} does not hold a readable Anki collection (its {what} are not stored as Anki stores them)",
            path,
            what=what,
        ) from exc


def _number(value: object) -> int | None:
    """A note's note type id as a number (None: not one, and the note is read as a note of an unknown type)."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None


def _text(value: object) -> str:
    """A column read as text: a blob as UTF-8 (never its ``b'...'`` representation)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value or "")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def _models(conn: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, int, list[str]]]:
    """Note type id -> (name, type (1 = cloze), field names in order)."""
    models: dict[int, tuple[str, int, list[str]]] = {}
    if "col" in tables:
        row = conn.execute("SELECT models FROM col").fetchone()
        raw = json.loads(row[0]) if row and row[0] else {}
        for key, model in (raw or {}).items():
            fields = [f.get("name", "") for f in sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))]
            models[int(key)] = (str(model.get("name", "")), int(model.get("type", 0)), fields)
    if not models and {"notetypes", "fields"} <= tables:
        names = dict(conn.execute("SELECT id, name FROM notetypes"))
        for ntid, name in names.items():
            fields = [r[0] for r in conn.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,))]
            models[int(ntid)] = (str(name), 0, fields)
    return models


def _deck_name(conn: sqlite3.Connection, tables: set[str]) -> tuple[str | None, str]:
    """The name of the deck most cards are in ("Default" only when it is the only one), and its description
    (as the package holds it: ``apkg_out`` writes the deck's own)."""
    names: dict[int, str] = {}
    descriptions: dict[int, str] = {}
    if "col" in tables:
        row = conn.execute("SELECT decks FROM col").fetchone()
        for key, deck in (json.loads(row[0]) if row and row[0] else {}).items():
            names[int(key)] = str(deck.get("name", ""))
            desc = deck.get("desc")
            descriptions[int(key)] = desc if isinstance(desc, str) else ""
    if not names and "decks" in tables:
        names = {int(i): str(n).replace("\x1f", "::") for i, n in conn.execute("SELECT id, name FROM decks")}
    if "cards" not in tables:
        return None, ""
    ranked = conn.execute("SELECT did, COUNT(*) AS n FROM cards GROUP BY did ORDER BY n DESC").fetchall()
    chosen = [(names.get(int(did)), descriptions.get(int(did), "")) for did, _ in ranked]
    for name, desc in chosen:
        if name and name != "Default":
            return name.replace("::", " / "), desc
    return next(((n, d) for n, d in chosen if n), (None, ""))


def import_package(
    path: str | Path,
    *,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import an Anki package (``.apkg``); see the module doc for what is read and what is refused."""
    path = Path(path)
    file = str(path)
    data = _collection_bytes(path, limits)
    warnings: list[ImportWarning] = []
    raws: list[RawCard] = []
    exported: list[dict[str, Any]] = []
    with _open(data, path) as conn:
        tables = _tables(conn)
        if "notes" not in tables:
            raise _refuse("import.bad_package", "{file} holds no Anki notes", path)
        models = _read(_models, conn, tables, path, "note types")
        name, description = _read(_deck_name, conn, tables, path, "decks")
        rows = conn.execute("SELECT mid, tags, flds FROM notes ORDER BY id")
        for number, (mid, tags, flds) in enumerate(rows, start=1):
            if number > limits.max_cards * 2:
                raise ImportRefused(
                    "import.too_many_cards",
                    "{file} has more than {limit} cards; split it into smaller decks",
                    file=Quote(path.name),
                    limit=limits.max_cards,
                )
            model = models.get(key) if (key := _number(mid)) is not None else None
            model_name, model_type, field_names = model or ("", 0, [])
            values = _text(flds).split("\x1f")
            if model_name == TUTORBOT_MODEL and TUTORBOT_FIELD in field_names:
                exported.append(_exported(values, field_names, path, number))
                continue
            raws.extend(_note(values, field_names, model_type, _text(tags), number, file, warnings))
    if exported:
        restored = _restore(
            exported, path, deck_id=deck_id, title=title or name, description=description, warnings=warnings
        )
        if not raws:
            return restored
        # Exported cards beside notes added in Anki: both are kept (the new notes built as any note is).
        added = build_deck(
            raws,
            path=path,
            deck_id=restored.deck.id,
            title=restored.deck.title,
            warnings=[],
            existing=existing,
            reverse=reverse,
            limits=limits,
        )
        return _merged(restored, added, path, limits)
    if len(raws) == 1 and _UPDATE_NOTICE in raws[0].question.lower() + raws[0].answer.lower():
        raise _refuse("import.old_anki", _NEW_FORMAT_TEXT, path)
    return build_deck(
        raws,
        path=path,
        deck_id=deck_id,
        title=title or name,
        warnings=warnings,
        existing=existing,
        reverse=reverse,
        limits=limits,
    )


def _merged(restored: ImportResult, added: ImportResult, path: Path, limits: ImportLimits) -> ImportResult:
    """The exported cards of a package, then the cards built from the notes added beside them (an id one of
    the exported cards has already is made unique)."""
    used = {c.id for c in restored.deck.cards}
    renamed: dict[str, str] = {}
    cards = list(restored.deck.cards)
    for card in added.deck.cards:
        new_id = unique_id(card.id, used)
        used.add(new_id)
        renamed[card.id] = new_id
        cards.append(dataclasses.replace(card, id=new_id))
    if len(cards) > limits.max_cards:
        raise ImportRefused(
            "import.too_many_cards",
            "{file} has more than {limit} cards; split it into smaller decks",
            file=Quote(path.name),
            limit=limits.max_cards,
        )
    result = ImportResult(
        deck=dataclasses.replace(restored.deck, cards=tuple(cards)),
        flagged=[*restored.flagged, *(dataclasses.replace(f, card_id=renamed.get(f.card_id, f.card_id)) for f in added.flagged)],
        warnings=[*restored.warnings, *added.warnings],
    )
    result.kinds = {**restored.kinds, **{renamed[k]: v for k, v in added.kinds.items() if k in renamed}}
    return result


def _note(
    values: list[str], names: list[str], model_type: int, tags: str, number: int, file: str, warnings: list[ImportWarning]
) -> list[RawCard]:
    """The raw cards of one note, or none (with a warning naming the note and the field)."""
    names = names + [f"field {i + 1}" for i in range(len(names), len(values))]
    filled = [(n, v) for n, v in zip(names, values, strict=False) if strip_html(v).strip()]
    cloze = model_type == 1 or (bool(values) and "{{c" in values[0])
    where = f"note {number}"
    if not filled:
        warnings.append(ImportWarning(file, number, "every field is empty; skipped", where=where))
        return []
    front = values[0]
    if not strip_html(front).strip():
        what = "has only an image" if "<img" in front.lower() else "is empty"
        warnings.append(ImportWarning(file, number, f"field {names[0]!r} {what}; skipped", where=where))
        return []
    tag_list = [t.replace("::", "-") for t in tags.split() if t]
    return note_cards(values, line=number, tags=tag_list, html=True, cloze=cloze, where=where, names=names)


def _exported(values: list[str], names: list[str], path: Path, number: int) -> dict[str, Any]:
    """The card a package written by ``apkg_out`` carries in its hidden field."""
    raw = values[names.index(TUTORBOT_FIELD)] if names.index(TUTORBOT_FIELD) < len(values) else ""
    try:
        card = json.loads(html.unescape(raw).strip())
    except (ValueError, RecursionError) as exc:
        raise _refuse(
            "import.bad_package",
            "{file}, note {note}, field {field}: not the card data this field should hold",
            path,
            note=number,
            field=Quote(TUTORBOT_FIELD),
        ) from exc
    if not isinstance(card, dict):
        raise _refuse(
            "import.bad_package", "{file}, note {note}, field {field}: not a card", path, note=number, field=Quote(TUTORBOT_FIELD)
        )
    return card


def _restore(
    cards: list[dict[str, Any]],
    path: Path,
    *,
    deck_id: str | None,
    title: str | None,
    description: str = "",
    warnings: list[ImportWarning],
) -> ImportResult:
    """The deck a package written by ``apkg_out`` holds (its description too), validated as a deck file is."""
    deck_key = deck_id_for(path, deck_id or str(cards[0].pop("deck", "") or "") or None)
    for card in cards:
        card.pop("deck", None)
    # (the title and the cards as a deck file's are kept: text no store holds, or that reorders what follows, left out)
    data: dict[object, object] = {
        "deck": deck_key,
        "title": shorten(title_text(title or "") or path.stem, TEXT_MAX["title"]),
        "cards": storable_data(cards),
    }
    if description.strip():
        data["description"] = shorten(storable(description), TEXT_MAX["description"])
    deck, problems = parse_deck(data, path.name)  # quoted to the user: the name, never the folder
    if deck is None or problems:
        listed = "; ".join(str(p) for p in problems[:10]) or "no usable card"
        raise _refuse("import.invalid_deck", "{file} holds cards that do not validate: {problems}", path, problems=listed)
    result = ImportResult(deck=deck, warnings=warnings)
    result.kinds = {c.id: card_kind(c) for c in deck.cards}
    return result
