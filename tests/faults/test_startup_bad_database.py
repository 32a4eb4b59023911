"""Start-up on a bad database (issue 11): every command that opens the store stops within seconds, non-zero, with one
clear message naming the file and the problem. Never a raw traceback, never a process that hangs for ever.

Today a corrupt file makes ``Store._connect`` fail on its first PRAGMA after ``aiosqlite.connect`` started the
connection's (non-daemon) worker thread, and nothing closes it: the traceback is printed and the interpreter then
waits for that thread at exit, for ever. A ``damaged-data`` file gets past the PRAGMAs and fails in the deck sync,
where the store is closed, so it exits at once — but with a raw ``sqlite3.DatabaseError`` traceback.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from faultkit import BAD_KINDS, CliResult, started_up

DEADLINE = 8.0  # seconds: start-up with the imports takes about one here
COMMANDS = {"run": ("run",), "quiz": ("quiz", "--questions", "1")}
CORRUPT = r"corrupt|damaged|malformed|not a (valid |sqlite |tutorbot )?database|unreadable|cannot be (used|read)"
READ_ONLY = r"read-only|read only|readonly|not writable|cannot write|permission"
LOCKED = r"locked|in use|busy|another (process|program)"


def assert_one_clear_message(result: CliResult, db: Path, problem: str) -> None:
    assert not result.hung, f"still running after {DEADLINE:g}s (a service manager never sees it exit)\n{result}"
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, f"a raw traceback instead of one message\n{result}"
    assert str(db) in result.stderr, f"the message does not name the file\n{result}"
    assert re.search(problem, result.stderr, re.I), f"the message does not say what is wrong\n{result}"


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_corrupt_database_stops_run_and_quiz_at_once_with_a_message_naming_the_file(tutorbot, bad_db, kind) -> None:
    db = bad_db(kind)
    started = {name: tutorbot.start(*args, db=db, timeout=DEADLINE) for name, args in COMMANDS.items()}
    results = {name: running.wait() for name, running in started.items()}
    for result in results.values():
        assert_one_clear_message(result, db, CORRUPT)


def test_a_database_on_a_read_only_mount_stops_run_and_quiz_with_a_message(tutorbot, bad_db) -> None:
    db = bad_db("good")
    started = {
        name: tutorbot.start(*args, db=db, timeout=DEADLINE, read_only_dir=db.parent)
        for name, args in COMMANDS.items()
    }
    results = {name: running.wait() for name, running in started.items()}
    for result in results.values():
        assert_one_clear_message(result, db, READ_ONLY)


def test_a_database_locked_by_another_process_stops_run_and_quiz_with_a_message(tutorbot, bad_db) -> None:
    db = bad_db("good")
    holder = sqlite3.connect(db, isolation_level=None)  # e.g. a backup tool, or a second bot on the same file
    try:
        holder.execute("PRAGMA journal_mode=DELETE")  # a rollback journal: an exclusive lock keeps readers out
        holder.execute("BEGIN EXCLUSIVE")
        started = {name: tutorbot.start(*args, db=db, timeout=DEADLINE + 6) for name, args in COMMANDS.items()}
        results = {name: running.wait() for name, running in started.items()}
    finally:
        holder.close()
    for result in results.values():
        assert_one_clear_message(result, db, LOCKED)


def test_a_good_database_still_starts(tutorbot, bad_db) -> None:
    """The control: the same commands on a healthy copy start normally (so the failures above are the file's)."""
    db = bad_db("good")
    quiz = tutorbot.start("quiz", "--questions", "1", db=db, stdin=":quit\n", timeout=30)
    result = quiz.wait()
    assert result.returncode == 0 and "Practice" in result.stdout, result
    run = tutorbot("run", db=db, timeout=30, wait_for=started_up(db))  # started: then SIGTERM
    assert not run.hung and run.returncode == 0, run
