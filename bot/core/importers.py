"""Turn flashcards exported from other tools into a deck, and write a deck as YAML.

Supported sources:

* **Quizlet** (``import_quizlet``): the "Export" text (term TAB definition, one card a line) and the
  text of a set's web page copied as is (title, question/answer paragraphs separated by blank lines,
  then a "related sets" footer, which is dropped).
* **CSV** (``import_csv``): ``question,answer[,tags]`` rows; a header row is optional.
* **Anki** (``import_anki``): "Notes in Plain Text" export, honouring its ``#separator:``, ``#html:``
  and ``#... column:`` header lines.

Every importer cleans cards the same way:

* ``#hashtags`` at the start of a question become tags. A tag is the hashtag slugified (lowercase,
  ``[a-z0-9-]+``, so ``#MLOps`` -> ``mlops``, ``#Sentiment_Analysis`` -> ``sentiment-analysis``). Two
  spellings are merged so ``/quiz topic:`` finds every card: a known misspelling (``TAG_FIXES``, e.g.
  ``mulitmodal`` -> ``multimodal``) and a plural used next to its singular in the same deck
  (``optimizations`` -> ``optimization``). Each merge is listed in the flagged cards.
* Reminders written into the cards ("COME BACK TO THIS ONE", "MOVE THIS ONE", ``[need to move ...]``)
  are dropped from the text and listed in the flagged cards.
* ``___`` blanks (where the term was cut out of the answer) are filled with the term guessed from the
  question; when no term can be guessed they are left and the card is flagged.
* An answer that is empty or only says "See image" / "TO DO" makes the card ``status: incomplete``
  with a ``note`` saying what is missing.
* Card ids are slugs of the term (or of the question), unique in the deck (``-2``, ``-3`` ... on a clash).

Malformed lines never stop an import: each is reported in ``ImportResult.warnings`` with its file and
line number, and the rest of the file is imported.
"""

from __future__ import annotations

import csv
import html
import io
import logging
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.core.models import Card, Deck

log = logging.getLogger(__name__)

__all__ = [
    "Flag",
    "ImportResult",
    "ImportWarning",
    "TAG_FIXES",
    "deck_to_yaml",
    "guess_term",
    "import_anki",
    "import_csv",
    "import_quizlet",
    "slugify",
    "strip_html",
    "write_deck",
]

# Misspelt tags merged into the right spelling (documented in the module docstring).
TAG_FIXES: dict[str, str] = {
    "mulitmodal": "multimodal",
    "multimodel": "multimodal",
    "optimisation": "optimization",
}


@dataclass(frozen=True, slots=True)
class Flag:
    """A card imported with something to check: what was changed or what is missing."""

    card_id: str
    line: int | None
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
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
    deck: Deck
    flagged: list[Flag] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def cards(self) -> tuple[Card, ...]:
        return self.deck.cards


