"""What the terminal tests share (``from cli_support import cli_db, cli_database, read_until``): the command line
on its own SQLite file and the test decks, and reading a running ``tutorbot``'s output.

``cli_db`` is the ``db`` fixture: ``cli_database`` for the test, its path; ``greek_export`` is the ``export`` fixture
(``GREEK_EXPORT`` in a file).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

DECKS = Path(__file__).resolve().parent / "data" / "decks"


def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line on ``tmp_path/cli.sqlite3`` and the test decks, run as "deckauthor" from ``tmp_path`` (no
    .env there): the database's path."""
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("TUTOR_DB_PATH", str(path))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(DECKS))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.chdir(tmp_path)  # no .env here
    return path


@pytest.fixture(name="db")
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_database(tmp_path, monkeypatch)


def read_until(proc: subprocess.Popen[str], marker: str, deadline: float) -> str:
    """stdout of ``proc`` up to and including the line holding ``marker`` (a line at a time)."""
    seen = ""
    assert proc.stdout is not None
    while marker not in seen:
        if time.monotonic() > deadline or proc.poll() is not None:
            raise AssertionError(f"never printed {marker!r}; got:\n{seen}")
        seen += proc.stdout.readline()
    return seen


#: A Quizlet export (term, tab, definition) of two Greek letters.
GREEK_EXPORT = "alpha\tthe first letter of the Greek alphabet\nbeta\tthe second letter of the Greek alphabet\n"


@pytest.fixture(name="export")
def greek_export(tmp_path: Path) -> Path:
    """``GREEK_EXPORT`` saved as ``tmp_path/greek.txt``."""
    path = tmp_path / "greek.txt"
    path.write_text(GREEK_EXPORT, encoding="utf-8")
    return path
