"""A review reminder that Discord rate-limits past the bot's patience (discord.py raises ``RateLimited`` when the
wait asked is longer than the client's ``max_ratelimit_timeout``, which a host bot may set: opening many direct
message channels at one reminder time is limited tightly) is a passing failure like a 5xx or a timeout: it is
tried again later that day, once. Before, it went to the check's catch-all: a traceback in the log, and the
member's reminder, already claimed, lost for the day."""

from __future__ import annotations

import logging

import pytest
from reminder_support import pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)


@pytest.mark.parametrize("route", [r"/users/@me/channels", r"/channels/\d+/messages"], ids=["dm-channel", "dm"])
async def test_a_rate_limited_reminder_is_sent_later_that_day(env, world, no_daily, fail_route, caplog, route) -> None:
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review reminder", time="09:00")
    start = await alice.slash(channel, "review start")
    await alice.click(start.response, label="Don't know")  # one card due again in a minute
    caplog.set_level(logging.INFO)
    fault = fail_route(env, "POST", route, 429, rate_limited=True, retry_after=120.0)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits, "the reminder was not rate-limited: adapt the test"
    await pass_time(env, 1)  # 10:00:30
    dms = alice.user.dm_channel.history() if alice.user.dm_channel else []
    assert len(dms) == 1, f"the rate-limited reminder was lost for the day ({len(dms)} sent)"
    tracebacks = [r.getMessage() for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]
    assert tracebacks == [], tracebacks
    await pass_time(env, 6)
    assert len(alice.user.dm_channel.history()) == 1