@dataclass(slots=True)
class _Raw:
    """A question/answer pair as read from a file, before cleaning."""

    question: str
    answer: str
    line: int
    tags: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- text helpers

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_words: int | None = None, max_len: int = 60) -> str:
    """Lowercase ASCII slug: ``"Mode Collapse: what?"`` -> ``"mode-collapse-what"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in _SLUG_JUNK.split(text) if w]
    if max_words is not None:
        words = words[:max_words]
    slug = "-".join(words)
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
    return slug.strip("-")


def _tag_slug(tag: str) -> str:
    return slugify(tag.replace("_", " "), max_len=40)


# Reminders the author wrote into cards for themselves.
_NOTE_PATTERNS = (
    re.compile(r"\bcome back (?:to|and (?:finish|fix|do)) this(?: one)?\b[.!]*", re.IGNORECASE),
    re.compile(r"\b(?:move|finish|fix) this one\b[.!]*", re.IGNORECASE),
    re.compile(r"\[\s*(?:need to|needs to|to ?do|todo|move|fix|come back|finish)\b[^\]]*\]", re.IGNORECASE),
)

_HASHTAGS = re.compile(r"^\s*((?:#[^\s#.,;:!?]+[.,;:]?\s*)+)")
_HASHTAG = re.compile(r"#([^\s#.,;:!?]+)")
_BLANK = re.compile(r"_{2,}(?:[ \t]+_{2,})*")
_MISSING = re.compile(
    r"^(?:see (?:the )?(?:attached )?(?:image|picture|photo|diagram|attached)|see attached|"
    r"to ?do|todo|tbd|\?+|-+|\.+|n/?a)[.!]*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")


def _drop_notes(text: str) -> tuple[str, list[str]]:
    dropped: list[str] = []
    for pattern in _NOTE_PATTERNS:
        for m in pattern.finditer(text):
            dropped.append(m.group(0).strip())
        text = pattern.sub(" ", text)
    return _tidy(text), dropped


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", out)


def _split_hashtags(question: str) -> tuple[str, list[str]]:
    m = _HASHTAGS.match(question)
    if not m:
        return question, []
    tags = [t for t in (_tag_slug(x) for x in _HASHTAG.findall(m.group(1))) if t]
    return question[m.end() :].strip(), tags


_TERM_PATTERNS = (
    re.compile(r"^what\s+does\s+(?P<t>.+?)\s+stand\s+for\b", re.IGNORECASE),
    re.compile(r"^what\s+does\s+(?P<t>.+?)\s+mean\b", re.IGNORECASE),
    re.compile(
        r"^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?P<t>[^?,;]+?)\s*"
        r"(?:\?|,|;|$|\s+(?:and|when|why|how|in|with|for)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:[^?:,]*\s[-–]\s)?(?P<t>[^?:,]+?)\s*(?::|,|\s[-–]\s)\s*(?:what|why|how|explain|when|define)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<t>[^?]+?)\s+(?:means|is|are)\s+what\b", re.IGNORECASE),
)
_QUOTES = re.compile("[\"“”«»]|(?<![A-Za-z])'|'(?![A-Za-z])")
_NOT_TERMS = {"it", "this", "that", "they", "them", "these", "those", "there", "what", "which"}
_LEADING_LABEL = re.compile(r"^(?:[A-Z]{3,}[!.:]*\s+)+(?=[A-Z][a-z])")


def guess_term(question: str) -> str | None:
    """The concept a question asks about, when its wording makes that clear (else None)."""
    q = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", question)
    q = _LEADING_LABEL.sub("", _SPACES.sub(" ", q).strip())  # "TRAINING What is ..." -> "What is ..."
    for pattern in _TERM_PATTERNS:
        m = pattern.match(q)
        if not m:
            continue
        term = _QUOTES.sub("", m.group("t")).strip()
        words = term.split()
        if (
            not words
            or len(words) > 5
            or term.lower() in _NOT_TERMS
            or term[0].isdigit()
            or not re.search(r"[A-Za-z]", term)
        ):
            continue
        if term.isupper() and len(term) > 5:  # "MASKING" -> "masking"; keep acronyms such as RLHF
            term = term.lower()
        return term
    return None


def _fill_blanks(answer: str, term: str) -> str:
    def sub(m: re.Match[str]) -> str:
        before = answer[m.start() - 1] if m.start() > 0 else " "
        return (" " if before.isalnum() else "") + term

    return _BLANK.sub(sub, answer)


_QUESTION_PREFIX = re.compile(
    r"^(?:(?:what|who|which|how|why|when)\s+(?:is|are|does|do|did|was|were)\s+(?:an?\s+|the\s+)?)",
    re.IGNORECASE,
)


def _base_id(question: str, term: str | None) -> str:
    if term:
        slug = slugify(term, max_words=6)
        if slug:
            return slug
    q = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", question)
    q = _QUESTION_PREFIX.sub("", q.strip())
    return slugify(q, max_words=6) or "card"


# --------------------------------------------------------------------------- building the deck


def _build(
    raws: Iterable[_Raw],
    *,
    file: str,
    deck_id: str,
    title: str,
    description: str = "",
    warnings: list[ImportWarning],
) -> ImportResult:
    cards: list[Card] = []
    reasons_of: list[list[str]] = []
    lines: list[int] = []
    used: set[str] = set()

    for raw in raws:
        reasons: list[str] = []
        question, dropped_q = _drop_notes(raw.question)
        answer, dropped_a = _drop_notes(raw.answer)
        for note in dropped_q + dropped_a:
            reasons.append(f"dropped note {note!r}")
        question, hashtags = _split_hashtags(question)
        question = _tidy(question)
        if not question:
            warnings.append(ImportWarning(file, raw.line, "card has no question; skipped"))
            continue
        tags = list(dict.fromkeys(hashtags + [t for t in (_tag_slug(x) for x in raw.tags) if t]))
        term = guess_term(question)

        if _BLANK.search(answer):
            if term:
                answer = _fill_blanks(answer, term)
                reasons.append(f"blanks filled with {term!r}")
            else:
                reasons.append("blanks left: no term found in the question")

        status, note = "ok", None
        if not answer:
            status, note = "incomplete", "The answer is empty in the source; write the answer."
        elif _MISSING.match(answer):
            status = "incomplete"
            note = f"The source answer only says {answer!r}; write the answer."
        if status == "incomplete":
            reasons.append(f"incomplete: {note}")

        base = _base_id(question, term)
        card_id, n = base, 1
        while card_id in used:
            n += 1
            card_id = f"{base}-{n}"
        used.add(card_id)

        cards.append(
            Card(
                deck=deck_id,
                id=card_id,
                question=question,
                answer=answer,
                term=term,
                tags=tuple(tags),
                status=status,
                note=note,
            )
        )
        reasons_of.append(reasons)
        lines.append(raw.line)

    cards = _merge_tags(cards, reasons_of)
    flagged = [
        Flag(card.id, line, tuple(reasons))
        for card, line, reasons in zip(cards, lines, reasons_of, strict=True)
        if reasons
    ]
    deck = Deck(id=deck_id, title=title, description=description, cards=tuple(cards), source=file)
    return ImportResult(deck=deck, flagged=flagged, warnings=warnings)


def _merge_tags(cards: list[Card], reasons_of: list[list[str]]) -> list[Card]:
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


def _read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (with or without BOM), falling back to cp1252 for old exports."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _deck_id_for(path: Path, deck_id: str | None) -> str:
    return slugify(deck_id or path.stem, max_len=60) or "deck"


# --------------------------------------------------------------------------- Quizlet

_ADVERT = re.compile(
    r"(?:quizwiz|quizlet)\s*!?\s*$|^(?:réussis tes devoirs|ace your (?:homework|exams?)|"
    r"study with quizlet|sign up|log in|créez? (?:un|votre) compte)\b",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(?:ensembles d['’]études connexes|related (?:study )?sets|other sets by this creator|"
    r"autres ensembles (?:de ce créateur|par ce créateur)|recommended textbook solutions|"
    r"solutions de manuels recommandées|verified questions|questions vérifiées|"
    r"sets found in the same folder|ensembles trouvés dans le même dossier|"
    r"terms in this set \(\d+\)\s*$)\s*$",
    re.IGNORECASE,
)
_VIEW_SET = re.compile(r"^(?:view set|voir l['’]ensemble|afficher l['’]ensemble)$", re.IGNORECASE)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Runs of non-blank lines, each with the number of its first line (1-based)."""
    paras: list[tuple[int, str]] = []
    start, buf = 0, []
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


