"""``LookupService``: /define, autocomplete and /search over the loaded decks, for the cogs and the CLI.

The term index answers /define and autocomplete from memory. With a store, the service also keeps the
full-text search table in step with the deck for /search: at start-up it is rebuilt in one transaction
when the searchable text of the deck changed (a fingerprint is stored), so retired cards never appear.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.errors import NotFound, UserError
from bot.core.lookup.index import TermIndex
from bot.core.lookup.models import HL_END, HL_START, DefineResult, SearchHit
from bot.core.lookup.search import fingerprint, query_words, search_document
from bot.core.models import Card
from bot.core.storage.search_queries import SearchQueries

if TYPE_CHECKING:
    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

_MAX_RESULTS = 25


class SearchUnavailable(UserError):
    """/search was asked of a lookup built without a database (the terminal's ``define``)."""

    def __init__(self) -> None:
        super().__init__("search.unavailable", "Search needs the database, and none is open here.")


class LookupService:
    """/define, autocomplete and /search over the loaded decks."""

    def __init__(self, *, catalog: Catalog, store: Store | None = None, clock: Clock | None = None) -> None:
        """Look up the cards of ``catalog``; search needs ``store`` (without it, ``search`` raises
        ``SearchUnavailable``). ``clock`` stamps the search table's rebuilds."""
        self.catalog = catalog
        self.clock = clock
        self.queries: SearchQueries | None = SearchQueries(store) if store is not None else None
        self._index: TermIndex | None = None

    @property
    def index(self) -> TermIndex:
        """The term index (built on first use when ``start`` was not called)."""
        if self._index is None:
            self._index = TermIndex(self.catalog.cards.values())
        return self._index

    async def start(self) -> None:
        """Build the term index (off the event loop) and bring the search table in step with the deck."""
        cards = list(self.catalog.cards.values())
        if self._index is None:
            self._index = await asyncio.to_thread(TermIndex, cards)
        log.info(
            "lookup index: %d cards, %d names and questions, %d words",
            len(self._index), self._index.entries, self._index.vocabulary,
        )
        if self.queries is not None:
            await self.sync_search(cards)

    async def close(self) -> None:
        """Nothing to close: the index lives in memory."""

    def _search_queries(self) -> SearchQueries:
        if self.queries is None:
            raise SearchUnavailable()
        return self.queries

    async def sync_search(self, cards: Sequence[Card]) -> bool:
        """Rebuild the search table for ``cards`` in one transaction, unless it already holds them.

        True if it was rebuilt.
        """
        queries = self._search_queries()
        digest = await asyncio.to_thread(fingerprint, cards)
        if await queries.fingerprint() == digest:
            return False
        documents = [search_document(c) for c in cards]
        await queries.rebuild(documents, fingerprint=digest, now=self.clock() if self.clock else None)
        return True

    # -- the glossary --------------------------------------------------------------------------------
    def suggest(self, query: str, limit: int = _MAX_RESULTS) -> list[tuple[str, str]]:
        """Autocomplete for /define: (label, card key) pairs, from memory."""
        return self.index.suggest(query, limit)

    def define(self, query: str) -> DefineResult:
        """The best card for a term (or a card key), its rivals, or a did-you-mean list."""
        return self.index.define(query)

    def card(self, key: str) -> Card | None:
        """The loaded card with this key, if any."""
        return self.catalog.card(key)

    def visible_card(self, key: str | None, *, guild_id: int | None) -> Card:
        """The card a button or menu names, as the server ``guild_id`` (None: a direct message) may see it:
        loaded (not retired) and in a deck the server sees. Raises ``NotFound`` otherwise (a button sent
        before the card left the deck, or a crafted one).

        Every deck is shared by every server today, so a loaded card is visible everywhere; this is the
        one place to change when decks become per server.
        """
        card = self.catalog.card(key) if key else None
        if card is None:
            raise NotFound("lookup.card_gone", "That card is no longer in the deck.")
        return card

    def see_also(self, card: Card, limit: int = 6, *, exclude: Iterable[str] = ()) -> list[Card]:
        """Cards related to ``card``, none of those whose keys are in ``exclude`` (see ``TermIndex.see_also``)."""
        return self.index.see_also(card, limit, exclude=exclude)

    def deck_title(self, card: Card) -> str:
        """The title of the card's deck (its id when the deck is gone)."""
        deck = self.catalog.decks.get(card.deck)
        return deck.title if deck is not None else card.deck

    # -- full-text search ----------------------------------------------------------------------------
    async def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Questions and explanations matching every word of ``text`` (or, failing that, any word), best
        first by bm25 (term matches weigh most), with highlighted snippets. Never raises on odd input;
        raises ``SearchUnavailable`` when the service has no database."""
        queries = self._search_queries()
        limit = max(1, min(limit, _MAX_RESULTS))
        words = query_words(text)
        for any_word in (False, True) if len(words) > 1 else (False,):
            rows = await queries.match(words, any_word=any_word, limit=limit * 2, marks=(HL_START, HL_END))
            hits = []
            for row in rows:
                card = self.catalog.card(row.card_key)
                if card is not None:
                    hits.append(SearchHit(card=card, snippet=row.snippet, rank=row.rank))
            if hits:
                return hits[:limit]
        return []
