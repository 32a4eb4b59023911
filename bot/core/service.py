"""The composition root: builds the store, the repositories and one service per feature, explicitly.

Each feature service receives exactly what it uses in its constructor (the store for transaction
boundaries, its repository, the attempt writer, the catalog, the clock, the random source); none of
them imports this module or holds a ``Services``. Spaced repetition follows every graded answer: its
hook is subscribed to the one attempt writer, so each attempt (quiz, practice, daily) updates the
member's review state in the same transaction; practice asks the member's due cards first
(``due_cards``) and the daily question prefers cards the server is about to forget (``daily_order``).
Decks a server imported (``decks``, a ``DeckAdmin``) are read back from the database into the catalog at
start-up, with the decks each server turned off; every feature reads what a server sees through
``catalog.view(guild_id)``. The grader knows the names of every loaded deck (``DeckTerms``: built in a
worker thread at start-up and after each deck change, swapped in on the event loop).
The cogs and the CLI reach the features through the attributes below. The core never sees the bot
token: it is given ``CoreOptions`` only.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import cast

from bot.core.catalog import Catalog, CatalogChange, shared_name
from bot.core.clock import Clock, Lifecycle, utc_now
from bot.core.daily import DailyService
from bot.core.deckadmin import DeckAdmin, DeckLimits
from bot.core.decks import load_decks
from bot.core.disputes import DisputeService
from bot.core.forget import ForgetService
from bot.core.grading import install_deck_terms, prepare_deck_terms, register_deck_terms
from bot.core.lookup import LookupService
from bot.core.lookup.offloop import off_loop, release
from bot.core.lookup.service import FREEZE_MIN_CARDS
from bot.core.models import Deck
from bot.core.options import CoreOptions
from bot.core.quiz import QuizLimits, QuizService
from bot.core.quiz import commit as quiz_commit
from bot.core.quiz.writer_process import WriterProcess
from bot.core.review import ReviewService
from bot.core.shards import ShardPlan
from bot.core.stats import StatsService
from bot.core.storage import DeckQueries, Store, SyncReport
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.store import StoreError

log = logging.getLogger(__name__)


class Services:
    """Every feature, built once per bot (see ``cogs/_shared.get_services``)."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        chat_answers: bool = False,
        quiz_limits: QuizLimits | None = None,
        deck_limits: DeckLimits | None = None,
        shards: ShardPlan | None = None,
        terms: DeckTerms | None = None,
        beside_bot: bool = False,
    ) -> None:
        """``beside_bot``: a command run beside the bot (``CoreOptions.beside_bot``): the search table is the
        bot's, built from its decks, and is neither rebuilt nor searched from here."""
        rng = rng or random.Random()
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.chat_answers = chat_answers
        self.sync_report: SyncReport | None = None
        #: The process writing the quizzes' answers (``start_writer_process``), if one runs.
        self.writer_process: WriterProcess | None = None
        #: The writer process being started on demand (``_writer_wanted``).
        self._writer_starting: asyncio.Task[None] | None = None
        self.shards = shards or ShardPlan()
        #: The grader's names of the loaded decks, kept in step with the catalog (None: the caller keeps them).
        self.terms = terms
        owns = self.shards.owns if self.shards.sharded else None
        attempts = AttemptWriter()
        self.disputes = DisputeService(store=store, catalog=catalog, clock=clock)
        self.review = ReviewService(
            store=store, catalog=catalog, clock=clock, attempts=attempts, rng=rng, overlay=self.disputes.overlay_accepts
        )
        attempts.subscribe_batch(self.review.on_attempts, in_thread=True)  # in the batch's one database call (SQLite)
        self.review.members.owns = owns
        self.quiz = QuizService(
            store=store, attempts=attempts, catalog=catalog, clock=clock, rng=rng, limits=quiz_limits,
            due_cards=self.review.due_for_practice, overlay=self.disputes.overlay_accepts, owns=owns,
        )
        self.disputes.still_open = self.quiz.question_open
        self.disputes.asked = self.quiz.asked_card
        self.disputes.rescheduled = self.review.regraded
        self.disputes.rescheduled_as = self.review.regraded_as
        self.lookup = LookupService(catalog=catalog, store=None if beside_bot else store, clock=clock)
        self.stats = StatsService(store=store, catalog=catalog, clock=clock)
        self.daily = DailyService(
            store=store, attempts=attempts, catalog=catalog, clock=clock, rng=rng, daily_order=self.review.daily_order,
            overlay=self.disputes.overlay_accepts, owns=owns,
        )
        self.decks = DeckAdmin(
            queries=deck_queries(store), catalog=catalog, clock=clock, limits=deck_limits,
            overlay=self.disputes.overlay_accepts, refresh=self._after_deck_change,
        )
        self.forget = ForgetService(store=store, quiz=self.quiz, review=self.review, disputes=self.disputes)
        # A card whose answer is hidden in a server now (an open quiz question, the daily question before its
        # reveal) is not asked elsewhere, shown by a review, named by /stats or found by a lookup there.
        self.quiz.unrevealed = self.daily_unrevealed
        self.quiz.twins = self.lookup.twins  # (and a card of the same name in another deck: the same answer)
        self.quiz.unrevealed_by_guild = self.daily.unrevealed_by_guild
        self.quiz.unrevealed_in = self.daily.unrevealed_in
        self.quiz.servers_played = self.quiz.queries.servers_played  # (and another server's, from a member of both)
        self.quiz.servers_played_by = self.quiz.queries.servers_played_by
        self.daily.open_elsewhere = self.quiz.in_play
        self.daily.planned_elsewhere = self.quiz.planned_elsewhere
        self.daily.read_in_play = self.quiz.read_in_play
        self.daily.on_claimed = self.quiz.daily_claimed
        self.daily.on_revealed = self.quiz.daily_revealed
        self.daily.on_answered = self.quiz.played
        self.daily.on_zone_set = self.review.members.server_zone_set
        self.review.hidden = self.quiz.hidden_cards
        self.review.hidden_now = self.quiz.hidden_now
        self.stats.hidden = self.quiz.hidden_cards
        self.lookup.hidden = self.quiz.hidden_cards
        self.lookup.hidden_now = self.quiz.hidden_now
        self.disputes.hidden = self.quiz.hidden_cards
        self.disputes.coming = self.quiz.coming_cards
        self.decks.hidden = self.quiz.hidden_cards
        # Started in this order, closed in reverse: review last, since the others' answers reach it.
        self._features: tuple[Lifecycle, ...] = (
            self.review, self.disputes, self.quiz, self.lookup, self.stats, self.daily, self.decks
        )

    async def daily_unrevealed(self, guild_id: int | None) -> frozenset[str]:
        """The cards of the server's daily question not revealed yet (every server's with None)."""
        return await self.daily.unrevealed_cards(guild_id)

    def now(self) -> datetime:
        """The current time (aware, UTC), from the injected clock."""
        return self.clock()

    async def _after_deck_change(self, guild_id: int) -> None:
        """What a deck change waits for before the deck admin answers: the search table and the server's
        term index, and the grader's names of the decks (so an answer right after an import is graded
        against the new deck's names)."""
        try:
            await self.lookup.refresh(guild_id)
        finally:
            if self.terms is not None:
                await self.terms.settled()

    @classmethod
    async def create(
        cls,
        options: CoreOptions,
        *,
        decks: Sequence[Deck] | None = None,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
    ) -> Services:
        """Load the decks (raises ``DeckError``), open and migrate the store, sync the decks into it, and
        load the servers' own decks (and the decks each server turned off) from it.

        Beside the bot (``options.beside_bot``) the decks are only added where the database lacks them: the
        bot's deck folder is the source of truth, and its decks missing here are still its decks."""
        if decks is None:
            decks = load_decks(options.cards_dir)
        store = await open_store(options)
        try:
            queries = deck_queries(store)
            if options.beside_bot:
                report = await queries.add_missing_decks(decks, now=clock())
            else:
                report = await queries.sync_decks(decks, now=clock())
            catalog = Catalog(decks)
            await load_server_decks(queries, catalog)
            # The grader knows every loaded deck's names, so a slip onto another card's term is no typo:
            # built off the event loop, and known before the bot answers anything.
            terms = DeckTerms(catalog)
            await terms.start()
            services = cls(
                store, catalog, clock=clock, rng=rng, chat_answers=options.chat_answers,
                quiz_limits=quiz_limits(options), deck_limits=deck_limits(options), shards=options.shards,
                terms=terms, beside_bot=options.beside_bot,
            )
            services.sync_report = report
            for feature in services._features:
                await feature.start()
            if options.writer_process == "auto":
                services.quiz.writer.on_busy = services._writer_wanted
            elif options.writer_process:
                await services.start_writer_process()
            if not options.beside_bot:  # (`tutorbot forget` refuses while a bot runs on the database)
                await store.mark_running()
            await store.serving()  # writes stop waiting minutes for another process's write lock
        except BaseException:
            await store.close()
            raise
        log.info(
            "services ready: %d decks, %d cards (%d askable), database %s",
            len(services.catalog.all_decks()),
            len(services.catalog.cards),
            len(services.catalog.askable),
            where_stored(options),
        )
        return services

    async def close(self) -> None:
        """Stop the features, then close the store (a write in progress finishes first)."""
        for feature in reversed(self._features):
            try:
                await feature.close()
            except Exception:
                log.exception("error while closing %s", type(feature).__name__)
        if self.terms is not None:
            await self.terms.close()
        self.quiz.writer.on_busy = None
        if self._writer_starting is not None:
            await asyncio.gather(self._writer_starting, return_exceptions=True)  # then it is closed below
        if self.writer_process is not None:
            self.quiz.writer.remote = None
            await self.writer_process.close()
        await self.store.close()

    def _writer_wanted(self) -> None:
        """``TUTOR_WRITER_PROCESS=auto``: answers come fast (``GroupCommit.on_busy``); start the writer
        process. Meanwhile, and if it cannot start, the answers go on being written in this process."""
        log.info("answers come at %d a second or more: starting a writer process", quiz_commit.BUSY_RATE)
        self._writer_starting = asyncio.get_running_loop().create_task(self._start_writer_quietly())

    async def _start_writer_quietly(self) -> None:
        try:
            await self.start_writer_process()
        except Exception:
            log.exception("the writer process could not start; the answers are written in this process")

    async def start_writer_process(self) -> None:
        """Start the process that writes the quizzes' answers (``writer_process``). If it cannot
        start, the answers are written in this process, as without it, and the log says why."""
        url = getattr(self.store, "url", None)  # PostgreSQL's store
        if url is None and str(self.store.path) == ":memory:":
            log.warning("a writer process needs a database file: the answers are written in this process")
            return
        process = WriterProcess(url=url) if url is not None else WriterProcess(self.store.path)
        try:
            await process.start()
        except (StoreError, OSError) as exc:
            log.warning("%s; the answers are written in this process", exc)
            return
        self.writer_process = process
        self.quiz.writer.remote = process
        log.info("the quizzes' answers are written by a writer process (pid %s)", process.pid)


