"""/review settings topics: its autocomplete offers the topics of the decks the server sees (its own decks, not
a deck it turned off), as every other topic option does."""

from __future__ import annotations

import pytest

from bot.core.service import Services

#: An import shapes the cards off the event loop: give a busy machine time.
pytestmark = pytest.mark.simcord(settle_timeout=20.0)

BIOLOGY = (
    b"question,answer,tags\n"
    b"What organelle makes most of the cell's ATP?,mitochondria,cell-biology\n"
    b"What builds proteins from messenger RNA?,the ribosome,cell-biology\n"
    b"What holds the cell's DNA in eukaryotes?,the nucleus,cell-biology\n"
)


@pytest.fixture
async def world(env):
    guild = env.create_guild("Biology Club")
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    yield guild, channel, alice
    await env.bot.close()


async def values(member, channel, command: str, option: str, typed: str) -> list[str]:
    return [c["value"] for c in await member.autocomplete(channel, command, option, typed)]


async def test_review_topics_offer_the_servers_own_deck(world, services: Services) -> None:
    guild, channel, alice = world
    preview = await services.decks.preview(guild.id, "biology.csv", BIOLOGY, "biology-101", user_id=1)
    await services.decks.confirm(guild.id, preview.token, user_id=1)

    # /quiz offers the server's deck and its tag ...
    assert "biology-101" in await values(alice, channel, "quiz", "topic", "biol")
    # ... and /review settings takes it typed in full
    taken = await alice.slash(channel, "review settings", topics="biology-101")
    assert "biology-101" in str(taken.response.embeds[0].to_dict())

    # ... and its autocomplete offers it
    offered = await values(alice, channel, "review settings", "topics", "biol")
    assert "biology-101" in offered, f"/review settings topics offered {offered} for 'biol'"


async def test_review_topics_do_not_offer_a_deck_the_server_turned_off(world, services: Services) -> None:
    guild, channel, alice = world
    await services.decks.set_enabled(guild.id, "mini", False)  # the only shipped deck of the test folder

    assert await values(alice, channel, "quiz", "topic", "transf") == []  # /quiz: nothing to offer
    refused = await alice.slash(channel, "review settings", topics="transformers")
    # /review refuses the topic here ("There is no topic called transformers") ...
    assert refused.ephemeral and "no topic called" in refused.response.content, refused.response.content

    # ... and its autocomplete does not offer it
    offered = await values(alice, channel, "review settings", "topics", "transf")
    assert "transformers" not in offered, f"/review settings topics offered {offered} in a server with no such topic"
