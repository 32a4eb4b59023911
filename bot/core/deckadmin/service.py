"""``DeckAdmin``: a server's own decks (``/deck``): import with a preview, list, info, turn on/off, remove,
export.

An import is two steps. ``preview`` reads the uploaded file (``bot.core.importers.import_data``: size,
format, alias and zip bombs and HTML are handled there), builds the deck in memory and keeps it, pending,
under a short token; nothing is written. ``confirm`` stores it in one transaction (``DeckQueries.
save_server_deck``: all cards or none; a deck of the same name is synced, its history kept) and puts it in
the catalog, so it is asked, defined and searched at once. Pending previews live in memory only: a
restart forgets them, and nothing was imported.

Names are slugs the server chooses (or the file's name); a name a global deck uses is refused, so a
topic never means two decks. Limits (``DeckLimits``) come from the settings.
"""

from __future__ import annotations

import asyncio
import builtins
import csv
import io
import itertools
import logging
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import PurePath

from bot.core import prompts
from bot.core.catalog import REMOVED_SUFFIX, Catalog, removed_name
from bot.core.clock import Clock
from bot.core.deckadmin.models import DeckDetails, DeckInfo, ExportFile, Flagged, ImportDone, ImportPreview
from bot.core.decks import id_problems
from bot.core.errors import CommandRef, Conflict, NotFound, Quote, UserError
from bot.core.grading.compiled import reject_without
from bot.core.importers import ImportLimits, ImportResult, deck_to_apkg, deck_to_yaml, slugify
from bot.core.importers.build import written_row
from bot.core.importers.common import Askability
from bot.core.importers.detect import import_data
from bot.core.importers.shape import REVERSE, WHICH_TERM_PROMPT
from bot.core.lookup.offloop import off_loop, release
from bot.core.models import Card, Deck, HiddenCards
from bot.core.options import DECK_MAX_BYTES, DECK_MAX_CARDS, DECK_MAX_PER_SERVER
from bot.core.storage.deck_queries import SERVER_NAME_MAX, DeckLimitReached, DeckQueries, SyncReport
from bot.core.storage.problems import STORAGE_ERRORS
from bot.core.text import formula_guard

log = logging.getLogger(__name__)

