"""The one attempt writer: every graded answer (quiz, practice, daily, review) is appended here.

Attempts are append-only. Both methods run inside the caller's transaction, so the attempt commits with
whatever else the use-case writes (points, streaks, first-correct claims) or not at all. The leaderboard
summary tables are kept by a trigger on ``attempts`` in the same transaction.

Features that follow every graded answer (spaced repetition) ``subscribe`` a hook: it runs right after
each attempt is inserted, in the same transaction, with the attempt's id. Each hook runs inside its own
savepoint: a hook that fails is logged and its writes are rolled back, and the attempt (with everything
else of the caller's transaction) still commits. A cancellation is not caught: it fails the transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

import aiosqlite

from bot.core.models import Attempt
from bot.core.storage.store import now_ms

log = logging.getLogger(__name__)

#: A hook: ``(db, attempt, attempt_id)``, awaited inside the transaction that wrote the attempt.
AttemptHook = Callable[[aiosqlite.Connection, Attempt, int], Awaitable[None]]

_INSERT = (
    "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
    " verdict, points, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SAVEPOINT = "attempt_hook"


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
    """Appends graded answers inside a transaction the caller holds, then runs the subscribed hooks."""

    def __init__(self) -> None:
        self._hooks: list[AttemptHook] = []

    def subscribe(self, hook: AttemptHook) -> None:
        """Run ``hook`` after every attempt written from now on (in subscription order; once per hook)."""
        if hook not in self._hooks:
            self._hooks.append(hook)

    def unsubscribe(self, hook: AttemptHook) -> None:
        """Stop running ``hook`` (nothing happens if it was not subscribed)."""
        if hook in self._hooks:
            self._hooks.remove(hook)

    async def add(self, db: aiosqlite.Connection, attempt: Attempt) -> int:
        """Append one graded answer and run the hooks; returns its id."""
        cur = await db.execute(_INSERT, _row(attempt))
        attempt_id = int(cur.lastrowid or 0)
        await self._notify(db, attempt, attempt_id)
        return attempt_id

    async def add_many(self, db: aiosqlite.Connection, attempts: Sequence[Attempt]) -> None:
        """Append several graded answers at once (group commit), running the hooks after each."""
        if not attempts:
            return
        if not self._hooks:
            await db.executemany(_INSERT, [_row(a) for a in attempts])
            return
        for attempt in attempts:  # each hook needs its attempt's id
            await self.add(db, attempt)

    async def _notify(self, db: aiosqlite.Connection, attempt: Attempt, attempt_id: int) -> None:
        for hook in self._hooks:
            await db.execute(f"SAVEPOINT {_SAVEPOINT}")
            try:
                await hook(db, attempt, attempt_id)
            except Exception:
                log.exception(
                    "a hook on attempt %s (%s, %s) failed; the attempt is kept without it",
                    attempt_id, attempt.card_key, attempt.source,
                )
                await db.execute(f"ROLLBACK TO {_SAVEPOINT}")
            await db.execute(f"RELEASE {_SAVEPOINT}")
