"""The store's writes on a real SQLite file, compared like for like, and the start-up deck sync.

1. Durability: the store's own discipline (one shared writer connection behind a lock), ``synchronous=NORMAL``
   against ``FULL`` (what the store uses), for one attempt per transaction and for the quiz's group commit.
2. Connection discipline: the shared writer against a new connection per unit of work, both ``FULL``.
3. Deck sync of 100,000 cards (first run, then unchanged).
4. Opening a database of 1,000,000 attempts: what the start-up check of every page (``quick_check``) costs.
5. What one answer's row costs to write: batches of 64 attempts (a group commit at about 2,000 answers a second)
   from 100 servers x 20 members over the shipped deck's cards, half of them right, each batch its own ``FULL``
   transaction, with the store's schema as it is and without each structure the row feeds (the summary
   triggers, the attempt indexes): CPU time per row (the database's thread) and bytes written per row (the
   write-ahead log and its copies back). About two minutes; run only when asked (``--parts 5``).

Each configuration runs three times, on a fresh file each time, taking turns with the one it is compared with
(so a change in the machine's load weighs on both alike); the tables show min / median / max of the three runs.

    .venv/bin/python bench/bench_store.py [N] [--parts 1,2,3,4,5]    (N attempts per run, default 2000; parts 1-4 by default)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.core.decks import load_decks
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.quiz.commit import GroupCommit
from bot.core.storage import AttemptWriter, DeckQueries, Store
from bot.core.storage.attempts import _insert_rows
from bot.core.storage.store import WAL_AUTOCHECKPOINT

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 26, tzinfo=UTC)
WRITER = AttemptWriter()
RUNS = 3

#: A run: (file, writes, in flight at once, synchronous) -> (each write's latency, seconds the writes took).
Run = Callable[[Path, int, int, str], Awaitable[tuple[list[float], float]]]


def attempt(i: int) -> Attempt:
    return Attempt(
        guild_id=1 + i % 10, channel_id=100 + i % 100, user_id=1000 + i % 2000, user_name=f"user{i % 2000}",
        card_key="genai-basics:mrkl", source=Source.QUIZ, response="modular reasoning", verdict=VerdictKind.CORRECT,
        points=10, created_at=NOW,
    )


async def prepared(path: Path, synchronous: str) -> Store:
    store = await Store.open(path, synchronous=synchronous)
    await DeckQueries(store).sync_decks(load_decks(ROOT / "cards"), now=NOW)
    return store


async def gathered(n: int, concurrency: int, one: Callable[[int], Awaitable[None]]) -> tuple[list[float], float]:
    """Latency of each of ``n`` writes, ``concurrency`` in flight at once, and the seconds they all took."""
    latencies: list[float] = []
    sem = asyncio.Semaphore(concurrency)

    async def timed(i: int) -> None:
        async with sem:
            t = time.perf_counter()
            await one(i)
            latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    await asyncio.gather(*(timed(i) for i in range(n)))
    return latencies, time.perf_counter() - start


async def shared_writer(path: Path, n: int, concurrency: int, synchronous: str) -> tuple[list[float], float]:
    """The store's discipline: one transaction per attempt on the shared writer."""
    store = await prepared(path, synchronous)

    async def one(i: int) -> None:
        async with store.transaction() as db:
            await WRITER.add(db, attempt(i))

    try:
        return await gathered(n, concurrency, one)
    finally:
        await store.close()


async def group_commit(path: Path, n: int, concurrency: int, synchronous: str) -> tuple[list[float], float]:
    """The quiz answer path's writes: attempts that arrive together share a transaction."""
    store = await prepared(path, synchronous)
    commits = GroupCommit(store, WRITER)

    async def one(i: int) -> None:
        await commits.write(attempt(i))

    try:
        return await gathered(n, concurrency, one)
    finally:
        await store.close()


async def per_unit(path: Path, n: int, concurrency: int, synchronous: str) -> tuple[list[float], float]:
    """A new connection for each unit of work, with the same PRAGMAs as the store's writer."""
    store = await prepared(path, synchronous)
    await store.close()

    async def one(i: int) -> None:
        async with aiosqlite.connect(str(path), isolation_level=None) as db:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute(f"PRAGMA synchronous={synchronous}")
            await db.execute("PRAGMA foreign_keys=ON")
            # 50 connections queue on SQLite's one write lock by polling; the store's 5 s is not enough here.
            await db.execute("PRAGMA busy_timeout=60000")
            await db.execute("BEGIN IMMEDIATE")
            await WRITER.add(db, attempt(i))
            await db.execute("COMMIT")

    return await gathered(n, concurrency, one)


def p99(lat: list[float]) -> float:
    ordered = sorted(lat)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def spread(values: list[float], fmt: str) -> str:
    return "/".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


