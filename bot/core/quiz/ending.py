"""The end of a quiz, written even when the database refuses it for a while.

``Endings.write`` records a quiz's final status; when the write fails (disk full, read-only) the end is
kept as pending and written by ``retry()`` once writes work again (the cog retries on a timer, and every
quiz start retries first). Recent summaries are kept, so ending a quiz twice returns the same one.

A channel quiz's end is written with its summary due (``quizzes.summary_due``), cleared by ``shown()`` once its
channel was told: a process killed in between leaves it due, and the next start posts it (unless the channel's
recent messages show it was told: the showing was done, only its record was lost). A mark the database
refuses is kept and written by ``retry()`` too (else the next start would post that summary again).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from bot.core.quiz.models import ENDED_KEPT, Summary
from bot.core.storage.problems import STORAGE_ERRORS
from bot.core.storage.quiz_queries import QuizQueries

log = logging.getLogger(__name__)


class Endings:
    """Pending ends and recent summaries (see the module docstring)."""

    def __init__(self, queries: QuizQueries) -> None:
        self.queries = queries
        self._pending: dict[str, tuple[str, int | None, datetime, bool]] = {}
        #: Quizzes whose summary was shown but the database refused to record it.
        self._shown: set[str] = set()
        self._ended: dict[str, Summary] = {}
        self._ending: dict[str, asyncio.Future[Summary]] = {}

    @property
    def pending(self) -> int:
        """How many ends wait to be written."""
        return len(self._pending)

    def waiting(self, quiz_id: str) -> bool:
        """Whether the end of ``quiz_id`` waits to be written (its row still says running)."""
        return quiz_id in self._pending

    def summary(self, quiz_id: str) -> Summary | None:
        """The summary of a quiz that ended recently."""
        return self._ended.get(quiz_id)

    def in_progress(self, quiz_id: str) -> asyncio.Future[Summary] | None:
        """The summary of a quiz being ended right now (to wait for), if it is."""
        return self._ending.get(quiz_id)

    @asynccontextmanager
    async def ending(self, quiz_id: str) -> AsyncIterator[Callable[[Summary], None]]:
        """While a quiz is being ended: others wait for its summary (``done(summary)`` gives it)."""
        future: asyncio.Future[Summary] = asyncio.get_running_loop().create_future()
        self._ending[quiz_id] = future

        def done(summary: Summary) -> None:
            self._ended[quiz_id] = summary
            while len(self._ended) > ENDED_KEPT:
                del self._ended[next(iter(self._ended))]
            future.set_result(summary)

        try:
            yield done
        finally:
            del self._ending[quiz_id]
            if not future.done():
                future.cancel()  # it failed: whoever waits fails too

    @property
    def marks(self) -> int:
        """How many "summary shown" marks wait to be written."""
        return len(self._shown)

    async def write(
        self, quiz_id: str, status: str, winner_id: int | None, at: datetime, *, summary_due: bool = False
    ) -> bool:
        """Record the end of ``quiz_id`` (``summary_due``: its channel is still to be told, see ``shown``); False
        when it could not be written yet (it is kept pending)."""
        try:
            await self.queries.end_quiz(quiz_id, status, winner_id, at, summary_due=summary_due)
        except STORAGE_ERRORS:
            log.warning("could not write the end of quiz %s; will retry", quiz_id, exc_info=True)
            self._pending[quiz_id] = (status, winner_id, at, summary_due)
            return False
        self._pending.pop(quiz_id, None)
        return True

    async def shown(self, quiz_id: str) -> None:
        """The quiz's channel was told how it ended: a restart must not post it again."""
        pending = self._pending.get(quiz_id)
        if pending is not None:  # its end is not written yet: it will be, with nothing due
            self._pending[quiz_id] = (*pending[:3], False)
            return
        try:
            await self.queries.summary_shown(quiz_id)
        except STORAGE_ERRORS as exc:
            log.info("could not record that quiz %s showed its summary (%s); will retry", quiz_id, exc)
            self._shown.add(quiz_id)
            return
        self._shown.discard(quiz_id)

    async def retry(self) -> bool:
        """Write the pending ends (oldest first), then the pending "summary shown" marks; True when no end is
        left."""
        for quiz_id, (status, winner_id, at, summary_due) in list(self._pending.items()):
            try:
                await self.queries.end_quiz(quiz_id, status, winner_id, at, summary_due=summary_due)
            except STORAGE_ERRORS as exc:
                log.info("the end of quiz %s is still not written: %s", quiz_id, exc)
                return False
            del self._pending[quiz_id]
            log.info("wrote the pending end of quiz %s (%s)", quiz_id, status)
        for quiz_id in list(self._shown):
            await self.shown(quiz_id)
            if quiz_id in self._shown:
                break
        return True
