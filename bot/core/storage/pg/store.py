"""The PostgreSQL store: an asyncpg connection pool, migrations, and units of work.

Connection discipline: every unit of work runs inside ``async with store.transaction() as db`` — one pooled
connection in one transaction, committed when the block ends and rolled back on any exception. Reads use
``async with store.read() as db``. Several processes may share the database: what must happen once (a daily
post, a counted answer, a first correct answer, a running quiz in a channel) is guarded by unique constraints,
so the second writer's transaction fails instead of an in-process lock deciding.

A connection lost (or unanswered) while it commits leaves the outcome open: the server may have committed. Each
unit of work that wrote notes its transaction id just before its COMMIT (one more round trip), and such a failure
is settled on a new connection (``txid_status``, after ending the server process that may still hold the
transaction open, so that a late COMMIT cannot land afterwards): a commit that landed counts as committed, one
that did not fails as before, and one the server cannot be asked about raises ``CommitUnconfirmed``, which
carries what ``settle`` needs to ask again later and make the outcome final.

Migrations are ``migrations/NNNN_name.sql`` files, numbered exactly like the SQLite store's (the same number
makes the same change), each applied in its own transaction under an advisory lock (processes starting
together apply it once) and recorded in ``schema_migrations``. A database written by a newer version of the
code is refused with the SQLite store's ``SchemaTooNewError``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import unquote

import asyncpg

from bot.core.storage.problems import CommitUnconfirmed, SchemaTooNewError, StoreError
from bot.core.storage.store import migrations

__all__ = ["MIGRATIONS_TABLE", "PgStore", "pg_migrations", "pg_schema_version", "safe_url"]

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
#: The table recording the applied migrations (one row per version).
MIGRATIONS_TABLE = "schema_migrations"
_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.tutorbot.migrations'))"
_CREATE_MIGRATIONS = (
    f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} ("
    " version    INTEGER PRIMARY KEY,"
    " name       TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)
#: A migration waits for another process's migration, and for the tables it changes, however long they take
#: (whatever lock wait the connections have: ``compat.LOCK_WAIT_MS``).
_NO_LOCK_WAIT = "SET LOCAL lock_timeout = 0"
_VERSION = f"SELECT COALESCE(MAX(version), 0) FROM {MIGRATIONS_TABLE}"
#: The id of the transaction on the connection, when it has written anything (NULL for one that only read).
_XID = "SELECT txid_current_if_assigned()"
#: Seconds a new connection may take (reaching the server, TLS, login) before the server counts as unreachable:
#: a server behind a firewall that drops the packets stops start-up after this, not after asyncpg's minute.
CONNECT_TIMEOUT = 10.0
#: The parameters of a database URL that are secrets (never shown in a message or the log).
_SECRETS = frozenset({"password", "sslpassword"})


def pg_migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every shipped PostgreSQL migration, in order."""
    return migrations("bot.core.storage.pg")


def pg_schema_version() -> int:
    """The newest PostgreSQL schema version this code knows."""
    found = pg_migrations()
    return found[-1][0] if found else 0


def safe_url(url: str) -> str:
    """``url`` without its password, for messages and logs: the one after the user name (up to the last ``@``
    before the parameters, since a password may hold a ``/`` or ``#``), and the ``password`` and ``sslpassword``
    parameters (``?password=…``, which asyncpg takes too). Text that is not a URL at all (libpq's ``host=… password=…``
    form, an address without its ``postgresql://``) cannot be told apart from a password: it is not shown."""
    scheme, sep, rest = url.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return "the PostgreSQL database"
    address, query_sep, query = rest.partition("?")
    userinfo, at, where = address.rpartition("@")
    if at:
        address = f"{userinfo.partition(':')[0]}@{where}"
    if query_sep:
        kept = [p for p in query.split("&") if unquote(p.partition("=")[0]).strip().lower() not in _SECRETS]
        query_sep, query = ("?", "&".join(kept)) if any(kept) else ("", "")
    return f"{scheme}://{address}{query_sep}{query}"


