"""Typed queries for the decks and cards mirrored from the deck files (``cards/*.yaml``).

The deck files are the source of truth; the database keeps a copy so that attempts, quizzes and daily
posts can refer to cards by key, and so that a card removed from the files keeps its history. A sync
adds new cards, updates changed ones, retires cards no longer in any file (their rows stay) and brings
a retired card back when it reappears. Changing a card's tags is seen by the stats triggers of
``migrations/0004_stats.sql``, which queue the topics to recompute.

Decks a server imports (``save_server_deck``) are stored the same way, owned by that server
(``decks.owner_guild_id``; NULL for the deck files' decks): a re-import of the same name is a sync of that
one deck, in one transaction. The deck-file sync never touches them (they are not in ``cards/``), and they
are read back at start-up (``server_decks``), with the decks each server turned off (``disabled_decks``).

A restart with unchanged deck files is quick: the sync records a digest of what it wrote
(``decks_fingerprint``, table ``deck_sync``) and, when the decks give the same digest again, compares
nothing card by card (a 100,000-card deck folder: about a tenth of a second instead of seconds).

What walks every card (the digest, each card's stored form and the comparison with the stored rows)
runs in a worker thread (``offload``, ``asyncio.to_thread`` unless the composition root gives another),
never on the event loop: a 5,000-card re-import compares for tens of milliseconds, a 100,000-card
deck folder for seconds. Only the statements are sent from the loop. The comparison runs while the write
transaction is open, so it goes through ``offload_now``, which must start at once: queued behind other
work (a large build), it would keep the database's write lock from every other writer meanwhile.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import marshal
import operator
from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import partial
from typing import Any, Protocol, TypeVar

import aiosqlite

from bot.core.models import Card, Deck, asks_alike, still_learned
from bot.core.storage.sql import fetch_one, fetch_value, now_ms

log = logging.getLogger(__name__)

T = TypeVar("T")


class Offload(Protocol):
    """Runs ``fn()`` off the event loop (in a worker thread) and returns its result."""

    def __call__(self, fn: Callable[[], T], /) -> Awaitable[T]: ...


def _to_thread(fn: Callable[[], T]) -> Awaitable[T]:
    return asyncio.to_thread(fn)


class UnitsOfWork(Protocol):
    """What the deck queries use of the store (``store.Store``): its units of work."""

    def transaction(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception."""

    def read(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        """A connection for queries (sees every committed transaction)."""


_UPSERT_DECK = (
    "INSERT INTO decks (id, title, description, source, retired, updated_at) VALUES (?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,"
    " source = excluded.source, retired = 0, updated_at = excluded.updated_at"
)
#: A deck not stored yet (one stored is left as it is: see ``DeckQueries.add_missing_decks``).
_INSERT_DECK = (
    "INSERT INTO decks (id, title, description, source, retired, updated_at) VALUES (?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (id) DO NOTHING"
)
_UPSERT_CARD = (
    "INSERT INTO cards (key, deck_id, card_id, term, question, status, data, retired, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (key) DO UPDATE SET term = excluded.term, question = excluded.question,"
    " status = excluded.status, data = excluded.data, retired = 0,"
    # (a version that asks as the stored one did, only re-tagged: answers given before it answered its question)
    " updated_at = CASE WHEN ? = 1 THEN cards.updated_at ELSE excluded.updated_at END"
)


#: The longest name a server may give a deck: its id is the name, ``.`` and a six-character suffix, within
#: ``bot.core.decks.DECK_ID_MAX``.
SERVER_NAME_MAX = 25
_SUFFIX = 6
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


class DeckLimitReached(Exception):
    """A server already owns the most decks it may (``save_server_deck(max_decks=...)``); nothing was written."""

    def __init__(self, count: int) -> None:
        super().__init__(f"the server already has {count} decks")
        self.count = count


@dataclass(frozen=True, slots=True)
class ServerDeck:
    """A deck a server imported, as stored: the owner, the name it is known by, and the deck (its id
    the stored one, every card's ``deck`` too)."""

    owner: int
    name: str
    deck: Deck


def server_deck_id(name: str, guild_id: int, attempt: int = 0) -> str:
    """The id of a server's deck: its name, ``.`` and six characters drawn from the server and the name
    (another ``attempt`` gives another suffix, for the rare clash)."""
    digest = hashlib.sha256(f"{guild_id}:{name}:{attempt}".encode()).digest()
    suffix = "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:_SUFFIX])
    return f"{name}.{suffix}"


def server_deck_name(deck_id: str) -> str:
    """The name of a server deck, from its id (see ``server_deck_id``)."""
    return deck_id.rsplit(".", 1)[0]


def _with_id(deck: Deck, deck_id: str) -> Deck:
    """``deck`` under another id (every card's ``deck`` too)."""
    if deck.id == deck_id and all(c.deck == deck_id for c in deck.cards):
        return deck
    cards = tuple(replace(c, deck=deck_id) for c in deck.cards)
    return replace(deck, id=deck_id, cards=cards)


@dataclass(slots=True)
class SyncReport:
    """What a deck sync changed: card keys added, updated and retired, and how many were unchanged. ``restored``:
    the updated cards that were retired (back in their deck: a row back in the file, a removed deck imported
    again), which whoever imports the deck added."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0
    restored: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.retired)} retired, "
            f"{self.unchanged} unchanged"
        )


#: Bumped when what a sync writes for the same deck files changes (the next sync then compares every card).
_SYNC_FORMAT = "tutorbot deck sync 2"  # 2: every card's position in its deck
_FIELD_NAMES = tuple(f.name for f in fields(Card))
_CARD_FIELDS = operator.attrgetter(*_FIELD_NAMES)  # a card's fields as a tuple, in order


def decks_fingerprint(decks: Sequence[Deck]) -> str | None:
    """A digest of every field of every deck and card, in order (None if a field is of an odd type).

    Equal digests mean the sync would write the same rows. Fast for large decks: the fields are packed
    by ``marshal`` (format 0: no references or interning marks, so equal contents give equal bytes) and
    hashed once.
    """
    data = [
        (_SYNC_FORMAT,),
        *((d.id, d.title, d.description, d.source, list(map(_CARD_FIELDS, d.cards))) for d in decks),
    ]
    try:
        packed = marshal.dumps(data, 0)
    except ValueError:
        return None
    return hashlib.sha256(packed).hexdigest()


def card_to_json(card: Card) -> str:
    """The stored form of a card (every field, keys sorted, so an unchanged card compares equal)."""
    return json.dumps(dict(zip(_FIELD_NAMES, _CARD_FIELDS(card), strict=True)), sort_keys=True, ensure_ascii=False)


def card_from_json(text: str) -> Card:
    """A card read back from its stored form."""
    data = json.loads(text)
    for key in ("aliases", "accept", "reject", "keypoints", "tags"):
        data[key] = tuple(data.get(key) or ())
    return Card(**data)


@dataclass(slots=True)
class _CardChanges:
    """The rows one sync writes, gathered before anything is sent (one batch a statement)."""

    cards: list[tuple[object, ...]] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    #: keys of the stored active cards no deck has any more
    gone: list[str] = field(default_factory=list)
    #: ``(position, key, position)`` of every card of the decks synced, in deck order
    positions: list[tuple[int, str, int]] = field(default_factory=list)
    #: keys of the stored cards whose new version what members learned no longer answers (``still_learned``)
    relearn: list[str] = field(default_factory=list)

    def clear(self) -> None:
        """Let go of the rows (written already): thousands of strings, freed off the event loop."""
        self.cards.clear()
        self.tags.clear()
        self.seen.clear()
        self.gone.clear()
        self.positions.clear()
        self.relearn.clear()


class DeckQueries:
    """The deck and card rows: the sync from the deck files, and cards read back by key."""

    def __init__(self, store: UnitsOfWork, *, offload: Offload = _to_thread, offload_now: Offload = _to_thread) -> None:
        """Queries on ``store``; ``offload`` runs the work that walks every card off the event loop, and
        ``offload_now`` the part of it done while the write transaction is open, which must not wait behind
        other work of ``offload``'s (the database's write lock would wait with it)."""
        self.store = store
        self.offload = offload
        self.offload_now = offload_now

    async def sync_decks(
        self, decks: Iterable[Deck], *, now: datetime | None = None, digest: str | None = None
    ) -> SyncReport:
        """Mirror the deck files into the database in one transaction.

        New cards are added, changed ones updated, cards no longer in any file are retired (kept, so the
        attempts on them keep their history) and come back if they reappear. When the decks are exactly
        those of the last sync, nothing is compared or written: ``digest`` (from
        ``bot.core.decks.load_decks_with_digest``, for decks just loaded from their files) tells so at
        once; without it the decks' own fields are digested (``decks_fingerprint``).
        """
        stamp = now_ms(now)
        decks = list(decks)
        if digest:
            fingerprint: str | None = _SYNC_FORMAT + " " + digest
        else:
            fingerprint = await self.offload(partial(decks_fingerprint, decks))
        async with self.store.transaction() as db:
            stored = await fetch_value(db, "SELECT fingerprint FROM deck_sync WHERE id = 1")
            if fingerprint is not None and stored == fingerprint:
                report = SyncReport(unchanged=sum(len(d.cards) for d in decks))
                log.info("decks synced (unchanged since the last sync): %s", report)
                return report
            rows = await _stored_rows(db)
            for deck in decks:
                await db.execute(_UPSERT_DECK, (deck.id, deck.title, deck.description, deck.source, stamp))
            changes, report = await self.offload_now(partial(_plan_sync, decks, rows, stamp))
            await _write_cards(db, changes)
            await _relearn(db, changes.relearn, stamp)
            await _retire_cards(db, changes.gone, stamp)
            await db.executemany("UPDATE cards SET position = ? WHERE key = ? AND position IS NOT ?", changes.positions)
            await _retire_missing_decks(db, [d.id for d in decks], stamp)
            await _record_fingerprint(db, fingerprint, len(changes.seen), stamp)
        await self.offload(changes.clear)
        log.info("decks synced: %s", report)
        return report

    async def add_missing_decks(self, decks: Iterable[Deck], *, now: datetime | None = None) -> SyncReport:
        """Add the decks and cards the database does not have yet, in one transaction, and change nothing else.

        For a command run beside the bot (``tutorbot quiz``, ``review``), whose deck folder may not be the
        bot's: a full sync from it would retire the bot's decks it lacks and write its own versions over the
        bot's cards. The cards it adds are what it asks; the cards it has in another version, or that the bot
        retired, stay as the bot left them. When it adds any, the record of the last sync is forgotten, so the
        bot's next start compares every card and retires those that are not in its decks.
        """
        stamp = now_ms(now)
        decks = list(decks)
        fingerprint = await self.offload(partial(decks_fingerprint, decks))
        async with self.store.transaction() as db:
            stored = await fetch_value(db, "SELECT fingerprint FROM deck_sync WHERE id = 1")
            if fingerprint is not None and stored == fingerprint:  # (the bot's own decks: all there)
                return SyncReport(unchanged=sum(len(d.cards) for d in decks))
            keys = {row["key"] for row in await db.execute_fetchall("SELECT key FROM cards")}
            changes, report = await self.offload_now(partial(_plan_additions, decks, keys, stamp))
            if changes.cards:
                for deck in decks:
                    await db.execute(_INSERT_DECK, (deck.id, deck.title, deck.description, deck.source, stamp))
                await _write_cards(db, changes)
                await db.executemany("UPDATE cards SET position = ? WHERE key = ? AND position IS NOT ?", changes.positions)
                await _record_fingerprint(db, None, 0, stamp)
        await self.offload(changes.clear)
        log.info("decks beside the bot: %d cards added, %d already there", len(report.added), report.unchanged)
        return report

    async def card(self, key: str) -> tuple[Card, bool] | None:
        """A card by key, with whether it is retired (retired cards keep their history)."""
        async with self.store.read() as db:
            row = await fetch_one(db, "SELECT data, retired FROM cards WHERE key = ?", (key,))
        return None if row is None else (card_from_json(row["data"]), bool(row["retired"]))

    async def active_card_keys(self) -> set[str]:
        """The keys of every card still in a deck file."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall("SELECT key FROM cards WHERE retired = 0")
        return {r["key"] for r in rows}

    # -- a server's own decks ----------------------------------------------------------------------
    async def save_server_deck(
        self,
        guild_id: int,
        name: str,
        deck: Deck,
        *,
        now: datetime | None = None,
        max_decks: int | None = None,
    ) -> tuple[Deck, SyncReport]:
        """Store ``deck`` as the server's deck called ``name``, in one transaction; returns the deck as
        stored (under its own id) and what changed.

        A deck of that name the server already has (or had, and removed) is synced as the deck files are:
        new cards added, changed ones updated, cards no longer in it retired (their history kept). A new
        name gets a new id (``server_deck_id``). ``max_decks`` caps the decks a server owns: a new deck past
        it raises ``DeckLimitReached`` and nothing is written.
        """
        stamp = now_ms(now)
        async with self.store.transaction() as db:
            row = await fetch_one(
                db, "SELECT id, retired FROM decks WHERE owner_guild_id = ? AND name = ?", (guild_id, name)
            )
            if row is None or row["retired"]:
                if max_decks is not None:
                    count = int(await fetch_value(
                        db, "SELECT COUNT(*) FROM decks WHERE owner_guild_id = ? AND retired = 0", (guild_id,)
                    ))
                    if count >= max_decks:
                        raise DeckLimitReached(count)
            if row is None:
                deck_id = await _free_deck_id(db, name, guild_id)
            else:
                deck_id = str(row["id"])
            rows = await _stored_rows(db, deck_id)
            stored, changes, report = await self.offload_now(
                partial(_plan_server_deck, deck, deck_id, name, rows, stamp)
            )
            await db.execute(
                "INSERT INTO decks (id, title, description, source, retired, updated_at, owner_guild_id, name)"
                " VALUES (?, ?, ?, ?, 0, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,"
                " source = excluded.source, retired = 0, updated_at = excluded.updated_at",
                (deck_id, stored.title, stored.description, stored.source, stamp, guild_id, name),
            )
            await _write_cards(db, changes)
            await _relearn(db, changes.relearn, stamp, guild_id=guild_id)
            await _retire_cards(db, changes.gone, stamp)
            await db.executemany("UPDATE cards SET position = ? WHERE key = ? AND position IS NOT ?", changes.positions)
        await self.offload(changes.clear)
        log.info("guild %s: deck %s (%s) saved: %s", guild_id, name, deck_id, report)
        return stored, report

    async def retire_server_deck(self, guild_id: int, deck_id: str, *, now: datetime | None = None) -> list[str]:
        """Retire a server's deck and its cards (rows and history kept); returns the keys of the cards
        retired (nothing when the deck is not the server's)."""
        stamp = now_ms(now)
        async with self.store.transaction() as db:
            owner = await fetch_value(db, "SELECT owner_guild_id FROM decks WHERE id = ?", (deck_id,))
            if owner is None or int(owner) != guild_id:
                return []
            rows = await db.execute_fetchall(
                "SELECT key FROM cards WHERE deck_id = ? AND retired = 0", (deck_id,)
            )
            keys = [r["key"] for r in rows]
            await db.execute("UPDATE decks SET retired = 1, updated_at = ? WHERE id = ?", (stamp, deck_id))
            # (turned off here before: a deck imported again under its name starts on, as a new one does)
            await db.execute("DELETE FROM guild_decks WHERE guild_id = ? AND deck_id = ?", (guild_id, deck_id))
            # (``updated_at`` stays the time the card's version was stored: the same card imported again is the
            # same question, and the answers given to it before stay answers to it)
            await db.execute("UPDATE cards SET retired = 1 WHERE deck_id = ? AND retired = 0", (deck_id,))
        log.info("guild %s: deck %s retired (%d cards)", guild_id, deck_id, len(keys))
        return keys

    async def removed_deck(self, guild_id: int, name: str) -> str | None:
        """The id of the deck ``name`` the server imported and then removed (its history is kept), if any."""
        async with self.store.read() as db:
            found = await fetch_value(
                db, "SELECT id FROM decks WHERE owner_guild_id = ? AND name = ? AND retired = 1", (guild_id, name)
            )
        return None if found is None else str(found)

    async def removed_deck_names(self, guild_id: int) -> list[str]:
        """The names of the decks the server imported and then removed (their history is kept), sorted."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT name FROM decks WHERE owner_guild_id = ? AND retired = 1 ORDER BY name", (guild_id,)
            )
        return [str(row["name"]) for row in rows]

    async def set_deck_enabled(
        self, guild_id: int, deck_id: str, enabled: bool, *, now: datetime | None = None
    ) -> None:
        """Turn a deck on or off for one server."""
        async with self.store.transaction() as db:
            await db.execute(
                "INSERT INTO guild_decks (guild_id, deck_id, enabled, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (guild_id, deck_id) DO UPDATE SET enabled = excluded.enabled,"
                " updated_at = excluded.updated_at",
                (guild_id, deck_id, int(enabled), now_ms(now)),
            )

    async def disabled_decks(self) -> dict[int, set[str]]:
        """The decks each server turned off: guild id -> deck ids."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall("SELECT guild_id, deck_id FROM guild_decks WHERE enabled = 0")
        out: dict[int, set[str]] = {}
        for row in rows:
            out.setdefault(int(row["guild_id"]), set()).add(str(row["deck_id"]))
        return out

    async def server_decks(self) -> list[ServerDeck]:
        """Every server's active decks with their active cards, in the order they were imported."""
        async with self.store.read() as db:
            decks = await db.execute_fetchall(
                "SELECT id, title, description, source, owner_guild_id, name FROM decks"
                " WHERE owner_guild_id IS NOT NULL AND retired = 0 ORDER BY owner_guild_id, name COLLATE BINARY"
            )
            cards: dict[str, list[Card]] = {}
            async with db.execute(
                "SELECT c.deck_id, c.data FROM cards c JOIN decks d ON d.id = c.deck_id"
                " WHERE d.owner_guild_id IS NOT NULL AND d.retired = 0 AND c.retired = 0"
                " ORDER BY c.deck_id COLLATE BINARY, c.position, c.rowid"
            ) as cursor:
                async for row in cursor:
                    cards.setdefault(row["deck_id"], []).append(card_from_json(row["data"]))
        return [
            ServerDeck(
                owner=int(d["owner_guild_id"]),
                name=str(d["name"]),
                deck=Deck(
                    id=d["id"], title=d["title"], description=d["description"], source=d["source"],
                    cards=tuple(cards.get(d["id"], ())),
                ),
            )
            for d in decks
        ]


