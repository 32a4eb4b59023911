"""Every /define component checks where it is used (issue 11): a definition changes only for the member it
answered (anyone else gets a private copy), and a card that left the deck is said to be gone (simcord)."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from world_support import study_with_alice_and_bob  # noqa: F401  (the ``study`` fixture)

from cogs import lookup as lookup_cog

ROOT = Path(__file__).resolve().parents[1]
NAMES = ROOT / "tests" / "data" / "decks_lookup_names"


@pytest.fixture
def cards_dir() -> Path:
    return ROOT / "tests" / "data" / "decks_lookup"


def buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row["components"] if c["type"] == 2}


LONG_KEY = "lookup-names-with-a-long-deck-id:top-p-sampling-with-a-very-long-card-idx"


@pytest.mark.parametrize("cards_dir", [NAMES])
async def test_paging_someone_elses_definition_never_changes_it_even_with_no_owner_in_the_id(study) -> None:
    channel, alice, bob = study
    r = await alice.slash(channel, "define", term="top-p sampling")
    msg = r.response
    assert msg.embeds[0].footer.text.startswith(f"{LONG_KEY} · page 1/")
    assert ":0:" + LONG_KEY in buttons(msg)["Next"]["custom_id"]  # the key left no room for alice's id
    peek = await bob.click(msg, label="Next")
    assert peek.ephemeral and " · page 2/" in peek.response.embeds[0].footer.text
    assert " · page 1/" in channel.last_message.embeds[0].footer.text  # alice's message is unchanged
    own = await alice.click(msg, label="Next")  # Discord says the message answered alice: she pages it
    assert not own.ephemeral and own.response.id == msg.id
    assert " · page 2/" in own.response.embeds[0].footer.text


async def test_page_buttons_of_a_card_that_left_the_deck_say_so(study, env) -> None:
    channel, alice, _ = study
    view = discord.ui.View()
    view.add_item(
        discord.ui.Button(label="Next", custom_id=lookup_cog.PAGE.build(dir="n", page=1, owner=alice.id, key="glossary:gone"))
    )
    await env.bot.get_channel(channel.id).send("Old definition", view=view)
    gone = await alice.click(channel.last_message, label="Next")
    assert gone.ephemeral and "That card is no longer in the deck." in gone.response.content
