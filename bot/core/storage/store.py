"""The SQLite store.

Connection discipline (measured in ``bench/bench_store.py``): one writer connection guarded by an
``asyncio.Lock`` — every unit of work runs inside ``async with store.transaction() as db`` as a single
``BEGIN IMMEDIATE`` … ``COMMIT`` — and one reader connection for queries. SQLite allows one writer at a
time anyway; a long-lived connection avoids paying the open/PRAGMA cost on every answer, and WAL lets
the reader see committed data while a write is in progress.

Durability: the writer runs ``synchronous=FULL``, so a unit of work is on disk when ``transaction()``
returns and what the bot announces afterwards survives a power cut (``NORMAL`` could lose the last
commits). Answers share commits (``bot.core.quiz.commit.GroupCommit``), which keeps the cost small.

Start-up failures are one clear ``StoreError`` naming the file and the problem (damaged, read-only,
locked, disk full), with every connection closed again — no worker thread is left to keep the process
alive. Every page of a file up to ``QUICK_CHECK_MAX_BYTES`` is checked when it is opened, so damage is
found at start-up rather than in the middle of a quiz. ``Store.open(path, read_only=True)`` opens an existing database for reading only (a file on a
read-only mount).

Migrations are ``migrations/NNNN_name.sql`` files applied in order and tracked with
``PRAGMA user_version``; a database written by a newer version of the code is refused.

The store holds no feature's queries: each feature has its repository in this package (``DeckQueries``,
``QuizQueries``, ``StatsQueries`` …) and every attempt is written by ``AttemptWriter``. They take the
store and run their SQL through ``transaction()`` and ``read()``, with the helpers of ``sql`` (``fetch_one``,
``fetch_value``, ``now_ms``, ``from_ms``), which this module hands on.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from functools import partial
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import aiosqlite

from bot.core.models import Card, Deck
from bot.core.storage.deck_queries import DeckQueries, SyncReport
from bot.core.storage.problems import (
    CommitUnconfirmed,
    SchemaTooNewError,
    StoreError,
    damaged,
    database_error,
    writable,
)
from bot.core.storage.sql import Params, fetch_one, fetch_value, from_ms, now_ms

__all__ = [
    "SYNCHRONOUS",
    "Params",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "database_error",
    "fetch_one",
    "fetch_value",
    "from_ms",
    "migrations",
    "now_ms",
    "schema_version",
]

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
#: Databases up to this size are checked page by page when opened (``PRAGMA quick_check``).
QUICK_CHECK_MAX_BYTES = 512 << 20
_NOT_DAMAGE = ("NULL value in ", "CHECK constraint failed")
#: The write-ahead log's length, in pages, past which a commit copies it back into the database file (SQLite's
#: own default is 1,000). Each answer adds about eight pages to the log (the attempt and its indexes, the
#: leaderboard rows of each of its card's topics, the review state), so at a thousand answers a second the
#: default length is reached several times a second, and each time the commit that reaches it copies back
#: hundreds of pages that the next second changes again. Ten thousand pages (a log of up to 40 MB) copies each
#: hot page back once per ten times as many answers: at 1,250 answers/s (bench/bench_answers.py
#: ``--checkpoint-pages 1000,10000``, 4 alternating runs) answer latency p50 10.8 -> 6.6 ms, p99 38.9 -> 29.8 ms.
WAL_AUTOCHECKPOINT = 10_000
#: The values ``Store.open(synchronous=...)`` accepts.
SYNCHRONOUS = ("FULL", "NORMAL", "EXTRA")


def migrations(package: str = "bot.core.storage") -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every shipped migration of ``package`` (SQLite's by default; the
    PostgreSQL store reads its own folder, numbered the same way), in order."""
    found: list[tuple[int, str, str]] = []
    folder = resources.files(package) / "migrations"
    for entry in folder.iterdir():
        m = MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {[n for _, n, _ in found]}")
    return found


def schema_version() -> int:
    """The newest schema version this code knows."""
    found = migrations()
    return found[-1][0] if found else 0


