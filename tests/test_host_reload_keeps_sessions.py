"""A host bot that loads one tutorbot extension and reloads it while members use it (``bot.reload_extension``, as
jishaku's ``jsk reload`` or a host's own reload command does, to take an update without a restart). A reload is
an unload followed by a load; what members were doing goes on across it, as it does when another tutorbot
extension is loaded beside it: a /review session's buttons and a private practice still answer."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from host_support import HostBot, host_clock, host_env  # noqa: F401
from modal_support import answered

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


class HostWithReload(HostBot):
    """Someone else's bot with its own /reload command for its extensions."""

    def __init__(self, extensions: list[str]) -> None:
        super().__init__(extensions)

        @self.tree.command(name="reload", description="Reload one of the bot's extensions")
        async def reload(interaction: discord.Interaction, extension: str) -> None:
            await self.reload_extension(extension)
            await interaction.response.send_message(f"reloaded {extension}", ephemeral=True)


async def test_a_review_session_goes_on_after_its_extension_is_reloaded(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostWithReload(["cogs.review"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        owner = guild.add_member(env.create_user("owner"))
        started = await alice.slash(channel, "review start")
        session = started.response
        assert session.embeds[0].title.startswith("🧠 Review")

        reloaded = await owner.slash(channel, "reload", extension="cogs.review")
        assert reloaded.response.content == "reloaded cogs.review"

        shown = await alice.click(session, label="Answer")
        refusal = shown.response.content if shown.response is not None else ""
        assert shown.modal is not None, f"the session ended with the reload: {refusal!r}"
    await bot.close()


async def test_private_practice_goes_on_after_its_extension_is_reloaded(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostWithReload(["cogs.quiz"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        owner = guild.add_member(env.create_user("owner"))
        started = await alice.slash(channel, "quiz", topic="llms", private=True, questions=3)

        await owner.slash(channel, "reload", extension="cogs.quiz")

        reply = (await answered(alice, started.response, "top-k sampling")).response.content
        assert "ended" not in reply, f"the practice ended with the reload: {reply!r}"
        assert reply.startswith(("✅", "❌")), reply
    await bot.close()
