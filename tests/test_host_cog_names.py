"""A host bot with cogs of its own, named as ours are ("Quiz", "Disputes": ordinary names for a trivia or a
moderation cog). Our cogs offer a button that another of our cogs answers ("Quiz me" on a /define card, answered
by ``cogs.quiz``; "I was right" under a wrong answer, answered by ``cogs.disputes``) only when that cog is loaded:
the host's own cog of the same name answers none of them, so the button must not be offered because of it."""

from __future__ import annotations

from typing import Any

import pytest
import simcord
from discord.ext import commands
from host_support import HostBot, buttons, host_clock, host_env  # noqa: F401

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


class HostQuiz(commands.Cog, name="Quiz"):
    """The host's own trivia game."""

    @commands.command(name="trivia")
    async def trivia(self, ctx: commands.Context[Any]) -> None:
        await ctx.send("What is the capital of France?")


class HostDisputes(commands.Cog, name="Disputes"):
    """The host's own moderation cog."""

    @commands.command(name="appeal")
    async def appeal(self, ctx: commands.Context[Any]) -> None:
        await ctx.send("Your appeal was filed.")


class HostWithCogs(HostBot):
    def __init__(self, extensions: list[str], *own: commands.Cog) -> None:
        super().__init__(extensions)
        self.own = own

    async def setup_hook(self) -> None:
        for cog in self.own:
            await self.add_cog(cog)
        await super().setup_hook()


async def test_quiz_me_is_not_offered_because_of_the_hosts_own_quiz_cog(host_env: Any) -> None:  # noqa: F811
    bot = HostWithCogs(["cogs.lookup"], HostQuiz())
    async with simcord.run(bot) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        r = await alice.slash(channel, "define", term="BERT")
        assert r.response.embeds[0].title == "BERT"
        if "Quiz me" in buttons(r.response):
            clicked = await alice.click(r.response, label="Quiz me")
            assert clicked.acknowledged, "'Quiz me' is shown because the host has a cog named Quiz; nothing answers it"
    await bot.close()


async def test_i_was_right_is_not_offered_because_of_the_hosts_own_disputes_cog(
    host_env: Any, host_clock: Any  # noqa: F811
) -> None:
    bot = HostWithCogs(["cogs.quiz"], HostDisputes())
    async with simcord.run(bot, settle_timeout=2.0) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        practice = await alice.slash(channel, "quiz", topic="llms", private=True)
        shown = await alice.click(practice.response, label="Answer")
        box = next(
            c for top in shown.modal["components"] for c in [*top.get("components", []), top.get("component") or {}]
            if c.get("type") == 4
        )
        wrong = await alice.submit_modal(shown, {box["custom_id"]: "top-k sampling"})
        assert "Not quite" in wrong.response.content or "❌" in wrong.response.content
        if "I was right" in buttons(wrong.response):
            clicked = await alice.click(wrong.response, label="I was right")
            assert clicked.acknowledged, (
                "'I was right' is shown because the host has a cog named Disputes; nothing answers it"
            )
    await bot.close()
