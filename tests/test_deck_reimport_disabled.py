"""A moderator who imports a new version of a deck the server has turned off is told the truth: the deck is
updated but stays turned off (its cards are not asked until ``/deck enable``), not "usable now" while /quiz
still refuses its topic."""

from __future__ import annotations

import pytest
from deck_support import BIOLOGY, NAME, SETTLE_SECONDS, World, deck_world  # noqa: F401  (the ``world`` fixture)
from test_deck_cog import quiz_topics

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

FIXED = BIOLOGY.replace(b"nucleus,The organelle that holds the cell's DNA", b"nucleus,The organelle that stores DNA")


async def test_reimporting_a_disabled_deck_says_it_is_still_turned_off(world) -> None:
    await world.imported()
    off = await world.mod.slash(world.channel, "deck disable", deck=NAME)
    assert "is disabled" in off.response.content

    done = await world.imported(FIXED)
    said = done.response.embeds[0].description
    assert "1 updated" in said and "Imported `biology-101`" in said
    assert "Usable now" not in said, f"the import said the disabled deck is usable: {said!r}"
    assert "disabled" in said and "/deck enable" in said, said

    # and it is indeed still off, until enabled
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")
    await world.mod.slash(world.channel, "deck enable", deck=NAME)
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")
