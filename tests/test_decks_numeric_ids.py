"""Deck files written with unquoted numeric card ids ("id: 01") keep the card keys they loaded with before
values that look like numbers were kept as written: a card's key holds every member's review schedule, stats
and disputes, so an update of the bot must not rename it."""

from __future__ import annotations

from pathlib import Path

from bot.core.decks import load_deck

DECK = """deck: chem
title: Chemistry
cards:
  - id: 01
    question: What is the chemical symbol of gold?
    answer: Au
    accept: [Au]
  - id: 010
    question: What is the chemical symbol of silver?
    answer: Ag
    accept: [Ag]
  - id: 1_5
    question: What is the chemical symbol of iron?
    answer: Fe
    accept: [Fe]
"""


def test_numeric_card_ids_keep_their_keys(tmp_path: Path) -> None:
    """The deck folder's `chem.yaml` numbered its cards `id: 01`, `id: 010`, `id: 1_5`; they have always loaded
    as the cards chem:1, chem:8 and chem:15, and members' reviews and scores are stored under those keys.
    Expected after the update: the same keys. Seen: chem:01, chem:010 and chem:1_5 — new cards, every member's
    progress on them gone (each card shows up as new in /review)."""
    path = tmp_path / "chem.yaml"
    path.write_text(DECK, encoding="utf-8")
    assert [c.key for c in load_deck(path).cards] == ["chem:1", "chem:8", "chem:15"]
