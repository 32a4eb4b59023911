"""The SQLite store.

Connection discipline (measured in ``bench/bench_store.py``): one writer connection guarded by an
``asyncio.Lock`` — every unit of work runs inside ``async with store.transaction() as db`` as a single
``BEGIN IMMEDIATE`` … ``COMMIT`` — and one reader connection for queries. SQLite allows one writer at a
time anyway; a long-lived connection avoids paying the open/PRAGMA cost on every answer, and WAL lets
the reader see committed data while a write is in progress.

Migrations are ``migrations/NNNN_name.sql`` files applied in order and tracked with
``PRAGMA user_version``; a database written by a newer version of the code is refused.

The store holds no feature's queries: each feature has its repository in this package (``DeckQueries``,
``QuizQueries``, ``StatsQueries`` …) and every attempt is written by ``AttemptWriter``. They take the
store and run their SQL through ``transaction()`` and ``read()``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiosqlite

from bot.core.models import Card, Deck

if TYPE_CHECKING:
    from bot.core.storage.deck_queries import SyncReport

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreError(RuntimeError):
    """The database cannot be used (a clear message for the operator)."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of tutorbot (its schema is unknown here)."""


def now_ms(dt: datetime | None = None) -> int:
    """Unix milliseconds for an aware datetime (now when None)."""
    if dt is None:
        return int(time.time() * 1000)
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return int(dt.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    """The aware UTC datetime of Unix milliseconds."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every shipped migration, in order."""
    found: list[tuple[int, str, str]] = []
    folder = resources.files("bot.core.storage") / "migrations"
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


Params = Sequence[object] | Mapping[str, object]


class Store:
    """The tutorbot database: migrations and units of work. Open with ``await Store.open(path)``."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._lock = asyncio.Lock()
        self._closed = False

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    async def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) the database at ``path`` and apply pending migrations."""
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        writer = await cls._connect(path)
        try:
            await cls._migrate(writer, path)
            reader = await cls._connect(path)
        except BaseException:
            await writer.close()
            raise
        return cls(path, writer, reader)

    @staticmethod
    async def _connect(path: Path) -> aiosqlite.Connection:
        try:
            db = await aiosqlite.connect(str(path), isolation_level=None)
        except Exception as exc:  # sqlite3.OperationalError: unable to open database file
            raise StoreError(f"cannot open the database at {path}: {exc}") from exc
        db.row_factory = aiosqlite.Row
        await db.execute_fetchall("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA foreign_keys=ON")
        await db.execute_fetchall("PRAGMA busy_timeout=5000")
        await db.execute("PRAGMA synchronous=NORMAL")
        return db

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
            log.info("applying migration %s", name)
            await db.execute("BEGIN IMMEDIATE")
            try:
                # executescript would COMMIT first; run statement by statement inside our transaction.
                for statement in _split_sql(sql):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {version}")
                await db.execute("COMMIT")
            except BaseException:
                await db.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        """Finish the write in progress (if any), then close both connections."""
        if self._closed:
            return
        async with self._lock:
            self._closed = True
            await self._reader.close()
            await self._writer.close()

    @property
    def closed(self) -> bool:
        """Whether ``close`` has run (no unit of work can start any more)."""
        return self._closed

    # -- units of work ---------------------------------------------------------------------
    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        async with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            db = self._writer
            await db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                await db.execute("ROLLBACK")
                raise
            else:
                await db.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A connection for queries (sees every committed transaction)."""
        if self._closed:
            raise StoreError("the store is closed")
        yield self._reader

    async def user_version(self) -> int:
        """The schema version of the open database (``PRAGMA user_version``)."""
        async with self.read() as db:
            return int(await fetch_value(db, "PRAGMA user_version"))

    # -- transitional delegates ------------------------------------------------------------
    # The queries below live in the repositories now; these forward to them until every caller has
    # switched (``DeckQueries``, the stats and daily repositories).
    async def sync_decks(self, decks: Iterable[Deck], *, now: datetime | None = None) -> SyncReport:
        """Deprecated: ``DeckQueries(store).sync_decks(decks, now=...)``."""
        from bot.core.storage.deck_queries import DeckQueries

        return await DeckQueries(self).sync_decks(decks, now=now)

    async def card(self, key: str) -> tuple[Card, bool] | None:
        """Deprecated: ``DeckQueries(store).card(key)``."""
        from bot.core.storage.deck_queries import DeckQueries

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


async def fetch_one(db: aiosqlite.Connection, sql: str, params: Params = ()) -> aiosqlite.Row | None:
    """The first row of a query, with the statement finished (an open SELECT would block COMMIT).

    ``params`` is a sequence for ``?`` placeholders or a mapping for ``:name`` ones.
    """
    async with db.execute(sql, params) as cur:
        return await cur.fetchone()


async def fetch_value(db: aiosqlite.Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row (None when there is no row)."""
    row = await fetch_one(db, sql, params)
    return None if row is None else row[0]


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
