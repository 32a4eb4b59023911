"""Typed, documented queries for leaderboards and personal stats (all ranking and aggregation is SQL).

The tables are created by ``migrations/0004_stats.sql``; the trigger there folds every attempt into the
summary tables in the attempt's own transaction, so nothing here writes on the answer path. What this
module writes:

* the current week/month **window** of a guild (``rebuild_window``): when the period rolls over, the
  guild's time zone changes, or the window was never built, the window's rows are rebuilt from
  ``attempts`` in one transaction (the trigger keeps them current from then on);
* **tag changes** from a deck sync (``apply_tag_changes``): the all-time topic rows of the changed topics
  are recomputed from ``attempts``, and the windows dropped (rebuilt lazily);
* **departed members** (``mark_departed`` / ``mark_present``).

Ranks are SQL ``RANK()`` over points (ties share a rank). A single member's rank is the equivalent
``1 + COUNT(members with more points)``, a range count on the ``board_scores_rank`` index.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import aiosqlite

from bot.core.storage.store import Store, fetch_one, fetch_value

log = logging.getLogger(__name__)

Scope = Literal["all", "week", "month"]
Period = Literal["week", "month"]

#: A member is listed unless they left the server or the caller asked to leave them out.
_LISTED = (
    "NOT EXISTS (SELECT 1 FROM departed_members d WHERE d.guild_id = s.guild_id AND d.user_id = s.user_id)"
    " AND s.user_id NOT IN (SELECT value FROM json_each(:exclude))"
)


# The main queries, named so the benchmark can print their plans (bench/bench_leaderboard.py).

#: One page of a board. The window runs over a walk of ``board_scores_rank``, already in board order, so
#: there is no sort and the walk stops after offset + limit rows; ties keep the index order (more correct
#: answers first, then the lower member id). Names are joined for the page's rows only.
BOARD_PAGE_SQL = (
    "SELECT p.*, m.user_name FROM ("
    "  SELECT s.user_id, s.points, s.answers, s.correct,"
    "   RANK() OVER board AS rank, ROW_NUMBER() OVER board AS position"
    "  FROM board_scores s INDEXED BY board_scores_rank"
    "  WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND " + _LISTED +
    "  WINDOW board AS (ORDER BY s.points DESC)"
    "  ORDER BY s.points DESC LIMIT :limit OFFSET :offset"
    ") p LEFT JOIN stats_members m ON m.guild_id = :g AND m.user_id = p.user_id"
    " ORDER BY p.position"
)

#: How many members a board lists (an index-only count).
BOARD_SIZE_SQL = (
    "SELECT COUNT(*) FROM board_scores s"
    " WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic AND " + _LISTED
)

#: One member's row and rank: 1 + the members listed with more points, i.e. what RANK() gives them.
MEMBER_RANK_SQL = (
    "SELECT me.user_id, me.points, me.answers, me.correct, m.user_name,"
    " 1 + (SELECT COUNT(*) FROM board_scores s"
    "      WHERE s.guild_id = :g AND s.scope = :scope AND s.topic = :topic"
    "      AND s.points > me.points AND " + _LISTED + ") AS rank"
    " FROM board_scores me"
    " LEFT JOIN stats_members m ON m.guild_id = me.guild_id AND m.user_id = me.user_id"
    " WHERE me.guild_id = :g AND me.scope = :scope AND me.topic = :topic AND me.user_id = :u"
)

#: Rebuilding a week/month window from the scored attempts in it (through attempts_board).
WINDOW_ROWS_SQL = (
    "INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)"
    " SELECT a.guild_id, :p, '', a.user_id, SUM(a.points), COUNT(*), SUM(a.verdict = 'correct')"
    " FROM attempts a"
    " WHERE a.guild_id = :g AND a.source != 'practice' AND a.created_at >= :start AND a.created_at < :end"
    " GROUP BY a.user_id"
)
WINDOW_TOPIC_ROWS_SQL = (
    "INSERT INTO board_scores (guild_id, scope, topic, user_id, points, answers, correct)"
    " SELECT a.guild_id, :p, t.tag, a.user_id, SUM(a.points), COUNT(*), SUM(a.verdict = 'correct')"
    " FROM attempts a JOIN card_tags t ON t.card_key = a.card_key"
    " WHERE a.guild_id = :g AND a.source != 'practice' AND a.created_at >= :start AND a.created_at < :end"
    " GROUP BY t.tag, a.user_id"
)

#: A member's points since an instant (their own attempts, through attempts_user).
POINTS_SINCE_SQL = (
    "SELECT COALESCE(SUM(points), 0) FROM attempts"
    " WHERE guild_id = :g AND user_id = :u AND created_at >= :since AND source != 'practice'"
)

#: A member's strongest and weakest topics (card tags; deck ids, which stand for a whole deck, left out),
#: from user_card_stats: the best :n by accuracy, then the worst :n of the others (so none is in both).
TOPIC_SCORES_SQL = (
    "WITH per_topic AS ("
    "  SELECT t.tag AS topic, SUM(u.answers) AS answers, SUM(u.correct) AS correct,"
    "   CAST(SUM(u.correct) AS REAL) / SUM(u.answers) AS accuracy"
    "  FROM user_card_stats u JOIN card_tags t ON t.card_key = u.card_key"
    "  WHERE u.guild_id = :g AND u.user_id = :u AND t.tag NOT IN (SELECT id FROM decks)"
    "  GROUP BY t.tag HAVING SUM(u.answers) >= :min"
    "), strongest AS ("
    "  SELECT *, ROW_NUMBER() OVER (ORDER BY accuracy DESC, answers DESC, topic) AS best FROM per_topic"
    "), weakest AS ("
    "  SELECT *, ROW_NUMBER() OVER (ORDER BY accuracy ASC, answers DESC, topic) AS worst"
    "  FROM strongest WHERE best > :n"
    ")"
    " SELECT * FROM ("
    "  SELECT topic, answers, correct, best, NULL AS worst FROM strongest WHERE best <= :n"
    "  UNION ALL"
    "  SELECT topic, answers, correct, best, worst FROM weakest WHERE worst <= :n"
    " ) ORDER BY worst IS NOT NULL, worst, best"
)

#: Answers and correct answers per local day (day bounds computed by the caller), via attempts_user.
DAILY_COUNTS_SQL = (
    "WITH days AS (SELECT key AS i, value AS start_ms FROM json_each(:bounds))"
    " SELECT d.i AS i, COUNT(a.id) AS answers, COALESCE(SUM(a.verdict = 'correct'), 0) AS correct"
    " FROM days d JOIN days e ON e.i = d.i + 1"
    " LEFT JOIN attempts a ON a.guild_id = :g AND a.user_id = :u"
    "  AND a.created_at >= d.start_ms AND a.created_at < e.start_ms"
    " GROUP BY d.i ORDER BY d.i"
)


@dataclass(frozen=True, slots=True)
class Window:
    """The week or month a guild's windowed board rows describe."""

    zone: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One member on a board."""

    rank: int
    user_id: int
    name: str
    points: int
    answers: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class BoardPage:
    rows: list[BoardRow]
    total: int  # members listed on the whole board


@dataclass(frozen=True, slots=True)
class MemberTotals:
    name: str | None
    answers: int  # every mode, practice included
    correct: int
    points: int  # quiz and daily points (the board's)
    last_at: int | None  # unix ms of the latest answer


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    answers: int
    correct: int
    best: int  # 1 = the member's strongest topic
    worst: int | None  # 1 = the weakest topic; None for the strongest ones (a topic is never in both)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class MissedCard:
    key: str
    term: str | None
    question: str | None
    answers: int
    missed: int


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    best: int
    last_day: str | None  # ISO local date of the last correct daily answer


def _exclude(user_ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(u) for u in user_ids}))


class StatsQueries:
    """Leaderboard and stats queries over one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

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

    # -- tag changes from deck syncs ---------------------------------------------------------------
    async def has_tag_changes(self) -> bool:
        async with self.store.read() as db:
            return await fetch_value(db, "SELECT 1 FROM stats_tag_changes LIMIT 1") is not None

    async def apply_tag_changes(self) -> list[str]:
        """Recompute the all-time rows of every topic whose cards changed; returns those topics.

        A sync re-writes the tags of every edited card, so only net changes count. When any topic changed,
        the week/month windows are dropped and rebuilt on their next read.
        """
        async with self.store.transaction() as db:
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
                    " FROM card_tags t JOIN attempts a ON a.card_key = t.card_key"
                    " WHERE t.tag = ? AND a.guild_id IS NOT NULL AND a.source != 'practice'"
                    " GROUP BY a.guild_id, a.user_id",
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
        params = {
            "g": guild_id, "scope": scope, "topic": topic, "exclude": _exclude(exclude),
            "limit": limit, "offset": offset,
        }  # fmt: skip
        async with self.store.read() as db:
            # The window runs over a walk of board_scores_rank, already in board order, so no sort is
            # needed and the walk stops after offset + limit rows (ties keep the index order: more correct
            # answers first, then the lower member id). Names are joined for the page only.
            rows = await db.execute_fetchall(BOARD_PAGE_SQL, params)
            total = await self.board_size(guild_id, scope, topic, exclude, db=db)
        return BoardPage([_board_row(r) for r in rows], int(total))

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
        sql = BOARD_SIZE_SQL
        params = {"g": guild_id, "scope": scope, "topic": topic, "exclude": _exclude(exclude)}
        if db is not None:
            return int(await fetch_value(db, sql, params))
        async with self.store.read() as conn:
            return int(await fetch_value(conn, sql, params))

    async def member_rank(
        self, guild_id: int, scope: Scope, topic: str, user_id: int, *, exclude: Iterable[int] = ()
    ) -> BoardRow | None:
        """A member's row and rank on a board (the same rank ``RANK()`` gives), or None if not on it."""
        params = {"g": guild_id, "scope": scope, "topic": topic, "u": user_id, "exclude": _exclude(exclude)}
        async with self.store.read() as db:
            row = await fetch_one(db, MEMBER_RANK_SQL, params)
        return None if row is None else _board_row(row)

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

    async def departed(self, guild_id: int) -> set[int]:
        async with self.store.read() as db:
            rows = await db.execute_fetchall("SELECT user_id FROM departed_members WHERE guild_id = ?", (guild_id,))
        return {r["user_id"] for r in rows}

    # -- one member --------------------------------------------------------------------------------
    async def member_totals(self, guild_id: int, user_id: int) -> MemberTotals:
        """Answers (every mode), correct answers and points (quiz and daily) of a member in a guild."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT (SELECT user_name FROM stats_members WHERE guild_id = :g AND user_id = :u) AS name,"
                " COALESCE(SUM(answers), 0) AS answers, COALESCE(SUM(correct), 0) AS correct,"
                " COALESCE(SUM(points), 0) AS points, MAX(last_at) AS last_at"
                " FROM user_card_stats WHERE guild_id = :g AND user_id = :u",
                {"g": guild_id, "u": user_id},
            )
        assert row is not None  # an aggregate always returns a row
        return MemberTotals(row["name"], int(row["answers"]), int(row["correct"]), int(row["points"]), row["last_at"])

    async def points_since(self, guild_id: int, user_id: int, since_ms: int) -> int:
        """Quiz and daily points a member earned since ``since_ms`` (their attempts via ``attempts_user``)."""
        async with self.store.read() as db:
            value = await fetch_value(db, POINTS_SINCE_SQL, {"g": guild_id, "u": user_id, "since": since_ms})
        return int(value)

    async def quizzes(self, guild_id: int, user_id: int) -> tuple[int, int]:
        """(channel quizzes the member answered in, channel quizzes they won)."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT"
                " (SELECT COUNT(*) FROM stats_quiz_players p LEFT JOIN quizzes q ON q.id = p.quiz_id"
                "  WHERE p.guild_id = :g AND p.user_id = :u AND COALESCE(q.private, 0) = 0) AS played,"
                " (SELECT COUNT(*) FROM quizzes"
                "  WHERE guild_id = :g AND winner_id = :u AND private = 0) AS won",
                {"g": guild_id, "u": user_id},
            )
        assert row is not None
        return int(row["played"]), int(row["won"])

    async def streak(self, guild_id: int, user_id: int) -> Streak:
        """The member's daily streak as the daily feature stored it (0, 0 if none)."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT current, best, last_day FROM daily_streaks WHERE guild_id = ? AND user_id = ?",
                (guild_id, user_id),
            )
        return Streak(0, 0, None) if row is None else Streak(int(row["current"]), int(row["best"]), row["last_day"])

    async def topic_scores(self, guild_id: int, user_id: int, *, min_answers: int, limit: int) -> list[TopicScore]:
        """The member's ``limit`` strongest topics by accuracy, then the ``limit`` weakest of the rest.

        Only topics with at least ``min_answers`` answers count. Strongest rows (``worst`` None) come first,
        best first; then the weakest, weakest first.
        """
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                TOPIC_SCORES_SQL, {"g": guild_id, "u": user_id, "min": min_answers, "n": limit}
            )
        return [TopicScore(r["topic"], r["answers"], r["correct"], r["best"], r["worst"]) for r in rows]

    async def most_missed(self, guild_id: int, user_id: int, *, limit: int) -> list[MissedCard]:
        """The cards the member got wrong most often (most misses first, then the most recent)."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT u.card_key, c.term, c.question, u.answers, u.answers - u.correct AS missed"
                " FROM user_card_stats u LEFT JOIN cards c ON c.key = u.card_key"
                " WHERE u.guild_id = ? AND u.user_id = ? AND u.answers > u.correct"
                " ORDER BY missed DESC, u.last_at DESC, u.card_key LIMIT ?",
                (guild_id, user_id, limit),
            )
        return [MissedCard(r["card_key"], r["term"], r["question"], r["answers"], r["missed"]) for r in rows]

    async def daily_counts(self, guild_id: int, user_id: int, bounds: Sequence[int]) -> list[tuple[int, int]]:
        """(answers, correct answers) per day, for the days ``bounds[i] <= created_at < bounds[i + 1]``.

        ``bounds`` are the local midnights (unix ms) computed by the caller in the guild's zone, so days
        across a DST change are 23 or 25 hours long. One index range per day on ``attempts_user``.
        """
        if len(bounds) < 2:
            return []
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                DAILY_COUNTS_SQL, {"g": guild_id, "u": user_id, "bounds": json.dumps([int(b) for b in bounds])}
            )
        return [(int(r["answers"]), int(r["correct"])) for r in rows]


def _board_row(row: aiosqlite.Row) -> BoardRow:
    return BoardRow(
        rank=int(row["rank"]),
        user_id=int(row["user_id"]),
        name=row["user_name"] or str(row["user_id"]),
        points=int(row["points"]),
        answers=int(row["answers"]),
        correct=int(row["correct"]),
    )
