"""The one attempt writer: every graded answer (quiz, practice, daily, review) is appended here.

Attempts are append-only. Both methods run inside the caller's transaction, so the attempt commits with
whatever else the use-case writes (points, streaks, first-correct claims) or not at all. The leaderboard
summary tables are kept by a trigger on ``attempts`` in the same transaction.

Features that follow every graded answer (spaced repetition) ``subscribe`` a hook: it runs right after
each attempt is inserted, in the same transaction, with the attempt's id. Each hook runs inside its own
savepoint: a hook that fails is logged and its writes are rolled back, and the attempt (with everything
else of the caller's transaction) still commits. A cancellation is not caught: it fails the transaction.

A group commit writes its attempts with ``add_batch``: one multi-row ``INSERT`` (a round trip to the database
for up to ``BATCH_ROWS`` attempts), the database assigning the ids as it does to a single insert, then each
hook. On PostgreSQL the insert returns the ids (``RETURNING id``: another process may be numbering rows at the
same time); on SQLite the transaction holds the only write lock, so the rows of one insert take consecutive
ids ending at the last one inserted, and the insert returns no rows (each row returned is one more step of the
statement, and each step hands the interpreter lock back and forth between the database thread and the event
loop: under load that waiting, not SQLite, was most of the time a batch took). A hook subscribed with
``subscribe_batch`` is given the whole batch at once (so it can read and write for all of them in a few round
trips too); if it fails, its writes are rolled back and it is run again attempt by attempt, each in its own
savepoint, so one bad attempt loses only its own follow-up, as with ``add``. Every round trip costs the event
loop a thread hand-off and a wait for the loop to come round (bench_answers.py). (Sending two statements at
once through ``asyncio.gather`` was tried: the tasks it makes cost more loop turns than the round trip saved.)
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Sequence

import aiosqlite

from bot.core.models import Attempt
from bot.core.storage.store import now_ms

log = logging.getLogger(__name__)

#: A hook: ``(db, attempt, attempt_id)``, awaited inside the transaction that wrote the attempt.
AttemptHook = Callable[[aiosqlite.Connection, Attempt, int], Awaitable[None]]
#: A batch hook: ``(db, [(attempt, attempt_id), ...])`` in the order written, inside their transaction.
BatchHook = Callable[[aiosqlite.Connection, Sequence[tuple[Attempt, int]]], Awaitable[None]]

_INSERT = (
    "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
    " verdict, points, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#: Attempts per ``INSERT`` of a batch: 11 parameters each stays inside both engines' limits on parameters
#: (SQLite's default 32,766; PostgreSQL's 32,767).
BATCH_ROWS = 500
_SAVEPOINT = "attempt_hook"


@functools.lru_cache(maxsize=64)
def _insert_rows(rows: int) -> str:
    """One ``INSERT`` of ``rows`` attempts."""
    return _INSERT.removesuffix(_ROW) + ", ".join([_ROW] * rows)


@functools.lru_cache(maxsize=64)
def _insert_returning(rows: int) -> str:
    """One ``INSERT`` of ``rows`` attempts that returns their ids."""
    return _insert_rows(rows) + " RETURNING id"


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
        self._batch_hooks: list[BatchHook] = []

    def subscribe(self, hook: AttemptHook) -> None:
        """Run ``hook`` after every attempt written from now on (in subscription order; once per hook)."""
        if hook not in self._hooks:
            self._hooks.append(hook)

    def unsubscribe(self, hook: AttemptHook) -> None:
        """Stop running ``hook`` (nothing happens if it was not subscribed)."""
        if hook in self._hooks:
            self._hooks.remove(hook)

    def subscribe_batch(self, hook: BatchHook) -> None:
        """Run ``hook`` on every batch of attempts written from now on (``add`` gives it a batch of one)."""
        if hook not in self._batch_hooks:
            self._batch_hooks.append(hook)

    def unsubscribe_batch(self, hook: BatchHook) -> None:
        """Stop running the batch ``hook`` (nothing happens if it was not subscribed)."""
        if hook in self._batch_hooks:
            self._batch_hooks.remove(hook)

    async def add(self, db: aiosqlite.Connection, attempt: Attempt) -> int:
        """Append one graded answer and run the hooks; returns its id."""
        cur = await db.execute(_INSERT, _row(attempt))
        attempt_id = int(cur.lastrowid or 0)
        await self._notify(db, attempt, attempt_id)
        await self._notify_batch(db, [(attempt, attempt_id)])
        return attempt_id

    async def add_batch(self, db: aiosqlite.Connection, attempts: Sequence[Attempt]) -> list[int]:
        """Append several graded answers (a group commit) and run the hooks; returns their ids, in order.

        The database assigns the ids, as it does to a single insert, so writers in other processes sharing
        it (PostgreSQL) never collide: one multi-row insert per ``BATCH_ROWS`` attempts, each one round trip,
        and a batch hook one call for all of them.
        """
        if not attempts:
            return []
        if len(attempts) == 1:
            return [await self.add(db, attempts[0])]
        ids: list[int] = []
        sqlite = isinstance(db, aiosqlite.Connection)
        for start in range(0, len(attempts), BATCH_ROWS):
            chunk = attempts[start : start + BATCH_ROWS]
            params = [value for a in chunk for value in _row(a)]
            if sqlite:
                # ``attempts.id`` is an INTEGER PRIMARY KEY without AUTOINCREMENT: each row inserted takes the
                # largest id + 1, and nothing else inserts into the table during our write transaction.
                cur = await db.execute(_insert_rows(len(chunk)), params)
                last = int(cur.lastrowid or 0)
                ids += range(last - len(chunk) + 1, last + 1)
                continue
            rows = await db.execute_fetchall(_insert_returning(len(chunk)), params)
            # RETURNING promises no order, but the rows of one INSERT … VALUES are inserted in the order
            # given and each is assigned a larger id than the one before (PostgreSQL's identity): sorted,
            # the ids are the attempts' in order.
            ids += sorted(int(r[0]) for r in rows)
        written = list(zip(attempts, ids, strict=True))
        for attempt, attempt_id in written:
            await self._notify(db, attempt, attempt_id)
        await self._notify_batch(db, written)
        return ids

    async def add_many(self, db: aiosqlite.Connection, attempts: Sequence[Attempt]) -> None:
        """Append several graded answers at once (group commit), running the hooks after each."""
        if not attempts:
            return
        if not self._hooks and not self._batch_hooks:
            await db.executemany(_INSERT, [_row(a) for a in attempts])
            return
        await self.add_batch(db, attempts)  # each hook needs its attempt's id

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

    async def _notify_batch(self, db: aiosqlite.Connection, written: Sequence[tuple[Attempt, int]]) -> None:
        for hook in self._batch_hooks:
            await db.execute(f"SAVEPOINT {_SAVEPOINT}")
            try:
                await hook(db, written)
            except Exception:
                await db.execute(f"ROLLBACK TO {_SAVEPOINT}")
                await db.execute(f"RELEASE {_SAVEPOINT}")
                if len(written) == 1:
                    attempt, attempt_id = written[0]
                    log.exception(
                        "a hook on attempt %s (%s, %s) failed; the attempt is kept without it",
                        attempt_id, attempt.card_key, attempt.source,
                    )
                    continue
                log.warning("a batch hook failed on %d attempts; running it on each alone", len(written))
                for one in written:  # one bad attempt loses only its own follow-up
                    await self._notify_batch_alone(db, hook, one)
                continue
            await db.execute(f"RELEASE {_SAVEPOINT}")

    async def _notify_batch_alone(self, db: aiosqlite.Connection, hook: BatchHook, one: tuple[Attempt, int]) -> None:
        attempt, attempt_id = one
        await db.execute(f"SAVEPOINT {_SAVEPOINT}")
        try:
            await hook(db, [one])
        except Exception:
            log.exception(
                "a hook on attempt %s (%s, %s) failed; the attempt is kept without it",
                attempt_id, attempt.card_key, attempt.source,
            )
            await db.execute(f"ROLLBACK TO {_SAVEPOINT}")
        await db.execute(f"RELEASE {_SAVEPOINT}")
