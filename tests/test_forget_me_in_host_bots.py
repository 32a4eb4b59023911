"""/forget-me in a host bot: every tutorbot extension that keeps members' data offers it, whichever of them the host
loads. Before, it lived in ``cogs.leaderboard`` alone: a host bot that loaded ``cogs.quiz`` (or the daily question,
or /review) stored every answer and gave its members no way to delete them; and a host with a /forget-me of its own
could not load ``cogs.leaderboard`` at all."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from discord.ext import commands
from forget_support import member_rows
from host_support import HostBot, host_clock, host_env  # noqa: F401
from modal_support import answered
from play_support import assert_no_pings
from world_support import study_guild

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def labels(message: Any) -> list[str]:
    return [c["label"] for row in message.components for c in row.get("components", []) if c.get("label")]


def help_text(result: Any) -> str:
    e = result.response.embeds[0]
    return "\n".join([e.description or "", *(f.value for f in e.fields)])


async def test_a_host_with_the_quiz_alone_lets_a_member_delete_their_answers(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.quiz", "cogs.help"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild, channel, m = study_guild(env, "alice", "bob")
        await m["bob"].slash(channel, "quiz", topic="llms")
        said = await answered(m["alice"], channel.last_message, "temperature")
        assert "+10 points" in said.response.content
        assert await member_rows(bot.tutor_services.store, guild.id, m["alice"].id)

        assert "</forget-me:" in help_text(await m["alice"].slash(channel, "help"))
        asked = await m["alice"].slash(channel, "forget-me")
        # (the answer rated its card too: every graded answer feeds the member's review schedule)
        kept = "1 answer and 1 card of your review schedule (1 review)"
        assert asked.ephemeral and f"Right now that is {kept}." in asked.response.embeds[0].description
        done = await m["alice"].click(asked.response, label="Delete my data")
        assert done.response.embeds[0].description == f"Deleted {kept}."
        assert labels(done.response) == []
        assert await member_rows(bot.tutor_services.store, guild.id, m["alice"].id) == {}
        assert_no_pings(env)
    await bot.close()


async def test_forget_me_stays_while_any_such_extension_is_loaded(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.leaderboard", "cogs.daily", "cogs.review"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        _guild, channel, m = study_guild(env, "alice")
        await bot.unload_extension("cogs.leaderboard")
        await bot.tree.sync()
        asked = await m["alice"].slash(channel, "forget-me")
        assert asked.ephemeral and labels(asked.response) == ["Delete my data", "Cancel"]
        await bot.reload_extension("cogs.daily")
        await bot.unload_extension("cogs.review")
        assert bot.tree.get_command("forget-me") is not None
        cancelled = await m["alice"].click(asked.response, label="Cancel")
        assert cancelled.response.embeds[0].title == "Nothing was deleted"
        await bot.unload_extension("cogs.daily")
        assert bot.tree.get_command("forget-me") is None and not bot.cogs
    await bot.close()


async def test_a_host_with_its_own_forget_me_keeps_it_and_loads_the_leaderboard(host_env: Any) -> None:  # noqa: F811
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

    @bot.tree.command(name="forget-me", description="The host's own")
    async def own(interaction: discord.Interaction) -> None: ...

    await bot.load_extension("cogs.leaderboard")
    assert bot.tree.get_command("forget-me") is own
    assert bot.tree.get_command("leaderboard") is not None and bot.tree.get_command("stats") is not None
    await bot.unload_extension("cogs.leaderboard")
    assert bot.tree.get_command("forget-me") is own and not bot.cogs
    await bot.close()
