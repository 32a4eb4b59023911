"""A key written twice in a deck file, which YAML resolves silently ("the last one wins": the bot would grade the
card against the second list only), is a problem `tutorbot validate` names with file, card and field, as an
upload of the file names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.core.importers import ImportRefused
from bot.core.importers.yaml_in import import_yaml

CARD_WITH_TWO_ACCEPTS = """\
deck: geo
title: Geography
cards:
  - id: capital-france
    term: Paris
    question: What is the capital of France?
    answer: Paris is the capital of France.
    accept: [Paris]
    tags: [geo]
    accept: [Lyon]
"""

TWO_CARDS_BLOCKS = """\
deck: geo
title: Geography
cards:
  - id: capital-france
    term: Paris
    question: What is the capital of France?
    answer: Paris is the capital of France.
    accept: [Paris]
cards:
  - id: capital-italy
    term: Rome
    question: What is the capital of Italy?
    answer: Rome is the capital of Italy.
    accept: [Rome]
"""


def test_a_card_field_written_twice_is_a_problem_naming_file_card_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "geo.yaml"
    deck.write_text(CARD_WITH_TWO_ACCEPTS, encoding="utf-8")
    code = main(["validate", str(deck)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1, output
    assert "geo.yaml" in output and "capital-france" in output and "'accept'" in output, output


def test_a_deck_key_written_twice_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "geo.yaml"
    deck.write_text(TWO_CARDS_BLOCKS, encoding="utf-8")
    code = main(["validate", str(deck)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1, output
    assert "geo.yaml" in output and "'cards'" in output, output


def test_an_uploaded_deck_with_a_key_written_twice_is_refused_naming_it(tmp_path: Path) -> None:
    deck = tmp_path / "geo.yaml"
    deck.write_text(CARD_WITH_TWO_ACCEPTS, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_yaml(deck)
    assert refused.value.code == "import.invalid_deck"
    assert "capital-france" in str(refused.value) and "'accept'" in str(refused.value)
