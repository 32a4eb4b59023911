"""A `.env` line whose name is not one of tutorbot's settings (a typo: ``TUTOR_CARD_DIR``, ``TUTOR_DB_PATHS``)
used to be ignored without a word, so the setting it meant silently kept its default: another deck folder,
another (empty) database. Every command that reads `.env` now says which line's name is unknown and the setting
it probably meant, and carries on as before; the value is never shown (it may be the token)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DECKS = ROOT / "tests" / "data" / "decks"


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), TUTOR_CARDS_DIR=str(DECKS))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input=":quit\n", capture_output=True,
        text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "code"), [(("run",), 2), (("quiz", "--questions", "1"), 0), (("validate",), 0)], ids=lambda a: str(a)
)
def test_a_misspelt_setting_in_dotenv_is_named_with_the_one_meant(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    # .env.example as copied (every setting known), a name of another program's, and one typo.
    example = (ROOT / ".env.example").read_text(encoding="utf-8").replace("TUTOR_CARDS_DIR=cards\n", "")
    example = example.replace("TUTOR_DB_PATH=data/tutor.sqlite3\n", f"TUTOR_DB_PATH={tmp_path / 'tutor.sqlite3'}\n")
    typo = len(example.splitlines()) + 2
    (tmp_path / ".env").write_text(
        example + "COMPOSE_PROJECT_NAME=study\nTUTOR_DB_PATHS=/nowhere/secret-value.sqlite3\n", encoding="utf-8"
    )
    proc = run(tmp_path, *args)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    [line] = [line for line in proc.stderr.splitlines() if "not a tutorbot setting" in line]
    assert f".env line {typo}" in line and "TUTOR_DB_PATHS" in line and "TUTOR_DB_PATH?" in line, line
    assert "secret-value" not in proc.stderr
