"""Which card the daily question asks when the server's review states say what members are about to forget,
and what a daily answer tells the review schedule (issue 15). On a real SQLite file; the clock is fixed."""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.daily import DailyService
from bot.core.models import Attempt, Card, Source, VerdictKind
from bot.core.review import Rating, ReviewService
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

ROOT = Path(__file__).resolve().parents[1]
G, G2, CH = 100, 101, 200
TRANSFORMERS = ["mini:attention-mechanism", "mini:bert", "mini:mixture-of-experts"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, 07:00 in Paris

    def __call__(self) -> datetime:
        return self.now


class Order:
    """A stand-in for the review order: records what it was given and puts ``first`` first."""

    def __init__(self, *first: str) -> None:
        self.first = list(first)
        self.calls: list[tuple[int, list[str]]] = []

    async def __call__(self, guild_id: int, cards: Sequence[Card]) -> list[Card]:
        self.calls.append((guild_id, [c.key for c in cards]))
        rank = {key: i for i, key in enumerate(self.first)}
        return sorted(cards, key=lambda c: rank.get(c.key, len(rank)))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def services(tmp_path: Path, clock: Clock) -> AsyncIterator[Services]:
    settings = Settings(db_path=tmp_path / "daily.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks")
    s = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    yield s
    await s.close()


def daily_with(services: Services, clock: Clock, order=None, attempts: AttemptWriter | None = None) -> DailyService:
    """A daily service on the same database, built as the composition root builds it, with ``order``."""
    return DailyService(
        store=services.store, attempts=attempts or AttemptWriter(), catalog=services.catalog, clock=clock,
        rng=random.Random(7), daily_order=order,
    )  # fmt: skip


async def ask_days(daily: DailyService, clock: Clock, days: int, guild_id: int = G) -> list[str]:
    """Post ``days`` daily questions in a row (09:00 Paris); the card keys asked."""
    asked = []
    for _ in range(days):
        info = await daily.get_schedule(guild_id)
        assert info is not None and info.next_post_at is not None
        clock.now = max(clock.now, info.next_post_at)
        claim = await daily.claim_due(guild_id)
        assert claim is not None
        await daily.mark_posted(claim.post_id, 1)
        asked.append(claim.card.key)
    return asked


async def test_the_question_is_the_card_the_order_puts_first(services: Services, clock: Clock) -> None:
    order = Order("mini:mixture-of-experts")
    daily = daily_with(services, clock, order)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    assert await ask_days(daily, clock, 1) == ["mini:mixture-of-experts"]
    # The order is asked about this server's cards of the topic, in the usual order (never asked first).
    [(guild_id, given)] = order.calls
    assert guild_id == G and sorted(given) == TRANSFORMERS


async def test_a_card_asked_in_the_last_30_days_is_passed_over_then_the_usual_rule(
    services: Services, clock: Clock
) -> None:
    order = Order("mini:bert", "mini:attention-mechanism", "mini:mixture-of-experts")
    daily = daily_with(services, clock, order)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    asked = await ask_days(daily, clock, 4)
    # Day 4: every card was asked in the last 30 days, so the one unused for longest comes back.
    assert asked == ["mini:bert", "mini:attention-mechanism", "mini:mixture-of-experts", "mini:bert"]
    # The usual order handed to the ranking puts the card unused for longest first.
    assert order.calls[3][1] == ["mini:bert", "mini:attention-mechanism", "mini:mixture-of-experts"]
    # Once a card has been out of the question for 30 days, the order may bring it back.
    clock.now += timedelta(days=31)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    assert await ask_days(daily, clock, 1) == ["mini:bert"]


async def test_the_order_is_per_server_and_does_not_change_another_server(services: Services, clock: Clock) -> None:
    order = Order("mini:mixture-of-experts")
    daily = daily_with(services, clock, order)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers", answer_hours=1)
    await daily.set_schedule(G2, CH, "20:00", "Europe/Paris", topic="transformers")
    info = await daily.get_schedule(G)
    assert info is not None and info.next_post_at is not None
    clock.now = max(clock.now, info.next_post_at)
    claim = await daily.claim_due(G)
    assert claim is not None and claim.card.key == "mini:mixture-of-experts"
    await daily.mark_posted(claim.post_id, 1)
    # (revealed: a card another server asks and has not revealed is left to it, ``test_daily_other_servers_card``)
    clock.now = max(clock.now, claim.closes_at)
    assert await daily.claim_reveal(claim.post_id) is not None
    assert await ask_days(daily, clock, 1, G2) == ["mini:mixture-of-experts"]  # G's history is not G2's
    assert [guild for guild, _ in order.calls] == [G, G2]


async def test_without_an_order_the_choice_is_the_usual_one(services: Services, clock: Clock) -> None:
    usual = daily_with(services, clock)
    await usual.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    asked = await ask_days(usual, clock, 4)
    assert sorted(asked[:3]) == TRANSFORMERS and asked[3] == asked[0]  # each once, then the oldest again


async def test_a_failing_order_still_asks_a_question(
    services: Services, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(guild_id: int, cards: Sequence[Card]) -> list[Card]:
        raise RuntimeError("review states unreadable")

    daily = daily_with(services, clock, broken)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    with caplog.at_level(logging.ERROR):
        [asked] = await ask_days(daily, clock, 1)
    assert asked in TRANSFORMERS
    assert "daily card order failed" in caplog.text


async def test_the_review_order_picks_the_card_members_are_about_to_forget(services: Services, clock: Clock) -> None:
    """With the real order: members who missed *mixture of experts* are due on it; the question asks it."""
    review = ReviewService(store=services.store, catalog=services.catalog, clock=clock, rng=random.Random(3))
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    for user in (1, 2):
        attempt = Attempt(
            guild_id=G, channel_id=CH, user_id=user, user_name=f"m{user}", card_key="mini:mixture-of-experts",
            source=Source.QUIZ, response="?", verdict=VerdictKind.WRONG, points=0,
            created_at=clock.now - timedelta(hours=1),
        )  # fmt: skip
        async with services.store.transaction() as db:
            await writer.add(db, attempt)
    daily = daily_with(services, clock, review.daily_order, writer)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    await daily.set_schedule(G2, CH, "09:00", "Europe/Paris", topic="transformers")
    assert await ask_days(daily, clock, 1) == ["mini:mixture-of-experts"]
    # The other server's members never met a card: none is preferred, the usual rule picks.
    [other] = await ask_days(daily, clock, 1, G2)
    assert other in TRANSFORMERS


async def test_a_daily_answer_tells_the_review_schedule_how_it_was_right(services: Services, clock: Clock) -> None:
    """A right answer with a spelling slip rates the card Hard, a clean one Good (the grader's reason)."""
    review = ReviewService(store=services.store, catalog=services.catalog, clock=clock, rng=random.Random(3))
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    daily = daily_with(services, clock, review.daily_order, writer)
    await daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling")
    [key] = await ask_days(daily, clock, 1)
    assert key == "mini:temperature"
    post = (await daily.status(G)).last_post
    assert post is not None
    slipped = await daily.answer(post.id, 1, "alice", "temprature")
    clean = await daily.answer(post.id, 2, "bob", "temperature")
    assert slipped.counted and slipped.verdict.correct and clean.counted and clean.verdict.correct
    ratings = {user: [log.rating for log in await review.queries.logs(G, user)] for user in (1, 2)}
    assert ratings == {1: [int(Rating.Hard)], 2: [int(Rating.Good)]}
    assert [log.source for log in await review.queries.logs(G, 1)] == ["daily"]


async def test_the_bot_asks_the_daily_question_in_the_review_order(services: Services) -> None:
    """The composition root hands the review order to the daily question (skipped until /review is wired)."""
    review = getattr(services, "review", None)
    if review is None:
        pytest.skip("the review feature is not wired into Services yet")
    assert services.daily.daily_order == review.daily_order