class Store:
    """The tutorbot database: migrations and units of work. Open with ``await Store.open(path)``."""

    def __init__(self, path: Path, writer: aiosqlite.Connection | None, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._lock = asyncio.Lock()
        self._closed = False
        self._busy_wait = STARTUP_BUSY_WAIT  # until ``serving``

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    async def open(cls, path: str | Path, *, read_only: bool = False, synchronous: str = "FULL") -> Store:
        """Open (creating if needed) the database at ``path`` and apply pending migrations.

        ``synchronous`` is SQLite's setting for the writes: ``FULL`` (a commit is on disk when it returns:
        what the bot announces survives a power cut) unless a benchmark compares it with ``NORMAL``.

        ``read_only=True`` opens an existing, up-to-date database for reading only (a file on a read-only
        mount, a copy to inspect): nothing is created or migrated, and ``transaction()`` is refused.

        Any failure raises ``StoreError`` naming the file and the problem (damaged, read-only, locked,
        disk full), with every connection already closed: nothing is left running.
        """
        path = Path(path)
        if synchronous not in SYNCHRONOUS:
            raise ValueError(f"synchronous must be one of {', '.join(SYNCHRONOUS)}, not {synchronous!r}")
        memory = str(path) == ":memory:"
        if read_only and not memory and path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file: name the database file itself")
        if read_only and (memory or not path.is_file()):
            raise StoreError(f"there is no database at {path} to open for reading")
        if not memory and not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise database_error(path, exc) from exc
        writer: aiosqlite.Connection | None = None
        reader: aiosqlite.Connection | None = None
        try:
            if not read_only:
                writer = await cls._connect(path, synchronous=synchronous)
                await cls._migrate(writer, path)
                reader = await cls._connect(path, synchronous=synchronous)
                await cls._check_pages(reader, path)
            else:
                try:
                    reader = await cls._connect(path, read_only=True)
                except (sqlite3.Error, StoreError):
                    if writable(path):
                        raise
                    # On a read-only mount SQLite cannot create the -shm file WAL reading needs; nothing can
                    # change the file there, so it may be read as immutable.
                    reader = await cls._connect(path, read_only=True, immutable=True)
                await cls._check_readable(reader, path)
                await cls._check_pages(reader, path)
        except BaseException as exc:
            for db in (reader, writer):
                if db is not None:
                    await _close_quietly(db)
            if isinstance(exc, sqlite3.Error | OSError):
                raise database_error(path, exc) from exc
            raise
        return cls(path, writer, reader)

    @staticmethod
    async def _connect(
        path: Path, *, read_only: bool = False, immutable: bool = False, synchronous: str = "FULL"
    ) -> aiosqlite.Connection:
        """A connection with the store's PRAGMAs; closed again (its worker thread ended) if any of them fails."""
        try:
            if read_only:
                uri = _read_only_uri(path) + ("&immutable=1" if immutable else "")
                db = await aiosqlite.connect(uri, uri=True, isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT)
            else:
                # SQLite's busy timeout is set here, before the first statement (the switch to WAL).
                db = await aiosqlite.connect(str(path), isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT)
        except (sqlite3.Error, OSError) as exc:  # unable to open database file
            raise database_error(path, exc) from exc
        try:
            db.row_factory = aiosqlite.Row
            if read_only:
                await db.execute("PRAGMA query_only=ON")
            else:
                await _use_wal(db)
                # FULL: a commit is on disk before it returns, so what the bot announces survives a power
                # cut (NORMAL may lose the last commits); group commit keeps the cost small (bench_store).
                await db.execute(f"PRAGMA synchronous={synchronous}")
                # (It answers with a row: fetched, so the statement ends and holds no read transaction open.)
                await db.execute_fetchall(f"PRAGMA wal_autocheckpoint={int(WAL_AUTOCHECKPOINT)}")
            await db.execute("PRAGMA foreign_keys=ON")
            # Reads the schema: a file that is not a database, or whose schema pages are damaged, fails here.
            await db.execute_fetchall("SELECT COUNT(*) FROM sqlite_master")
        except BaseException:
            await _close_quietly(db)
            raise
        return db

    @staticmethod
    async def _check_pages(db: aiosqlite.Connection, path: Path) -> None:
        """``PRAGMA quick_check``, table by table: damage anywhere is found at start-up, not mid-quiz.

        It reads every page, in the connection's thread (off the event loop): about 1 s for a database of a
        million attempts (``bench/bench_store.py``). A file over ``QUICK_CHECK_MAX_BYTES`` is not checked
        (its damage shows when it is read), so start-up stays within a few seconds.
        Findings about data (a NULL in a NOT NULL column) are not damage to the file. SQLite 3.40's
        quick_check reports such NULLs falsely, row after row, in some WITHOUT ROWID tables, which would also
        end the check before it looked further: a table with only those findings is checked again with the
        slower, exact ``integrity_check``.
        """
        size = int(await fetch_value(db, "PRAGMA page_count")) * int(await fetch_value(db, "PRAGMA page_size"))
        if size > QUICK_CHECK_MAX_BYTES:
            log.info("the database %s is %d MB: not checked at start-up", path, size // 2**20)
            return
        rows = await db.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
        for (table,) in rows:
            found = await _check_findings(db, "quick_check", table)
            if found and all(f.startswith(_NOT_DAMAGE) for f in found):
                found = await _check_findings(db, "integrity_check", table)
            damage = [f for f in found if not f.startswith(_NOT_DAMAGE)]
            if damage:
                raise damaged(path, "; ".join(damage[:2]))

    @staticmethod
    async def _check_readable(db: aiosqlite.Connection, path: Path) -> None:
        current = await fetch_value(db, "PRAGMA user_version")
        newest = schema_version()
        if current > newest:
            raise SchemaTooNewError(
                f"the database {path} has schema version {current}, but this tutorbot only knows up to "
                f"{newest}: it was written by a newer version."
            )
        if current == 0 and not await fetch_value(
            db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('attempts', 'cards')"
        ):
            raise StoreError(
                f"{path} is not a tutorbot database (it holds no tutorbot tables): name the file that "
                f"TUTOR_DB_PATH names for the bot (data/tutor.sqlite3 by default)."
            )
        if current < newest:
            raise StoreError(
                f"the database {path} has schema version {current} and needs upgrading to {newest}, which "
                f"needs write access: start tutorbot once with the file writable."
            )

    @staticmethod
    async def _migrate(db: aiosqlite.Connection, path: Path) -> None:
        current = await fetch_value(db, "PRAGMA user_version")
        known = migrations()
        newest = known[-1][0] if known else 0
        if current > newest:
            raise SchemaTooNewError(
                f"the database {path} has schema version {current}, but this tutorbot only knows up to "
                f"{newest}: it was written by a newer version. Upgrade tutorbot, or point TUTOR_DB_PATH "
                f"at another file."
            )
        for version, name, sql in known:
            if version <= current:
                continue
            await begin_immediate(db, wait=STARTUP_BUSY_WAIT)
            try:
                # Another process opening the same new file may have applied it while this one waited for
                # the write lock: read the version again under the lock.
                if await fetch_value(db, "PRAGMA user_version") >= version:
                    await db.execute("COMMIT")
                    continue
                log.info("applying migration %s", name)
                # executescript would COMMIT first; run statement by statement inside our transaction.
                for statement in _split_sql(sql):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {version}")
                await db.execute("COMMIT")
            except BaseException:
                await _rollback(db)
                raise
        # Prove the file can be written now rather than at the first answer (SQLite opens a file it cannot
        # write read-only without a word): rewrite the version, which touches the header page.
        await begin_immediate(db, wait=STARTUP_BUSY_WAIT)
        try:
            await db.execute(f"PRAGMA user_version = {max(current, newest)}")
            await db.execute("COMMIT")
        except BaseException:
            await _rollback(db)
            raise

    async def close(self) -> None:
        """Finish the write in progress (if any), then close both connections."""
        if self._closed:
            return
        async with self._lock:
            self._closed = True
            await _close_quietly(self._reader)
            if self._writer is not None:
                await _close_quietly(self._writer)

    async def serving(self) -> None:
        """Start-up is over. Until now a write waited up to ``STARTUP_BUSY_WAIT`` for the write lock another
        process holds (a shard process starting beside one that is syncing a large deck folder or building
        its search table); from now on it waits ``BUSY_WAIT``, and then fails with an error the member sees,
        rather than hold their answer for minutes."""
        self._busy_wait = BUSY_WAIT

    @property
    def closed(self) -> bool:
        """Whether ``close`` has run (no unit of work can start any more)."""
        return self._closed

    async def mark_running(self) -> None:
        """This process serves Discord on the database. Nothing to do on SQLite: a program that has the file open
        is seen from outside (``problems.process_using``), which is what ``tutorbot forget`` asks."""

    @property
    def read_only(self) -> bool:
        """Whether the store was opened for reading only (``transaction()`` is refused)."""
        return self._writer is None

    # -- units of work ---------------------------------------------------------------------
    def _writable(self) -> aiosqlite.Connection:
        """The writer connection, or ``StoreError`` when the store is closed or open for reading only."""
        if self._closed:
            raise StoreError("the store is closed")
        if self._writer is None:
            raise StoreError(f"the database {self.path} is open for reading only")
        return self._writer

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        async with self._lock:
            db = self._writable()
            await begin_immediate(db, wait=self._busy_wait)
            try:
                yield db
            except BaseException:
                await _rollback(db)
                raise
            try:
                await db.execute("COMMIT")
            except BaseException:
                # A COMMIT that failed (disk full, I/O error) may leave the transaction open: end it, or
                # every later BEGIN on this connection would fail too.
                await _rollback(db)
                raise

    @asynccontextmanager
    async def writer(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer connection under the write lock, with no transaction begun: for a unit of work that
        begins and commits its own transaction in one call to the connection's thread (a group commit:
        ``attempts.transaction_in_thread``). A transaction still open when the block ends is rolled back."""
        async with self._lock:
            db = self._writable()
            try:
                yield db
            finally:
                await _rollback(db)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A connection for queries (sees every committed transaction)."""
        if self._closed:
            raise StoreError("the store is closed")
        yield self._reader

    async def settle(self, unconfirmed: CommitUnconfirmed) -> bool | None:
        """Whether a commit whose outcome was unconfirmed landed (``PgStore.settle``). A commit of this process
        always gets its answer; one the writer process had not acknowledged when it ended (``writer_process``)
        is settled by its answer's key (``CommitUnconfirmed.key``): nothing can commit it any more, so the file
        says for good whether it is there. None when there is no key to look up."""
        if unconfirmed.key is None:
            return None
        async with self.read() as db:
            found = await fetch_one(db, "SELECT 1 FROM attempts WHERE attempt_key = ?", (unconfirmed.key,))
        return found is not None

    async def user_version(self) -> int:
        """The schema version of the open database (``PRAGMA user_version``)."""
        async with self.read() as db:
            return int(await fetch_value(db, "PRAGMA user_version"))

    # -- transitional delegates ------------------------------------------------------------
    # The queries below live in the repositories now; these forward to them until every caller has
    # switched (``DeckQueries``, the stats and daily repositories).
    async def sync_decks(self, decks: Iterable[Deck], *, now: datetime | None = None) -> SyncReport:
        """Deprecated: ``DeckQueries(store).sync_decks(decks, now=...)``."""
        return await DeckQueries(self).sync_decks(decks, now=now)

    async def card(self, key: str) -> tuple[Card, bool] | None:
        """Deprecated: ``DeckQueries(store).card(key)``."""
        return await DeckQueries(self).card(key)

    async def attempt_count(self, guild_id: int | None = None) -> int:
        """How many attempts are stored (in one guild, or in all)."""
        async with self.read() as db:
            if guild_id is None:
                return int(await fetch_value(db, "SELECT COUNT(*) FROM attempts"))
            return int(await fetch_value(db, "SELECT COUNT(*) FROM attempts WHERE guild_id = ?", (guild_id,)))

    async def guild_timezone(self, guild_id: int) -> str | None:
        """Deprecated (moving to the stats and daily repositories): a guild's time zone name."""
        async with self.read() as db:
            row = await fetch_one(db, "SELECT timezone FROM guild_settings WHERE guild_id = ?", (guild_id,))
        return None if row is None else row["timezone"]

    @staticmethod
    async def set_guild_timezone(db: aiosqlite.Connection, guild_id: int, zone: str | None, stamp: int) -> None:
        """Deprecated (moving to the daily repository): inside a transaction, set a guild's time zone."""
        await db.execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET timezone = excluded.timezone, updated_at = excluded.updated_at",
            (guild_id, zone, stamp),
        )


async def _check_findings(db: aiosqlite.Connection, pragma: str, table: str) -> list[str]:
    """What ``PRAGMA quick_check`` / ``integrity_check`` finds in one table and its indexes ([] when ok)."""
    quoted = table.replace('"', '""')
    rows = await db.execute_fetchall(f'PRAGMA {pragma}("{quoted}")')
    found = [" ".join(str(row[0]).split()) for row in rows]
    return [f for f in found if f != "ok"]


async def _rollback(db: aiosqlite.Connection) -> None:
    """Roll back the open transaction, if any; a failure to do so is logged (the original error matters)."""
    try:
        if db.in_transaction:
            await db.execute("ROLLBACK")
    except Exception:
        log.warning("rollback failed", exc_info=True)


#: How long opening waits for another program that is setting up the same new file (switching it to WAL).
WAL_SWITCH_WAIT = 5.0
#: How long a write waits for the write lock another connection (another shard process) holds: ``BEGIN
#: IMMEDIATE`` is tried again until then (``begin_immediate_raw``).
BUSY_WAIT = 5.0
#: The same while the store starts (migrations, the deck sync, the search table: until ``Store.serving``):
#: another process may be starting on the same file, holding the write lock through a long deck sync.
STARTUP_BUSY_WAIT = 120.0
#: SQLite's own busy timeout, on every connection: short. While SQLite waits in it, it holds the connection's
#: mutex, and every other thread that touches the connection waits too, even one that merely frees a cursor or
#: statement of it (a garbage collection runs in whichever thread happens to allocate). When that thread is
#: the one the other connection's transaction needs (its own database thread), neither moves until the busy
#: timeout ends: two bots on one file were seen stuck so for the whole wait. So the long waits above are made
#: between tries, with the mutex free (``_while_locked``), and a thread caught that way waits this long at most.
SQLITE_BUSY_TIMEOUT = 0.05
#: The pause between two such tries.
BUSY_RETRY_PAUSE = 0.005


def _while_locked(raw: sqlite3.Connection, sql: str, *, wait: float, pause: float) -> None:
    """Run ``sql`` on ``raw`` (in the connection's thread), again after ``pause`` while SQLite answers
    "database is locked" (``SQLITE_BUSY`` or one of its extended codes: after its own short busy timeout,
    ``SQLITE_BUSY_TIMEOUT``, or at once) and no transaction is open, for up to ``wait`` seconds; then the
    error is raised. Between tries the connection's mutex is free. The pauses are real time, whatever clock the event
    loop keeps (a test's virtual clock does not move them), and the loop runs meanwhile."""
    deadline = time.monotonic() + wait
    while True:
        try:
            raw.execute(sql).fetchall()
            return
        except sqlite3.OperationalError as exc:
            busy = (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY or "locked" in str(exc)
            if not busy or raw.in_transaction or time.monotonic() >= deadline:
                raise
        time.sleep(pause)


def begin_immediate_raw(raw: sqlite3.Connection, sql: str = "BEGIN IMMEDIATE", *, wait: float | None = None) -> None:
    """``BEGIN IMMEDIATE`` on ``raw`` in its own thread (a group commit's), tried again for up to ``BUSY_WAIT``
    (or ``wait``) while SQLite answers "database is locked": another connection holds the write lock (SQLite
    gives up after ``SQLITE_BUSY_TIMEOUT``), or SQLite refused at once.

    No transaction is open after either, so the ``BEGIN`` is simply tried again."""
    _while_locked(raw, sql, wait=BUSY_WAIT if wait is None else wait, pause=BUSY_RETRY_PAUSE)


async def begin_immediate(db: aiosqlite.Connection, *, wait: float | None = None) -> None:
    """``begin_immediate_raw`` for a connection used from the event loop, run in the connection's thread
    (``wait``: how long to try, ``BUSY_WAIT`` unless given)."""
    await db._execute(partial(begin_immediate_raw, wait=wait), db._conn)  # noqa: SLF001


async def _use_wal(db: aiosqlite.Connection) -> None:
    """Switch the file to write-ahead logging. While another process creates the same new file, SQLite
    refuses the switch at once with "database is locked" (the busy timeout does not cover it), so the
    switch is tried again for up to ``WAL_SWITCH_WAIT`` seconds, in the connection's thread; a file held
    locked longer is refused."""
    await db._execute(_while_locked, db._conn, "PRAGMA journal_mode=WAL", wait=WAL_SWITCH_WAIT, pause=0.02)  # noqa: SLF001


async def _close_quietly(db: aiosqlite.Connection) -> None:
    """Close a connection and end its worker thread, whatever state it is in."""
    try:
        await db.close()
    except Exception:
        log.warning("closing a database connection failed", exc_info=True)


def _read_only_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (``;`` at line end; keeps CREATE TRIGGER ... END; bodies whole)."""
    statements: list[str] = []
    buf: list[str] = []
    depth = 0
    for line in sql.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf.append(line)
        upper = stripped.upper()
        if re.match(r"^CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b", upper):
            depth += 1
        if depth and re.match(r"^END\s*;", upper):
            depth -= 1
            statements.append("\n".join(buf))
            buf = []
            continue
        if not depth and stripped.endswith(";"):
            statements.append("\n".join(buf))
            buf = []
    if "\n".join(buf).strip():
        statements.append("\n".join(buf))
    return statements
