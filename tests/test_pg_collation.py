"""Text order is byte order on both engines, whatever PostgreSQL database's collation.

The repositories break ties by text (``ORDER BY ... user_name``, ``topic``, ``card_key``, ``response``) and the
SQL is the same on both engines; a PostgreSQL database created with a language collation (the default of most
servers and of the official Docker image, en_US.utf8, or an ICU one as here) would order and cut (``LIMIT``)
those lists otherwise than SQLite: every such tie-break is byte order (``COLLATE BINARY``, ``"C"`` there). Here:
the daily reveal's streak list (top 5, ties by name).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from pg_support import database_url, unavailable

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.service import Services
from bot.core.storage import DeckQueries, Store
from bot.core.storage.pg.compat import PgCompatStore

ROOT = Path(__file__).resolve().parents[1]
G, CH = 100, 200
MEMBERS = [(1, "alice"), (2, "Bob"), (3, "carol"), (4, "Dave"), (5, "erin"), (6, "Frank")]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql-en-US"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Any]:
    if request.param == "sqlite":
        s = await Store.open(tmp_path / "main.sqlite3")
        yield s
        await s.close()
        return
    url = database_url()
    try:
        admin = await asyncpg.connect(url, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        unavailable(f"no PostgreSQL server ({exc})")
    name = "tutor_gap_" + secrets.token_hex(5)
    try:
        await admin.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING UTF8 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
            " LOCALE 'C.UTF-8'"
        )
    except asyncpg.PostgresError as exc:
        await admin.close()
        pytest.skip(f"cannot create a database with an ICU collation here: {exc}")
    try:
        base = url.rsplit("/", 1)[0]
        s = await PgCompatStore.open(f"{base}/{name}")
        try:
            yield s
        finally:
            await s.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.close()


async def test_the_reveal_lists_the_same_five_streaks_in_the_same_order(store: Any) -> None:
    clock = Clock()
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    await DeckQueries(store).sync_decks(decks, now=clock())
    services = Services(store, Catalog(decks), clock=clock, rng=random.Random(7))
    for feature in services._features:
        await feature.start()
    try:
        daily = services.daily
        await daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling")
        info = await daily.get_schedule(G)
        clock.now = max(clock.now, info.next_post_at)
        claim = await daily.claim_due(G)
        await daily.mark_posted(claim.post_id, 555)
        right = claim.card.term or ""
        for user_id, name in MEMBERS:
            await daily.answer(claim.post_id, user_id, name, right)
        clock.now = max(clock.now, claim.closes_at)
        reveal = await daily.claim_reveal(claim.post_id)
        assert reveal is not None and reveal.correct == len(MEMBERS)
        # Everyone has a streak of 1 from the same day: the tie is broken by name, as SQLite orders names.
        assert [name for name, _ in reveal.streaks] == ["Bob", "Dave", "Frank", "alice", "carol"]
    finally:
        for feature in reversed(services._features):
            await feature.close()