async def _free_deck_id(db: aiosqlite.Connection, name: str, guild_id: int) -> str:
    """A new id for a server's deck called ``name`` that no deck has yet."""
    for attempt in range(100):
        deck_id = server_deck_id(name, guild_id, attempt)
        if await fetch_value(db, "SELECT 1 FROM decks WHERE id = ?", (deck_id,)) is None:
            return deck_id
    raise RuntimeError(f"no free deck id for {name!r}")  # pragma: no cover - 100 clashes of a 31-bit suffix


async def _stored_rows(db: aiosqlite.Connection, deck_id: str | None = None) -> list[Any]:
    """The stored cards' rows (key, data, retired) of the deck files' decks (or of the deck ``deck_id``).
    A server's decks are not the deck files': their cards are left out of the files' sync."""
    if deck_id is not None:
        return list(await db.execute_fetchall("SELECT key, data, retired FROM cards WHERE deck_id = ?", (deck_id,)))
    return list(
        await db.execute_fetchall(
            "SELECT key, data, retired FROM cards WHERE deck_id NOT IN"
            " (SELECT id FROM decks WHERE owner_guild_id IS NOT NULL)"
        )
    )


def _stored_cards(rows: Iterable[Any]) -> dict[str, tuple[str, int]]:
    """Stored card rows as key -> (stored JSON, retired flag)."""
    return {row["key"]: (row["data"], row["retired"]) for row in rows}


