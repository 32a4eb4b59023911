"""The group commit of answers in a process of its own (``TUTOR_WRITER_PROCESS``, SQLite only).

On SQLite a group commit runs in the database connection's thread (``attempts.transaction_in_thread``), but
that thread shares the interpreter lock with the event loop: at 2,000 answers a second both want it all the
time, and each waits for the other (bench_answers.py). Here the same transactions are written by a child
process with its own interpreter, its own connection to the same database file (WAL: the bot's reads see
every commit), and its own ``GroupCommit``: claims, attempts and the spaced-repetition hook, exactly the code
that runs in the thread, in one transaction per batch.

The bot sends each answer (``WriterProcess.write``; the answers of one turn of the event loop go in one
message) and gets its id, and whether it won its question's first place, once the child has committed it
(``synchronous=FULL``: on disk). Answers that reach the child while it writes a batch go into the next one,
as in the thread.

The child writes only the hooks it knows (``commit.CHILD_HOOKS``: the review hook the composition root subscribes);
``GroupCommit`` sends a batch there only while the attempt writer has exactly those subscribed, and otherwise
writes it in the thread as before. Until the child has said it is ready, and after it has stopped (crashed,
killed), answers are written in the thread too; the answers it had not acknowledged get ``StoreError`` (the
quiz reports them as not saved), although the child may have committed some of them just before it stopped.

The child holds no state of its own between batches that the bot could change: member settings (a review's
target retention) are read again for every message (``ReviewMembers.forget``). Its stderr is the bot's.

Frames on the socket: a 4-byte big-endian length, then a pickle. The bot sends lists of ``(seq, attempt,
claim, second_points)``; the child answers ``"ready"`` once, then lists of ``(seq, attempt_id, first,
error)``, ``error`` None or ``(kind, message)``. The bot closing its end is the child's signal to write what
it has, answer, and exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import logging
import os
import pickle
import signal
import socket
import sqlite3
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.models import Attempt
from bot.core.storage.quiz_queries import FirstClaim
from bot.core.storage.store import StoreError

log = logging.getLogger(__name__)

_LENGTH = struct.Struct(">I")
#: How long ``start`` waits for the child to open the database and say it is ready.
START_SECONDS = 30.0
#: How long ``close`` waits for the child to write what it has and exit before it is killed.
CLOSE_SECONDS = 10.0

Request = tuple[int, Attempt, FirstClaim | None, int]
Reply = tuple[int, int, bool, tuple[str, str] | None]


def _frame(payload: object) -> bytes:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


async def _read_frame(reader: asyncio.StreamReader) -> Any:
    """The next frame's object; None at the end of the stream."""
    try:
        head = await reader.readexactly(_LENGTH.size)
        (size,) = _LENGTH.unpack(head)
        return pickle.loads(await reader.readexactly(size))  # noqa: S301  (our own child, over a socketpair)
    except asyncio.IncompleteReadError:
        return None


@dataclass(slots=True)
class _Outgoing:
    """A write sent (or about to be) to the child, waiting for its acknowledgement."""

    attempt: Attempt
    claim: FirstClaim | None
    second_points: int
    future: asyncio.Future[tuple[int, bool]]


