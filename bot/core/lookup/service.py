"""``LookupService``: /define, autocomplete and /search over the loaded decks, for the cogs and the CLI.

The term index answers /define and autocomplete from memory. With a store, the service also keeps the
full-text search table in step with the deck for /search: at start-up it is rebuilt in one transaction
when the searchable text of the deck changed (a fingerprint is stored), so retired cards never appear.

Each server sees its own decks (``Catalog.view``): every lookup takes the server's ``guild_id`` (None: a
direct message or the terminal, the global decks). Servers that see the same decks share one term index
(kept per set of decks, the least recently used dropped past ``INDEXES_KEPT``); /search filters the
table to the server's decks. When a server imports, removes or turns off a deck, the catalog tells the
service, and ``refresh`` (awaited by the deck admin before it answers) brings the search table and that
server's index up to date, so the deck is searchable and definable at once. An index no longer needed is
taken apart in a worker thread (``offloop.release``): freeing a large one at once would hold the loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Generator, Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from bot.core.errors import CommandRef, NotFound, UserError
from bot.core.grading import grade_card, grade_card_async
from bot.core.lookup.index import (
    NO_MATCH_REASON,
    NOTHING_CLOSE_REASON,
    TermIndex,
    another_thing,
    misspelt_name,
)
from bot.core.lookup.models import (
    DEFINE_NO_MATCH,
    DEFINE_NOTHING_CLOSE,
    HL_END,
    HL_START,
    DefineResult,
    SearchHit,
)
from bot.core.lookup.offloop import off_loop, release
from bot.core.lookup.search import (
    FIELDS,
    SearchDocument,
    UnspacedText,
    cjk_needles,
    fingerprint,
    has_cjk,
    query_words,
    search_document,
    search_fold,
)
from bot.core.models import Card, HiddenCards, HiddenNow, VerdictKind
from bot.core.storage.search_queries import SearchQueries

if TYPE_CHECKING:
    from bot.core.catalog import Catalog, CatalogChange, CatalogView
    from bot.core.clock import Clock
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_RESULTS = 25
#: Term indexes kept for sets of decks other than the global one (least recently used dropped first).
INDEXES_KEPT = 64
#: A term index of this many cards or more is frozen once built (``offloop``): the garbage collector no
#: longer walks it.
FREEZE_MIN_CARDS = 20_000


def _index_of(view: CatalogView) -> TermIndex:
    """The term index of a view's cards (in a worker thread), the view's pool joined on the way."""
    _ = view.askable
    return TermIndex(view.cards())


async def _stepped(steps: Generator[None, None, T]) -> T:
    """Run ``steps`` to the end, letting the event loop run other work at each stop."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value
        await asyncio.sleep(0)


class SearchUnavailable(UserError):
    """/search was asked of a lookup built without a database (the terminal's ``define``)."""

    def __init__(self) -> None:
        super().__init__("search.unavailable", "Search needs the database, and none is open here.")


class NoDeckOn(UserError):
    """/define or /search in a server that has turned every deck off: no card is in the lookup, whatever is typed."""

    def __init__(self) -> None:
        super().__init__(
            "lookup.no_decks",
            "No deck is turned on in this server, so there is nothing to look up. "
            "A moderator can turn one on with {command}.",
            command=CommandRef("deck enable"),
        )


