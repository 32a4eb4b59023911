"""CSV: ``question,answer[,tags]`` rows (tags split on spaces or ``;``); a header row is optional; a spreadsheet's
``.tsv`` download and Excel's ``sep=`` first line are read too. A header may name a column of examples
(``term,definition,example,tags``): an example sentence shown with the answer, never graded."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.core.importers.build import build_deck
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    PAIR,
    QA,
    ImportLimits,
    ImportResult,
    ImportWarning,
    RawCard,
    csv_rows,
    read_text,
    split_tags,
)
from bot.core.models import Deck
from bot.core.text import formula_unguard

log = logging.getLogger(__name__)

# A header's first two cells, in English and in the languages of the countries whose spreadsheets separate cells
# with semicolons (German, French, Spanish, Italian, Portuguese, Dutch): a file saved there has its header in the
# teacher's language, and a header read as a row would be a card ("Which term is this? Antwort").
_PAIR_HEADERS = {
    "term", "terms", "word",
    "begriff", "wort",  # de
    "terme", "mot",  # fr
    "término", "termino", "palabra",  # es
    "termine", "parola",  # it
    "termo", "palavra",  # pt
    "begrip", "woord",  # nl
}
_QA_HEADERS = {
    "question", "questions", "q", "prompt",
    "frage",  # de
    "pregunta",  # es
    "domanda",  # it
    "pergunta",  # pt
    "vraag",  # nl
}
_HEADER_Q = _PAIR_HEADERS | _QA_HEADERS | {"front", "vorderseite", "recto", "anverso", "fronte", "frente", "voorkant"}
_HEADER_A = {
    "answer", "answers", "back", "definition", "definitions", "meaning", "a", "response",
    "antwort", "bedeutung", "rückseite",  # de
    "réponse", "reponse", "définition", "sens", "verso",  # fr
    "respuesta", "definición", "definicion", "significado", "reverso",  # es
    "risposta", "definizione", "significato", "retro",  # it
    "resposta", "definição", "definicao",  # pt
    "antwoord", "definitie", "betekenis", "achterkant",  # nl
}
#: A header cell naming a column of examples (an example sentence shown with the answer, never graded).
_HEADER_EXAMPLE = {
    "example", "examples", "example sentence", "sentence",
    "beispiel", "beispielsatz", "satz",  # de
    "exemple", "phrase",  # fr
    "ejemplo", "frase",  # es, it, pt
    "esempio",  # it
    "exemplo",  # pt
    "voorbeeld", "zin",  # nl
}


def import_csv(
    path: str | Path,
    *,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import ``question,answer[,tags]`` rows (tags split on spaces or ``;``); a header row is optional.

    A ``term,definition`` header makes every row a term/definition pair, a ``question,answer`` header
    every row a question; without a header each row is read by the wording of its first cell. A file
    whose rows are separated by TABs or semicolons is read with that separator. An apostrophe before ``=``,
    ``+``, ``-`` or ``@`` (what a CSV export writes so that spreadsheets show the cell as text) is taken off.
    A header naming a column of examples after the first two (``term,definition,example,tags``) has each row's
    example shown with its answer, never graded; its tags are then in the other of the third and fourth columns.
    """
    path = Path(path)
    file = str(path)
    text, delimiter = _separator_line(read_text(path, limits))
    warnings: list[ImportWarning] = []
    raws: list[RawCard] = []
    first = True
    kind: str | None = None
    names: tuple[str, str] | None = None
    example: int | None = None  # (the column of examples, when the header names one)
    for line, row in csv_rows(text, delimiter, file=file, warnings=warnings, unreadable="CSV"):
        cells = [formula_unguard(cell.strip()) for cell in row]
        if first:
            first = False
            if is_header(cells):
                head = cells[0].lower()
                kind = PAIR if head in _PAIR_HEADERS else QA if head in _QA_HEADERS else None
                names = (cells[0], cells[1])
                example = next((i for i, c in enumerate(cells[2:4], 2) if c.lower() in _HEADER_EXAMPLE), None)
                continue
        raw = _row_card(cells, line, file, warnings, example)
        if raw is not None:
            raw.kind = kind
            raw.names = names
            raws.append(raw)
    return build_deck(
        raws,
        path=path,
        deck_id=deck_id,
        title=title,
        warnings=warnings,
        existing=existing,
        reverse=reverse,
        limits=limits,
    )


def is_header(cells: list[str]) -> bool:
    """Whether a first row names the columns (``question,answer``, ``term,definition``, ``front,back`` ...)."""
    return len(cells) > 1 and cells[0].strip().lower() in _HEADER_Q and cells[1].strip().lower() in _HEADER_A


def header_line(text: str) -> bool:
    """Whether the first non-empty line of ``text`` is such a header, its cells separated by commas, semicolons
    or TABs (a CSV saved as ``.txt`` or downloaded as ``.tsv``)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return is_header(re.split(r"[,;\t]", first.replace('"', "")))


#: Excel's first line naming the separator (``sep=;``): not a row.
_SEP_LINE = re.compile(r"[ \t]*sep=([,;\t|])[ \t]*(?=[\r\n]|$)", re.IGNORECASE)


def _separator_line(text: str) -> tuple[str, str]:
    """The text without Excel's ``sep=`` line (its line end kept: the lines keep their numbers), and the separator
    to read."""
    m = _SEP_LINE.match(text)
    if m is None:
        return text, _delimiter(text)
    return text[m.end() :], m.group(1)


def _delimiter(text: str) -> str:
    """``,`` unless the first line splits on TABs or semicolons and has no comma outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    bare = re.sub(r'"[^"]*"', "", first)
    if "," in bare:
        return ","
    for candidate in ("\t", ";"):
        if candidate in bare:
            return candidate
    return ","


def _row_card(
    cells: list[str], line: int, file: str, warnings: list[ImportWarning], example: int | None = None
) -> RawCard | None:
    """The card of one row, or None (with a warning) when the row cannot be one; ``example``: the column of
    examples, when the header names one."""
    if len(cells) < 2:
        warnings.append(ImportWarning(file, line, "expected question,answer[,tags]; found one column; skipped"))
        return None
    most = 3 if example is None else 4
    if len(cells) > most:
        warnings.append(
            ImportWarning(file, line, f"expected at most {most} columns, found {len(cells)}; extra ignored")
        )
    if not cells[0]:
        warnings.append(ImportWarning(file, line, "empty question; skipped"))
        return None
    at = 2 if example != 2 else 3  # (the tags)
    tags = split_tags(cells[at]) if len(cells) > at else []
    extra = cells[example] if example is not None and len(cells) > example else ""
    return RawCard(cells[0], cells[1], line, tags, where=f"line {line}", extra=extra)
