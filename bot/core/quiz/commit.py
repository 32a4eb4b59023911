"""Group commit of graded answers: concurrent answers share one transaction.

``GroupCommit.write(attempt)`` returns the attempt's id once the transaction holding that attempt has
committed (or raises what made it fail). While one transaction is being written, the answers that arrive
queue up and go into the next one together (``AttemptWriter.add_batch``), so a burst of answers costs a few
commits instead of one each.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.core.models import Attempt
from bot.core.storage.store import StoreError

if TYPE_CHECKING:
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

#: What a write raises when the database refuses it (disk full, read-only, locked, gone): the quiz reports
#: it as not saved. Anything else is a bug and is left to propagate.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, StoreError, OSError)


class GroupCommit:
    """Writes attempts through the one attempt writer, batching those that arrive together."""

    def __init__(self, store: Store, attempts: AttemptWriter) -> None:
        self.store = store
        self.attempts = attempts
        self._queue: list[tuple[Attempt, asyncio.Future[None]]] = []
        self._ids: dict[asyncio.Future[None], int] = {}
        self._flushing = False

    async def write(self, attempt: Attempt, *, track: Callable[[asyncio.Future[None]], None] | None = None) -> int:
        """Store one attempt; returns its id once it is committed. ``track`` sees the pending write first."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._queue.append((attempt, fut))
        if track is not None:
            track(fut)
        if not self._flushing:
            self._flushing = True
            try:
                await self._flush(fut)
            finally:
                self._flushing = False
                left, self._queue = self._queue, []
                for _, f in left:
                    if not f.done() and f is not fut:
                        f.set_exception(StoreError("the write was cancelled"))
        try:
            await fut
        finally:
            attempt_id = self._ids.pop(fut, 0)
        return attempt_id

    async def _flush(self, mine: asyncio.Future[None]) -> None:
        while self._queue:
            batch, self._queue = self._queue, []
            try:
                async with self.store.transaction() as db:
                    ids = await self.attempts.add_batch(db, [a for a, _ in batch])
            except Exception as exc:
                for _, f in batch:
                    if not f.done():
                        f.set_exception(exc)
                continue
            except BaseException:  # cancelled: the others must not wait for ever
                for _, f in batch:
                    if not f.done() and f is not mine:
                        f.set_exception(StoreError("the write was cancelled"))
                raise
            for (_, f), attempt_id in zip(batch, ids, strict=True):
                if not f.done():
                    self._ids[f] = attempt_id
                    f.set_result(None)
