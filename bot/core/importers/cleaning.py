"""Cleaning one card's text: authors' reminders, leading hashtags, the term a question asks about, blanks."""

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
#: An answer that only says the real answer is elsewhere ("See image", "TO DO").
MISSING = re.compile(
    r"^(?:see (?:the )?(?:attached )?(?:image|picture|photo|diagram|attached)|see attached|"
    r"to ?do|todo|tbd|\?+|-+|\.+|n/?a)[.!]*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")


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


def fill_blanks(answer: str, term: str) -> str:
    """Write ``term`` into the ``___`` blanks of an answer."""

    def sub(m: re.Match[str]) -> str:
        before = answer[m.start() - 1] if m.start() > 0 else " "
        return (" " if before.isalnum() else "") + term

    return BLANK.sub(sub, answer)


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