#: How long a preview waits for Import or Cancel.
PENDING_FOR = timedelta(minutes=15)
#: Previews a server may have pending at once (each holds a deck in memory); the oldest goes first.
PENDING_PER_SERVER = 3
#: Previews imported lately that are remembered (for ``PENDING_FOR``), so that their Cancel says the deck is in.
IMPORTED_KEPT = 200
#: How many flagged cards and warnings a preview lists (and its report: it says how many there are in all).
FLAGGED_SHOWN = 200
WARNINGS_SHOWN = 200
EXPORT_FORMATS = ("yaml", "csv", "anki")
#: ``/deck info`` reads the cards of a deck this small on the event loop (about a millisecond), of a larger
#: one in a worker thread.
ON_LOOP_CARDS = 500
#: ``overlay(guild_id, card_key, direction)``: answers a server accepted for a card beyond the deck's own.
Overlay = Callable[[int | None, str, str], tuple[str, ...]]
#: Run after a change is in the catalog (the search table follows it); given the server concerned.
Refresh = Callable[[int], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class DeckLimits:
    """What ``/deck import`` accepts: a file of at most ``max_bytes`` (an Anki package ten times that: its
    media are never unpacked), at most ``max_cards`` cards, and ``max_per_server`` decks a server."""

    max_bytes: int = DECK_MAX_BYTES
    max_cards: int = DECK_MAX_CARDS
    max_per_server: int = DECK_MAX_PER_SERVER

    @property
    def importer(self) -> ImportLimits:
        """The importer's limits for these."""
        return ImportLimits(
            max_bytes=self.max_bytes, max_cards=self.max_cards, max_package_bytes=self.max_package_bytes
        )

    @property
    def max_package_bytes(self) -> int:
        """The largest Anki package (``.apkg``) taken."""
        return self.max_bytes * 10


@dataclass(slots=True)
class _Pending:
    guild_id: int
    user_id: int
    name: str
    deck: Deck
    expires: datetime
    #: The ids of the reverse cards the import made ("What is X?" of a short definition).
    reverse: frozenset[str] = frozenset()
    #: The server's deck of that name the preview was read against (None: it made a new deck).
    replaces: Deck | None = None


def _refuse_name(name: str) -> UserError:
    return UserError(
        "deck.bad_name",
        "{name} cannot be a deck name: use lowercase letters, digits and '-' (at most {limit} characters).",
        name=Quote(name[:60]),
        limit=SERVER_NAME_MAX,
    )


class DeckAdmin:
    """A server's decks: import (preview, confirm, cancel), list, info, enable/disable, remove, export."""

    def __init__(
        self,
        *,
        queries: DeckQueries,
        catalog: Catalog,
        clock: Clock,
        limits: DeckLimits | None = None,
        overlay: Overlay | None = None,
        refresh: Refresh | None = None,
    ) -> None:
        self.queries = queries
        self.catalog = catalog
        self.clock = clock
        self.limits = limits or DeckLimits()
        self.overlay = overlay
        self.refresh = refresh
        self._pending: dict[str, _Pending] = {}
        #: The previews whose Import was pressed and is being handled: too late to cancel.
        self._importing: set[str] = set()
        #: The previews imported lately (token -> server, deck name, until when): a Cancel pressed on one (its
        #: buttons still shown: the edit that says "imported" failed, or had not reached the moderator yet) is
        #: told the deck is in, never that nothing was imported.
        self._imported: dict[str, tuple[int, str, datetime]] = {}
        self._lock = asyncio.Lock()
        #: The cards whose answers are hidden in a server now (``QuizService.hidden_cards``: an open quiz question,
        #: the daily question before its reveal): ``info`` keeps back the answers the server accepted for them.
        self.hidden: HiddenCards | None = None

    @property
    def max_bytes(self) -> int:
        """The largest file taken (an Anki package: ``limits.max_package_bytes``)."""
        return self.limits.max_bytes

    def max_upload_bytes(self, filename: str) -> int:
        """The largest file of this name taken (a ``.apkg`` may be larger)."""
        return self.limits.max_package_bytes if filename.lower().endswith(".apkg") else self.limits.max_bytes

    # -- lifecycle ---------------------------------------------------------------------------------
    async def start(self) -> None:
        """Nothing to start: the servers' decks are loaded by the composition root."""

    async def close(self) -> None:
        """Forget the pending previews."""
        self._pending.clear()
        self._imported.clear()

    # -- names -------------------------------------------------------------------------------------
    def _clean_name(self, name: str | None, filename: str) -> str:
        """The deck name to use: the one given (checked) or one made from the file's name."""
        if name is not None and name.strip():
            wanted = name.strip().lower()
            if id_problems(wanted, SERVER_NAME_MAX) or "." in wanted:
                raise _refuse_name(name.strip())
            return wanted
        stem = PurePath(filename.replace("\\", "/")).stem
        return slugify(stem.replace("_", " ").replace(".", " "), max_len=SERVER_NAME_MAX) or "deck"

    def _own(self, guild_id: int, name: str) -> Deck | None:
        for deck in self.catalog.owned(guild_id):
            if self.catalog.name(deck.id) == name:
                return deck
        return None

    async def _check_new(self, guild_id: int, name: str) -> Deck | None:
        """The server's deck this name replaces (None: a new deck); refused when a global deck has it or the
        server has as many decks as it may."""
        existing = self._own(guild_id, name)
        # (A deck the server imported before a deck file of that name was added stays its own: it may import it
        # again, removed since too, as removing it said; the deck file's deck is known here as ``shared_name``.)
        if (
            existing is None and self.catalog.owner(name) is None and self.catalog.deck(name) is not None
            and await self.queries.removed_deck(guild_id, name) is None
        ):
            raise Conflict(
                "deck.name_taken",
                "{name} is the name of a deck every server has; choose another name for yours.",
                name=Quote(name),
            )
        if existing is None and len(self.catalog.owned(guild_id)) >= self.limits.max_per_server:
            raise self._too_many()
        return existing

    def _too_many(self) -> UserError:
        return UserError(
            "deck.too_many",
            "This server already has the most decks it may have ({limit}). Remove one with deck remove first.",
            limit=self.limits.max_per_server,
        )

    # -- import --------------------------------------------------------------------------------------
    async def preview(
        self, guild_id: int, filename: str, data: bytes, name: str | None = None, *, user_id: int
    ) -> ImportPreview:
        """Read an uploaded file as a deck and keep it pending under a token; nothing is written.

        Refused (a ``UserError``) for a bad name, a name a global deck has, a server with as many decks as
        it may, and everything the importer refuses (too large, not text, unknown format, too many cards,
        no usable card, a YAML alias bomb, a bad package).
        """
        deck_name = self._clean_name(name, filename)
        existing = await self._check_new(guild_id, deck_name)
        limits = self.limits.importer

        def read() -> tuple[ImportResult, Deck, Askability, tuple[Flagged, ...], tuple[str, ...], frozenset[str]]:
            # Everything that walks the cards runs here, off the event loop (5,000 cards: about a second),
            # with the garbage collector paused (``off_loop``): the deck replaced too, renamed to compare
            # (a deck never changes once loaded).
            before = _renamed(existing, deck_name) if existing is not None else None
            result = import_data(filename, data, deck_id=deck_name, existing=before, limits=limits)
            deck = _renamed(result.deck, deck_name)
            reverse = frozenset(c.id for c in deck.cards if result.kinds.get(c.id) == REVERSE)
            return result, deck, result.askability(), _flagged(result, deck), _samples(deck), reverse

        result, deck, askability, flagged, samples, reverse = await off_loop(read)
        if len(deck.cards) > self.limits.max_cards:
            raise UserError(
                "import.too_many_cards",
                "{file} has {count} cards; a deck may have at most {limit}",
                file=Quote(filename),
                count=len(deck.cards),
                limit=self.limits.max_cards,
            )
        if askability.askable == 0:
            raise UserError(
                "import.no_cards",
                "{file} has no card that can be asked: every card lacks a usable answer (for example "
                "\"See image\" or an empty answer). Fill in the answers and import it again.",
                file=Quote(filename),
            )
        now = self.clock()
        self._forget_expired(now)
        token = secrets.token_hex(4)
        while token in self._pending:
            token = secrets.token_hex(4)
        mine = sorted((p.expires, t) for t, p in self._pending.items() if p.guild_id == guild_id)
        for _, old in mine[: max(0, len(mine) - PENDING_PER_SERVER + 1)]:
            self._pending.pop(old, None)
        self._pending[token] = _Pending(
            guild_id, user_id, deck_name, deck, now + PENDING_FOR, reverse, replaces=existing
        )
        return ImportPreview(
            token=token,
            name=deck_name,
            title=deck.title,
            cards=len(deck.cards),
            askable=askability.askable,
            directions=dict(askability.directions),
            flagged=flagged[:FLAGGED_SHOWN],
            samples=samples,
            replaces=existing is not None,
            warnings=tuple(str(w) for w in result.warnings[:WARNINGS_SHOWN]),
            reverse=len(reverse),
            disabled=existing is not None and existing.id in self.catalog.disabled(guild_id),
            flagged_total=len(flagged),
            warnings_total=len(result.warnings),
        )

    async def confirm(self, guild_id: int, token: str, *, user_id: int) -> ImportDone:
        """Store a previewed deck (one transaction: all cards or none) and make it usable at once."""
        now = self.clock()
        self._forget_expired(now)
        pending = self._pending.get(token)
        if pending is None or pending.guild_id != guild_id:
            raise self._gone(guild_id, token)
        self._importing.add(token)  # (a Cancel pressed from now on is too late)
        try:
            return await self._confirm(guild_id, token, pending, user_id=user_id, now=now)
        finally:
            self._importing.discard(token)

    async def _confirm(
        self, guild_id: int, token: str, pending: _Pending, *, user_id: int, now: datetime
    ) -> ImportDone:
        async with self._lock:
            if self._pending.get(token) is not pending:  # (imported by a click that held the lock before this one)
                raise self._gone(guild_id, token)
            # The preview is used up, unless the database refused the import (read-only, disk full): nothing was
            # stored, and the same preview's Import is taken again once it works.
            try:
                before = await self._check_new(guild_id, pending.name)
                if before is not pending.replaces:
                    # The deck of that name was imported (another moderator's preview) or removed since this
                    # preview was read: it no longer says what importing changes, and its cards were matched
                    # against the deck as it was then.
                    raise Conflict(
                        "deck.changed_since_preview",
                        "{name} was imported or removed in this server after this preview was made, so the "
                        "preview no longer shows what importing would change. Nothing was imported: import the "
                        "file again to see the new preview.",
                        name=Quote(pending.name),
                    )
                stored, report = await self.queries.save_server_deck(
                    guild_id, pending.name, pending.deck, now=now, max_decks=self.limits.max_per_server
                )
            except STORAGE_ERRORS:
                raise
            except DeckLimitReached as exc:
                self._pending.pop(token, None)
                raise self._too_many() from exc
            except BaseException:
                self._pending.pop(token, None)
                raise
            self._pending.pop(token, None)
            self._imported[token] = (guild_id, pending.name, now + PENDING_FOR)
            while len(self._imported) > IMPORTED_KEPT:
                self._imported.pop(next(iter(self._imported)))
            # (Its topics and cards by key are built off the event loop; only the swap happens on it.)
            prepared = await off_loop(partial(Catalog.prepare, stored, guild_id, pending.name))
            self.catalog.put_deck(stored, guild_id, pending.name, prepared=prepared)
            reverse_added, reverse_retired, reverse_new = await off_loop(
                partial(_reverse_changes, before, stored, report, pending.reverse)
            )
        await self._refresh(guild_id)
        log.info("guild %s: user %s imported deck %s (%s): %s", guild_id, user_id, pending.name, stored.id, report)
        done = ImportDone(
            name=pending.name,
            deck_id=stored.id,
            added=len(report.added) + len(report.restored) - reverse_added,
            updated=len(report.updated) - len(report.restored),
            retired=len(report.retired) - reverse_retired,
            unchanged=report.unchanged,
            enabled=stored.id not in self.catalog.disabled(guild_id),
            reverse_added=reverse_added,
            reverse_retired=reverse_retired,
            reverse_new=reverse_new,
        )
        # The deck as read from the file, the deck it replaced and the card keys of the report (thousands of
        # objects; the catalog holds the deck as stored) are let go of in a worker thread rather than freed here.
        release((pending, report, before))
        del pending, report, before
        return done

    def _imported_from(self, guild_id: int, token: str) -> str | None:
        """The name of the deck this server imported from the preview ``token`` lately (None: not imported)."""
        found = self._imported.get(token)
        if found is None or found[0] != guild_id or found[2] <= self.clock():
            return None
        return found[1]

    def _gone(self, guild_id: int, token: str) -> UserError:
        """The refusal of an Import whose preview is no longer pending: imported already, or expired."""
        name = self._imported_from(guild_id, token)
        if name is not None:
            return Conflict(
                "deck.imported_already", "{name} was imported from this preview already.", name=Quote(name)
            )
        return NotFound("deck.preview_gone", "That preview has expired or was already used; import the file again.")

    def cancel(self, guild_id: int, token: str) -> bool:
        """Drop a pending preview (nothing was written): True. Refused once its Import was pressed: the deck is
        being imported, or is in already. False for a preview not known here: expired, or one a restart forgot,
        whose Import may have been pressed before the bot stopped (nothing tells, then, whether it was)."""
        pending = self._pending.get(token)
        name = self._imported_from(guild_id, token) if pending is None else None
        if name is not None:
            raise Conflict(
                "deck.imported_already",
                "{name} was imported from this preview already, so it can no longer be cancelled. To take it out "
                "of this server, use {command}.",
                name=Quote(name),
                command=CommandRef("deck remove"),
            )
        if pending is None or pending.guild_id != guild_id:
            return False
        if token in self._importing:
            raise Conflict(
                "deck.importing",
                "This deck is already being imported, so it can no longer be cancelled: the preview shows the "
                "result in a moment.",
            )
        del self._pending[token]
        return True

    def _forget_expired(self, now: datetime) -> None:
        for token in [t for t, p in self._pending.items() if p.expires <= now]:
            del self._pending[token]
        for token in [t for t, (_, _, until) in self._imported.items() if until <= now]:
            del self._imported[token]

    async def _refresh(self, guild_id: int) -> None:
        if self.refresh is None:
            return
        try:
            await self.refresh(guild_id)
        except Exception:
            log.exception("guild %s: refreshing after a deck change failed", guild_id)

    # -- the server's decks ---------------------------------------------------------------------------
    def _info(self, guild_id: int, deck: Deck) -> DeckInfo:
        return DeckInfo(
            name=self.catalog.name_in(guild_id, deck.id),
            deck_id=deck.id,
            title=deck.title,
            description=deck.description,
            owner=self.catalog.owner(deck.id),
            enabled=deck.id not in self.catalog.disabled(guild_id),
            cards=len(deck.cards),
            askable=self.catalog.askable_count(deck),
        )

    def _deck(self, guild_id: int, name: str) -> Deck:
        deck = self.catalog.named(guild_id, name)
        if deck is None:
            raise NotFound("deck.unknown", "There is no deck called {name} here.", name=Quote(name.strip()[:60]))
        return deck

    def _decks(self, guild_id: int) -> list[Deck]:
        globals_ = [d for d in self.catalog.all_decks().values() if self.catalog.owner(d.id) is None]
        return globals_ + self.catalog.owned(guild_id)

    async def list(self, guild_id: int) -> list[DeckInfo]:
        """Every deck the server can see or has turned off: global ones first, then its own, by name."""
        infos = [self._info(guild_id, d) for d in self._decks(guild_id)]
        return sorted(infos, key=lambda i: (i.owner is not None, i.name))

    async def info(self, guild_id: int, name: str, *, viewer: int | None = None) -> DeckDetails:
        """One deck: its info, tags, source, and the answers this server accepted beyond the deck's own (but those
        of a card asked now: in the server, and for the moderator ``viewer`` in the other servers they play in)."""
        deck = self._deck(guild_id, name)
        info = self._info(guild_id, deck)
        # Every card is read (its tags, the answers the server accepted for it): in a worker thread for a
        # large deck (the accepted answers are read from memory, from a table replaced whole on a change).
        walk = partial(_tags_and_overlays, deck, guild_id, self.overlay)
        tags, overlays = walk() if len(deck.cards) <= ON_LOOP_CARDS else await off_loop(walk)
        # (a moderator may be playing: the accepted answers of a card whose question is open are its answers)
        hidden = await self.hidden(guild_id, user_id=viewer) if self.hidden is not None and overlays else frozenset()
        held = {card.id for card in deck.cards if card.key in hidden} if hidden else set()
        shown = tuple(o for o in overlays if o[0] not in held) if held else overlays
        # A deck file of the bot: its name only (where the operator keeps it is nobody else's business); an
        # upload: its name as uploaded.
        source = PurePath(deck.source).name if info.owner is None and deck.source else deck.source
        return DeckDetails(
            info=info, tags=tags, source=source, overlays=shown, overlays_held=len(overlays) - len(shown)
        )

    async def set_enabled(self, guild_id: int, name: str, enabled: bool) -> DeckInfo:
        """Turn a deck on or off in this server (saved, then in effect at once)."""
        deck = self._deck(guild_id, name)
        await self.queries.set_deck_enabled(guild_id, deck.id, enabled, now=self.clock())
        self.catalog.set_enabled(guild_id, deck.id, enabled)
        await self._refresh(guild_id)
        return self._info(guild_id, deck)

    async def remove(self, guild_id: int, name: str) -> DeckInfo:
        """Remove one of the server's decks: its cards are no longer asked; history and points are kept.
        A global deck cannot be removed (turn it off instead)."""
        deck = self._deck(guild_id, name)
        if self.catalog.owner(deck.id) != guild_id:
            raise UserError(
                "deck.global",
                "{name} is a deck every server has and cannot be removed; turn it off here with deck disable.",
                name=Quote(self.catalog.name_in(guild_id, deck.id)),
            )
        info = self._info(guild_id, deck)
        async with self._lock:
            await self.queries.retire_server_deck(guild_id, deck.id, now=self.clock())
            self.catalog.drop_deck(deck.id)
            if deck.id in self.catalog.disabled(guild_id):  # (its "turned off" goes with it)
                self.catalog.set_enabled(guild_id, deck.id, True)
        await self._refresh(guild_id)
        return info

    async def removed(self, guild_id: int, name: str) -> str | None:
        """The id of the server's deck ``name`` that it removed (for the history of its answers), if it has no deck
        of that name now; or named ``removed_name`` (as its cards are labelled beside a shared deck that has its
        name now)."""
        if name.endswith(REMOVED_SUFFIX):
            return await self.queries.removed_deck(guild_id, name[: -len(REMOVED_SUFFIX)])
        if self.catalog.named(guild_id, name) is not None:
            return None
        return await self.queries.removed_deck(guild_id, name)

    async def export(self, guild_id: int, name: str, fmt: str, *, viewer: int | None = None) -> ExportFile:
        """The deck as a file: ``yaml`` (imported back unchanged), ``csv`` or ``anki`` (an ``.apkg``). The answers
        the server accepted for a card asked now (in the server, and for the moderator ``viewer`` in the other
        servers they play in) are left out, as ``info`` leaves them out: ``held`` says for how many cards."""
        fmt = fmt.strip().lower()
        if fmt not in EXPORT_FORMATS:
            raise UserError(
                "deck.bad_format", "{fmt} is not an export format: use yaml, csv or anki.", fmt=Quote(fmt[:20])
            )
        deck = self._deck(guild_id, name)
        held = 0
        if fmt != "csv":  # (a CSV holds the deck's own words: no column takes the server's answers)
            overlay = self.overlay
            if overlay is not None and self.hidden is not None:
                hidden = await self.hidden(guild_id, user_id=viewer)
                asked = {c.key for c in deck.cards if c.key in hidden} if hidden else set()
                held = sum(
                    1 for key in asked if overlay(guild_id, key, prompts.QUESTION) or overlay(guild_id, key, prompts.TERM)
                )
                if asked:
                    overlay = _without(overlay, asked)
            deck = _with_overlay(deck, guild_id, overlay)
        deck_name = self.catalog.name(deck.id)
        # Renaming walks every card, and writing the file every card again: both in a worker thread (a deck
        # never changes once loaded), one build at a time (``off_loop``).
        exported = await off_loop(partial(_export, deck, deck_name, fmt))
        # (a shared deck known here as ``shared_name``: its file keeps the deck's own name, the message the server's)
        shown = self.catalog.name_in(guild_id, deck.id)
        return replace(exported, name=shown, held=held)

    def names(self, guild_id: int, prefix: str, limit: int = 25) -> builtins.list[str]:
        """Deck names for autocomplete (the server's and the global ones, turned off too), from memory:
        those starting with ``prefix`` first, then those containing it."""
        names = sorted({self.catalog.name_in(guild_id, d.id) for d in self._decks(guild_id)})
        return _matching(names, prefix, limit)

    async def names_with_removed(self, guild_id: int, prefix: str, limit: int = 25) -> builtins.list[str]:
        """``names``, and the decks the server removed, whose answers ``/deck stats`` still reads: by their name,
        or as ``removed_name`` beside a deck that has their name now (as ``removed`` finds them)."""
        names = {self.catalog.name_in(guild_id, d.id) for d in self._decks(guild_id)}
        for name in await self.queries.removed_deck_names(guild_id):
            names.add(removed_name(name) if self.catalog.named(guild_id, name) is not None else name)
        return _matching(sorted(names), prefix, limit)


def _matching(names: Sequence[str], prefix: str, limit: int) -> builtins.list[str]:
    """Of sorted ``names``, those starting with ``prefix`` (any case), then those containing it; ``limit`` at most."""
    q = prefix.strip().lower()
    starts = [n for n in names if n.startswith(q)]
    inside = [n for n in names if q and q in n and not n.startswith(q)]
    return (starts + inside)[: max(1, limit)]


def _tags_and_overlays(
    deck: Deck, guild_id: int, overlay: Overlay | None
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, str], ...]]:
    """The deck's tags with their counts, most used first, and the answers the server accepted beyond the
    deck's own: (card id, answer), in deck order."""
    tags = Counter(t for c in deck.cards for t in c.tags)
    overlays: list[tuple[str, str]] = []
    if overlay is not None:
        for card in deck.cards:
            for direction in (prompts.QUESTION, prompts.TERM):
                overlays.extend((card.id, a) for a in overlay(guild_id, card.key, direction))
    return tuple(sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))), tuple(overlays)


