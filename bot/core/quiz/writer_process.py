"""The group commit of answers in a process of its own (``TUTOR_WRITER_PROCESS``).

On SQLite a group commit runs in the database connection's thread (``attempts.transaction_in_thread``), but
that thread shares the interpreter lock with the event loop: at 2,000 answers a second both want it all the
time, and each waits for the other (bench_answers.py). Here the same transactions are written by a child
process with its own interpreter and its own connection to the same database file (WAL: the bot's reads see
every commit): claims, attempts and the spaced-repetition hook (``commit.write_answers``, the code the thread
runs), one transaction per batch. The child does nothing else, so it runs them on its main thread, straight
over ``sqlite3``, with no event loop. On PostgreSQL the child runs its own ``GroupCommit`` on its own pool and
event loop: the bot's loop no longer does the driver's work for the answers.

The bot sends each answer (``WriterProcess.write``) and gets its id, and whether it won its question's first
place, once the child has committed it (``synchronous=FULL``: on disk). The answers of one turn of the event
loop go in one message, and while ``IN_FLIGHT`` messages wait for their acknowledgement the new ones wait in
the bot and leave together with the next acknowledgement; but ``SEND_AT`` of them leave at once, so that in a
long turn of the loop the child writes the first answers while the loop grades the others. The child writes every message that has come in
one transaction: answers that come while it writes a batch go into the next one, as in the thread.

The child runs only the hooks it knows (``commit.CHILD_HOOKS``: the review hook the composition root
subscribes); ``GroupCommit`` sends answers there only while the attempt writer has exactly those subscribed,
and otherwise writes them in the thread as before. Until the child has said it is ready, and after it has
stopped (crashed, killed), answers are written in the bot's process too; the answers it had not acknowledged
get ``CommitUnconfirmed``: it may have committed some of them just before it stopped, so the quiz tells the member
it could not check whether the answer was saved and keeps the try used (answering again never counts twice). Each
carries its answer's key (``session.answer_key``): once the child has ended nothing can commit the answer any more,
so the quiz settles it by looking the key up (``store.settle``) before the reveal and the summary.

The child keeps nothing between batches that the bot could change: member settings (a review's target
retention) are read again for every batch (``ReviewMembers.forget``). Its log goes to the bot's stderr. It
ignores SIGINT and SIGTERM: the bot tells it when to stop by closing its end of the socket (on ``close``, or
by dying), and it writes what it was given before it exits.

Frames on the socket: a 4-byte big-endian length, then a pickle. The bot's first says which database
(``{"db": path}`` or ``{"url": url}``: no password on the command line); then it sends lists of ``(seq,
answer, second_points)`` (``_pack``). The child answers ``"ready"`` once, then lists of ``(seq, attempt_id,
first, error)``, ``error`` None or ``(kind, message, xid, pid)`` (``_error_of``): kind ``"storage"`` (not saved),
``"unconfirmed"`` (PostgreSQL lost the connection while it committed and could not be asked whether the commit
landed: the bot raises ``CommitUnconfirmed`` with the transaction and server process, ``xid`` and ``pid``, and the
answer's key, so that it can settle it itself) or ``"bug"``.
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
from typing import TYPE_CHECKING, Any, cast

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz.commit import GroupCommit, NotSent, write_answers
from bot.core.storage.problems import CommitUnconfirmed
from bot.core.storage.quiz_queries import FirstClaim
from bot.core.storage.store import StoreError

if TYPE_CHECKING:
    from bot.core.storage.attempts import AttemptWriter

log = logging.getLogger(__name__)

_LENGTH = struct.Struct(">I")
#: How long ``start`` waits for the child to open the database and say it is ready.
START_SECONDS = 30.0
#: How long ``close`` waits for the child to write what it has and exit before it is killed.
CLOSE_SECONDS = 10.0

Request = tuple[int, tuple[object, ...], int]  # (seq, ``_pack``ed answer and claim, second_points)
#: A write's error as it crosses to the bot: ``(kind, message, xid, pid)`` (``_error_of``).
Error = tuple[str, str, int | None, int | None]
Reply = tuple[int, int, bool, Error | None]


#: Messages the bot may have sent that the child has not wholly acknowledged: while there are this many, the
#: answers that arrive wait for the next acknowledgement and then leave together (the child is busy anyway),
#: one message for many answers instead of one for each turn of the event loop.
IN_FLIGHT = 2
#: Answers waiting to be sent that leave at once, whatever is in flight: under a burst one turn of the loop
#: grades hundreds of answers, and the child writes the first of them while the loop grades the rest, instead
#: of waiting for the end of the turn (bench_answers.py flat out: about 5,500 answers/s without, 7,100-8,200
#: with 16 to 128 here).
SEND_AT = 32


def _pack(attempt: Attempt, claim: FirstClaim | None) -> tuple[object, ...]:
    """An answer as plain values: 32 answers go to the child and back (pickled, unpickled, rebuilt) in about
    145 µs this way against about 265 µs as the dataclasses themselves (three runs each)."""
    a = attempt
    return (
        a.guild_id, a.channel_id, a.user_id, a.user_name, a.card_key, str(a.source), a.response, str(a.verdict),
        a.points, a.created_at, a.session_id, a.id, a.extra,
        None if claim is None else (claim.quiz_id, claim.question, claim.card_key, claim.user_id, claim.at),
    )


def _unpack(values: tuple[Any, ...]) -> tuple[Attempt, FirstClaim | None]:
    (guild_id, channel_id, user_id, user_name, card_key, source, response, verdict, points, created_at, session_id,
     attempt_id, extra, claim) = values
    attempt = Attempt(
        guild_id=guild_id, channel_id=channel_id, user_id=user_id, user_name=user_name, card_key=card_key,
        source=Source(source), response=response, verdict=VerdictKind(verdict), points=points,
        created_at=created_at, session_id=session_id, id=attempt_id, extra=extra,
    )
    return attempt, None if claim is None else FirstClaim(*claim)


def _unframe(buffer: bytearray) -> list[Any]:
    """The whole frames at the start of ``buffer``, taken out of it (a partial frame stays for later)."""
    found = []
    while len(buffer) >= _LENGTH.size:
        (size,) = _LENGTH.unpack_from(buffer)
        if len(buffer) < _LENGTH.size + size:
            break
        found.append(pickle.loads(buffer[_LENGTH.size : _LENGTH.size + size]))  # noqa: S301  (bot and child only)
        del buffer[: _LENGTH.size + size]
    return found


def _frame(payload: object) -> bytes:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


@dataclass(slots=True)
class _Outgoing:
    """A write sent (or about to be) to the child, waiting for its acknowledgement."""

    attempt: Attempt
    claim: FirstClaim | None
    second_points: int
    future: asyncio.Future[tuple[int, bool]]


class _Link(asyncio.Protocol):
    """The bot's end of the socket: the child's frames are handled as they arrive (``data_received``),
    so an answer's task is woken on the turn its acknowledgement arrives, not on a reader task's turn after."""

    def __init__(self, owner: WriterProcess) -> None:
        loop = asyncio.get_running_loop()
        self.owner = owner
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.hello: asyncio.Future[object] = loop.create_future()
        self.lost: asyncio.Future[None] = loop.create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        for frame in _unframe(self.buffer):
            if not self.hello.done():
                self.hello.set_result(frame)
            else:
                self.owner._replies(frame)  # noqa: SLF001

    def eof_received(self) -> bool:
        return False  # the transport closes: the child has ended

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.hello.done():
            self.hello.set_result(None)
        if not self.lost.done():
            self.lost.set_result(None)
        self.owner._stopped()  # noqa: SLF001


@dataclass
class WriterProcess:
    """The bot's end: starts the child, sends it answers, hands back its acknowledgements."""

    #: The SQLite file the child writes to, or (``url``) the PostgreSQL database.
    path: Path | None = None
    url: str | None = None
    #: Set once the child has said it is ready; cleared for good when it stops.
    ready: bool = False
    _process: asyncio.subprocess.Process | None = None
    _link: _Link | None = None
    _pending: dict[int, tuple[int, _Outgoing]] = field(default_factory=dict)  # seq -> (message, write)
    _messages: dict[int, int] = field(default_factory=dict)  # message -> writes not acknowledged yet
    _message: int = 0
    _outbox: list[tuple[int, _Outgoing]] = field(default_factory=list)
    _flush_scheduled: bool = False
    _seq: int = 0
    _closing: bool = False

    @property
    def pid(self) -> int | None:
        """The child's process id (None when none runs)."""
        return None if self._process is None else self._process.pid

    async def start(self) -> None:
        """Start the child and wait until it has opened the database (raises ``StoreError`` if it cannot)."""
        ours, theirs = socket.socketpair()
        try:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.core.quiz.writer_process", "--fd", str(theirs.fileno()),
                pass_fds=(theirs.fileno(),), stdin=asyncio.subprocess.DEVNULL,
            )
        except OSError as exc:
            ours.close()
            raise StoreError(f"could not start the writer process: {exc}") from exc
        finally:
            theirs.close()
        try:
            _, self._link = await asyncio.get_running_loop().create_connection(lambda: _Link(self), sock=ours)
            assert self._link.transport is not None
            self._link.transport.write(_frame({"url": self.url} if self.url else {"db": str(self.path)}))
            try:
                hello = await asyncio.wait_for(asyncio.shield(self._link.hello), START_SECONDS)
            except TimeoutError:
                hello = None
        except BaseException:
            self._closing = True
            ours.close()
            await self._stop_process()
            raise
        if hello != "ready":
            self._closing = True
            await self._stop_process()
            where = str(self.path)
            if self.url is not None:
                from bot.core.storage.pg.store import safe_url  # asyncpg is loaded only for PostgreSQL

                where = safe_url(self.url)
            raise StoreError(f"the writer process could not open {where} (see its log above)")
        self.ready = True

    def write(self, attempt: Attempt, claim: FirstClaim | None, second_points: int) -> asyncio.Future[tuple[int, bool]]:
        """Send one answer; the future gives ``(attempt id, first)`` once the child has committed it. The
        answers of one turn of the event loop leave in one message, at the end of the turn."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[int, bool]] = loop.create_future()
        self._seq += 1
        out = _Outgoing(attempt, claim, second_points, future)
        self._outbox.append((self._seq, out))
        if len(self._outbox) >= SEND_AT:
            self._flush()  # a long turn of the loop: the child starts on these while the loop goes on
        elif not self._flush_scheduled and len(self._messages) < IN_FLIGHT:
            self._flush_scheduled = True
            loop.call_soon(self._flush)
        return future

    def _flush(self) -> None:
        self._flush_scheduled = False
        box, self._outbox = self._outbox, []
        transport = self._link.transport if self._link is not None else None
        # A caller that gave up before its answer left is left out, as before a batch begins in the thread.
        requests: list[Request] = []
        self._message += 1
        for seq, out in box:
            if out.future.done():
                continue
            if not self.ready or transport is None:
                out.future.set_exception(NotSent("the writer process has stopped"))
                continue
            self._pending[seq] = (self._message, out)
            requests.append((seq, _pack(out.attempt, out.claim), out.second_points))
        if requests and transport is not None:
            self._messages[self._message] = len(requests)
            transport.write(_frame(requests))

    def _replies(self, replies: list[Reply]) -> None:
        """A frame of acknowledgements: each answer's future ends (in the order the child wrote them)."""
        for seq, attempt_id, first, error in replies:
            sent = self._pending.pop(seq, None)
            if sent is None:
                continue
            message, out = sent
            left = self._messages[message] - 1
            if left:
                self._messages[message] = left
            else:
                del self._messages[message]
            if out.future.done():
                continue
            if error is None:
                out.future.set_result((attempt_id, first))
            else:
                out.future.set_exception(_raised(error, out.attempt))
        if self._outbox and not self._flush_scheduled and len(self._messages) < IN_FLIGHT:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _stopped(self) -> None:
        """The child has gone: answers go back to the thread. Those it had not acknowledged fail with
        ``CommitUnconfirmed`` (it may have committed them); those never sent get ``NotSent`` (the caller writes them itself)."""
        if self.ready and not self._closing:
            log.error("the writer process stopped; answers are written in the bot's own process from now on")
        self.ready = False
        pending, self._pending = self._pending, {}
        self._messages.clear()
        for _, out in pending.values():
            if not out.future.done():
                # (it may have committed the answer just before it stopped: neither saved nor lost, so that the
                # caller keeps the member's try used and an answer given again never counts twice)
                # (settled by its key: nothing can commit it once the child has ended)
                out.future.set_exception(CommitUnconfirmed(
                    "the writer process stopped before it acknowledged the answer: it may have saved it or not",
                    key=_key_of(out.attempt),
                ))
        box, self._outbox = self._outbox, []
        for _, out in box:
            if not out.future.done():
                out.future.set_exception(NotSent("the writer process stopped before the answer was sent"))

    async def close(self) -> None:
        """Let the child write what it has and exit (killed after ``CLOSE_SECONDS``)."""
        self._closing = True
        if self._outbox:
            self._flush()
        link = self._link
        if link is not None and link.transport is not None and not link.transport.is_closing():
            with contextlib.suppress(OSError):
                link.transport.write_eof()  # the child writes what it was sent, answers, and exits
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(link.lost), CLOSE_SECONDS)
        await self._stop_process()

    async def _stop_process(self) -> None:
        link, self._link = self._link, None
        if link is not None and link.transport is not None:
            link.transport.close()
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), CLOSE_SECONDS)
        except TimeoutError:
            log.warning("the writer process did not exit; killing it")
            process.kill()
            await process.wait()
        self.ready = False


