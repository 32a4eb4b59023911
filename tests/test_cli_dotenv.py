"""A `.env` that is not UTF-8 (saved in Latin-1 by an editor, with an accent in a comment) stops every command that
reads the settings with one paragraph saying so and exit status 2, like any bad setting (README)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "args", [("quiz",), ("review", "--status"), ("define", "attention"), ("run",)], ids=lambda a: a[0]
)
def test_a_dotenv_that_is_not_utf8_is_one_clear_message(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / ".env").write_bytes("# réglages du bot\nTUTOR_LOG_LEVEL=INFO\n".encode("latin-1"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DISCORD_"))}
    env.update(
        PYTHONPATH=str(ROOT), TUTOR_DB_PATH=str(tmp_path / "tutor.sqlite3"), TUTOR_CARDS_DIR=str(ROOT / "cards")
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input="", capture_output=True, text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert ".env" in proc.stderr, proc.stderr