def connection_error(url: str, exc: BaseException, *, setting: str = "TUTOR_DATABASE_URL") -> StoreError:
    """One clear message for the operator about a PostgreSQL database that cannot be reached or used
    (``setting``: where the operator gave its address, to name what to fix)."""
    if isinstance(exc, StoreError):
        return exc
    detail = " ".join(str(exc).split()) or type(exc).__name__
    where = safe_url(url)
    if isinstance(exc, TimeoutError) and not str(exc):
        detail = f"no answer within {CONNECT_TIMEOUT:g} s"
    if isinstance(exc, OSError | asyncpg.CannotConnectNowError | TimeoutError):
        return StoreError(
            f"cannot connect to the database {where} ({detail}). Check that the PostgreSQL server is running "
            f"and reachable, or fix {setting}."
        )
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return StoreError(f"the database {where} does not exist ({detail}): create it first (createdb).")
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError):
        return StoreError(f"the database {where} refused the login ({detail}): check the user and password.")
    if isinstance(exc, asyncpg.InvalidSchemaNameError):
        return StoreError(
            f"the database {where} has no schema to create the tables in ({detail}): the schema named by "
            f"search_path in {setting} does not exist. Create it first (CREATE SCHEMA name), or leave "
            f"?search_path out to use public."
        )
    return StoreError(f"the database {where} cannot be used ({detail}).")


def closed(db: Any) -> bool:
    """Whether the pooled connection ``db`` is closed (the pool detaches one that closes while in use)."""
    try:
        return bool(db.is_closed())
    except asyncpg.InterfaceError:  # "released back to the pool": the pool took it back when it closed
        return True


def lost(db: Any, exc: BaseException) -> bool:
    """Whether ``exc`` is ``db`` lost: the server or the network ended the connection (not a server that
    stopped answering: a new connection would wait for it as long)."""
    if isinstance(exc, TimeoutError):
        return False
    return isinstance(exc, OSError | asyncpg.PostgresError | asyncpg.InterfaceError) and closed(db)


def hang_up(db: Any, wait: float | None) -> TimeoutError:
    """End ``db``, whose server has not answered a statement within ``wait`` seconds (a server cut off by the
    network sends nothing, not even a reset: the operating system may take a quarter of an hour to give up).
    It is ended at once, without a word to the server, so that neither its rollback nor its return to the pool
    waits for that server too; the server rolls back what the connection had not committed."""
    if not closed(db):
        db.terminate()
    return TimeoutError(f"the database server did not answer within {wait:g} s")


