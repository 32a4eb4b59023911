"""``TUTOR_DEV_GUILD_ID`` names a server the bot has not been invited to yet (the bot run first, invited after):
Discord refuses the start's sync to that server (403, Missing Access). Once the server invites the bot, while it
runs, its commands are synced there, rather than nowhere until the next restart."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from play_support import guild_command_names, invite_back, kick_bot
from world_support import study_alice_closed  # noqa: F401  (the ``world`` fixture)

from bot.runner import TutorBot

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import failing_routes  # noqa: E402, F401  (the ``fail_route`` fixture)


async def test_the_development_server_gets_the_commands_when_it_invites_the_running_bot(
    env, world, settings, clock, fail_route
) -> None:
    guild, channel, alice = world
    application = env.bot.application_id
    await env.bot.http.bulk_upsert_global_commands(application, [])  # an application used for development only
    kicked = kick_bot(env, guild)  # (not in the server yet)
    await env.settle()
    refused = fail_route(
        env, "PUT", rf"/applications/\d+/guilds/{guild.id}/commands", 403, times=None, code=50001,
        message="Missing Access", when=lambda _body: guild.id not in env.backend.guilds,
    )  # fmt: skip
    old = env.bot
    await env.restart_bot(TutorBot(dataclasses.replace(settings, dev_guild_id=guild.id), clock=clock))
    await old.close()
    assert refused.hits, "the start did not try the development server"
    assert await guild_command_names(env, guild.id) == []

    invite_back(env, kicked)
    await env.settle()

    assert "quiz" in await guild_command_names(env, guild.id)
    started = await alice.slash(channel, "quiz", topic="llms")
    assert not started.ephemeral
