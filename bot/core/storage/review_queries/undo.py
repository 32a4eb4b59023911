""""Undo last rating" in a review session (``migrations/0024_review_undo.sql``): the rating a member can still undo,
kept with their state of the card before it, and putting that state back.

Every method runs inside the caller's transaction: the slot is written with the rating it undoes, and the undo
(state back as stored, review log and answer deleted, slot deleted) commits as one.
"""

from __future__ import annotations

import logging

import aiosqlite

from bot.core.storage.review_queries.rows import CardState, StoredState, UndoRow, at_ms, to_ms
from bot.core.storage.store import fetch_one

log = logging.getLogger(__name__)

_BEFORE = (
    "state, step, stability, difficulty, due_at, last_at, reps, lapses, first_at, first_source, last_session,"
    " last_attempt_id"
)

SAVE_UNDO_SQL = (
    "INSERT INTO review_undo (guild_id, user_id, session_id, number, card_key, attempt_id, log_id, direction,"
    f" {_BEFORE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (guild_id, user_id) DO UPDATE SET session_id = excluded.session_id, number = excluded.number,"
    " card_key = excluded.card_key, attempt_id = excluded.attempt_id, log_id = excluded.log_id,"
    " direction = excluded.direction, state = excluded.state, step = excluded.step,"
    " stability = excluded.stability, difficulty = excluded.difficulty, due_at = excluded.due_at,"
    " last_at = excluded.last_at, reps = excluded.reps, lapses = excluded.lapses, first_at = excluded.first_at,"
    " first_source = excluded.first_source, last_session = excluded.last_session,"
    " last_attempt_id = excluded.last_attempt_id"
)


def _before_values(before: StoredState | None) -> tuple[object, ...]:
    if before is None:
        return (None,) * 12
    m = before.memory
    return (
        m.state, m.step, m.stability, m.difficulty, to_ms(m.due), to_ms(m.last_review), m.reps, m.lapses,
        to_ms(before.first_at), before.first_source, before.last_session, before.last_attempt_id,
    )  # fmt: skip


def _undo_row(row: aiosqlite.Row) -> UndoRow:
    before = None
    if row["state"] is not None:
        memory = CardState(
            state=int(row["state"]), step=row["step"], stability=float(row["stability"]),
            difficulty=float(row["difficulty"]), due=at_ms(row["due_at"]), last_review=at_ms(row["last_at"]),
            reps=int(row["reps"]), lapses=int(row["lapses"]),
        )  # fmt: skip
        before = StoredState(
            card_key=row["card_key"], memory=memory, first_at=at_ms(row["first_at"]),
            first_source=row["first_source"], last_session=row["last_session"], last_attempt_id=row["last_attempt_id"],
        )  # fmt: skip
    return UndoRow(
        guild_id=int(row["guild_id"]), user_id=int(row["user_id"]), session_id=row["session_id"],
        number=int(row["number"]), card_key=row["card_key"], attempt_id=int(row["attempt_id"]),
        log_id=int(row["log_id"]), direction=row["direction"], before=before,
    )  # fmt: skip


class ReviewUndoQueries:
    """The undo slot of each member (a part of ``ReviewQueries``)."""

    async def save_undo(self, db: aiosqlite.Connection, undo: UndoRow) -> None:
        """Inside the rating's transaction: ``undo`` becomes the member's one rating they can undo."""
        await db.execute(
            SAVE_UNDO_SQL,
            (
                undo.guild_id, undo.user_id, undo.session_id, undo.number, undo.card_key, undo.attempt_id,
                undo.log_id, undo.direction, *_before_values(undo.before),
            ),  # fmt: skip
        )

    async def undo_of_session(self, db: aiosqlite.Connection, session_id: str) -> UndoRow | None:
        """Inside a transaction: the rating of a session that can be undone (None: none can)."""
        row = await fetch_one(db, "SELECT * FROM review_undo WHERE session_id = ?", (session_id,))
        return None if row is None else _undo_row(row)

    async def drop_undo(self, db: aiosqlite.Connection, guild_id: int, user_id: int, attempt_id: int | None = None) -> bool:
        """Inside a transaction: the member can undo no rating any more (only if it is still that of ``attempt_id``,
        when given). Returns whether there was one."""
        sql, params = "DELETE FROM review_undo WHERE guild_id = ? AND user_id = ?", [guild_id, user_id]
        if attempt_id is not None:
            sql += " AND attempt_id = ?"
            params.append(attempt_id)
        cur = await db.execute(sql, params)
        return cur.rowcount > 0

    async def corrected(self, db: aiosqlite.Connection, attempt_id: int) -> bool:
        """Whether an accepted dispute corrected the answer since it was given."""
        row = await fetch_one(db, "SELECT 1 FROM attempt_corrections WHERE attempt_id = ?", (attempt_id,))
        return row is not None

    async def restore_state(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, card_key: str, before: StoredState | None
    ) -> None:
        """Inside a transaction: the member's state of the card becomes ``before`` exactly as it was stored (None:
        they have none, the card is new to them again)."""
        key = (guild_id, user_id, card_key)
        if before is None:
            await db.execute("DELETE FROM review_states WHERE guild_id = ? AND user_id = ? AND card_key = ?", key)
            return
        await db.execute(
            "UPDATE review_states SET state = ?, step = ?, stability = ?, difficulty = ?, due_at = ?, last_at = ?,"
            " reps = ?, lapses = ?, first_at = ?, first_source = ?, last_session = ?, last_attempt_id = ?"
            " WHERE guild_id = ? AND user_id = ? AND card_key = ?",
            (*_before_values(before), *key),
        )

    async def rating_of(self, db: aiosqlite.Connection, attempt_id: int) -> int | None:
        """Inside a transaction: the rating the answer ``attempt_id`` gave its card (None: it rated nothing)."""
        row = await fetch_one(db, "SELECT rating FROM review_logs WHERE attempt_id = ?", (attempt_id,))
        return None if row is None else int(row[0])

    async def delete_log(self, db: aiosqlite.Connection, log_id: int) -> None:
        """Inside a transaction: delete one review log."""
        await db.execute("DELETE FROM review_logs WHERE id = ?", (log_id,))

    async def session_counts(self, db: aiosqlite.Connection, session_id: str) -> tuple[int, int, int]:
        """Inside a transaction: a review session's answers as stored: (cards reviewed, right, new cards met)."""
        row = await fetch_one(
            db,
            "SELECT COUNT(*), SUM(CASE WHEN a.verdict = 'correct' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN l.id IS NOT NULL AND l.state_before IS NULL THEN 1 ELSE 0 END) FROM attempts a"
            " LEFT JOIN review_logs l ON l.attempt_id = a.id WHERE a.session_id = ? AND a.source = 'review'",
            (session_id,),
        )
        if row is None:
            return 0, 0, 0
        return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)
