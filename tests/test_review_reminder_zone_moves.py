"""A member's review reminder when their day moves to another time zone after that day's reminder came (simcord,
virtual clock from 2026-01-01T00:00Z: 09:00 in Tokyo, 16:00 on 31 December in Los Angeles): the dates of the new
zone count, as the daily question's do. A move west no longer skips the next date there, which had no reminder yet;
a move east does not remind twice on a date of the new zone that had its reminder already."""

from __future__ import annotations

import pytest
from reminder_support import due_card_and_reminder, pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env, no_daily):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    yield guild, channel, alice
    await env.bot.close()  # simcord detaches the bot without closing it


def reminders(member) -> list[str]:
    channel = member.user.dm_channel
    return [] if channel is None else [m.content for m in channel.history()]


async def test_moving_west_after_the_days_reminder_reminds_on_the_next_date_there(env, world) -> None:
    _, channel, alice = world
    await alice.slash(channel, "review settings", timezone="Asia/Tokyo")
    await due_card_and_reminder(alice, channel, at="10:00")
    await pass_time(env, 1 + 1 / 60)  # 10:01 on 1 January in Tokyo (17:01 on 31 December in Los Angeles)
    assert len(reminders(alice)) == 1

    await alice.slash(channel, "review settings", timezone="America/Los_Angeles")
    await pass_time(env, 17)  # 10:01 on 1 January in Los Angeles: that date had no reminder there yet
    assert len(reminders(alice)) == 2, (
        "no reminder on 1 January in Los Angeles: the date of Tokyo's reminder was taken for a date there, and the "
        "next one waited for 2 January"
    )
    await pass_time(env, 24)  # 2 January: its own, once
    assert len(reminders(alice)) == 3


async def test_moving_east_after_the_days_reminder_does_not_remind_twice_on_a_date_there(env, world) -> None:
    _, channel, alice = world
    await alice.slash(channel, "review settings", timezone="America/Los_Angeles")
    await due_card_and_reminder(alice, channel, at="17:00")
    await pass_time(env, 1 + 1 / 60)  # 17:01 on 31 December in Los Angeles (10:01 on 1 January in Tokyo)
    assert len(reminders(alice)) == 1

    await alice.slash(channel, "review settings", timezone="Asia/Tokyo")
    await pass_time(env, 7)  # 17:01 on 1 January in Tokyo: that date had its reminder, at 10:00
    assert len(reminders(alice)) == 1, "a second reminder on 1 January in Tokyo, seven hours after the first"
    await pass_time(env, 24)  # 2 January in Tokyo
    assert len(reminders(alice)) == 2


async def test_a_server_moving_west_after_the_days_reminder_reminds_on_the_next_date_there(env, world, services) -> None:
    """The same for a member whose day follows the server's zone, moved by ``/daily set``."""
    guild, channel, alice = world
    await services.daily.set_schedule(guild.id, channel.id, "12:00", "Asia/Tokyo")
    await due_card_and_reminder(alice, channel, at="10:00")
    await pass_time(env, 1 + 1 / 60)  # 10:01 on 1 January in Tokyo
    assert len(reminders(alice)) == 1

    await services.daily.set_schedule(guild.id, channel.id, "12:00", "America/Los_Angeles")
    await pass_time(env, 17)  # 10:01 on 1 January in Los Angeles
    assert len(reminders(alice)) == 2, "no reminder on 1 January in Los Angeles after the server moved there"
