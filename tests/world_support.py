"""The servers the simcord tests play in (``from world_support import study_pair``), each a ``world`` fixture: a
guild with a #study channel and its members. The fixtures that yield close the bot afterwards (simcord detaches
it without closing it), so that its database connections are released.

* ``study_pair``: ``(guild, channel, {"alice": ..., "bob": ...})``.
* ``study_trio``: ``(guild, channel, {"alice": ..., "bob": ..., "carol": ...})``.
* ``study_alice``: ``(guild, channel, alice)``, the bot left running; ``study_alice_closed`` closes it.
* ``study_mod_and_bob``: ``(channel, mod, bob)``, the mod with Manage Server.
* ``biology_club_admin``: ``(guild, channel, mod)`` in the "Biology Club" server, the mod with Manage Server.

Besides: ``club_with_admin(env, name)`` (what ``biology_club_admin`` yields, in any server).
``chat_answers_on`` (the ``settings`` fixture, with chat answers on), ``bot_closed_after`` (the autouse ``close_the_bot``), the ``study`` fixtures ``study_with_alice`` and
``study_with_alice_and_bob``, and ``deck_folder(tmp_path, {"name.yaml": text})`` for a ``cards_dir`` fixture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest

from bot.config import Settings


def study_guild(env: Any, *names: str) -> tuple[Any, Any, dict[str, Any]]:
    """A guild with a #study channel and the members ``names`` (by name)."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in names}
    return guild, channel, members


@pytest.fixture(name="world")
async def study_pair(env: Any) -> Any:
    yield study_guild(env, "alice", "bob")
    await env.bot.close()


@pytest.fixture(name="world")
async def study_trio(env: Any) -> Any:
    yield study_guild(env, "alice", "bob", "carol")
    await env.bot.close()


@pytest.fixture(name="world")
def study_alice(env: Any) -> Any:
    guild, channel, members = study_guild(env, "alice")
    return guild, channel, members["alice"]


@pytest.fixture(name="world")
async def study_alice_closed(env: Any) -> Any:
    guild, channel, members = study_guild(env, "alice")
    yield guild, channel, members["alice"]
    await env.bot.close()


@pytest.fixture(name="world")
async def study_mod_and_bob(env: Any) -> Any:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    bob = guild.add_member(env.create_user("bob"))
    yield channel, mod, bob
    await env.bot.close()


def club_with_admin(env: Any, name: str) -> tuple[Any, Any, Any]:
    """``(guild, channel, mod)``: the server ``name`` with a #study channel and a mod with Manage Server."""
    guild = env.create_guild(name)
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    return guild, channel, mod


@pytest.fixture(name="world")
async def biology_club_admin(env: Any) -> Any:
    yield club_with_admin(env, "Biology Club")
    await env.bot.close()


@pytest.fixture(name="settings")
def chat_answers_on(tmp_path: Path, cards_dir: Path) -> Settings:
    """Settings on a temporary database with chat answers on (``TUTOR_CHAT_ANSWERS``)."""
    return Settings(
        token="t", db_path=tmp_path / "tutor.sqlite3", cards_dir=cards_dir, writer_process=False, chat_answers=True
    )


@pytest.fixture(name="close_the_bot", autouse=True)
async def bot_closed_after(env: Any) -> Any:
    """The bot closed after the test (a module that imports this closes it after each of its tests)."""
    yield
    await env.bot.close()


@pytest.fixture(name="study")
def study_with_alice(env: Any) -> Any:
    """``(channel, alice)``: a #study channel with a member."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    return channel, alice


@pytest.fixture(name="study")
def study_with_alice_and_bob(env: Any) -> Any:
    """``(channel, alice, bob)``: a #study channel with two members."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    return channel, alice, bob


def deck_folder(tmp_path: Path, decks: dict[str, str]) -> Path:
    """A deck folder ``tmp_path/decks`` holding each deck text of ``decks`` under its file name."""
    folder = tmp_path / "decks"
    folder.mkdir()
    for name, text in decks.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
