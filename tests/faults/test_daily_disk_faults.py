"""The daily question on a failing disk (issue 11's "mid-daily"): posted once, revealed once, when writes work again.

These pass today (the daily post is claimed, sent and recorded in steps it can resume); they stay as guards. The
clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC), answers for 2 hours.
"""

from __future__ import annotations

import discord
import pytest
from faultkit import embed_title, message_text

FAULTS = ["read_only", "disk_full"]


@pytest.fixture
def daily(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    return channel, admin, alice


async def set_daily(channel, admin) -> None:
    r = await admin.slash(
        channel, "daily set", channel=channel, time="01:10", timezone="Europe/Paris", topic="transformers",
        answer_hours=2,
    )
    assert "every day at" in message_text(r.response), message_text(r.response)


def posts(channel) -> list[str]:
    return [m.embeds[0].title for m in channel.history() if m.embeds]


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_disk_failing_over_the_post_time_posts_once_when_it_works_again(env, daily, db_faults, fault) -> None:
    channel, admin, _ = daily
    await set_daily(channel, admin)
    await env.advance_time(5 * 60)
    getattr(db_faults, fault)()
    await env.advance_time(10 * 60)  # 00:15 UTC: the post fell due while nothing could be written
    assert posts(channel) == []  # nothing sent that could not be recorded
    db_faults.heal()
    await env.advance_time(10 * 60)
    assert posts(channel) == ["Question of the day — 1 Jan"]
    await env.advance_time(3 * 3600)
    assert posts(channel) == ["Question of the day — 1 Jan", "Answer — question of the day, 1 Jan"]
    await env.bot.close()


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_disk_failing_as_the_question_goes_out_never_posts_it_twice(
    env, daily, db_faults, fail_route, fault
) -> None:
    channel, admin, _ = daily
    await set_daily(channel, admin)
    hook = fail_route.on(  # the message reaches Discord; recording it as sent is what fails
        env, "POST", fail_route.send(channel), getattr(db_faults, fault),
        when=lambda body: embed_title(body).startswith("Question of the day"),
    )
    await env.advance_time(15 * 60)
    assert hook.hits and db_faults.refused  # the post went out, then a write failed
    db_faults.heal()
    await env.advance_time(30 * 60)
    assert posts(channel) == ["Question of the day — 1 Jan"]
    await env.advance_time(3 * 3600)
    assert posts(channel) == ["Question of the day — 1 Jan", "Answer — question of the day, 1 Jan"]
    await env.bot.close()


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_disk_failing_over_the_reveal_reveals_once_when_it_works_again(env, daily, db_faults, fault) -> None:
    channel, admin, _ = daily
    await set_daily(channel, admin)
    await env.advance_time(15 * 60)
    assert posts(channel) == ["Question of the day — 1 Jan"]
    getattr(db_faults, fault)()
    await env.advance_time(2 * 3600)  # answers close at 02:10 UTC while nothing can be written
    db_faults.heal()
    await env.advance_time(30 * 60)
    assert posts(channel) == ["Question of the day — 1 Jan", "Answer — question of the day, 1 Jan"]
    await env.bot.close()
