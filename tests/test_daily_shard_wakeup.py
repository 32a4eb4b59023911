"""A shard process wakes for its own daily work even while another shard's post is overdue.

Two shard processes share one database; the one holding shard 1 is down (a rolling restart, a crash), so its
server's post time passes and stays due. The process under test holds shard 0 and must still post its own
server's reveal when it falls due, not up to a whole poll interval later.

The virtual clock starts at 2026-01-01 00:00 UTC.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import discord
import pytest
from daily_support import daily_deck  # noqa: F401  (the ``cards_dir`` fixture)

from bot.config import Settings
from bot.core.shards import ShardPlan
from bot.runner import TutorBot, bot_class

PLAN = ShardPlan(count=2, ids=(0,))
REVEAL = "Answer — question of the day, 1 Jan"


@pytest.fixture
def simcord_bot(settings: Settings, clock: Any) -> TutorBot:
    """The bot as the process holding shard 0 of 2."""
    return bot_class(PLAN)(dataclasses.replace(settings, shards=PLAN), clock=clock, shards=PLAN)


async def test_own_reveal_is_posted_on_time_while_another_shards_post_is_overdue(env: Any) -> None:
    ours = env.create_guild("Ours", shard_id=0)
    theirs = env.create_guild("Theirs", shard_id=1)  # its events go to the (stopped) process holding shard 1
    channel = ours.create_text_channel("daily")
    their_channel = theirs.create_text_channel("daily")
    mods = ours.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    admin = ours.add_member(env.create_user("admin"), roles=[mods])
    await env.settle()
    daily = env.bot.tutor_services.daily
    # The other process set up its server's question (00:01 UTC) before it stopped: it stays overdue.
    await daily.set_schedule(theirs.id, their_channel.id, "00:01", "UTC")
    await admin.slash(channel, "daily set", channel=channel, time="23:00", timezone="UTC", answer_hours=1)
    await env.advance_time(5 * 60 + 5)  # 00:05:05: the other server's post is four minutes overdue
    await admin.slash(channel, "daily now")
    assert [m.embeds[0].title for m in channel.history() if m.embeds] == ["Question of the day — 1 Jan"]
    # Today's question closes at 01:05:05; the process is checking at 01:05:00.
    await env.advance_time(60 * 60 - 5)
    assert [m for m in channel.history() if m.embeds and m.embeds[0].title == REVEAL] == []
    await env.advance_time(6)  # 01:05:06: one second after the answers closed
    titles = [m.embeds[0].title for m in channel.history() if m.embeds]
    assert REVEAL in titles, f"the reveal due at 01:05:05 was not posted by 01:05:06: {titles}"
    await env.bot.close()
