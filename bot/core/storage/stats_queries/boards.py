"""Boards: pages ranked with ``RANK()``, a member's rank, the week/month windows, tag changes, departures.

What this module writes (nothing on the answer path: the trigger of ``migrations/0004_stats.sql`` keeps
the summary tables current in each attempt's own transaction):

* the current week/month **window** of a guild (``rebuild_window``): when the period rolls over, the
  guild's time zone changes, or the window was never built, the window's rows are rebuilt from
  ``attempts`` in one transaction (the trigger keeps them current from then on). A read path uses
  ``try_rebuild_window``: when the database refuses the write, the board is read live instead;
* **tag changes** from a deck sync (``apply_tag_changes``): the all-time topic rows of the changed topics
  are recomputed from ``attempts``, and the windows dropped (rebuilt lazily);
* **departed members** (``mark_departed`` / ``mark_present``), and members' new names (``rename``).

Ranks are SQL ``RANK()`` over points (ties share a rank). A single member's rank is the equivalent
``1 + COUNT(members with more points)``, a range count on the ``board_scores_rank`` index less the hidden
members (departed, or left out by the caller) above them; a board's size is counted the same way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

import aiosqlite

from bot.core.storage.daily_queries import storage_failed
from bot.core.storage.stats_queries.rows import BoardContext, BoardPage, BoardRow, Period, Scope, Window
from bot.core.storage.store import Store, fetch_one, fetch_value

log = logging.getLogger(__name__)

#: A member is listed unless they left the server or the caller asked to leave them out (checked per row
#: walked: a page walk stops after offset + limit rows).
LISTED = (
    "NOT EXISTS (SELECT 1 FROM departed_members d WHERE d.guild_id = s.guild_id AND d.user_id = s.user_id)"
    " AND s.user_id NOT IN (SELECT value FROM json_each(:exclude))"
)
#: The members hidden from a board (departed, or left out by the caller) who have a row on it; counts
#: subtract them instead of checking every row of a long board.
HIDDEN_ON_BOARD = (
    "SELECT s.user_id, s.points FROM ("
    "  SELECT d.user_id FROM departed_members d WHERE d.guild_id = :g"
    "  UNION SELECT value FROM json_each(:exclude)"
    ") h JOIN board_scores s ON s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND s.user_id = h.user_id"
)

#: Answers that score (and so count on boards): 'practice' and 'review' never do.
SCORED = "source IN ('quiz', 'daily')"

# The main queries, named so the benchmark can print their plans (bench/bench_leaderboard.py).

#: One page of a board: a walk of ``board_scores_rank``, already in board order (points, then more correct
#: answers, then the lower member id), so there is no sort and the walk stops after offset + limit rows.
#: No window function: ``RANK()`` over a deep page cost ten times the walk. The ranks are worked out from
#: the rank of the page's first row (:data:`BOARD_SIZE_AND_RANK_SQL`) and the ties within the page.
#: Names are joined for the page's rows only, and ``answers`` is read from those rows: the index leaves it out,
#: so an answer that scores nothing never writes to it (migration 0016).
BOARD_PAGE_SQL = (
    "SELECT p.*, m.user_name FROM ("
    "  SELECT s.user_id, s.points, s.answers, s.correct"
    "  FROM board_scores s INDEXED BY board_scores_rank"
    "  WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND " + LISTED +
    "  ORDER BY s.points DESC, s.correct DESC, s.user_id LIMIT :limit OFFSET :offset"
    ") p LEFT JOIN stats_members m ON m.guild_id = :g AND m.user_id = p.user_id"
    " ORDER BY p.points DESC, p.correct DESC, p.user_id"
)

#: How many members a board lists: an index-only range count, less the hidden members on it.
BOARD_SIZE_SQL = (
    "SELECT (SELECT COUNT(*) FROM board_scores s WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic)"
    " - (SELECT COUNT(*) FROM (" + HIDDEN_ON_BOARD + "))"
)

#: The size of a board and how many listed members have more than :points (the first row of a page
#: has rank 1 + that): index-only range counts, less the hidden members.
BOARD_SIZE_AND_RANK_SQL = (
    "SELECT (" + BOARD_SIZE_SQL + ") AS total,"
    " (SELECT COUNT(*) FROM board_scores s"
    "  WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND s.points > :points)"
    " - (SELECT COUNT(*) FROM (" + HIDDEN_ON_BOARD + ") h WHERE h.points > :points) AS above"
)

#: One member's row and rank: 1 + the listed members with more points, i.e. what RANK() gives them
#: (an index-only range count, less the hidden members above them).
MEMBER_RANK_SQL = (
    "SELECT me.user_id, me.points, me.answers, me.correct, m.user_name,"
    " 1 + (SELECT COUNT(*) FROM board_scores s"
    "      WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND s.points > me.points)"
    " - (SELECT COUNT(*) FROM (" + HIDDEN_ON_BOARD + ") h WHERE h.points > me.points) AS rank"
    " FROM board_scores me"
    " LEFT JOIN stats_members m ON m.guild_id = me.guild_id AND m.user_id = me.user_id"
    " WHERE me.guild_id = :g AND me.scope = :scope AND me.topic = :topic AND me.user_id = :u"
)

#: Everything a board read checks first, in one round trip: the guild's zone, the stored window of the
#: period, pending tag changes, and whether the caller is recorded as gone.
BOARD_CONTEXT_SQL = (
    "SELECT (SELECT timezone FROM guild_settings WHERE guild_id = :g) AS timezone,"
    " w.zone, w.start_ms, w.end_ms,"
    " EXISTS (SELECT 1 FROM stats_tag_changes) AS tag_changes,"
    " EXISTS (SELECT 1 FROM departed_members WHERE guild_id = :g AND user_id = :u) AS departed"
    " FROM (SELECT 1) LEFT JOIN board_windows w ON w.guild_id = :g AND w.period = :p"
)

#: Rebuilding a week/month window from the scored attempts in it (through attempts_board).
WINDOW_ROWS_SQL = (
    "INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)"
    " SELECT a.guild_id, :p, '', a.user_id, SUM(a.points), COUNT(*), SUM(a.verdict = 'correct')"
    " FROM attempts a"
    " WHERE a.guild_id = :g AND a." + SCORED + " AND a.created_at >= :start AND a.created_at < :end"
    " GROUP BY a.guild_id, a.user_id"
)
WINDOW_TOPIC_ROWS_SQL = (
    "INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)"
    " SELECT a.guild_id, :p, t.tag, a.user_id, SUM(a.points), COUNT(*), SUM(a.verdict = 'correct')"
    " FROM attempts a JOIN card_tags t ON t.card_key = a.card_key"
    " WHERE a.guild_id = :g AND a." + SCORED + " AND a.created_at >= :start AND a.created_at < :end"
    " GROUP BY a.guild_id, t.tag, a.user_id"
)


#: PostgreSQL: how long recomputing board rows from ``attempts`` waits for the answers other processes are
#: writing (each commits within milliseconds). Answers queue behind that wait, so it is short: a process stuck in
#: the middle of an answer (its machine cut off) costs a live board read or a later fold, never a stalled bot.
ANSWERS_WAIT_MS = 2000


async def hold_answers(db: aiosqlite.Connection) -> None:
    """Before recomputing board rows from ``attempts`` in a write transaction: on PostgreSQL, wait for the answers
    other processes are writing and hold new ones until this transaction ends, so that every answer is either in
    the sums or added by the stats trigger after them; past ``ANSWERS_WAIT_MS`` the transaction fails (a storage
    failure). Taken before any row lock, so it cannot deadlock. SQLite's one writer already runs them one after
    the other."""
    if isinstance(db, aiosqlite.Connection):
        return
    before = await fetch_value(
        db, "SELECT current_setting('lock_timeout') AS before, set_config('lock_timeout', ?, true)", (str(ANSWERS_WAIT_MS),)
    )
    await db.execute("LOCK TABLE attempts IN SHARE MODE")
    await db.execute("SELECT set_config('lock_timeout', ?, true)", (str(before),))  # the transaction's own wait again


def exclude_json(user_ids: Iterable[int]) -> str:
    """Member ids as the JSON list the board queries read with ``json_each(:exclude)``."""
    return json.dumps(sorted({int(u) for u in user_ids}))


class BoardQueries:
    """Leaderboard queries over one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def board_context(self, guild_id: int, period: Scope, caller_id: int | None) -> BoardContext:
        """What a board read checks before the page (zone, stored window, tag changes, caller gone)."""
        params = {"g": guild_id, "p": period, "u": caller_id if caller_id is not None else -1}
        async with self.store.read() as db:
            row = await fetch_one(db, BOARD_CONTEXT_SQL, params)
        assert row is not None  # one row from (SELECT 1)
        window = None if row["zone"] is None else Window(row["zone"], row["start_ms"], row["end_ms"])
        return BoardContext(row["timezone"], window, bool(row["tag_changes"]), bool(row["departed"]))

    # -- windows (week / month) ----------------------------------------------------------------
    async def window(self, guild_id: int, period: Period) -> Window | None:
        """The window the guild's ``period`` rows currently hold, or None if never built."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT zone, start_ms, end_ms FROM board_windows WHERE guild_id = ? AND period = ?",
                (guild_id, period),
            )
        return None if row is None else Window(row["zone"], row["start_ms"], row["end_ms"])

    async def rebuild_window(self, guild_id: int, period: Period, window: Window) -> bool:
        """Make the guild's ``period`` rows describe ``window``, rebuilding them from ``attempts`` if needed.

        One transaction: the old rows go, the new ones are aggregated from the scored attempts in
        ``[start_ms, end_ms)`` (through the ``attempts_board`` index), and the trigger adds later answers.
        Returns False when the window was already current (another caller got there first).
        """
        async with self.store.transaction() as db:
            # An answer another process commits after the sums below had its trigger see the old window: neither
            # would count it on the new one.
            await hold_answers(db)
            # Wait for another process rebuilding the same window (its row is locked until it commits), then read
            # what it left: on PostgreSQL both would otherwise insert the same rows. (SQLite: one writer anyway.)
            await db.execute(
                "INSERT INTO board_windows (guild_id, period, zone, start_ms, end_ms) VALUES (?, ?, '', 0, 0)"
                " ON CONFLICT (guild_id, period) DO NOTHING",
                (guild_id, period),
            )
            await db.execute("UPDATE board_windows SET zone = zone WHERE guild_id = ? AND period = ?", (guild_id, period))
            row = await fetch_one(
                db,
                "SELECT zone, start_ms, end_ms FROM board_windows WHERE guild_id = ? AND period = ?",
                (guild_id, period),
            )
            if row is not None and Window(row["zone"], row["start_ms"], row["end_ms"]) == window:
                return False
            await db.execute("DELETE FROM board_scores WHERE guild_id = ? AND scope = ?", (guild_id, period))
            await db.execute(
                "INSERT OR REPLACE INTO board_windows (guild_id, period, zone, start_ms, end_ms)"
                " VALUES (?, ?, ?, ?, ?)",
                (guild_id, period, window.zone, window.start_ms, window.end_ms),
            )
            params = {"g": guild_id, "p": period, "start": window.start_ms, "end": window.end_ms}
            await db.execute(WINDOW_ROWS_SQL, params)
            await db.execute(WINDOW_TOPIC_ROWS_SQL, params)
        log.info("rebuilt the %s board of guild %s for %s", period, guild_id, window)
        return True

    async def try_rebuild_window(self, guild_id: int, period: Period, window: Window) -> bool:
        """:meth:`rebuild_window`, for a read path: True when the rows now describe ``window``; False when
        the database refused the write (read-only, full, locked, closed), logged — the caller then reads
        the window live (:class:`~bot.core.storage.stats_queries.live.LiveQueries`)."""
        try:
            await self.rebuild_window(guild_id, period, window)
        except Exception as exc:
            if not storage_failed(exc):
                raise
            log.warning("could not rebuild the %s board of guild %s (%s); reading it live", period, guild_id, exc)
            return False
        return True

    # -- tag changes from deck syncs ---------------------------------------------------------------
    async def has_tag_changes(self) -> bool:
        """Whether a deck sync left card tag changes not yet folded into the topic boards."""
        async with self.store.read() as db:
            return await fetch_value(db, "SELECT 1 FROM stats_tag_changes LIMIT 1") is not None

    async def apply_tag_changes(self) -> list[str]:
        """Recompute the all-time rows of every topic whose cards changed; returns those topics.

        A sync re-writes the tags of every edited card, so only net changes count. When any topic changed,
        the week/month windows are dropped and rebuilt on their next read.
        """
        async with self.store.transaction() as db:
            # An answer another process is writing, whose trigger wrote a member's new topic row unseen by the
            # sums below, would make them insert that row again (a duplicate key).
            await hold_answers(db)
            # Wait for another process folding the same changes (their rows are locked until it commits, and gone
            # then): on PostgreSQL both would otherwise insert the same topic rows. (SQLite: one writer anyway.)
            await db.execute("UPDATE stats_tag_changes SET delta = delta")
            rows = await db.execute_fetchall(
                "SELECT DISTINCT tag FROM ("
                " SELECT card_key, tag FROM stats_tag_changes GROUP BY card_key, tag HAVING SUM(delta) != 0"
                ") ORDER BY tag"
            )
            topics = [r["tag"] for r in rows]
            for topic in topics:
                await db.execute("DELETE FROM board_scores WHERE scope = 'all' AND topic = ?", (topic,))
                await db.execute(
                    "INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)"
                    " SELECT a.guild_id, 'all', t.tag, a.user_id, SUM(a.points), COUNT(*),"
                    " SUM(a.verdict = 'correct')"
                    # Per server, then per card of the topic, through attempts_guild_card (every server with
                    # answers has its members' rows in stats_members: the summary trigger writes one with each
                    # answer). CROSS JOIN keeps that order on SQLite.
                    " FROM (SELECT DISTINCT guild_id FROM stats_members) g"
                    " CROSS JOIN card_tags t CROSS JOIN attempts a"
                    " WHERE t.tag = ? AND a.guild_id = g.guild_id AND a.card_key = t.card_key AND a." + SCORED +
                    " GROUP BY a.guild_id, t.tag, a.user_id",
                    (topic,),
                )
            if topics:
                await db.execute("DELETE FROM board_scores WHERE scope != 'all'")
                await db.execute("DELETE FROM board_windows")
            await db.execute("DELETE FROM stats_tag_changes")
        if topics:
            log.info("recomputed the all-time boards of %d changed topic(s): %s", len(topics), ", ".join(topics))
        return topics

    # -- boards ------------------------------------------------------------------------------------
    async def board_page(
        self,
        guild_id: int,
        scope: Scope,
        topic: str,
        *,
        offset: int,
        limit: int,
        exclude: Iterable[int] = (),
    ) -> BoardPage:
        """One page of a board, best first, ranked with ``RANK()`` over points; and how many are listed.

        ``topic`` '' is every card. Departed and ``exclude``-d members are not listed and do not take a rank.
        Within a tie, more correct answers come first, then the earlier member id (a stable order for pages).
        """
        params: dict[str, object] = {"g": guild_id, "scope": scope, "topic": topic, "exclude": exclude_json(exclude)}
        async with self.store.read() as db:
            rows = list(await db.execute_fetchall(BOARD_PAGE_SQL, {**params, "limit": limit, "offset": offset}))
            first = rows[0]["points"] if rows else 0
            counts = await fetch_one(db, BOARD_SIZE_AND_RANK_SQL, {**params, "points": first})
        assert counts is not None
        return BoardPage(ranked(rows, offset, int(counts["above"])), int(counts["total"]))

    async def board_size(
        self,
        guild_id: int,
        scope: Scope,
        topic: str,
        exclude: Iterable[int] = (),
        *,
        db: aiosqlite.Connection | None = None,
    ) -> int:
        """How many members a board lists."""
        params = {"g": guild_id, "scope": scope, "topic": topic, "exclude": exclude_json(exclude)}
        if db is not None:
            return int(await fetch_value(db, BOARD_SIZE_SQL, params))
        async with self.store.read() as conn:
            return int(await fetch_value(conn, BOARD_SIZE_SQL, params))

    async def member_rank(
        self, guild_id: int, scope: Scope, topic: str, user_id: int, *, exclude: Iterable[int] = ()
    ) -> BoardRow | None:
        """A member's row and rank on a board (the same rank ``RANK()`` gives), or None if not on it."""
        params = {"g": guild_id, "scope": scope, "topic": topic, "u": user_id, "exclude": exclude_json(exclude)}
        async with self.store.read() as db:
            row = await fetch_one(db, MEMBER_RANK_SQL, params)
        return None if row is None else board_row(row)

    # -- departed members --------------------------------------------------------------------------
    async def mark_departed(self, guild_id: int, user_ids: Iterable[int], at_ms: int) -> None:
        """Record members who left the server (kept in the data, no longer listed)."""
        ids = sorted({int(u) for u in user_ids})
        if not ids:
            return
        async with self.store.transaction() as db:
            await db.executemany(
                "INSERT INTO departed_members (guild_id, user_id, left_at) VALUES (?, ?, ?)"
                " ON CONFLICT (guild_id, user_id) DO NOTHING",
                [(guild_id, u, at_ms) for u in ids],
            )

    async def mark_present(self, guild_id: int, user_id: int) -> bool:
        """Forget a recorded departure (the member is back); True if there was one. Writes only if needed."""
        async with self.store.read() as db:
            known = await fetch_value(
                db, "SELECT 1 FROM departed_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )
        if known is None:
            return False
        async with self.store.transaction() as db:
            await db.execute("DELETE FROM departed_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
        return True

    async def rename(self, guild_id: int, names: dict[int, str], at_ms: int) -> None:
        """Members' display names as the server shows them now (a member renamed since their latest answer);
        only members with answers here, and only names that changed, are written."""
        rows = [(name, at_ms, guild_id, int(user_id), name) for user_id, name in sorted(names.items()) if name]
        if not rows:
            return
        async with self.store.transaction() as db:
            await db.executemany(
                "UPDATE stats_members SET user_name = ?, updated_at = MAX(updated_at, ?)"
                " WHERE guild_id = ? AND user_id = ? AND user_name != ?",
                rows,
            )

    async def departed(self, guild_id: int) -> set[int]:
        """The members of a guild recorded as gone."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall("SELECT user_id FROM departed_members WHERE guild_id = ?", (guild_id,))
        return {r["user_id"] for r in rows}


def ranked(rows: Iterable[aiosqlite.Row], offset: int, above_first: int) -> list[BoardRow]:
    """A page's rows (in board order, starting at ``offset``) with the ranks ``RANK()`` gives them.

    ``above_first``: listed members with more points than the first row. A row tied with the one before
    shares its rank; any other row is ranked at its position (everyone above it has more points).
    """
    out: list[BoardRow] = []
    for i, row in enumerate(rows):
        if not out:
            rank = 1 + above_first
        elif row["points"] == out[-1].points:
            rank = out[-1].rank
        else:
            rank = offset + i + 1
        out.append(board_row(row, rank))
    return out


def board_row(row: aiosqlite.Row, rank: int | None = None) -> BoardRow:
    """A board query's row (rank, member, points, answers, correct, kept name) as a :class:`BoardRow`."""
    return BoardRow(
        rank=int(row["rank"]) if rank is None else rank,
        user_id=int(row["user_id"]),
        name=row["user_name"] or str(row["user_id"]),
        points=int(row["points"]),
        answers=int(row["answers"]),
        correct=int(row["correct"]),
    )
