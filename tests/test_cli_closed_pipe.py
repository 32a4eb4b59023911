"""`tutorbot` whose output pipe is closed early (`tutorbot import anki notes.txt 2>&1 | head -1`): the exit status
is the one the command decided, so an error is still an error to the shell (`set -o pipefail`, `&&`); a command
whose output was cut short ends quietly, with status 141 as a writer stopped by a closed pipe, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_support import DECKS

ROOT = Path(__file__).resolve().parents[1]
#: Lines enough to fill a pipe many times over: the command blocks on the pipe and finds it closed.
LINES = 8000
#: Cards enough for a deck many pipes long (an import takes at most 5000).
CARDS = 3000


def start(tmp_path: Path, *args: str, stderr: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), TUTOR_CARDS_DIR=str(DECKS), TUTOR_DB_PATH=str(tmp_path / "db.sqlite3"))
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=stderr,
    )


def first_line_then_close(proc: subprocess.Popen[bytes]) -> bytes:
    """What `| head -1` does: read one line, close the pipe, wait for the command."""
    assert proc.stdout is not None
    try:
        line = proc.stdout.readline()
        proc.stdout.close()
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return line


def test_an_error_stays_an_error_when_the_reader_stops_early(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"  # no line has a back field: no card, and one warning a line
    notes.write_text("".join(f"a line of prose number {i}\n" for i in range(LINES)), encoding="utf-8")
    proc = start(tmp_path, "import", "anki", str(notes), stderr=subprocess.STDOUT)
    first = first_line_then_close(proc)
    assert first.startswith(b"error: no cards found"), first
    assert proc.returncode == 1  # as without the pipe: no cards found


def test_output_cut_short_ends_quietly_without_success(tmp_path: Path) -> None:
    export = tmp_path / "letters.txt"
    export.write_text(
        "".join(f"term {i}\tthe definition of the term numbered {i} in this long list\n" for i in range(CARDS)),
        encoding="utf-8",
    )
    with open(tmp_path / "stderr.txt", "wb") as err:
        proc = start(tmp_path, "import", "quizlet", str(export), stderr=err.fileno())
        first = first_line_then_close(proc)
    assert first.strip(), "the deck was not printed"
    errors = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors and "Exception ignored" not in errors, errors
    assert proc.returncode == 141, errors  # 128 + SIGPIPE: the deck did not all reach its reader
