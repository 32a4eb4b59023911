"""`tutorbot validate` with no path checks the deck folder the bot loads: `TUTOR_CARDS_DIR` (from the environment
or `.env`), as `tutorbot define` and `tutorbot quiz` read it, else `cards`. It used to check `cards` always: an
admin whose decks live elsewhere was told "OK" about the sample decks while the bot refused to start on theirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]

BROKEN = """\
deck: ours
title: Our deck
cards:
  - id: first
    question: What is the first thing?
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the sample decks in cards/ and the server's own (broken) deck in decks/."""
    monkeypatch.delenv("TUTOR_CARDS_DIR", raising=False)
    shutil.copytree(ROOT / "tests" / "data" / "decks", tmp_path / "cards")
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "ours.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_deck_folder_set_in_dotenv_is_the_one_checked(project: Path, capsys) -> None:
    (project / ".env").write_text("TUTOR_CARDS_DIR=decks\n", encoding="utf-8")
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "ours.yaml" in err and "first" in err, err


def test_the_deck_folder_set_in_the_environment_is_the_one_checked(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(project / "decks"))
    assert main(["validate"]) == 1
    assert "ours.yaml" in capsys.readouterr().err


def test_without_the_setting_cards_is_checked_and_a_path_given_wins(project: Path, monkeypatch, capsys) -> None:
    assert main(["validate"]) == 0
    assert "deck 'mini' OK" in capsys.readouterr().out
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(project / "decks"))
    assert main(["validate", "cards"]) == 0


def test_a_setting_folder_with_no_decks_says_where_it_looked_and_which_setting(
    project: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(project / "nowhere"))
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert str(project / "nowhere") in err and "TUTOR_CARDS_DIR" in err, err
