"""/deck stats and /disputes stats name the deck in the embed's title as the server calls it. A server deck's name is
a slug the moderators chose, and "_" is allowed in it: "bio__cells__" must read as typed, not as Discord markdown
(underline) that swallows its underscores, as every other /deck reply shows a name (escaped, or in code)."""

from __future__ import annotations

import discord
import pytest
from play_support import assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

NAME = "bio__cells__"
CELLS = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
)


@pytest.fixture
async def world(env):
    guild = env.create_guild("Biology Club")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    yield channel, mod
    await env.bot.close()


def shown(result):
    return result.followups[0] if result.followups else result.response


def reads_as_typed(title: str) -> bool:
    """The name is in the title escaped (or in code): Discord shows its underscores."""
    return discord.utils.escape_markdown(NAME) in title or f"`{NAME}`" in title


async def test_deck_stats_title_shows_a_deck_name_with_underscores_as_typed(env, world) -> None:
    """A moderator imports a deck named "bio__cells__" and runs /deck stats (and /disputes stats) on it: the title
    should show "bio__cells__". It is "Answer insight — bio__cells__" unescaped, which Discord renders as
    "bio" followed by an underlined "cells"."""
    channel, mod = world
    preview = shown(await mod.slash(channel, "deck import", file=("cells.csv", CELLS), name=NAME))
    await mod.click(preview, label="Import")
    assert env.bot.tutor_services.catalog.named(channel.guild.id, NAME) is not None

    for command in ("deck stats", "disputes stats"):
        r = await mod.slash(channel, command, deck=NAME)
        assert r.ephemeral
        (e,) = shown(r).embeds
        assert reads_as_typed(e.title or ""), (command, e.title)
    assert_no_pings(env)
