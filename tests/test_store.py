"""The store: migrations and refusing a newer schema (SQLite's file; PostgreSQL's are in test_pg_store.py), and
deck sync, durable attempts and all-or-nothing units of work on both engines (a SQLite file, a PostgreSQL
schema)."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage import AttemptWriter, DeckQueries, SchemaTooNewError, Store
from bot.core.storage.store import schema_version

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
def decks():
    return load_decks(ROOT / "tests" / "data" / "decks")


# SQLite only: the file, its PRAGMAs (user_version, WAL); test_pg_store.py checks PostgreSQL's migrations.
async def test_migrations_create_the_schema_and_set_user_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "tutor.sqlite3"  # parent folder created on first run
    store = await Store.open(path)
    try:
        assert await store.user_version() == schema_version() >= 1
    finally:
        await store.close()
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"decks", "cards", "card_tags", "guild_settings", "attempts"} <= tables
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Opening again applies nothing new and keeps the version.
    store = await Store.open(path)
    assert await store.user_version() == schema_version()
    await store.close()


# SQLite only: PRAGMA user_version; test_pg_store.py refuses a newer PostgreSQL schema.
async def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tutor.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {schema_version() + 7}")
    with pytest.raises(SchemaTooNewError, match="newer version"):
        await Store.open(path)


async def record(store: Any, attempt: Attempt) -> None:
    """One attempt in its own unit of work, through the one attempt writer."""
    async with store.transaction() as db:
        await AttemptWriter().add(db, attempt)


async def test_deck_sync_adds_updates_and_retires_in_one_go(engine: Engine, decks) -> None:
    store = await engine.open()
    queries = DeckQueries(store)
    first = await queries.sync_decks(decks, now=NOW)
    assert len(first.added) == 8 and not first.updated and not first.retired

    again = await queries.sync_decks(decks, now=NOW)
    assert again.unchanged == 8 and not again.added

    mini = decks[0]
    changed = dataclasses.replace(mini.cards[0], answer="A new explanation.")
    fewer = dataclasses.replace(mini, cards=(changed, *mini.cards[2:]))
    report = await queries.sync_decks([fewer], now=NOW)
    assert report.updated == [changed.key]
    assert report.retired == [mini.cards[1].key]

    # A retired card keeps its row (history hangs on it) and comes back if it reappears.
    retired = await queries.card(mini.cards[1].key)
    assert retired is not None and retired[1] is True
    assert mini.cards[1].key not in await queries.active_card_keys()
    back = await queries.sync_decks(decks, now=NOW)
    assert mini.cards[1].key in back.updated
    restored = await queries.card(mini.cards[0].key)
    assert restored is not None and restored[0].answer == mini.cards[0].answer


async def test_attempts_survive_a_restart(engine: Engine, decks) -> None:
    store = await engine.open()
    await DeckQueries(store).sync_decks(decks, now=NOW)
    attempt = Attempt(
        guild_id=1, channel_id=2, user_id=3, user_name="alice", card_key="mini:bert", source=Source.QUIZ,
        response="bert", verdict=VerdictKind.CORRECT, points=10, created_at=NOW,
    )
    await record(store, attempt)
    await store.close()

    store = await engine.open()
    assert await store.attempt_count(1) == 1


async def test_a_failed_unit_of_work_changes_nothing(engine: Engine, decks) -> None:
    store = await engine.open()
    await DeckQueries(store).sync_decks(decks, now=NOW)
    attempt = Attempt(
        guild_id=1, channel_id=2, user_id=3, user_name="alice", card_key="mini:bert", source=Source.QUIZ,
        response="bert", verdict=VerdictKind.CORRECT, points=10, created_at=NOW,
    )
    with pytest.raises(RuntimeError):
        async with store.transaction() as db:
            await AttemptWriter().add(db, attempt)
            raise RuntimeError("crash mid-way")
    assert await store.attempt_count() == 0
    # An attempt on an unknown card is refused by the foreign key, and nothing is written.
    with pytest.raises(sqlite3.IntegrityError):
        await record(store, dataclasses.replace(attempt, card_key="mini:nope"))
    assert await store.attempt_count() == 0
