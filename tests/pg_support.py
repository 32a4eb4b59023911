"""PostgreSQL for the tests: a fresh schema per test on the server at ``TUTOR_TEST_DATABASE_URL``, and the
``engine`` fixture that runs a storage test on both engines.

``engine`` (``from pg_support import both_engines``): each test that asks for it runs twice, on a SQLite file
in ``tmp_path`` and on a schema of its own on the PostgreSQL test server. ``await engine.open()`` opens the
test's database (a ``Store`` or a ``PgCompatStore``, which the repositories use alike); opening it again is
a restart; ``await engine.open("other")`` opens a second, separate database of the same test. Every store
it opened is closed after the test.

``pg`` (``from pg_support import pg_schema``; tests ask for ``pg``): a schema alone, for tests of PostgreSQL
itself. The server defaults to ``postgresql://postgres@127.0.0.1:5432/test`` (trust authentication on this
machine). Without a reachable server the tests skip and say how to get one; with ``TUTOR_REQUIRE_POSTGRES=1``
(CI sets it) that skip is a failure instead, so CI always runs them.

Each test gets its own schema ``t_<random>``, dropped afterwards; stores opened through ``pg.open()`` have
it as their ``search_path`` and are closed at the end of the test.

Import the fixtures from here, never from ``conftest`` (``tests/faults/conftest.py`` shadows that name in a
full run).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.core.decks import load_decks
from bot.core.storage import Store
from bot.core.storage.pg import PgStore, safe_url

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
REQUIRE = "TUTOR_REQUIRE_POSTGRES"
#: The engines a storage test runs on (the ids in its name: ``test_x[sqlite]``, ``test_x[postgresql]``).
ENGINES = ("sqlite", "postgresql")


def database_url() -> str:
    """The server the PostgreSQL tests use."""
    return os.environ.get("TUTOR_TEST_DATABASE_URL") or DEFAULT_URL


def postgres_required() -> bool:
    """Whether a missing server fails the tests instead of skipping them."""
    return os.environ.get(REQUIRE, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class PgSchema:
    """One test's schema on the test server."""

    url: str
    name: str
    admin: Any  # an asyncpg connection outside the schema (for set-up and checks)
    stores: list[PgStore] = field(default_factory=list)

    @property
    def server_settings(self) -> dict[str, str]:
        """Session settings that put every table in this schema."""
        return {"search_path": self.name}

    async def open(self, **kwargs: Any) -> PgStore:
        """A ``PgStore`` on this schema (closed at the end of the test)."""
        kwargs.setdefault("server_settings", self.server_settings)
        store = await PgStore.open(self.url, **kwargs)
        self.stores.append(store)
        return store

    async def open_compat(self) -> Any:
        """A ``PgCompatStore`` on this schema, as the bot opens it (closed at the end of the test)."""
        from bot.core.storage.pg.compat import PgCompatStore

        store = await PgCompatStore.open(self.url, server_settings=self.server_settings)
        self.stores.append(store)
        return store

    async def connect(self) -> Any:
        """A plain asyncpg connection on this schema (the caller closes it)."""
        return await asyncpg.connect(self.url, server_settings=self.server_settings)

    def url_with_schema(self) -> str:
        """The URL with this schema as its search_path (what ``tutorbot migrate --to`` is given in tests)."""
        sep = "&" if "?" in self.url else "?"
        return f"{self.url}{sep}search_path={self.name}"  # asyncpg passes unknown parameters as settings


def unavailable(reason: str) -> None:
    """Skip the test for want of a server — or fail it when ``TUTOR_REQUIRE_POSTGRES`` is set."""
    if postgres_required():
        pytest.fail(f"{reason} ({REQUIRE} is set, so the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


async def _admin(url: str) -> Any:
    """A connection to the test server, or the test skipped (failed in CI) saying how to get one."""
    detail = ""
    try:
        return await asyncpg.connect(url, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
    unavailable(
        f"no PostgreSQL server for the tests at {safe_url(url)} ({detail}). Start one (the machine's "
        f"postgresql service; `createdb test`) or set TUTOR_TEST_DATABASE_URL to a database the tests may "
        f"create schemas in"
    )
    raise AssertionError("unreachable")  # pragma: no cover  (unavailable skips or fails)


@asynccontextmanager
async def new_schema(admin: Any, url: str) -> AsyncIterator[PgSchema]:
    """A new, empty schema on the server of ``admin``; its stores closed and the schema dropped afterwards."""
    name = "t_" + secrets.token_hex(6)
    await admin.execute(f'CREATE SCHEMA "{name}"')
    schema = PgSchema(url, name, admin)
    try:
        yield schema
    finally:
        for store in schema.stores:
            await store.close()
        await admin.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture(name="pg")
async def pg_schema() -> AsyncIterator[PgSchema]:
    """A new, empty schema on the test server, dropped after the test."""
    url = database_url()
    admin = await _admin(url)
    try:
        async with new_schema(admin, url) as schema:
            yield schema
    finally:
        await admin.close()


class Engine:
    """One test's databases on one engine: SQLite files in ``tmp_path``, or schemas on the test server."""

    def __init__(self, name: str, tmp_path: Path, admin: Any = None) -> None:
        self.name = name
        self.tmp_path = tmp_path
        self._admin = admin
        self._schemas: dict[str, PgSchema] = {}
        self._closing: list[Any] = []  # the schemas' context managers, exited after the test
        self._sqlite: list[Store] = []

    @property
    def postgres(self) -> bool:
        """Whether this is the PostgreSQL run."""
        return self.name == "postgresql"

    def __repr__(self) -> str:
        return f"Engine({self.name})"

    async def schema(self, database: str = "main") -> PgSchema:
        """The PostgreSQL schema of ``database`` (created on first use); PostgreSQL runs only."""
        if not self.postgres:
            raise RuntimeError("a SQLite run has no schema")
        if database not in self._schemas:
            manager = new_schema(self._admin, database_url())
            self._schemas[database] = await manager.__aenter__()
            self._closing.append(manager)
        return self._schemas[database]

    def path(self, database: str = "main") -> Path:
        """The SQLite file of ``database``; SQLite runs only."""
        if self.postgres:
            raise RuntimeError("a PostgreSQL run has no file")
        return self.tmp_path / f"{database}.sqlite3"

    async def open(self, database: str = "main") -> Any:
        """A store on this test's ``database``, migrated (opening the same one again is a restart)."""
        if self.postgres:
            return await (await self.schema(database)).open_compat()
        store = await Store.open(self.path(database))
        self._sqlite.append(store)
        return store

    async def open_with_mini_decks(self, now: datetime, database: str = "main") -> Any:
        """``open``, with the small test decks of ``tests/data/decks`` synced as of ``now``."""
        store = await self.open(database)
        await store.sync_decks(load_decks(Path(__file__).parent / "data" / "decks"), now=now)
        return store

    async def close(self) -> None:
        """Close every store opened through this engine, then drop the schemas."""
        for store in self._sqlite:
            await store.close()
        while self._closing:
            await self._closing.pop().__aexit__(None, None, None)


@pytest.fixture(name="engine", params=ENGINES)
async def both_engines(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Engine]:
    """The test's database on SQLite, then on PostgreSQL (a schema of its own): ``await engine.open()``."""
    admin = None
    if request.param == "postgresql":
        url = database_url()
        admin = await _admin(url)
    found = Engine(request.param, tmp_path, admin)
    try:
        yield found
    finally:
        try:
            await found.close()
        finally:
            if admin is not None:
                await admin.close()
