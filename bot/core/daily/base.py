"""What every part of the daily service shares: its collaborators and the helpers they all use."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import aiosqlite

from bot.core import schedule
from bot.core.models import Card
from bot.core.storage.daily_queries import DailyQueries, ScheduleInfo

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)


class DailyBase:
    """The daily service's state: the store (transaction boundaries), its queries, the attempt writer,
    the catalog, the clock and the random source, all given by the composition root."""

    def __init__(
        self,
        *,
        store: Store,
        attempts: AttemptWriter,
        catalog: Catalog,
        clock: Clock,
        rng: random.Random,
    ) -> None:
        self.store = store
        self.queries = DailyQueries(store)
        self.attempts = attempts
        self.catalog = catalog
        self.clock = clock
        self.rng = rng

    async def _card(self, key: str) -> Card | None:
        """A card by key: from the decks, else from the store (removed since it was asked: still answered)."""
        card = self.catalog.card(key)
        if card is not None:
            return card
        return await self.queries.stored_card(key)

    async def _pause(self, db: aiosqlite.Connection, guild_id: int, reason: str) -> bool:
        return await self.queries.pause(db, guild_id, reason, self.clock())

    async def _resume(self, db: aiosqlite.Connection, info: ScheduleInfo, now: datetime) -> None:
        _, post_at = schedule.next_post(now, info.at, info.zone, last_posted_day=info.handled_day)
        await self.queries.resume(db, info.guild_id, post_at)
