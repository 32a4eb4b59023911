"""The deck as a glossary: /define, autocomplete and /search.

- ``index``: ``TermIndex``, the in-memory index of terms, aliases, acronyms and questions (built from
  ``tables``, scored with ``words``, related cards in ``related``);
- ``models``: what it returns (``Match``, ``DefineResult``, ``SearchHit``);
- ``explain``: a card's explanation, with the term written into ``___`` blanks, as data;
- ``search``: the words a search looks for and the searchable text of a card;
- ``service``: ``LookupService``, the feature the cogs and the CLI call (search goes through
  ``bot.core.storage.search_queries.SearchQueries``).
"""

from bot.core.lookup.explain import Segment, explanation, explanation_segments
from bot.core.lookup.index import DEFINE_MIN, OTHERS_MARGIN, SUGGEST_MIN, TermIndex
from bot.core.lookup.models import (
    DEFINE_EMPTY,
    DEFINE_NO_MATCH,
    DEFINE_NOTHING_CLOSE,
    HL_END,
    HL_START,
    TITLE_CHARS,
    DefineResult,
    Match,
    SearchHit,
    card_title,
)
from bot.core.lookup.search import build_fts_query, query_words
from bot.core.lookup.service import LookupService, SearchUnavailable
from bot.core.lookup.words import STOPWORDS

__all__ = [
    "DEFINE_EMPTY",
    "DEFINE_MIN",
    "DEFINE_NOTHING_CLOSE",
    "DEFINE_NO_MATCH",
    "HL_END",
    "HL_START",
    "OTHERS_MARGIN",
    "STOPWORDS",
    "SUGGEST_MIN",
    "TITLE_CHARS",
    "DefineResult",
    "LookupService",
    "Match",
    "SearchHit",
    "SearchUnavailable",
    "Segment",
    "TermIndex",
    "build_fts_query",
    "card_title",
    "explanation",
    "explanation_segments",
    "query_words",
]
