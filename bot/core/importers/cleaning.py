"""Cleaning one card's text: authors' reminders, remarks about the source, leading hashtags, the term a
question asks about, and blanks."""

from __future__ import annotations

import logging
import re

from bot.core.decks import CARD_ID_MAX
from bot.core.importers.common import slugify, tag_slug

log = logging.getLogger(__name__)

# Reminders the author wrote into cards for themselves.
_NOTE_PATTERNS = (
    re.compile(r"\bcome back (?:to|and (?:finish|fix|do)) this(?: one)?\b[.!]*", re.IGNORECASE),
    re.compile(r"\b(?:move|finish|fix) this one\b[.!]*", re.IGNORECASE),
    re.compile(r"\[\s*(?:need to|needs to|to ?do|todo|move|fix|come back|finish)\b[^\]]*\]", re.IGNORECASE),
)

_HASHTAGS = re.compile(r"^\s*((?:#[^\s#.,;:!?]+[.,;:]?\s*)+)")
_HASHTAG = re.compile(r"#([^\s#.,;:!?]+)")
BLANK = re.compile(r"_{2,}(?:[ \t]+_{2,})*")
#: An answer that only says the real answer is elsewhere ("See image", "TO DO", an export's "[image]").
MISSING = re.compile(
    r"^(?:see (?:the )?(?:attached )?(?:image|picture|photo|diagram|attached)|see attached|"
    r"to ?do|todo|tbd|\?+|-+|\.+|n/a|"
    r"\[\s*(?:image|picture|photo|diagram|figure)s?\s*\]|\(\s*(?:image|picture|photo|diagram|figure)s?\s*\))[.!]*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")


# Remarks about the source rather than the subject: a picture that did not come along, web-page clutter.
_SOURCE_REMARKS = (
    re.compile(
        r"^\s*see (?:the )?(?:attached )?(?:image|picture|photo|diagram|figure|attached)s?"
        r"(?: (?:for|of|below|above)(?: [a-z][\w,'-]*){0,6}?(?= (?-i:[A-Z])|$))?\s*(?:[-–:.,]\s*|(?=(?-i:[A-Z]))|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s*(?:[-–]\s*)?\(?\bsee (?:the )?(?:attached )?(?:image|picture|photo|diagram|figure)s?(?: attached)?\b\)?[.,]?"
        r"|\s*\(?\bsee attached\b\)?[.,]?",
        re.IGNORECASE,
    ),
    re.compile(r"\s*\bdownload the (?:solution brief|white ?paper|pdf|e-?book)\b[.!]?", re.IGNORECASE),
)
_HYPHENATED = re.compile(r"\b([A-Za-z]{2,})- ([a-z]{2,})\b")
_JOINERS = frozenset({"and", "or", "to", "nor", "vs", "versus", "but"})


def drop_source_remarks(text: str) -> tuple[str, list[str]]:
    """The text without remarks about the source ("See image", "(see diagram)"), and the remarks dropped."""
    dropped: list[str] = []
    for pattern in _SOURCE_REMARKS:
        for m in pattern.finditer(text):
            if m.group(0).strip():
                dropped.append(m.group(0).strip(" -–:.,()"))
        text = pattern.sub(" ", text)
    return tidy(text), dropped


def join_hyphenation(text: str) -> str:
    """Words split across a line by a hyphen and copied as "exist- ing" made whole again."""
    return _HYPHENATED.sub(lambda m: m.group(0) if m.group(2) in _JOINERS else m.group(1) + m.group(2), text)


def drop_notes(text: str) -> tuple[str, list[str]]:
    """The text without the author's reminders ("COME BACK TO THIS ONE" …), and the reminders dropped."""
    dropped: list[str] = []
    for pattern in _NOTE_PATTERNS:
        for m in pattern.finditer(text):
            dropped.append(m.group(0).strip())
        text = pattern.sub(" ", text)
    return tidy(text), dropped


def tidy(text: str) -> str:
    """Runs of spaces made one, lines trimmed, at most one blank line in a row."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", out)


def split_hashtags(question: str) -> tuple[str, list[str]]:
    """The question without its leading ``#hashtags``, and those hashtags as tag slugs."""
    m = _HASHTAGS.match(question)
    if not m:
        return question, []
    tags = [t for t in (tag_slug(x) for x in _HASHTAG.findall(m.group(1))) if t]
    return question[m.end() :].strip(), tags


