"""`tutorbot forget` as an operator meets it (README: "What the bot keeps"): the rows are counted and listed first,
nothing goes unless the operator says yes (or gave --yes), a member's data goes from one server or from all of them,
a server's data goes whole, and a database a running bot uses is refused with nothing deleted, on SQLite and on
PostgreSQL alike."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import pytest
from cli_support import DECKS, cli_db, hold_open  # noqa: F401  (the ``db`` fixture)
from forget_support import guild_rows, member_rows
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.cli import main
from bot.config import Settings
from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.service import Services
from bot.core.storage import DeckQueries, Store
from bot.core.storage.attempts import AttemptWriter

G, G2 = 100, 101
ALICE, BOB = 11, 12


async def fill(store: Any, clock: Any) -> None:
    """Alice and bob answer in server G; alice in G2 too."""
    await DeckQueries(store).sync_decks(load_decks(DECKS), now=clock())
    async with store.transaction() as db:
        for guild, user, name in ((G, ALICE, "alice"), (G, ALICE, "alice"), (G, BOB, "bob"), (G2, ALICE, "alice")):
            await AttemptWriter().add(db, Attempt(
                guild_id=guild, channel_id=1, user_id=user, user_name=name, card_key="mini:bert", source=Source.QUIZ,
                response="x", verdict=VerdictKind.CORRECT, points=10, created_at=clock(),
            ))  # fmt: skip


async def forget(monkeypatch: pytest.MonkeyPatch, *argv: str, typed: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    return await asyncio.to_thread(main, ["forget", *argv])  # (its own event loop, as in another terminal)


async def counts(open_store: Any) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Alice's rows in G and G2, bob's in G, and G2's."""
    store = await open_store()
    try:
        return (
            await member_rows(store, G, ALICE), await member_rows(store, G2, ALICE), await member_rows(store, G, BOB),
            await guild_rows(store, G2),
        )
    finally:
        await store.close()


@pytest.fixture
async def filled(db: Path, clock: Any) -> Path:
    """The command line's database with the answers of ``fill`` in it, closed again (as after the bot stopped)."""
    store = await Store.open(db)
    try:
        await fill(store, clock)
    finally:
        await store.close()
    return db


async def test_counted_first_asked_then_deleted_from_one_server_then_everywhere(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opener = lambda: Store.open(filled)  # noqa: E731
    alice_g, alice_g2, bob_g, g2 = await counts(opener)
    assert alice_g["attempts"] == 2 and alice_g2["attempts"] == 1 and bob_g["attempts"] == 1

    assert await forget(monkeypatch, "--member", str(ALICE), "--server", str(G), "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"about member {ALICE} in server {G}:" in out and "Dry run: " in out and "Nothing was deleted." in out
    assert any(line.split() == ["attempts", "2"] for line in out.splitlines()), out
    assert await counts(opener) == (alice_g, alice_g2, bob_g, g2)

    assert await forget(monkeypatch, "--member", str(ALICE), "--server", str(G), typed="no\n") == 1
    captured = capsys.readouterr()
    assert "Type yes to delete" in captured.err and "Nothing was deleted." in captured.err
    assert await counts(opener) == (alice_g, alice_g2, bob_g, g2)

    assert await forget(monkeypatch, "--member", str(ALICE), "--server", str(G), typed="yes\n") == 0
    assert "Deleted " in capsys.readouterr().out
    assert await counts(opener) == ({}, alice_g2, bob_g, g2)  # bob's, and alice's in the other server, stay

    assert await forget(monkeypatch, "--member", str(ALICE), "--yes") == 0  # every server
    assert f"about member {ALICE} in every server (1 server: {G2}):" in capsys.readouterr().out
    assert (await counts(opener))[:3] == ({}, {}, bob_g)
    assert await forget(monkeypatch, "--member", str(ALICE), "--yes") == 0
    assert "Nothing to delete" in capsys.readouterr().out


async def test_a_server_forgotten_whole_and_the_options_checked(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opener = lambda: Store.open(filled)  # noqa: E731
    _, alice_g2, _, g2 = await counts(opener)
    assert await forget(monkeypatch, "--server", str(G), "--yes") == 0
    assert f"about server {G}" in capsys.readouterr().out
    store = await opener()
    try:
        assert await guild_rows(store, G) == {}
        assert await guild_rows(store, G2) == g2 and await member_rows(store, G2, ALICE) == alice_g2
    finally:
        await store.close()
    assert await forget(monkeypatch) == 2
    assert "name a member (--member USER_ID) or a server" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        await forget(monkeypatch, "--member", "alice")
    assert "not a Discord id" in capsys.readouterr().err


async def test_a_database_a_running_bot_has_open_is_refused_and_nothing_is_deleted(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opener = lambda: Store.open(filled)  # noqa: E731
    before = await counts(opener)
    holder = await asyncio.to_thread(hold_open, filled)
    try:
        assert await forget(monkeypatch, "--member", str(ALICE), "--yes") == 2
        err = capsys.readouterr().err
        assert f"is in use by another program (process {holder.pid}" in err
        assert "Stop it first" in err and "/forget-me" in err and "Nothing was deleted." in err
        assert "Traceback" not in err
    finally:
        await asyncio.to_thread(holder.communicate, "")
    assert await counts(opener) == before


async def test_on_postgresql_a_running_bot_is_refused_and_once_it_stopped_the_member_is_forgotten(
    pg: PgSchema, clock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TUTOR_DATABASE_URL", pg.url_with_schema())
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(DECKS))
    monkeypatch.chdir(tmp_path)  # no .env here
    bot = await Services.create(Settings.from_env(dotenv=None).core, clock=clock)  # the bot, as it starts
    await fill(bot.store, clock)
    before = await counts(pg.open_compat)
    assert await forget(monkeypatch, "--member", str(ALICE), "--server", str(G), "--yes") == 2
    err = capsys.readouterr().err
    assert "a running bot uses the database" in err and "Nothing was deleted." in err and "Traceback" not in err
    assert await counts(pg.open_compat) == before

    await bot.close()
    assert await forget(monkeypatch, "--member", str(ALICE), "--server", str(G), "--yes") == 0
    assert "Deleted " in capsys.readouterr().out
    assert await counts(pg.open_compat) == ({}, *before[1:])
