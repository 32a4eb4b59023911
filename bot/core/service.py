"""The use-cases the cogs (and the CLI) call, gathered in one ``Services`` object.

``Services`` owns the store, the in-memory catalog of decks, the injected clock and random source, and one
service per feature (quiz, lookup, stats, daily), each in its own module. Cogs never touch SQL, grading or
time maths: they call these and turn the results into messages.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Deck
from bot.core.storage import Store, SyncReport

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Services:
    """Everything a cog needs, built once per bot (see ``cogs/_shared.get_services``)."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        catalog: Catalog,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        from bot.core.daily import DailyService
        from bot.core.lookup import LookupService
        from bot.core.quiz import QuizService
        from bot.core.stats import StatsService

        self.settings = settings
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.rng = rng or random.Random()
        self.sync_report: SyncReport | None = None
        self.quiz = QuizService(self)
        self.lookup = LookupService(self)
        self.stats = StatsService(self)
        self.daily = DailyService(self)
        self._features = (self.quiz, self.lookup, self.stats, self.daily)

    def now(self) -> datetime:
        """The current time (aware, UTC), from the injected clock."""
        return self.clock()

    @classmethod
    async def create(
        cls,
        settings: Settings,
        *,
        decks: Sequence[Deck] | None = None,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
    ) -> Services:
        """Load the decks (raises ``DeckError``), open and migrate the store, sync the decks into it."""
        if decks is None:
            decks = load_decks(settings.cards_dir)
        store = await Store.open(settings.db_path)
        try:
            report = await store.sync_decks(decks, now=clock())
            services = cls(settings, store, Catalog(decks), clock=clock, rng=rng)
            services.sync_report = report
            for feature in services._features:
                start = getattr(feature, "start", None)
                if start is not None:
                    await start()
        except BaseException:
            await store.close()
            raise
        log.info(
            "services ready: %d decks, %d cards (%d askable), database %s",
            len(services.catalog.decks),
            len(services.catalog.cards),
            len(services.catalog.askable),
            settings.db_path,
        )
        return services

    async def close(self) -> None:
        """Stop the features, then close the store (a write in progress finishes first)."""
        for feature in reversed(self._features):
            stop = getattr(feature, "close", None)
            if stop is not None:
                try:
                    await stop()
                except Exception:
                    log.exception("error while closing %s", type(feature).__name__)
        await self.store.close()
