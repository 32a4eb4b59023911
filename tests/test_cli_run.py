"""`tutorbot run` when it cannot start: one clear paragraph and exit status 2, never a traceback.

The bot runs in a subprocess whose Discord login is replaced (through a ``sitecustomize`` on PYTHONPATH) by
one that fails the way a wrong token or a network that is down does. No network is used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI_DECKS = ROOT / "tests" / "data" / "decks"

LOGIN = {
    "wrong-token": "raise discord.LoginFailure('Improper token has been passed.')",
    # A real connection error, from a port on this machine that nothing listens on.
    "network-down": "async with aiohttp.ClientSession() as s: await s.get('http://127.0.0.1:9/')",
    "discord-down": "raise discord.DiscordServerError(FakeResponse(503), '503: Service Unavailable')",
}

SHIM = """
import aiohttp
import discord
import discord.http

class FakeResponse:
    def __init__(self, status):
        self.status = status
        self.reason = "Service Unavailable"

async def static_login(self, token):
    {login}

discord.http.HTTPClient.static_login = static_login
"""


def run(tmp_path: Path, *, login: str | None = None, cards: Path = MINI_DECKS, db: Path | None = None):
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    body = LOGIN[login] if login else "raise AssertionError('the login was not expected here')"
    (shim / "sitecustomize.py").write_text(textwrap.dedent(SHIM).replace("{login}", body))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_") and k != "DISCORD_TOKEN"}
    env.update(
        TUTOR_DB_PATH=str(db or tmp_path / "data" / "tutor.sqlite3"), TUTOR_CARDS_DIR=str(cards),
        DISCORD_TOKEN="abc.def.ghi", PYTHONPATH=os.pathsep.join([str(shim), str(ROOT)]),
    )
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def failure_lines(stderr: str) -> list[str]:
    """The lines that are not the log of a normal start-up."""
    return [line for line in stderr.splitlines() if line.strip() and " INFO " not in line]


@pytest.mark.parametrize(
    ("login", "says"),
    [
        ("wrong-token", "Discord refused the token in DISCORD_TOKEN"),
        ("network-down", "cannot reach Discord"),
        ("discord-down", "Discord answered with an error (503"),
    ],
)
def test_a_failed_login_is_one_clear_paragraph(tmp_path: Path, login: str, says: str) -> None:
    proc = run(tmp_path, login=login)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    [message] = failure_lines(proc.stderr)
    assert message.startswith("tutorbot: cannot start: ") and says in message, proc.stderr


def test_decks_are_checked_before_logging_in(tmp_path: Path) -> None:
    broken = tmp_path / "cards"
    broken.mkdir()
    (broken / "bad.yaml").write_text("deck: bad\ncards: [{id: x}]\n")
    proc = run(tmp_path, cards=broken)  # a login would fail the test with an AssertionError
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert "tutorbot: cannot start: the decks in" in proc.stderr and "bad.yaml" in proc.stderr


def test_the_database_is_checked_before_logging_in(tmp_path: Path) -> None:
    db = tmp_path / "data" / "tutor.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"this is not a database" * 100)
    proc = run(tmp_path, db=db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert f"the database {db} is damaged" in proc.stderr


def test_no_decks_says_where_it_looked(tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    proc = run(tmp_path, cards=empty)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert f"looked for deck files (*.yaml) in {empty}" in proc.stderr and "TUTOR_CARDS_DIR=" in proc.stderr