def _parse_quizlet_page(text: str, file: str, warnings: list[ImportWarning]) -> tuple[str | None, list[_Raw]]:
    paras = _paragraphs(text)
    body: list[tuple[int, str]] = []
    advert_at: int | None = None
    for line, para in paras:
        if _FOOTER.match(para):
            break  # related sets, textbook solutions ...: never cards
        if _VIEW_SET.match(para):
            continue
        if "\n" not in para and _ADVERT.search(para):
            if advert_at is None:
                advert_at = len(body)
            continue
        body.append((line, para))

    title: str | None = None
    if body and (advert_at == 1 or len(body) % 2 == 1):
        title = _drop_notes(body[0][1])[0]
        body = body[1:]

    raws: list[_Raw] = []
    for i in range(0, len(body) - 1, 2):
        (qline, question), (_, answer) = body[i], body[i + 1]
        raws.append(_Raw(question, answer, qline))
    if len(body) % 2 == 1:
        qline, question = body[-1]
        warnings.append(ImportWarning(file, qline, "question without an answer (end of the set)"))
        raws.append(_Raw(question, "", qline))
    return title, raws


def _parse_quizlet_export(text: str, file: str, warnings: list[ImportWarning]) -> list[_Raw]:
    raws: list[_Raw] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            if raws:
                raws[-1].answer += "\n" + line.strip()
                warnings.append(
                    ImportWarning(
                        file,
                        number,
                        f"no TAB on this line; read as more of the answer on line {raws[-1].line}",
                    )
                )
            else:
                warnings.append(ImportWarning(file, number, "no TAB between term and definition; skipped"))
            continue
        term, definition = line.split("\t", 1)
        if "\t" in definition:
            warnings.append(
                ImportWarning(file, number, "more than one TAB; the extra columns are kept in the answer")
            )
            definition = definition.replace("\t", " ")
        if not term.strip():
            warnings.append(ImportWarning(file, number, "empty term (question); skipped"))
            continue
        raws.append(_Raw(term.strip(), definition.strip(), number))
    return raws


