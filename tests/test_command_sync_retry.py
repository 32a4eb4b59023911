"""The first start of a new application: Discord fails the global command sync (a server error that outlasts
discord.py's own retries). The bot carries on, and its commands must still appear without a restart: the sync
is tried again while it runs."""

from __future__ import annotations

import sys
from pathlib import Path

from play_support import command_puts, restart
from world_support import study_alice_closed  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import failing_routes  # noqa: E402, F401  (the ``fail_route`` fixture)

GLOBAL_COMMANDS = r"/applications/\d+/commands"


async def test_a_failed_global_sync_is_tried_again_and_the_commands_appear(
    env, world, settings, clock, fail_route
) -> None:
    guild, channel, alice = world
    application = env.bot.application_id
    await env.bot.http.bulk_upsert_global_commands(application, [])  # none on Discord yet
    failed = fail_route(env, "PUT", GLOBAL_COMMANDS, 503, times=1)
    await restart(env, settings, clock)
    assert failed.hits
    assert await env.bot.http.get_global_commands(application) == []

    await env.advance_time(60 * 60)

    names = [c["name"] for c in await env.bot.http.get_global_commands(application)]
    assert "quiz" in names, names
    started = await alice.slash(channel, "quiz", topic="llms")
    assert not started.ephemeral


async def test_a_sync_that_keeps_failing_is_not_tried_more_than_a_few_times_an_hour(
    env, world, settings, clock, fail_route
) -> None:
    """Global syncs are rate-limited by Discord: a sync that keeps failing is tried again with growing waits."""
    application = env.bot.application_id
    await env.bot.http.bulk_upsert_global_commands(application, [])
    before = len(env.http_requests)
    fail_route(env, "PUT", GLOBAL_COMMANDS, 503, times=None)
    await restart(env, settings, clock)
    await env.advance_time(60 * 60)
    assert 2 <= len(command_puts(env, before)) <= 8, command_puts(env, before)
