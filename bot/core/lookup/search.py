"""What /search looks for: the words of a query, and the searchable text of the deck.

The search table itself (and the FTS5 syntax) belongs to ``bot.core.storage.search_queries``; here the
feature decides which words of free text are worth looking for and what text of a card is searchable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from bot.core.lookup.explain import explanation
from bot.core.lookup.models import asked_text
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
