"""A member whose "today" follows the server's zone gets their reminder at their time in that zone, also after
the server's ``/daily set`` changes the zone (the reminders that follow it move with it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

G, CH, ALICE = 1001, 5, 11


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 18, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo


async def test_a_reminder_following_the_servers_zone_moves_with_it(core_services, clock) -> None:
    members = core_services.review.members
    review = core_services.review
    settings = await members.set_reminder(G, ALICE, "19:00")  # no /daily yet: the server's day is UTC
    assert settings.zone == "UTC"
    session, shown = await review.start_session(guild_id=G, user_id=ALICE, user_name="alice")
    await review.give_up(session.id, user_id=ALICE, number=shown.number)  # a card due in a minute

    await core_services.daily.set_schedule(G, CH, "09:00", "Asia/Tokyo")
    settings = await members.settings(G, ALICE)
    assert settings.zone == "Asia/Tokyo" and f"{settings.remind_at:%H:%M}" == "19:00"  # what the member is told

    clock.now = datetime(2026, 3, 18, 10, 0, 30, tzinfo=UTC)  # 19:00:30 in Tokyo
    claimed = await members.claim_reminders()
    assert [r.user_id for r in claimed] == [ALICE], (
        f"no reminder at 19:00 Tokyo; the next check is at {await members.next_reminder()} "
        "(19:00 UTC = 04:00 in Tokyo)"
    )
