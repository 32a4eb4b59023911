"""The one attempt writer: every graded answer (quiz, practice, daily) is appended here.

Attempts are append-only. Both methods run inside the caller's transaction, so the attempt commits with
whatever else the use-case writes (points, streaks, first-correct claims) or not at all. The leaderboard
summary tables are kept by a trigger on ``attempts`` in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.core.models import Attempt
from bot.core.storage.store import now_ms

_INSERT = (
    "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
    " verdict, points, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row(a: Attempt) -> tuple[object, ...]:
    return (
        a.guild_id,
        a.channel_id,
        a.user_id,
        a.user_name[:100],
        a.card_key,
        str(a.source),
        a.response[:4000],
        str(a.verdict),
        a.points,
        a.session_id,
        now_ms(a.created_at),
    )


class AttemptWriter:
    """Appends graded answers inside a transaction the caller holds."""

    async def add(self, db: aiosqlite.Connection, attempt: Attempt) -> int:
        """Append one graded answer; returns its id."""
        cur = await db.execute(_INSERT, _row(attempt))
        return int(cur.lastrowid or 0)

    async def add_many(self, db: aiosqlite.Connection, attempts: Sequence[Attempt]) -> None:
        """Append several graded answers at once (group commit)."""
        if attempts:
            await db.executemany(_INSERT, [_row(a) for a in attempts])
