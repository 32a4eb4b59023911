"""Reading the settings (README "Settings": a bad value stops start-up with a message naming the setting and the
value; "When it cannot start": one paragraph, exit status 2; no token: where to paste it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[1]

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.abcdefghijklmnopqrstuvwxyz0123456789AB"


def _run(tmp_path: Path, extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), TUTOR_DB_PATH=str(tmp_path / "tutor.sqlite3"))
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input="", capture_output=True, text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TUTOR_QUIZ_MAX_PER_MEMBER", "²"),  # str.isdigit() is true for it, int() refuses it
        ("TUTOR_DECK_MAX_CARDS", "5000²"),
        ("TUTOR_DEV_GUILD_ID", "123456789012345678²"),
    ],
)
def test_a_digit_int_refuses_is_a_bad_setting_not_a_crash(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        Settings.from_env({name: value})
    assert name in str(info.value) and value in str(info.value)


def test_run_with_a_superscript_digit_in_a_setting_is_one_message_and_exit_2(tmp_path: Path) -> None:
    proc = _run(tmp_path, {"TUTOR_QUIZ_MAX_PER_MEMBER": "²"}, "run")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert "TUTOR_QUIZ_MAX_PER_MEMBER" in proc.stderr


def test_an_empty_token_in_the_environment_does_not_send_you_to_paste_the_token_already_in_dotenv(
    tmp_path: Path,
) -> None:
    """`.env` holds the token, but the environment has DISCORD_TOKEN set to "" (a service file or compose file
    with `DISCORD_TOKEN=${DISCORD_TOKEN}`, an `export DISCORD_TOKEN=` left in the shell): the token of .env is used
    (start-up goes on, and here stops at the missing deck folder), not the no-token help asking to paste it
    where it already is."""
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\n")
    proc = _run(tmp_path, {"DISCORD_TOKEN": "", "TUTOR_CARDS_DIR": str(tmp_path / "no-decks-here")}, "run")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    if "needs a Discord bot token" in proc.stderr:
        assert "Open .env and paste the token" not in proc.stderr, proc.stderr
        assert "environment" in proc.stderr, proc.stderr
