"""A server's own deck is shown by the name the server gave it: /define's card and /deck info never show the id
it is stored under (the name with a suffix, ``biology-101.8rgzg8``), which nobody types."""

from __future__ import annotations

import re

import pytest
from deck_support import NAME, World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)
from play_support import assert_no_pings
from test_deck_cog import text_of

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

#: A stored deck id: the name, a dot and a suffix (``server_deck_id``).
STORED_ID = re.compile(re.escape(NAME) + r"\.[a-z0-9]{6}")


def everything(message) -> str:
    return text_of(message) + "\n" + "\n".join(e.footer.text or "" for e in message.embeds)


async def test_define_names_the_card_by_the_deck_name(world) -> None:
    w = world
    await w.imported()
    for private in (False, True):
        r = await w.alice.slash(w.channel, "define", term="nucleus", private=private)
        embed = r.response.embeds[0]
        assert embed.title == "nucleus"
        assert embed.footer.text == f"{NAME}:nucleus", embed.footer.text
        assert not STORED_ID.search(everything(r.response))
    assert_no_pings(w.env)


async def test_deck_info_shows_no_stored_id(world) -> None:
    w = world
    await w.imported()
    r = await w.mod.slash(w.channel, "deck info", deck=NAME)
    assert r.ephemeral
    text = everything(r.response)
    assert f"Deck {NAME}" in text
    assert not STORED_ID.search(text), text
    off = await w.mod.slash(w.channel, "deck disable", deck=NAME)
    assert off.ephemeral
    text = everything(shown_message(await w.mod.slash(w.channel, "deck info", deck=NAME)))
    assert "disabled" in text and not STORED_ID.search(text), text
