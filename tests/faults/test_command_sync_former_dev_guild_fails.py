"""Removing the commands of a former development server fails (Discord answers 500): the bot still syncs its
commands where they are wanted now (the new development server, or globally), and tries the removal again at
the next start, rather than starting with no commands where the admin now expects them."""

from __future__ import annotations

import dataclasses

from play_support import guild_command_names as names
from play_support import restart


async def test_a_new_development_server_gets_its_commands_when_the_former_one_cannot_be_cleared(
    env, world, settings, clock, fail_route
) -> None:
    first, _, _ = world
    second = env.create_guild()
    await restart(env, dataclasses.replace(settings, dev_guild_id=first.id), clock)
    assert "quiz" in await names(env, first.id)

    fail_route(env, "PUT", rf"/applications/\d+/guilds/{first.id}/commands", 500)
    switched = dataclasses.replace(settings, dev_guild_id=second.id)
    await restart(env, switched, clock)
    assert "quiz" in await names(env, second.id), "the new development server has no commands"

    await restart(env, switched, clock)  # the removal is tried again
    assert await names(env, first.id) == [], "the former development server keeps its copies of the commands"
    assert "quiz" in await names(env, second.id)


async def test_commands_are_synced_globally_when_the_former_development_server_cannot_be_cleared(
    env, world, settings, clock, fail_route
) -> None:
    first, channel, m = world
    application = env.bot.application_id
    await env.bot.http.bulk_upsert_global_commands(application, [])  # (as a new app, or one reset)
    await restart(env, dataclasses.replace(settings, dev_guild_id=first.id), clock)

    fail_route(env, "PUT", rf"/applications/\d+/guilds/{first.id}/commands", 500)
    await restart(env, settings, clock)
    names_now = [c["name"] for c in await env.bot.http.get_global_commands(application)]
    assert "quiz" in names_now, "no global commands after a failed removal from the former development server"

    await restart(env, settings, clock)  # the removal is tried again
    assert await names(env, first.id) == [], "the former development server lists each command twice"
    started = await m["alice"].slash(channel, "quiz", topic="llms")
    assert not started.ephemeral
