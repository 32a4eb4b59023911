"""What /search looks for: the words of a query, and the searchable text of the deck.

The search table itself (and the FTS5 syntax) belongs to ``bot.core.storage.search_queries``; here the
feature decides which words of free text are worth looking for and what text of a card is searchable.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterable, Sequence
from time import perf_counter

from bot.core.lookup.explain import explanation
from bot.core.lookup.models import HL_END, HL_START, asked_text
from bot.core.lookup.words import STOPWORDS
from bot.core.models import Card
from bot.core.storage.search_queries import SearchDocument, fts_expression
from bot.core.text import plain

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_QUERY_SCAN = 4000
_MAX_TERMS = 16
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
#: Changes whenever the searchable text of a card is built differently, so the table is rebuilt once.
_DOCUMENT_FORMAT = b"plain-4"


def query_words(text: str) -> list[str]:
    """The words of free text to look for: lower-case, each once, at most 16. Bare operator words
    (``AND``, ``NEAR``) and filler ("what is") are dropped unless nothing else is left."""
    words = [w for w in _WORD.findall(text[:_MAX_QUERY_SCAN]) if w.strip("_")]
    words = [w for w in words if w not in _OPERATORS and w.lower() not in STOPWORDS] or words
    return list(dict.fromkeys(w.lower() for w in words))[:_MAX_TERMS]


def build_fts_query(text: str, *, any_word: bool = False) -> str | None:
    """A safe FTS5 MATCH expression from free text (see ``query_words`` and ``fts_expression``): every
    word required (or any, with ``any_word``), the last also as a prefix. None when the text has no words."""
    return fts_expression(query_words(text), any_word=any_word)


def search_document(card: Card) -> SearchDocument:
    """A card's searchable text: term, question (less the prompt of an imported term card: ``asked_text``) and
    explanation as plain text."""
    return SearchDocument(card.key, card.term or "", plain(asked_text(card)), plain(explanation(card)), card.deck)


def fingerprint(cards: Iterable[Card]) -> str:
    """A digest of the searchable text of ``cards`` (in key order): equal digests, equal search tables."""
    h = hashlib.sha256(_DOCUMENT_FORMAT)
    for card in sorted(cards, key=lambda c: c.key):
        for part in (card.key, card.term or "", card.question, card.answer):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()


# -- Chinese, Japanese and Korean ------------------------------------------------------------------------
#: Han ideographs, kana and Hangul: scripts whose words run together (or take particles) without a space, so
#: that the search table, which makes a word of each run of letters, holds "勾配降下法" as one word and a
#: query for "勾配" finds nothing in it.
_CJK_CHARS = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uffdc\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{_CJK_CHARS}]")
_CJK_PIECES = re.compile(f"[{_CJK_CHARS}]+|[^{_CJK_CHARS}]+")
#: Parts the fields of one card from the next in the joined text (never in a query word).
_SEP = "\x00"
#: How long a step of ``UnspacedText.matching`` may run before it stops (seconds).
STEP_SECONDS = 0.0005
_TIMED = 16  # cards or windows looked at between two looks at the clock
#: Characters ``str.find`` searches at once (some tens of microseconds).
_WINDOW = 65_536
_SNIPPET_CHARS = 80
#: The fields of a card, best first: a match in the term ranks before one in the question, then the explanation.
FIELDS = 3


def search_fold(text: str) -> str:
    """``text`` as /search compares it inside words: NFKC (full-width, half-width kana), lower case."""
    return unicodedata.normalize("NFKC", text).casefold()


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han, kana or Hangul character."""
    return not text.isascii() and _CJK.search(text) is not None


def cjk_needles(words: Sequence[str]) -> list[str]:
    """What the query's words (``query_words``) look for inside the text of a card, when one of them is written
    in Chinese, Japanese or Korean: each word, its runs of those characters apart from the rest ("勾配descent":
    "勾配" and "descent"), folded as ``UnspacedText`` folds the cards. Empty for a query without such a word."""
    if not any(has_cjk(w) for w in words):
        return []
    pieces = (search_fold(p).strip() for w in words for p in _CJK_PIECES.findall(w))
    return list(dict.fromkeys(p for p in pieces if p and _SEP not in p))


