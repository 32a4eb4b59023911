"""`tutorbot migrate --env-file prod.env` with a typo in the file's name: the file is said to be missing and
nothing is copied, as `tutorbot run --env-file` does. Before, the settings of no file were used, and the default
database (data/tutor.sqlite3, perhaps a test copy) would have been copied instead of the one prod.env names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main

#: Nothing listens on port 9 of this machine: a copy that got as far as connecting fails there.
NOWHERE = "postgresql://postgres@127.0.0.1:9/tutor"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the operator runs migrate in: a default database there, the named settings file not."""
    monkeypatch.chdir(tmp_path)
    for name in ("TUTOR_DB_PATH", "TUTOR_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "data").mkdir()
    sqlite3.connect(tmp_path / "data" / "tutor.sqlite3").close()
    return tmp_path


def test_a_named_env_file_that_is_not_there_is_said_to_be_missing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--to", NOWHERE, "--env-file", "prod.env"]) == 2
    said = capsys.readouterr().err
    assert said.strip() == "tutorbot: no settings file at prod.env (given with --env-file)", said


def test_the_named_env_file_is_read_when_it_is_there(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "prod.env").write_text(f"TUTOR_DB_PATH={folder / 'prod.sqlite3'}\n", encoding="utf-8")
    assert main(["migrate", "--to", NOWHERE, "--env-file", "prod.env"]) == 2
    said = capsys.readouterr().err
    assert "prod.sqlite3" in said and "no settings file" not in said, said