# -- the child -------------------------------------------------------------------------------------------


def _error_of(exc: BaseException) -> Error:
    """``("unconfirmed", …, xid, pid)`` for a commit whose outcome could not be found out (``CommitUnconfirmed``:
    the quiz keeps the try used and settles it later), ``("storage", …)`` for what the quiz reports as not saved
    (``commit.STORAGE_ERRORS``), else a bug."""
    from bot.core.storage.problems import STORAGE_ERRORS, unconfirmed_commit

    unconfirmed = unconfirmed_commit(exc)
    if unconfirmed is not None:
        return ("unconfirmed", f"{type(unconfirmed).__name__}: {unconfirmed}", unconfirmed.xid, unconfirmed.pid)
    if isinstance(exc, STORAGE_ERRORS):
        return ("storage", f"{type(exc).__name__}: {exc}", None, None)
    return ("bug", f"{type(exc).__name__}: {exc}", None, None)


def _key_of(attempt: Attempt) -> str | None:
    """The key ``attempt`` is stored with (``attempts.attempt_key``), if it has one."""
    key = attempt.extra.get("key")
    return key if isinstance(key, str) else None


def _raised(error: Error, attempt: Attempt) -> Exception:
    """On the bot's side: what a write the child answered with ``error`` raises (``_error_of``)."""
    kind, message, xid, pid = error
    if kind == "unconfirmed":
        return CommitUnconfirmed(message, xid=xid, pid=pid, key=_key_of(attempt))
    if kind == "storage":
        return StoreError(message)
    return RuntimeError(f"the writer process failed: {message}")


