"""`tutorbot quiz` while another program holds the database's write lock (a backup tool, the bot in the middle of
a long write): the player is told their answer was not saved, and stderr carries one line about it, not pages of
Python traceback from the log."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from cli_support import read_until as _read_until

ROOT = Path(__file__).resolve().parents[1]


def test_an_answer_the_locked_database_refuses_is_told_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "tutor.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1",
        TUTOR_DB_PATH=str(db), TUTOR_CARDS_DIR=str(ROOT / "tests" / "data" / "decks"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "quiz", "--topic", "llms", "--questions", "1"],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    holder = sqlite3.connect(db, isolation_level=None, timeout=30)
    try:
        deadline = time.monotonic() + 60
        out = _read_until(proc, "Question 1/1", deadline)
        holder.execute("BEGIN IMMEDIATE")  # another program takes the write lock and keeps it
        assert proc.stdin is not None
        proc.stdin.write("temperature\n")
        proc.stdin.flush()
        out += _read_until(proc, "not be saved", deadline)
        holder.execute("ROLLBACK")  # it lets go: the session ends normally
        rest, err = proc.communicate(":quit\n", timeout=60)
        out += rest
    finally:
        holder.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Your answer could not be saved" in out
    assert "Traceback" not in err and 'File "' not in err, err
    assert "could not store an answer" in err and "database is locked" in err, err
    assert len(err.strip().splitlines()) <= 2, err
