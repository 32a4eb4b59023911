"""Answers, streaks and reveals of the daily question."""

from __future__ import annotations

import logging
from datetime import date, datetime

import aiosqlite

from bot.core.models import VerdictKind
from bot.core.storage.daily_queries.records import (
    GIVEN_UP_REVEAL,
    HELD_REVEAL,
    NAME_MAX,
    POST_COLUMNS,
    REASON_MAX,
    DailyDay,
    PostInfo,
    StreakRow,
    day_from,
    post_from,
)
from bot.core.storage.store import fetch_one, fetch_value, now_ms

log = logging.getLogger(__name__)

_SAVE_STREAK_SQL = (
    "INSERT INTO daily_streaks (guild_id, user_id, user_name, current, best, last_day)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET"
    " user_name = excluded.user_name, current = excluded.current, best = excluded.best,"
    " last_day = excluded.last_day"
)


class AnswerQueries:
    """Counted answers, the members' streaks, and the reveal of a closed question."""

    async def answer_verdict(self, db: aiosqlite.Connection, post_id: int, user_id: int) -> VerdictKind | None:
        """The verdict of the member's counted answer to the post, if any."""
        verdict = await fetch_value(
            db, "SELECT verdict FROM daily_answers WHERE post_id = ? AND user_id = ?", (post_id, user_id)
        )
        return None if verdict is None else VerdictKind(verdict)

    async def add_answer(
        self,
        db: aiosqlite.Connection,
        *,
        post_id: int,
        user_id: int,
        user_name: str,
        verdict: VerdictKind,
        points: int,
        now: datetime,
    ) -> bool:
        """Count the member's answer; False when one is already counted (nothing is written)."""
        cur = await db.execute(
            "INSERT INTO daily_answers (post_id, user_id, user_name, verdict, points, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, user_id) DO NOTHING",
            (post_id, user_id, user_name[:NAME_MAX], str(verdict), points, now_ms(now)),
        )
        return bool(cur.rowcount)

    async def use_free_retry(self, db: aiosqlite.Connection, post_id: int, user_id: int, now: datetime) -> bool:
        """Record the member's free retry on the post; False when they had it already (nothing is written)."""
        cur = await db.execute(
            "INSERT INTO daily_retries (post_id, user_id, used_at) VALUES (?, ?, ?)"
            " ON CONFLICT (post_id, user_id) DO NOTHING",
            (post_id, user_id, now_ms(now)),
        )
        return bool(cur.rowcount)

    async def free_retry_used(self, db: aiosqlite.Connection, post_id: int, user_id: int) -> bool:
        """Whether the member had their free retry on the post (their next answer counts, even a near miss)."""
        row = await fetch_one(db, "SELECT 1 FROM daily_retries WHERE post_id = ? AND user_id = ?", (post_id, user_id))
        return row is not None

    async def streak_history(self, db: aiosqlite.Connection, guild_id: int, user_id: int) -> list[DailyDay]:
        """Every posted daily question of the guild, oldest first, with whether it was revealed and whether the
        member got it right (what their streak is counted from)."""
        rows = await db.execute_fetchall(
            "SELECT p.local_day AS day, p.revealed_at IS NOT NULL AS revealed,"
            " COALESCE(a.verdict = 'correct', 0) AS correct FROM daily_posts p"
            " LEFT JOIN daily_answers a ON a.post_id = p.id AND a.user_id = ?"
            " WHERE p.guild_id = ? AND p.state = 'posted' ORDER BY p.local_day, p.post_at",
            (user_id, guild_id),
        )
        return [DailyDay(date.fromisoformat(r["day"]), bool(r["revealed"]), bool(r["correct"])) for r in rows]

    async def link_attempt(self, db: aiosqlite.Connection, post_id: int, user_id: int, attempt_id: int) -> None:
        """Point the member's counted answer at its row in ``attempts``."""
        await db.execute(
            "UPDATE daily_answers SET attempt_id = ? WHERE post_id = ? AND user_id = ?",
            (attempt_id, post_id, user_id),
        )

    # -- streaks -------------------------------------------------------------------------------------------
    async def streak(self, db: aiosqlite.Connection, guild_id: int, user_id: int) -> StreakRow | None:
        """The member's daily streak in the guild."""
        row = await fetch_one(
            db,
            "SELECT current, best, last_day FROM daily_streaks WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return None if row is None else StreakRow(int(row["current"]), int(row["best"]), day_from(row["last_day"]))

    async def posted_day_before(self, db: aiosqlite.Connection, guild_id: int, day: date) -> date | None:
        """The guild's latest local date before ``day`` whose question was posted."""
        found = await fetch_value(
            db,
            "SELECT MAX(local_day) FROM daily_posts WHERE guild_id = ? AND local_day < ? AND state = 'posted'",
            (guild_id, day.isoformat()),
        )
        return day_from(found)

    async def save_streak(
        self,
        db: aiosqlite.Connection,
        *,
        guild_id: int,
        user_id: int,
        user_name: str,
        current: int,
        best: int,
        last_day: date,
    ) -> None:
        """Write the member's streak."""
        await db.execute(
            _SAVE_STREAK_SQL, (guild_id, user_id, user_name[:NAME_MAX], current, best, last_day.isoformat())
        )

    async def end_lapsed_streaks(self, db: aiosqlite.Connection, guild_id: int, day: date) -> None:
        """Whoever did not get the question of ``day`` right loses their current streak."""
        await db.execute(
            "UPDATE daily_streaks SET current = 0 WHERE guild_id = ? AND current > 0"
            " AND (last_day IS NULL OR last_day < ?)",
            (guild_id, day.isoformat()),
        )

    async def missed_but_later_right(
        self, db: aiosqlite.Connection, guild_id: int, post_id: int, day: date
    ) -> list[int]:
        """Members with a current streak who did not get post ``post_id`` (of ``day``) right but have that day or a
        later one right (a server that moved its schedule west can have two questions dated ``day``, in two zones):
        their streak is to be counted again (``end_lapsed_streaks`` leaves them)."""
        rows = await db.execute_fetchall(
            "SELECT user_id FROM daily_streaks WHERE guild_id = ? AND current > 0 AND last_day >= ?"
            " AND user_id NOT IN (SELECT user_id FROM daily_answers WHERE post_id = ? AND verdict = 'correct')",
            (guild_id, day.isoformat(), post_id),
        )
        return [int(r["user_id"]) for r in rows]

    async def set_streak_current(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, current: int, best: int
    ) -> None:
        """Set a member's current (and best) streak, counted again."""
        await db.execute(
            "UPDATE daily_streaks SET current = ?, best = ? WHERE guild_id = ? AND user_id = ?",
            (current, best, guild_id, user_id),
        )

    async def top_streaks(self, db: aiosqlite.Connection, guild_id: int, limit: int) -> list[tuple[str, int]]:
        """(name, current streak) of the guild's longest current streaks, of members still in the server (those recorded
        as gone, as the leaderboard records them, are left out: kept in the data, no longer listed)."""
        rows = await db.execute_fetchall(
            "SELECT user_name, current FROM daily_streaks s WHERE guild_id = ? AND current > 0"
            " AND NOT EXISTS (SELECT 1 FROM departed_members d WHERE d.guild_id = s.guild_id AND d.user_id = s.user_id)"
            " ORDER BY current DESC, last_day DESC, user_name COLLATE BINARY LIMIT ?",
            (guild_id, limit),
        )
        return [(r["user_name"], int(r["current"])) for r in rows]

    # -- reveals -------------------------------------------------------------------------------------------
    async def claim_reveal(
        self,
        db: aiosqlite.Connection,
        post_id: int,
        now: datetime,
        *,
        taken_over_before: datetime | None = None,
        taken_over_after: datetime | None = None,
        max_tries: int | None = None,
    ) -> PostInfo | None:
        """Claim the reveal of a posted question closed by ``now``; None when not due or already claimed.

        ``taken_over_before``: a claim made at or before then whose reveal was never recorded as sent (nor given up
        or held) is claimed again (the process that made it stopped before sending), when made after
        ``taken_over_after`` and tried fewer than ``max_tries`` times (both required with it)."""
        params: tuple[object, ...] = (post_id, now_ms(now))
        due = "(revealed_at IS NULL AND closes_at <= ?)"
        if taken_over_before is not None:
            assert taken_over_after is not None and max_tries is not None
            due = (
                "((revealed_at IS NULL AND closes_at <= ?) OR (revealed_at <= ? AND revealed_at > ?"
                " AND reveal_tries < ? AND reveal_message_id IS NULL AND failure IS NULL))"
            )
            params += (now_ms(taken_over_before), now_ms(taken_over_after), max_tries)
        row = await fetch_one(
            db, f"SELECT {POST_COLUMNS} FROM daily_posts p WHERE p.id = ? AND p.state = 'posted' AND {due}", params
        )
        if row is None:
            return None
        cur = await db.execute(
            f"UPDATE daily_posts SET revealed_at = ?, reveal_tries = reveal_tries + 1 WHERE id = ? AND {due}",
            (now_ms(now), *params),
        )
        if not cur.rowcount:  # pragma: no cover - claimed by another process between the two statements
            return None
        return post_from(row)

    async def answer_counts(self, db: aiosqlite.Connection, post_id: int) -> tuple[int, int]:
        """(answers counted, right answers) of a post."""
        row = await fetch_one(
            db,
            "SELECT COUNT(*) AS answered, COALESCE(SUM(verdict = 'correct'), 0) AS correct"
            " FROM daily_answers WHERE post_id = ?",
            (post_id,),
        )
        assert row is not None
        return int(row["answered"]), int(row["correct"])

    async def winners(self, db: aiosqlite.Connection, post_id: int, limit: int) -> list[str]:
        """Names of the first ``limit`` members who got the post right, in answer order."""
        rows = await db.execute_fetchall(
            "SELECT user_name FROM daily_answers WHERE post_id = ? AND verdict = 'correct'"
            " ORDER BY answered_at, user_id LIMIT ?",
            (post_id, limit),
        )
        return [r["user_name"] for r in rows]

    async def mark_revealed(self, db: aiosqlite.Connection, post_id: int, message_id: int | None) -> None:
        """Record the reveal's message."""
        await db.execute("UPDATE daily_posts SET reveal_message_id = ? WHERE id = ?", (message_id, post_id))

    async def reveal_tries(self, db: aiosqlite.Connection, post_id: int) -> tuple[int, int] | None:
        """(guild id, reveal tries so far) of a post."""
        row = await fetch_one(db, "SELECT guild_id, reveal_tries FROM daily_posts WHERE id = ?", (post_id,))
        return None if row is None else (int(row["guild_id"]), int(row["reveal_tries"]))

    async def release_reveal(self, db: aiosqlite.Connection, post_id: int) -> None:
        """Undo a reveal claim, so a later due check tries again."""
        await db.execute("UPDATE daily_posts SET revealed_at = NULL WHERE id = ?", (post_id,))

    async def hold_reveal(self, db: aiosqlite.Connection, post_id: int, reason: str) -> None:
        """Keep a reveal that cannot be posted until the guild's pause is lifted (``ScheduleQueries.resume``)."""
        await db.execute(
            "UPDATE daily_posts SET failure = ? WHERE id = ?", (f"{HELD_REVEAL}{reason}"[:REASON_MAX], post_id)
        )

    async def note_reveal_failure(self, db: aiosqlite.Connection, post_id: int, reason: str) -> None:
        """Record why the reveal will not be sent."""
        await db.execute(
            "UPDATE daily_posts SET failure = ? WHERE id = ?", (f"{GIVEN_UP_REVEAL}{reason}"[:REASON_MAX], post_id)
        )
