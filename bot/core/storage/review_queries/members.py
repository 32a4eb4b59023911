"""Members' review settings, their time zone, and the daily reminder (the database is its source of truth).

The reminder: ``remind_next`` is the instant of the member's next reminder check (their local time, in
their zone); a check that is due either sends the reminder or skips the day, and sets the next one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.core.storage.review_queries.rows import MemberRow, ReminderRow, at_ms, to_ms
from bot.core.storage.store import Store, fetch_one

log = logging.getLogger(__name__)

MEMBER_SQL = "SELECT * FROM review_members"
#: Several members' settings: the (guild, member) pairs come as two JSON lists of the same length, paired by
#: position, so the statement is the same text for any number of members (prepared once on PostgreSQL; no
#: chain of ORs, which SQLite caps at about a thousand terms). The lists are materialized and the join order
#: fixed (CROSS JOIN, for SQLite's planner): each pair is one primary-key lookup on both engines.
MEMBERS_SQL = (
    "WITH g AS MATERIALIZED (SELECT key AS i, value AS guild_id FROM json_each(:guilds)),"
    " u AS MATERIALIZED (SELECT key AS i, value AS user_id FROM json_each(:users))"
    " SELECT m.* FROM g JOIN u ON u.i = g.i CROSS JOIN review_members m"
    " WHERE m.guild_id = g.guild_id AND m.user_id = u.user_id"
)

SAVE_MEMBER_SQL = (
    "INSERT INTO review_members (guild_id, user_id, new_per_day, retention, topics, timezone, remind_at,"
    " remind_next, remind_day, remind_notice, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, user_id) DO UPDATE SET new_per_day = excluded.new_per_day,"
    " retention = excluded.retention, topics = excluded.topics, timezone = excluded.timezone,"
    " remind_at = excluded.remind_at, remind_next = excluded.remind_next, remind_day = excluded.remind_day,"
    " remind_notice = excluded.remind_notice, updated_at = excluded.updated_at"
)


def _topics(text: str | None) -> tuple[str, ...]:
    try:
        found = json.loads(text or "[]")
    except ValueError:
        log.warning("unreadable review topics %r; using every card", text)
        return ()
    return tuple(str(t) for t in found) if isinstance(found, list) else ()


def _member(row: aiosqlite.Row) -> MemberRow:
    return MemberRow(
        new_per_day=int(row["new_per_day"]),
        retention=float(row["retention"]),
        topics=_topics(row["topics"]),
        timezone=row["timezone"],
        remind_at=row["remind_at"],
        remind_next=at_ms(row["remind_next"]) if row["remind_next"] is not None else None,
        remind_day=row["remind_day"],
        remind_notice=row["remind_notice"],
    )


class ReviewMemberQueries:
    """Settings, zones and reminders (the second half of ``ReviewQueries``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def member(self, guild_id: int, user_id: int, db: aiosqlite.Connection | None = None) -> MemberRow | None:
        """A member's settings in a server (None: the defaults). ``db``: read inside that transaction."""
        sql = f"{MEMBER_SQL} WHERE guild_id = ? AND user_id = ?"
        if db is not None:
            rows = await db.execute_fetchall(sql, (guild_id, user_id))  # one round trip (the answer path)
        else:
            async with self.store.read() as reader:
                rows = await reader.execute_fetchall(sql, (guild_id, user_id))
        return next((_member(row) for row in rows), None)

    async def following_server(self, guild_id: int) -> dict[int, MemberRow]:
        """The members of a server with a reminder whose day follows the server's zone (none of their own), by id."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                f"{MEMBER_SQL} WHERE guild_id = ? AND timezone IS NULL AND remind_at IS NOT NULL", (guild_id,)
            )
        return {int(row["user_id"]): _member(row) for row in rows}

    async def members(
        self, keys: Sequence[tuple[int, int]], db: aiosqlite.Connection | None = None
    ) -> dict[tuple[int, int], MemberRow]:
        """The settings of several (guild, member) at once, by that key (members with the defaults are
        absent), in one statement however many there are. ``db``: read inside that transaction."""
        unique = list(dict.fromkeys(keys))
        if not unique:
            return {}
        params = {
            "guilds": json.dumps([guild_id for guild_id, _ in unique]),
            "users": json.dumps([user_id for _, user_id in unique]),
        }
        if db is not None:
            rows = await db.execute_fetchall(MEMBERS_SQL, params)
        else:
            async with self.store.read() as reader:
                rows = await reader.execute_fetchall(MEMBERS_SQL, params)
        return {(int(row["guild_id"]), int(row["user_id"])): _member(row) for row in rows}

    async def save_member(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, member: MemberRow, now: datetime
    ) -> None:
        """Inside a transaction: store a member's settings and reminder as given."""
        await db.execute(
            SAVE_MEMBER_SQL,
            (
                guild_id, user_id, member.new_per_day, member.retention, json.dumps(list(member.topics)),
                member.timezone, member.remind_at,
                to_ms(member.remind_next) if member.remind_next is not None else None,
                member.remind_day, member.remind_notice, to_ms(now),
            ),
        )

    async def guild_zone(self, guild_id: int) -> str | None:
        """The server's time zone: the one its daily question uses (None when it has none)."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT COALESCE((SELECT timezone FROM guild_settings WHERE guild_id = ?),"
                " (SELECT zone FROM daily_schedules WHERE guild_id = ?))",
                (guild_id, guild_id),
            )
        return None if row is None else row[0]

    async def reminders_due(
        self, now: datetime, limit: int = 500, after: tuple[datetime, int, int] | None = None
    ) -> list[ReminderRow]:
        """Members whose reminder check is due at ``now``, earliest first (then by server and member): at most
        ``limit``, those past ``after`` (the last row of the page before) when given."""
        where, args = "", [to_ms(now)]
        if after is not None:
            at, guild_id, user_id = to_ms(after[0]), after[1], after[2]
            where = " AND (remind_next > ? OR (remind_next = ? AND (guild_id > ? OR (guild_id = ? AND user_id > ?))))"
            args += [at, at, guild_id, guild_id, user_id]
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT guild_id, user_id, remind_at, remind_next, remind_day, timezone, topics FROM review_members"
                f" WHERE remind_next IS NOT NULL AND remind_next <= ?{where}"
                " ORDER BY remind_next, guild_id, user_id LIMIT ?",
                (*args, limit),
            )
        return [
            ReminderRow(
                guild_id=r["guild_id"],
                user_id=r["user_id"],
                remind_at=r["remind_at"],
                remind_next=at_ms(r["remind_next"]),
                remind_day=r["remind_day"],
                timezone=r["timezone"],
                topics=_topics(r["topics"]),
            )
            for r in rows
        ]

    async def next_reminder(self, after: datetime | None = None) -> datetime | None:
        """The earliest pending reminder check, if any (with ``after``, the earliest later than it: a check
        still due then is another shard process's, or one a failed claim left)."""
        where, args = "", tuple[int, ...]()
        if after is not None:
            where, args = " AND remind_next > ?", (to_ms(after),)
        async with self.store.read() as db:
            row = await fetch_one(
                db, f"SELECT MIN(remind_next) FROM review_members WHERE remind_next IS NOT NULL{where}", args
            )
        return None if row is None or row[0] is None else at_ms(row[0])

    async def set_reminder_next(
        self,
        db: aiosqlite.Connection,
        guild_id: int,
        user_id: int,
        *,
        expected: datetime,
        next_at: datetime | None,
        day: str | None,
    ) -> bool:
        """Inside a transaction: move a due check on, if it is still the one read (``expected``).

        ``day`` is the local date reminded (kept as it was when None). Returns False when another check
        or a settings change got there first.
        """
        cur = await db.execute(
            "UPDATE review_members SET remind_next = ?, remind_day = COALESCE(?, remind_day)"
            " WHERE guild_id = ? AND user_id = ? AND remind_next = ?",
            (to_ms(next_at) if next_at is not None else None, day, guild_id, user_id, to_ms(expected)),
        )
        return cur.rowcount > 0

    async def retry_reminder(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, *, day: str, at: datetime
    ) -> bool:
        """Inside a transaction: a reminder claimed for ``day`` that could not be sent is checked again at
        ``at`` (False when the member's reminder has changed since)."""
        cur = await db.execute(
            "UPDATE review_members SET remind_next = ?, remind_day = NULL"
            " WHERE guild_id = ? AND user_id = ? AND remind_day = ? AND remind_next IS NOT NULL",
            (to_ms(at), guild_id, user_id, day),
        )
        return cur.rowcount > 0

    async def switch_reminder_off(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, notice: str | None, now: datetime
    ) -> None:
        """Inside a transaction: turn the reminder off, keeping ``notice`` for the member to be told once."""
        await db.execute(
            "UPDATE review_members SET remind_at = NULL, remind_next = NULL, remind_notice = ?, updated_at = ?"
            " WHERE guild_id = ? AND user_id = ?",
            (notice, to_ms(now), guild_id, user_id),
        )

    async def take_notice(self, db: aiosqlite.Connection, guild_id: int, user_id: int) -> str | None:
        """Inside a transaction: the member's pending notice, cleared (so it is told once)."""
        row = await fetch_one(
            db, "SELECT remind_notice FROM review_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        if row is None or row[0] is None:
            return None
        await db.execute(
            "UPDATE review_members SET remind_notice = NULL WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return str(row[0])

    async def untake_notice(self, db: aiosqlite.Connection, guild_id: int, user_id: int, notice: str) -> None:
        """Inside a transaction: keep ``notice`` for the member again, unless a newer one came meanwhile."""
        await db.execute(
            "UPDATE review_members SET remind_notice = ? WHERE guild_id = ? AND user_id = ? AND remind_notice IS NULL",
            (notice, guild_id, user_id),
        )
