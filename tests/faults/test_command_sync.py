"""The command-sync marker (issue 11): commands removed on Discord's side must come back at the next start-up.

``TutorBot.sync_commands`` skips the global sync when ``.commands-synced`` (next to the database) holds the digest
of the command set; it never looks at what Discord has. Both tests restart the bot on the same database folder,
as a redeploy does; the test settings have no development guild, so the sync is the global one.
"""

from __future__ import annotations

import dataclasses

from play_support import command_puts, restart

from bot.runner import TutorBot


async def test_commands_removed_on_discords_side_are_synced_again_at_start_up(env, world, settings, clock) -> None:
    _, channel, m = world
    application = env.bot.application_id
    assert "quiz" in [c["name"] for c in await env.bot.http.get_global_commands(application)]
    await env.bot.http.bulk_upsert_global_commands(application, [])  # e.g. another app build, or a reset
    await restart(env, settings, clock)
    names = [c["name"] for c in await env.bot.http.get_global_commands(application)]
    assert "quiz" in names, f"after the restart Discord has {names}"
    started = await m["alice"].slash(channel, "quiz", topic="llms")
    assert not started.ephemeral


async def test_a_restart_with_nothing_changed_does_not_sync_again(env, world, settings, clock) -> None:
    """Passes today (a guard for the fix): global syncs are rate-limited, so an unchanged set is not re-sent."""
    assert len(command_puts(env)) == 1
    before = len(env.http_requests)
    await restart(env, settings, clock)
    assert command_puts(env, before) == []


async def test_commands_of_a_former_development_server_are_removed_when_syncing_globally_again(
    env, world, settings, clock
) -> None:
    # A development run synced every command to one server; once TUTOR_DEV_GUILD_ID is unset, that server would
    # list each command twice (its own copy and the global one).
    guild, channel, m = world
    application = env.bot.application_id
    developing = dataclasses.replace(settings, dev_guild_id=guild.id)
    old = env.bot
    await env.restart_bot(TutorBot(developing, clock=clock))
    await old.close()
    assert "quiz" in [c["name"] for c in await env.bot.http.get_guild_commands(application, guild.id)]

    await restart(env, settings, clock)

    assert await env.bot.http.get_guild_commands(application, guild.id) == []
    assert "quiz" in [c["name"] for c in await env.bot.http.get_global_commands(application)]
    started = await m["alice"].slash(channel, "quiz", topic="llms")
    assert not started.ephemeral
