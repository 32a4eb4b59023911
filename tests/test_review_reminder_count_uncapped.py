"""A member with more than a thousand cards due: the reminder tells them how many, as /review status does,
not a round 1000."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.review import ReviewService
from bot.core.storage import DeckQueries
from bot.core.storage.attempts import AttemptWriter
from cogs.review.render import reminder_text

GUILD, ALICE = 1001, 11
# Wednesday 18 March 2026, 15:30 UTC.
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
CARDS = 1_234
WORDS = Deck(
    id="words",
    title="Words",
    cards=tuple(
        Card(deck="words", id=f"w{i}", question=f"Word number {i}?", answer=f"word{i}", term=f"word{i}",
             accept=(f"word{i}",))
        for i in range(CARDS)
    ),  # fmt: skip
)


@pytest.fixture
def clock_start() -> datetime:
    return START


async def test_the_reminder_counts_every_due_card_past_a_thousand(engine: Engine, clock) -> None:
    store = await engine.open()
    await DeckQueries(store).sync_decks([WORDS], now=START - timedelta(days=30))
    review = ReviewService(store=store, catalog=Catalog([WORDS]), clock=clock, rng=random.Random(3))
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    async with store.transaction() as db:  # every card missed in a quiz two hours ago: all due now
        for card in WORDS.cards:
            await writer.add(db, Attempt(
                guild_id=GUILD, channel_id=5, user_id=ALICE, user_name="alice", card_key=card.key,
                source=Source.QUIZ, response="no idea", verdict=VerdictKind.WRONG, points=0,
                created_at=START - timedelta(hours=2),
            ))  # fmt: skip
    assert (await review.members.status(GUILD, ALICE)).due_today == CARDS

    await review.members.set_reminder(GUILD, ALICE, "18:00")
    clock.now = START.replace(hour=18, second=5)
    [reminder] = await review.members.claim_reminders()
    assert reminder.due == CARDS
    assert f"{CARDS:,} cards are due for review today" in reminder_text("Study", reminder.due)