def connect(path: Path) -> sqlite3.Connection:
    """The child's connection, with the store's settings for a writer (``Store._connect``): the bot has
    opened, migrated and checked the file already; its schema must be this code's."""
    from bot.core.storage.store import SQLITE_BUSY_TIMEOUT, WAL_AUTOCHECKPOINT, database_error, schema_version

    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT)  # the waits: begin_immediate_raw
    except sqlite3.Error as exc:
        raise database_error(path, exc) from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA synchronous=FULL")  # a commit is on disk before the bot is told
        conn.execute(f"PRAGMA wal_autocheckpoint={int(WAL_AUTOCHECKPOINT)}").fetchall()
        conn.execute("PRAGMA foreign_keys=ON")
        # A hook's savepoint keeps the pages it changes in a sub-journal: in memory rather than in a temporary
        # file created, written and deleted for every batch (bench_answers.py --paths process, 6 s at 2,000
        # answers/s: the child's system time 1.32 / 1.38 / 1.40 s against 2.17 / 2.19 s in single runs). They
        # hold one batch's pages at most.
        conn.execute("PRAGMA temp_store=MEMORY")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != schema_version():
            raise StoreError(f"the database {path} has schema version {version}, not {schema_version()}")
    except BaseException:
        conn.close()
        raise
    return conn


