"""A host bot with a slash command of its own named like one of ours (``/daily``, ``/stats``): loading our
extension must fail with an error that names the clash, and leave nothing of the failed cog running. Before,
discord.py refused the command only after the cog had started: the daily scheduler went on posting questions
(and answering their buttons) for an extension the host was told had failed, and once the host made room and
loaded it again, two schedulers ran side by side.

The virtual clock starts at 2026-01-01 00:00 UTC.
"""

from __future__ import annotations

from typing import Any

import discord
import simcord
from discord import app_commands
from discord.ext import commands
from host_support import HostBot, host_clock, host_env  # noqa: F401


class HostWithItsOwnDaily(HostBot):
    """Someone else's bot that already has a ``/daily`` (its own streak counter); it loads the quiz, then tries
    the daily question, and keeps what went wrong."""

    def __init__(self) -> None:
        super().__init__(["cogs.quiz", "cogs.daily"])
        self.failed: dict[str, BaseException] = {}

        @self.tree.command(name="daily", description="The host's own streak counter")
        async def daily(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("your streak: 3 days")

    async def setup_hook(self) -> None:
        for name in self.to_load:
            try:
                await self.load_extension(name)
            except commands.ExtensionFailed as exc:
                self.failed[name] = exc
        await self.tree.sync()


def daily_posts(channel: Any) -> list[Any]:
    return [m for m in channel.history() if m.embeds]


async def test_a_clash_is_named_and_leaves_no_daily_question_posted(
    host_env: Any, host_clock: Any  # noqa: F811
) -> None:
    bot = HostWithItsOwnDaily()
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("daily")
        await env.settle()
        assert "cogs.daily" not in bot.extensions and "cogs.quiz" in bot.extensions
        # A schedule kept from an earlier run, when the daily question was loaded:
        await bot.tutor_services.daily.set_schedule(guild.id, channel.id, "00:10", "UTC")

        await env.advance_time(15 * 60)  # 00:15: the post time has come

        assert daily_posts(channel) == [], "a daily question was posted by an extension that failed to load"
        error = str(bot.failed["cogs.daily"])
        assert "/daily" in error and "already has a slash command" in error, error
    await bot.close()


class HostWithManyCommands(HostWithItsOwnDaily):
    """A host with 99 slash commands of its own (and none named like ours): /quiz is its hundredth, Discord's
    limit, so the daily question cannot be added."""

    def __init__(self) -> None:
        super().__init__()
        self.tree.remove_command("daily")
        for number in range(99):
            self.tree.add_command(app_commands.Command(name=f"tool{number}", description="x", callback=_tool))


async def _tool(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("done")


async def test_a_full_command_list_leaves_no_daily_question_posted(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostWithManyCommands()
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("daily")
        await env.settle()
        assert "cogs.daily" in bot.failed and "cogs.quiz" in bot.extensions
        assert "100" in str(bot.failed["cogs.daily"])
        await bot.tutor_services.daily.set_schedule(guild.id, channel.id, "00:10", "UTC")

        await env.advance_time(15 * 60)

        assert daily_posts(channel) == [], "a daily question was posted by an extension that failed to load"
    await bot.close()


class HostThatMakesRoom(HostWithItsOwnDaily):
    """The same host, which retires its own ``/daily`` when ours cannot load, and loads ours again."""

    async def setup_hook(self) -> None:
        await super().setup_hook()
        if "cogs.daily" in self.failed:
            self.tree.remove_command("daily")
            await self.load_extension("cogs.daily")


async def test_a_daily_loaded_once_the_clash_is_gone_posts_once(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostThatMakesRoom()
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("daily")
        await env.settle()
        assert "cogs.daily" in bot.failed and "cogs.daily" in bot.extensions
        await bot.tutor_services.daily.set_schedule(guild.id, channel.id, "00:10", "UTC")

        await env.advance_time(15 * 60)
        assert len(daily_posts(channel)) == 1

        await bot.unload_extension("cogs.daily")
        await env.advance_time(24 * 3600)  # the next day, with the daily question unloaded
        assert len(daily_posts(channel)) == 1, "the daily question is still posted after its extension left"
    await bot.close()
