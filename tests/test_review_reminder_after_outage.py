"""Review reminders at the member's local time when the bot was down for a while (simcord, virtual clock from
2026-01-01T00:00Z): a day missed while down is not caught up, but the day the bot comes back still gets its
reminder, late, as after a shorter outage."""

from __future__ import annotations

import pytest
from reminder_support import pass_time

from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    yield guild, channel, alice
    await env.bot.close()  # simcord detaches the bot without closing it


def dms(member) -> list[str]:
    channel = member.user.dm_channel
    return [] if channel is None else [m.content for m in channel.history()]


async def card_due_at_19(env, channel, alice) -> None:
    """Alice asks for a 19:00 reminder (the server's day is UTC) and has a card due again in a minute."""
    await alice.slash(channel, "review reminder", time="19:00")
    start = await alice.slash(channel, "review start")
    await alice.click(start.response, label="Don't know")


async def test_a_reminder_comes_late_the_day_the_bot_is_back_after_an_hour_down(env, world, settings, clock) -> None:
    _, channel, alice = world
    await card_due_at_19(env, channel, alice)
    await pass_time(env, 18)  # 18:00
    await env.bot.unload_extension("cogs.review")  # down from 18:00 to 20:00
    await pass_time(env, 2)
    await env.restart_bot(TutorBot(settings, clock=clock))
    await pass_time(env, 1 / 60)
    assert len(dms(alice)) == 1, "the 19:00 reminder is sent late, at 20:00, the same day"


async def test_a_reminder_comes_late_the_day_the_bot_is_back_after_more_than_a_day_down(
    env, world, settings, clock
) -> None:
    """Down from 18:00 on 1 January to 20:00 on 2 January: 1 January's reminder is not caught up, but
    2 January's 19:00 reminder came while the bot was down too, and is sent at 20:00 as it would be after an
    outage of two hours. It used to be lost as well: Alice had cards due and heard nothing that day."""
    _, channel, alice = world
    await card_due_at_19(env, channel, alice)
    await pass_time(env, 18)  # 18:00 on 1 January
    await env.bot.unload_extension("cogs.review")
    await pass_time(env, 26)  # 20:00 on 2 January
    await env.restart_bot(TutorBot(settings, clock=clock))
    await pass_time(env, 1 / 60)
    assert len(dms(alice)) == 1, (
        "no reminder on 2 January although the bot was back at 20:00 with a card due that day"
    )
    await pass_time(env, 23)  # 19:01 on 3 January: that day's, once
    assert len(dms(alice)) == 2
