"""The reminder counts "due today" exactly as ``/review status`` does: the cards due before the end of the
member's day (local midnight), not also those due at the first instant of the next day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter

G, ALICE = 1001, 11


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 17, 23, 50, tzinfo=UTC)


async def answer(services, key: str, at: datetime) -> None:
    writer = AttemptWriter()
    writer.subscribe(services.review.on_attempt)
    attempt = Attempt(
        guild_id=G, channel_id=5, user_id=ALICE, user_name="alice", card_key=key, source=Source.QUIZ,
        response="…", verdict=VerdictKind.CORRECT, points=0, created_at=at,
    )
    async with services.store.transaction() as db:
        await writer.add(db, attempt)


async def test_no_reminder_on_the_day_before_a_card_falls_due_at_midnight(core_services, clock) -> None:
    """A card that falls due at 00:00 on day D is not due on day D-1: /review status says "Due today: 0" on
    D-1, and the member is not sent "1 card is due for review today" that morning (they get it on day D)."""
    members = core_services.review.members
    start = clock()
    await answer(core_services, "mini:bert", start)
    await answer(core_services, "mini:bert", start + timedelta(minutes=10))  # 00:00:00.000 UTC
    due = (await core_services.review.queries.states(G, ALICE))["mini:bert"].due
    assert (due.hour, due.minute, due.second, due.microsecond) == (0, 0, 0, 0)  # at a midnight, days later
    await members.set_reminder(G, ALICE, "08:00")

    day = start.replace(hour=8, minute=0, second=30) + timedelta(days=1)
    while day.date() < due.date() - timedelta(days=1):  # the mornings before: nothing due, no reminder
        clock.now = day
        assert await members.claim_reminders() == []
        day += timedelta(days=1)
    clock.now = day  # the morning of the day before it falls due
    status = await members.status(G, ALICE)
    assert status.due_today == 0
    claimed = await members.claim_reminders()
    assert claimed == [], f"reminded that {claimed[0].due} card is due today while /review status says 0"

    clock.now = due.replace(hour=8, minute=0, second=30)  # the day it falls due: reminded
    assert (await members.status(G, ALICE)).due_today == 1
    assert [r.day for r in await members.claim_reminders()] == [due.date()]
