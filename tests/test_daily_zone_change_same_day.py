"""A server that changes its daily question's time zone after the day's question went out: the next question
comes on the next local date of the new zone, never a second one on a date that already had one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.daily import TodayPosted
from bot.core.service import Services

G, CH = 100, 200


async def post_due(services: Services, clock, at: datetime) -> datetime:
    """Move the clock to ``at``, claim the guild's due post and record it as sent; returns its post time."""
    clock.now = at
    claim = await services.daily.claim_due(G)
    assert claim is not None, f"nothing posted at {at}"
    await services.daily.mark_posted(claim.post_id, 1)
    return claim.post_at


async def test_moving_east_does_not_post_again_on_a_local_date_that_had_its_question(
    core_services: Services, clock
) -> None:
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    await core_services.daily.set_schedule(G, CH, "23:00", "UTC")
    # 10 Mar 23:00 UTC is 11 Mar 08:00 in Tokyo.
    assert await post_due(core_services, clock, datetime(2026, 3, 10, 23, 0, tzinfo=UTC))

    clock.now = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    status = await core_services.daily.set_schedule(G, CH, "9am", "Asia/Tokyo")
    # 11 Mar (Tokyo) already had its question, half an hour ago: the next is on the 12th.
    assert status.next_post == datetime(2026, 3, 12, 0, 0, tzinfo=UTC)  # 12 Mar 09:00 in Tokyo
    assert status.next_day is not None and status.next_day.isoformat() == "2026-03-12"

    clock.now = datetime(2026, 3, 11, 0, 0, tzinfo=UTC)  # 11 Mar 09:00 in Tokyo
    assert await core_services.daily.claim_due(G) is None
    assert await post_due(core_services, clock, datetime(2026, 3, 12, 0, 0, tzinfo=UTC))


async def test_moving_from_los_angeles_to_utc_waits_for_the_next_utc_date(core_services: Services, clock) -> None:
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    await core_services.daily.set_schedule(G, CH, "8pm", "America/Los_Angeles")
    # 10 Mar 20:00 in Los Angeles is 11 Mar 03:00 UTC.
    assert await post_due(core_services, clock, datetime(2026, 3, 11, 3, 0, tzinfo=UTC))

    clock.now = datetime(2026, 3, 11, 5, 0, tzinfo=UTC)
    status = await core_services.daily.set_schedule(G, CH, "09:00", "UTC")
    assert status.next_post == datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    for hours in (4, 6, 20):  # nothing more on 11 Mar
        clock.now = datetime(2026, 3, 11, 5, 0, tzinfo=UTC) + timedelta(hours=hours)
        assert await core_services.daily.claim_due(G) is None


async def test_daily_now_after_moving_east_refuses_a_second_question_on_the_same_local_date(
    core_services: Services, clock
) -> None:
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    await core_services.daily.set_schedule(G, CH, "23:00", "UTC")
    await post_due(core_services, clock, datetime(2026, 3, 10, 23, 0, tzinfo=UTC))  # 11 Mar 08:00 in Tokyo

    clock.now = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    await core_services.daily.set_schedule(G, CH, "09:00", "Asia/Tokyo")
    with pytest.raises(TodayPosted) as refused:
        await core_services.daily.claim_now(G)
    assert refused.value.post.post_at == datetime(2026, 3, 10, 23, 0, tzinfo=UTC)  # it links to that question
    async with core_services.store.read() as db:
        assert (await db.execute_fetchall("SELECT COUNT(*) FROM daily_posts"))[0][0] == 1

    # The next Tokyo date is another day: /daily now posts it.
    clock.now = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)  # 12 Mar 00:00 in Tokyo
    claim = await core_services.daily.claim_now(G)
    assert claim.day.isoformat() == "2026-03-12"
