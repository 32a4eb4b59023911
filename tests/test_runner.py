"""The bot starts under simcord with a fake token: store migrated, decks synced, extensions loaded."""

from __future__ import annotations

import pytest
from play_support import command_puts, restart

from bot import runner
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage import AttemptWriter
from bot.runner import TutorBot, extension_names


async def test_startup_builds_services_and_loads_every_extension(env, settings) -> None:
    bot = env.bot
    services = bot.tutor_services
    assert services is not None
    assert settings.db_path.exists()
    assert "mini:bert" in services.catalog.cards
    assert len(services.sync_report.added) == 8
    assert set(bot.extensions) == set(extension_names())
    assert not bot.failed_extensions


async def test_a_broken_extension_is_logged_and_the_others_load(
    monkeypatch: pytest.MonkeyPatch, settings, clock, caplog: pytest.LogCaptureFixture
) -> None:
    import simcord

    real = extension_names()
    monkeypatch.setattr(runner, "extension_names", lambda: ["cogs.does_not_exist", *real])
    bot = TutorBot(settings, clock=clock)
    async with simcord.run(bot) as env:
        clock.env = env
        assert "cogs.does_not_exist" in bot.failed_extensions
        assert set(bot.extensions) == set(real)
    assert "cogs.does_not_exist failed to load" in caplog.text


async def test_a_crash_and_restart_keeps_what_was_written(env, settings, clock) -> None:
    first = env.bot.tutor_services
    async with first.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=1, channel_id=2, user_id=3, user_name="alice", card_key="mini:bert", source=Source.QUIZ,
                response="bert", verdict=VerdictKind.CORRECT, points=10, created_at=clock(),
            ),
        )
    await env.restart_bot(TutorBot(settings, clock=clock))  # the old bot is dropped, not closed
    second = env.bot.tutor_services
    assert second is not first
    assert second.sync_report.unchanged == 8 and not second.sync_report.added
    assert await second.store.attempt_count(1) == 1


async def test_close_unloads_extensions_and_closes_the_store(env) -> None:
    bot = env.bot
    services = bot.tutor_services
    await bot.close()
    assert services.store.closed
    assert not bot.extensions


async def test_commands_removed_on_discords_side_come_back_at_the_next_start(env, settings, clock) -> None:
    application = env.bot.application_id
    ours = sorted(c.name for c in env.bot.tree.get_commands())
    await env.bot.http.bulk_upsert_global_commands(application, [])  # another build of the app, or a reset
    before = len(env.http_requests)
    await restart(env, settings, clock)
    assert len(command_puts(env, before)) == 1
    registered = sorted(c["name"] for c in await env.bot.http.get_global_commands(application))
    assert registered == ours


async def test_an_unchanged_command_set_is_checked_but_not_sent_again(env, settings, clock) -> None:
    before = len(env.http_requests)
    await restart(env, settings, clock)
    assert command_puts(env, before) == []
    gets = [r for r in env.http_requests[before:] if r.method == "GET" and r.path.endswith("/commands")]
    assert len(gets) == 1  # one cheap look at what Discord has


async def test_a_failed_sync_is_logged_and_the_bot_still_starts(
    env, settings, clock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import discord

    class Unavailable:
        status, reason = 503, "Service Unavailable"

    async def failing_sync(self, *, guild=None):
        raise discord.DiscordServerError(Unavailable(), "503: Service Unavailable")

    await env.bot.http.bulk_upsert_global_commands(env.bot.application_id, [])
    monkeypatch.setattr(discord.app_commands.CommandTree, "sync", failing_sync)
    await restart(env, settings, clock)
    assert set(env.bot.extensions) == set(extension_names())
    assert "could not sync the slash commands" in caplog.text
