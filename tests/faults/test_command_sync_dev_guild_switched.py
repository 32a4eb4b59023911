"""A development server replaced by another (``TUTOR_DEV_GUILD_ID`` changed from one server to the next, then unset):
the first server does not keep the copies of the commands synced to it, so it never lists each command twice
once the commands are global again."""

from __future__ import annotations

import dataclasses

from play_support import guild_command_names as names
from play_support import restart


async def test_a_former_development_server_loses_its_commands_when_another_one_takes_its_place(
    env, world, settings, clock
) -> None:
    first, channel, m = world
    second = env.create_guild()
    await restart(env, dataclasses.replace(settings, dev_guild_id=first.id), clock)
    assert "quiz" in await names(env, first.id)

    await restart(env, dataclasses.replace(settings, dev_guild_id=second.id), clock)
    assert "quiz" in await names(env, second.id)
    assert await names(env, first.id) == [], "the former development server keeps its copies of the commands"

    await restart(env, settings, clock)  # global again
    assert await names(env, first.id) == [], "the first development server lists each command twice"
    assert await names(env, second.id) == []
    started = await m["alice"].slash(channel, "quiz", topic="llms")
    assert not started.ephemeral