@dataclass
class WriterProcess:
    """The bot's end: starts the child, sends it answers, hands back its acknowledgements."""

    path: Path
    #: Set once the child has said it is ready; cleared for good when it stops.
    ready: bool = False
    _process: asyncio.subprocess.Process | None = None
    _writer: asyncio.StreamWriter | None = None
    _reader_task: asyncio.Task[None] | None = None
    _pending: dict[int, _Outgoing] = field(default_factory=dict)
    _outbox: list[tuple[int, _Outgoing]] = field(default_factory=list)
    _flush_scheduled: bool = False
    _seq: int = 0
    _closing: bool = False

    async def start(self) -> None:
        """Start the child and wait until it has opened the database (raises ``StoreError`` if it cannot)."""
        ours, theirs = socket.socketpair()
        try:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.core.quiz.writer_process", "--fd", str(theirs.fileno()),
                "--db", str(self.path), pass_fds=(theirs.fileno(),), stdin=asyncio.subprocess.DEVNULL,
            )
        except OSError as exc:
            ours.close()
            raise StoreError(f"could not start the writer process: {exc}") from exc
        finally:
            theirs.close()
        reader, self._writer = await asyncio.open_connection(sock=ours)
        try:
            hello = await asyncio.wait_for(_read_frame(reader), START_SECONDS)
        except TimeoutError:
            hello = None
        if hello != "ready":
            await self._stop_process()
            raise StoreError(f"the writer process could not open {self.path} (see its log above)")
        self.ready = True
        self._reader_task = asyncio.get_running_loop().create_task(self._read(reader))

    def write(self, attempt: Attempt, claim: FirstClaim | None, second_points: int) -> asyncio.Future[tuple[int, bool]]:
        """Send one answer; the future gives ``(attempt id, first)`` once the child has committed it. The
        answers of one turn of the event loop leave in one message, at the end of the turn."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[int, bool]] = loop.create_future()
        self._seq += 1
        out = _Outgoing(attempt, claim, second_points, future)
        self._outbox.append((self._seq, out))
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_soon(self._flush)
        return future

    def _flush(self) -> None:
        self._flush_scheduled = False
        box, self._outbox = self._outbox, []
        # A caller that gave up before its answer left is left out, as before a batch begins in the thread.
        requests: list[Request] = []
        for seq, out in box:
            if out.future.done():
                continue
            if not self.ready or self._writer is None:
                out.future.set_exception(StoreError("the writer process has stopped"))
                continue
            self._pending[seq] = out
            requests.append((seq, out.attempt, out.claim, out.second_points))
        if requests and self._writer is not None and self.ready:
            self._writer.write(_frame(requests))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while (replies := await _read_frame(reader)) is not None:
                for seq, attempt_id, first, error in replies:
                    out = self._pending.pop(seq, None)
                    if out is None or out.future.done():
                        continue
                    if error is None:
                        out.future.set_result((attempt_id, first))
                    elif error[0] == "storage":
                        out.future.set_exception(StoreError(error[1]))
                    else:
                        out.future.set_exception(RuntimeError(f"the writer process failed: {error[1]}"))
        except Exception:
            log.exception("the writer process's replies could not be read")
        finally:
            self._stopped()

    def _stopped(self) -> None:
        """The child has gone: answers go back to the thread, and those it had not acknowledged fail."""
        self.ready = False
        if not self._closing:
            log.error("the writer process stopped; answers are written in the bot's own process from now on")
        pending, self._pending = self._pending, {}
        for out in pending.values():
            if not out.future.done():
                out.future.set_exception(StoreError("the writer process stopped before it acknowledged the answer"))

    async def close(self) -> None:
        """Let the child write what it has and exit (killed after ``CLOSE_SECONDS``)."""
        self._closing = True
        if self._outbox:
            self._flush()
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.write_eof()
        if self._reader_task is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._reader_task), CLOSE_SECONDS)
        await self._stop_process()
        self.ready = False

    async def _stop_process(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError, ConnectionError):
                await self._writer.wait_closed()
            self._writer = None
        if self._reader_task is not None and not self._reader_task.done():
            self._reader_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader_task
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), CLOSE_SECONDS)
        except TimeoutError:
            log.warning("the writer process did not exit; killing it")
            process.kill()
            await process.wait()


# -- the child -------------------------------------------------------------------------------------------


def _error_of(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, sqlite3.Error | StoreError | OSError):
        return ("storage", f"{type(exc).__name__}: {exc}")
    return ("bug", f"{type(exc).__name__}: {exc}")


async def serve(fd: int, path: Path) -> None:
    """The child: write the answers the bot sends, each batch in one transaction, until it closes its end."""
    from bot.core.catalog import Catalog
    from bot.core.quiz.commit import GroupCommit
    from bot.core.review import ReviewService
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

    sock = socket.socket(fileno=fd)
    reader, writer = await asyncio.open_connection(sock=sock)
    store = await Store.attach(path)
    attempts = AttemptWriter()
    review = ReviewService(store=store, catalog=Catalog([]), attempts=attempts)
    attempts.subscribe_batch(review.on_attempts, in_thread=True)
    commits = GroupCommit(store, attempts)
    loop = asyncio.get_running_loop()
    replies: list[Reply] = []
    waiting: set[asyncio.Future[None]] = set()

    def send() -> None:
        nonlocal replies
        if replies:
            out, replies = replies, []
            writer.write(_frame(out))

    def acknowledge(seq: int, item: Any, future: asyncio.Future[None]) -> None:
        waiting.discard(future)
        if not replies:
            loop.call_soon(send)  # the batch's replies leave together, at the end of the turn
        if future.cancelled():
            replies.append((seq, 0, False, ("storage", "the write was cancelled")))
        elif (exc := future.exception()) is not None:
            replies.append((seq, 0, False, _error_of(exc)))
        else:
            replies.append((seq, item.attempt_id, item.first, None))

    writer.write(_frame("ready"))
    try:
        while (requests := await _read_frame(reader)) is not None:
            review.members.forget()  # the bot may have changed a member's settings since the last batch
            for seq, attempt, claim, second_points in requests:
                item = commits.submit(attempt, claim, second_points)
                waiting.add(item.future)
                item.future.add_done_callback(functools.partial(acknowledge, seq, item))
        if waiting:
            await asyncio.wait(set(waiting))
        await asyncio.sleep(0)  # the last acknowledgements' send
        send()
        await writer.drain()
    finally:
        writer.close()
        with contextlib.suppress(OSError, ConnectionError):
            await writer.wait_closed()
        await store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tutorbot's writer process (started by the bot itself)")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s writer %(levelname)s %(name)s: %(message)s")
    from bot.core.memory import SWITCH_INTERVAL

    sys.setswitchinterval(SWITCH_INTERVAL)
    # The bot tells it when to stop (it closes its end, or dies): a Ctrl-C or a stop signal meant for the
    # whole group must not cut the child off in the middle of the answers the bot still waits for.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        asyncio.run(serve(args.fd, args.db))
    except (StoreError, sqlite3.Error, OSError) as exc:
        log.error("the writer process could not go on: %s", exc)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
