"""A host bot that runs as several shard processes, each an ``AutoShardedBot`` holding some shards (the way
discord.py bots scale), loads the cogs as README says. Discord sends a server's events only to the process
holding its shard, so the other processes never see that server: they must leave its daily question alone.

The virtual clock starts at 2026-01-01 00:00 UTC.
"""

from __future__ import annotations

from typing import Any

import discord
import simcord
from discord.ext import commands
from host_support import host_clock, host_env  # noqa: F401


class ShardProcess(commands.AutoShardedBot):
    """The host's process for shard 0 of 2 (another process, elsewhere, holds shard 1)."""

    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default(), shard_count=2, shard_ids=[0])

    async def setup_hook(self) -> None:
        await self.load_extension("cogs.daily")
        await self.tree.sync()


async def test_a_shard_process_leaves_the_daily_question_of_another_shards_server_alone(
    host_env: Any, host_clock: Any  # noqa: F811
) -> None:
    bot = ShardProcess()
    async with simcord.run(bot) as env:
        host_clock.env = env
        ours = env.create_guild("Ours", shard_id=0)
        theirs = env.create_guild("Theirs", shard_id=1)  # its events go to the process holding shard 1
        our_channel = ours.create_text_channel("daily")
        their_channel = theirs.create_text_channel("daily")
        admin = ours.add_member(
            env.create_user("admin"), roles=[ours.create_role("Mods", permissions=discord.Permissions(manage_guild=True))]
        )
        await env.settle()
        assert bot.get_guild(theirs.id) is None  # this process never hears of that server
        await admin.slash(our_channel, "daily set", channel=our_channel, time="00:10", timezone="UTC")
        # The process holding shard 1 set up its server's question in the same database.
        daily = bot.tutor_services.daily
        await daily.set_schedule(theirs.id, their_channel.id, "00:10", "UTC")

        await env.advance_time(15 * 60)  # 00:15 UTC: both servers' post time has come

        assert [m for m in our_channel.history() if m.embeds], "this process's own server got its question"
        status = await daily.status(theirs.id)
        assert status.schedule is not None
        assert status.schedule.paused_reason is None, (
            "the process holding shard 0 paused another shard's server for good: "
            f"{status.schedule.paused_reason!r}"
        )
    await bot.close()
