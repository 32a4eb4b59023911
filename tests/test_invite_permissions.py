"""The bot invited with the link `tutorbot run` prints (``INVITE_PERMISSIONS``) into a server whose members see its
channels through a role, not through @everyone (a server with a verification or onboarding role): the bot's own
role is all it has there, so the link must ask for what the bot checks before it posts."""

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
    backend = env.backend
    g = backend.guilds[guild.id]
    usual = discord.Permissions(g.roles[guild.id].permissions)  # what @everyone has in a new server
    members_role = guild.create_role("Members", permissions=usual)
    admins = guild.create_role("Admins", permissions=usual | discord.Permissions(manage_guild=True))
    backend.edit_role(guild.id, guild.id, {"permissions": 0})  # @everyone sees nothing until verified
    for role_id in g.members[backend.bot_user.id].role_ids:  # the bot's role: the invite's permissions
        backend.edit_role(guild.id, role_id, {"permissions": INVITE_PERMISSIONS})
    alice = guild.add_member(env.create_user("alice"), roles=[members_role])
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    await env.settle()
    yield guild, channel, alice, admin
    await env.bot.close()


def text_of(result) -> str:
    parts: list[str] = []
    for message in [result.response, *result.followups]:
        if message is not None:
            parts += [message.content or "", *(e.description or "" for e in message.embeds)]
    return "\n".join(parts)


def questions(channel) -> list:
    return [m for m in channel.history() if m.embeds and (m.embeds[0].title or "").startswith("Question 1/")]


async def test_a_quiz_runs_in_a_channel_members_see_through_a_role(env, world) -> None:
    """/quiz in #study: the quiz starts and asks its first question (it was refused: "I need the View Channel
    permission in this channel")."""
    guild, channel, alice, admin = world
    r = await alice.slash(channel, "quiz", topic="llms", questions=1)
    await env.advance_time(1)
    assert not r.ephemeral, text_of(r)
    assert questions(channel), text_of(r)


async def test_a_quiz_runs_in_a_thread_of_that_channel(env, world) -> None:
    """A public study thread of #study: the bot posts there with Send Messages in Threads, which @everyone no
    longer gives it."""
    guild, channel, alice, admin = world
    made = env.backend.create_thread(channel.id, "week 1", alice.id, type=ChannelType.PUBLIC_THREAD)
    thread = ChannelHandle(env, guild, made)
    await env.settle()
    r = await alice.slash(thread, "quiz", topic="llms", questions=1)
    await env.advance_time(1)
    assert not r.ephemeral, text_of(r)
    assert questions(thread), text_of(r)


async def test_the_daily_question_can_be_set_up_there(env, world) -> None:
    """/daily set in #study is taken (it was refused, naming View Channel and everything it hides)."""
    guild, channel, alice, admin = world
    r = await admin.slash(channel, "daily set", channel=channel, time="09:00", timezone="UTC")
    assert "will be posted" in text_of(r), text_of(r)
