"""Fixtures of the fault suite (issue 11); the machinery is in ``faultkit.py`` (see its docstring)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from faultkit import MINI_DECKS, Tutorbot, Ui, failing_disk, failing_routes, make_bad_db, tutorbot_command  # noqa: F401  (the ``db_faults`` and ``fail_route`` fixtures)


@pytest.fixture
def db_query(settings: Any) -> Callable[..., list[tuple[Any, ...]]]:
    """Rows from the test bot's database, read by a separate read-only connection (no bot API involved)."""

    def query(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        con = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
        try:
            return [tuple(r) for r in con.execute(sql, params).fetchall()]
        finally:
            con.close()

    return query


@pytest.fixture
def tutorbot(tmp_path: Path) -> Iterator[Tutorbot]:
    """Run ``tutorbot ARGS`` on a database file in a subprocess (killed at its deadline or at teardown)."""
    runner = Tutorbot(tmp_path)
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def good_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real tutorbot database (made by ``tutorbot quiz``, so migrated and synced), checkpointed."""
    folder = tmp_path_factory.mktemp("good-db")
    path = folder / "tutor.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(TUTOR_DB_PATH=str(path), TUTOR_CARDS_DIR=str(MINI_DECKS))
    subprocess.run(
        tutorbot_command() + ["quiz", "--questions", "1"], input=":quit\n", text=True, env=env, cwd=folder,
        capture_output=True, timeout=120, check=True,
    )
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


@pytest.fixture
def bad_db(tmp_path: Path, good_db_template: Path) -> Callable[[str], Path]:
    """``bad_db(kind)``: a bad database file in its own folder (kinds: ``faultkit.BAD_KINDS``, or ``good``)."""

    def make(kind: str) -> Path:
        dst = tmp_path / f"db-{kind}" / "tutor.sqlite3"
        if kind == "good":
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(good_db_template, dst)
            return dst
        return make_bad_db(kind, good_db_template, dst)

    return make


@pytest.fixture
async def world(env: Any) -> Any:
    """A guild with a #study channel, members alice, bob, carol and a moderator; the bot closed afterwards."""
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    # simcord detaches the bot without closing it: close it, so the database connections are released.
    await env.bot.close()


@pytest.fixture
def ui() -> Ui:
    """Read the channel as a member does (``ui.titles``, ``ui.text``, ``ui.told_quiz_ended``), answer a question."""
    return Ui()
