"""What the review store tests share (``from review_store_support import review_clock, mini_decks, synced_store``):
the virtual clock's start, the test decks and a store on either engine that knows them.

The fixtures: ``review_clock`` (``clock_start``), ``mini_decks`` (``decks``, tests/data/decks) and ``synced_store``
(``store``, opened on the ``engine`` fixture of ``pg_support``, the decks synced 30 days before ``START``).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pg_support import Engine

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Deck
from bot.core.review import ReviewService
from bot.core.storage import Store
from bot.core.storage.attempts import AttemptWriter

G1 = 1001
ALICE, BOB = 11, 12
# Wednesday 18 March 2026, 15:30 UTC.
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture(name="clock_start")
def review_clock() -> datetime:
    return START


@pytest.fixture(name="decks")
def mini_decks() -> list[Deck]:
    return load_decks(Path(__file__).resolve().parent / "data" / "decks")


@pytest.fixture(name="store")
async def synced_store(engine: Engine, decks: list[Deck]) -> Store:
    store = await engine.open()
    await store.sync_decks(decks, now=START - timedelta(days=30))
    return store


def service(store: Store, decks: list[Deck], clock) -> ReviewService:
    return ReviewService(store=store, catalog=Catalog(decks), clock=clock, rng=random.Random(3))


def hooked(review: ReviewService) -> AttemptWriter:
    """An attempt writer with the review hook subscribed, as the services wire it."""
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    return writer
