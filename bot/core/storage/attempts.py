"""The one attempt writer: every graded answer (quiz, practice, daily, review) is appended here.

Attempts are append-only, but for a /review rating its member undoes (``withdraw``). Every method runs inside
the caller's transaction, so the attempt commits with whatever else the use-case writes (points, streaks,
first-correct claims) or not at all. The leaderboard summary tables are kept by a trigger on ``attempts`` in
the same transaction.

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

On SQLite a group commit therefore runs its whole batch (claims, insert, hooks) as one call in the database's
own thread (``in_thread``): the code is the same coroutines, given a ``ThreadConnection`` (the aiosqlite
surface straight over the ``sqlite3`` connection, whose awaits never suspend) and run to the end there by
``drive``. Under load a round trip waits for a whole turn of a busy event loop (every answer that is ready
runs first), so one call instead of ten is most of the latency of a batch. A hook that awaits anything but
the connection it is given cannot finish in that thread: its savepoint is rolled back and it runs again on
the event loop, in the same transaction, after the call (``ThreadConnection.later``), exactly as it would
have without the thread; so does a hook that fails there. Only a hook subscribed with ``in_thread=True`` is
run in the thread (it shares the interpreter with the event loop but not its turn, so it must not touch loop
objects: tasks, futures, events, locks); any other runs on the loop after the call.

A group commit's ``BEGIN IMMEDIATE`` goes into the same call, and its ``COMMIT`` is queued right behind it at
once (``transaction_in_thread``): the thread runs the whole transaction without waiting for the event loop in
between, where each of three calls used to wait for the busy loop to come round (compare with
bench_answers.py ``--paths one-call,own-commit``). The answers are acknowledged only once the ``COMMIT`` has
returned (``synchronous=FULL``: on disk).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine, Generator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import aiosqlite

from bot.core.memory import quick_switches
from bot.core.models import Attempt
from bot.core.storage.store import Store, begin_immediate_raw, now_ms

log = logging.getLogger(__name__)

#: A hook: ``(db, attempt, attempt_id)``, awaited inside the transaction that wrote the attempt.
AttemptHook = Callable[[aiosqlite.Connection, Attempt, int], Awaitable[None]]
#: A batch hook: ``(db, [(attempt, attempt_id), ...])`` in the order written, inside their transaction.
BatchHook = Callable[[aiosqlite.Connection, Sequence[tuple[Attempt, int]]], Awaitable[None]]

_INSERT = (
    "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
    " verdict, points, session_id, created_at, hints, direction, attempt_key)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#: Attempts per ``INSERT`` of a batch: 14 parameters each stays inside both engines' limits on parameters
#: (SQLite's default 32,766; PostgreSQL's 32,767).
BATCH_ROWS = 500
_SAVEPOINT = "attempt_hook"

T = TypeVar("T")


class Suspended(RuntimeError):
    """A coroutine run by ``drive`` awaited something that does not finish at once (not its connection)."""


def drive(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to its end without an event loop: it must never suspend (it awaits only a
    ``ThreadConnection``). If it does, it is closed and ``Suspended`` is raised."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return,unused-ignore]
    coro.close()
    raise Suspended(f"{getattr(coro, '__qualname__', coro)} awaited something other than its connection")


class _Cursor:
    """An aiosqlite cursor's surface over a ``sqlite3`` cursor, in its connection's thread."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def description(self) -> Any:
        return self._cursor.description

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany() if size is None else self._cursor.fetchmany(size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    def __aiter__(self) -> _Cursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row


class _Ran:
    """``ThreadConnection.execute``'s result: awaited, or used as ``async with`` (closing the cursor)."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = _Cursor(cursor)

    def __await__(self) -> Generator[Any, None, _Cursor]:
        return self._done().__await__()

    async def _done(self) -> _Cursor:
        return self._cursor

    async def __aenter__(self) -> _Cursor:
        return self._cursor

    async def __aexit__(self, *exc: object) -> None:
        await self._cursor.close()


#: Parameters one statement may take (SQLite's default limit is 32,766).
_MAX_PARAMS = 32_000
_ONE_ROW_INSERT = re.compile(r"(INSERT\s.*?\bVALUES\s*)(\((?:\s*\?\s*,)*\s*\?\s*\))(.*)", re.IGNORECASE | re.DOTALL)


@functools.lru_cache(maxsize=64)
def _one_row_insert(sql: str) -> tuple[str, str, str, int] | None:
    """``INSERT … VALUES (?, …) …`` of one row of ``?`` only: its head, its row, its tail and its width."""
    found = _ONE_ROW_INSERT.fullmatch(sql.strip())
    if found is None or "?" in found.group(1) or "?" in found.group(3) or " RETURNING " in found.group(3).upper():
        return None
    head, row, tail = found.groups()
    return head, row, tail, row.count("?")


class ThreadConnection:
    """The aiosqlite surface the repositories use, straight over the ``sqlite3`` connection of ``db``: for
    code running in that connection's own thread (``in_thread``), where each statement runs at once.

    ``later``: what must still run on the event loop, with ``db`` itself, before the transaction ends (a
    hook that could not finish in the thread)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self.later: list[Callable[[aiosqlite.Connection], Awaitable[None]]] = []

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.db._conn  # noqa: SLF001  (aiosqlite's own handle; only ever used in its thread)

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def execute(self, sql: str, parameters: Any = None) -> _Ran:
        return _Ran(self._conn.execute(sql, () if parameters is None else parameters))

    async def execute_fetchall(self, sql: str, parameters: Any = None) -> list[Any]:
        return self._conn.execute(sql, () if parameters is None else parameters).fetchall()

    async def executemany(self, sql: str, parameters: Any) -> _Cursor:
        """``executemany``; a one-row ``INSERT … VALUES (?, …)`` runs as multi-row inserts instead (the same
        rows in the same order, each row seeing the ones before it, upserts included), one step of SQLite per
        statement instead of one per row: each step hands the interpreter lock to the event loop and waits
        to get it back."""
        rows = parameters if isinstance(parameters, list) else list(parameters)
        shape = _one_row_insert(sql) if len(rows) > 1 else None
        if shape is None:
            return _Cursor(self._conn.executemany(sql, rows))
        head, row, tail, width = shape
        per = max(1, _MAX_PARAMS // width)
        cursor = None
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            cursor = self._conn.execute(
                head + ", ".join([row] * len(chunk)) + tail, [value for one in chunk for value in one]
            )
        assert cursor is not None
        return _Cursor(cursor)


async def in_thread(db: aiosqlite.Connection, work: Callable[[aiosqlite.Connection], Coroutine[Any, Any, T]]) -> T:
    """Run ``work(ThreadConnection(db))`` to its end in ``db``'s thread (one hand-off instead of one per
    statement), then whatever it left for the event loop (``ThreadConnection.later``), with ``db``. ``work``
    sees the ``ThreadConnection`` as the connection it is written against."""
    conn = ThreadConnection(db)
    stand_in = cast(aiosqlite.Connection, conn)
    result: T = await db._execute(lambda: drive(work(stand_in)))  # noqa: SLF001  (aiosqlite runs it on its thread)
    for step in conn.later:
        await step(db)
    return result


@dataclass(slots=True)
class Chained(Generic[T]):
    """One more transaction for the database's thread to run right after the one it has just committed
    (``transaction_in_thread``'s ``then``): its work, and what to call on the event loop when it has
    committed (with the result), failed (with the error) or could not finish in the thread (``returned``: it
    was rolled back, untouched, for the caller to run again)."""

    work: Callable[[aiosqlite.Connection], Coroutine[Any, Any, T]]
    committed: Callable[[T], None]
    failed: Callable[[BaseException], None]
    returned: Callable[[], None]


async def transaction_in_thread(
    store: Store,
    work: Callable[[aiosqlite.Connection], Coroutine[Any, Any, T]],
    *,
    committed: Callable[[T], None] | None = None,
    then: Callable[[], Chained[T] | None] | None = None,
) -> T:
    """One write transaction of ``store`` (SQLite), run by its writer's thread without waiting for the event
    loop in between: ``BEGIN IMMEDIATE`` and ``work(ThreadConnection(db))`` to its end in one call, and the
    ``COMMIT`` queued right behind it (run only if the statements ran to the end; ``ROLLBACK`` if anything
    failed). What ``work`` left for the event loop (``ThreadConnection.later``) runs after the call, in the
    same transaction, which then commits from the loop. Returns once the transaction is committed (on disk:
    ``synchronous=FULL``). Both calls take their first statement (``BEGIN IMMEDIATE``, ``COMMIT``) as SQL, as
    every other transaction's go through aiosqlite.

    Under load every call to the thread waits for a turn of a busy event loop (every answer that is ready runs
    first): with ``BEGIN``, statements and ``COMMIT`` each a call awaited in turn, a group commit waited for
    the loop three times; with both calls queued at once (``_Started``: a task would start only on the loop's
    next turn) it waits once, at the end (bench_answers.py).

    ``committed``: called on the loop with the result as soon as the thread has committed, a turn of the loop
    before this returns (the caller's task wakes a turn after a plain callback), so that whoever waits for the
    answers hears of them that turn earlier.

    ``then``: called in the database's thread once this transaction has committed, and again after each
    transaction it gives, until it gives None (``Chained``): those transactions run there one after the other,
    still under the write lock, without waiting for the event loop in between, each reported to the loop as it
    ends. A busy loop then never leaves the database idle between two group commits (bench_answers.py).

    If the caller is cancelled meanwhile, the calls still end in the thread: this waits for them, so the
    transaction is known to be committed or rolled back, returns the result if it committed, and the
    cancellation is raised again at the caller's next ``await``."""
    loop = asyncio.get_running_loop()
    async with store.writer() as db:
        conn = ThreadConnection(db)
        stand_in = cast(aiosqlite.Connection, conn)
        ready: list[T] = []  # the statements ran to the end and left nothing for the loop
        done: list[T] = []  # ... and were committed

        # Both calls run with quick switches (``memory.quick_switches``): the thread takes the interpreter
        # lock back after every statement, and a busy event loop lets go of it sooner.
        def statements(begin: str) -> T:
            raw = conn._conn  # noqa: SLF001  (in its own thread)
            with quick_switches():
                begin_immediate_raw(raw, begin)
                try:
                    result = drive(work(stand_in))
                except BaseException:
                    rollback_raw(raw)
                    raise
            if not conn.later:  # else the transaction stays open for the loop's part
                ready.append(result)
            return result

        def commit(sql: str) -> None:
            if not ready:
                return
            raw = conn._conn  # noqa: SLF001
            with quick_switches():
                try:
                    raw.execute(sql)
                except BaseException:
                    # A COMMIT that failed (disk full, I/O error) may leave the transaction open: end it.
                    rollback_raw(raw)
                    raise
                done.append(ready[0])
                if committed is not None:
                    with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                        loop.call_soon_threadsafe(committed, ready[0])
                if then is not None:
                    try:
                        _run_chained(conn, then, loop)
                    except Exception:  # a bug in ``then``: this transaction is committed all the same
                        log.exception("a chained transaction could not be started")

        # aiosqlite runs its calls in order on its thread: both are queued now, the COMMIT right behind the
        # statements, so the thread goes on to it without waiting for the loop (even a loop busy for a long
        # turn, as after a stall, when the batches are large and the time counts most). Only the COMMIT's
        # end is waited for: the statements ended before it (one wait for both).
        statements_call = _Started(db._execute(statements, "BEGIN IMMEDIATE"))  # noqa: SLF001
        commit_call = _Started(db._execute(commit, "COMMIT"))  # noqa: SLF001
        try:
            await commit_call
        except asyncio.CancelledError:
            return await _cancelled(db, done, statements_call)
        except BaseException:
            statements_call.discard()
            raise
        result = await statements_call  # ended: its result (or its error) without another turn of the loop
        if not done:
            for step in conn.later:
                await step(db)
            await db.execute("COMMIT")
            if committed is not None:
                committed(result)
        return result


def _run_chained(
    conn: ThreadConnection, then: Callable[[], Chained[T] | None], loop: asyncio.AbstractEventLoop
) -> None:
    """In the writer's thread, after a commit: the transactions ``then`` gives, one after the other, each
    begun, written and committed there, and reported to the loop. One whose work left something for the loop
    (``later``) is rolled back and handed back; one that fails is rolled back and reported; either ends the
    chain."""
    raw = conn._conn  # noqa: SLF001  (in its own thread)
    stand_in = cast(aiosqlite.Connection, conn)

    def tell(callback: Callable[..., None], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
            loop.call_soon_threadsafe(callback, *args)

    while (step := then()) is not None:
        conn.later = []
        try:
            begin_immediate_raw(raw)
            result = drive(step.work(stand_in))
            if conn.later:
                conn.later = []
                rollback_raw(raw)
                tell(step.returned)
                return
            raw.execute("COMMIT")
        except Exception as exc:
            rollback_raw(raw)
            tell(step.failed, exc)
            return
        tell(step.committed, result)


class _Started(Generic[T]):
    """A coroutine run at once up to where it first waits (an aiosqlite call has queued its function to the
    connection's thread by then), to be awaited once, later. A task would only start it on the loop's next
    turn."""

    __slots__ = ("_coro", "_first", "_ended", "_outcome")

    def __init__(self, coro: Coroutine[Any, Any, T]) -> None:
        self._coro = coro
        self._first: Any = None
        self._ended = False
        self._outcome: Any = None
        try:
            self._first = coro.send(None)
        except StopIteration as stop:
            self._ended, self._outcome = True, stop.value
        except BaseException as exc:  # noqa: BLE001  (raised again where it is awaited)
            self._ended, self._outcome = True, exc

    def discard(self) -> None:
        """Never to be awaited (its outcome no longer matters): an error it ended with is not reported."""
        if not self._ended:
            if isinstance(self._first, asyncio.Future) and self._first.done() and not self._first.cancelled():
                self._first.exception()
            self._coro.close()

    def __await__(self) -> Generator[Any, Any, T]:
        if self._ended:
            if isinstance(self._outcome, BaseException):
                raise self._outcome
            return cast(T, self._outcome)
        waiting = self._first
        while True:
            if isinstance(waiting, asyncio.Future) and waiting.done():  # ended already: no turn of the loop
                try:
                    waiting = self._coro.send(None)
                except StopIteration as stop:
                    return cast(T, stop.value)
                continue
            try:
                sent = yield waiting
            except BaseException as exc:  # thrown in by the task awaiting this: on to the coroutine
                try:
                    waiting = self._coro.throw(exc)
                except StopIteration as stop:
                    return cast(T, stop.value)
            else:
                try:
                    waiting = self._coro.send(sent)
                except StopIteration as stop:
                    return cast(T, stop.value)


async def _cancelled(db: aiosqlite.Connection, done: list[T], statements: _Started[T]) -> T:
    """The caller was cancelled while its calls ran on in the thread: wait for them (the thread runs its calls
    in order), then give what they committed, the cancellation raised again at the caller's next ``await``;
    or raise the cancellation now if nothing was committed."""
    await asyncio.shield(db._execute(lambda: None))  # noqa: SLF001
    statements.discard()
    if not done:
        raise asyncio.CancelledError
    task = asyncio.current_task()
    if task is not None:
        task.cancel()
    return done[0]


def rollback_raw(raw: sqlite3.Connection) -> None:
    """In the writer's thread: roll back the open transaction, if any (a failure to do so is logged)."""
    try:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
    except Exception:
        log.warning("rollback failed", exc_info=True)


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
        a.extra.get("hints") or 0,  # the hints the player took (the quiz notes them)
        a.extra.get("direction"),  # how the card was asked ("question" or "term"; None where not noted)
        a.extra.get("key"),  # the rating's key (``AttemptWriter.keyed``; None where none was given)
    )


class AttemptWriter:
    """Appends graded answers inside a transaction the caller holds, then runs the subscribed hooks."""

    def __init__(self) -> None:
        self._hooks: list[AttemptHook] = []
        self._batch_hooks: list[BatchHook] = []
        self._threaded: list[object] = []  # the hooks that may run in the database's thread
        self._names: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # ``subscribed``, once worked out

    def subscribe(self, hook: AttemptHook, *, in_thread: bool = False) -> None:
        """Run ``hook`` after every attempt written from now on (in subscription order; once per hook).

        ``in_thread``: the hook touches nothing of the event loop's (no task, future, event or lock) and
        awaits nothing but the connection it is given: a group commit may run it in the database's thread
        (``in_thread``, module docstring). Such hooks run before the others of the same batch, and one that
        turns out to need the loop is rolled back to its savepoint and run again there, after them: give
        the flag only to a hook that keeps no state of its own between its statements and does not depend on
        running before or after another hook."""
        if hook not in self._hooks:
            self._hooks.append(hook)
        self._thread_safe(hook, in_thread)

    def _thread_safe(self, hook: object, in_thread: bool) -> None:
        self._names = None
        if hook in self._threaded:
            self._threaded.remove(hook)
        if in_thread:
            self._threaded.append(hook)

    def subscribed(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names of the hooks subscribed (each attempt's, then each batch's), in order; a hook not
        allowed in the database's thread by its ``repr`` (so it never matches the writer process's names).
        Worked out again only after a change (it is asked on every answer)."""
        if self._names is None:
            names = lambda hooks: tuple(  # noqa: E731
                getattr(h, "__name__", repr(h)) if h in self._threaded else repr(h) for h in hooks
            )
            self._names = names(self._hooks), names(self._batch_hooks)
        return self._names

    def unsubscribe(self, hook: AttemptHook) -> None:
        """Stop running ``hook`` (nothing happens if it was not subscribed)."""
        if hook in self._hooks:
            self._hooks.remove(hook)
        self._thread_safe(hook, False)

    def subscribe_batch(self, hook: BatchHook, *, in_thread: bool = False) -> None:
        """Run ``hook`` on every batch of attempts written from now on (``add`` gives it a batch of one).
        ``in_thread``: as for ``subscribe``."""
        if hook not in self._batch_hooks:
            self._batch_hooks.append(hook)
        self._thread_safe(hook, in_thread)

    def unsubscribe_batch(self, hook: BatchHook) -> None:
        """Stop running the batch ``hook`` (nothing happens if it was not subscribed)."""
        if hook in self._batch_hooks:
            self._batch_hooks.remove(hook)
        self._thread_safe(hook, False)

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
        sqlite = isinstance(db, aiosqlite.Connection | ThreadConnection)
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

    @staticmethod
    async def keyed(db: aiosqlite.Connection, key: str) -> tuple[int, str, str] | None:
        """The answer stored with the key ``key`` (``Attempt.extra["key"]``, unique): its id, response and verdict;
        None when there is none. A write whose outcome could not be confirmed, tried again with the same key,
        finds here whether the first one landed."""
        rows = await db.execute_fetchall(
            "SELECT id, response, verdict FROM attempts WHERE attempt_key = ?", (key,)
        )
        row = next(iter(rows), None)
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    @staticmethod
    async def withdraw(db: aiosqlite.Connection, attempt_id: int) -> str | None:
        """Delete a /review answer (it never reached the boards, and no dispute can name it) and take it out of
        the member's card figures (``user_card_stats``: answers, right answers, the latest answer's time; the row
        goes when it was the member's only answer to the card). Returns its verdict; None when there is no
        such answer."""
        rows = await db.execute_fetchall(
            "DELETE FROM attempts WHERE id = ? AND source = 'review'"
            " RETURNING guild_id, user_id, card_key, verdict",
            (attempt_id,),
        )
        row = next(iter(rows), None)
        if row is None:
            return None
        guild_id, user_id, card_key, verdict = (row[i] for i in range(4))
        if guild_id is not None:  # (the figures are kept for answers given in a server)
            key = (guild_id, user_id, card_key)
            await db.execute(
                "UPDATE user_card_stats SET answers = answers - 1, correct = correct - ?, last_at = COALESCE("
                "(SELECT MAX(created_at) FROM attempts WHERE guild_id = ? AND user_id = ? AND card_key = ?), last_at)"
                " WHERE guild_id = ? AND user_id = ? AND card_key = ?",
                (int(verdict == "correct"), *key, *key),
            )
            await db.execute(
                "DELETE FROM user_card_stats WHERE guild_id = ? AND user_id = ? AND card_key = ? AND answers <= 0", key
            )
        return str(verdict)

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
            if isinstance(db, ThreadConnection):
                if hook not in self._threaded or not await _in_savepoint(db, hook, attempt, attempt_id):
                    db.later.append(functools.partial(self._notify_one, hook=hook, attempt=attempt, attempt_id=attempt_id))
                continue
            await self._notify_one(db, hook=hook, attempt=attempt, attempt_id=attempt_id)

    @staticmethod
    async def _notify_one(db: aiosqlite.Connection, *, hook: AttemptHook, attempt: Attempt, attempt_id: int) -> None:
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
            if isinstance(db, ThreadConnection):
                if hook not in self._threaded or not await _in_savepoint(db, hook, written):
                    db.later.append(functools.partial(self._notify_batch_one, hook=hook, written=written))
                continue
            await self._notify_batch_one(db, hook=hook, written=written)

    async def _notify_batch_one(
        self, db: aiosqlite.Connection, *, hook: BatchHook, written: Sequence[tuple[Attempt, int]]
    ) -> None:
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
                return
            log.warning("a batch hook failed on %d attempts; running it on each alone", len(written))
            for one in written:  # one bad attempt loses only its own follow-up
                await self._notify_batch_alone(db, hook, one)
            return
        await db.execute(f"RELEASE {_SAVEPOINT}")

    async def _notify_batch_alone(self, db: aiosqlite.Connection, hook: BatchHook, one: tuple[Attempt, int]) -> None:
        async def alone(db: aiosqlite.Connection, attempt: Attempt, attempt_id: int) -> None:
            await hook(db, [(attempt, attempt_id)])

        await self._notify_one(db, hook=alone, attempt=one[0], attempt_id=one[1])


async def _in_savepoint(db: ThreadConnection, hook: Callable[..., Awaitable[None]], *args: object) -> bool:
    """In the database thread: run ``hook(db, *args)`` to its end in a savepoint. False (its writes rolled
    back) when it could not finish there: it suspended, or failed; the caller runs it again on the loop."""
    await db.execute(f"SAVEPOINT {_SAVEPOINT}")
    try:
        drive(cast(Coroutine[Any, Any, None], hook(db, *args)))
    except Exception as exc:
        log.debug("a hook did not finish in the database thread (%r); it runs again on the event loop", exc)
        await db.execute(f"ROLLBACK TO {_SAVEPOINT}")
        await db.execute(f"RELEASE {_SAVEPOINT}")
        return False
    await db.execute(f"RELEASE {_SAVEPOINT}")
    return True
