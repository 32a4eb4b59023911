"""A NUL character in stored text: SQLite keeps it, PostgreSQL's text cannot hold one. An answer stored with one
(before the bot dropped NULs from what it writes) is copied by ``tutorbot migrate`` without it, so a server that
ran on SQLite can always move."""

from __future__ import annotations

import asyncio
import random
import sqlite3
from datetime import UTC, datetime

import pytest
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)
from quiz_support import quiz_asking

from bot.cli import main
from bot.config import Settings
from bot.core.service import Services

G, CH, ALICE, BOB = 100, 200, 1, 2
TEMPERATURE = "mini:temperature"


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


async def migrate(*argv: str) -> int:
    """Run `tutorbot migrate` as the command line does (its own event loop, in a thread)."""
    return await asyncio.to_thread(main, ["migrate", *argv])


async def test_a_database_holding_an_answer_typed_with_a_nul_character_migrates(
    settings: Settings, clock, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    services = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    try:
        quiz, _ = await quiz_asking(
            services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling",
            seconds=60,
        )  # fmt: skip
        said = await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="temp\x00erature")
        assert said.verdict.correct  # graded as right and counted on the boards
        await services.quiz.close_question(quiz.id, 1)
        await services.quiz.finish(quiz.id)
    finally:
        await services.close()
    # A database written before NULs were dropped holds the answer as typed.
    with sqlite3.connect(settings.db_path) as raw:
        raw.execute("UPDATE attempts SET response = 'temp' || char(0) || 'erature' WHERE user_id = ?", (BOB,))
    with sqlite3.connect(settings.db_path) as raw:
        assert raw.execute("SELECT instr(response, char(0)) FROM attempts WHERE user_id = ?", (BOB,)).fetchone()[0] == 5

    rc = await migrate("--db", str(settings.db_path), "--to", pg.url_with_schema())
    err = capsys.readouterr().err
    assert rc == 0, err
    db = await pg.connect()
    try:
        assert await db.fetchval("SELECT response FROM attempts WHERE user_id = $1", BOB) == "temperature"
    finally:
        await db.close()