Result = tuple[list[float], list[float], list[float]]


async def measure(configs: list[tuple[Run, int, str]], n: int) -> list[Result]:
    """Throughput (writes/s), p50 and p99 (ms) of ``RUNS`` runs of each (run, concurrency, synchronous).

    The configurations take turns, run by run, each on a fresh file: a change in the machine's load during
    the bench weighs on all of them alike, so they stay comparable.
    """
    results: list[Result] = [([], [], []) for _ in configs]
    for _ in range(RUNS):
        for (run, concurrency, synchronous), (rates, p50s, p99s) in zip(configs, results, strict=True):
            with tempfile.TemporaryDirectory() as tmp:
                lat, wall = await run(Path(tmp) / "bench.sqlite3", n, concurrency, synchronous)
            rates.append(len(lat) / wall)
            p50s.append(statistics.median(lat) * 1000)
            p99s.append(p99(lat) * 1000)
    return results


def row(label: str, result: Result) -> str:
    rates, p50s, p99s = result
    return f"| {label} | {spread(rates, '.0f')} | {spread(p50s, '.2f')} | {spread(p99s, '.2f')} |"


HEADER = "| configuration | writes/s (min/median/max) | p50 ms | p99 ms |\n| --- | --- | --- | --- |"


async def durability(n: int) -> None:
    print("\n1. Durability, same discipline (the store's shared writer): NORMAL vs FULL\n")
    print(HEADER)
    for name, run, concurrency in (
        ("one attempt a transaction, 1 at once", shared_writer, 1),
        ("one attempt a transaction, 50 at once", shared_writer, 50),
        ("group commit, 50 at once", group_commit, 50),
        ("group commit, 200 at once", group_commit, 200),
    ):
        normal, full = await measure([(run, concurrency, "NORMAL"), (run, concurrency, "FULL")], n)
        print(row(f"{name}, NORMAL", normal))
        print(row(f"{name}, FULL", full))
        cost = 1 - statistics.median(full[0]) / statistics.median(normal[0])
        print(f"| → FULL costs {cost:.0%} of the median throughput | | | |")


async def discipline(n: int) -> None:
    print("\n2. Connection discipline, same durability (FULL): shared writer vs a connection per unit\n")
    print(HEADER)
    for concurrency in (1, 50):
        shared, own = await measure([(shared_writer, concurrency, "FULL"), (per_unit, concurrency, "FULL")], n)
        print(row(f"shared writer, {concurrency} at once", shared))
        print(row(f"connection per unit, {concurrency} at once", own))


async def deck_sync(size: int) -> None:
    """Start-up cost of mirroring a large deck into the database (first run, then unchanged)."""
    print(f"\n3. Deck sync of {size:,} cards (seconds, min/median/max of {RUNS})\n")
    cards = tuple(
        Card(deck="big", id=f"c{i}", question=f"q {i}?", answer=f"answer {i}", term=f"term {i}",
             accept=(f"term {i}",), tags=(f"t{i % 50}",))
        for i in range(size)
    )
    deck = Deck(id="big", title="Big", cards=cards)
    times: dict[str, list[float]] = {"first sync": [], "unchanged sync": []}
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            store = await Store.open(Path(tmp) / "sync.sqlite3")
            for label in times:
                t = time.perf_counter()
                await DeckQueries(store).sync_decks([deck], now=NOW)
                times[label].append(time.perf_counter() - t)
            await store.close()
    for label, values in times.items():
        print(f"{label}: {spread(values, '.3f')} s")


