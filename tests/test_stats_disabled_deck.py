"""/stats leaves out of "Most missed" the cards of a deck the server turned off.

README: stats "see exactly the server's enabled decks". A moderator turns a deck off: a member's own /stats
no longer offers to practise its cards (a button that could only answer "That card can't be asked").
"""

from __future__ import annotations

import pytest
from modal_support import modal_parts
from world_support import study_mod_and_bob  # noqa: F401  (the ``world`` fixture)

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def shown(result):
    message = result.response
    if message is None or (not message.embeds and not message.content):
        message = result.followups[-1]
    return message


def fields(message) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def labels(message) -> list[str]:
    return [c["label"] for row in message.components for c in row.get("components", []) if c.get("label")]


async def test_stats_offers_no_practice_of_a_deck_the_server_turned_off(env, world) -> None:
    channel, mod, bob = world
    practice = await bob.slash(channel, "quiz", topic="llms", private=True)  # the temperature card
    for _ in range(3):
        box = await bob.click(practice.response, label="Answer")
        text_box = next(c for c in modal_parts(box.modal) if c.get("type") == 4)
        await bob.submit_modal(box, {text_box["custom_id"]: "top-k"})
    before = shown(await bob.slash(channel, "stats"))
    assert "temperature" in fields(before)["Most missed"] and "Practice: temperature" in labels(before)

    off = await mod.slash(channel, "deck disable", deck="mini")
    assert "is disabled in this server" in off.response.content

    after = shown(await bob.slash(channel, "stats"))
    offered = [label for label in labels(after) if label.startswith("Practice")]
    clicks = [await bob.click(after, label=label) for label in offered]
    refusals = [c.response.content for c in clicks if c.response is not None and c.response.content]
    assert "temperature" not in fields(after).get("Most missed", ""), (
        f"/stats still lists a turned-off deck's card as most missed; its button says {refusals!r}"
    )
    assert offered == []
