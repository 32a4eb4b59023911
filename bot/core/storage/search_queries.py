"""Full-text search over the deck: the ``cards_fts`` table (migration 0003) and what it was built from.

The lookup feature decides what is searchable and when to rebuild; this repository holds the SQL. The
table is rebuilt in one transaction (so retired cards never appear and a search never sees it half
built), together with the fingerprint of the text it was built from (``search_state``).

Each row also holds its card's deck (``deck_id``, not searched): a match is filtered to the decks one
server sees, and a server's deck is replaced in the table on its own (``replace_decks``) when it is
imported or removed.

A query is given as words; ``fts_expression`` turns them into a safe FTS5 MATCH expression (each word
quoted, so ``AND``, ``NEAR(``, ``*``, ``"`` and ``-`` are never syntax).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.storage.store import Store, fetch_value, now_ms

log = logging.getLogger(__name__)

#: Column weights for bm25 (card key, term, question, answer): a term match weighs most.
_BM25 = "bm25(cards_fts, 0.0, 10.0, 3.0, 1.0, 0.0)"
_SNIPPET_TOKENS = 14

#: One page of matches, best first. A cursor reads it (see ``SearchQueries.match``).
MATCH_SQL = (
    "SELECT card_key, snippet(cards_fts, -1, :start, :end, '…', " + str(_SNIPPET_TOKENS) + ") AS snip,"
    " " + _BM25 + " AS rank"
    " FROM cards_fts WHERE cards_fts MATCH :match ORDER BY rank LIMIT :limit"
)
#: The same, only in the decks of a JSON list (``:decks``).
MATCH_IN_DECKS_SQL = MATCH_SQL.replace(
    " ORDER BY", " AND deck_id IN (SELECT value FROM json_each(:decks)) ORDER BY"
)


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One card as the search table holds it: plain text, no markdown."""

    card_key: str
    term: str
    question: str
    answer: str
    deck_id: str = ""

    @property
    def row(self) -> tuple[str, str, str, str, str]:
        """The row's values: key, term, question, answer, deck."""
        return (self.card_key, self.term, self.question, self.answer, self.deck_id or self.card_key.split(":", 1)[0])


@dataclass(frozen=True, slots=True)
class SearchRow:
    """One match: the card, a snippet with the matched words between the caller's marks, the bm25 rank."""

    card_key: str
    snippet: str
    rank: float


def fts_expression(words: Sequence[str], *, any_word: bool = False) -> str | None:
    """A safe FTS5 MATCH expression: each word quoted, all required (or any, with ``any_word``); the last
    word (of three letters or more) also matches as a prefix. None when there are no words."""
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if len(words[-1]) >= 3:
        quoted[-1] += "*"
    return (" OR " if any_word else " ").join(quoted)


class SearchQueries:
    """The search table of one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def fingerprint(self) -> str | None:
        """The fingerprint the search table was last built from (None if never built)."""
        async with self.store.read() as db:
            value = await fetch_value(db, "SELECT fingerprint FROM search_state WHERE id = 1")
        return None if value is None else str(value)

    async def rebuild(self, documents: Sequence[SearchDocument], *, fingerprint: str, now: datetime | None) -> None:
        """Replace the whole search table with ``documents`` and record ``fingerprint``, in one transaction (none
        when another process has just built the same table: ``_build_turn``)."""
        async with self.store.transaction() as db:
            if await _build_turn(db) == fingerprint:
                return
            await db.execute("DELETE FROM cards_fts")
            await db.executemany(_INSERT, _rows(documents))
            await _record(db, fingerprint, len(documents), now_ms(now))
        log.info("search table rebuilt: %d cards", len(documents))

    async def replace_decks(
        self,
        deck_ids: Sequence[str],
        documents: Sequence[SearchDocument],
        *,
        fingerprint: str,
        cards: int,
        now: datetime | None,
    ) -> None:
        """Replace the rows of ``deck_ids`` with ``documents`` (their cards now; none for a deck removed)
        and record the fingerprint of the whole table (``cards`` rows), in one transaction (none when another
        process has just made the table the same: ``_build_turn``)."""
        async with self.store.transaction() as db:
            if await _build_turn(db) == fingerprint:
                return
            await db.executemany("DELETE FROM cards_fts WHERE deck_id = ?", [(d,) for d in deck_ids])
            await db.executemany(_INSERT, _rows(documents))
            await _record(db, fingerprint, cards, now_ms(now))
        log.info("search table: %d deck(s) replaced, %d cards", len(deck_ids), len(documents))

    async def count(self) -> int:
        """How many cards the search table holds."""
        async with self.store.read() as db:
            return int(await fetch_value(db, "SELECT COUNT(*) FROM cards_fts"))

    async def match(
        self,
        words: Sequence[str],
        *,
        any_word: bool = False,
        limit: int,
        marks: tuple[str, str],
        decks: Sequence[str] | None = None,
    ) -> list[SearchRow]:
        """Cards matching every word (or any, with ``any_word``), best first by bm25, at most ``limit``;
        only cards of ``decks`` when given.

        Snippets wrap the matched words in ``marks`` (start, end).
        """
        expression = fts_expression(words, any_word=any_word)
        if expression is None:
            return []
        params: dict[str, object] = {"start": marks[0], "end": marks[1], "match": expression, "limit": limit}
        sql = MATCH_SQL
        if decks is not None:
            params["decks"] = json.dumps(sorted(decks))
            sql = MATCH_IN_DECKS_SQL
        async with self.store.read() as db:
            # A cursor (not ``execute_fetchall``): aiosqlite's worker keeps its last call alive, and a
            # bound method of the connection there would keep an unclosed connection from being freed.
            async with db.execute(sql, params) as cursor:
                rows = await cursor.fetchall()
        return [SearchRow(row["card_key"], row["snip"] or "", float(row["rank"])) for row in rows]


_INSERT = "INSERT INTO cards_fts (card_key, term, question, answer, deck_id) VALUES (?, ?, ?, ?, ?)"


def _rows(documents: Sequence[SearchDocument]) -> Iterator[tuple[str, str, str, str, str]]:
    """The rows of ``documents``, made as the connection's thread inserts them: a list made first would
    walk thousands of documents on the event loop."""
    return (d.row for d in documents)


async def _build_turn(db: aiosqlite.Connection) -> str | None:
    """Inside a write transaction, before the search table is written: wait until no other process is writing it
    (the ``search_state`` row is locked until their transaction ends), then the fingerprint they left. SQLite
    has one writer at a time anyway; on PostgreSQL two processes starting together would otherwise each delete
    only the rows they saw and insert their own, every card then twice."""
    await db.execute(
        "INSERT INTO search_state (id, fingerprint, cards, updated_at) VALUES (1, '', 0, 0) ON CONFLICT (id) DO NOTHING"
    )
    await db.execute("UPDATE search_state SET cards = cards WHERE id = 1")
    value = await fetch_value(db, "SELECT fingerprint FROM search_state WHERE id = 1")
    return None if value is None else str(value)


async def _record(db: aiosqlite.Connection, fingerprint: str, cards: int, stamp: int) -> None:
    await db.execute(
        "INSERT INTO search_state (id, fingerprint, cards, updated_at) VALUES (1, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, cards = excluded.cards,"
        " updated_at = excluded.updated_at",
        (fingerprint, cards, stamp),
    )
