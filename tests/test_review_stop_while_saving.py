"""Stop pressed while the answer to the card on show is still being saved: the summary never says "No card was
reviewed" about an answer that counted. Stop waits its turn (the member is asked to press it again), and the
summary it then shows counts the answer."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.catalog import Catalog
from bot.core.errors import UserError
from bot.core.models import Card, Deck
from bot.core.review import Answered, ReviewService, Shown
from bot.core.storage import DeckQueries, Store

GUILD, ALICE = 1001, 11
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
FRUIT = Deck(
    id="fruit",
    title="Fruit",
    cards=tuple(
        Card(deck="fruit", id=w, question=f"Which fruit is called {w}?", answer=f"The **{w}**.", term=w, accept=(w,))
        for w in ("apple", "banana", "cherry")
    ),
)


@pytest.fixture
def clock_start() -> datetime:
    return START


async def test_stop_while_an_answer_is_being_saved_never_leaves_it_out_of_the_summary(tmp_path, clock) -> None:
    store = await Store.open(tmp_path / "tutor.sqlite3")
    try:
        await DeckQueries(store).sync_decks([FRUIT], now=START - timedelta(days=1))
        review = ReviewService(store=store, catalog=Catalog([FRUIT]), clock=clock, rng=random.Random(3))
        saving = asyncio.Event()
        go_on = asyncio.Event()

        async def hidden(guild_id: int | None, *, user_id: int | None = None) -> frozenset[str]:  # (the answer waits here, as on a busy database)
            saving.set()
            await go_on.wait()
            return frozenset()

        session, step = await review.start_session(guild_id=GUILD, user_id=ALICE, user_name="alice")
        assert isinstance(step, Shown) and step.card.key == "fruit:apple"
        review.hidden = hidden
        answering = asyncio.create_task(review.answer(session.id, user_id=ALICE, number=1, response="apple"))
        await saving.wait()

        with pytest.raises(UserError, match="being saved"):
            await review.stop(session.id, user_id=ALICE)  # not "No card was reviewed" over an answer that counts
        go_on.set()
        answered = await answering
        assert isinstance(answered, Answered) and answered.verdict.correct
        summary = await review.stop(session.id, user_id=ALICE)
        assert (summary.reviewed, summary.right) == (1, 1)
    finally:
        await store.close()
