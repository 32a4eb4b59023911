"""Review states and logs: the write on the answer path, and the reads that pick what to review next.

Every selection leaves out cards removed from the decks (``cards.retired``) and incomplete ones, keeps to
the decks the server sees when they are given (``decks``: a server's own decks and the global ones it did not
turn off), and to the member's topics (tags or deck ids, through ``card_tags``) when they chose some.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import aiosqlite

from bot.core.models import SHARED_SUFFIX
from bot.core.storage.review_queries.rows import (
    CardState,
    LogRow,
    RetentionCount,
    ReviewEntry,
    StateCounts,
    StoredState,
    at_ms,
    to_ms,
)
from bot.core.storage.store import Store, fetch_one

log = logging.getLogger(__name__)

_STATE_COLUMNS = "card_key, state, step, stability, difficulty, due_at, last_at, reps, lapses"

STATE_SQL = (
    f"SELECT {_STATE_COLUMNS}, first_at, first_source, last_session, last_attempt_id FROM review_states"
    " WHERE guild_id = ? AND user_id = ? AND card_key = ?"
)
#: ``STATE_SQL`` for several keys (its WHERE clause is added per read).
STATES_SQL = (
    f"SELECT guild_id, user_id, {_STATE_COLUMNS}, first_at, first_source, last_session, last_attempt_id"
    " FROM review_states"
)
#: Keys per read of ``states_of`` (three parameters each, well under SQLite's limit).
STATES_PER_READ = 300

INSERT_LOG_SQL = (
    "INSERT INTO review_logs (guild_id, user_id, card_key, reviewed_at, rating, source, verdict, attempt_id,"
    " session_id, retention, duration_ms, state_before, step_before, stability_before, difficulty_before,"
    " due_before, last_before, state_after, step_after, stability_after, difficulty_after, due_after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

UPSERT_STATE_SQL = (
    "INSERT INTO review_states (guild_id, user_id, card_key, state, step, stability, difficulty, due_at,"
    " last_at, reps, lapses, first_at, first_source, last_session, last_attempt_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, user_id, card_key) DO UPDATE SET state = excluded.state, step = excluded.step,"
    " stability = excluded.stability, difficulty = excluded.difficulty, due_at = excluded.due_at,"
    " last_at = excluded.last_at, reps = excluded.reps, lapses = excluded.lapses,"
    " last_session = excluded.last_session, last_attempt_id = excluded.last_attempt_id"
)

#: Active cards only (joined as ``c``).
_ACTIVE = "c.retired = 0 AND c.status = 'ok'"


def topic_filter(column: str, topics: Sequence[str], *, seen: bool = False) -> tuple[str, dict[str, object]]:
    """SQL keeping ``column`` (a card key; its card joined as ``c``) to cards of one of ``topics`` (nothing for
    none), and its named parameters (``:topic0``, ``:topic1`` ...).

    A topic is a tag, or a deck's name (its topic row in ``card_tags``): as the catalog reads topics, a card
    tagged with the name of another deck (one the server sees: ``seen``, the ``:decks`` of ``deck_filter``;
    else any deck) is not in that deck's topic."""
    if not topics:
        return "", {}
    params: dict[str, object] = {f"topic{i}": topic for i, topic in enumerate(topics)}
    marks = ", ".join(f":{name}" for name in params)
    decks = "d.id IN (SELECT value FROM json_each(:decks))" if seen else "d.retired = 0"
    # A correlated EXISTS (card_tags_card index): the due-order scan stays the driving loop and stops early.
    sql = (
        f" AND (EXISTS (SELECT 1 FROM card_tags t WHERE t.card_key = {column} AND t.tag IN ({marks})"
        f" AND NOT EXISTS (SELECT 1 FROM decks d WHERE {decks} AND d.id != c.deck_id"
        " AND COALESCE(d.name, d.id) = t.tag{shared_other}){shared_own})"
    )
    if not seen:
        return sql.format(shared_other="", shared_own="") + ")", params
    # In a server (``:g``) with a deck of its own by a shared deck's name, that name is its own deck's, and the
    # shared deck's is ``shared_name`` (``Catalog.name_in``): the shared deck's topic row is not that topic, nor
    # is the shared deck another deck of that name there; its name there is its topic.
    renamed = (
        "EXISTS (SELECT 1 FROM decks o WHERE o.owner_guild_id = :g AND o.retired = 0 AND o.name = {deck})"
    )
    sql = sql.format(
        shared_other=" AND NOT " + renamed.format(deck="d.id"),
        shared_own=" AND NOT (t.tag = c.deck_id AND " + renamed.format(deck="c.deck_id") + ")",
    )
    shared = {f"shared{i}": t.removesuffix(SHARED_SUFFIX) for i, t in enumerate(topics) if t.endswith(SHARED_SUFFIX)}
    if shared:
        sql += f" OR (c.deck_id IN ({', '.join(f':{name}' for name in shared)}) AND {renamed.format(deck='c.deck_id')})"
        params.update(shared)
    return sql + ")", params