def _without(overlay: Overlay, keys: set[str]) -> Overlay:
    """``overlay`` with no answer for the cards ``keys``."""

    def read(guild_id: int | None, card_key: str, direction: str) -> tuple[str, ...]:
        return () if card_key in keys else overlay(guild_id, card_key, direction)

    return read


def _with_overlay(deck: Deck, guild_id: int, overlay: Overlay | None) -> Deck:
    """``deck`` with the answers the server accepted beyond the deck's own (moderators' accepted disputes):
    for a question, among the card's accepted answers; for its term, among its aliases. An export carries them,
    and drops the card's reject entries they override.

    The card read back grades as the card did with them: a card graded against its answer text (no accepted
    answers) keeps that text among its accepted answers beside the server's; an essay card (graded by key
    points) takes none, since accepted answers would make it a short-answer card and the deck format has no
    other place for them (``/deck info`` lists them)."""
    if overlay is None:
        return deck
    cards = []
    changed = False
    for card in deck.cards:
        accept = card.accept
        names = overlay(guild_id, card.key, prompts.TERM)
        taken = names  # the server's answers the exported card carries
        if not card.is_essay:
            answers = overlay(guild_id, card.key, prompts.QUESTION)
            taken = (*answers, *names)
            own = card.accept or tuple(a for a in (card.answer.strip(),) if a)
            more = tuple(a for a in answers if a not in own)
            if more:
                accept = (*own, *more)
        aliases = [a for a in names if a not in card.aliases and a != card.term]
        # Live grading lets the server's answer override the card's reject entry of the same normalised words
        # (``reject_without``); the card read back has no overlay, so those entries go.
        reject = reject_without(card.reject, tuple(taken))
        if accept != card.accept or aliases or reject != card.reject:
            changed = True
            card = replace(card, accept=accept, aliases=(*card.aliases, *aliases), reject=reject)
        cards.append(card)
    return replace(deck, cards=tuple(cards)) if changed else deck


