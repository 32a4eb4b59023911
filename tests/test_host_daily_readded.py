"""The bot removed from a server and invited back: the server's daily question comes back by itself.

The virtual clock starts at 2026-01-01 00:00 UTC; ``World.set`` schedules the question at 01:10 in Paris
(00:10 UTC). A moderator who kicks the bot by mistake (or a server that re-invites it after a clean-up)
invites it again: its settings are kept (the schedule row is still there), so the next post time should
post as usual — as it does after a permission taken away and given back.
"""

from __future__ import annotations

from typing import Any

import pytest
from simcord.backend import serializers
from test_daily_cog import World, cards_dir  # noqa: F401  (the deck folder fixture)


@pytest.fixture
async def world(env) -> Any:
    yield World(env)
    await env.bot.close()


def kick_bot(env: Any, guild: Any) -> Any:
    """The bot is removed from the server (GUILD_DELETE); returns what ``invite_back`` needs."""
    backend = env.backend
    saved = backend.guilds[guild.id]
    ids = [*saved.channel_ids, *saved.thread_ids]
    channels = {cid: backend.channels[cid] for cid in ids}
    messages = {cid: backend.messages[cid] for cid in ids if cid in backend.messages}
    backend.remove_guild(guild.id)
    return saved, channels, messages


def invite_back(env: Any, kicked: Any) -> None:
    """The same server invites the bot again: its channels are as they were (GUILD_CREATE)."""
    saved, channels, messages = kicked
    backend = env.backend
    backend.guilds[saved.id] = saved
    backend.channels.update(channels)
    backend.messages.update(messages)
    backend.emit("GUILD_CREATE", serializers.guild_create_payload(backend, saved))


async def advance(env: Any, seconds: float, *, step: float = 3 * 3600) -> None:
    while seconds > 0:
        await env.advance_time(min(step, seconds))
        seconds -= step


async def test_a_bot_invited_back_posts_the_daily_question_again(world: World, env) -> None:
    await world.set()
    kicked = kick_bot(env, world.guild)
    await env.settle()
    assert env.bot.get_guild(world.guild.id) is None
    await env.advance_time(15 * 60)  # 00:15 UTC: the day's post time came while the bot was out

    invite_back(env, kicked)
    await env.settle()
    assert env.bot.get_guild(world.guild.id) is not None

    await advance(env, 24 * 3600)  # past the next post time (2 Jan, 00:10 UTC)
    r = await world.admin.slash(world.channel, "daily status")
    state = r.response.embeds[0].description
    assert world.posts(), f"the re-invited bot never posts the daily question again; /daily status: {state}"
    assert "no longer in this server" not in state, state
