"""The writer process (``TUTOR_WRITER_PROCESS``): a child process group-commits the quizzes' answers on the same
SQLite file. What it writes is what the bot's own thread would write (attempt, first place, review, boards),
before the member is told; an answer it has not acknowledged when it dies is reported as unconfirmed, and the
bot goes on writing in its own process; closing the bot lets it write everything it was given."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)
from quiz_support import quiz_asking

from bot.config import Settings
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz.writer_process import WriterProcess
from bot.core.service import Services
from bot.core.storage.store import StoreError

G, CH = 100, 200
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture
async def services(settings: Settings, clock: Any, rng: Any) -> AsyncIterator[Services]:
    core = dataclasses.replace(settings.core, writer_process=True)
    started = await Services.create(core, clock=clock, rng=rng)
    try:
        yield started
    finally:
        await started.close()


def bot_writes(services: Services) -> int:
    """Rows the bot's own writer connection has changed so far (the child's writes are not counted)."""
    return int(services.store._writer._conn.total_changes)  # type: ignore[union-attr]  # noqa: SLF001


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as other:
        return list(other.execute(sql))


async def temperature_quiz(services: Services, channel: int = CH, starter: int = 1) -> str:
    quiz, _ = await quiz_asking(
        services, "mini:temperature",
        user_id=starter, user_name=f"user{starter}", guild_id=G, channel_id=channel, topic="llms"
    )
    return quiz.id


async def test_answers_are_written_by_the_child_with_first_place_review_and_boards(
    services: Services, settings: Settings
) -> None:
    assert services.writer_process is not None and services.writer_process.ready
    quiz = await temperature_quiz(services)
    before = bot_writes(services)
    first, second, wrong = await asyncio.gather(
        services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature"),
        services.quiz.answer(quiz, user_id=3, user_name="carol", response="temprature"),
        services.quiz.answer(quiz, user_id=4, user_name="dan", response="top-k"),
    )
    assert bot_writes(services) == before  # none of it went through the bot's own connection
    assert first.first and not second.first and first.points > second.points > 0 and wrong.points == 0
    stored = rows(settings.db_path, "SELECT user_name, verdict, points FROM attempts ORDER BY id")
    assert stored == [
        ("bob", "correct", first.points), ("carol", "correct", second.points), ("dan", "wrong", 0)
    ]
    assert rows(settings.db_path, "SELECT user_id FROM quiz_first_correct") == [(2,)]
    # The review hook ran in the child, in the same transaction: every member's card has a state and a log.
    assert rows(settings.db_path, "SELECT user_id FROM review_states ORDER BY user_id") == [(2,), (3,), (4,)]
    assert len(rows(settings.db_path, "SELECT id FROM review_logs")) == 3
    board = await services.stats.leaderboard(G, "all")
    assert [(r.name, r.points) for r in board.rows] == [
        ("bob", first.points), ("carol", second.points), ("dan", 0)
    ]


async def test_a_member_setting_changed_in_the_bot_is_used_by_the_child(services: Services, settings: Settings) -> None:
    quiz = await services.quiz.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH, topic="llms")
    quiz.plan = [(services.catalog.card(f"mini:{card}"), "question") for card in ("temperature", "bert")]
    services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="top-p")  # the child reads her row
    await services.review.members.update(G, 3, retention=0.8)
    await services.quiz.close_question(quiz.id, 1)
    services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="gpt")
    assert rows(settings.db_path, "SELECT card_key, retention FROM review_logs ORDER BY id") == [
        ("mini:temperature", 0.9), ("mini:bert", 0.8)
    ]


async def test_another_hook_keeps_the_answers_in_the_bots_process(services: Services, settings: Settings) -> None:
    seen: list[str] = []

    async def keep(db: Any, attempt: Attempt, attempt_id: int) -> None:
        seen.append(attempt.response)

    services.quiz.writer.attempts.subscribe(keep)
    quiz = await temperature_quiz(services)
    before = bot_writes(services)
    await services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature")
    assert seen == ["temperature"]  # the child knows nothing of this hook: the bot wrote it
    assert bot_writes(services) > before


def an_answer(user: int, response: str = "top-k") -> Attempt:
    return Attempt(G, CH, user, f"user{user}", "mini:temperature", Source.QUIZ, response, VerdictKind.WRONG, 0,
                   START, session_id="q1")  # fmt: skip


async def test_closing_writes_every_answer_it_was_given(services: Services, settings: Settings) -> None:
    process = services.writer_process
    assert process is not None
    sent = [process.write(an_answer(user), None, 0) for user in range(10, 60)]
    await process.close()
    ids = [future.result()[0] for future in sent]
    assert len(set(ids)) == 50
    assert rows(settings.db_path, "SELECT COUNT(*) FROM attempts") == [(50,)]


async def test_a_child_that_dies_fails_its_unacknowledged_answers_and_the_bot_writes_the_next(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    pid = process.pid
    os.kill(pid, signal.SIGSTOP)
    waiting = process.write(an_answer(10), None, 0)
    await asyncio.sleep(0.05)
    assert not waiting.done()
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(StoreError):
        await asyncio.wait_for(waiting, 10)
    assert not process.ready
    quiz = await temperature_quiz(services)
    result = await services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature")
    assert result.first
    assert rows(settings.db_path, "SELECT user_name FROM attempts") == [("bob",)]


async def test_a_child_that_cannot_open_the_database_is_reported(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("these are not the pages of a database\n" * 200)
    with pytest.raises(StoreError, match="writer process could not open"):
        await WriterProcess(not_a_database).start()


async def test_without_the_setting_no_child_is_started(core_services: Services) -> None:
    assert core_services.writer_process is None and core_services.quiz.writer.remote is None


async def test_on_postgresql_the_child_writes_the_answers(pg: PgSchema, settings: Settings, clock: Any, rng: Any) -> None:
    core = dataclasses.replace(settings.core, database_url=pg.url_with_schema(), writer_process=True)
    services = await Services.create(core, clock=clock, rng=rng)
    try:
        process = services.writer_process
        assert process is not None and process.ready and process.url is not None
        sent: list[str] = []
        write = process.write
        process.write = lambda attempt, *rest: (sent.append(attempt.response), write(attempt, *rest))[1]  # type: ignore[method-assign]
        quiz = await temperature_quiz(services)
        first, second = await asyncio.gather(
            services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature"),
            services.quiz.answer(quiz, user_id=3, user_name="carol", response="temperature"),
        )
        assert sent == ["temperature", "temperature"]
        assert first.first and not second.first
    finally:
        await services.close()
    conn = await pg.connect()
    try:
        stored = await conn.fetch("SELECT user_name, points FROM attempts ORDER BY id")
        states = await conn.fetch("SELECT user_id FROM review_states ORDER BY user_id")
    finally:
        await conn.close()
    assert [(r["user_name"], r["points"]) for r in stored] == [("bob", first.points), ("carol", second.points)]
    assert [r["user_id"] for r in states] == [2, 3]


async def test_a_batch_the_database_refuses_in_the_child_is_not_saved_and_nothing_of_it_is_kept(
    services: Services, settings: Settings
) -> None:
    from bot.core.quiz.models import NotSaved

    # The database itself refuses the answer "boom" (as a full disk would refuse the batch), whoever writes it.
    with sqlite3.connect(settings.db_path) as other:
        other.execute(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON attempts WHEN NEW.response = 'boom'"
            " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    quiz = await temperature_quiz(services)
    with pytest.raises(NotSaved):
        await services.quiz.answer(quiz, user_id=2, user_name="bob", response="boom")
    assert rows(settings.db_path, "SELECT COUNT(*) FROM attempts") == [(0,)]
    assert rows(settings.db_path, "SELECT COUNT(*) FROM review_logs") == [(0,)]
    assert services.writer_process is not None and services.writer_process.ready  # the child goes on
    await services.quiz.close_question(quiz, 1)  # (another quiz asks the card once this question has closed)
    after = await temperature_quiz(services, CH + 1, starter=9)
    result = await services.quiz.answer(after, user_id=3, user_name="carol", response="temperature")
    assert result.first
    assert rows(settings.db_path, "SELECT user_name FROM attempts") == [("carol",)]



async def test_answers_not_yet_sent_when_the_child_dies_are_written_by_the_bot(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    os.kill(process.pid, signal.SIGSTOP)
    commits = services.quiz.writer
    sent = [asyncio.ensure_future(commits.write(an_answer(10, "first")))]
    await asyncio.sleep(0.01)
    sent.append(asyncio.ensure_future(commits.write(an_answer(11, "second"))))
    await asyncio.sleep(0.01)
    held = asyncio.ensure_future(commits.write(an_answer(12, "third")))  # two messages in flight: it waits
    await asyncio.sleep(0.05)
    assert not held.done()
    os.kill(process.pid, signal.SIGKILL)
    for future in sent:
        with pytest.raises(StoreError):
            await asyncio.wait_for(future, 10)
    assert await asyncio.wait_for(held, 10) > 0
    assert rows(settings.db_path, "SELECT response FROM attempts") == [("third",)]


async def test_a_long_turn_of_the_loop_sends_its_answers_to_the_child_before_it_ends(
    services: Services, settings: Settings
) -> None:
    from bot.core.quiz.writer_process import SEND_AT

    process = services.writer_process
    assert process is not None
    first = [process.write(an_answer(user), None, 0) for user in range(100, 100 + SEND_AT)]
    # Still in the same turn: those already left, and the child is writing them meanwhile.
    assert len(process._messages) == 1 and not process._outbox  # noqa: SLF001
    deadline = time.monotonic() + 10
    while rows(settings.db_path, "SELECT COUNT(*) FROM attempts") != [(SEND_AT,)]:  # the loop does not turn here
        assert time.monotonic() < deadline
        time.sleep(0.01)  # noqa: ASYNC251  (holding the loop is the point: one long turn)
    rest = process.write(an_answer(999), None, 0)  # fewer than SEND_AT: leaves at the end of the turn
    assert process._outbox  # noqa: SLF001
    await asyncio.gather(*first, rest)
    assert rows(settings.db_path, "SELECT COUNT(*) FROM attempts") == [(SEND_AT + 1,)]
