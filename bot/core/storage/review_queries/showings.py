"""The card on show in each member's open review session (``migrations/0027_review_showings.sql``): written when it is
shown, read to take the session up again after a restart, deleted when the session ends.

Every method runs inside the caller's transaction (or read): the card shown is written on its own, its latest
activity with the answer to it.
"""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.core.storage.review_queries.rows import ShowingRow, at_ms, to_ms
from bot.core.storage.store import fetch_one

log = logging.getLogger(__name__)

_COLUMNS = (
    "guild_id, user_id, session_id, user_name, channel_id, started_at, number, card_key, card_data, direction,"
    " attempt_key, shown_at, active_at, due, due_capped, new_left"
)

SAVE_SHOWING_SQL = (
    f"INSERT INTO review_showings ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, user_id) DO UPDATE SET session_id = excluded.session_id,"
    " user_name = excluded.user_name, channel_id = excluded.channel_id, started_at = excluded.started_at,"
    " number = excluded.number, card_key = excluded.card_key, card_data = excluded.card_data,"
    " direction = excluded.direction, attempt_key = excluded.attempt_key, shown_at = excluded.shown_at,"
    " active_at = excluded.active_at, due = excluded.due, due_capped = excluded.due_capped,"
    " new_left = excluded.new_left"
)


def _showing(row: aiosqlite.Row) -> ShowingRow:
    return ShowingRow(
        guild_id=int(row["guild_id"]), user_id=int(row["user_id"]), session_id=row["session_id"],
        user_name=row["user_name"], channel_id=None if row["channel_id"] is None else int(row["channel_id"]),
        started_at=at_ms(row["started_at"]), number=int(row["number"]), card_key=row["card_key"],
        card_data=row["card_data"], direction=row["direction"], attempt_key=row["attempt_key"],
        shown_at=at_ms(row["shown_at"]), active_at=at_ms(row["active_at"]), due=int(row["due"]),
        due_capped=bool(row["due_capped"]), new_left=int(row["new_left"]),
    )  # fmt: skip


class ReviewShowingQueries:
    """The card on show of each member's open review session (a part of ``ReviewQueries``)."""

    async def save_showing(self, db: aiosqlite.Connection, showing: ShowingRow) -> None:
        """Inside a transaction: ``showing`` becomes the card on show of the member's review (replacing the one
        before it, of this session or an earlier one)."""
        s = showing
        await db.execute(
            SAVE_SHOWING_SQL,
            (
                s.guild_id, s.user_id, s.session_id, s.user_name, s.channel_id, to_ms(s.started_at), s.number,
                s.card_key, s.card_data, s.direction, s.attempt_key, to_ms(s.shown_at), to_ms(s.active_at), s.due,
                int(s.due_capped), s.new_left,
            ),  # fmt: skip
        )

    async def showing(self, db: aiosqlite.Connection, session_id: str) -> ShowingRow | None:
        """Inside a transaction or read: the card on show of the session ``session_id`` (None: it has none stored)."""
        row = await fetch_one(db, f"SELECT {_COLUMNS} FROM review_showings WHERE session_id = ?", (session_id,))
        return None if row is None else _showing(row)

    async def showing_active(self, db: aiosqlite.Connection, session_id: str, number: int, at: datetime) -> None:
        """Inside the answer's transaction: the session's latest activity is ``at``, while card ``number`` is still
        its card on show."""
        await db.execute(
            "UPDATE review_showings SET active_at = ? WHERE session_id = ? AND number = ?",
            (to_ms(at), session_id, number),
        )

    async def drop_showing(
        self, db: aiosqlite.Connection, *, session_id: str | None = None, member: tuple[int, int] | None = None
    ) -> None:
        """Inside a transaction: forget the card on show of the session ``session_id``, or of the member's review
        (``member``: server, member)."""
        if session_id is not None:
            await db.execute("DELETE FROM review_showings WHERE session_id = ?", (session_id,))
        if member is not None:
            await db.execute("DELETE FROM review_showings WHERE guild_id = ? AND user_id = ?", member)
