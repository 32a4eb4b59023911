"""README, "Run the tests": the test command needs no network and no token, and on a machine that also runs the
bot it runs as on a fresh one. The settings exported in that shell for the bot (`export TUTOR_DATABASE_URL=...`,
as "Several processes" shows) are the bot's, not the tests': a test that loads the cogs into a bare bot must not
open the bot's database (and sync the test decks into it, retiring its real cards), nor run as its shard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_settings_exported_for_the_bot_never_reach_the_tests(tmp_path: Path) -> None:
    production = tmp_path / "production.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "TUTOR_"))}
    env.update(
        # (port 1: nothing listens there, so a test that used it would fail rather than reach a real server)
        TUTOR_DATABASE_URL="postgresql://bot@127.0.0.1:1/production",
        TUTOR_DB_PATH=str(production),
        TUTOR_SHARD_COUNT="2",
        TUTOR_SHARD_IDS="1",
        DISCORD_TOKEN="the.bots.own-token",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_extensions.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "production" not in proc.stdout
    assert not production.exists()
