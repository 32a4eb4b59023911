"""A host bot that loads a cog without saying where the decks are. The cogs read TUTOR_CARDS_DIR, else ``cards``
in the folder the bot runs from: when nothing is there, the error the bot's owner reads must say where tutorbot
looked (the whole path, not just "cards") and which setting points it elsewhere, as ``tutorbot run`` does."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from discord.ext import commands

from cogs._shared import ATTR


@pytest.fixture
def bare_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The host runs from a folder of its own: no cards/, no .env, no TUTOR_* settings."""
    for name in ("TUTOR_CARDS_DIR", "TUTOR_DB_PATH", "TUTOR_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUTOR_WRITER_PROCESS", "false")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("extension", ["cogs.lookup", "cogs.quiz"])
async def test_loading_a_cog_with_no_decks_says_where_it_looked_and_what_to_set(
    bare_folder: Path, extension: str
) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    with pytest.raises(commands.ExtensionFailed) as failed:
        await bot.load_extension(extension)
    message = str(failed.value.original)
    assert str(bare_folder / "cards") in message, f"the error does not say where it looked: {message!r}"
    assert "TUTOR_CARDS_DIR" in message, f"the error does not say how to point at the decks: {message!r}"
    # Nothing is left behind: no half-built services, no cog, no command.
    assert not hasattr(bot, ATTR) and not bot.cogs and not bot.tree.get_commands()
    await bot.close()


async def test_a_folder_named_by_tutor_cards_dir_with_no_decks_is_named_with_the_setting(
    bare_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = bare_folder / "my-decks"
    empty.mkdir()
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(empty))
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    with pytest.raises(commands.ExtensionFailed) as failed:
        await bot.load_extension("cogs.lookup")
    message = str(failed.value.original)
    assert f"TUTOR_CARDS_DIR={empty}" in message, message
    await bot.close()