def _plan_sync(decks: Sequence[Deck], rows: list[Any], stamp: int) -> tuple[_CardChanges, SyncReport]:
    """What a sync of the deck files writes, against the stored ``rows`` (run off the event loop)."""
    existing = _stored_cards(rows)
    rows.clear()  # (freed here, off the event loop)
    changes, report = _CardChanges(), SyncReport()
    for deck in decks:
        _diff_cards(deck, existing, stamp, changes, report)
        changes.positions.extend((i, c.key, i) for i, c in enumerate(deck.cards))
    changes.gone = _missing(existing, changes.seen)
    report.retired.extend(changes.gone)
    return changes, report


def _plan_additions(decks: Sequence[Deck], keys: set[str], stamp: int) -> tuple[_CardChanges, SyncReport]:
    """The cards of ``decks`` whose keys are not among the stored ``keys``, as new rows (run off the event
    loop); the others are counted unchanged."""
    changes, report = _CardChanges(), SyncReport()
    for deck in decks:
        new = [(i, c) for i, c in enumerate(deck.cards) if c.key not in keys]
        report.unchanged += len(deck.cards) - len(new)
        if new:
            _diff_cards(replace(deck, cards=tuple(c for _, c in new)), {}, stamp, changes, report)
            changes.positions.extend((i, c.key, i) for i, c in new)
    keys.clear()  # (freed here, off the event loop)
    return changes, report