def deck_filter(column: str, decks: Sequence[str] | None) -> tuple[str, dict[str, object]]:
    """SQL keeping ``column`` (a deck id) to ``decks`` (nothing for None: every deck), and its parameter
    (``:decks``, a JSON list: one parameter however many decks a server sees)."""
    if decks is None:
        return "", {}
    return f" AND {column} IN (SELECT value FROM json_each(:decks))", {"decks": json.dumps(sorted(decks))}


def _filters(
    key: str, topics: Sequence[str], decks: Sequence[str] | None, **params: object
) -> tuple[str, dict[str, object]]:
    """The deck and topic filters of a selection (``key``: its card key column; the cards are joined as ``c``),
    with ``params`` and theirs."""
    deck_sql, deck_params = deck_filter("c.deck_id", decks)
    topic_sql, topic_params = topic_filter(key, topics, seen=decks is not None)
    return deck_sql + topic_sql, {**params, **deck_params, **topic_params}


def _memory(row: aiosqlite.Row) -> CardState:
    return CardState(
        state=int(row["state"]),
        step=row["step"],
        stability=float(row["stability"]),
        difficulty=float(row["difficulty"]),
        due=at_ms(row["due_at"]),
        last_review=at_ms(row["last_at"]),
        reps=int(row["reps"]),
        lapses=int(row["lapses"]),
    )


def _stored(row: aiosqlite.Row) -> StoredState:
    return StoredState(
        card_key=row["card_key"],
        memory=_memory(row),
        first_at=at_ms(row["first_at"]),
        first_source=row["first_source"],
        last_session=row["last_session"],
        last_attempt_id=row["last_attempt_id"],
    )


def _side(row: aiosqlite.Row, side: str, last_review: int) -> CardState:
    """One side of a log (reps and lapses are not logged: they are counts of the logs themselves)."""
    return CardState(
        state=int(row[f"state_{side}"]),
        step=row[f"step_{side}"],
        stability=float(row[f"stability_{side}"]),
        difficulty=float(row[f"difficulty_{side}"]),
        due=at_ms(row[f"due_{side}"]),
        last_review=at_ms(last_review),
        reps=0,
        lapses=0,
    )


def _state_values(s: CardState | None) -> tuple[object, ...]:
    if s is None:
        return (None, None, None, None, None)
    return (s.state, s.step, s.stability, s.difficulty, to_ms(s.due))


def _log_values(entry: ReviewEntry) -> tuple[object, ...]:
    before, after = entry.before, entry.after
    return (
        entry.guild_id, entry.user_id, entry.card_key, to_ms(entry.at), entry.rating, entry.source,
        entry.verdict, entry.attempt_id, entry.session_id, entry.retention, entry.duration_ms,
        *_state_values(before), None if before is None else to_ms(before.last_review),
        *_state_values(after),
    )  # fmt: skip


def _state_row(entry: ReviewEntry, first: StoredState | None) -> tuple[object, ...]:
    """The state row after ``entry``; ``first`` (the state before, None for a new card) keeps when and how
    the card was first met."""
    after = entry.after
    first_at = entry.at if first is None else first.first_at
    first_source = entry.source if first is None else first.first_source
    return (
        entry.guild_id, entry.user_id, entry.card_key, after.state, after.step, after.stability,
        after.difficulty, to_ms(after.due), to_ms(after.last_review), after.reps, after.lapses,
        to_ms(first_at), first_source, entry.session_id, entry.attempt_id,
    )  # fmt: skip


