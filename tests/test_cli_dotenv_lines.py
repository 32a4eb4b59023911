"""A `.env` line that is not NAME=value (a quote left open, a space in a name, the token pasted on a line of its
own) used to be skipped with a bare library warning, so its setting silently took its default: `tutorbot run`
then said DISCORD_TOKEN "is not set" although the file sets it, and a skipped TUTOR_DB_PATH would have opened
another, empty database. Now every command that reads the settings stops (status 2) naming the file and the
line, never showing the value (it may be the token)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[1]

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-part-of-the-token"


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), TUTOR_CARDS_DIR=str(ROOT / "cards"))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input="", capture_output=True, text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args", [("run",), ("quiz",), ("review", "--status"), ("define", "attention")], ids=lambda a: a[0]
)
def test_a_token_line_with_a_quote_left_open_is_named_by_its_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / ".env").write_text(
        f"# my bot\nTUTOR_DB_PATH={tmp_path / 'tutor.sqlite3'}\nDISCORD_TOKEN=\"{TOKEN}\n", encoding="utf-8"
    )
    proc = run(tmp_path, *args)
    assert proc.returncode == 2, proc.stderr
    assert ".env line 3 cannot be read" in proc.stderr and "'DISCORD_TOKEN'" in proc.stderr
    assert "is not set" not in proc.stderr and "Traceback" not in proc.stderr
    assert "secret-part" not in proc.stderr + proc.stdout
    assert not (tmp_path / "data").exists()  # nothing opened on a default path


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("TUTOR_LOG_LEVEL=INFO\nTUTOR DB PATH=x.sqlite3\n", 2, "'TUTOR DB PATH'"),
        (f"# the token:\n{TOKEN}\n", 2, "has no ="),
        ("[tutorbot]\nTUTOR_LOG_LEVEL=INFO\n", 1, "has no ="),
        ("TUTOR_DB_PATH='x.sqlite3\n", 1, "'TUTOR_DB_PATH'"),
    ],
)
def test_each_line_that_is_not_name_equals_value_is_named(tmp_path: Path, text: str, line: int, says: str) -> None:
    dotenv = tmp_path / "bot.env"
    dotenv.write_text(text, encoding="utf-8")
    before = dict(os.environ)
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(dotenv=dotenv)
    assert dict(os.environ) == before  # nothing from the file was applied
    message = str(caught.value)
    assert f"{dotenv} line {line} cannot be read" in message and says in message
    assert "secret-part" not in message


def test_the_lines_dotenv_allows_still_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TUTOR_LOG_LEVEL", "TUTOR_CHAT_ANSWERS", "SOME_FLAG"):
        monkeypatch.delenv(name, raising=False)
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\n\nexport TUTOR_LOG_LEVEL=debug\nTUTOR_CHAT_ANSWERS = true  # on\nSOME_FLAG\n"
        'TUTOR_DB_PATH="my data/tutor.sqlite3"\r\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TUTOR_DB_PATH", "")
    settings = Settings.from_env(dotenv=dotenv)
    assert settings.log_level == "DEBUG" and settings.chat_answers
    assert settings.db_path == Path("my data/tutor.sqlite3")
    for name in ("TUTOR_LOG_LEVEL", "TUTOR_CHAT_ANSWERS", "TUTOR_DB_PATH"):
        monkeypatch.delenv(name, raising=False)
