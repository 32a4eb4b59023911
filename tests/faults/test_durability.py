"""Durability (issue 11): what the player was told is on disk; SIGKILL loses nothing acknowledged; the database
stays sound; and the store's synchronous level keeps the README's promise through a power cut.

The SIGKILL test drives the real command line (``tutorbot quiz``: the same quiz service, store and group commit
as the bot; the bot itself cannot run here without Discord) and kills it at random points while it answers.
"""

from __future__ import annotations

import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import time

from faultkit import ROOT, tutorbot_command

FEEDBACK = re.compile(r"^(✅|❌)")  # one line per graded answer in choice mode, printed after the commit


def stored_attempts(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    finally:
        con.close()


def answer_then_kill(
    db, acknowledged_before_kill: int, env: dict[str, str], cwd, delay: float = 0.0
) -> tuple[int, int]:
    """Practice in choice mode, answering "A" as fast as it asks; SIGKILL ``delay`` seconds after the given
    number of acknowledgements (while the next answers are graded and written). Returns (acknowledged, sent)."""
    child = subprocess.Popen(
        tutorbot_command() + ["quiz", "--mode", "choice", "--questions", "50"],
        cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        bufsize=1,
    )
    assert child.stdin is not None and child.stdout is not None
    acknowledged = sent = 0
    deadline = time.monotonic() + 60
    try:
        child.stdin.write("A\n" * 3)  # a few answers queued ahead, so the kill lands mid-write sometimes
        child.stdin.flush()
        sent = 3
        while acknowledged < acknowledged_before_kill and time.monotonic() < deadline:
            # The first answer waits for the start-up (a loaded machine takes seconds): up to the deadline.
            ready, _, _ = select.select([child.stdout], [], [], max(0.1, deadline - time.monotonic()))
            if not ready:
                break
            line = child.stdout.readline()
            if not line:
                break
            if FEEDBACK.match(line):
                acknowledged += 1
                child.stdin.write("A\n")
                child.stdin.flush()
                sent += 1
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    return acknowledged, sent


def test_sigkill_during_answers_loses_no_acknowledged_answer_and_the_database_stays_sound(tmp_path) -> None:
    db = tmp_path / "tutor.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(TUTOR_DB_PATH=str(db), TUTOR_CARDS_DIR=str(ROOT / "cards"), PYTHONUNBUFFERED="1")
    rng = random.Random(11)
    told = sent = 0
    for _ in range(4):
        acknowledged, answers = answer_then_kill(db, rng.randint(3, 25), env, tmp_path, rng.random() * 0.02)
        assert acknowledged > 0, "the practice did not start"
        told += acknowledged
        sent += answers
        assert told <= stored_attempts(db) <= sent  # everything acknowledged is there; nothing invented
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


async def test_the_connections_that_write_run_with_synchronous_full(env, world, db_faults, ui) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=20)
    await ui.answer(m["bob"], channel.last_message, "temperature")  # a write, through the store's writer
    writers = list(db_faults.writers)
    assert writers, "no connection to the database wrote anything"
    levels = [(await conn.execute_fetchall("PRAGMA synchronous"))[0][0] for conn in writers]
    assert all(level >= 2 for level in levels), f"PRAGMA synchronous of the writing connections: {levels} (2 = FULL)"
