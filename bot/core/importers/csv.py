"""CSV: ``question,answer[,tags]`` rows (tags split on spaces or ``;``); a header row is optional."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.core.importers.build import build_deck
from bot.core.importers.common import ImportResult, ImportWarning, RawCard, csv_rows, read_text, split_tags

log = logging.getLogger(__name__)

_HEADER_Q = {"question", "questions", "front", "term", "q", "prompt"}
_HEADER_A = {"answer", "answers", "back", "definition", "a", "response"}


def import_csv(path: str | Path, *, deck_id: str | None = None, title: str | None = None) -> ImportResult:
    """Import ``question,answer[,tags]`` rows (tags split on spaces or ``;``); a header row is optional."""
    path = Path(path)
    file = str(path)
    warnings: list[ImportWarning] = []
    raws: list[RawCard] = []
    first = True
    for line, row in csv_rows(read_text(path), ",", file=file, warnings=warnings, unreadable="CSV"):
        cells = [cell.strip() for cell in row]
        if first:
            first = False
            if cells[0].lower() in _HEADER_Q and len(cells) > 1 and cells[1].lower() in _HEADER_A:
                continue
        raw = _row_card(cells, line, file, warnings)
        if raw is not None:
            raws.append(raw)
    return build_deck(raws, path=path, deck_id=deck_id, title=title, warnings=warnings)


def _row_card(cells: list[str], line: int, file: str, warnings: list[ImportWarning]) -> RawCard | None:
    """The card of one row, or None (with a warning) when the row cannot be one."""
    if len(cells) < 2:
        warnings.append(ImportWarning(file, line, "expected question,answer[,tags]; found one column; skipped"))
        return None
    if len(cells) > 3:
        warnings.append(
            ImportWarning(file, line, f"expected at most 3 columns, found {len(cells)}; extra ignored")
        )
    if not cells[0]:
        warnings.append(ImportWarning(file, line, "empty question; skipped"))
        return None
    tags = split_tags(cells[2]) if len(cells) > 2 else []
    return RawCard(cells[0], cells[1], line, tags)