class UnspacedText:
    """The searchable text (``search_document``) of the cards written in part in Chinese, Japanese or Korean,
    folded (NFKC, case), so that /search finds a part of such a word ("勾配" in "勾配降下法", "学習" in "過学習"):
    each field's text of every such card joined in one string (shortest first), searched with ``str.find``.
    Cards without such characters are not held (a deck without them: nothing)."""

    def __init__(self, cards: Sequence[Card]) -> None:
        """Hold the text of those of ``cards`` that hold a Han, kana or Hangul character."""
        docs: list[tuple[int, tuple[str, str, str]]] = []
        for ci, card in enumerate(cards):
            if has_cjk(card.term or "") or has_cjk(card.question) or has_cjk(card.answer):
                d = search_document(card)
                docs.append((ci, (search_fold(d.term), search_fold(d.question), search_fold(d.answer))))
        #: Card held -> its position in ``cards``.
        self.owner = array("I", (ci for ci, _ in docs))
        #: Per field: the joined text, where each card's text starts in it (in the order joined), which card
        #: that is, and per card held where its text starts and ends.
        self.texts: list[str] = []
        self.starts: list[array[int]] = []
        self.order: list[array[int]] = []
        self.spans: list[tuple[array[int], array[int]]] = []
        for f in range(FIELDS):
            order = sorted(range(len(docs)), key=lambda n: len(docs[n][1][f]))  # noqa: B023 (used at once)
            begin, end = array("I", bytes(4 * len(docs))), array("I", bytes(4 * len(docs)))
            starts = array("I")
            at = 0
            for n in order:
                starts.append(at)
                begin[n], end[n] = at, at + len(docs[n][1][f])
                at = end[n] + 1
            self.texts.append(_SEP.join(docs[n][1][f] for n in order))
            self.starts.append(starts)
            self.order.append(array("I", order))
            self.spans.append((begin, end))

    def __len__(self) -> int:
        return len(self.owner)

    def _holds(self, n: int, needle: str) -> int | None:
        """The best field of held card ``n`` whose text holds ``needle`` (None: none does)."""
        for f in range(FIELDS):
            begin, end = self.spans[f]
            if self.texts[f].find(needle, begin[n], end[n]) != -1:
                return f
        return None

    def matching(
        self, needles: Sequence[str], *, any_word: bool, limit: int, wanted: Callable[[int], bool]
    ) -> Generator[None, None, list[tuple[int, int, int]]]:
        """The cards whose text holds every needle (or, with ``any_word``, one of those in Chinese, Japanese or
        Korean), at most ``limit`` of those ``wanted`` (by position in the cards given): (position, how many of
        the needles it holds, the best field holding the first needle looked for: 0 the term, 1 the question,
        2 the explanation), best first (more needles held, then the better field, then the shorter text).

        The longest needle in those scripts is looked for field by field, best first, each field's cards
        shortest first; a card found is checked for the other needles. The search stops (``yield``) once it
        has run ``STEP_SECONDS``, and goes on where it stood."""
        if not needles or not self.owner:
            return []
        cjk = sorted((nd for nd in needles if has_cjk(nd)), key=len, reverse=True)
        firsts = cjk if any_word else cjk[:1]
        found: dict[int, tuple[int, int, int]] = {}  # held card -> (-held, field, found order)
        until = perf_counter() + STEP_SECONDS
        looked = 0
        for first in firsts:
            others = [nd for nd in needles if nd != first]
            taken = 0
            for f in range(FIELDS):
                text, starts, order = self.texts[f], self.starts[f], self.order[f]
                at = 0
                while at < len(text) and taken < limit:
                    # (``find`` over a window at a time: one over the whole text, megabytes of it, holds the loop)
                    window = min(len(text), at + _WINDOW)
                    hit = text.find(first, at, window + len(first) - 1)
                    if hit == -1:
                        at = window
                    else:
                        k = bisect_right(starts, hit) - 1
                        n = order[k]
                        if n not in found and wanted(self.owner[n]):
                            held = 1 + sum(1 for nd in others if self._holds(n, nd) is not None)
                            if any_word or held == len(needles):
                                found[n] = (-held, f, len(found))
                                taken += 1
                        at = starts[k + 1] if k + 1 < len(starts) else len(text)
                    looked += 1
                    if looked % _TIMED == 0 and perf_counter() >= until:
                        yield
                        until = perf_counter() + STEP_SECONDS
        ranked = sorted(found.items(), key=lambda item: item[1])[:limit]
        return [(self.owner[n], -held, f) for n, (held, f, _) in ranked]

    def snippet(self, card: Card, needles: Sequence[str]) -> str:
        """A few words of the card's searchable text around the first needle it holds (the question's or the
        explanation's before the term's), the needles between ``HL_START`` and ``HL_END``."""
        d = search_document(card)
        for field in (d.question, d.answer, d.term):
            text = " ".join(field.split())
            folded = search_fold(text)
            if len(folded) != len(text):  # (the folded text's places are not the text's: show it folded)
                text = folded
            places = [(folded.find(nd), nd) for nd in needles]
            places = [(at, nd) for at, nd in places if at != -1]
            if not places:
                continue
            at = min(places)[0]
            start = max(0, at - _SNIPPET_CHARS // 3)
            stop = min(len(text), start + _SNIPPET_CHARS)
            marked = [False] * (stop - start)
            for nd in needles:
                i = folded.find(nd, start)
                while i != -1 and i < stop:
                    for j in range(i, min(i + len(nd), stop)):
                        marked[j - start] = True
                    i = folded.find(nd, i + len(nd))
            out = ["…"] if start else []
            for j, ch in enumerate(text[start:stop]):
                if marked[j] and (j == 0 or not marked[j - 1]):
                    out.append(HL_START)
                out.append(ch)
                if marked[j] and (j + 1 == len(marked) or not marked[j + 1]):
                    out.append(HL_END)
            if stop < len(text):
                out.append("…")
            return "".join(out)
        return ""