def quiz_limits(options: CoreOptions) -> QuizLimits:
    """The quiz limits the settings choose (``TUTOR_QUIZ_*``); the others keep their defaults."""
    return QuizLimits(
        member_quizzes=options.quiz_max_per_member,
        server_quizzes=options.quiz_max_per_server,
        start_cooldown=float(options.quiz_cooldown_seconds),
    )


def deck_limits(options: CoreOptions) -> DeckLimits:
    """The limits on imported decks the settings choose (``TUTOR_DECK_*``)."""
    return DeckLimits(
        max_bytes=options.deck_max_bytes,
        max_cards=options.deck_max_cards,
        max_per_server=options.deck_max_per_server,
    )


class DeckTerms:
    """The grader's known terms kept in step with the loaded decks, without holding the event loop.

    With a 100,000-card deck loaded, building the names (``prepare_deck_terms``) takes from a few hundred
    milliseconds to seconds: it runs in a worker thread (``off_loop``), and only the swap
    (``install_deck_terms``) runs on the loop. Each deck added or removed (``Catalog.subscribe``; turning a
    deck on or off changes no name) asks for a build from a snapshot of the decks taken on the loop when
    the build starts. One task builds at a time: changes that come during a build are gathered into the
    next one, and builds are installed in the order of their snapshots, so the names in use at the end are
    always those of the latest decks, never an older snapshot's. ``settled`` waits for that.

    Without a running event loop (a script changing decks), a change is built and installed at once.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._asked = 0  # changes seen
        self._installed = 0  # changes whose decks' names are in use
        self._task: asyncio.Task[None] | None = None
        self._current: object | None = None  # the names this installed last
        self._closed = False
        catalog.subscribe(self._on_change)

    async def start(self) -> None:
        """Build and install the names of the decks loaded now."""
        self._asked += 1
        await self.settled()

    async def settled(self) -> None:
        """Wait until the names in use are those of the decks loaded now."""
        while self._installed < self._asked and not self._closed:
            task = self._kick()
            if task is None:
                return
            await asyncio.shield(task)

    async def close(self) -> None:
        """Stop a build in progress (its thread finishes on its own; nothing is installed) and follow the
        catalog no more."""
        self._closed = True
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    def _on_change(self, change: CatalogChange) -> None:
        if change.kind == "enabled" or self._closed:
            return
        self._asked += 1
        self._kick()

    def _kick(self) -> asyncio.Task[None] | None:
        """The task building the names, started if none is running (None: built here, with no loop)."""
        if self._task is not None and not self._task.done():
            return self._task
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            asked = self._asked
            register_deck_terms(self.catalog.all_decks().values())
            self._installed = asked
            return None
        self._task = loop.create_task(self._build(), name="deck-terms")
        return self._task

    async def _build(self) -> None:
        while self._installed < self._asked:
            asked = self._asked
            decks = list(self.catalog.all_decks().values())
            large = sum(len(d.cards) for d in decks) >= FREEZE_MIN_CARDS
            try:
                built = await off_loop(partial(prepare_deck_terms, decks), freeze=large)
            except Exception:
                log.exception("building the grader's names of the decks failed; the previous names stay")
                self._installed = asked
                continue
            names = install_deck_terms(built)
            self._installed = asked
            # The names replaced are let go of in a worker thread (taken apart only if nothing uses them).
            if self._current is not None:
                release(self._current)
            self._current = built
            log.debug("grader: %d names from %d decks", names, len(decks))


def deck_queries(store: Store) -> DeckQueries:
    """The deck queries of ``store``, walking the cards in ``off_loop``'s worker threads: in turn with the
    other builds, except while the write transaction is open (``DeckQueries.offload_now``)."""
    return DeckQueries(store, offload=off_loop, offload_now=partial(off_loop, wait_turn=False))


async def load_server_decks(queries: DeckQueries, catalog: Catalog) -> int:
    """Put every server's stored decks in ``catalog``, and the decks each server turned off; returns how
    many server decks there are."""
    found = await queries.server_decks()
    for stored in found:
        if catalog.deck(stored.deck.id) is not None:
            log.warning("server deck %s has the id of a deck file's deck; left out", stored.deck.id)
            continue
        catalog.put_deck(stored.deck, stored.owner, stored.name)
    for guild_id, deck_ids in (await queries.disabled_decks()).items():
        for deck_id in deck_ids:
            catalog.set_enabled(guild_id, deck_id, False)
    if found:
        log.info("server decks: %d decks, %d cards", len(found), sum(len(s.deck.cards) for s in found))
    for name, servers in catalog.name_clashes().items():
        log.warning(
            "deck file %s has the name of a deck %d server%s imported before: there it is %r, and %r is the "
            "server's own deck (rename the deck file to give it one name everywhere)",
            name, servers, "" if servers == 1 else "s", shared_name(name), name,
        )
    return len(found)


async def open_store(options: CoreOptions) -> Store:
    """The SQLite file at ``db_path``, or PostgreSQL when ``database_url`` is set (same repositories)."""
    if options.database_url:
        from bot.core.storage.pg.compat import PgCompatStore  # asyncpg is loaded only for PostgreSQL

        return cast(Store, await PgCompatStore.open(options.database_url))
    return await Store.open(options.db_path)


def where_stored(options: CoreOptions) -> str:
    """The database for messages and logs (a URL without its password)."""
    if options.database_url:
        from bot.core.storage.pg.store import safe_url

        return safe_url(options.database_url)
    return str(options.db_path)