def _export(deck: Deck, deck_name: str, fmt: str) -> ExportFile:
    """``deck`` as a file of ``fmt`` (one of ``EXPORT_FORMATS``), under its name."""
    plain = _renamed(deck, deck_name)
    if fmt == "yaml":
        return ExportFile(f"{deck_name}.yaml", deck_to_yaml(plain).encode("utf-8"), deck_name)
    if fmt == "csv":
        data = _to_csv(plain.cards)
        columns = tuple(data.split(b"\n", 1)[0].decode("utf-8").split(","))  # (its header row)
        return ExportFile(f"{deck_name}.csv", data, deck_name, columns)
    return ExportFile(f"{deck_name}.apkg", deck_to_apkg(plain), deck_name)


def _renamed(deck: Deck, deck_id: str) -> Deck:
    """``deck`` under another id (its cards too): a server deck as its name shows it, or back."""
    if deck.id == deck_id:
        return deck
    return replace(deck, id=deck_id, cards=tuple(replace(c, deck=deck_id) for c in deck.cards))


def _reverse_pairs(deck: Deck | Sequence[Card]) -> dict[str, str]:
    """The reverse cards of the deck's term/definition pairs (card id: the id of the card it reverses). An importer
    writes a pair's reverse card ("What is X?", the definition as its answer, no term) right after its
    which-term card."""
    found: dict[str, str] = {}
    for pair, card in itertools.pairwise(deck.cards if isinstance(deck, Deck) else deck):
        if (
            pair.term
            and pair.question.startswith(WHICH_TERM_PROMPT)
            and not card.term
            and not card.question.startswith(WHICH_TERM_PROMPT)
            and card.answer == pair.answer
        ):
            found[card.id] = pair.id
    return found


