"""/search over more cards than one reply lists says that more match, rather than counting only those shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from world_support import deck_folder, study_with_alice  # noqa: F401  (the ``study`` fixture)

from cogs.lookup.render import SEARCH_RESULTS

#: Twelve cards mention "widget", eight mention "gadget" (as many as one reply lists).
DECK = "deck: parts\ntitle: Parts\ncards:\n" + "".join(
    f"- id: part-{i}\n  term: part {i}\n  question: Which part is number {i}?\n"
    f"  answer: Part {i} is a {'widget' if i < 12 else 'gadget'} of the machine.\n  accept: [p{i}]\n"
    for i in range(20)
).replace("Part 12 is a gadget", "Part 12 is a gadget and a widget")


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"parts.yaml": DECK})


def numbered_buttons(message) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"] if c["type"] == 2]


async def test_more_matches_than_listed_are_said_to_be_more(study) -> None:
    channel, alice = study
    r = await alice.slash(channel, "search", text="widget")
    embed = r.response.embeds[0]
    assert len(numbered_buttons(r.response)) == SEARCH_RESULTS
    footer = embed.footer.text
    assert not footer.startswith(f"{SEARCH_RESULTS} cards")  # 13 cards mention it, not 8
    assert footer.startswith(f"The best {SEARCH_RESULTS} cards")
    assert "more match" in footer and "add a word" in footer


async def test_as_many_matches_as_listed_are_counted_as_they_are(study) -> None:
    channel, alice = study
    r = await alice.slash(channel, "search", text="gadget")
    assert len(numbered_buttons(r.response)) == SEARCH_RESULTS
    assert r.response.embeds[0].footer.text == f"{SEARCH_RESULTS} cards · a button opens the definition"