def _plan_server_deck(
    deck: Deck, deck_id: str, name: str, rows: list[Any], stamp: int
) -> tuple[Deck, _CardChanges, SyncReport]:
    """A server's deck under its stored id, and what saving it writes against the stored ``rows`` (run off
    the event loop)."""
    stored = _with_id(deck, deck_id)
    existing = _stored_cards(rows)
    rows.clear()  # (freed here, off the event loop)
    changes, report = _CardChanges(), SyncReport()
    _diff_cards(stored, existing, stamp, changes, report, topic=name)
    changes.gone = _missing(existing, changes.seen)
    report.retired.extend(changes.gone)
    changes.positions = [(i, c.key, i) for i, c in enumerate(stored.cards)]
    return stored, changes, report


def _diff_cards(
    deck: Deck,
    existing: dict[str, tuple[str, int]],
    stamp: int,
    changes: _CardChanges,
    report: SyncReport,
    *,
    topic: str | None = None,
) -> None:
    """Queue the card and tag rows of ``deck`` that differ from what is stored, and count the rest.

    ``topic`` is the deck's topic in ``card_tags`` (its id unless given: a server deck's is its name)."""
    deck_topic = topic or deck.id
    for card in deck.cards:
        changes.seen.add(card.key)
        data = card_to_json(card)
        old = existing.get(card.key)
        if old is not None and old[0] == data and not old[1]:
            report.unchanged += 1
            continue
        before = card_from_json(old[0]) if old is not None else None
        same = before is not None and asks_alike(before, card)
        if before is not None and not same and not still_learned(before, card):
            changes.relearn.append(card.key)
        changes.cards.append(
            (card.key, deck.id, card.id, card.term, card.question, card.status, data, stamp, int(same))
        )
        changes.tags.extend((card.key, tag) for tag in (*card.tags, deck_topic))
        (report.added if old is None else report.updated).append(card.key)
        if old is not None and old[1]:  # a retired card back in its deck, its history kept
            report.restored.append(card.key)


