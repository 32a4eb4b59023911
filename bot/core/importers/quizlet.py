"""Quizlet (and Quizwiz): the "Export" text (term TAB definition, or the comma or custom separator Quizlet offers
instead; rows on lines or separated by semicolons) and the text of a set's web page."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.core.importers.build import build_deck
from bot.core.importers.cleaning import drop_notes
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    ImportLimits,
    ImportResult,
    ImportWarning,
    RawCard,
    read_text,
)
from bot.core.models import Deck

log = logging.getLogger(__name__)

#: What Quizlet calls the two sides of a card, for messages.
QUIZLET_NAMES = ("term", "definition")

_ADVERT = re.compile(
    r"(?:quizwiz|quizlet)\s*!?\s*$|^(?:réussis tes devoirs|ace your (?:homework|exams?)|"
    r"study with quizlet|sign up|log in|créez? (?:un|votre) compte)\b",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(?:ensembles d['’]études connexes|related (?:study )?sets|other sets by this creator|"
    r"autres ensembles (?:de ce créateur|par ce créateur)|recommended textbook solutions|"
    r"solutions de manuels recommandées|verified questions|questions vérifiées|"
    r"sets found in the same folder|ensembles trouvés dans le même dossier|students also viewed|"
    r"other quizlet sets)\s*$",
    re.IGNORECASE,
)
#: The page's heading of its list of cards ("Terms in this set (90)"): above the cards it is skipped, after
#: them it starts the footer.
_TERMS_HEADING = re.compile(r"^terms in this set\s*\(\d+\)\s*$", re.IGNORECASE)
_VIEW_SET = re.compile(r"^(?:view set|voir l['’]ensemble|afficher l['’]ensemble)$", re.IGNORECASE)
#: What Quizlet's export may put between term and definition besides a TAB: a comma, or a custom string
#: (those people type most), each with its name in messages.
_SEPARATORS = {",": "comma", ";": "semicolon", " - ": '" - "', " – ": '" – "', " = ": '" = "', " : ": '" : "'}


def import_quizlet(
    path: str | Path,
    *,
    deck_id: str | None = None,
    title: str | None = None,
    existing: Deck | None = None,
    reverse: bool = True,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import a Quizlet export (term TAB definition) or the text of a Quizlet set's page.

    ``existing``: the deck this set was imported as before (its ids are kept for unchanged cards);
    ``reverse``: also make the reverse card of a short term/definition pair (see ``shape``).
    """
    path = Path(path)
    text = read_text(path, limits)
    warnings: list[ImportWarning] = []
    separator = _export_separator(text)
    page_title: str | None = None
    if separator is not None:
        raws = _parse_export(text, str(path), warnings, separator)
    else:
        page_title, raws = _parse_page(text, str(path), warnings)
    return build_deck(
        raws,
        path=path,
        deck_id=deck_id,
        title=title or page_title,
        warnings=warnings,
        existing=existing,
        reverse=reverse,
        limits=limits,
    )


