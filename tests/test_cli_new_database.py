"""`tutorbot review` or `tutorbot quiz` run from another folder than the project's, with the decks found through
`TUTOR_CARDS_DIR` but `TUTOR_DB_PATH` left at its default (`data/tutor.sqlite3`, relative to the folder you are
in): it used to make a new, empty database there without a word, and the member's reviews, points and streaks
looked lost ("Card 1 (new)", nothing due). Now it says that it started a new database, where, and how to use
the bot's; a database that is already there is opened without a note."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.delenv("TUTOR_DB_PATH", raising=False)
    monkeypatch.delenv("TUTOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks"))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.chdir(folder)  # no .env here
    return folder


@pytest.mark.parametrize(
    ("command", "stdin"), [(["review", "--status"], ""), (["quiz", "--questions", "1"], ":quit\n")], ids=["review", "quiz"]
)
def test_a_new_database_is_told_with_where_it_is_and_the_setting(
    elsewhere: Path, monkeypatch, capsys, command: list[str], stdin: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(command) == 0
    err = capsys.readouterr().err
    made = elsewhere / "data" / "tutor.sqlite3"
    assert made.exists()
    assert "new" in err and str(made) in err and "TUTOR_DB_PATH" in err, err

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(command) == 0  # the second time it is the same database: nothing to say
    assert str(made) not in capsys.readouterr().err
