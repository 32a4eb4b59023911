"""Two "processes" (two stores on one database) whose write transactions overlap in a known order.

``overlap(first, second)``: the first store's next write transaction holds its commit until the second store's
write transaction has begun (then a moment longer, so the second runs its statements); the caller starts the
second only once the first is inside its transaction (``first_began``). On SQLite the second cannot begin
while the first holds the write lock, so the first gives up waiting after ``patience`` seconds and commits:
the transactions run one after the other, as SQLite's single writer always runs them. On PostgreSQL they
overlap as two processes' transactions do under READ COMMITTED.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


class Overlap:
    def __init__(self) -> None:
        self.first_began = asyncio.Event()
        self.second_began = asyncio.Event()


def overlap(first: Any, second: Any, *, linger: float = 0.5, patience: float = 2.0) -> Overlap:
    """Patch the two stores' ``transaction`` (see the module doc)."""
    state = Overlap()
    first_tx, second_tx = first.transaction, second.transaction

    @asynccontextmanager
    async def first_transaction() -> AsyncIterator[Any]:
        async with first_tx() as db:
            state.first_began.set()
            yield db
            try:
                await asyncio.wait_for(state.second_began.wait(), patience)
            except TimeoutError:
                pass  # SQLite: the second waits for this one's write lock
            else:
                await asyncio.sleep(linger)

    @asynccontextmanager
    async def second_transaction() -> AsyncIterator[Any]:
        async with second_tx() as db:
            state.second_began.set()
            yield db

    first.transaction = first_transaction
    second.transaction = second_transaction
    return state


async def run_overlapping(state: Overlap, first_work: Any, second_work: Any) -> list[Any]:
    """Run ``first_work`` until it is inside its transaction, then ``second_work``; both results (or errors)."""
    first_task = asyncio.ensure_future(first_work)
    await asyncio.wait_for(state.first_began.wait(), 10)
    second_task = asyncio.ensure_future(second_work)
    return list(await asyncio.gather(first_task, second_task, return_exceptions=True))
