"""A host developer's own bot, as README's "Using the cogs in your own bot" describes it: a plain
``commands.Bot`` configured only through TUTOR_* environment variables, its commands synced by itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest
from discord.ext import commands
from world_support import study_guild

ROOT = Path(__file__).resolve().parents[1]
#: What a quiz's first question says when chat answers are on.
CHAT_LINE = "You can also type your answer in the chat."


@pytest.fixture
def host_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A host bot configures tutorbot only through TUTOR_* environment variables."""
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "host.sqlite3"))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks"))
    monkeypatch.setenv("TUTOR_WRITER_PROCESS", "false")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return tmp_path


class HostBot(commands.Bot):
    """Someone else's bot: loads the named extensions in its setup hook and syncs its own tree."""

    def __init__(self, extensions: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("command_prefix", "!")
        kwargs.setdefault("intents", discord.Intents.default())
        super().__init__(**kwargs)
        self.to_load = extensions

    async def setup_hook(self) -> None:
        for name in self.to_load:
            await self.load_extension(name)
        await self.tree.sync()


def buttons(message: Any) -> dict[str, dict]:
    return {c.get("label"): c for row in message.components for c in row["components"] if c["type"] == 2}


@pytest.fixture
def host_clock(clock: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The services a host's cogs build from the environment run on the test's virtual clock (tie it to the
    simcord env with ``host_clock.env = env`` once it runs)."""
    from bot.core.service import Services

    real = Services.create.__func__  # type: ignore[attr-defined]

    async def create(cls: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("clock", clock)
        return await real(cls, *args, **kwargs)

    monkeypatch.setattr(Services, "create", classmethod(create))
    return clock


async def quiz_then_bob_types(env: Any, text: str = "temperature") -> tuple[Any, Any, str]:
    """In a #study channel alice starts an llms quiz and bob types ``text`` in the chat: ``(channel, bob, the quiz's
    first question as it was before bob typed)``."""
    _guild, channel, members = study_guild(env, "alice", "bob")
    started = await members["alice"].slash(channel, "quiz", topic="llms")
    intro = started.response.embeds[0].description
    await members["bob"].send(channel, text)
    return channel, members["bob"], intro
