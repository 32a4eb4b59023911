"""Schedules and the due check of the daily question."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.storage.daily_queries.records import (
    HELD_REVEAL,
    REASON_MAX,
    ScheduleInfo,
    day_from,
    instant_from,
    schedule_from,
)
from bot.core.storage.store import Store, fetch_one, fetch_value, now_ms

log = logging.getLogger(__name__)

# The due check's four index range scans, named so the benchmark prints their plans.
DUE_POSTS_SQL = "SELECT guild_id FROM daily_schedules WHERE next_post_at <= ? ORDER BY next_post_at"
DUE_RESENDS_SQL = (
    "SELECT id, guild_id FROM daily_posts WHERE state = 'claimed' AND claimed_at <= ? ORDER BY claimed_at"
)
DUE_REVEALS_SQL = (
    "SELECT id, guild_id FROM daily_posts"
    " WHERE revealed_at IS NULL AND state = 'posted' AND closes_at <= ? ORDER BY closes_at"
)
#: Reveals claimed at or before a time and not recorded as sent since (nor given up or held): taken over.
DUE_REVEAL_TAKEOVERS_SQL = (
    "SELECT id, guild_id FROM daily_posts WHERE reveal_message_id IS NULL AND failure IS NULL"
    " AND state = 'posted' AND revealed_at <= ? AND revealed_at > ? AND reveal_tries < ? ORDER BY revealed_at"
)
_SAVE_SCHEDULE_SQL = (
    "INSERT INTO daily_schedules (guild_id, channel_id, post_time, zone, topic, answer_hours, enabled,"
    " paused_reason, paused_at, handled_day, next_post_at, updated_by, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
    " post_time = excluded.post_time, zone = excluded.zone, topic = excluded.topic,"
    " answer_hours = excluded.answer_hours, enabled = 1, paused_reason = NULL, paused_at = NULL,"
    " handled_day = excluded.handled_day, next_post_at = excluded.next_post_at,"
    " updated_by = excluded.updated_by, updated_at = excluded.updated_at"
)


class ScheduleQueries:
    """A guild's schedule, and what is due across every guild."""

    async def schedule(self, db: aiosqlite.Connection, guild_id: int) -> ScheduleInfo | None:
        """The guild's schedule, or None when it never had one."""
        row = await fetch_one(db, "SELECT * FROM daily_schedules WHERE guild_id = ?", (guild_id,))
        return None if row is None else schedule_from(row)

    async def last_handled_day(self, db: aiosqlite.Connection, guild_id: int, zone: str) -> date | None:
        """The latest local date of ``zone`` the guild's daily posted or skipped (it is never posted again).

        The schedule's handled date counts only while the schedule is in ``zone`` (it is a date of its zone);
        of the posts, those dated in ``zone``."""
        handled = await fetch_value(
            db, "SELECT handled_day FROM daily_schedules WHERE guild_id = ? AND zone = ?", (guild_id, zone)
        )
        posted = await fetch_value(
            db,
            "SELECT MAX(local_day) FROM daily_posts WHERE guild_id = ? AND zone = ? AND state != 'failed'",
            (guild_id, zone),
        )
        known = [d for d in (day_from(handled), day_from(posted)) if d is not None]
        return max(known) if known else None

    async def save_schedule(
        self,
        db: aiosqlite.Connection,
        *,
        guild_id: int,
        channel_id: int,
        at: time,
        zone: ZoneInfo,
        topic: str | None,
        answer_hours: int,
        handled_day: date,
        next_post_at: datetime,
        by: int | None,
        now: datetime,
    ) -> None:
        """Create or replace the guild's schedule, switched on and not paused."""
        await db.execute(
            _SAVE_SCHEDULE_SQL,
            (
                guild_id,
                channel_id,
                f"{at:%H:%M}",
                zone.key,
                topic,
                answer_hours,
                handled_day.isoformat(),
                now_ms(next_post_at),
                by,
                now_ms(now),
            ),
        )

    async def set_guild_timezone(self, db: aiosqlite.Connection, guild_id: int, zone: ZoneInfo, now: datetime) -> None:
        """Record the guild's time zone (the leaderboards' weeks and months follow it)."""
        await Store.set_guild_timezone(db, guild_id, zone.key, now_ms(now))

    async def turn_off(self, db: aiosqlite.Connection, guild_id: int, now: datetime) -> bool:
        """Switch the guild's schedule off; False when it was not on."""
        cur = await db.execute(
            "UPDATE daily_schedules SET enabled = 0, next_post_at = NULL, updated_at = ?"
            " WHERE guild_id = ? AND enabled = 1",
            (now_ms(now), guild_id),
        )
        return bool(cur.rowcount)

    async def pause(
        self, db: aiosqlite.Connection, guild_id: int, reason: str, now: datetime, *, check_at: datetime | None = None
    ) -> bool:
        """Pause a running schedule with ``reason``; False when it is off or already paused.

        ``check_at``: when the paused schedule is due again, to see whether posting works now (its next
        post time); None for a pause only ``/daily set`` lifts.
        """
        cur = await db.execute(
            "UPDATE daily_schedules SET paused_reason = ?, paused_at = ?, next_post_at = ?"
            " WHERE guild_id = ? AND enabled = 1 AND paused_reason IS NULL",
            (reason[:REASON_MAX], now_ms(now), None if check_at is None else now_ms(check_at), guild_id),
        )
        return bool(cur.rowcount)

    async def keep_paused(
        self, db: aiosqlite.Connection, guild_id: int, reason: str, check_at: datetime | None
    ) -> None:
        """A paused schedule still cannot post: its reason now, and its next check (None: no more checks)."""
        await db.execute(
            "UPDATE daily_schedules SET paused_reason = ?, next_post_at = ?"
            " WHERE guild_id = ? AND enabled = 1 AND paused_reason IS NOT NULL",
            (reason[:REASON_MAX], None if check_at is None else now_ms(check_at), guild_id),
        )

    async def resume(self, db: aiosqlite.Connection, guild_id: int, next_post_at: datetime) -> None:
        """Clear a pause; the next post is at ``next_post_at``. A reveal held by the pause is due again."""
        await db.execute(
            "UPDATE daily_schedules SET paused_reason = NULL, paused_at = NULL, next_post_at = ? WHERE guild_id = ?",
            (now_ms(next_post_at), guild_id),
        )
        await self.release_held_reveals(db, guild_id)

    async def release_held_reveals(self, db: aiosqlite.Connection, guild_id: int) -> None:
        """The reveals held by the guild's pause (``hold_reveal``) are due again: the pause is lifted."""
        await db.execute(
            "UPDATE daily_posts SET revealed_at = NULL, failure = NULL WHERE guild_id = ? AND revealed_at IS NOT NULL"
            " AND reveal_message_id IS NULL AND failure LIKE ?",
            (guild_id, HELD_REVEAL + "%"),
        )

    async def set_next_post(self, db: aiosqlite.Connection, guild_id: int, at: datetime) -> None:
        """Move the guild's next due check to ``at``."""
        await db.execute("UPDATE daily_schedules SET next_post_at = ? WHERE guild_id = ?", (now_ms(at), guild_id))

    async def set_handled(self, db: aiosqlite.Connection, guild_id: int, day: date, next_post_at: datetime) -> None:
        """``day`` is posted or skipped; the next post is at ``next_post_at`` (none while paused)."""
        await db.execute(
            "UPDATE daily_schedules SET handled_day = ?, next_post_at = CASE WHEN paused_reason IS NULL"
            " THEN CAST(? AS BIGINT) ELSE NULL END WHERE guild_id = ?",
            (day.isoformat(), now_ms(next_post_at), guild_id),
        )

    async def guilds_using_channel(self, db: aiosqlite.Connection, channel_id: int) -> list[int]:
        """The guilds whose running schedule posts in ``channel_id``."""
        rows = await db.execute_fetchall(
            "SELECT guild_id FROM daily_schedules WHERE channel_id = ? AND enabled = 1", (channel_id,)
        )
        return [r["guild_id"] for r in rows]

    # -- the due check -------------------------------------------------------------------------------
    async def due_posts(self, db: aiosqlite.Connection, now: datetime) -> list[int]:
        """Guilds whose next post time has come (the service decides post, skip or wait)."""
        return [r["guild_id"] for r in await db.execute_fetchall(DUE_POSTS_SQL, (now_ms(now),))]

    async def due_resends(self, db: aiosqlite.Connection, claimed_before: datetime) -> list[tuple[int, int]]:
        """(post id, guild id) of claimed posts whose latest send began at or before ``claimed_before``."""
        rows = await db.execute_fetchall(DUE_RESENDS_SQL, (now_ms(claimed_before),))
        return [(r["id"], r["guild_id"]) for r in rows]

    async def due_reveals(self, db: aiosqlite.Connection, now: datetime) -> list[tuple[int, int]]:
        """(post id, guild id) of posted questions closed by ``now`` and not revealed yet."""
        rows = await db.execute_fetchall(DUE_REVEALS_SQL, (now_ms(now),))
        return [(r["id"], r["guild_id"]) for r in rows]

    async def due_reveal_takeovers(
        self, db: aiosqlite.Connection, claimed_before: datetime, claimed_after: datetime, max_tries: int
    ) -> list[tuple[int, int]]:
        """(post id, guild id) of reveals claimed at or before ``claimed_before`` and never recorded as sent (the
        process stopped between the claim and the send), after ``claimed_after`` and tried fewer than ``max_tries``
        times: ``claim_reveal`` takes them over."""
        rows = await db.execute_fetchall(
            DUE_REVEAL_TAKEOVERS_SQL, (now_ms(claimed_before), now_ms(claimed_after), max_tries)
        )
        return [(r["id"], r["guild_id"]) for r in rows]

    async def earliest(
        self, db: aiosqlite.Connection, after: datetime, lease: timedelta
    ) -> tuple[datetime | None, datetime | None, datetime | None]:
        """(the next post time, the next closing time, the oldest unfinished send) over every guild, each later
        than ``after`` (a send's lease runs out ``lease`` after its claim). What is due already is left out: it
        was just tried, or it is another shard process's (which may be down), and must not hide what comes next.
        """
        row = await fetch_one(
            db,
            "SELECT (SELECT MIN(next_post_at) FROM daily_schedules WHERE next_post_at > ?),"
            " (SELECT MIN(closes_at) FROM daily_posts WHERE revealed_at IS NULL AND state = 'posted' AND closes_at > ?),"
            " (SELECT MIN(claimed_at) FROM daily_posts WHERE state = 'claimed' AND claimed_at > ?)",
            (now_ms(after), now_ms(after), now_ms(after - lease)),
        )
        assert row is not None
        return instant_from(row[0]), instant_from(row[1]), instant_from(row[2])
