"""Two processes that open one new SQLite file at the same moment (two shard processes starting together)
both start: the second waits while the first sets the file up instead of stopping with "database is
locked"."""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

ROUNDS = 100


def _opener(paths: list[str], barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    from bot.core.storage.store import Store

    async def open_and_close(path: str) -> str:
        try:
            store = await Store.open(path)
        except Exception as exc:
            return f"{path}: {exc}"
        await store.close()
        return "ok"

    for path in paths:
        barrier.wait(timeout=30)
        results.put(asyncio.run(open_and_close(path)))


def test_two_processes_creating_one_new_database_both_start(tmp_path: Path) -> None:
    paths = [str(tmp_path / f"round{k}" / "tutor.sqlite3") for k in range(ROUNDS)]
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [ctx.Process(target=_opener, args=(paths, barrier, results)) for _ in range(2)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for w in workers:
        w.join(timeout=30)
    refused = [o for o in outcomes if o != "ok"]
    assert refused == [], f"{len(refused)} of {2 * ROUNDS} opens refused, e.g. {refused[0]}"
