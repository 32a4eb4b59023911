"""Paths an operator writes in the settings, and `-o` given to `tutorbot import`, mean what they say.

* ``TUTOR_DB_PATH=~/tutor/tutor.sqlite3`` (a systemd ``EnvironmentFile``, ``docker --env-file`` or ``.env``: none
  expands ``~``) made a folder literally named ``~`` in the folder the bot ran from, with the database inside; the
  same for ``TUTOR_CARDS_DIR=~/decks`` ("found no decks"). ``~`` is the user's home folder, as in a shell.
* ``TUTOR_DB_PATH=data/`` (a folder meant) made a database file named ``data``, after which the default
  ``data/tutor.sqlite3`` could not be opened ("File exists"). It is refused, naming the setting and the value.
* A database whose folder is a file (``notes.txt/tutor.sqlite3``) said "(File exists)": it now names the file
  that stands where a folder is needed.
* ``tutorbot import … -o decks/`` with no ``decks`` folder yet wrote a deck file named ``decks``; the slash says a
  folder is meant: it is made, and the deck goes inside it as for an existing folder.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from cli_support import DECKS, greek_export  # noqa: F401  (the ``export`` fixture)

from bot.cli import main
from bot.core.decks import load_deck


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder, and the command run from another folder (no .env there)."""
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.delenv("TUTOR_DATABASE_URL", raising=False)
    monkeypatch.chdir(work)
    return home


def test_a_database_path_under_the_home_folder_is_made_there(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TUTOR_DB_PATH", "~/tutor/tutor.sqlite3")
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(DECKS))
    assert main(["review", "--status"]) == 0, capsys.readouterr().err
    assert (home / "tutor" / "tutor.sqlite3").is_file()
    assert not (Path.cwd() / "~").exists()
    assert str(home / "tutor" / "tutor.sqlite3") in capsys.readouterr().err  # "started a new, empty database at …"


def test_a_deck_folder_under_the_home_folder_is_found(home: Path, monkeypatch, capsys) -> None:
    shutil.copytree(DECKS, home / "decks")
    monkeypatch.setenv("TUTOR_CARDS_DIR", "~/decks")
    monkeypatch.setenv("TUTOR_DB_PATH", str(home / "tutor.sqlite3"))
    monkeypatch.setattr("sys.stdin", io.StringIO(":quit\n"))
    assert main(["quiz", "--questions", "1"]) == 0, capsys.readouterr().err
    assert "Question 1/1" in capsys.readouterr().out
    assert main(["validate"]) == 0
    assert "OK" in capsys.readouterr().out


def test_a_database_path_naming_a_folder_is_refused(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TUTOR_DB_PATH", "data/")
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(DECKS))
    assert main(["review", "--status"]) == 2
    err = capsys.readouterr().err
    assert "TUTOR_DB_PATH" in err and "'data/'" in err, err
    assert not (Path.cwd() / "data").exists()  # nothing made: no database file named "data"


def test_a_file_where_the_database_folder_should_be_is_named(home: Path, monkeypatch, capsys) -> None:
    (Path.cwd() / "notes.txt").write_text("my notes\n", encoding="utf-8")
    monkeypatch.setenv("TUTOR_DB_PATH", "notes.txt/tutor.sqlite3")
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(DECKS))
    assert main(["review", "--status"]) == 2
    err = capsys.readouterr().err
    assert "notes.txt is a file, not a folder" in err, err
    assert "File exists" not in err
    assert (Path.cwd() / "notes.txt").read_text(encoding="utf-8") == "my notes\n"


def test_import_into_a_new_folder_named_with_a_slash(tmp_path: Path, export: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", "quizlet", str(export), "-o", "decks/"]) == 0, capsys.readouterr().err
    written = tmp_path / "decks" / "greek.yaml"
    assert (tmp_path / "decks").is_dir() and load_deck(written).id == "greek"
    assert str(Path("decks") / "greek.yaml") in capsys.readouterr().err  # "Wrote deck 'greek' to decks/greek.yaml"
