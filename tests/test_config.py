"""Settings: defaults, and bad values named with the setting and the value."""

from __future__ import annotations

import re
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
    assert (s.quiz_max_per_member, s.quiz_max_per_server, s.quiz_cooldown_seconds) == (1, 5, 20)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TUTOR_DEV_GUILD_ID", "my-server"),
        ("TUTOR_LOG_LEVEL", "LOUD"),
        ("TUTOR_CHAT_ANSWERS", "perhaps"),
        ("TUTOR_WRITER_PROCESS", "sometimes"),
        ("DISCORD_TOKEN", "your-token-here"),
        ("TUTOR_QUIZ_MAX_PER_MEMBER", "0"),
        ("TUTOR_QUIZ_MAX_PER_MEMBER", "two"),
        ("TUTOR_QUIZ_MAX_PER_SERVER", "-3"),
        ("TUTOR_QUIZ_MAX_PER_SERVER", "100000"),
        ("TUTOR_QUIZ_COOLDOWN_SECONDS", "1.5"),
        ("TUTOR_QUIZ_COOLDOWN_SECONDS", "99999"),
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
    # The writer process starts once answers come fast, unless told always or never.
    assert s.core.writer_process == "auto"
    assert Settings.from_env({"TUTOR_WRITER_PROCESS": "true"}).core.writer_process is True
    assert Settings.from_env({"TUTOR_WRITER_PROCESS": "false"}).core.writer_process is False
    assert Settings.from_env({"TUTOR_WRITER_PROCESS": "Auto"}).core.writer_process == "auto"
    limits = Settings.from_env(
        {"TUTOR_QUIZ_MAX_PER_MEMBER": "2", "TUTOR_QUIZ_MAX_PER_SERVER": "10", "TUTOR_QUIZ_COOLDOWN_SECONDS": "0"}
    )
    assert (limits.quiz_max_per_member, limits.quiz_max_per_server, limits.quiz_cooldown_seconds) == (2, 10, 0)
    core = limits.core
    assert (core.quiz_max_per_member, core.quiz_max_per_server, core.quiz_cooldown_seconds) == (2, 10, 0)


def test_every_setting_is_in_env_example_with_its_default() -> None:
    example = (ROOT / ".env.example").read_text()
    defaults = Settings.from_env({})
    for name, value in {
        "TUTOR_QUIZ_MAX_PER_MEMBER": defaults.quiz_max_per_member,
        "TUTOR_QUIZ_MAX_PER_SERVER": defaults.quiz_max_per_server,
        "TUTOR_QUIZ_COOLDOWN_SECONDS": defaults.quiz_cooldown_seconds,
        "TUTOR_DB_PATH": defaults.db_path,
        "TUTOR_CARDS_DIR": defaults.cards_dir,
    }.items():
        assert f"\n{name}={value}\n" in example, name


def test_the_settings_a_dotenv_may_set_are_those_of_env_example() -> None:
    """A name in ``.env.example`` that ``SETTING_NAMES`` lacks would be warned about as a typo when set."""
    from bot.config import ENVIRONMENT_ONLY, SETTING_NAMES

    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"(?m)^#?\s?([A-Z][A-Z0-9_]*)=", example))
    assert listed == set(SETTING_NAMES) | set(ENVIRONMENT_ONLY)


def test_run_without_a_token_explains_what_to_do(tmp_path: Path) -> None:
    env = {"PATH": "", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "DISCORD_TOKEN" in proc.stderr
    assert "bot applications.commands" in proc.stderr.replace("+", " ")
    assert "Copy .env.example to .env" in proc.stderr
    assert "Read Message History" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_env_file_named_and_missing_says_so(tmp_path: Path) -> None:
    """`tutorbot run --env-file prod.env` with a typo in the name: the file is said to be missing (not "copy
    .env.example to prod.env", as for a first run), with exit status 2; the same file there is read."""
    env = {"PATH": "", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "bot", "run", "--env-file", "prod.env"]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "tutorbot: no settings file at prod.env (given with --env-file)"
    (tmp_path / "prod.env").write_text("DISCORD_TOKEN=\n")
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Open prod.env and paste the token after DISCORD_TOKEN=" in proc.stderr


def test_the_no_token_help_shows_how_to_run_tutorbot_from_here(tmp_path: Path) -> None:
    """Through the venv's script with the venv not activated (not on PATH), and with a .env already copied
    (as the README's one-liner does): the help names `.venv/bin/tutorbot` and says to open .env."""
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    script = venv_bin / "tutorbot"
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom bot.cli import main\nsys.exit(main())\n")
    script.chmod(0o755)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [".venv/bin/tutorbot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    assert "Open .env and paste the token after DISCORD_TOKEN=" in proc.stderr
    assert "Run `.venv/bin/tutorbot run` again" in proc.stderr
    assert "`.venv/bin/tutorbot quiz`" in proc.stderr


def test_the_core_is_given_paths_and_switches_but_never_the_token(tmp_path: Path) -> None:
    s = Settings(token="secret-token", db_path=tmp_path / "t.sqlite3", cards_dir=tmp_path, chat_answers=True)
    core = s.core
    assert (core.db_path, core.cards_dir, core.chat_answers) == (s.db_path, s.cards_dir, True)
    assert "secret-token" not in repr(core)
    assert not hasattr(core, "token")