_TERM_PATTERNS = (
    re.compile(r"^what\s+(?:type|kind|sort|class)\s+of\s+\w+\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?P<t>[^?,;]+?)\s*(?:\?|,|;|$|\s+(?:and|when|why|how|in|with|for)\b)", re.IGNORECASE),
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
# Words that open a phrase about something rather than the name of a concept ("the best choice for ...").
_NOT_TERM_STARTS = frozenset(
    """best main difference differences type types kind kinds way ways reason reasons use play deal purpose
    role goal point benefit benefits advantage advantages stage step steps problem problems example
    examples case""".split()
)
_NOT_TERM_ENDS = frozenset("about for with to of in on at by from like than".split())
# "Mode Collapse: what is it?" names its term; "Enterprise: why do you ...?" only labels a topic.
_REFERS_BACK = re.compile(r"\b(?:it|its|they|them|these|those|this)\b", re.IGNORECASE)
_LEADING_LABEL = re.compile(r"^(?:[A-Z]{3,}[!.:]*\s+)+(?=[A-Z][a-z])")


def guess_term(question: str, *, loose: bool = False) -> str | None:
    """The concept a question asks about, when its wording makes that clear (else None).

    ``loose``: take a leading "Topic: what ...?" label as the term even when the question does not
    refer back to it (an answer whose blanks stand for it says it is the term).
    """
    q = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", question)
    q = _LEADING_LABEL.sub("", _SPACES.sub(" ", q).strip())  # "TRAINING What is ..." -> "What is ..."
    for index, pattern in enumerate(_TERM_PATTERNS):
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
            or words[0].lower() in _NOT_TERM_STARTS
            or words[-1].lower() in _NOT_TERM_ENDS
        ):
            continue
        if index == 4 and not loose and not _REFERS_BACK.search(q[m.end("t") :][:40]):
            continue  # a topic label, not a term the question asks about
        if term.isupper() and len(term) > 5:  # "MASKING" -> "masking"; keep acronyms such as RLHF
            term = term.lower()
        return term
    return None


def fill_blanks(answer: str, term: str) -> str:
    """Write ``term`` into the ``___`` blanks of an answer."""

    def sub(m: re.Match[str]) -> str:
        before = answer[m.start() - 1] if m.start() > 0 else " "
        return (" " if before.isalnum() else "") + term

    return BLANK.sub(sub, answer)


_NUMBERED = re.compile(r"(?:(?<=\s)|^)(\d)[.)]\s+")
_ITEM_END = re.compile(
    r"\?|(?<=\w)\.(?:\s|$)|\s(?:\d[.)]\s)|\s(?:what|how|why|when|which|who|where)\b|\s+and\s*$", re.IGNORECASE
)


def numbered_items(question: str) -> dict[int, str]:
    """The items a question numbers ("1. Query 2. Key 3. Value What are these?" -> {1: "Query", ...})."""
    marks = list(_NUMBERED.finditer(question))
    items: dict[int, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(question)
        chunk = question[m.end() : end]
        stop = _ITEM_END.search(chunk)
        item = (chunk[: stop.start()] if stop else chunk).strip(" ,;:")
        item = re.sub(r"\s+(?:and|or)$", "", item).strip()
        if item and len(item.split()) <= 5:
            items[int(m.group(1))] = item
    return items if len(items) >= 2 else {}


def fill_numbered_blanks(answer: str, question: str) -> tuple[str, int]:
    """Blanks after a number ("2. ____") filled with the item the question numbers so; (text, how many)."""
    items = numbered_items(question)
    if not items:
        return answer, 0
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        item = items.get(int(m.group(1)))
        if item is None:
            return m.group(0)
        count += 1
        return f"{m.group(1)}. {item}"

    return re.sub(r"(?:(?<=\s)|^)(\d)[.)]\s*" + BLANK.pattern, sub, answer), count


def mark_unfilled_blanks(answer: str) -> tuple[str, int]:
    """Blanks no term can fill shown as "…" (the validator refuses ``___``); (text, how many)."""
    return BLANK.subn("…", answer)


_QUESTION_PREFIX = re.compile(
    r"^(?:(?:what|who|which|how|why|when)\s+(?:is|are|does|do|did|was|were)\s+(?:an?\s+|the\s+)?)",
    re.IGNORECASE,
)


def base_id(question: str, term: str | None) -> str:
    """A card id from the term (or the question without "What is …"), before making it unique."""
    if term:
        slug = slugify(term, max_words=6)
        if slug:
            return slug
    q = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", question)
    q = _QUESTION_PREFIX.sub("", q.strip())
    return slugify(q, max_words=6) or "card"


def unique_id(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … : the first one not in ``used``, within the id length cap."""
    card_id, n = base, 1
    while card_id in used:
        n += 1
        suffix = f"-{n}"
        card_id = base[: CARD_ID_MAX - len(suffix)].rstrip("-") + suffix
    return card_id
