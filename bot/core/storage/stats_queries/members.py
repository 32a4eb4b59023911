"""One member's figures for /stats: totals, points this week, quizzes, streak, topics, misses, days.

All read-only aggregates over the summary tables of ``migrations/0004_stats.sql`` (``user_card_stats``,
``stats_members``, ``stats_quiz_players``, ``board_scores``) and index ranges on ``attempts_user`` (covering
since ``migrations/0008_stats_speed.sql``); nothing here writes.

Every answer, or only what counts on the server: ``topic_scores`` and ``daily_counts`` take
``scored_only`` (quiz and daily answers; private practice and review left out); a member's scored totals
are their all-time row on the board (``BoardQueries.member_rank``).

The statements are SQLite's, run on PostgreSQL through ``pg/compat.py``'s translation, except the per-day
counts of the chart, which have a PostgreSQL form of their own (:data:`PG_DAILY_COUNTS_SQL`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

import aiosqlite

from bot.core.storage.stats_queries.boards import SCORED
from bot.core.storage.stats_queries.rows import MemberSummary, MemberTotals, MissedCard, Streak, TopicScore
from bot.core.storage.store import Store, fetch_one, fetch_value

log = logging.getLogger(__name__)

#: A member's points since an instant (their own attempts, through the covering index attempts_user).
POINTS_SINCE_SQL = (
    "SELECT COALESCE(SUM(points), 0) FROM attempts"
    " WHERE guild_id = :g AND user_id = :u AND created_at >= :since AND " + SCORED
)


#: A member's one-number figures in one round trip: kept name, answers and correct answers (every
#: source, from user_card_stats), quiz and daily points since :since (the covering attempts_user), channel
#: quizzes played (index-only) and won (quizzes_won, index-only), and the daily streak.
SUMMARY_SQL = (
    "SELECT (SELECT user_name FROM stats_members WHERE guild_id = :g AND user_id = :u) AS name,"
    " (SELECT COALESCE(SUM(answers), 0) FROM user_card_stats WHERE guild_id = :g AND user_id = :u) AS answers,"
    " (SELECT COALESCE(SUM(correct), 0) FROM user_card_stats WHERE guild_id = :g AND user_id = :u) AS correct,"
    " (" + POINTS_SINCE_SQL + ") AS points_since,"
    # Private practice never appears in either count: its answers have source 'practice' (the trigger
    # keeps 'quiz' answers in stats_quiz_players) and a private quiz has no winner (checked all the same).
    " (SELECT COUNT(*) FROM stats_quiz_players WHERE guild_id = :g AND user_id = :u) AS played,"
    " (SELECT COUNT(*) FROM quizzes WHERE guild_id = :g AND winner_id = :u AND private = 0) AS won,"
    " s.current, s.best, s.last_day"
    " FROM (SELECT 1) LEFT JOIN daily_streaks s ON s.guild_id = :g AND s.user_id = :u"
)


def _ranked_topics(per_topic: str) -> str:
    """The best :n topics by accuracy, then the worst :n of the others (so none is in both)."""
    return (
        "WITH per_topic AS (" + per_topic + "), strongest AS ("
        "  SELECT *, ROW_NUMBER() OVER (ORDER BY accuracy DESC, answers DESC, topic COLLATE BINARY) AS best FROM per_topic"
        "), weakest AS ("
        "  SELECT *, ROW_NUMBER() OVER (ORDER BY accuracy ASC, answers DESC, topic COLLATE BINARY) AS worst"
        "  FROM strongest WHERE best > :n"
        ")"
        " SELECT * FROM ("
        "  SELECT topic, answers, correct, best, NULL AS worst FROM strongest WHERE best <= :n"
        "  UNION ALL"
        "  SELECT topic, answers, correct, best, worst FROM weakest WHERE worst <= :n"
        " ) ORDER BY worst IS NOT NULL, worst, best"
    )


#: What stands for a whole deck and is left out of a member's topics: a shipped deck's id, and the name of a deck
#: of the server's own (its topic in card_tags).
_NOT_A_DECK = (
    " NOT IN (SELECT id FROM decks) AND {col} NOT IN"
    " (SELECT name FROM decks WHERE owner_guild_id = :g AND name IS NOT NULL)"
)

#: A member's strongest and weakest topics over every answer (card tags; decks, which stand for a whole deck,
#: left out), from user_card_stats.
TOPIC_SCORES_SQL = _ranked_topics(
    "SELECT t.tag AS topic, SUM(u.answers) AS answers, SUM(u.correct) AS correct,"
    " CAST(SUM(u.correct) AS REAL) / SUM(u.answers) AS accuracy"
    " FROM user_card_stats u JOIN card_tags t ON t.card_key = u.card_key"
    " WHERE u.guild_id = :g AND u.user_id = :u AND t.tag" + _NOT_A_DECK.format(col="t.tag") +
    " GROUP BY t.tag HAVING SUM(u.answers) >= :min"
)

#: The same over scored answers only (quizzes and daily questions): the member's all-time topic rows of
#: board_scores, found through board_scores_member.
SCORED_TOPIC_SCORES_SQL = _ranked_topics(
    "SELECT s.topic, s.answers, s.correct, CAST(s.correct AS REAL) / s.answers AS accuracy"
    " FROM board_scores s"
    " WHERE s.guild_id = :g AND s.user_id = :u AND s.scope = 'all' AND s.topic != ''"
    " AND s.topic" + _NOT_A_DECK.format(col="s.topic") + " AND s.answers >= :min"
)


def _daily_counts(which: str) -> str:
    return (
        "WITH days AS (SELECT key AS i, value AS start_ms FROM json_each(:bounds))"
        " SELECT d.i AS i, COUNT(a.id) AS answers, COALESCE(SUM(a.verdict = 'correct'), 0) AS correct"
        " FROM days d JOIN days e ON e.i = d.i + 1"
        " LEFT JOIN attempts a ON a.guild_id = :g AND a.user_id = :u"
        "  AND a.created_at >= d.start_ms AND a.created_at < e.start_ms" + which +
        " GROUP BY d.i ORDER BY d.i"
    )


#: Answers and correct answers per local day (day bounds computed by the caller), through the covering
#: index attempts_user: every answer, or the scored ones only.
DAILY_COUNTS_SQL = _daily_counts("")
SCORED_DAILY_COUNTS_SQL = _daily_counts(" AND a." + SCORED)


def _pg_daily_counts(which: str) -> str:
    return (
        "SELECT d.i - 1 AS i, c.answers, c.correct"
        " FROM unnest(CAST(:bounds AS bigint[]), (CAST(:bounds AS bigint[]))[2:])"
        "  WITH ORDINALITY AS d(start_ms, end_ms, i)"
        " CROSS JOIN LATERAL ("
        "  SELECT COUNT(*) AS answers, COUNT(*) FILTER (WHERE a.verdict = 'correct') AS correct"
        "  FROM attempts a WHERE a.guild_id = :g AND a.user_id = :u"
        "  AND a.created_at >= d.start_ms AND a.created_at < d.end_ms" + which +
        " ) c"
        " WHERE d.end_ms IS NOT NULL ORDER BY d.i"
    )


#: The same counts on PostgreSQL (``:bounds`` a list of integers, not JSON): one index-only range of
#: attempts_user per day, in a LATERAL subquery, so the plan is the same for every member. The join of
#: :data:`DAILY_COUNTS_SQL` let a prepared statement's generic plan (asyncpg prepares every statement; after
#: five runs PostgreSQL may keep one plan for all parameters) read a very active member's whole year of
#: answers for each day, and its ``COUNT(a.id)`` visited the table (PostgreSQL's index does not hold ``id``;
#: SQLite's holds the rowid): 60-170 ms for the most active member, against about 1 ms this way.
PG_DAILY_COUNTS_SQL = _pg_daily_counts("")
PG_SCORED_DAILY_COUNTS_SQL = _pg_daily_counts(" AND a." + SCORED)


class MemberQueries:
    """Personal stats queries over one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- one member --------------------------------------------------------------------------------
    async def summary(self, guild_id: int, user_id: int, *, since_ms: int) -> MemberSummary:
        """The member's one-number figures (name, answers, points since ``since_ms``, quizzes, streak)."""
        async with self.store.read() as db:
            row = await fetch_one(db, SUMMARY_SQL, {"g": guild_id, "u": user_id, "since": since_ms})
        assert row is not None  # one row from (SELECT 1)
        streak = Streak(int(row["current"] or 0), int(row["best"] or 0), row["last_day"])
        return MemberSummary(
            row["name"], int(row["answers"]), int(row["correct"]), int(row["points_since"]),
            int(row["played"]), int(row["won"]), streak,
        )  # fmt: skip

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
                # Played is an index-only count: private practice never appears in stats_quiz_players
                # (its answers have source 'practice'; the trigger keeps 'quiz' answers only).
                "SELECT"
                " (SELECT COUNT(*) FROM stats_quiz_players WHERE guild_id = :g AND user_id = :u) AS played,"
                " (SELECT COUNT(*) FROM quizzes WHERE guild_id = :g AND winner_id = :u AND private = 0) AS won",
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

    async def topic_scores(
        self, guild_id: int, user_id: int, *, min_answers: int, limit: int, scored_only: bool = False
    ) -> list[TopicScore]:
        """The member's ``limit`` strongest topics by accuracy, then the ``limit`` weakest of the rest.

        Only topics with at least ``min_answers`` answers count. Strongest rows (``worst`` None) come first,
        best first; then the weakest, weakest first. ``scored_only``: quiz and daily answers only.
        """
        sql = SCORED_TOPIC_SCORES_SQL if scored_only else TOPIC_SCORES_SQL
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql, {"g": guild_id, "u": user_id, "min": min_answers, "n": limit})
        return [TopicScore(r["topic"], r["answers"], r["correct"], r["best"], r["worst"]) for r in rows]

    async def most_missed(self, guild_id: int, user_id: int, *, limit: int) -> list[MissedCard]:
        """The cards the member got wrong most often (most misses first, then the most recent)."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT u.card_key, c.term, c.question, u.answers, u.answers - u.correct AS missed"
                " FROM user_card_stats u LEFT JOIN cards c ON c.key = u.card_key"
                " WHERE u.guild_id = ? AND u.user_id = ? AND u.answers > u.correct"
                " ORDER BY missed DESC, u.last_at DESC, u.card_key COLLATE BINARY LIMIT ?",
                (guild_id, user_id, limit),
            )
        return [MissedCard(r["card_key"], r["term"], r["question"], r["answers"], r["missed"]) for r in rows]

    async def daily_counts(
        self, guild_id: int, user_id: int, bounds: Sequence[int], *, scored_only: bool = False
    ) -> list[tuple[int, int]]:
        """(answers, correct answers) per day, for the days ``bounds[i] <= created_at < bounds[i + 1]``.

        ``bounds`` are the local midnights (unix ms) computed by the caller in the guild's zone, so days
        across a DST change are 23 or 25 hours long. One index range per day on ``attempts_user``.
        ``scored_only``: quiz and daily answers only.
        """
        if len(bounds) < 2:
            return []
        days = [int(b) for b in bounds]
        async with self.store.read() as db:
            if isinstance(db, aiosqlite.Connection):
                sql = SCORED_DAILY_COUNTS_SQL if scored_only else DAILY_COUNTS_SQL
                rows = await db.execute_fetchall(sql, {"g": guild_id, "u": user_id, "bounds": json.dumps(days)})
            else:  # PostgreSQL
                sql = PG_SCORED_DAILY_COUNTS_SQL if scored_only else PG_DAILY_COUNTS_SQL
                rows = await db.execute_fetchall(sql, {"g": guild_id, "u": user_id, "bounds": days})
        return [(int(r["answers"]), int(r["correct"])) for r in rows]
