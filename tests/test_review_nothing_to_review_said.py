"""/review status and the end of a review say why there is nothing to review when no deck turned on in the server
holds a card in the member's topics (every deck turned off, or the deck of their topic turned off mid-review), as
/review start does, instead of promising new cards that /review start then does not bring."""

from __future__ import annotations

from test_review_cog import field
from world_support import study_mod_and_bob  # noqa: F401  (the ``world`` fixture)

PROMISE = "brings"  # "`/review start` brings your first new cards" / "... brings new cards"


def said(message) -> str:
    """Everything a review message says (its description and fields)."""
    e = message.embeds[0]
    return "\n".join([e.description or "", *(f"{f.name}: {f.value}" for f in e.fields)])


async def test_status_says_no_deck_holds_a_card_as_review_start_does(world) -> None:
    channel, mod, bob = world
    off = await mod.slash(channel, "deck disable", deck="mini")  # the server's only deck
    assert "is disabled in this server" in off.response.content
    start = await bob.slash(channel, "review start")
    why = field(start.response, "Nothing to review")
    assert "/deck enable" in why
    status = await bob.slash(channel, "review status")
    assert status.ephemeral
    text = status.response.embeds[0].description or ""
    assert text == why, text  # the same reason, not a promise of first new cards
    assert PROMISE not in text


async def test_a_review_whose_deck_is_turned_off_meanwhile_ends_saying_why_and_status_agrees(world) -> None:
    channel, mod, bob = world
    await bob.slash(channel, "review settings", topics="sampling")  # one card of the mini deck
    card = (await bob.slash(channel, "review start")).response
    rated = await bob.click(card, label="Don't know")
    assert rated.response.embeds[0].footer.text == "Rated again"
    await mod.slash(channel, "deck disable", deck="mini")
    end = await bob.click(rated.response, label="Next")
    summary = said(end.response)
    assert field(end.response, "Reviewed") == "1 card"
    assert "/deck enable" in field(end.response, "Nothing to review"), summary
    assert PROMISE not in summary, summary
    status = await bob.slash(channel, "review status")
    text = status.response.embeds[0].description or ""
    assert "haven't reviewed" not in text and PROMISE not in text, text
    assert "/deck enable" in text, text
