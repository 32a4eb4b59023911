"""Anki: the "Notes in Plain Text" export, honouring its ``#separator:``, ``#html:`` and ``#... column:`` lines."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.importers.build import build_deck
from bot.core.importers.cleaning import tidy
from bot.core.importers.common import ImportResult, ImportWarning, RawCard, csv_rows, read_text, split_tags

log = logging.getLogger(__name__)

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
_BR = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:div|p|li)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def strip_html(text: str) -> str:
    """Anki HTML to plain text: line breaks kept, tags removed, entities unescaped."""
    text = _BR.sub("\n", text)
    text = re.sub(r"<\s*li\b[^>]*>", "- ", text, flags=re.IGNORECASE)
    text = _TAG.sub("", text)
    return tidy(html.unescape(text).replace("\xa0", " "))


@dataclass(slots=True)
class _Header:
    """What the ``#key:value`` lines at the top of the export say."""

    separator: str = "\t"
    html: bool = False
    columns: dict[str, int] = field(default_factory=dict)  # "tags" -> 1-based column, "guid" -> ...
    lines: int = 0  # how many header lines there are


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
        # other header lines (#deck:, #notetype:, #guid column ...) carry nothing a deck needs
    return header


def import_anki(path: str | Path, *, deck_id: str | None = None, title: str | None = None) -> ImportResult:
    """Import an Anki "Notes in Plain Text" export."""
    path = Path(path)
    file = str(path)
    warnings: list[ImportWarning] = []
    lines = read_text(path).splitlines(keepends=True)
    header = _read_header(lines, file, warnings)

    body = "".join(lines[header.lines :])
    tags_col = header.columns.get("tags")
    taken = set(header.columns.values())
    raws: list[RawCard] = []
    rows = csv_rows(
        body, header.separator, file=file, warnings=warnings, unreadable="line", line_offset=header.lines
    )
    for line, row in rows:
        fields = [cell for i, cell in enumerate(row, start=1) if i not in taken]
        tags = split_tags(row[tags_col - 1]) if tags_col and tags_col <= len(row) else []
        if len(fields) < 2:
            warnings.append(
                ImportWarning(
                    file, line, f"expected a front and a back field, found {len(fields)} field(s); skipped"
                )
            )
            continue
        question, answer = fields[0], fields[1]
        if header.html:
            question, answer = strip_html(question), strip_html(answer)
        if not question.strip():
            warnings.append(ImportWarning(file, line, "empty front field (question); skipped"))
            continue
        raws.append(RawCard(question, answer, line, [t.replace("::", "-") for t in tags]))
    return build_deck(raws, path=path, deck_id=deck_id, title=title, warnings=warnings)
