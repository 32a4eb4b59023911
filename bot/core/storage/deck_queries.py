"""Typed queries for the decks and cards mirrored from the deck files (``cards/*.yaml``).

The deck files are the source of truth; the database keeps a copy so that attempts, quizzes and daily
posts can refer to cards by key, and so that a card removed from the files keeps its history. A sync
adds new cards, updates changed ones, retires cards no longer in any file (their rows stay) and brings
a retired card back when it reappears. Changing a card's tags is seen by the stats triggers of
``migrations/0004_stats.sql``, which queue the topics to recompute.

A restart with unchanged deck files is quick: the sync records a digest of what it wrote
(``decks_fingerprint``, table ``deck_sync``) and, when the decks give the same digest again, compares
nothing card by card (a 100,000-card deck folder: about a tenth of a second instead of seconds).
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime

import aiosqlite

from bot.core.models import Card, Deck
from bot.core.storage.store import Store, fetch_one, fetch_value, now_ms

log = logging.getLogger(__name__)

_UPSERT_DECK = (
    "INSERT INTO decks (id, title, description, source, retired, updated_at) VALUES (?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,"
    " source = excluded.source, retired = 0, updated_at = excluded.updated_at"
)
_UPSERT_CARD = (
    "INSERT INTO cards (key, deck_id, card_id, term, question, status, data, retired, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (key) DO UPDATE SET term = excluded.term, question = excluded.question,"
    " status = excluded.status, data = excluded.data, retired = 0, updated_at = excluded.updated_at"
)


@dataclass(slots=True)
class SyncReport:
    """What a deck sync changed: card keys added, updated and retired, and how many were unchanged."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.retired)} retired, "
            f"{self.unchanged} unchanged"
        )


#: Bumped when what a sync writes for the same deck files changes (the next sync then compares every card).
_SYNC_FORMAT = "tutorbot deck sync 1"
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


class DeckQueries:
    """The deck and card rows: the sync from the deck files, and cards read back by key."""

    def __init__(self, store: Store) -> None:
        self.store = store

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
        report = SyncReport()
        decks = list(decks)
        fingerprint = _SYNC_FORMAT + " " + digest if digest else decks_fingerprint(decks)
        async with self.store.transaction() as db:
            stored = await fetch_value(db, "SELECT fingerprint FROM deck_sync WHERE id = 1")
            if fingerprint is not None and stored == fingerprint:
                report.unchanged = sum(len(d.cards) for d in decks)
                log.info("decks synced (unchanged since the last sync): %s", report)
                return report
            existing = await _stored_cards(db)
            changes = _CardChanges()
            for deck in decks:
                await db.execute(_UPSERT_DECK, (deck.id, deck.title, deck.description, deck.source, stamp))
                _diff_cards(deck, existing, stamp, changes, report)
            await _write_cards(db, changes)
            report.retired.extend(await _retire_missing_cards(db, existing, changes.seen, stamp))
            await _retire_missing_decks(db, [d.id for d in decks], stamp)
            await _record_fingerprint(db, fingerprint, len(changes.seen), stamp)
        log.info("decks synced: %s", report)
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


async def _stored_cards(db: aiosqlite.Connection) -> dict[str, tuple[str, int]]:
    """Every stored card: key -> (stored JSON, retired flag)."""
    rows = await db.execute_fetchall("SELECT key, data, retired FROM cards")
    return {row["key"]: (row["data"], row["retired"]) for row in rows}


def _diff_cards(
    deck: Deck, existing: dict[str, tuple[str, int]], stamp: int, changes: _CardChanges, report: SyncReport
) -> None:
    """Queue the card and tag rows of ``deck`` that differ from what is stored, and count the rest."""
    for card in deck.cards:
        changes.seen.add(card.key)
        data = card_to_json(card)
        old = existing.get(card.key)
        if old is not None and old[0] == data and not old[1]:
            report.unchanged += 1
            continue
        changes.cards.append((card.key, deck.id, card.id, card.term, card.question, card.status, data, stamp))
        changes.tags.extend((card.key, tag) for tag in (*card.tags, deck.id))
        (report.added if old is None else report.updated).append(card.key)


async def _write_cards(db: aiosqlite.Connection, changes: _CardChanges) -> None:
    """Write the changed cards and replace their tags (batched: a 100,000-card deck syncs in seconds)."""
    await db.executemany(_UPSERT_CARD, changes.cards)
    await db.executemany("DELETE FROM card_tags WHERE card_key = ?", [(row[0],) for row in changes.cards])
    await db.executemany("INSERT OR IGNORE INTO card_tags (card_key, tag) VALUES (?, ?)", changes.tags)


async def _retire_missing_cards(
    db: aiosqlite.Connection, existing: dict[str, tuple[str, int]], seen: set[str], stamp: int
) -> list[str]:
    """Retire the active cards no deck file has any more; returns their keys."""
    gone = [key for key, (_, retired) in existing.items() if key not in seen and not retired]
    await db.executemany("UPDATE cards SET retired = 1, updated_at = ? WHERE key = ?", [(stamp, k) for k in gone])
    return gone


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
    """Retire the decks whose file is gone."""
    marks = ",".join("?" * len(deck_ids)) or "''"
    await db.execute(
        f"UPDATE decks SET retired = 1, updated_at = ? WHERE id NOT IN ({marks}) AND retired = 0",
        (stamp, *deck_ids),
    )
