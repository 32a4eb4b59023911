"""A group commit's batch written in one call to the database's thread (``attempts.in_thread``): hooks flagged
``in_thread`` run there, in the answers' transaction; a hook that cannot finish there (it waits on something
else, or fails) is run again on the event loop with its first writes undone, so nothing is written twice or
lost; the multi-row form of ``executemany`` stores what one row after another would. Each test runs on a
SQLite file and on a PostgreSQL schema (where every hook runs on the loop, as before)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz.commit import GroupCommit
from bot.core.storage.attempts import AttemptWriter, ThreadConnection, in_thread
from bot.core.storage.quiz_queries import FirstClaim, QuizQueries

START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
G1 = 1001


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open_with_mini_decks(START - timedelta(days=1))


def answer(user: int, response: str, verdict: VerdictKind = VerdictKind.WRONG, points: int = 0) -> Attempt:
    return Attempt(G1, 5, user, f"user{user}", "mini:bert", Source.QUIZ, response, verdict, points, START,
                   session_id="q1")  # fmt: skip


async def follow_ups(store: Any) -> list[int]:
    async with store.read() as db:
        return [int(r[0]) for r in await db.execute_fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")]


async def write_together(store: Any, writer: AttemptWriter, attempts: Sequence[Attempt]) -> list[int]:
    commit = GroupCommit(store, writer)
    return list(await asyncio.gather(*(commit.write(a) for a in attempts)))


class FollowUp:
    """A batch hook that writes one row per attempt (keyed by its id) and notes the thread it ran in."""

    def __init__(self, *, wait_first: bool = False, fail_on: str | None = None) -> None:
        self.threads: list[int] = []
        self.wait_first = wait_first
        self.fail_on = fail_on

    async def __call__(self, db: Any, written: Sequence[tuple[Attempt, int]]) -> None:
        self.threads.append(threading.get_ident())
        for attempt, attempt_id in written:
            await db.execute(  # the run that wrote it, in ``timezone``
                "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, 0)",
                (attempt_id, f"run {len(self.threads)}"),
            )
            if attempt.response == self.fail_on:
                raise ValueError("this one fails")
        if self.wait_first and len(self.threads) == 1:
            await asyncio.sleep(0)  # waits on the event loop: cannot finish in the database thread


async def test_a_hook_flagged_in_thread_runs_in_the_database_thread_within_the_answers_transaction(
    engine: Engine, store: Any
) -> None:
    hook = FollowUp()
    writer = AttemptWriter()
    writer.subscribe_batch(hook, in_thread=True)
    ids = await write_together(store, writer, [answer(11 + n, f"answer {n}") for n in range(5)])
    assert await follow_ups(store) == sorted(ids)  # every attempt's follow-up committed with it
    on_loop = threading.get_ident() in hook.threads
    assert on_loop == engine.postgres  # SQLite: in the database thread; PostgreSQL has none


async def test_a_hook_not_flagged_stays_on_the_event_loop(store: Any) -> None:
    hook = FollowUp()
    writer = AttemptWriter()
    writer.subscribe_batch(hook)
    ids = await write_together(store, writer, [answer(11 + n, f"answer {n}") for n in range(5)])
    assert await follow_ups(store) == sorted(ids)
    assert set(hook.threads) == {threading.get_ident()}


async def test_a_hook_that_waits_on_the_loop_is_run_again_there_and_writes_once(engine: Engine, store: Any) -> None:
    hook = FollowUp(wait_first=True)
    writer = AttemptWriter()
    writer.subscribe_batch(hook, in_thread=True)
    ids = await write_together(store, writer, [answer(11 + n, f"answer {n}") for n in range(4)])
    assert await follow_ups(store) == sorted(ids)
    async with store.read() as db:
        runs = {r[0] for r in await db.execute_fetchall("SELECT timezone FROM guild_settings")}
    if engine.postgres:
        assert runs == {"run 1"}
    else:  # the first run's writes were undone; the second, on the loop, stands
        assert runs == {"run 2"}
        assert hook.threads[-1] == threading.get_ident()


async def test_a_failing_in_thread_hook_loses_only_the_follow_up_of_the_attempt_it_fails_on(store: Any) -> None:
    hook = FollowUp(fail_on="answer 1")
    writer = AttemptWriter()
    writer.subscribe_batch(hook, in_thread=True)
    ids = await write_together(store, writer, [answer(11 + n, f"answer {n}") for n in range(3)])
    async with store.read() as db:
        stored = [r[0] for r in await db.execute_fetchall("SELECT response FROM attempts ORDER BY id")]
    assert stored == ["answer 0", "answer 1", "answer 2"]  # every answer is kept
    assert await follow_ups(store) == [ids[0], ids[2]]


async def test_one_first_correct_answer_per_question_with_the_batch_in_the_database_thread(store: Any) -> None:
    await QuizQueries(store).create_quiz(
        new_id=lambda: "q1", guild_id=G1, channel_id=5, starter_id=11, topic=None, mode="typed", private=False,
        total=5, at=START,
    )
    writer = AttemptWriter()
    commit = GroupCommit(store, writer)
    right = [answer(11 + n, "Bidirectional Encoder", VerdictKind.CORRECT, 10) for n in range(6)]
    results = await asyncio.gather(*(
        commit.write_first(a, FirstClaim("q1", 1, "mini:bert", a.user_id, START), second_points=5) for a in right
    ))
    assert [first for _, first in results] == [True, False, False, False, False, False]
    async with store.read() as db:
        points = [int(r[0]) for r in await db.execute_fetchall("SELECT points FROM attempts ORDER BY id")]
        held = await db.execute_fetchall("SELECT user_id, attempt_id FROM quiz_first_correct")
    assert points == [10, 5, 5, 5, 5, 5]
    assert [(int(r[0]), int(r[1])) for r in held] == [(11, results[0][0])]


UPSERT = (
    "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (guild_id) DO UPDATE SET timezone = excluded.timezone, updated_at = guild_settings.updated_at + 1"
)


async def test_many_rows_at_once_in_the_thread_store_what_one_row_after_another_does(
    engine: Engine, store: Any
) -> None:
    """Upserts of the same key in one call each see the one before (the last one wins, the count goes up)."""
    if engine.postgres:
        pytest.skip("the database thread is SQLite's")
    rows = [(7, "Europe/Paris", 0), (8, "UTC", 0), (7, "Asia/Tokyo", 0), (7, "America/Lima", 0)]
    async with store.transaction() as db:
        await db.executemany(UPSERT, rows)  # one row after another
        expected = [tuple(r) for r in await db.execute_fetchall("SELECT * FROM guild_settings ORDER BY guild_id")]
        await db.execute("DELETE FROM guild_settings")

        async def together(conn: Any) -> None:
            assert isinstance(conn, ThreadConnection)
            await conn.executemany(UPSERT, rows)

        await in_thread(db, together)
        got = [tuple(r) for r in await db.execute_fetchall("SELECT * FROM guild_settings ORDER BY guild_id")]
    assert got == expected
    assert [(r[0], r[1]) for r in got] == [(7, "America/Lima"), (8, "UTC")]