async def open_check(attempts: int) -> None:
    """Start-up time of ``Store.open`` (migrations checked, every page checked) on a big database."""
    print(f"\n4. Opening a database of {attempts:,} attempts (seconds, min/median/max of {RUNS})\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        store = await prepared(path, "NORMAL")
        batch = 20_000
        for start in range(0, attempts, batch):
            async with store.transaction() as db:
                await WRITER.add_many(db, [attempt(i) for i in range(start, min(start + batch, attempts))])
        await store.close()
        empty = Path(tmp) / "empty.sqlite3"
        await (await Store.open(empty)).close()
        for label, file in (("empty database", empty), (f"{attempts:,} attempts", path)):
            times = []
            for _ in range(RUNS):
                t = time.perf_counter()
                await (await Store.open(file)).close()
                times.append(time.perf_counter() - t)
            print(f"open, {label} ({file.stat().st_size / 2**20:.0f} MiB): {spread(times, '.3f')} s")


#: The attempt indexes of the schema (migrations 0007, 0008, 0010, 0016), each left out in turn by part 5.
ATTEMPT_INDEXES = (
    "attempts_board", "attempts_user", "attempts_user_card", "attempts_session", "attempts_guild_card",
)
#: The triggers that keep the summary tables with each answer (0007, 0016).
SUMMARY_TRIGGERS = tuple(
    f"DROP TRIGGER {t}" for t in ("stats_attempt_added", "stats_attempt_scored", "stats_attempt_unscored")
)
#: Part 5's variants: label -> statements run on the migrated copy before the writes.
WRITE_VARIANTS: dict[str, tuple[str, ...]] = {
    "schema as it is": (),
    "without the summary triggers": SUMMARY_TRIGGERS,
    "without the 5 attempt indexes": tuple(f"DROP INDEX {i}" for i in ATTEMPT_INDEXES),
    "without both": (*SUMMARY_TRIGGERS, *(f"DROP INDEX {i}" for i in ATTEMPT_INDEXES)),
    **{f"without {i}": (f"DROP INDEX {i}",) for i in ATTEMPT_INDEXES},
    "without board_scores_rank": ("DROP INDEX board_scores_rank",),
}


def _written_bytes() -> int:
    """Bytes this process has written so far (``/proc/self/io``), or 0 where the kernel does not say."""
    try:
        with open("/proc/self/io") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("wchar"))
    except (OSError, StopIteration):
        return 0


def _write_rows(
    base: Path, path: Path, drop: tuple[str, ...], rows: list[tuple[object, ...]], batch: int
) -> tuple[float, float]:
    """``rows`` written in transactions of ``batch`` on a raw connection to a fresh copy of ``base`` at ``path``
    (``FULL``, the store's checkpoint length) after ``drop``: CPU seconds per row and bytes written per row."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copy(base, path)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
        for statement in drop:
            db.execute(statement)
        cpu, written = time.thread_time(), _written_bytes()
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            db.execute("BEGIN IMMEDIATE")
            db.execute(_insert_rows(len(chunk)), [value for row in chunk for value in row])
            db.execute("COMMIT")
        return (time.thread_time() - cpu) / len(rows), (_written_bytes() - written) / len(rows)
    finally:
        db.close()


def attempt_rows(n: int) -> list[tuple[object, ...]]:
    """Part 5's ``n`` attempt rows, one value per column of ``_insert_rows`` (100 servers x 20 members, the
    shipped deck's cards, half of them right)."""
    rng = random.Random(5)
    decks = load_decks(ROOT / "cards")
    keys = [f"{deck.id}:{card.id}" for deck in decks for card in deck.cards]
    start_ms = int(NOW.timestamp() * 1000)
    rows: list[tuple[object, ...]] = []
    for i in range(n):
        guild, user = 1 + rng.randrange(100), 100 + rng.randrange(20)
        verdict = rng.choice(("correct", "correct", "wrong", "almost"))  # half right, as in a race
        points = rng.choice((10, 5)) if verdict == "correct" else 0
        rows.append((
            guild, 1000 + guild, user, f"p{user}", rng.choice(keys), "quiz", "an answer", verdict, points,
            f"quiz{guild}", start_ms + i, 0, "question", None,  # no hint; asked by its question; no rating key
        ))
    return rows


async def write_costs(n: int, batch: int = 64) -> None:
    """Part 5: what one answer's row costs the database's thread, structure by structure."""
    print(
        f"\n5. Writing {n:,} attempts in transactions of {batch} (100 servers x 20 members, the shipped deck's cards,"
        f" FULL): per row, min/median/max of {RUNS}\n"
    )
    rows = attempt_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite3"
        await (await prepared(base, "FULL")).close()
        results: dict[str, list[tuple[float, float]]] = {label: [] for label in WRITE_VARIANTS}
        for _ in range(RUNS):
            for label, drop in WRITE_VARIANTS.items():  # in turn, so the machine's load weighs on all alike
                run = Path(tmp) / "run.sqlite3"
                results[label].append(await asyncio.to_thread(_write_rows, base, run, drop, rows, batch))
    for label, got in results.items():
        cpu = [c * 1e6 for c, _ in got]
        written = [w / 1024 for _, w in got]
        print(f"{label:32} CPU {spread(cpu, '6.1f')} µs   written {spread(written, '5.1f')} KiB")


async def main(n: int, parts: set[int]) -> None:
    if 1 in parts:
        await durability(n)
    if 2 in parts:
        await discipline(n)
    if 3 in parts:
        await deck_sync(100_000)
    if 4 in parts:
        await open_check(1_000_000)
    if 5 in parts:
        await write_costs(max(n, 25_600))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="attempts per run")
    parser.add_argument("--parts", default="1,2,3,4", help="which of the five parts to run (part 5 only when named)")
    args = parser.parse_args()
    asyncio.run(main(args.n, {int(p) for p in args.parts.split(",") if p.strip()}))
