"""Posts of the daily question: claims, sends and their outcome."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime

import aiosqlite

from bot.core.storage.daily_queries.records import (
    DAY_NUMBER_SQL,
    POST_COLUMNS,
    REASON_MAX,
    PendingSend,
    PostInfo,
    post_from,
)
from bot.core.storage.store import fetch_one, fetch_value, now_ms

#: Servers whose daily questions one statement reads (well under SQLite's limit of parameters).
GUILDS_PER_READ = 512


def padded(ids: Sequence[int]) -> list[int]:
    """``ids`` (at least one) with its last repeated up to the next power of two, so that a statement with one
    mark per id has one of a few texts, not one per count (PostgreSQL's statements are prepared and kept by
    text)."""
    size = 1 << (len(ids) - 1).bit_length()
    return [*ids, *([ids[-1]] * (size - len(ids)))]

log = logging.getLogger(__name__)

#: When a guild's daily last used each card (named so the benchmark prints its plan).
CARD_HISTORY_SQL = (
    "SELECT card_key, MAX(local_day) AS last_day, MAX(id) AS last_id FROM daily_posts"
    " WHERE guild_id = ? AND state != 'failed' GROUP BY card_key"
)

_INSERT_CLAIM_SQL = (
    "INSERT INTO daily_posts (guild_id, local_day, zone, card_key, card_data, channel_id, state, send_tries,"
    " claimed_at, post_at, closes_at) VALUES (?, ?, ?, ?, ?, ?, 'claimed', 1, ?, ?, ?)"
    " ON CONFLICT (guild_id, local_day, zone) DO NOTHING"
)
_RECLAIM_SQL = (
    "UPDATE daily_posts SET state = 'claimed', card_key = ?, card_data = ?, channel_id = ?, message_id = NULL,"
    " send_tries = 1, claimed_at = ?, post_at = ?, closes_at = ?, revealed_at = NULL,"
    " failure = NULL WHERE id = ?"
)


class PostQueries:
    """One post per guild per local date (of the zone it was posted in), from its claim to its send."""

    async def post(self, db: aiosqlite.Connection, post_id: int) -> PostInfo | None:
        """One post by id."""
        row = await fetch_one(db, f"SELECT {POST_COLUMNS} FROM daily_posts p WHERE p.id = ?", (post_id,))
        return None if row is None else post_from(row)

    async def day_number(self, db: aiosqlite.Connection, post_id: int) -> int:
        """Which question of its local date in the guild the post is (``PostInfo.number``)."""
        found = await fetch_value(db, f"SELECT {DAY_NUMBER_SQL} FROM daily_posts p WHERE p.id = ?", (post_id,))
        return int(found) if found is not None else 1

    async def last_post(self, db: aiosqlite.Connection, guild_id: int) -> PostInfo | None:
        """The guild's post for its latest local date."""
        row = await fetch_one(
            db,
            f"SELECT {POST_COLUMNS} FROM daily_posts p WHERE p.guild_id = ? ORDER BY p.local_day DESC, p.post_at DESC"
            " LIMIT 1",
            (guild_id,),
        )
        return None if row is None else post_from(row)

    async def latest_sent(self, db: aiosqlite.Connection, guild_id: int) -> PostInfo | None:
        """The guild's latest question by post time (claimed or posted, not failed), whatever zone dated it."""
        row = await fetch_one(
            db,
            "SELECT * FROM daily_posts WHERE guild_id = ? AND state != 'failed' ORDER BY post_at DESC LIMIT 1",
            (guild_id,),
        )
        return None if row is None else post_from(row)

    async def post_for_day(self, db: aiosqlite.Connection, guild_id: int, day: date, zone: str) -> PostInfo | None:
        """The guild's post for local date ``day`` of ``zone`` (whatever its state)."""
        row = await fetch_one(
            db,
            "SELECT * FROM daily_posts WHERE guild_id = ? AND local_day = ? AND zone = ?",
            (guild_id, day.isoformat(), zone),
        )
        return None if row is None else post_from(row)

    async def unrevealed_cards(self, db: aiosqlite.Connection, guild_id: int | None) -> frozenset[str]:
        """The cards of the guild's posts claimed or posted and not revealed yet (their answer is still hidden);
        of every guild's with None."""
        if guild_id is not None:
            rows = await db.execute_fetchall(
                "SELECT DISTINCT card_key FROM daily_posts WHERE guild_id = ? AND state IN ('claimed', 'posted')"
                " AND revealed_at IS NULL",
                (guild_id,),
            )
        else:  # (one part per state, each read through its partial index, as ``unrevealed_elsewhere``)
            rows = await db.execute_fetchall(
                "SELECT card_key FROM daily_posts WHERE state = 'posted' AND revealed_at IS NULL"
                " UNION SELECT card_key FROM daily_posts WHERE state = 'claimed' AND revealed_at IS NULL"
            )
        return frozenset(r["card_key"] for r in rows)

    async def unrevealed_in(self, db: aiosqlite.Connection, guild_ids: Sequence[int]) -> dict[int, frozenset[str]]:
        """``unrevealed_cards`` of each of ``guild_ids`` (those with none too: empty), in one read."""
        found: dict[int, set[str]] = {guild_id: set() for guild_id in guild_ids}
        for at in range(0, len(guild_ids), GUILDS_PER_READ):
            chunk = padded(guild_ids[at : at + GUILDS_PER_READ])
            rows = await db.execute_fetchall(
                f"SELECT DISTINCT guild_id, card_key FROM daily_posts WHERE guild_id IN ({', '.join('?' * len(chunk))})"
                " AND state IN ('claimed', 'posted') AND revealed_at IS NULL",
                chunk,
            )
            for r in rows:
                found[int(r["guild_id"])].add(r["card_key"])
        return {guild_id: frozenset(keys) for guild_id, keys in found.items()}

    async def unrevealed_by_guild(self, db: aiosqlite.Connection) -> dict[int, frozenset[str]]:
        """``unrevealed_cards`` of every guild that has some, by guild (one read, at start-up)."""
        rows = await db.execute_fetchall(
            "SELECT DISTINCT guild_id, card_key FROM daily_posts WHERE state IN ('claimed', 'posted')"
            " AND revealed_at IS NULL"
        )
        found: dict[int, set[str]] = {}
        for r in rows:
            found.setdefault(int(r["guild_id"]), set()).add(r["card_key"])
        return {guild_id: frozenset(keys) for guild_id, keys in found.items()}

    async def unrevealed_elsewhere(self, db: aiosqlite.Connection, guild_id: int) -> frozenset[str]:
        """The cards of the daily questions of the other servers not revealed yet."""
        # (one part per state, each read through its partial index: ``daily_posts_reveal``, ``daily_posts_claimed``)
        rows = await db.execute_fetchall(
            "SELECT card_key FROM daily_posts WHERE state = 'posted' AND revealed_at IS NULL AND guild_id <> ?"
            " UNION SELECT card_key FROM daily_posts WHERE state = 'claimed' AND revealed_at IS NULL AND guild_id <> ?",
            (guild_id, guild_id),
        )
        return frozenset(r["card_key"] for r in rows)

    async def card_history(self, db: aiosqlite.Connection, guild_id: int) -> dict[str, tuple[str, int]]:
        """Card key -> (latest local date, latest post id) of every card the guild's daily used."""
        rows = await db.execute_fetchall(CARD_HISTORY_SQL, (guild_id,))
        return {r["card_key"]: (r["last_day"], r["last_id"]) for r in rows}

    async def insert_claim(
        self,
        db: aiosqlite.Connection,
        *,
        guild_id: int,
        day: date,
        zone: str,
        card_key: str,
        channel_id: int,
        post_at: datetime,
        closes_at: datetime,
        now: datetime,
        card_data: str | None = None,
    ) -> int | None:
        """Claim the guild's post for ``day`` of ``zone``; its id, or None when that day is already claimed. ``card_data``: the
        card asked, as it is now (``card_to_json``): the question is answered and revealed against it."""
        cur = await db.execute(
            _INSERT_CLAIM_SQL,
            (
                guild_id, day.isoformat(), zone, card_key, card_data, channel_id, now_ms(now), now_ms(post_at),
                now_ms(closes_at),
            ),
        )
        return int(cur.lastrowid or 0) if cur.rowcount else None

    async def reclaim_failed(
        self,
        db: aiosqlite.Connection,
        post_id: int,
        *,
        card_key: str,
        channel_id: int,
        closes_at: datetime,
        now: datetime,
        card_data: str | None = None,
    ) -> None:
        """Claim a day whose send failed again, posted at ``now`` (``card_data``: as ``insert_claim``)."""
        await db.execute(
            _RECLAIM_SQL, (card_key, card_data, channel_id, now_ms(now), now_ms(now), now_ms(closes_at), post_id)
        )

    async def pending_send(
        self, db: aiosqlite.Connection, post_id: int, claimed_before: datetime
    ) -> PendingSend | None:
        """A claimed post whose latest send began at or before ``claimed_before`` (its lease ran out)."""
        row = await fetch_one(
            db,
            f"SELECT {POST_COLUMNS}, s.topic FROM daily_posts p LEFT JOIN daily_schedules s USING (guild_id)"
            " WHERE p.id = ? AND p.state = 'claimed' AND p.claimed_at <= ?",
            (post_id, now_ms(claimed_before)),
        )
        if row is None:
            return None
        return PendingSend(post_from(row), int(row["send_tries"]), row["zone"], row["topic"])

    async def renew_lease(self, db: aiosqlite.Connection, post_id: int, now: datetime) -> None:
        """Count one more send try, starting ``now``."""
        await db.execute(
            "UPDATE daily_posts SET send_tries = send_tries + 1, claimed_at = ? WHERE id = ?", (now_ms(now), post_id)
        )

    async def send_tries(self, db: aiosqlite.Connection, post_id: int) -> tuple[int, int] | None:
        """(guild id, send tries so far) of a post."""
        row = await fetch_one(db, "SELECT guild_id, send_tries FROM daily_posts WHERE id = ?", (post_id,))
        return None if row is None else (int(row["guild_id"]), int(row["send_tries"]))

    async def note_send_failure(self, db: aiosqlite.Connection, post_id: int, reason: str) -> None:
        """Record why the latest send failed (the post stays claimed for a retry)."""
        await db.execute("UPDATE daily_posts SET failure = ? WHERE id = ?", (reason[:REASON_MAX], post_id))

    async def fail_send(
        self, db: aiosqlite.Connection, post_id: int, reason: str, *, keep_earlier: bool = False
    ) -> None:
        """A claimed post will never be sent. ``keep_earlier``: an earlier recorded reason stays."""
        failure = "COALESCE(failure, ?)" if keep_earlier else "?"
        await db.execute(
            f"UPDATE daily_posts SET state = 'failed', failure = {failure} WHERE id = ? AND state = 'claimed'",
            (reason[:REASON_MAX], post_id),
        )

    async def mark_posted(self, db: aiosqlite.Connection, post_id: int, message_id: int) -> int | None:
        """The post's message is in the channel; returns the post's guild id."""
        await db.execute(
            "UPDATE daily_posts SET state = 'posted', message_id = ?, failure = NULL WHERE id = ?",
            (message_id, post_id),
        )
        guild_id = await fetch_value(db, "SELECT guild_id FROM daily_posts WHERE id = ?", (post_id,))
        return None if guild_id is None else int(guild_id)
