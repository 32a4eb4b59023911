"""A channel quiz started in a locked thread (simcord): only members with Manage Threads may post in one, so a
bot invited with the README's permissions (no Manage Threads) could answer the command and then post no question.
The member is told why, privately, and nothing is started."""

from __future__ import annotations

import discord
import pytest
from simcord.builders import ChannelHandle
from simcord.enums import ChannelType

from bot.config import INVITE_PERMISSIONS


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_threads=True, manage_messages=True))
    mod = guild.add_member(env.create_user("mod"), roles=[mods])
    g = env.backend.guilds[guild.id]
    for role_id in g.members[env.backend.bot_user.id].role_ids:  # the bot's role: the invite's permissions
        g.roles[role_id].permissions = INVITE_PERMISSIONS
    made = env.backend.create_thread(channel.id, "week 1", mod.id, type=ChannelType.PUBLIC_THREAD)
    thread = ChannelHandle(env, guild, made)
    await env.settle()
    yield guild, channel, mod, thread
    await env.bot.close()


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or ""]
    return "\n".join(parts)


async def lock(env, thread) -> None:
    env.backend.edit_channel(thread.id, {}, thread_metadata={"locked": True})
    await env.settle()


async def test_a_quiz_in_a_locked_thread_is_refused_naming_the_lock(env, world) -> None:
    """A moderator (who may still post there) runs /quiz in a thread locked for the week: instead of a public "Quiz
    started" followed by nothing, they are told privately that the thread is locked and the bot cannot post in it;
    no quiz holds the thread."""
    guild, channel, mod, thread = world
    assert not discord.Permissions(INVITE_PERMISSIONS).manage_threads
    await lock(env, thread)
    r = await mod.slash(thread, "quiz", topic="llms", questions=1)
    assert r.ephemeral, text_of(r.response)
    shown = text_of(r.response)
    assert "locked" in shown.lower(), shown
    assert "Manage Threads" in shown, shown
    assert env.bot.tutor_services.quiz.running_in(thread.id) is None
    assert not [m for m in thread.history() if m.author.id == env.bot.user.id]


async def test_a_quiz_in_a_locked_thread_runs_when_the_bot_may_manage_threads(env, world) -> None:
    """With Manage Threads the bot may post in a locked thread: the quiz starts as anywhere else."""
    guild, channel, mod, thread = world
    g = env.backend.guilds[guild.id]
    for role_id in g.members[env.backend.bot_user.id].role_ids:
        g.roles[role_id].permissions = INVITE_PERMISSIONS | discord.Permissions(manage_threads=True).value
    await env.settle()
    await lock(env, thread)
    r = await mod.slash(thread, "quiz", topic="llms", questions=1)
    assert not r.ephemeral, text_of(r.response)
    assert env.bot.tutor_services.quiz.running_in(thread.id) is not None
