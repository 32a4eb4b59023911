"""The review reminder comes, at the member's time, on the day their cards fall due, also when they fall due
later that day (README: "a direct message at your local time … on days when cards are due"): it counts the day's
cards up to local midnight, as ``/review status`` does ("Due today"), not only those due at that minute. A member
who reviews in the evening and wants a morning reminder gets it on the day their cards come back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter

G, ALICE = 1001, 11


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 18, 20, 0, tzinfo=UTC)  # Wednesday evening, UTC


async def answer(services, key: str, verdict: VerdictKind, at: datetime) -> None:
    writer = AttemptWriter()
    writer.subscribe(services.review.on_attempt)
    attempt = Attempt(
        guild_id=G, channel_id=5, user_id=ALICE, user_name="alice", card_key=key, source=Source.QUIZ,
        response="…", verdict=verdict, points=0, created_at=at,
    )
    async with services.store.transaction() as db:
        await writer.add(db, attempt)


async def test_a_morning_reminder_comes_on_the_day_cards_fall_due_in_the_evening(core_services, clock) -> None:
    members = core_services.review.members
    start = clock()
    await answer(core_services, "mini:bert", VerdictKind.CORRECT, start)
    await answer(core_services, "mini:bert", VerdictKind.CORRECT, start + timedelta(minutes=10))
    state = (await core_services.review.queries.states(G, ALICE))["mini:bert"]
    due = state.due
    assert due.hour >= 20 and due.date() > start.date()  # back on a later evening
    await members.set_reminder(G, ALICE, "08:00")

    # Each morning's check until then finds nothing due that day, and moves on to the next morning.
    day = start.replace(hour=8, minute=0, second=30, microsecond=0) + timedelta(days=1)
    while day.date() < due.date():
        clock.now = day
        assert await members.claim_reminders() == []
        day += timedelta(days=1)
    # 08:00:30 (UTC, the member's zone) on the day the card falls due.
    clock.now = due.replace(hour=8, minute=0, second=30, microsecond=0)
    status = await members.status(G, ALICE)
    assert status.due_today == 1 and status.due_now == 0  # /review status: "Due today: 1"
    claimed = await members.claim_reminders()
    assert [(r.user_id, r.day) for r in claimed] == [(ALICE, due.date())], (
        f"no reminder on {due.date()} although /review status says 1 card is due today (at {due:%H:%M}); "
        f"the next one is at {await members.next_reminder()}"
    )
