"""What the terminal tests share (``from cli_support import cli_db, cli_database, read_until``): the command line
on its own SQLite file and the test decks, reading a running ``tutorbot``'s output, and another program holding a
database file open as a running bot does (``hold_open``).

``cli_db`` is the ``db`` fixture: ``cli_database`` for the test, its path; ``greek_export`` is the ``export`` fixture
(``GREEK_EXPORT`` in a file).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
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


def hold_open(path: Path) -> subprocess.Popen[str]:
    """Another process that has the file open, as a running bot does (until its stdin is closed:
    ``holder.communicate("")``)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys
            db = sqlite3.connect({str(path)!r})
            db.execute("SELECT COUNT(*) FROM attempts").fetchall()
            print("open", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    return holder
