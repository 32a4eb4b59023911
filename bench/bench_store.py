"""Connection discipline for the store: one shared writer connection with a lock, vs a new connection per
unit of work. Both insert the same attempts from many concurrent coroutines into a real SQLite file.

    .venv/bin/python bench/bench_store.py [N]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.core.decks import load_decks
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.storage import AttemptWriter, DeckQueries, Store

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 26, tzinfo=UTC)
WRITER = AttemptWriter()


def attempt(i: int) -> Attempt:
    return Attempt(
        guild_id=1 + i % 10, channel_id=100 + i % 100, user_id=1000 + i % 2000, user_name=f"user{i % 2000}",
        card_key="genai-basics:mrkl", source=Source.QUIZ, response="modular reasoning", verdict=VerdictKind.CORRECT,
        points=10, created_at=NOW,
    )


async def shared_writer(path: Path, n: int, concurrency: int) -> list[float]:
    store = await Store.open(path)
    await DeckQueries(store).sync_decks(load_decks(ROOT / "cards"), now=NOW)
    latencies: list[float] = []
    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            t = time.perf_counter()
            async with store.transaction() as db:
                await WRITER.add(db, attempt(i))
            latencies.append(time.perf_counter() - t)

    await asyncio.gather(*(one(i) for i in range(n)))
    await store.close()
    return latencies


async def per_unit(path: Path, n: int, concurrency: int) -> list[float]:
    store = await Store.open(path)
    await DeckQueries(store).sync_decks(load_decks(ROOT / "cards"), now=NOW)
    await store.close()
    latencies: list[float] = []
    sem = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with sem:
            t = time.perf_counter()
            async with aiosqlite.connect(str(path), isolation_level=None) as db:
                await db.execute("PRAGMA busy_timeout=5000")
                await db.execute("PRAGMA foreign_keys=ON")
                await db.execute("BEGIN IMMEDIATE")
                await WRITER.add(db, attempt(i))
                await db.execute("COMMIT")
            latencies.append(time.perf_counter() - t)

    await asyncio.gather(*(one(i) for i in range(n)))
    return latencies


def report(name: str, lat: list[float], wall: float) -> None:
    lat.sort()
    p99 = lat[int(len(lat) * 0.99) - 1]
    print(
        f"{name:28s} {len(lat) / wall:8.0f} writes/s   p50 {statistics.median(lat) * 1000:6.2f} ms"
        f"   p99 {p99 * 1000:6.2f} ms"
    )


async def deck_sync(size: int) -> None:
    """Start-up cost of mirroring a large deck into the database (first run, then unchanged)."""
    cards = tuple(
        Card(deck="big", id=f"c{i}", question=f"q {i}?", answer=f"answer {i}", term=f"term {i}",
             accept=(f"term {i}",), tags=(f"t{i % 50}",))
        for i in range(size)
    )
    deck = Deck(id="big", title="Big", cards=cards)
    with tempfile.TemporaryDirectory() as tmp:
        store = await Store.open(Path(tmp) / "sync.sqlite3")
        for label in ("first sync", "unchanged sync"):
            t = time.perf_counter()
            report = await DeckQueries(store).sync_decks([deck], now=NOW)
            print(f"{label} of {size:,} cards: {time.perf_counter() - t:5.2f} s ({report})")
        await store.close()


async def main(n: int) -> None:
    await deck_sync(100_000)
    for concurrency in (1, 50):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            lat = await shared_writer(Path(tmp) / "a.sqlite3", n, concurrency)
            report(f"shared writer, {concurrency} at once", lat, time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            lat = await per_unit(Path(tmp) / "b.sqlite3", n, concurrency)
            report(f"connection per unit, {concurrency}", lat, time.perf_counter() - t)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
