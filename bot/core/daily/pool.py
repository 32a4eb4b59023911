"""The bounded worker pool that drains the due guilds (used by the daily cog and ``bench/bench_daily.py``)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger(__name__)

__all__ = ["PoolStats", "run_pool"]

T = TypeVar("T")


@dataclass(slots=True)
class PoolStats:
    """What one run of the pool did: items, failures, the most running at once, seconds taken."""

    items: int = 0
    failed: int = 0
    max_concurrency: int = 0
    seconds: float = 0.0
    _running: int = field(default=0, repr=False)


async def run_pool(
    items: Iterable[T], handler: Callable[[T], Awaitable[Any]], *, workers: int = 4
) -> PoolStats:
    """Run ``handler`` on every item with at most ``workers`` running at once; an error stays with its item.

    Items go through an ``asyncio.Queue`` drained by ``workers`` tasks that end when it is empty, so a few
    thousand due guilds never become a few thousand coroutines, and nothing is left waiting afterwards.
    """
    queue: asyncio.Queue[T] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    stats = PoolStats(items=queue.qsize())
    started = time.perf_counter()

    async def worker() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            stats._running += 1
            stats.max_concurrency = max(stats.max_concurrency, stats._running)
            try:
                await handler(item)
            except Exception:
                stats.failed += 1
                log.exception("daily work failed for %r; the others carry on", item)
            finally:
                stats._running -= 1

    count = max(1, min(workers, stats.items))
    if stats.items:
        await asyncio.gather(*(worker() for _ in range(count)))
    stats.seconds = time.perf_counter() - started
    return stats