async def _write_cards(db: aiosqlite.Connection, changes: _CardChanges) -> None:
    """Write the changed cards and replace their tags (batched: a 100,000-card deck syncs in seconds)."""
    await db.executemany(_UPSERT_CARD, changes.cards)
    # Generators: the rows are made by the connection's thread as it runs them, not on the event loop first.
    await db.executemany("DELETE FROM card_tags WHERE card_key = ?", ((row[0],) for row in changes.cards))
    await db.executemany("INSERT OR IGNORE INTO card_tags (card_key, tag) VALUES (?, ?)", changes.tags)


def _missing(existing: dict[str, tuple[str, int]], seen: set[str]) -> list[str]:
    """The keys of the stored active cards not ``seen`` in the decks any more."""
    return [key for key, (_, retired) in existing.items() if key not in seen and not retired]


async def _relearn(db: aiosqlite.Connection, keys: Sequence[str], stamp: int, *, guild_id: int | None = None) -> None:
    """Make the cards of ``keys`` due at ``stamp``, the time their new version is stored (``cards.updated_at``),
    for every member who met them: the new version asks something else, or no longer takes an answer it took,
    so what the members learned of the old one does not answer it, and a schedule weeks out would keep the new
    version from them that long. Their review history is kept (the next review starts from it). A state due
    at the very instant its card's version was stored, and last reviewed before it, is one of these
    (``ReviewStateQueries.relearning``: the card says it changed).

    ``guild_id``: a server's own deck, whose cards only that server's members meet: the update reads that
    server's review states alone (the primary key's range), not every server's (no index starts with the card).
    """
    if keys and guild_id is not None:
        await db.execute(
            "UPDATE review_states SET due_at = :stamp WHERE guild_id = :guild AND last_at < :stamp"
            " AND card_key IN (SELECT value FROM json_each(:card_keys))",
            {"stamp": stamp, "guild": guild_id, "card_keys": json.dumps(list(keys))},
        )
    elif keys:
        await db.execute(
            "UPDATE review_states SET due_at = :stamp WHERE last_at < :stamp"
            " AND card_key IN (SELECT value FROM json_each(:card_keys))",
            {"stamp": stamp, "card_keys": json.dumps(list(keys))},
        )


