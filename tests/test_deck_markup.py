"""A server's deck is uploaded by one member and read by all: whatever the file's format, a masked link in its cards
shows where it leads, and a mention reads as text."""

from __future__ import annotations

import re

import pytest
from deck_support import World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)
from test_deck_cog import text_of

pytestmark = pytest.mark.simcord(settle_timeout=5.0)

LINK = "[official notes](https://evil.example/login)"
CSV = f"term,definition\nzymogen,An inactive enzyme precursor; see {LINK}\nribosome,The machine that builds proteins\n"
YAML = (
    "deck: phish\ntitle: Phish\ncards:\n  - id: zymogen\n    term: zymogen\n    question: What is a zymogen?\n"
    f'    answer: "A zymogen is an inactive enzyme precursor; see {LINK}. ||Spoiler|| <@123>"\n'
    "    accept: [inactive enzyme precursor]\n"
)


def live_link(text: str) -> bool:
    """A masked link Discord renders: "[text](https://...)" with neither bracket escaped."""
    return re.search(r"(?<!\\)\[[^\]]+(?<!\\)\]\((?:https?://)", text) is not None


@pytest.mark.parametrize(("filename", "data"), [("phish.csv", CSV), ("phish.yaml", YAML)])
async def test_a_masked_link_in_an_uploaded_deck_shows_where_it_leads(world, filename, data) -> None:
    preview = shown_message(await world.preview(data.encode(), filename, "phish"))
    await world.mod.click(preview, label="Import")
    shown = text_of((await world.alice.slash(world.channel, "define", term="zymogen")).response)
    assert not live_link(shown) and "official notes (https://evil.example/login)" in shown
    assert "<@123>" not in shown  # (a mention reads as text)
