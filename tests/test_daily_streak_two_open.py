"""A daily streak is counted from every posted question in order: answering today's question before yesterday's,
still open (``/daily now`` while the last one is open, or a post time moved earlier), keeps the streak whole."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from play_support import MINI_RIGHT

from bot.config import Settings
from bot.core.service import Services

ROOT = Path(__file__).resolve().parents[1]
G, CH, ALICE = 100, 200, 1


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday, 07:00 in Paris

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def services(tmp_path: Path, clock: Clock):
    settings = Settings(db_path=tmp_path / "daily.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks")
    s = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    yield s
    await s.close()


async def three_evenings(services: Services, clock: Clock) -> list:
    """The daily question at 22:00 in Paris, open 20 hours, posted on 2, 3 and 4 March; Alice answers the first two
    right that evening (a streak of 2) and not the third, still open on the morning of the 5th. Its claims."""
    daily = services.daily
    await daily.set_schedule(G, CH, "22:00", "Europe/Paris", answer_hours=20)
    claims = []
    for n in range(3):
        info = await daily.get_schedule(G)
        assert info is not None and info.next_post_at is not None
        clock.now = info.next_post_at
        claim = await daily.claim_due(G)
        assert claim is not None
        await daily.mark_posted(claim.post_id, n + 1)
        claims.append(claim)
        if n < 2:
            clock.now += timedelta(minutes=5)
            result = await daily.answer(claim.post_id, ALICE, "alice", MINI_RIGHT[claim.card.key])
            assert result.verdict.correct
    assert result.streak == 2
    return claims


async def test_answering_todays_question_before_yesterdays_keeps_the_streak(services: Services, clock: Clock) -> None:
    daily = services.daily
    claims = await three_evenings(services, clock)
    yesterday = claims[-1]  # 4 March, open until 5 March 18:00
    # 5 March, 09:00 in Paris: a manager posts today's question now (/daily now); 4 March's is still open.
    clock.now = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    today = await daily.claim_now(G)
    await daily.mark_posted(today.post_id, 99)
    assert today.day == date(2026, 3, 5) and clock.now < yesterday.closes_at
    first = await daily.answer(today.post_id, ALICE, "alice", MINI_RIGHT[today.card.key])
    clock.now += timedelta(minutes=1)
    second = await daily.answer(yesterday.post_id, ALICE, "alice", MINI_RIGHT[yesterday.card.key])
    assert first.verdict.correct and second.verdict.correct
    stored = await services.stats.stats(G, ALICE)
    assert stored.streak_current == 4, (
        f"streak {stored.streak_current} (answers said {first.streak}, then {second.streak}) after answering "
        "2, 3, 5 and 4 March right: the streak restarted although every question was answered right"
    )
