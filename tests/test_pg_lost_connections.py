"""On PostgreSQL, what the network and the server do to a running bot's connections: the answer a member gives
is saved once, or fails plainly with nothing of it written, and the bot goes on once the server is back.

- A server restart or a fail-over ends every pooled connection; the bot learns it only when it next uses one.
  The first answer after it failed ("connection was closed in the middle of operation"), and the next read too,
  though the server was there again: now the unit of work begins again on a new connection.
- A server cut off by the network answers nothing, not even a reset. A write waited for it as long as the
  operating system kept the connection (a quarter of an hour), holding its process's write turn: every later
  answer waited behind it, and even giving up on the write waited, for its rollback. Now a statement unanswered
  within ``STATEMENT_WAIT`` fails as a storage failure, and the next answer goes to a new connection.
- While the server is down, a write failed with the network's own error, which the features took for a bug
  (not a storage failure, so no "not saved" for the member); now it is the storage failure it is.

The server is reached through a relay on 127.0.0.1 (``pg_proxy``) that plays the restart, the cut-off network
and the refused connections.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg_proxy import PgRelay, relay, relayed, short_statement_wait  # noqa: F401  (the ``net`` and ``short_wait`` fixtures)
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
#: How long the test gives a write before calling it stuck (far beyond the shortened ``STATEMENT_WAIT``).
STUCK = 30.0


def answer(user: int) -> Attempt:
    return Attempt(
        guild_id=G, channel_id=7, user_id=user, user_name=f"user{user}", card_key="mini:bert",
        source=Source.QUIZ, response="BERT", verdict=VerdictKind.CORRECT, points=10, created_at=NOW,
    )


async def write(store: Any, attempt: Attempt) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add(db, attempt)


async def stored(pg: PgSchema) -> list[int]:
    """The members whose answers are stored, read beside the bot (not through the relay)."""
    conn = await pg.connect()
    try:
        return [r[0] for r in await conn.fetch("SELECT user_id FROM attempts ORDER BY user_id")]
    finally:
        await conn.close()


async def outcome(task: asyncio.Task[Any], net: PgRelay) -> BaseException | None:
    """What ``task`` ended with: its error, or None. A task still waiting after ``STUCK`` seconds fails the
    test; the relay lets everything through first, so that it can end."""
    done, _ = await asyncio.wait({task}, timeout=STUCK)
    if not done:
        net.thaw()
        await asyncio.wait({task}, timeout=STUCK)
        pytest.fail(f"the write was still waiting for the server after {STUCK:g} s")
    return task.exception()


@pytest.fixture
async def store(pg: PgSchema, net: PgRelay) -> AsyncIterator[Any]:
    """The bot's store, serving, with two pooled connections in use before anything happens to them."""
    opened = await compat.PgCompatStore.open(net.url, server_settings=pg.server_settings, min_size=2)
    try:
        await DeckQueries(opened).sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=NOW)
        await opened.serving()
        yield opened
    finally:
        net.thaw()
        await asyncio.wait_for(opened.close(), STUCK)


async def test_the_first_answer_after_a_server_restart_is_saved_once(
    pg: PgSchema, net: PgRelay, store: Any
) -> None:
    await write(store, answer(1))
    net.cut()  # the server restarted: every connection the pool holds is gone

    await write(store, answer(2))

    assert await stored(pg) == [1, 2]


async def test_a_read_after_a_server_restart_gets_its_rows(pg: PgSchema, net: PgRelay, store: Any) -> None:
    await write(store, answer(1))
    net.cut()

    async with store.read() as db:
        rows = await db.execute_fetchall("SELECT user_id FROM attempts")

    assert [r[0] for r in rows] == [1]


async def test_an_answer_to_a_server_that_stopped_answering_fails_plainly_and_the_next_one_is_saved(
    pg: PgSchema, net: PgRelay, store: Any
) -> None:
    net.freeze()  # cut off by the network: nothing comes back, not even a reset
    first = asyncio.ensure_future(write(store, answer(1)))
    behind = asyncio.ensure_future(write(store, answer(2)))  # waits for the write turn of the first

    failed = await outcome(first, net)
    assert failed is not None and storage_failed(failed), failed
    assert "did not answer" in str(failed)
    failed = await outcome(behind, net)
    assert failed is not None and storage_failed(failed), failed

    net.thaw()
    await write(store, answer(3))
    assert await stored(pg) == [3]  # nothing of the two that failed


async def test_a_read_from_a_server_that_stopped_answering_fails_plainly(net: PgRelay, store: Any) -> None:
    async def read() -> None:
        async with store.read() as db:
            await db.execute_fetchall("SELECT COUNT(*) FROM attempts")

    net.freeze()
    failed = await outcome(asyncio.ensure_future(read()), net)

    assert failed is not None and storage_failed(failed), failed


async def test_while_the_server_is_down_an_answer_fails_as_not_saved_and_is_saved_once_it_is_back(
    pg: PgSchema, net: PgRelay, store: Any
) -> None:
    await net.down()
    with pytest.raises(Exception) as refused:
        await write(store, answer(1))
    assert storage_failed(refused.value), refused.value
    with pytest.raises(Exception) as refused:
        async with store.read() as db:
            await db.execute_fetchall("SELECT COUNT(*) FROM attempts")
    assert storage_failed(refused.value), refused.value

    await net.up()
    await write(store, answer(2))
    assert await stored(pg) == [2]