def _export_separator(text: str) -> str | None:
    """What separates term and definition when ``text`` is an export, or None when it is a page's text.

    An export with TABs is one when half its lines hold a TAB. Without TABs, a comma or a custom separator
    (``_SEPARATORS``) held by half the lines, in a text of one paragraph (a page's cards are paragraphs between
    blank lines; read as a page, one paragraph is no card at all); the one held by the most lines, then the one
    that comes first in them.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    if sum("\t" in line for line in lines) * 2 >= len(lines):
        return "\t"
    if len(_paragraphs(text)) > 1:
        return None
    best: tuple[int, float, str] | None = None
    for separator in _SEPARATORS:
        held = [line.index(separator) for line in lines if separator in line]
        if len(held) * 2 < len(lines):
            continue
        key = (len(held), -sum(held) / len(held), separator)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best is not None else None


def _separator_name(separator: str) -> str:
    return "TAB" if separator == "\t" else _SEPARATORS[separator]


def _rows(text: str, separator: str) -> list[tuple[int, str]]:
    """The export's rows, each with its line number: one a line, or several on a line separated by semicolons
    (Quizlet's "between rows: semicolon"), told by every part holding the separator. Without TABs, only a text of
    one line is read so (a definition may hold a semicolon, and after it the comma of a phrase)."""
    lines = text.splitlines()
    one_line = sum(1 for line in lines if line.strip()) == 1
    rows: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        parts = [part for part in line.split(";") if part.strip()]
        if (
            separator != ";"
            and ";" in line
            and (separator == "\t" or one_line)
            and (len(parts) > 1 or line.rstrip().endswith(";"))
            and all(separator in part for part in parts)
        ):
            rows.extend((number, part) for part in parts)
        else:
            rows.append((number, line))
    return rows


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Runs of non-blank lines, each with the number of its first line (1-based)."""
    paras: list[tuple[int, str]] = []
    start = 0
    buf: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not buf:
                start = number
            buf.append(line.strip())
        elif buf:
            paras.append((start, "\n".join(buf)))
            buf = []
    if buf:
        paras.append((start, "\n".join(buf)))
    return paras


def _parse_page(text: str, file: str, warnings: list[ImportWarning]) -> tuple[str | None, list[RawCard]]:
    """A set's page: an optional title, then question and answer paragraphs in turn; adverts and footer dropped."""
    paras = _paragraphs(text)
    body: list[tuple[int, str]] = []
    advert_at: int | None = None
    for line, para in paras:
        if _FOOTER.match(para):
            break  # related sets, textbook solutions ...: never cards
        if _TERMS_HEADING.match(para):
            if len(body) <= 1:  # nothing but the title yet: the heading of the cards below
                continue
            break
        if _VIEW_SET.match(para):
            continue
        if "\n" not in para and _ADVERT.search(para):
            if advert_at is None:
                advert_at = len(body)
            continue
        body.append((line, para))

    title: str | None = None
    if body and (advert_at == 1 or len(body) % 2 == 1):
        title = drop_notes(body[0][1])[0]
        body = body[1:]

    raws: list[RawCard] = []
    for i in range(0, len(body) - 1, 2):
        (qline, question), (_, answer) = body[i], body[i + 1]
        raws.append(RawCard(question, answer, qline, names=QUIZLET_NAMES))
    if len(body) % 2 == 1:
        qline, question = body[-1]
        warnings.append(ImportWarning(file, qline, "question without an answer (end of the set)"))
        raws.append(RawCard(question, "", qline, names=QUIZLET_NAMES))
    return title, raws


def _parse_export(text: str, file: str, warnings: list[ImportWarning], separator: str = "\t") -> list[RawCard]:
    """The export text: ``term<TAB>definition`` a row (or ``separator`` in place of the TAB; the first one on the
    row ends the term); a line without it continues the answer above."""
    name = _separator_name(separator)
    raws: list[RawCard] = []
    # Each card's lines without a TAB, joined once the file is read (added one at a time, a definition of
    # hundreds of thousands of lines would be copied once per line).
    more: list[list[str]] = []
    for number, line in _rows(text, separator):
        if not line.strip():
            continue
        if separator not in line:
            if raws:
                more[-1].append(line.strip())
                warnings.append(
                    ImportWarning(
                        file,
                        number,
                        f"no {name} on this line; read as more of the answer on line {raws[-1].line}",
                    )
                )
            else:
                warnings.append(ImportWarning(file, number, f"no {name} between term and definition; skipped"))
            continue
        term, definition = line.split(separator, 1)
        if "\t" in definition:
            warnings.append(
                ImportWarning(file, number, "more than one TAB; the extra columns are kept in the answer")
            )
            definition = definition.replace("\t", " ")
        if not term.strip():
            warnings.append(ImportWarning(file, number, "empty term (question); skipped"))
            continue
        raws.append(RawCard(term.strip(), definition.strip(), number, names=QUIZLET_NAMES))
        more.append([])
    for raw, lines in zip(raws, more, strict=True):
        if lines:
            raw.answer = "\n".join([raw.answer, *lines])
    return raws
