"""/stats shows the daily streak the daily question keeps.

The daily feature keeps ``daily_streaks.current`` (a reveal drops whoever missed that question), and a day on
which the server had no question does not break a streak. /stats shows that streak in two ordinary situations:
the evening question still open after midnight (the default answer window is 20 hours), and a day the bot was
down; the member's next answer continues it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.core.service import Services

G, CH, ALICE = 100, 200, 1
NEW_YORK = ZoneInfo("America/New_York")


async def post_today(services: Services, clock):
    info = await services.daily.get_schedule(G)
    assert info is not None and info.next_post_at is not None
    clock.now = max(clock.now, info.next_post_at)
    claim = await services.daily.claim_due(G)
    assert claim is not None
    await services.daily.mark_posted(claim.post_id, 1)
    return claim


async def reveal(services: Services, clock, claim) -> None:
    clock.now = max(clock.now, claim.closes_at)
    assert await services.daily.claim_reveal(claim.post_id) is not None


async def two_right_days(services: Services, clock) -> None:
    """The server's daily question at 21:00 New York, open 20 hours (the default); alice answers it right on
    2 and 3 March (New York days): a streak of 2."""
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    await services.daily.set_schedule(G, CH, "21:00", "America/New_York", topic="sampling")
    for expected in (1, 2):
        claim = await post_today(services, clock)
        result = await services.daily.answer(claim.post_id, ALICE, "alice", "temperature")
        assert result.streak == expected
        await reveal(services, clock, claim)


async def test_stats_keeps_the_streak_while_last_evenings_question_is_still_open(core_services: Services, clock) -> None:
    services = core_services
    await two_right_days(services, clock)
    claim = await post_today(services, clock)  # 4 March, 21:00 New York: open until 17:00 on the 5th
    assert claim.day == date(2026, 3, 4)
    clock.now = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)  # 10:00 on 5 March in New York: still open
    assert clock.now < claim.closes_at

    shown = await services.stats.stats(G, ALICE)
    after = await services.daily.answer(claim.post_id, ALICE, "alice", "temperature")  # a minute later

    assert after.streak == 3  # the daily question: the streak was alive all along
    assert shown.streak_current == 2, "/stats said the streak was broken while it was still alive"


async def test_stats_keeps_the_streak_over_a_day_the_server_had_no_question(core_services: Services, clock) -> None:
    services = core_services
    await two_right_days(services, clock)
    # The bot was down from 4 March until the morning of the 5th (New York): 4 March was never posted.
    clock.now = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)  # 10:00 on 5 March in New York
    assert await services.daily.claim_due(G) is None  # too late for 4 March's question: that day is skipped

    shown = await services.stats.stats(G, ALICE)
    claim = await post_today(services, clock)  # 5 March, 21:00
    assert claim.day == date(2026, 3, 5)
    after = await services.daily.answer(claim.post_id, ALICE, "alice", "temperature")

    assert after.streak == 3  # a day without a question does not break a streak (the daily's own rule)
    assert shown.streak_current == 2, "/stats said the streak was broken over a day with no question"
