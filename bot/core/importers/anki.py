"""Anki: the "Notes in Plain Text" export (honouring its ``#separator:``, ``#html:``, ``#notetype column:``
and ``#... column:`` lines) and, by its zip signature, a ``.apkg`` package (``apkg.read_package``).

HTML fields are read with ``html_text`` (scripts and styles dropped, entities decoded); a cloze note
(``{{c1::...}}``) gives one card per cloze number (``terms.cloze_shape``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.importers.anki_notes import note_cards
from bot.core.importers.apkg import ZIP_MAGIC, import_package
from bot.core.importers.build import build_deck
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    ImportLimits,
    ImportResult,
    ImportWarning,
    RawCard,
    csv_rows,
    decode_text,
    read_bytes,
    split_tags,
)
from bot.core.models import Deck

log = logging.getLogger(__name__)

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}


@dataclass(slots=True)
class _Header:
    """What the ``#key:value`` lines at the top of the export say."""

    separator: str = "\t"
    html: bool = False
    columns: dict[str, int] = field(default_factory=dict)  # "tags" -> 1-based column, "guid" -> ...
    lines: int = 0  # how many header lines there are
    deck: str | None = None


def _read_header(lines: list[str], file: str, warnings: list[ImportWarning]) -> _Header:
    header = _Header()
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        header.lines = number
        key, _, raw_value = line[1:].rstrip("\r\n").partition(":")
        key, value = key.strip().lower(), raw_value.strip()
        if key == "separator":
            named = _SEPARATORS.get(value.lower())
            if named is not None:
                header.separator = named
            elif len(raw_value) == 1 or len(value) == 1:
                header.separator = raw_value if len(raw_value) == 1 else value
            else:
                warnings.append(ImportWarning(file, number, f"unknown separator {value!r}; using TAB"))
        elif key == "html":
            if value.lower() in ("true", "false"):
                header.html = value.lower() == "true"
            else:
                warnings.append(ImportWarning(file, number, f"#html must be true or false, not {value!r}"))
        elif key.endswith(" column"):
            try:
                column = int(value)
                if column < 1:
                    raise ValueError
            except ValueError:
                warnings.append(ImportWarning(file, number, f"{key} must be a column number, not {value!r}"))
            else:
                header.columns[key.removesuffix(" column")] = column
        elif key == "deck" and value:
            header.deck = value.replace("::", " / ")
        # other header lines (#notetype:, #guid column ...) carry nothing a deck needs
    return header


def import_anki(
    path: str | Path,
    *,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import an Anki "Notes in Plain Text" export, or an Anki package (``.apkg``, told by its content)."""
    path = Path(path)
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == ZIP_MAGIC:
        return import_package(path, deck_id=deck_id, title=title, existing=existing, reverse=reverse, limits=limits)
    file = str(path)
    warnings: list[ImportWarning] = []
    lines = decode_text(read_bytes(path, limits.max_bytes), path.name).splitlines(keepends=True)
    header = _read_header(lines, file, warnings)

    body = "".join(lines[header.lines :])
    tags_col = header.columns.get("tags")
    notetype_col = header.columns.get("notetype")
    taken = set(header.columns.values())
    raws: list[RawCard] = []
    rows = csv_rows(
        body, header.separator, file=file, warnings=warnings, unreadable="line", line_offset=header.lines
    )
    for line, row in rows:
        fields = [cell for i, cell in enumerate(row, start=1) if i not in taken]
        tags = split_tags(row[tags_col - 1]) if tags_col and tags_col <= len(row) else []
        cloze = bool(notetype_col and notetype_col <= len(row) and "cloze" in row[notetype_col - 1].lower())
        if len(fields) < 2 and not (cloze and fields):
            warnings.append(
                ImportWarning(
                    file, line, f"expected a front and a back field, found {len(fields)} field(s); skipped"
                )
            )
            continue
        cards = note_cards(
            fields,
            line=line,
            tags=[t.replace("::", "-") for t in tags],
            html=header.html,
            cloze=cloze,
            where=f"line {line}",
        )
        if not cards[0].question.strip():
            what = "has only an image" if header.html and "<img" in fields[0].lower() else "is empty"
            warnings.append(ImportWarning(file, line, f"the front field (question) {what}; skipped"))
            continue
        raws.extend(cards)
    return build_deck(
        raws,
        path=path,
        deck_id=deck_id,
        title=title or header.deck,
        warnings=warnings,
        existing=existing,
        reverse=reverse,
        limits=limits,
    )