def _reverse_changes(
    before: Deck | None, after: Deck, report: SyncReport, made: frozenset[str] = frozenset()
) -> tuple[int, int, int]:
    """The reverse cards ``report`` counts as added and as retired whose pair stayed in the deck: an edited
    definition made them (short enough to grade now) or dropped them (too long now); and the other reverse cards
    added (``made``: the ids of the reverse cards the import made), which came in with their pair."""
    start = len(after.id) + 1  # (the report's keys are ``deck id:card id``)
    added = {key[start:] for key in (*report.added, *report.restored)}
    retired = {key[start:] for key in report.retired}
    brought = {card for card, pair in _reverse_pairs(after).items() if card in added and pair not in added}
    dropped = 0
    if before is not None:
        dropped = sum(1 for card, pair in _reverse_pairs(before).items() if card in retired and pair not in retired)
    with_pair = sum(1 for card in added if card in made and card not in brought)
    return len(brought), dropped, with_pair


def _flagged(result: ImportResult, deck: Deck) -> tuple[Flagged, ...]:
    """Every card not askable (with its note) and every card the importer flagged, in deck order."""
    reasons: dict[str, list[str]] = {}
    for flag in result.flagged:
        reasons.setdefault(flag.card_id, []).append(flag.reason)
    for card in deck.cards:
        said = " ".join(reasons.get(card.id, ()))
        if not card.askable and "incomplete" not in said:
            reasons.setdefault(card.id, []).append("incomplete" + (f": {card.note}" if card.note else ""))
    order = {c.id: i for i, c in enumerate(deck.cards)}
    return tuple(
        Flagged(cid, "; ".join(r)) for cid, r in sorted(reasons.items(), key=lambda kv: order.get(kv[0], 1 << 30))
    )


