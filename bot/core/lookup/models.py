"""What the glossary returns: matches for autocomplete, the /define result, and full-text search hits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.models import WHICH_TERM_PROMPT, Card
from bot.core.text import clip_words, fold, one_line, plain

#: ``DefineResult.code`` when the query has no letters or digits to look up.
DEFINE_EMPTY = "define.empty"
#: ... when no card matches well enough (``suggestions`` holds the near ones).
DEFINE_NO_MATCH = "define.no_match"
#: ... when no card matches and nothing is close.
DEFINE_NOTHING_CLOSE = "define.nothing_close"

#: Marks around the matched words of a search snippet (never in deck text: control characters).
HL_START = "\x02"
HL_END = "\x03"
_HL_SPLIT = re.compile(f"[{HL_START}{HL_END}]")


#: Characters of a short title (a button label, a list of related cards).
TITLE_CHARS = 40


def card_title(card: Card, limit: int = TITLE_CHARS) -> str:
    """What a card is called in a list or on a button: its term, or the start of its question when it
    defines no term (cut at a word, at most ``limit`` characters, plain text)."""
    if card.term:
        return clip_words(one_line(card.term, len(card.term)), limit)
    question = plain_question(card)
    return clip_words(question.rstrip("?").rstrip() if len(question) <= limit else question, limit)


@dataclass(frozen=True, slots=True)
class Match:
    """A card that matched a query: its score (0-100) and the name or question that matched."""

    card: Card
    score: float
    matched: str
    kind: str

    @property
    def label(self) -> str:
        """A one-line label: the term, with the alias or question that matched when it differs (a question as
        plain text, ``plain_question``)."""
        name = self.card.term or plain_question(self.card)
        if self.kind == "question" and self.card.term:
            return f"{self.card.term} — {one_line(plain(asked_text(self.card)), len(self.card.question))}"
        if self.kind in ("alias", "acronym") and fold(self.matched) != fold(name):
            return f"{self.matched} → {name}"
        return name


def asked_text(card: Card) -> str:
    """What a card's question says of its subject: an imported term card's question less the prompt every such
    card starts with ("Which term is this?"), so that prompt's words match no query."""
    question = card.question
    if card.term and question.startswith(WHICH_TERM_PROMPT):
        return question[len(WHICH_TERM_PROMPT) :].lstrip()
    return question


def plain_question(card: Card) -> str:
    """A card's question as a name: plain text (no markdown: a menu or an autocomplete choice shows text as it
    is), on one line."""
    return one_line(plain(card.question), len(card.question))


@dataclass(frozen=True, slots=True)
class DefineResult:
    """What /define shows: the card the query names and its close rivals, or why nothing was found and
    what is near.

    ``matched`` is the name of the card the query matched (its term, an alias, an acronym or its
    question); ``corrected`` is true when the query spelt it differently (a typo), so a surface can say
    "Showing <card> (for <query>)". ``others`` are close rivals; ``see_also`` related cards, none of them
    among ``others``. ``explanation`` is plain deck text (the term written into any ``___`` blank,
    unmarked); surfaces that mark the term use ``explain.explanation_segments(card)``. When nothing is
    found, ``code`` says why (``DEFINE_EMPTY``, ``DEFINE_NO_MATCH``, ``DEFINE_NOTHING_CLOSE``) and
    ``reason`` in plain English.
    """

    query: str
    card: Card | None = None
    explanation: str = ""
    score: float = 0.0
    matched: str | None = None
    corrected: bool = False
    others: tuple[Match, ...] = ()
    see_also: tuple[Card, ...] = ()
    suggestions: tuple[Match, ...] = ()
    reason: str | None = None
    code: str | None = None

    @property
    def found(self) -> bool:
        """Whether a card answers the query."""
        return self.card is not None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result; ``snippet`` marks the matched words with ``HL_START``/``HL_END``."""

    card: Card
    snippet: str
    rank: float

    def segments(self) -> list[tuple[str, bool]]:
        """The snippet as (text, highlighted) pieces, for the cog (bold, escaped) and the CLI."""
        out: list[tuple[str, bool]] = []
        for i, part in enumerate(_HL_SPLIT.split(self.snippet)):
            if part:
                out.append((part, i % 2 == 1))
        return out

    @property
    def plain_snippet(self) -> str:
        """The snippet with no highlight marks."""
        return self.snippet.replace(HL_START, "").replace(HL_END, "")
