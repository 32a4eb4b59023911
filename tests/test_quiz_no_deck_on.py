"""/quiz in a server that has turned every deck off (simcord): the member is told that no deck is on here and who
can turn one on (as /define, /search and /daily set say), not "no card in the decks that can be asked in typed
mode", which sends them to try the other mode."""

from __future__ import annotations

import re

import discord
import pytest
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    off = await admin.slash(channel, "deck disable", deck="mini")
    assert "disabled" in (off.followups[-1] if off.followups else off.response).content
    return guild, channel, alice


@pytest.mark.parametrize("options", [{}, {"private": True}, {"mode": "choice"}], ids=["channel", "practice", "choice"])
async def test_quiz_with_every_deck_off_says_no_deck_is_on(env, world, options) -> None:
    guild, channel, alice = world
    r = await alice.slash(channel, "quiz", **options)
    assert r.ephemeral
    text = r.response.content
    assert not re.search(r"\bmode\b", text), text
    assert "No deck is turned on in this server" in text, text
    assert "`/deck enable`" in text, text
    assert env.bot.tutor_services.quiz.running_in(channel.id) is None
