"""Settings: defaults, and bad values named with the setting and the value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[1]


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s.token is None
    assert s.db_path == Path("data/tutor.sqlite3")
    assert s.cards_dir == Path("cards")
    assert s.dev_guild_id is None and s.log_level == "INFO" and s.chat_answers is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TUTOR_DEV_GUILD_ID", "my-server"),
        ("TUTOR_LOG_LEVEL", "LOUD"),
        ("TUTOR_CHAT_ANSWERS", "perhaps"),
        ("DISCORD_TOKEN", "your-token-here"),
    ],
)
def test_bad_values_name_setting_and_value(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        Settings.from_env({name: value})
    assert name in str(info.value)
    assert value[:12] in str(info.value)


def test_values_are_read() -> None:
    s = Settings.from_env(
        {"TUTOR_DEV_GUILD_ID": "123456789012345678", "TUTOR_CHAT_ANSWERS": "yes", "TUTOR_LOG_LEVEL": "debug"}
    )
    assert s.dev_guild_id == 123456789012345678 and s.chat_answers and s.log_level == "DEBUG"


def test_run_without_a_token_explains_what_to_do(tmp_path: Path) -> None:
    env = {"PATH": "", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "DISCORD_TOKEN" in proc.stderr
    assert "bot applications.commands" in proc.stderr.replace("+", " ")
    assert ".env" in proc.stderr


def test_the_core_is_given_paths_and_switches_but_never_the_token(tmp_path: Path) -> None:
    s = Settings(token="secret-token", db_path=tmp_path / "t.sqlite3", cards_dir=tmp_path, chat_answers=True)
    core = s.core
    assert (core.db_path, core.cards_dir, core.chat_answers) == (s.db_path, s.cards_dir, True)
    assert "secret-token" not in repr(core)
    assert not hasattr(core, "token")
