"""/review status and /review start only read, save for a one-time notice they tell: a disk that refuses writes
(read-only, full) keeps that notice for later, and the member still gets their reviews."""

from __future__ import annotations

import pytest
from faultkit import message_text
from reminder_support import pass_time

FAULTS = ["read_only", "disk_full"]



@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    bob = guild.add_member(env.create_user("bob"))
    await env.bot.unload_extension("cogs.daily")
    yield channel, bob
    await env.bot.close()


async def reminder_switched_off(env, channel, bob) -> None:
    """bob's direct messages are closed: his 09:00 reminder is switched off, and he is to be told once."""
    await bob.slash(channel, "review reminder", time="9am")
    start = await bob.slash(channel, "review start")
    await bob.click(start.response, label="Don't know")
    env.inject_error("POST", f"/channels/{bob.user.dm_channel.id}/messages", status=403, code=50007,
                     message="Cannot send messages to this user", times=None)  # fmt: skip
    await pass_time(env, 9 + 30 / 3600)


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize(("command", "shows"), [("review status", "Your reviews"), ("review start", "Review")])
async def test_a_pending_notice_the_disk_cannot_mark_told_does_not_stop_a_review_command(
    env, world, db_faults, fault, command, shows
) -> None:
    channel, bob = world
    await reminder_switched_off(env, channel, bob)
    getattr(db_faults, fault)()
    shown = await bob.slash(channel, command)
    said = message_text(shown.response)
    assert shown.ephemeral and shows in said, said
    assert "Something went wrong" not in said and "not saved" not in said, said
    db_faults.heal()
    again = await bob.slash(channel, "review status")
    assert (again.response.content or "").startswith("ℹ️ I couldn't send you your review reminder"), (
        "the notice is told once the disk takes writes again"
    )
