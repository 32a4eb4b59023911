"""What the /deck import tests share (``from deck_support import World, deck_world, shown_message``): a moderator's
server and another one, the biology deck they import, and ``deck_world``, the ``world`` fixture (the bot closed
afterwards so that its database connections are released).

Besides: ``mini_cards`` (a ``cards_dir`` with the mini deck), ``study_with_a_mod`` and ``own_and_shared`` (a
server's own deck and a shared one of the same name)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.runner import TutorBot

#: An import shapes every card off the event loop: on a busy machine the seed's 90 cards take a few seconds.
SETTLE_SECONDS = 20.0

#: A biology deck as a teacher would export it: a header, then term,definition rows.
BIOLOGY = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"osmosis,The movement of water across a membrane from low to high solute concentration\n"
    b"chloroplast,The organelle where photosynthesis turns light into chemical energy\n"
    b"nucleus,The organelle that holds the cell's DNA\n"
    b"cytoplasm,See image\n"
)
NAME = "biology-101"


class World:
    def __init__(self, env) -> None:
        self.env = env
        self.guild = env.create_guild("Biology Club")
        admins = self.guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
        self.channel = self.guild.create_text_channel("study")
        self.mod = self.guild.add_member(env.create_user("mod"), roles=[admins])
        self.alice = self.guild.add_member(env.create_user("alice"))
        self.other = env.create_guild("Chess Club")
        other_admins = self.other.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
        self.other_channel = self.other.create_text_channel("general")
        self.other_mod = self.other.add_member(env.create_user("rook"), roles=[other_admins])

    async def preview(self, data: bytes = BIOLOGY, filename: str = "biology.csv", name: str | None = NAME, *, by=None):
        options = {"file": (filename, data)}
        if name is not None:
            options["name"] = name
        return await (by or self.mod).slash(self.channel, "deck import", **options)

    async def imported(self, data: bytes = BIOLOGY, filename: str = "biology.csv", name: str | None = NAME):
        shown = shown_message(await self.preview(data, filename, name))
        return await self.mod.click(shown, label="Import")


@pytest.fixture(name="world")
async def deck_world(env: Any) -> Any:
    yield World(env)
    await env.bot.close()


def shown_message(result):
    """The message a deferred command ended with (the response, or its first follow-up)."""
    return result.followups[0] if result.followups else result.response


def mini_cards(tmp_path: Path) -> Path:
    """A deck folder ``tmp_path/cards`` holding the mini test deck (tests/data/decks/mini.yaml)."""
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parent / "data" / "decks" / "mini.yaml", folder / "mini.yaml")
    return folder


def study_with_a_mod(env: Any) -> tuple[Any, Any, Any]:
    """``(guild, channel, mod)``: a server with a #study channel and a moderator (Manage Server and Messages)."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
    mod = guild.add_member(env.create_user("mod"), roles=[mods])
    return guild, channel, mod


async def own_and_shared(
    env: Any, settings: Any, clock: Any, cards_dir: Path, guild: Any, mod: Any, ours: bytes, shared: str
) -> tuple[Any, Any]:
    """The server imports ``ours`` as `biology`; later the operator adds ``shared`` as cards/biology.yaml and the
    bot restarts. ``(services, the server's own deck)``."""
    s = env.bot.tutor_services
    preview = await s.decks.preview(guild.id, "biology.yaml", ours, "biology", user_id=mod.id)
    await s.decks.confirm(guild.id, preview.token, user_id=mod.id)
    (cards_dir / "biology.yaml").write_text(shared, encoding="utf-8")  # added by the operator later
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()
    s = env.bot.tutor_services
    [own] = s.catalog.owned(guild.id)
    return s, own


async def club_server(env: Any, deck: bytes) -> tuple[Any, Any, Any, Any]:
    """The Soup Club: a moderator imports ``deck`` (a CSV file) as the server's deck "club"; (guild, its #study
    channel, members alice and bob)."""
    guild, channel, alice, bob, _mod = await moderated_club_server(env, deck, manage_messages=False)
    return guild, channel, alice, bob


async def moderated_club_server(
    env: Any, deck: bytes, *, manage_messages: bool = True
) -> tuple[Any, Any, Any, Any, Any]:
    """``club_server``, and its moderator (Manage Server, and Manage Messages for disputes unless told not)."""
    guild = env.create_guild("Soup Club")
    allowed = discord.Permissions(manage_guild=True, manage_messages=manage_messages)
    admins = guild.create_role("Admins", permissions=allowed)
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    preview = await mod.slash(channel, "deck import", file=("club.csv", deck), name="club")
    shown = preview.followups[0] if preview.followups else preview.response
    await mod.click(shown, label="Import")
    return guild, channel, alice, bob, mod


def everything(result: Any) -> str:
    """All a reply shows, in small letters: its text, embeds and components."""
    shown = result.followups[0] if result.followups else result.response
    return " ".join(
        [shown.content or "", *(str(e.to_dict()) for e in shown.embeds), str(getattr(shown, "components", ""))]
    ).lower()
