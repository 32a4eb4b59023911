"""/define takes a term as long as a deck may write one (300 characters), typed in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from world_support import deck_folder, study_with_alice  # noqa: F401  (the ``study`` fixture)

from bot.core.decks import TEXT_MAX

#: A term of 289 characters: longer than 200, within the deck format's 300.
LONG_TERM = " ".join(f"word{i}alpha" for i in range(25))
#: An alias of 271 characters.
LONG_ALIAS = " ".join(f"part{i}beta" for i in range(27))

DECK = f"""deck: long
title: Long names
cards:
- id: long-term
  term: {LONG_TERM}
  question: Which card has the longest term?
  answer: The card with the longest term explains itself.
  accept: [longest]
- id: long-alias
  term: short name
  aliases:
  - {LONG_ALIAS}
  question: Which card has the longest alias?
  answer: The card with the longest alias explains itself too.
  accept: [alias]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"long.yaml": DECK})


def test_the_names_are_past_200_characters_and_within_the_deck_limit() -> None:
    assert 200 < len(LONG_TERM) <= TEXT_MAX["term"]
    assert 200 < len(LONG_ALIAS) <= 300


async def test_a_long_term_typed_in_full_shows_its_card(study) -> None:
    channel, alice = study
    r = await alice.slash(channel, "define", term=LONG_TERM)
    assert not r.ephemeral and not r.response.content
    assert r.response.embeds[0].footer.text == "long:long-term"
    assert "explains itself" in r.response.embeds[0].description


async def test_a_long_term_typed_in_capitals_shows_its_card(study) -> None:
    channel, alice = study
    r = await alice.slash(channel, "define", term=LONG_TERM.upper())
    assert r.response.embeds and r.response.embeds[0].footer.text == "long:long-term"


async def test_a_long_alias_typed_in_full_shows_its_card(study) -> None:
    channel, alice = study
    r = await alice.slash(channel, "define", term=LONG_ALIAS)
    assert r.response.embeds and r.response.embeds[0].title == "short name"
    assert not r.response.content  # written as the card names it: no "Showing ... (for ...)"
