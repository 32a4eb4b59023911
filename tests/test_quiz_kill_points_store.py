"""The quiz rows a restart reads to tidy up after a killed process, on SQLite and PostgreSQL.

A quiz the restart marked interrupted whose channel had been shown another end (its end's write was refused, then
the process was killed) is recorded as that end, with its winner: the win the channel saw counts in /stats. Only
an interrupted quiz is changed so; and each row says when its quiz started (the restart reads the channel's
messages from then on).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.storage.quiz_queries import QuizQueries

START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open_with_mini_decks(START - timedelta(days=1))


async def new_quiz(queries: QuizQueries, quiz_id: str, channel_id: int) -> str:
    return await queries.create_quiz(
        new_id=lambda: quiz_id, guild_id=1, channel_id=channel_id, starter_id=7, topic="llms", mode="typed",
        private=False, total=3, at=START,
    )


async def test_an_interrupted_quiz_shown_as_finished_is_recorded_so_and_only_it(store: Any) -> None:
    queries = QuizQueries(store)
    await new_quiz(queries, "aa01", 10)
    await new_quiz(queries, "aa02", 11)
    await queries.end_quiz("aa02", "stopped", None, START + timedelta(minutes=1))
    rows = await queries.interrupt_running(START + timedelta(minutes=5))
    assert [r.id for r in rows] == ["aa01"]
    assert rows[0].started_at == START

    assert await queries.end_as_shown("aa01", "finished", 42)
    assert not await queries.end_as_shown("aa02", "finished", 42)  # not interrupted: left as it ended
    first, second = await queries.quiz("aa01"), await queries.quiz("aa02")
    assert first is not None and second is not None
    assert (first.status, first.winner_id) == ("finished", 42)
    assert (second.status, second.winner_id) == ("stopped", None)