class PgStore:
    """The tutorbot database on PostgreSQL. Open with ``await PgStore.open(url)``."""

    #: Seconds a statement may go unanswered before its connection is given up (None: no bound, as while the
    #: store starts: migrations and deck syncs take what they take). ``PgCompatStore.serving`` sets it.
    statement_wait: float | None = None

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self._pool = pool
        self._closed = False
        self.setting = "TUTOR_DATABASE_URL"  # where the operator gave ``url`` (what an error tells them to fix)

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    async def open(
        cls,
        url: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        server_settings: Mapping[str, str] | None = None,
        migrate: bool = True,
        setting: str = "TUTOR_DATABASE_URL",
    ) -> PgStore:
        """Connect a pool of ``min_size`` to ``max_size`` connections to ``url`` and apply pending migrations.

        ``server_settings`` are session settings for every connection (``search_path`` puts the tables in
        another schema). ``migrate=False`` writes nothing: it only checks that the database is not newer than
        this code (``migrate()`` applies the pending migrations later).
        Any failure raises ``StoreError`` naming the database (its password left out), with the pool closed;
        ``setting`` is where the operator gave ``url`` (``--to`` for ``tutorbot migrate``), named by the message.
        """
        if not 1 <= min_size <= max_size:
            raise ValueError(f"need 1 <= min_size <= max_size, not {min_size} and {max_size}")
        try:
            pool = await asyncpg.create_pool(
                url, min_size=min_size, max_size=max_size, server_settings=dict(server_settings or {}),
                timeout=CONNECT_TIMEOUT,
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise connection_error(url, exc, setting=setting) from exc
        store = cls(url, pool)
        store.setting = setting
        try:
            await store._migrate(apply=migrate)
        except BaseException as exc:
            await store.close()
            if isinstance(exc, OSError | asyncpg.PostgresError | asyncpg.InterfaceError):
                raise connection_error(url, exc, setting=setting) from exc
            raise
        return store

    async def _migrate(self, *, apply: bool) -> None:
        known = pg_migrations()
        newest = known[-1][0] if known else 0
        async with self._pool.acquire() as db:
            if not apply:
                # Only look: a database without the migrations table is left exactly as it is.
                current = 0
                if await db.fetchval("SELECT to_regclass($1) IS NOT NULL", MIGRATIONS_TABLE):
                    current = int(await db.fetchval(_VERSION))
                self._refuse_newer(current, newest)
                return
            async with db.transaction():
                await db.execute(_NO_LOCK_WAIT)
                await db.execute(_LOCK)
                await db.execute(_CREATE_MIGRATIONS)
                current = int(await db.fetchval(_VERSION))
            self._refuse_newer(current, newest)
            for version, name, sql in known:
                if version <= current:
                    continue
                async with db.transaction():
                    await db.execute(_NO_LOCK_WAIT)
                    await db.execute(_LOCK)
                    # Another process may have applied it while this one waited for the lock.
                    if int(await db.fetchval(_VERSION)) >= version:
                        continue
                    log.info("applying migration %s", name)
                    await db.execute(sql)
                    await db.execute(
                        f"INSERT INTO {MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)", version, name
                    )

    def _refuse_newer(self, current: int, newest: int) -> None:
        if current > newest:
            raise SchemaTooNewError(
                f"the database {safe_url(self.url)} has schema version {current}, but this tutorbot only "
                f"knows up to {newest}: it was written by a newer version. Upgrade tutorbot, or point "
                f"{self.setting} at another database."
            )

    async def migrate(self) -> None:
        """Apply the pending migrations (for a store opened with ``migrate=False``)."""
        try:
            await self._migrate(apply=True)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise connection_error(self.url, exc, setting=self.setting) from exc

    async def close(self) -> None:
        """Wait for the connections in use to be released, then close the pool."""
        if self._closed:
            return
        self._closed = True
        await self._pool.close()

    @property
    def closed(self) -> bool:
        """Whether ``close`` has run (no unit of work can start any more)."""
        return self._closed

    @property
    def pool(self) -> asyncpg.Pool:
        """The connection pool (for bulk work such as ``tutorbot migrate``)."""
        return self._pool

    # -- units of work ---------------------------------------------------------------------
    async def _bounded(self, db: Any, step: Callable[[], Awaitable[Any]]) -> Any:
        """``step`` (a transaction's begin, commit or rollback) on ``db``, given ``statement_wait`` seconds to
        be answered: a server that stopped answering ends the connection (``hang_up``) instead of holding the
        unit of work for ever."""
        try:
            async with asyncio.timeout(self.statement_wait):
                return await step()
        except TimeoutError as exc:
            raise hang_up(db, self.statement_wait) from exc

    async def _release(self, db: Any) -> None:
        """Give ``db`` back to the pool. The pool resets a connection it takes back (a statement of its own),
        given ``statement_wait`` too: when that fails the pool ends the connection and opens another later,
        and the unit of work, over by now, does not fail for it."""
        try:
            await self._pool.release(db, timeout=self.statement_wait)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("a connection to %s was lost on its way back to the pool: %s", safe_url(self.url), exc)

    async def _replace_connections(self, exc: BaseException) -> None:
        """A pooled connection was found lost: the others, opened as long ago, most likely are too (a server
        restart ends them all), so each is replaced by a new connection when next taken from the pool."""
        log.warning("a connection to %s was lost (%s); opening new connections", safe_url(self.url), exc)
        await self._pool.expire_connections()

    async def _begin(self) -> tuple[Any, Any]:
        """A pooled connection with a transaction begun. A pooled connection the server has dropped since its
        last use (a restart, a fail-over, an ended session: nothing tells the pool until it is used) fails its
        ``BEGIN``, before anything of the unit of work is sent: the unit of work is begun once more, on a new
        connection, rather than failing for a database that is there."""
        for tries in (1, 2):
            db = await self._pool.acquire()
            transaction = db.transaction()
            try:
                await self._bounded(db, transaction.start)
            except BaseException as exc:
                again = tries == 1 and lost(db, exc)
                await self._release(db)
                if not again:
                    raise
                await self._replace_connections(exc)
                continue
            return db, transaction
        raise AssertionError("unreachable")  # pragma: no cover

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        """One write transaction on a pooled connection: committed when the block ends, rolled back on any
        exception."""
        if self._closed:
            raise StoreError("the store is closed")
        db, transaction = await self._begin()
        try:
            try:
                yield db
            except BaseException:
                if not closed(db):
                    try:
                        await self._bounded(db, transaction.rollback)
                    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                        # the connection is gone, and the server ends its transaction with it: the failure of
                        # the unit of work says more than that of its rollback
                        log.warning("rolling back on %s failed: %s", safe_url(self.url), exc)
                raise
            await self._commit(db, transaction)
        finally:
            await self._release(db)

    async def _commit(self, db: Any, transaction: Any) -> None:
        """Commit ``db``'s transaction. When the connection is lost, or stops answering, while it commits, the
        server may have committed it or not: before anything is said, the server is asked (``_settle``). A
        commit that landed returns as one that was answered does; one that did not raises what ended the
        connection (nothing was saved); one the server could not be asked about raises ``CommitUnconfirmed``."""
        try:
            xid = await self._bounded(db, lambda: db.fetchval(_XID))
        except asyncpg.InFailedSQLTransactionError:
            xid = None  # the block went on past a failed statement: its COMMIT only rolls back
        pid = db.get_server_pid()
        try:
            await self._bounded(db, transaction.commit)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            if xid is None or not (isinstance(exc, TimeoutError) or lost(db, exc)):
                raise
            landed = await self._settle(int(xid), pid, exc)
            if landed is None:
                raise CommitUnconfirmed(
                    f"the connection to {safe_url(self.url)} was lost while it committed, and the server could "
                    f"not be asked whether the commit landed ({' '.join(str(exc).split()) or type(exc).__name__})",
                    xid=int(xid), pid=pid,
                ) from exc
            if not landed:
                raise
            log.warning(
                "the connection to %s was lost while it committed (%s); the commit had landed",
                safe_url(self.url), exc,
            )

    async def settle(self, unconfirmed: CommitUnconfirmed) -> bool | None:
        """Whether the commit that raised ``unconfirmed`` landed, asked again now: True or False is final (a
        transaction the server still held open is ended first, so it cannot land afterwards); None when the
        server still cannot be asked. A write known only by its answer's key (``CommitUnconfirmed.key``: the
        writer process ended before it acknowledged it, and its connection with it) is looked up by that key."""
        if unconfirmed.xid is not None and unconfirmed.pid is not None:
            return await self._settle(unconfirmed.xid, unconfirmed.pid, unconfirmed, renew=False)
        if unconfirmed.key is None:
            return None
        wait = self.statement_wait or CONNECT_TIMEOUT
        try:
            async with asyncio.timeout(wait), self._pool.acquire(timeout=wait) as conn:
                found = await conn.fetchval("SELECT 1 FROM attempts WHERE attempt_key = $1", unconfirmed.key)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as problem:
            log.warning("could not ask %s whether an unconfirmed answer was saved: %s", safe_url(self.url), problem)
            return None
        return found is not None

    async def _settle(self, xid: int, pid: int, exc: BaseException, *, renew: bool = True) -> bool | None:
        """Whether the transaction ``xid``, whose connection (to the server process ``pid``) was lost while it
        committed, committed: asked on a new connection. A transaction the server still holds open (its COMMIT
        has not arrived, and may yet) is ended first, with the server process that holds it, so that the answer
        is final: it cannot land later. None when the server cannot be asked within ``statement_wait`` (or
        ``CONNECT_TIMEOUT`` while the store starts). ``renew``: the pooled connections are replaced first (the
        connection was lost just now: the others may be gone too)."""
        if renew:
            await self._replace_connections(exc)
        wait = self.statement_wait or CONNECT_TIMEOUT
        status: str | None = None
        try:
            # (the connection is given back within ``wait`` too: one whose question went unanswered waits for its
            # cancellation, which a silent network never answers, and is ended instead)
            async with asyncio.timeout(wait), self._pool.acquire(timeout=wait) as conn:
                status = await conn.fetchval("SELECT txid_status($1)", xid)
                if status == "in progress":
                    # (waits for the server process to have ended: its transaction is over by then)
                    await conn.fetchval("SELECT pg_terminate_backend($1, $2)", pid, max(1, int(wait * 1000)))
                    status = await conn.fetchval("SELECT txid_status($1)", xid)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as problem:
            log.warning(
                "could not ask %s whether a commit whose connection was lost landed: %s", safe_url(self.url), problem
            )
            return None
        if status == "committed":
            return True
        if status == "aborted":
            return False
        log.warning("a commit whose connection to %s was lost is still %s", safe_url(self.url), status)
        return None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Any]:
        """A pooled connection for queries (each statement sees every committed transaction)."""
        if self._closed:
            raise StoreError("the store is closed")
        async with self._pool.acquire() as db:
            yield db

    async def schema_version(self) -> int:
        """The schema version of the open database (the newest applied migration; 0 before any)."""
        async with self.read() as db:
            if not await db.fetchval("SELECT to_regclass($1) IS NOT NULL", MIGRATIONS_TABLE):
                return 0
            return int(await db.fetchval(_VERSION))