class ReviewStateQueries:
    """Card states and review logs of members (the first half of ``ReviewQueries``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the answer path (inside the caller's transaction) --------------------------------------
    async def state(self, db: aiosqlite.Connection, guild_id: int, user_id: int, card_key: str) -> StoredState | None:
        """A member's stored state of one card, or None when the card is new to them."""
        rows = await db.execute_fetchall(STATE_SQL, (guild_id, user_id, card_key))  # one round trip
        return _stored(next(iter(rows))) if rows else None

    async def relearning(self, db: aiosqlite.Connection, card_key: str, state: CardState) -> bool:
        """Whether a member's state of a card was made due by a new version of the card that what they learned
        does not answer (``deck_queries._relearn``: due at the instant that version was stored, after their last
        review of it): the card is shown as changed."""
        row = await fetch_one(db, "SELECT updated_at FROM cards WHERE key = ?", (card_key,))
        return row is not None and int(row[0]) == to_ms(state.due) and int(row[0]) > to_ms(state.last_review)

    async def states_of(
        self, db: aiosqlite.Connection, keys: Sequence[tuple[int, int, str]]
    ) -> dict[tuple[int, int, str], StoredState]:
        """Inside a transaction: the stored states of several (guild, member, card) at once, by that key
        (cards new to their member are absent). One round trip per ``STATES_PER_READ`` keys."""
        found: dict[tuple[int, int, str], StoredState] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), STATES_PER_READ):
            chunk = unique[start : start + STATES_PER_READ]
            where = " OR ".join(["(guild_id = ? AND user_id = ? AND card_key = ?)"] * len(chunk))
            params = [value for key in chunk for value in key]
            for row in await db.execute_fetchall(f"{STATES_SQL} WHERE {where}", params):
                found[(int(row["guild_id"]), int(row["user_id"]), row["card_key"])] = _stored(row)
        return found

    async def write_review(self, db: aiosqlite.Connection, entry: ReviewEntry, *, first: StoredState | None) -> int:
        """Inside a transaction: append the review log and store the new state; returns the log id.

        ``first`` is the state before (None for a card new to the member): it keeps when and how the card
        was first met.
        """
        cur = await db.execute(INSERT_LOG_SQL, _log_values(entry))
        await db.execute(UPSERT_STATE_SQL, _state_row(entry, first))
        return int(cur.lastrowid or 0)

    async def write_reviews(
        self, db: aiosqlite.Connection, reviews: Sequence[tuple[ReviewEntry, StoredState | None]]
    ) -> None:
        """Inside a transaction: ``write_review`` of each (entry, state before) in order, in two round trips
        however many there are. A card reviewed twice takes the state of its later entry."""
        if not reviews:
            return
        await db.executemany(INSERT_LOG_SQL, [_log_values(entry) for entry, _ in reviews])
        await db.executemany(UPSERT_STATE_SQL, [_state_row(entry, first) for entry, first in reviews])

    async def log_for_attempt(self, db: aiosqlite.Connection, attempt_id: int) -> LogRow | None:
        """The review log an attempt already produced (a write replayed for the same attempt)."""
        row = await fetch_one(db, "SELECT * FROM review_logs WHERE attempt_id = ?", (attempt_id,))
        return None if row is None else _log_row(row)

    async def card_logs(self, db: aiosqlite.Connection, guild_id: int, user_id: int, card_key: str) -> list[LogRow]:
        """Inside a transaction: a member's review logs of one card, in the order they were applied."""
        rows = await db.execute_fetchall(
            "SELECT * FROM review_logs WHERE guild_id = ? AND user_id = ? AND card_key = ? ORDER BY id",
            (guild_id, user_id, card_key),
        )
        return [_log_row(r) for r in rows]

    async def rewrite_history(
        self, db: aiosqlite.Connection, logs: Sequence[LogRow], memory: CardState
    ) -> None:
        """Inside a transaction: store ``logs`` again (their rating, verdict and both sides, by id) and the card's
        state they lead to, ``memory`` (its reps and lapses as given; when and how the card was first met, and
        its latest session, are kept)."""
        await db.executemany(
            "UPDATE review_logs SET rating = ?, verdict = ?, state_before = ?, step_before = ?,"
            " stability_before = ?, difficulty_before = ?, due_before = ?, last_before = ?, state_after = ?,"
            " step_after = ?, stability_after = ?, difficulty_after = ?, due_after = ? WHERE id = ?",
            [
                (
                    log.rating, log.verdict, *_state_values(log.before),
                    None if log.before is None else to_ms(log.before.last_review), *_state_values(log.after), log.id,
                )  # fmt: skip
                for log in logs
            ],
        )
        if not logs:
            return
        last = logs[-1]
        await db.execute(
            "UPDATE review_states SET state = ?, step = ?, stability = ?, difficulty = ?, due_at = ?, last_at = ?,"
            " reps = ?, lapses = ? WHERE guild_id = ? AND user_id = ? AND card_key = ?",
            (
                *_state_values(memory), to_ms(memory.last_review), memory.reps, memory.lapses,
                last.guild_id, last.user_id, last.card_key,
            ),  # fmt: skip
        )

    # -- picking cards -----------------------------------------------------------------------------
    # ``decks``: the decks the server sees (``CatalogView.decks``); None counts every deck in the store.
    async def due_cards(
        self,
        guild_id: int,
        user_id: int,
        now: datetime,
        *,
        topics: Sequence[str] = (),
        decks: Sequence[str] | None = None,
        limit: int = 5,
    ) -> list[str]:
        """Keys of a member's active cards due at ``now`` (in ``decks``), most overdue first."""
        where, params = _filters("r.card_key", topics, decks, g=guild_id, u=user_id, now=to_ms(now), limit=limit)
        sql = (
            "SELECT r.card_key FROM review_states r JOIN cards c ON c.key = r.card_key"
            f" WHERE r.guild_id = :g AND r.user_id = :u AND r.due_at <= :now AND {_ACTIVE}{where}"
            " ORDER BY r.due_at, r.card_key COLLATE BINARY LIMIT :limit"
        )
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql, params)
        return [r[0] for r in rows]

    async def count_due(
        self,
        guild_id: int,
        user_id: int,
        now: datetime,
        *,
        topics: Sequence[str] = (),
        decks: Sequence[str] | None = None,
        cap: int | None = 1000,
    ) -> int:
        """How many active cards of a member (in ``decks``) are due at ``now`` (counted up to ``cap``; None:
        every one)."""
        limit = {} if cap is None else {"cap": cap}
        where, params = _filters("r.card_key", topics, decks, g=guild_id, u=user_id, now=to_ms(now), **limit)
        sql = (
            "SELECT COUNT(*) FROM (SELECT 1 FROM review_states r JOIN cards c ON c.key = r.card_key"
            f" WHERE r.guild_id = :g AND r.user_id = :u AND r.due_at <= :now AND {_ACTIVE}{where}"
            + ("" if cap is None else " LIMIT :cap") + ")"
        )
        async with self.store.read() as db:
            row = await fetch_one(db, sql, params)
        return int(row[0]) if row else 0

    async def next_due(
        self, guild_id: int, user_id: int, *, topics: Sequence[str] = (), decks: Sequence[str] | None = None
    ) -> datetime | None:
        """When the member's next active card (in ``decks``) falls due (None: they have none)."""
        where, params = _filters("r.card_key", topics, decks, g=guild_id, u=user_id)
        sql = (
            "SELECT r.due_at FROM review_states r JOIN cards c ON c.key = r.card_key"
            f" WHERE r.guild_id = :g AND r.user_id = :u AND {_ACTIVE}{where} ORDER BY r.due_at LIMIT 1"
        )
        async with self.store.read() as db:
            row = await fetch_one(db, sql, params)
        return None if row is None else at_ms(row[0])

    async def new_cards(
        self,
        guild_id: int,
        user_id: int,
        *,
        topics: Sequence[str] = (),
        decks: Sequence[str] | None = None,
        limit: int = 5,
    ) -> list[str]:
        """Keys of active cards (in ``decks``) the member has never answered, in deck order."""
        where, params = _filters("c.key", topics, decks, g=guild_id, u=user_id, limit=limit)
        sql = (
            f"SELECT c.key FROM cards c WHERE {_ACTIVE}{where} AND NOT EXISTS (SELECT 1 FROM review_states r"
            " WHERE r.guild_id = :g AND r.user_id = :u AND r.card_key = c.key)"
            " ORDER BY c.deck_id COLLATE BINARY, c.position, c.key COLLATE BINARY LIMIT :limit"
        )
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql, params)
        return [r[0] for r in rows]

    async def new_since(self, guild_id: int, user_id: int, since: datetime) -> int:
        """How many cards the member's review sessions introduced since ``since`` (the daily limit)."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT COUNT(*) FROM review_states WHERE guild_id = ? AND user_id = ? AND first_source = 'review'"
                " AND first_at >= ?",
                (guild_id, user_id, to_ms(since)),
            )
        return int(row[0]) if row else 0

    async def counts(
        self,
        guild_id: int,
        user_id: int,
        now: datetime,
        *,
        day_end: datetime,
        mature: timedelta,
        topics: Sequence[str] = (),
        decks: Sequence[str] | None = None,
    ) -> StateCounts:
        """Due now, due before ``day_end``, learning (relearning a forgotten card too), learned (in review) and mature cards, next due (of
        the cards in ``decks``)."""
        where, params = _filters(
            "r.card_key", topics, decks, now=to_ms(now), day_end=to_ms(day_end),
            mature=mature // timedelta(milliseconds=1), g=guild_id, u=user_id,
        )  # fmt: skip
        sql = (
            "SELECT COUNT(*) AS n, SUM(r.due_at <= :now) AS due_now, SUM(r.due_at < :day_end) AS due_today,"
            " SUM(r.state IN (1, 3)) AS learning, SUM(r.state = 2 AND r.due_at - r.last_at >= :mature) AS mature,"
            " MIN(r.due_at) AS next_due"
            " FROM review_states r JOIN cards c ON c.key = r.card_key"
            f" WHERE r.guild_id = :g AND r.user_id = :u AND {_ACTIVE}{where}"
        )
        async with self.store.read() as db:
            row = await fetch_one(db, sql, params)
        if row is None or not row["n"]:
            return StateCounts()
        learning = int(row["learning"] or 0)
        return StateCounts(
            due_now=int(row["due_now"] or 0),
            due_today=int(row["due_today"] or 0),
            learning=learning,
            learned=int(row["n"]) - learning,
            mature=int(row["mature"] or 0),
            next_due=at_ms(row["next_due"]) if row["next_due"] is not None else None,
        )

    async def retention(self, guild_id: int, user_id: int, *, since: datetime | None = None) -> RetentionCount:
        """Reviews of cards that were in the review state (since ``since``), and how many were remembered."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT COUNT(*), SUM(rating > 1) FROM review_logs WHERE guild_id = ? AND user_id = ?"
                " AND reviewed_at >= ? AND state_before = 2",
                (guild_id, user_id, to_ms(since) if since is not None else 0),
            )
        if row is None:
            return RetentionCount()
        return RetentionCount(reviews=int(row[0] or 0), remembered=int(row[1] or 0))

    async def due_keys(self, guild_id: int, user_id: int, now: datetime, keys: Sequence[str] | None = None) -> list[str]:
        """All of a member's active due cards (among ``keys`` when given), most overdue first.

        For practice: it asks these first, then missed cards, then new ones.
        """
        sql = (
            "SELECT r.card_key FROM review_states r JOIN cards c ON c.key = r.card_key"
            f" WHERE r.guild_id = ? AND r.user_id = ? AND r.due_at <= ? AND {_ACTIVE} ORDER BY r.due_at, r.card_key COLLATE BINARY"
        )
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql, (guild_id, user_id, to_ms(now)))
        wanted = set(keys) if keys is not None else None
        return [r[0] for r in rows if wanted is None or r[0] in wanted]

    async def forgetting(self, guild_id: int, until: datetime) -> dict[str, int]:
        """Per card: how many members of the server will be due on it by ``until`` (about to forget it)."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT card_key, COUNT(*) FROM review_states WHERE guild_id = ? AND due_at <= ? GROUP BY card_key",
                (guild_id, to_ms(until)),
            )
        return {r[0]: int(r[1]) for r in rows}

    async def seen_cards(self, guild_id: int) -> set[str]:
        """Cards at least one member of the server has answered."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT DISTINCT card_key FROM review_states WHERE guild_id = ?", (guild_id,)
            )
        return {r[0] for r in rows}

    # -- history -------------------------------------------------------------------------------------
    async def states(self, guild_id: int, user_id: int) -> dict[str, CardState]:
        """Every stored state of a member (retired cards included), by card key."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_STATE_COLUMNS} FROM review_states WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
        return {r["card_key"]: _memory(r) for r in rows}

    async def logs(self, guild_id: int, user_id: int, card_key: str | None = None) -> list[LogRow]:
        """A member's review logs (of one card when given), in the order they were applied."""
        sql = "SELECT * FROM review_logs WHERE guild_id = ? AND user_id = ?"
        params: list[object] = [guild_id, user_id]
        if card_key is not None:
            sql += " AND card_key = ?"
            params.append(card_key)
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql + " ORDER BY id", params)
        return [_log_row(r) for r in rows]


def _log_row(row: aiosqlite.Row) -> LogRow:
    before = None if row["state_before"] is None else _side(row, "before", row["last_before"])
    return LogRow(
        guild_id=row["guild_id"], user_id=row["user_id"], card_key=row["card_key"], at=at_ms(row["reviewed_at"]),
        rating=int(row["rating"]), source=row["source"], verdict=row["verdict"], retention=float(row["retention"]),
        before=before, after=_side(row, "after", row["reviewed_at"]), attempt_id=row["attempt_id"],
        session_id=row["session_id"], duration_ms=row["duration_ms"], id=int(row["id"]),
    )