def import_quizlet(path: str | Path, *, deck_id: str | None = None, title: str | None = None) -> ImportResult:
    """Import a Quizlet export (term TAB definition) or the text of a Quizlet set's page."""
    path = Path(path)
    text = _read_text(path)
    warnings: list[ImportWarning] = []
    lines = [line for line in text.splitlines() if line.strip()]
    tabbed = sum("\t" in line for line in lines)
    page_title: str | None = None
    if lines and tabbed * 2 >= len(lines):
        raws = _parse_quizlet_export(text, str(path), warnings)
    else:
        page_title, raws = _parse_quizlet_page(text, str(path), warnings)
    return _build(
        raws,
        file=str(path),
        deck_id=_deck_id_for(path, deck_id),
        title=title or page_title or path.stem,
        warnings=warnings,
    )


# --------------------------------------------------------------------------- CSV

_HEADER_Q = {"question", "questions", "front", "term", "q", "prompt"}
_HEADER_A = {"answer", "answers", "back", "definition", "a", "response"}


def _split_tags(value: str) -> list[str]:
    return [t for t in re.split(r"[\s;]+", value) if t]


def _csv_records(text: str, delimiter: str, line_offset: int = 0) -> Iterable[tuple[int, list[str]]]:
    """CSV rows with the (1-based) number of the line each starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', skipinitialspace=False)
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield last + 1 + line_offset, [f"\x00{exc}"]
            return
        start = last + 1
        last = reader.line_num
        yield start + line_offset, row


def import_csv(path: str | Path, *, deck_id: str | None = None, title: str | None = None) -> ImportResult:
    """Import ``question,answer[,tags]`` rows (tags split on spaces or ``;``); a header row is optional."""
    path = Path(path)
    file = str(path)
    text = _read_text(path)
    warnings: list[ImportWarning] = []
    raws: list[_Raw] = []
    first = True
    for line, row in _csv_records(text, ","):
        if row and row[0].startswith("\x00"):
            warnings.append(
                ImportWarning(file, line, f"unreadable CSV ({row[0][1:]}); the rest of the file skipped")
            )
            break
        if not row or not any(cell.strip() for cell in row):
            continue
        cells = [cell.strip() for cell in row]
        if first:
            first = False
            if cells[0].lower() in _HEADER_Q and len(cells) > 1 and cells[1].lower() in _HEADER_A:
                continue
        if len(cells) < 2:
            warnings.append(
                ImportWarning(file, line, "expected question,answer[,tags]; found one column; skipped")
            )
            continue
        if len(cells) > 3:
            warnings.append(
                ImportWarning(file, line, f"expected at most 3 columns, found {len(cells)}; extra ignored")
            )
        if not cells[0]:
            warnings.append(ImportWarning(file, line, "empty question; skipped"))
            continue
        tags = _split_tags(cells[2]) if len(cells) > 2 else []
        raws.append(_Raw(cells[0], cells[1], line, tags))
    return _build(
        raws, file=file, deck_id=_deck_id_for(path, deck_id), title=title or path.stem, warnings=warnings
    )


# --------------------------------------------------------------------------- Anki

_ANKI_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
_BR = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:div|p|li)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def strip_html(text: str) -> str:
    """Anki HTML to plain text: line breaks kept, tags removed, entities unescaped."""
    text = _BR.sub("\n", text)
    text = re.sub(r"<\s*li\b[^>]*>", "- ", text, flags=re.IGNORECASE)
    text = _TAG.sub("", text)
    return _tidy(html.unescape(text).replace("\xa0", " "))


def import_anki(path: str | Path, *, deck_id: str | None = None, title: str | None = None) -> ImportResult:
    """Import an Anki "Notes in Plain Text" export."""
    path = Path(path)
    file = str(path)
    text = _read_text(path)
    warnings: list[ImportWarning] = []
    lines = text.splitlines(keepends=True)

    separator = "\t"
    use_html = False
    reserved: dict[str, int] = {}
    header = 0
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        header = number
        key, _, value = line[1:].rstrip("\r\n").partition(":")
        key, raw_value, value = key.strip().lower(), value, value.strip()
        if key == "separator":
            named = _ANKI_SEPARATORS.get(value.lower())
            if named is not None:
                separator = named
            elif len(raw_value) == 1 or len(value) == 1:
                separator = raw_value if len(raw_value) == 1 else value
            else:
                warnings.append(ImportWarning(file, number, f"unknown separator {value!r}; using TAB"))
        elif key == "html":
            if value.lower() in ("true", "false"):
                use_html = value.lower() == "true"
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
                reserved[key.removesuffix(" column")] = column
        # other header lines (#deck:, #notetype:, #guid column ...) carry nothing a deck needs

    body = "".join(lines[header:])
    tags_col = reserved.get("tags")
    taken = set(reserved.values())
    raws: list[_Raw] = []
    for line, row in _csv_records(body, separator, line_offset=header):
        if row and row[0].startswith("\x00"):
            warnings.append(
                ImportWarning(file, line, f"unreadable line ({row[0][1:]}); the rest of the file skipped")
            )
            break
        if not row or not any(cell.strip() for cell in row):
            continue
        fields = [cell for i, cell in enumerate(row, start=1) if i not in taken]
        tags = _split_tags(row[tags_col - 1]) if tags_col and tags_col <= len(row) else []
        if len(fields) < 2:
            warnings.append(
                ImportWarning(
                    file, line, f"expected a front and a back field, found {len(fields)} field(s); skipped"
                )
            )
            continue
        question, answer = fields[0], fields[1]
        if use_html:
            question, answer = strip_html(question), strip_html(answer)
        if not question.strip():
            warnings.append(ImportWarning(file, line, "empty front field (question); skipped"))
            continue
        raws.append(_Raw(question, answer, line, [t.replace("::", "-") for t in tags]))
    return _build(
        raws, file=file, deck_id=_deck_id_for(path, deck_id), title=title or path.stem, warnings=warnings
    )


# --------------------------------------------------------------------------- YAML output

_PLAIN_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,()/'+&-]*$")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _scalar(value: str) -> str:
    """A one-line YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if (
        _PLAIN_OK.match(value)
        and value.lower() not in _YAML_WORDS
        and not value.endswith((" ", ":"))
        and not re.fullmatch(r"[-+]?[0-9][0-9_.,:eE+-]*", value)
    ):
        return value
    out = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    return f'"{out}"'


