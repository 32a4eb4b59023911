"""/define and /search in a server that has turned every deck off say so, and how to turn one on, rather than
that the term or the words are in no card."""

from __future__ import annotations

import pytest
from world_support import club_with_admin


@pytest.fixture
async def server(env):
    guild, channel, mod = club_with_admin(env, "Quiet Club")
    alice = guild.add_member(env.create_user("alice"))
    yield channel, mod, alice
    await env.bot.close()


async def test_define_and_search_say_that_no_deck_is_on(server) -> None:
    channel, mod, alice = server
    found = await alice.slash(channel, "define", term="attention")
    assert found.response.embeds  # the shipped test deck defines it
    off = await mod.slash(channel, "deck disable", deck="mini")
    assert "is disabled in this server" in off.response.content

    define = await alice.slash(channel, "define", term="attention")
    assert define.ephemeral and not define.response.embeds
    text = define.response.content
    assert "No card for" not in text
    assert "no deck is turned on in this server" in text.lower() and "/deck enable" in text
    assert channel.last_message.id == found.response.id  # nothing new posted for the channel

    search = await alice.slash(channel, "search", text="attention")
    assert search.ephemeral and not search.response.embeds
    assert "No card mentions" not in search.response.content
    assert "/deck enable" in search.response.content

    # turned on again, both find it as before
    await mod.slash(channel, "deck enable", deck="mini")
    again = await alice.slash(channel, "define", term="attention")
    assert again.response.embeds and again.response.embeds[0].title == "attention mechanism"
    searched = await alice.slash(channel, "search", text="attention")
    assert searched.response.embeds


async def test_a_server_with_decks_on_is_told_as_before(server) -> None:
    channel, _, alice = server
    r = await alice.slash(channel, "define", term="zzqxv")
    assert r.response.content.startswith("No card for *zzqxv*.")