def _samples(deck: Deck, count: int = 3) -> tuple[str, ...]:
    """Up to ``count`` prompts as they would be asked, spread over the deck."""
    askable = [c for c in deck.cards if c.askable and prompts.directions_for(c)]
    if not askable:
        return ()
    step = max(1, len(askable) // count)
    out: list[str] = []
    for card in askable[::step][:count]:
        direction = prompts.directions_for(card)[0]
        try:
            out.append(prompts.make_prompt(card, direction).text)
        except ValueError:
            continue
    return tuple(out)


def _to_csv(cards: Sequence[Card]) -> bytes:
    """The deck's rows under a header (the CSV importer reads them back as the same cards).

    A term/definition pair is written as the row it was imported from, its term (with its other names and marks,
    as the deck wrote them) then its definition (its which-term prompt and its reverse card are made again on
    import), under a ``term,definition,tags`` header; other cards as ``question,answer,tags``; a deck holding both
    under ``front,back,tags`` (each row then read by its wording). An example shown with a card's answer (an Anki
    note's example sentence) goes in an ``example`` column after the answer, when any card has one. A cell a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a TAB or
    a carriage return) is written after an apostrophe, which spreadsheets show as text and the CSV importer takes
    off.
    """
    reverse = _reverse_pairs(cards)
    rows: list[tuple[bool, str, str, str, str]] = []
    for card in cards:
        if card.id in reverse:
            continue
        # (a pair with no usable definition yet is asked nothing: its question is its term)
        pair = bool(card.term) and (card.question.startswith(WHICH_TERM_PROMPT) or card.question == card.term)
        front, back, example = written_row(card, pair=pair)
        rows.append((pair, front, back, example, " ".join(card.tags)))
    pairs = sum(1 for pair, *_ in rows if pair)
    header = "term,definition" if rows and pairs == len(rows) else "question,answer" if not pairs else "front,back"
    examples = any(example for *_, example, _ in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*header.split(","), *(["example"] if examples else []), "tags"])
    for _, front, back, example, tags in rows:
        cells = [front, back, *([example] if examples else []), tags]
        writer.writerow([formula_guard(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8")