class _Frames:
    """The bot's messages, read off the socket (blocking: the child has nothing else to do)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.ended = False

    def _complete(self) -> list[Any]:
        return _unframe(self.buffer)

    def _recv(self, flags: int = 0) -> bool:
        try:
            data = self.sock.recv(1 << 20, flags)
        except BlockingIOError:
            return False
        if not data:
            self.ended = True
            return False
        self.buffer += data
        return True

    def take(self) -> list[Any] | None:
        """Every message that has come, waiting for the first; None once the bot has closed its end."""
        found = self._complete()
        while not found:
            if self.ended or not self._recv():
                return None if self.ended else found
            found = self._complete()
        while not self.ended and self._recv(socket.MSG_DONTWAIT):  # and those right behind it: one transaction
            found += self._complete()
        return found


def write_batch(
    conn: sqlite3.Connection, writer: AttemptWriter, requests: list[Request]
) -> list[Reply]:
    """One transaction of the requests' answers (``commit.write_answers``, hooks included), committed; the
    replies. If it fails, nothing of it is kept and every reply carries the error."""
    from bot.core.storage.attempts import ThreadConnection, drive, rollback_raw
    from bot.core.storage.store import begin_immediate_raw

    answers = []
    for _, packed, second_points in requests:
        attempt, claim = _unpack(packed)
        answers.append((attempt, claim, second_points))
    db = ThreadConnection(cast(Any, _Raw(conn)))
    try:
        begin_immediate_raw(conn)
        try:
            written = drive(write_answers(writer, cast(Any, db), answers))
            if db.later:
                raise RuntimeError("a hook on the answers could not finish in the writer process")
            conn.execute("COMMIT")
        except BaseException:
            rollback_raw(conn)
            raise
    except Exception as exc:  # noqa: BLE001  (told to the bot, which raises it for each answer)
        log.warning("a batch of %d answers could not be written", len(requests), exc_info=True)
        error = _error_of(exc)
        return [(seq, 0, False, error) for seq, _, _ in requests]
    return [(seq, attempt_id, first, None) for (seq, _, _), (attempt_id, first) in zip(requests, written, strict=True)]


@dataclass(slots=True)
class _Raw:
    """What ``ThreadConnection`` reads of an aiosqlite connection: its ``sqlite3`` connection."""

    _conn: sqlite3.Connection


def serve(fd: int) -> None:
    """The child: the bot's first message says which database (``{"db": path}`` or ``{"url": url}``, so that
    no password shows in the process list); then write the answers it sends, each batch in one transaction,
    until it closes its end."""
    sock = socket.socket(fileno=fd)
    sock.setblocking(True)
    frames = _Frames(sock)
    try:
        opening = frames.take()
        if not opening:
            return
        target = opening[0]
        if "url" in target:
            asyncio.run(_serve_postgres(sock, str(target["url"])))
        else:
            _serve_sqlite(sock, frames, Path(target["db"]))
    finally:
        sock.close()


def _serve_sqlite(sock: socket.socket, frames: _Frames, path: Path) -> None:
    """SQLite: every message that has come, in one transaction on the child's main thread."""
    from bot.core.catalog import Catalog
    from bot.core.review import ReviewService
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

    conn = connect(path)
    try:
        writer = AttemptWriter()
        # Every call the hook makes is given the batch's connection: the store is never used.
        review = ReviewService(store=cast(Store, None), catalog=Catalog([]), attempts=writer)
        writer.subscribe_batch(review.on_attempts, in_thread=True)
        sock.sendall(_frame("ready"))
        while (messages := frames.take()) is not None:
            requests = [request for message in messages for request in message]
            review.members.forget()  # the bot may have changed a member's settings since the last batch
            sock.sendall(_frame(write_batch(conn, writer, requests)))
    finally:
        conn.close()


