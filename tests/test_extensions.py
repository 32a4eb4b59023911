"""Every cog is a plugin: it loads into someone else's bare bot (plain and sharded) and unloads cleanly."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import discord
import pytest
from discord.ext import commands

from bot.core.service import Services
from bot.runner import extension_names

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def host_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A host bot configures tutorbot only through TUTOR_* environment variables."""
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "host.sqlite3"))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks"))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return tmp_path


def slash_names(bot: commands.Bot) -> list[str]:
    return [c.name for c in bot.tree.get_commands()]


@pytest.mark.parametrize("bot_class", [commands.Bot, commands.AutoShardedBot])
async def test_every_extension_loads_into_a_bare_bot(bot_class: type[commands.Bot], host_env: Path) -> None:
    names = extension_names()
    assert {"cogs.quiz", "cogs.lookup", "cogs.leaderboard", "cogs.daily", "cogs.decks"} <= set(names)
    async with bot_class(command_prefix="!", intents=discord.Intents.default()) as bot:
        await _load_and_unload_everything(bot, names, host_env)


async def _load_and_unload_everything(bot: commands.Bot, names: list[str], host_env: Path) -> None:
    before: dict[str, list[str]] = {}
    for name in names:
        existing = set(slash_names(bot))
        await bot.load_extension(name)
        added = [c for c in slash_names(bot) if c not in existing]
        assert added, f"{name} added no slash command"
        before[name] = added
    all_names = slash_names(bot)
    assert len(all_names) == len(set(all_names)), "slash command names collide"
    assert {"quiz", "define", "leaderboard", "daily", "deck"} <= set(all_names)
    services = bot.tutor_services  # built from the environment by the first cog
    assert (host_env / "host.sqlite3").exists()
    for name in names:
        await bot.unload_extension(name)
    assert slash_names(bot) == []
    assert not bot.cogs
    assert services.store.closed, "the last cog to leave closes what the cogs opened"
    assert not hasattr(bot, "tutor_services")


async def test_each_extension_loads_alone(host_env: Path) -> None:
    for name in extension_names():
        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
        await bot.load_extension(name)
        await bot.unload_extension(name)
        assert not bot.cogs and not bot.tree.get_commands()
        await bot.close()


def test_two_bots_in_two_threads_load_the_cogs_at_once(host_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program running two bots, each in a thread with its own event loop, loads the cogs into both at
    the same moment: the second waits for nothing the first holds, and both start and stop."""
    first_inside = threading.Event()
    real = Services.create.__func__  # type: ignore[attr-defined]

    async def slow_create(cls, *args, **kwargs):  # the first bot is still building its services ...
        first_inside.set()
        await asyncio.sleep(0.3)
        return await real(cls, *args, **kwargs)

    monkeypatch.setattr(Services, "create", classmethod(slow_create))
    done: list[str] = []
    errors: list[BaseException] = []

    def run(name: str, wait_for_first: bool) -> None:
        async def main() -> None:
            if wait_for_first:  # ... when the second one's cog asks for its own
                await asyncio.to_thread(first_inside.wait, 10)
            bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
            await bot.load_extension("cogs.lookup")
            assert bot.tutor_services is not None
            await bot.unload_extension("cogs.lookup")
            await bot.close()
            done.append(name)

        try:
            asyncio.run(main())
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=("first", False)), threading.Thread(target=run, args=("second", True))]
    for thread in threads:
        thread.daemon = True  # a bot that never wakes must not keep the test run alive
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(done) == ["first", "second"], f"stuck: {[t.name for t in threads if t.is_alive()]}"
