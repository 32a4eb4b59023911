"""A PostgreSQL URL that cannot even be parsed (a port that is not a number, an unclosed IPv6 bracket) is one
clear message and exit status 2, like every other bad setting or unreachable database. Nothing here needs a
PostgreSQL server: the URL fails before any connection."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD_URLS = [
    "postgresql://tutor:s3cret@127.0.0.1:notaport/tutor",  # a typo in the port
    "postgresql://tutor:s3cret@[::1/tutor",  # an unclosed IPv6 bracket
]


def cli(tmp_path: Path, *args: str, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        PYTHONPATH=str(ROOT),
        TUTOR_DB_PATH=str(tmp_path / "tutor.sqlite3"),
        TUTOR_CARDS_DIR=str(ROOT / "tests" / "data" / "decks"),
        **env_extra,
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input="", capture_output=True, text=True,
        timeout=120,
    )


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_database_url_setting_is_a_bad_setting_not_a_traceback(tmp_path: Path, url: str) -> None:
    proc = cli(tmp_path, "review", "--status", TUTOR_DATABASE_URL=url)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert "TUTOR_DATABASE_URL" in proc.stderr or "127.0.0.1" in proc.stderr or "::1" in proc.stderr
    assert "s3cret" not in proc.stderr  # the password is never printed


@pytest.mark.parametrize("url", BAD_URLS)
def test_migrate_to_a_malformed_url_is_one_clear_message(tmp_path: Path, url: str) -> None:
    db = tmp_path / "tutor.sqlite3"
    made = cli(tmp_path, "review", "--status")  # creates the SQLite database to copy
    assert made.returncode == 0, made.stderr
    proc = cli(tmp_path, "migrate", "--db", str(db), "--to", url)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert "--to" in proc.stderr or "URL" in proc.stderr or "url" in proc.stderr
    assert "s3cret" not in proc.stderr
