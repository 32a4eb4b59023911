"""A deck YAML's values are text: an answer written unquoted that YAML would read as a number ("3:2", "007",
"1.50") is kept as written, by `/deck import` and by `tutorbot validate` and the bot's own deck folder alike."""

from __future__ import annotations

from pathlib import Path

from bot.core.decks import load_deck
from bot.core.importers import import_data

DECK = """deck: films
title: Films
cards:
  - id: ratio
    term: null
    question: What is the aspect ratio of 35 mm still photography?
    answer: 3:2
    accept:
      - 3:2
      - 007
      - 1.50
    status: ok
"""


def test_an_uploaded_deck_keeps_answers_that_look_like_numbers_as_written() -> None:
    """`/deck import` of this file gives the answer "3:2" and accepted answers "3:2", "007", "1.50" — not
    182, 7 and 1.5 (which would mark the right answer wrong and accept a wrong one)."""
    [card] = import_data("films.yaml", DECK.encode()).deck.cards
    assert card.answer == "3:2"
    assert card.accept == ("3:2", "007", "1.50")


def test_a_deck_file_keeps_answers_that_look_like_numbers_as_written(tmp_path: Path) -> None:
    """A deck in the deck folder (`tutorbot validate`, start-up) reads the same values as the upload does."""
    path = tmp_path / "films.yaml"
    path.write_text(DECK, encoding="utf-8")
    [card] = load_deck(path).cards
    assert card.answer == "3:2"
    assert card.accept == ("3:2", "007", "1.50")
