"""A key point written as a symbol the grader reads as a word ("∞" is "inf", "™" is "tm") has something to look
for: a deck file that holds one keeps loading at start-up, and grade --jsonl grades it, as before key points with
no words ("|") were refused. One with nothing the grader reads ("|", "≥") is still refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import grade as grade_cli
from bot.core.decks import DeckError, load_decks
from bot.core.grading import grade_card

DECK = """\
deck: limits
title: Limits
cards:
  - id: divergent
    question: Where does 1/x go as x goes to 0 from the right?
    answer: It grows without bound, towards ∞.
    keypoints: ["{point}"]
"""


def _deck_folder(tmp_path: Path, point: str) -> Path:
    (tmp_path / "limits.yaml").write_text(DECK.replace("{point}", point), encoding="utf-8")
    return tmp_path


def test_a_deck_whose_key_point_is_a_symbol_the_grader_reads_still_loads(tmp_path: Path) -> None:
    (deck,) = load_decks(_deck_folder(tmp_path, "∞"))
    card = deck.cards[0]
    assert card.keypoints == ("∞",)
    assert grade_card(card, "it goes to ∞").correct
    assert not grade_card(card, "it goes to 0").correct


@pytest.mark.parametrize("point", ["|", "≥", "-- | .."])
def test_a_key_point_the_grader_reads_nothing_in_is_still_a_problem(tmp_path: Path, point: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_decks(_deck_folder(tmp_path, point))
    assert "has no words to look for" in str(caught.value)


def test_grade_jsonl_grades_against_a_symbol_key_point() -> None:
    out = io.StringIO()
    line = json.dumps({"keypoints": ["∞"], "response": "it tends to ∞"}, ensure_ascii=False)
    assert grade_cli.run_jsonl(io.StringIO(line + "\n"), out) == 0
    (verdict,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert verdict.get("verdict") == "correct", verdict