async def _retire_cards(db: aiosqlite.Connection, keys: Sequence[str], stamp: int) -> None:
    """Retire the cards of ``keys`` (rows and history kept)."""
    # (``updated_at`` stays the time its version was stored: ``retire_server_deck``)
    await db.executemany("UPDATE cards SET retired = 1 WHERE key = ?", ((k,) for k in keys))


async def _record_fingerprint(db: aiosqlite.Connection, fingerprint: str | None, cards: int, stamp: int) -> None:
    """Remember what this sync wrote (no digest: forget it, so the next sync compares every card)."""
    if fingerprint is None:
        await db.execute("DELETE FROM deck_sync")
        return
    await db.execute(
        "INSERT INTO deck_sync (id, fingerprint, cards, updated_at) VALUES (1, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, cards = excluded.cards,"
        " updated_at = excluded.updated_at",
        (fingerprint, cards, stamp),
    )


async def _retire_missing_decks(db: aiosqlite.Connection, deck_ids: Sequence[str], stamp: int) -> None:
    """Retire the decks whose file is gone (a server's decks are not the files')."""
    marks = ",".join("?" * len(deck_ids)) or "''"
    await db.execute(
        f"UPDATE decks SET retired = 1, updated_at = ? WHERE id NOT IN ({marks}) AND retired = 0"
        " AND owner_guild_id IS NULL",
        (stamp, *deck_ids),
    )
