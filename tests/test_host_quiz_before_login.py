"""A host bot that loads ``cogs.quiz`` before it logs in: ``await bot.load_extension(...)``, then its own
start-up work (opening its own database or HTTP session), then ``await bot.start(token)``, with no
``async with bot``. The quiz cog waits for the login, as the daily and review timers do, and then announces
and closes the quizzes a restart interrupted.
"""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import simcord
from discord.ext import commands
from host_support import HostBot, host_clock, host_env  # noqa: F401


class LoadsBeforeLogin(commands.Bot):
    """``bot.start(token)`` is ``login`` then ``connect``: this host loads the extension, does some start-up
    work of its own, and only then logs in."""

    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default())

    async def login(self, token: str) -> None:
        await self.load_extension("cogs.quiz")
        await asyncio.sleep(0)  # the host's own start-up I/O: the cog's tasks run before the bot is initialised
        await super().login(token)


def titles(channel: Any) -> list[str]:
    return [m.embeds[0].title for m in channel.history() if m.embeds]


async def test_quizzes_a_restart_interrupted_are_announced_when_the_cog_was_loaded_before_login(
    host_env: Any, host_clock: Any  # noqa: F811
) -> None:
    first = HostBot(["cogs.quiz"])
    async with simcord.run(first) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        await alice.slash(channel, "quiz", questions=3)
        assert titles(channel)[-1].startswith("Question 1/3")

        # The host's process dies mid-question; its new process loads the extension, then logs in.
        second = LoadsBeforeLogin()
        await env.restart_bot(second)
        await env.advance_time(30)

        shown = titles(channel)
        assert any(t.startswith("⏹️ Quiz interrupted") for t in shown), (
            f"no 'interrupted by a restart — scores kept' notice, and the old question is left open: {shown}"
        )
        assert "Question 1/3 · ended" in shown
    await first.close()
    await second.close()