class LookupService:
    """/define, autocomplete and /search over the loaded decks."""

    def __init__(self, *, catalog: Catalog, store: Store | None = None, clock: Clock | None = None) -> None:
        """Look up the cards of ``catalog``; search needs ``store`` (without it, ``search`` raises
        ``SearchUnavailable``). ``clock`` stamps the search table's rebuilds."""
        self.catalog = catalog
        self.clock = clock
        self.queries: SearchQueries | None = SearchQueries(store) if store is not None else None
        self._index: TermIndex | None = None
        self._indexes: OrderedDict[frozenset[str], TermIndex] = OrderedDict()
        # The index each server last used: when its decks change, its old index is dropped unless
        # another server still sees exactly those decks (else every import would leave one behind).
        self._used_by: dict[int, frozenset[str]] = {}
        self._changed_decks: dict[str, None] = {}
        # Term indexes being built off the event loop, by set of decks (one build for many keystrokes).
        self._building: dict[frozenset[str], asyncio.Future[TermIndex]] = {}
        # The same for the text /search looks inside for Chinese, Japanese and Korean (``UnspacedText``), by index.
        self._reading: dict[int, asyncio.Future[UnspacedText]] = {}
        #: The cards whose answers are hidden in a server now (``QuizService.hidden_cards``: an open quiz
        #: question, the daily question before its reveal): /define, its suggestions and /search leave them out.
        self.hidden: HiddenCards | None = None
        #: The same, from memory (``QuizService.hidden_now``), for buttons and related cards.
        self.hidden_now: HiddenNow | None = None
        catalog.subscribe(self._on_change)

    @property
    def index(self) -> TermIndex:
        """The term index of the global decks (built on first use when ``start`` was not called)."""
        if self._index is None:
            self._index = TermIndex(self.catalog.view(None).cards())
        return self._index

    def index_for(self, guild_id: int | None) -> TermIndex:
        """The term index of the decks the server sees (built now if no server seeing them asked yet)."""
        view = self.catalog.view(guild_id)
        if view.key == self.catalog.view(None).key:
            return self.index
        if guild_id is not None:
            self._used_by[guild_id] = view.key
        found = self._indexes.get(view.key)
        if found is None:
            found = self._keep(view.key, TermIndex(view.cards()))
        else:
            self._indexes.move_to_end(view.key)
        return found

    def _has_index(self, guild_id: int | None) -> bool:
        key = self.catalog.view(guild_id).key
        if key == self.catalog.view(None).key:
            return self._index is not None
        return key in self._indexes

    def _forget(self, guild_id: int) -> None:
        """The server's decks changed: drop the index it used unless another server uses the same one."""
        old = self._used_by.pop(guild_id, None)
        if old is not None and old not in self._used_by.values() and old in self._indexes:
            release(self._indexes.pop(old))

    def _keep(self, key: frozenset[str], index: TermIndex) -> TermIndex:
        self._indexes[key] = index
        self._indexes.move_to_end(key)
        while len(self._indexes) > INDEXES_KEPT:
            release(self._indexes.popitem(last=False)[1])
        return index

    def _on_change(self, change: CatalogChange) -> None:
        """A deck was added, removed or turned on/off: drop the indexes that held it; remember it for the
        search table (``refresh``)."""
        if change.guild_id is not None:
            self._forget(change.guild_id)
        if change.kind != "enabled":
            self._changed_decks[change.deck_id] = None
            for key in [k for k in self._indexes if change.deck_id in k]:
                release(self._indexes.pop(key))
            if change.guild_id is None and self._index is not None:
                release(self._index)
                self._index = None

    async def refresh(self, guild_id: int | None = None) -> None:
        """After a deck change: bring the search table in step (the changed decks' rows, in one
        transaction) and build the server's term index off the event loop."""
        if self.queries is not None and self._changed_decks:
            deck_ids = list(self._changed_decks)
            self._changed_decks.clear()
            try:
                await self._replace_search_rows(self.queries, deck_ids)
            except BaseException:
                self._changed_decks.update(dict.fromkeys(deck_ids))  # the next refresh tries again
                raise
        await self._build(guild_id)

    async def _replace_search_rows(self, queries: SearchQueries, deck_ids: list[str]) -> None:
        """Replace the search rows of ``deck_ids`` with their cards now, and record the fingerprint of
        every loaded card.

        Nothing here walks the cards on the event loop: the decks are taken as they are now (a deck never
        changes once loaded; ``Catalog.cards`` holds the cards of exactly these decks), their cards are
        gathered, fingerprinted and made into rows in a worker thread that hands the interpreter back
        every millisecond (``off_loop``: the fingerprint reads every loaded card, a few hundred
        milliseconds over 100,000), the rows are made as the database's thread inserts them, and the
        documents are let go of in a worker thread (``release``) rather than freed here all at once.
        """
        decks = list(self.catalog.all_decks().values())
        changed = set(deck_ids)

        def prepare() -> tuple[list[SearchDocument], str, int]:
            # (As ``Catalog.cards`` holds them: by key, in the order the decks were loaded.)
            cards = list({card.key: card for deck in decks for card in deck.cards}.values())
            return [search_document(c) for c in cards if c.deck in changed], fingerprint(cards), len(cards)

        documents, digest, count = await off_loop(prepare)
        try:
            await queries.replace_decks(
                deck_ids, documents, fingerprint=digest, cards=count, now=self.clock() if self.clock else None
            )
        finally:
            release(documents)

    async def _build(self, guild_id: int | None) -> None:
        """Build the term index of the decks the server sees, off the event loop, unless it is built."""
        view = self.catalog.view(guild_id)
        if view.key not in self._indexes and view.key != self.catalog.view(None).key:
            building = self._building.get(view.key)
            if building is None:
                # (A view never changes once built: its cards are walked in the worker thread, where the
                # view's pool of askable cards is joined too, rather than on the loop at the first quiz.)
                size = sum(len(deck.cards) for deck in view.decks.values())
                building = asyncio.ensure_future(off_loop(partial(_index_of, view), freeze=size >= FREEZE_MIN_CARDS))
                self._building[view.key] = building
                building.add_done_callback(lambda _: self._building.pop(view.key, None))
            index = await asyncio.shield(building)
            if self.catalog.view(guild_id) is view:  # no change came while it was built
                self._keep(view.key, index)
                if guild_id is not None:
                    self._used_by[guild_id] = view.key

    async def start(self) -> None:
        """Build the term indexes (off the event loop: the global decks', and those of the servers with
        decks of their own) and bring the search table in step with the decks."""
        if self._index is None:
            cards = list(self.catalog.view(None).cards())
            self._index = await off_loop(lambda: TermIndex(cards), freeze=len(cards) >= FREEZE_MIN_CARDS)
        log.info(
            "lookup index: %d cards, %d names and questions, %d words",
            len(self._index), self._index.entries, self._index.vocabulary,
        )
        self._changed_decks.clear()
        if self.queries is not None:
            await self.sync_search(list(self.catalog.cards.values()))
        for guild_id in self.catalog.customised()[:INDEXES_KEPT]:
            await self._build(guild_id)

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
        documents = await asyncio.to_thread(lambda: [search_document(c) for c in cards])
        await queries.rebuild(documents, fingerprint=digest, now=self.clock() if self.clock else None)
        return True

    # -- the glossary --------------------------------------------------------------------------------
    def suggest(self, query: str, limit: int = _MAX_RESULTS, *, guild_id: int | None = None) -> list[tuple[str, str]]:
        """Autocomplete for /define: (label, card key) pairs, from memory, of the decks the server sees."""
        return self.index_for(guild_id).suggest(query, limit)

    async def suggest_async(
        self, query: str, limit: int = _MAX_RESULTS, *, guild_id: int | None = None, user_id: int | None = None
    ) -> list[tuple[str, str]]:
        """``suggest`` for the event loop: the same answer, worked out in a few steps with the loop given
        back between them, so a stream of keystrokes over a large deck never holds it for long. A server's
        index not built yet is built off the loop first."""
        if not self._has_index(guild_id):
            await self._build(guild_id)
        found = await _stepped(self.index_for(guild_id).suggesting(query, limit))
        hidden = await self._hidden(guild_id, user_id)
        return [pair for pair in found if pair[1] not in hidden] if hidden else found

    def twins(self, guild_id: int | None, keys: frozenset[str], *, stated: bool = True) -> frozenset[str]:
        """``keys`` and the keys of the cards the server sees (in a direct message, ``guild_id`` None: the global
        decks) that share a name with one of them (a term or an alias): the same term in two decks has the same
        answer, so while one card's answer is hidden, so is the other's; and, with ``stated``, the cards of their
        decks whose text states one of their answers, or whose answer theirs states. From memory, whether or not
        the server's term index is built (``CatalogView.same_names``: each deck's cards by name)."""
        if not keys:
            return keys
        return self.catalog.view(guild_id).same_names(keys, stated=stated)

    def _require_decks(self, guild_id: int | None) -> None:
        """Raise ``NoDeckOn`` when the server sees no deck (every one turned off): a miss would say the term is in
        no card, when no card is looked in."""
        if not self._view(guild_id).decks:
            raise NoDeckOn()

    async def _hidden(self, guild_id: int | None, user_id: int | None) -> frozenset[str]:
        """The cards whose answers are hidden now (in a direct message, ``guild_id`` None: every server's; for the
        member ``user_id``, also those asked in the other servers they play in), with those of the same name in
        the decks the server sees (``twins``)."""
        if self.hidden is None:
            return frozenset()
        return await self.hidden(guild_id, user_id=user_id)

    def define(self, query: str, *, guild_id: int | None = None) -> DefineResult:
        """The best card for a term (or a card key), its rivals, or a did-you-mean list, among the decks
        the server sees (a query the grader finds is another thing than the name it is spelt close to, only as
        a did-you-mean: ``another_thing``)."""
        result = self.index_for(guild_id).define(query)
        if misspelt_name(result):
            assert result.card is not None and result.matched is not None
            if grade_card(result.card, result.query, direction="term").kind is VerdictKind.WRONG:
                named = grade_card(result.card, result.matched, direction="term")
                result = another_thing(result, named.kind is not VerdictKind.WRONG)
        return result

    async def define_async(
        self, query: str, *, guild_id: int | None = None, user_id: int | None = None
    ) -> DefineResult:
        """``define`` for the event loop: the same answer, worked out in steps with the loop given back
        between them (a miss scans every term of the decks for the did-you-mean: tens of milliseconds
        over 100,000 cards, in slices of about half a millisecond). A server's index not built yet is
        built off the loop first. Raises ``NoDeckOn`` when the server has turned every deck off."""
        self._require_decks(guild_id)
        if not self._has_index(guild_id):
            await self._build(guild_id)
        result = await _stepped(self.index_for(guild_id).defining(query))
        if misspelt_name(result):  # a typo, or another thing spelt close to the name: the grader tells
            assert result.card is not None and result.matched is not None
            if (await grade_card_async(result.card, result.query, direction="term")).kind is VerdictKind.WRONG:
                named = await grade_card_async(result.card, result.matched, direction="term")
                result = another_thing(result, named.kind is not VerdictKind.WRONG)
        hidden = await self._hidden(guild_id, user_id)
        if not hidden:
            return result
        others = tuple(m for m in result.others if m.card.key not in hidden)
        suggestions = tuple(m for m in result.suggestions if m.card.key not in hidden)
        if result.card is not None and result.card.key in hidden:
            # As if the card were not in the decks: a refusal naming it would confirm a guess at the answer.
            near = others or suggestions
            return DefineResult(
                query=result.query, suggestions=near, reason=NO_MATCH_REASON if near else NOTHING_CLOSE_REASON,
                code=DEFINE_NO_MATCH if near else DEFINE_NOTHING_CLOSE,
            )
        return replace(
            result, others=others, see_also=tuple(c for c in result.see_also if c.key not in hidden),
            suggestions=suggestions,
        )

    def card(self, key: str) -> Card | None:
        """The loaded card with this key, if any."""
        return self.catalog.card(key)

    def visible_card(self, key: str | None, *, guild_id: int | None, user_id: int | None = None) -> Card:
        """The card a button or menu names, as the server ``guild_id`` (None: a direct message) may see it:
        loaded (not retired) and in a deck the server sees (not another server's, not one turned off).
        Raises ``NotFound`` otherwise (a button sent before the card left the deck, or a crafted one).
        """
        card = self.catalog.view(guild_id).card(key) if key else None
        if card is None or (self.hidden_now is not None and card.key in self.hidden_now(guild_id, user_id=user_id)):
            # (a card whose answer still scores in the server is not shown: as if it were not in the decks)
            raise NotFound("lookup.card_gone", "That card is no longer in the deck.")
        return card

    async def visible_card_async(self, key: str | None, *, guild_id: int | None, user_id: int | None = None) -> Card:
        """``visible_card`` for a click that can wait: the hidden cards read as a lookup reads them (for the member
        ``user_id``, the servers they play in read when not known yet), so that what is shown beside it ("See
        also", from memory) leaves them out too."""
        hidden = await self._hidden(guild_id, user_id)
        card = self.visible_card(key, guild_id=guild_id, user_id=user_id)
        if card.key in hidden:
            raise NotFound("lookup.card_gone", "That card is no longer in the deck.")
        return card

    def see_also(
        self, card: Card, limit: int = 6, *, exclude: Iterable[str] = (), guild_id: int | None = None,
        user_id: int | None = None,
    ) -> list[Card]:
        """Cards related to ``card`` in the decks the server sees, none of those whose keys are in
        ``exclude`` nor whose answers still score in the server (in a direct message, ``guild_id`` None: in any
        server; see ``TermIndex.see_also``)."""
        if self.hidden_now is not None:
            exclude = {*exclude, *self.hidden_now(guild_id, user_id=user_id)}
        return self.index_for(guild_id).see_also(card, limit, exclude=exclude)

    def deck_title(self, card: Card) -> str:
        """The title of the card's deck (its id when the deck is gone)."""
        deck = self.catalog.deck(card.deck)
        return deck.title if deck is not None else card.deck

    def _view(self, guild_id: int | None) -> CatalogView:
        return self.catalog.view(guild_id)

    # -- full-text search ----------------------------------------------------------------------------
    async def search(
        self, text: str, limit: int = 10, *, guild_id: int | None = None, user_id: int | None = None
    ) -> list[SearchHit]:
        """Questions and explanations matching every word of ``text`` (or, failing that, any word) in the
        decks the server sees, best first by bm25 (term matches weigh most), with highlighted snippets.
        Never raises on odd input; raises ``SearchUnavailable`` when the service has no database, ``NoDeckOn``
        when the server has turned every deck off."""
        return await self._search(text, limit, guild_id=guild_id, user_id=user_id, or_any=True)

    async def mentions(
        self, text: str, limit: int = 5, *, guild_id: int | None = None, user_id: int | None = None
    ) -> list[SearchHit]:
        """The cards whose questions or explanations hold every word of ``text``, as /search finds them (best
        first): what a /define that names no card can offer instead. None without a database (the terminal)."""
        if self.queries is None:
            return []
        return await self._search(text, limit, guild_id=guild_id, user_id=user_id, or_any=False)

    async def _search(
        self, text: str, limit: int, *, guild_id: int | None, user_id: int | None, or_any: bool
    ) -> list[SearchHit]:
        """``search``: the cards holding every word of ``text`` or, with ``or_any`` and when none does, any."""
        queries = self._search_queries()
        self._require_decks(guild_id)
        limit = max(1, min(limit, _MAX_RESULTS))
        words = query_words(text)
        needles = cjk_needles(words)
        unspaced = await self._unspaced(guild_id) if needles else None
        view = self._view(guild_id)
        decks = sorted(view.key)
        hidden = await self._hidden(guild_id, user_id)
        for any_word in (False, True) if or_any and max(len(words), len(needles)) > 1 else (False,):
            rows = await queries.match(
                words, any_word=any_word, limit=limit * 2, marks=(HL_START, HL_END), decks=decks
            )
            hits = []
            for row in rows:
                card = view.card(row.card_key)
                if card is not None and card.key not in hidden:
                    hits.append(SearchHit(card=card, snippet=row.snippet, rank=row.rank))
            if unspaced is not None:
                hits = await self._inside_words(unspaced, needles, hits, any_word=any_word, limit=limit, hidden=hidden)
            if hits:
                return hits[:limit]
        return []

    async def _unspaced(self, guild_id: int | None) -> tuple[TermIndex, UnspacedText]:
        """The server's term index and the text /search looks inside for a query in Chinese, Japanese or
        Korean (``UnspacedText``), made off the event loop at the first such search (then kept with the index)."""
        if not self._has_index(guild_id):
            await self._build(guild_id)
        index = self.index_for(guild_id)
        text = index.unspaced
        if text is None:
            reading = self._reading.get(id(index))
            if reading is None:
                cards = index.cards
                reading = asyncio.ensure_future(off_loop(lambda: UnspacedText(cards)))
                self._reading[id(index)] = reading
                reading.add_done_callback(lambda _: self._reading.pop(id(index), None))
            text = index.unspaced = await asyncio.shield(reading)
        return index, text

    async def _inside_words(
        self,
        unspaced: tuple[TermIndex, UnspacedText],
        needles: list[str],
        hits: list[SearchHit],
        *,
        any_word: bool,
        limit: int,
        hidden: frozenset[str],
    ) -> list[SearchHit]:
        """``hits`` (the search table's) and the cards whose text holds the query's words in Chinese, Japanese or
        Korean inside a longer word (``UnspacedText.matching``), best first: the cards holding more of the words,
        then those holding them in the term before the question, then the explanation; at each, the search
        table's hits (whole words, by bm25) before the others (shortest text first)."""
        index, text = unspaced
        cards = index.cards
        found = await _stepped(
            text.matching(needles, any_word=any_word, limit=limit * 2, wanted=lambda ci: cards[ci].key not in hidden)
        )
        ranked: dict[str, tuple[tuple[int, int, int, int], SearchHit]] = {}
        for i, hit in enumerate(hits):
            held, field = _held(hit.card, needles)
            ranked[hit.card.key] = ((-(len(needles) if not any_word else max(held, 1)), field, 0, i), hit)
        for i, (ci, held, field) in enumerate(found):
            card = cards[ci]
            if card.key not in ranked:
                hit = SearchHit(card=card, snippet=text.snippet(card, needles), rank=0.0)
                ranked[card.key] = ((-held, field, 1, i), hit)
        return [hit for _, hit in sorted(ranked.values(), key=lambda item: item[0])]


def _held(card: Card, needles: Sequence[str]) -> tuple[int, int]:
    """How many of ``needles`` the card's searchable text holds, and the best field holding the first needle
    ``UnspacedText.matching`` looks for (0 the term, 1 the question, 2 the explanation; 2 when it is not held as
    written: the search table matched a stem or another word)."""
    d = search_document(card)
    fields = [search_fold(d.term), search_fold(d.question), search_fold(d.answer)]
    held = sum(1 for nd in needles if any(nd in f for f in fields))
    first = max((nd for nd in needles if has_cjk(nd)), key=len, default="")
    best = next((f for f, text in enumerate(fields) if first and first in text), FIELDS - 1)
    return held, best
