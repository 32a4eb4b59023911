"""`tutorbot quiz` and `tutorbot review` started with their input closed (a service manager or cron job with
no stdin, `tutorbot quiz <&-`): one line saying so and exit 2, as `tutorbot grade --jsonl` does, not a Python
traceback from the input thread and a practice session left behind in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_support import cli_db  # noqa: F401  (the ``db`` fixture)

from bot.cli import main


@pytest.mark.parametrize("command", [["quiz", "--questions", "1"], ["review"]], ids=["quiz", "review"])
def test_closed_input_is_told_in_one_line(db: Path, monkeypatch, capsys, command: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", None)  # what Python gives a program started with its input closed
    try:
        code = main(command)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"`tutorbot {command[0]}` with its input closed crashed: {exc!r}")
    out = capsys.readouterr()
    assert code == 2
    assert "stdin" in out.err and "closed" in out.err, out.err
    assert "Traceback" not in out.err
    if db.exists():  # nothing was started
        con = sqlite3.connect(db)
        try:
            assert con.execute("SELECT COUNT(*) FROM quizzes").fetchone() == (0,)
        finally:
            con.close()


def test_review_status_needs_no_input(db: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", None)
    assert main(["review", "--status"]) == 0
    assert "Due now:" in capsys.readouterr().out
