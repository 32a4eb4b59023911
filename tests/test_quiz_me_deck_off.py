""""Quiz me" on a card whose deck the server has since turned off says so, privately, and how it comes back,
rather than that the card "was removed or is incomplete" (it is neither: turned on again, the same button asks it)."""

from __future__ import annotations

import pytest
from world_support import club_with_admin


@pytest.fixture
async def server(env):
    guild, channel, mod = club_with_admin(env, "Study Club")
    alice = guild.add_member(env.create_user("alice"))
    yield channel, mod, alice
    await env.bot.close()


async def test_quiz_me_on_a_card_of_a_deck_turned_off_says_the_deck_is_off(server) -> None:
    channel, mod, alice = server
    defined = await alice.slash(channel, "define", term="attention")
    assert defined.response.embeds
    off = await mod.slash(channel, "deck disable", deck="mini")
    assert "is disabled in this server" in off.response.content

    clicked = await alice.click(defined.response, label="Quiz me")
    said = clicked.response.content or ""
    assert clicked.ephemeral, said
    assert "removed or is incomplete" not in said, said
    assert "turned off in this server" in said and "mini" in said and "/deck enable" in said, said

    await mod.slash(channel, "deck enable", deck="mini")
    again = await alice.click(defined.response, label="Quiz me")
    assert again.ephemeral and again.response.embeds  # the same button asks the card again
