"""On PostgreSQL, a process stuck in the middle of a write (its machine cut off from the network, or frozen)
neither freezes another process nor stops it starting: a write that waits for its locks gives up as on SQLite.

On SQLite a write waits up to 5 s for another process's write lock, then fails with a message, and while a
process starts it waits up to 2 minutes (README, "Several processes"). On PostgreSQL a write waited for a row
lock as long as it was held: the server keeps a cut-off client's transaction, and its locks, open until it
notices the client is gone (hours, with the system's TCP keepalive). The waiting write held its process's
write turn meanwhile, so every later answer of that process waited behind it: the bot stopped answering.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.daily_queries import storage_failed
from bot.core.storage.deck_queries import DeckQueries
from bot.core.storage.pg import compat

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
G = 100


def answer(user: int, points: int = 10) -> Attempt:
    return Attempt(
        guild_id=G, channel_id=7, user_id=user, user_name=f"user{user}", card_key="mini:bert", source=Source.QUIZ,
        response="BERT", verdict=VerdictKind.CORRECT, points=points, created_at=NOW,
    )


async def write(store: Any, attempt: Attempt) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add(db, attempt)


async def stuck_in(store: Any, attempt: Attempt, cut_off: asyncio.Event) -> None:
    """A process that stops in the middle of writing ``attempt`` (its transaction is never ended)."""
    async with store.transaction() as db:
        await AttemptWriter().add(db, attempt)
        cut_off.set()
        await asyncio.Event().wait()


@pytest.fixture
async def stuck(pg: PgSchema) -> AsyncIterator[Any]:
    """A process on the database that gets stuck writing the first answer of member 1 (see ``stuck_in``)."""
    store = await pg.open_compat()
    await DeckQueries(store).sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=NOW)
    await store.serving()
    cut_off = asyncio.Event()
    task = asyncio.ensure_future(stuck_in(store, answer(1), cut_off))
    await asyncio.wait_for(cut_off.wait(), 30)
    yield store
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.fixture(autouse=True)
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The waits of a serving process and of a starting one, shortened for the test (5 s and 2 minutes)."""
    monkeypatch.setattr(compat, "LOCK_WAIT_MS", 500)
    monkeypatch.setattr(compat, "STARTUP_LOCK_WAIT_MS", 1500)


async def test_an_answer_waiting_for_a_stuck_process_fails_plainly_and_the_process_goes_on(
    pg: PgSchema, stuck: Any
) -> None:
    other = await pg.open_compat()  # the process that now holds the server's shard
    await other.serving()
    with pytest.raises(Exception) as failed:
        await asyncio.wait_for(write(other, answer(1)), 30)
    assert storage_failed(failed.value), failed.value  # the member is told it was not saved
    # The process was not frozen: another member's answer is saved, and so is member 1's next one once the stuck
    # process is gone.
    await asyncio.wait_for(write(other, answer(2)), 30)
    async with other.read() as db:
        rows = await db.execute_fetchall("SELECT user_id, points FROM board_scores WHERE scope = 'all' AND topic = ''")
    assert [tuple(r) for r in rows] == [(2, 10)]


async def test_a_process_starting_beside_a_stuck_one_waits_then_fails_plainly_instead_of_hanging(
    pg: PgSchema, stuck: Any
) -> None:
    starting = await pg.open_compat()  # start-up work waits longer (STARTUP_LOCK_WAIT_MS), then fails too
    with pytest.raises(Exception) as failed:
        await asyncio.wait_for(write(starting, answer(1)), 30)
    assert storage_failed(failed.value), failed.value
