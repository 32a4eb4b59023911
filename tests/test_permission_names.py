"""A missing permission is named as Discord's own settings name it, so a moderator can find the switch: "Send
Messages in Threads" (not "Send Messages In Threads")."""

from __future__ import annotations

import discord
import pytest
from simcord.backend.models.channel import Overwrite
from simcord.builders import ChannelHandle
from simcord.enums import OverwriteType
from world_support import study_alice_closed  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_a_quiz_in_a_thread_where_the_bot_may_not_post_names_send_messages_in_threads(env, world) -> None:
    guild, channel, alice = world
    thread = ChannelHandle(env, guild, env.backend.create_thread(channel.id, "drills", alice.id))
    deny = discord.Permissions(send_messages_in_threads=True).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    r = await alice.slash(thread, "quiz", topic="llms")
    assert r.ephemeral and "**Send Messages in Threads**" in r.response.content, r.response.content
    assert env.bot.tutor_services.quiz.running_in(thread.id) is None
    assert [m for m in thread.history() if m.author.id == env.bot.user.id] == []
