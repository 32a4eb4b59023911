"""PostgreSQL for the tests: a fresh schema per test on the server at ``TUTOR_TEST_DATABASE_URL``.

Import the fixture into a test module (``from pg_support import pg_schema``; tests ask for ``pg``). The server defaults to
``postgresql://postgres@127.0.0.1:5432/test`` (trust authentication on this machine). Without a reachable
server the tests skip and say how to get one; with ``TUTOR_REQUIRE_POSTGRES=1`` (CI sets it) that skip is a
failure instead, so CI always runs them.

Each test gets its own schema ``t_<random>``, dropped afterwards; stores opened through ``pg.open()`` have
it as their ``search_path`` and are closed at the end of the test.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest

from bot.core.storage.pg import PgStore, safe_url

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
REQUIRE = "TUTOR_REQUIRE_POSTGRES"


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


@pytest.fixture(name="pg")
async def pg_schema() -> AsyncIterator[PgSchema]:
    """A new, empty schema on the test server, dropped after the test."""
    url = database_url()
    admin: Any = None
    detail = ""
    try:
        admin = await asyncpg.connect(url, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
    if admin is None:
        unavailable(
            f"no PostgreSQL server for the tests at {safe_url(url)} ({detail}). Start one (the machine's "
            f"postgresql service; `createdb test`) or set TUTOR_TEST_DATABASE_URL to a database the tests may "
            f"create schemas in"
        )
    name = "t_" + secrets.token_hex(6)
    await admin.execute(f'CREATE SCHEMA "{name}"')
    schema = PgSchema(url, name, admin)
    try:
        yield schema
    finally:
        for store in schema.stores:
            await store.close()
        await admin.execute(f'DROP SCHEMA "{name}" CASCADE')
        await admin.close()