def _block(key: str, value: str, indent: str) -> str:
    """A literal block scalar (``|`` keeps one final newline, ``|-`` none)."""
    chomp = "" if value.endswith("\n") else "-"
    body = value[:-1] if value.endswith("\n") else value
    header = f"{indent}{key}: |{'2' if body[:1] == ' ' else ''}{chomp}"
    inner = indent + "  "
    return "\n".join([header, *(f"{inner}{line}" if line else "" for line in body.split("\n"))])


def _text_field(key: str, value: str, indent: str) -> str:
    lines = value.split("\n")
    block_ok = (
        not value.endswith("\n\n")
        and bool(value.strip())
        and not any(c in value for c in "\t\r")
        and all(line == line.rstrip() for line in lines)
    )
    if block_ok and ("\n" in value.rstrip("\n") or len(value) > 100):
        return _block(key, value, indent)
    return f"{indent}{key}: {_scalar(value)}"


def _list_field(key: str, values: tuple[str, ...], indent: str) -> str:
    flow = "[" + ", ".join(_scalar(v) for v in values) + "]"
    if len(indent) + len(key) + len(flow) + 2 <= 110:
        return f"{indent}{key}: {flow}"
    return "\n".join([f"{indent}{key}:", *(f"{indent}  - {_scalar(v)}" for v in values)])


def deck_to_yaml(deck: Deck) -> str:
    """The deck in the ``cards/*.yaml`` format: keys in their documented order, empty optional lists left out."""
    out = [f"deck: {_scalar(deck.id)}", f"title: {_scalar(deck.title)}"]
    if deck.description:
        out.append(_text_field("description", deck.description, ""))
    out.append("cards:")
    for card in deck.cards:
        out.append(f"  - id: {_scalar(card.id)}")
        ind = "    "
        out.append(f"{ind}term: {_scalar(card.term) if card.term else 'null'}")
        if card.aliases:
            out.append(_list_field("aliases", card.aliases, ind))
        out.append(_text_field("question", card.question, ind))
        out.append(_text_field("answer", card.answer, ind))
        for key in ("accept", "reject", "keypoints", "tags"):
            values = getattr(card, key)
            if values:
                out.append(_list_field(key, values, ind))
        out.append(f"{ind}status: {card.status}")
        if card.note:
            out.append(_text_field("note", card.note, ind))
    return "\n".join(out) + "\n"


def write_deck(deck: Deck, path: str | Path) -> None:
    """Write the deck YAML atomically: a temp file in the same directory, then ``os.replace``."""
    write_text_atomic(Path(path), deck_to_yaml(deck))


def write_text_atomic(path: Path, text: str) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
