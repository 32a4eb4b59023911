"""A server's own deck may define a term a shipped deck defines too: autocomplete, /search and the close-match
menu of /define tell the two cards apart by their decks, rather than listing the same name twice."""

from __future__ import annotations

import discord
import pytest

#: An import shapes every card off the event loop: on a busy machine that takes a few seconds.
pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: The club's own deck: two terms the shipped test deck (mini) defines too, and one only it defines.
CLUB = (
    b"term,definition\n"
    b"attention mechanism,The club's own note: attention lets a model focus on some of its inputs\n"
    b"temperature,How hot the soup is when the club serves it\n"
    b"soup ladle,The spoon the club serves the soup with\n"
)


@pytest.fixture
async def club(env):
    guild = env.create_guild("Soup Club")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    preview = await mod.slash(channel, "deck import", file=("club.csv", CLUB), name="club")
    shown = preview.followups[0] if preview.followups else preview.response
    await mod.click(shown, label="Import")
    yield channel, alice
    await env.bot.close()


async def test_autocomplete_names_the_deck_of_each_card_of_one_name(club) -> None:
    channel, alice = club
    choices = await alice.autocomplete(channel, "define", "term", "attention mech")
    mine = [c for c in choices if c["value"].startswith("club")]
    shipped = [c for c in choices if c["value"] == "mini:attention-mechanism"]
    assert mine and shipped
    assert mine[0]["name"] != shipped[0]["name"]  # the same name twice: no telling which is which
    assert mine[0]["name"] == "attention mechanism · club"
    assert shipped[0]["name"] == "attention mechanism · mini"
    assert all(1 <= len(c["name"]) <= 100 for c in choices)
    # a name only one deck has is shown as it is
    ladle = await alice.autocomplete(channel, "define", "term", "soup lad")
    assert ladle[0]["name"] == "soup ladle"


async def test_search_headings_name_the_deck_of_each_card_of_one_name(club) -> None:
    channel, alice = club
    r = await alice.slash(channel, "search", text="temperature")
    description = r.response.embeds[0].description
    headings = [line for line in description.splitlines() if line.startswith("**") and ". " in line[:6]]
    assert "**1. temperature · club**" in headings or "**2. temperature · club**" in headings
    assert any(h.endswith(". temperature · mini**") for h in headings)
    assert len(set(headings)) == len(headings)


async def test_the_close_match_menu_names_the_deck_of_each_card_of_one_name(club) -> None:
    channel, alice = club
    r = await alice.slash(channel, "define", term="temperature")
    menu = next(c for row in r.response.components for c in row["components"] if c["type"] == 3)
    labels = {o["value"]: o["label"] for o in menu["options"]}
    assert labels["mini:temperature"] == "temperature · mini"
    assert [v for v, text in labels.items() if text == "temperature · club"]
    assert len(set(labels.values())) == len(labels)
