"""The PostgreSQL password never reaches the terminal or the log, however the operator wrote the address: a
`TUTOR_DATABASE_URL` or `--to` without its `postgresql://` (libpq's `host=… password=…` form, `user:pw@host/db`)
is refused without being echoed, and a password given as `?password=` is left out of every message that names
the database, as one after the user name is."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from cli_support import cli_db  # noqa: F401  (the ``db`` fixture)
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.cli import main

PASSWORD = "s3cret-Pw"
NOT_URLS = [
    f"host=127.0.0.1 port=5432 user=tutor password={PASSWORD} dbname=tutor",  # libpq's keyword form
    f"tutor:{PASSWORD}@127.0.0.1:5432/tutor",  # the scheme left out
]


@pytest.mark.parametrize("value", NOT_URLS)
def test_a_database_setting_that_is_not_a_url_is_refused_without_echoing_it(
    db: Path, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TUTOR_DATABASE_URL", value)
    assert main(["review", "--status"]) == 2
    err = capsys.readouterr().err
    assert "TUTOR_DATABASE_URL must be a PostgreSQL URL" in err
    assert PASSWORD not in err


@pytest.mark.parametrize("value", NOT_URLS)
def test_migrate_to_an_address_that_is_not_a_url_is_refused_without_echoing_it(
    db: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--status"]) == 0  # makes the SQLite database to copy
    capsys.readouterr()
    assert main(["migrate", "--db", str(db), "--to", value]) == 2
    err = capsys.readouterr().err
    assert "--to must be a postgresql:// URL" in err
    assert PASSWORD not in err


async def test_a_password_parameter_is_left_out_when_the_database_cannot_be_used(
    db: Path, pg: PgSchema, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = pg.url.rsplit("/", 1)[0] + f"/tutor_no_such_database?password={PASSWORD}"
    monkeypatch.setenv("TUTOR_DATABASE_URL", missing)
    assert await asyncio.to_thread(main, ["review", "--status"]) == 2
    err = capsys.readouterr().err
    assert "tutor_no_such_database does not exist" in err
    assert PASSWORD not in err


async def test_a_password_parameter_is_left_out_of_the_log_of_a_bot_that_starts(
    db: Path, pg: PgSchema, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"{pg.url_with_schema()}&password={PASSWORD}"  # (the test server trusts the login: any password does)
    monkeypatch.setenv("TUTOR_DATABASE_URL", url)
    with caplog.at_level(logging.INFO):
        assert await asyncio.to_thread(main, ["review", "--status"]) == 0
    said = capsys.readouterr().err + caplog.text
    assert f"search_path={pg.name}" in caplog.text  # the database is named ...
    assert PASSWORD not in said  # ... without its password