async def _serve_postgres(sock: socket.socket, url: str) -> None:
    """PostgreSQL: the answers go through the child's own ``GroupCommit`` (its pool, its event loop), which
    writes those that come while a batch is being written as the next batch, as in the bot."""
    from bot.core.catalog import Catalog
    from bot.core.review import ReviewService
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.pg.compat import PgCompatStore
    from bot.core.storage.store import Store

    store = cast(Store, await PgCompatStore.open(url, migrate=False))
    await store.serving()  # the bot has started: its answers wait for another process's locks as the bot's do
    try:
        writer = AttemptWriter()
        review = ReviewService(store=store, catalog=Catalog([]), attempts=writer)
        writer.subscribe_batch(review.on_attempts, in_thread=True)
        commits = GroupCommit(store, writer)
        loop = asyncio.get_running_loop()
        link = _ChildLink(commits, review)
        sock.setblocking(False)
        await loop.create_connection(lambda: link, sock=sock)
        link.send("ready")
        await link.ended
        if link.waiting:
            await asyncio.wait(set(link.waiting))
        await asyncio.sleep(0)  # the last acknowledgements leave at the end of that turn
        link.close()
        await link.lost
    finally:
        await store.close()


class _ChildLink(asyncio.Protocol):
    """The PostgreSQL child's end of the socket: each answer queued in its ``GroupCommit`` as it arrives,
    acknowledged once its batch has committed (a turn's acknowledgements in one message)."""

    def __init__(self, commits: GroupCommit, review: Any) -> None:
        loop = asyncio.get_running_loop()
        self.commits = commits
        self.review = review
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.replies: list[Reply] = []
        self.waiting: set[asyncio.Future[None]] = set()
        self.ended: asyncio.Future[None] = loop.create_future()
        self.lost: asyncio.Future[None] = loop.create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def send(self, payload: object) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(_frame(payload))

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        for requests in _unframe(self.buffer):
            self.review.members.forget()  # the bot may have changed a member's settings meanwhile
            for seq, packed, second_points in requests:
                attempt, claim = _unpack(packed)
                item = self.commits.submit(attempt, claim, second_points)
                self.waiting.add(item.future)
                item.future.add_done_callback(functools.partial(self._acknowledge, seq, item))

    def _acknowledge(self, seq: int, item: Any, future: asyncio.Future[None]) -> None:
        self.waiting.discard(future)
        if not self.replies:
            asyncio.get_running_loop().call_soon(self._send_replies)
        if future.cancelled():
            self.replies.append((seq, 0, False, ("storage", "the write was cancelled", None, None)))
        elif (exc := future.exception()) is not None:
            self.replies.append((seq, 0, False, _error_of(exc)))
        else:
            self.replies.append((seq, item.attempt_id, item.first, None))

    def _send_replies(self) -> None:
        replies, self.replies = self.replies, []
        if replies:
            self.send(replies)

    def eof_received(self) -> bool:
        if not self.ended.done():
            self.ended.set_result(None)
        return True  # keep the socket open for the last acknowledgements

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        for future in (self.ended, self.lost):
            if not future.done():
                future.set_result(None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tutorbot's writer process (started by the bot itself)")
    parser.add_argument("--fd", type=int, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s writer %(levelname)s %(name)s: %(message)s")
    from bot.core.memory import SWITCH_INTERVAL

    sys.setswitchinterval(SWITCH_INTERVAL)
    # The bot tells it when to stop (it closes its end, or dies): a Ctrl-C or a stop signal meant for the
    # whole group must not cut the child off in the middle of the answers the bot still waits for.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        serve(args.fd)
    except (StoreError, sqlite3.Error, OSError) as exc:
        log.error("the writer process could not go on: %s", exc)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
