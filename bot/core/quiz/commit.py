"""Group commit of graded answers: concurrent answers share one transaction.

``GroupCommit.write(attempt)`` returns the attempt's id once the transaction holding that attempt has
committed (or raises what made it fail). While one transaction is being written, the answers that arrive
queue up and go into the next one together (``AttemptWriter.add_batch``), so a burst of answers costs a few
commits instead of one each. The transactions are written by a task of their own, started by the first
answer to find none running and ended when the queue is empty: every answer returns as soon as its own
transaction has committed (an answer never waits for the batches after it), and an answer whose caller gave
up (cancelled) before its batch began is left out.

``GroupCommit.write_first(attempt, claim, second_points)`` writes a correct answer that may be the first to
its question: in the same transaction, before the attempt is inserted, it claims the question's row in
``quiz_first_correct``. The database decides, whichever process graded the answer: the winner's attempt is
stored as it came; a loser's is stored with ``second_points`` (what a later right answer scores), and the
caller is told which it was.

On SQLite the database's thread runs the whole transaction without waiting for the event loop in between
(``attempts.transaction_in_thread``): ``BEGIN``, claims, attempts and the attempt writer's hooks in one call,
the ``COMMIT`` queued right behind it. A batch waits for the loop once instead of three times, and its
answers are told on the loop's first turn after the commit, not on the flusher's (a turn later). And once it
has committed, the thread takes the answers queued meanwhile and writes them as the next transaction at once
(``then``), and so on while answers keep coming (up to ``CHAIN_SECONDS``, so that other writers get their
turn): a busy event loop never leaves the database idle between two batches.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

import aiosqlite

from bot.core.models import Attempt
from bot.core.storage.attempts import Chained, in_thread, transaction_in_thread
from bot.core.storage.quiz_queries import FirstClaim, QuizQueries
from bot.core.storage.store import Store, StoreError

if TYPE_CHECKING:
    from bot.core.storage.attempts import AttemptWriter

#: The hooks the writer process runs (``writer_process``): the review hook ``Services`` subscribes.
CHILD_HOOKS = ("on_attempts",)

log = logging.getLogger(__name__)


class NotSent(StoreError):
    """The writer process stopped before this answer was sent to it: nothing of it was written."""


class RemoteWriter(Protocol):
    """A writer of answers in a process of its own (``writer_process.WriterProcess``), which
    ``GroupCommit`` sends the answers to while it is ready."""

    #: Set once the other process is ready; cleared for good when it stops.
    ready: bool

    def write(self, attempt: Attempt, claim: FirstClaim | None, second_points: int) -> asyncio.Future[tuple[int, bool]]:
        """Send one answer; the future gives ``(attempt id, first)`` once it is committed, or raises
        ``NotSent`` when it was never sent (the caller writes it itself)."""


@dataclass(slots=True)
class _Item:
    attempt: Attempt
    future: asyncio.Future[None]
    claim: FirstClaim | None = None
    second_points: int = 0
    attempt_id: int = 0
    first: bool = False


#: How long the database's thread goes on writing the answers that keep arriving before it lets the event loop
#: start the next transaction (and another writer take the lock). Real time (``perf_counter``): a clock that a
#: test or a simulation stops must not keep the lock held.
CHAIN_SECONDS = 0.05
#: With the writer process on demand (``TUTOR_WRITER_PROCESS=auto``, ``GroupCommit.on_busy``): the bot asks
#: for it once this many answers a second have been written in its own process for ``BUSY_SECONDS`` seconds
#: on end (whole seconds of the clock). Below about 500 a second the two ways answer alike (bench_answers.py,
#: paced: p99 5.5 / 8.4 / 8.0 ms in the process, 6.8 / 6.2 / 6.8 ms with the child at 250 / 500 / 1,000 a
#: second, single runs); at 2,000 a second the child's p99 is about a third of the process's own (13 ms against
#: 47 ms, medians of three runs), and flat out it takes about twice as many answers.
BUSY_RATE = 500
#: One such second is enough: an 8 s run at 2,000 a second spent 1.0-1.5 s in the bot's own process with two.
BUSY_SECONDS = 1


class GroupCommit:
    """Writes attempts through the one attempt writer, batching those that arrive together."""

    #: Run a SQLite batch as one call in the database's thread (False: statement by statement from the event
    #: loop, as before; kept to compare the two in bench/bench_answers.py).
    in_thread = True
    #: With ``in_thread``: its ``BEGIN`` in the same call and its ``COMMIT`` queued right behind it (False: each
    #: a call of its own, waited for in turn, as before; kept to compare the two in bench/bench_answers.py).
    commit_in_thread = True

    #: With ``commit_in_thread``: the database's thread goes on to the answers queued meanwhile once a batch
    #: has committed (False: every batch waits for the event loop to start it, as before; kept to compare the
    #: two in bench/bench_answers.py).
    chain = True

    def __init__(self, store: Store, attempts: AttemptWriter) -> None:
        self.store = store
        self.attempts = attempts
        self._queue: list[_Item] = []
        self._flusher: asyncio.Task[None] | None = None
        #: The writer process (``writer_process``), when the bot runs one: it writes the answers while it is
        #: ready and the attempt writer has only the hooks it runs too.
        self.remote: RemoteWriter | None = None
        #: Called once, when answers written in this process have come at ``BUSY_RATE`` a second or more for
        #: ``BUSY_SECONDS`` seconds on end (the bot then starts its writer process); None: nobody asks.
        self.on_busy: Callable[[], None] | None = None
        #: The clock of that count (seconds; the real one, whatever clock the quizzes run on).
        self.ticks: Callable[[], float] = time.monotonic
        self._second = -1  # the whole second being counted, its answers, and the busy seconds just before it
        self._in_second = 0
        self._busy_before = 0

    def _to_remote(self) -> RemoteWriter | None:
        remote = self.remote
        if remote is None or not remote.ready or self.attempts.subscribed() != ((), CHILD_HOOKS):
            return None
        return remote

    async def write(self, attempt: Attempt, *, track: Callable[[asyncio.Future[None]], None] | None = None) -> int:
        """Store one attempt; returns its id once it is committed. ``track`` sees the pending write first."""
        item = await self._write(attempt, None, 0, track)
        return item.attempt_id

    async def write_first(
        self,
        attempt: Attempt,
        claim: FirstClaim,
        second_points: int,
        *,
        track: Callable[[asyncio.Future[None]], None] | None = None,
    ) -> tuple[int, bool]:
        """Store a correct answer that claims its question's first place; returns its id and whether it
        got it (if not, it was stored with ``second_points``)."""
        item = await self._write(attempt, claim, second_points, track)
        return item.attempt_id, item.first

    async def _write(
        self,
        attempt: Attempt,
        claim: FirstClaim | None,
        second_points: int,
        track: Callable[[asyncio.Future[None]], None] | None,
    ) -> _Item:
        remote = self._to_remote()
        if remote is not None:
            sent = remote.write(attempt, claim, second_points)
            if track is not None:
                track(cast("asyncio.Future[None]", sent))
            try:
                attempt_id, first = await sent
            except NotSent:
                pass  # the child stopped before it was sent: written here instead
            else:
                return _Item(attempt, cast("asyncio.Future[None]", sent), claim, second_points, attempt_id, first)
        if self.on_busy is not None:
            self._count_local()
        mine = self.submit(attempt, claim, second_points)
        if track is not None:
            track(mine.future)
        await mine.future
        return mine

    def _count_local(self) -> None:
        """Count an answer written in this process; call ``on_busy`` (once) when they come fast enough."""
        second = int(self.ticks())
        if second != self._second:
            busy = second == self._second + 1 and self._in_second >= BUSY_RATE
            self._busy_before = self._busy_before + 1 if busy else 0
            self._second, self._in_second = second, 0
        self._in_second += 1
        if self._in_second == BUSY_RATE and self._busy_before + 1 >= BUSY_SECONDS:
            on_busy, self.on_busy = self.on_busy, None
            assert on_busy is not None
            on_busy()

    def submit(self, attempt: Attempt, claim: FirstClaim | None = None, second_points: int = 0) -> _Item:
        """Queue one attempt (``claim``: as ``write_first``) for the next transaction, without waiting: its
        ``future`` ends once that has committed (``attempt_id`` and ``first`` are set then) or failed."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        mine = _Item(attempt, fut, claim, second_points)
        self._queue.append(mine)
        if self._flusher is None:
            self._flusher = loop.create_task(self._flush())
        return mine

    async def _flush(self) -> None:
        """Write the queue, batch after batch, until it is empty (the flusher task)."""
        try:
            while self._queue:
                batch = [item for item in self._queue if not item.future.done()]
                self._queue = []
                if not batch:
                    continue
                try:
                    written = await self._transaction(batch)
                except Exception as exc:
                    for item in batch:
                        if not item.future.done():
                            item.future.set_exception(exc)
                    continue
                except BaseException:  # the task itself was cancelled: nobody must wait for ever
                    left, self._queue = batch + self._queue, []
                    for item in left:
                        if not item.future.done():
                            item.future.set_exception(StoreError("the write was cancelled"))
                    raise
                self._acknowledge(batch, written)
        finally:
            self._flusher = None

    @staticmethod
    def _acknowledge(batch: list[_Item], written: list[tuple[int, bool]]) -> None:
        """The batch is committed: each of its answers gets its id (once; a caller that gave up is skipped)."""
        for item, (attempt_id, first) in zip(batch, written, strict=True):
            if not item.future.done():
                item.attempt_id, item.first = attempt_id, first
                item.future.set_result(None)

    async def _transaction(self, batch: list[_Item]) -> list[tuple[int, bool]]:
        """The batch's transaction, committed: on SQLite (``in_thread``) begun, written and committed by the
        database's thread without waiting for the loop in between; otherwise statement by statement."""
        write = functools.partial(self._write_batch, batch=batch)
        if self.in_thread and isinstance(self.store, Store):  # SQLite (PostgreSQL's store is another class)
            if self.commit_in_thread:
                started = time.perf_counter()
                return await transaction_in_thread(
                    self.store,
                    write,
                    committed=functools.partial(self._acknowledge, batch),
                    then=functools.partial(self._next_in_thread, started) if self.chain else None,
                )
            async with self.store.transaction() as db:
                return await in_thread(db, write)
        async with self.store.transaction() as db:
            return await write(db)

    def _next_in_thread(self, started: float) -> Chained[list[tuple[int, bool]]] | None:
        """In the database's thread, after a commit: the answers queued meanwhile as the next transaction, or
        None (none queued, or the write lock held ``CHAIN_SECONDS`` already). The queue is only ever swapped
        for a new list, never emptied in place, so an answer the loop queues meanwhile is in one or the other.
        A caller that gave up is left out, as on the loop (it may give up just after: its answer is stored)."""
        if time.perf_counter() - started > CHAIN_SECONDS or not self._queue:
            return None
        taken, self._queue = self._queue, []
        batch = [item for item in taken if not item.future.done()]
        if not batch:
            return None
        return Chained(
            work=functools.partial(self._write_batch, batch=batch),
            committed=functools.partial(self._acknowledge, batch),
            failed=functools.partial(self._fail, batch),
            returned=functools.partial(self._give_back, batch),
        )

    @staticmethod
    def _fail(batch: list[_Item], exc: BaseException) -> None:
        """On the loop: a chained batch failed; its answers get the error."""
        for item in batch:
            if not item.future.done():
                item.future.set_exception(exc)

    def _give_back(self, batch: list[_Item]) -> None:
        """On the loop: a chained batch could not be written in the thread; it goes first in the queue again,
        for the flusher (which is still running: it waits for the call that ran the chain)."""
        self._queue = batch + self._queue

    async def _write_batch(self, db: aiosqlite.Connection, batch: list[_Item]) -> list[tuple[int, bool]]:
        """Inside the transaction: ``write_answers`` of the batch's items."""
        return await write_answers(self.attempts, db, [(item.attempt, item.claim, item.second_points) for item in batch])


async def write_answers(
    writer: AttemptWriter, db: aiosqlite.Connection, answers: Sequence[tuple[Attempt, FirstClaim | None, int]]
) -> list[tuple[int, bool]]:
    """Inside a transaction, a group commit's answers ``(attempt, claim or None, second_points)``: claims
    first (a loser's points drop to its ``second_points``), then the attempts (``writer.add_batch``, with its
    hooks), then the link from each won claim to its attempt. ``(attempt id, first)`` per answer."""
    claims = [(i, claim) for i, (_, claim, _) in enumerate(answers) if claim is not None]
    won: dict[int, bool] = {}
    if claims:
        results = await QuizQueries.claim_first(db, [claim for _, claim in claims])
        won = {i: got for (i, _), got in zip(claims, results, strict=True)}
    attempts = [
        attempt if won.get(i, True) else dataclasses.replace(attempt, points=second)
        for i, (attempt, _, second) in enumerate(answers)
    ]
    ids = await writer.add_batch(db, attempts)
    if claims:
        await QuizQueries.link_first(db, [(claim, ids[i]) for i, claim in claims if won[i]])
    return [(attempt_id, won.get(i, False)) for i, attempt_id in enumerate(ids)]
