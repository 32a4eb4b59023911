"""An answer the writer process was writing when the bot lost track of it is settled, not left "not confirmed":
on SQLite, once the child has died, the file says whether the answer is there (looked up by its key); on
PostgreSQL, a commit the child could not confirm reaches the bot as unconfirmed (the try stays used), with
what the bot needs to settle it.

Also: the writer process dying after it committed an answer but before the bot heard so: the member is not told
"did not count" about an answer that counts, and answering again does not count it twice."""

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
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from quiz_support import quiz_asking

from bot.config import Settings
from bot.core.errors import UserError
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz import writer_process
from bot.core.quiz.models import NotSaved
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.problems import CommitUnconfirmed

G, CH = 100, 200


@pytest.fixture
async def services(settings: Settings, clock: Any, rng: Any) -> AsyncIterator[Services]:
    started = await Services.create(dataclasses.replace(settings.core, writer_process=True), clock=clock, rng=rng)
    try:
        yield started
    finally:
        await started.close()


def stored(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as other:
        return list(other.execute("SELECT user_name, verdict, points FROM attempts ORDER BY id"))


async def channel_quiz(services: Services) -> str:
    quiz, _ = await quiz_asking(
        services, "mini:temperature", user_id=1, user_name="ann", guild_id=G, channel_id=CH, topic="llms"
    )
    return str(quiz.id)


async def test_an_answer_saved_before_the_child_died_is_counted_in_the_reveal_and_the_summary(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    quiz = await channel_quiz(services)
    process._replies = lambda replies: None  # type: ignore[method-assign]  # the acknowledgement never arrives
    answering = asyncio.ensure_future(services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature"))
    deadline = time.monotonic() + 10
    while not stored(settings.db_path):  # the child has committed it ...
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)  # ... and dies before the bot hears of it
    with pytest.raises(NotSaved, match="could not check whether it was saved"):
        await asyncio.wait_for(answering, 10)
    with pytest.raises(UserError):  # the try stays used
        await services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature")

    reveal = await services.quiz.close_question(quiz, 1)
    assert reveal is not None
    assert [(w.name, w.points) for w in reveal.winners] == [("bob", 10)] and reveal.unconfirmed == 0
    summary = await services.quiz.finish(quiz)
    assert [(p.user_name, p.points) for p in summary.ranking] == [("bob", 10)]
    assert summary.unconfirmed == 0  # nothing is listed as "not confirmed": it was saved
    assert stored(settings.db_path) == [("bob", "correct", 10)]


async def test_an_answer_the_child_died_before_saving_is_not_counted_nor_left_unconfirmed(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    quiz = await channel_quiz(services)
    os.kill(process.pid, signal.SIGSTOP)  # the child reads nothing more ...
    answering = asyncio.ensure_future(services.quiz.answer(quiz, user_id=2, user_name="bob", response="temperature"))
    await asyncio.sleep(0.05)
    assert not answering.done()
    os.kill(process.pid, signal.SIGKILL)  # ... and dies with the answer unread
    with pytest.raises(NotSaved, match="could not check whether it was saved"):
        await asyncio.wait_for(answering, 10)

    reveal = await services.quiz.close_question(quiz, 1)
    assert reveal is not None
    assert reveal.winners == [] and reveal.unconfirmed == 0
    summary = await services.quiz.finish(quiz)
    assert all(p.points == 0 for p in summary.ranking)
    assert summary.unconfirmed == 0
    assert stored(settings.db_path) == []


class _Transport:
    """What the child's link writes, kept."""

    def __init__(self) -> None:
        self.sent = bytearray()

    def write(self, data: bytes) -> None:
        self.sent += data

    def is_closing(self) -> bool:
        return False


class _Commits:
    """The child's group commit, whose every commit the database could not confirm (PostgreSQL lost the
    connection while it committed and could not be asked whether it landed)."""

    def __init__(self) -> None:
        self.items: list[Any] = []

    def submit(self, attempt: Attempt, claim: Any, second_points: int) -> Any:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        item = type("Item", (), {"future": future, "attempt_id": 0, "first": False})()
        self.items.append(item)
        return item


class _Members:
    def forget(self) -> None:
        pass


async def test_an_unconfirmed_commit_in_the_child_reaches_the_bot_as_unconfirmed_with_what_settles_it() -> None:
    commits = _Commits()
    child = writer_process._ChildLink(commits, type("Review", (), {"members": _Members()})())  # type: ignore[arg-type]  # noqa: SLF001
    wire = _Transport()
    child.connection_made(wire)  # type: ignore[arg-type]

    bot = writer_process.WriterProcess(url="postgresql://example/test", ready=True)
    link = writer_process._Link(bot)  # noqa: SLF001
    bot._link = link  # noqa: SLF001
    to_child = _Transport()
    link.connection_made(to_child)  # type: ignore[arg-type]
    link.data_received(writer_process._frame("ready"))  # noqa: SLF001

    attempt = Attempt(G, CH, 2, "bob", "mini:temperature", Source.QUIZ, "temperature", VerdictKind.CORRECT, 10,
                      datetime(2026, 3, 18, tzinfo=UTC), session_id="q1", extra={"key": "quiz:q1:1:2:1"})  # fmt: skip
    answer = bot.write(attempt, None, 0)
    await asyncio.sleep(0)  # the answer leaves at the end of the turn
    child.data_received(bytes(to_child.sent))
    [item] = commits.items
    try:
        raise CommitUnconfirmed("the connection was lost while it committed", xid=4242, pid=77)
    except CommitUnconfirmed as lost:
        item.future.set_exception(lost)
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the child's acknowledgements leave a turn later
    link.data_received(bytes(wire.sent))

    assert answer.done()
    with pytest.raises(CommitUnconfirmed) as told:
        answer.result()
    assert (told.value.xid, told.value.pid, told.value.key) == (4242, 77, "quiz:q1:1:2:1")


async def test_an_unconfirmed_answer_known_by_its_key_is_settled_by_looking_it_up(engine: Engine) -> None:
    store = await engine.open_with_mini_decks(datetime(2026, 3, 18, tzinfo=UTC))
    saved = Attempt(G, CH, 2, "bob", "mini:temperature", Source.QUIZ, "temperature", VerdictKind.CORRECT, 10,
                    datetime(2026, 3, 18, tzinfo=UTC), session_id="q1", extra={"key": "quiz:q1:1:2:1"})  # fmt: skip
    async with store.transaction() as db:
        await AttemptWriter().add(db, saved)
    lost = "the writer process stopped before it acknowledged the answer"
    assert await store.settle(CommitUnconfirmed(lost, key="quiz:q1:1:2:1")) is True
    assert await store.settle(CommitUnconfirmed(lost, key="quiz:q1:1:3:1")) is False
    assert await store.settle(CommitUnconfirmed(lost)) is None  # nothing to look up: still unconfirmed


async def test_an_answer_the_child_saved_before_dying_is_not_called_lost_nor_counted_twice(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    quiz, _ = await quiz_asking(
        services, "mini:temperature", user_id=2, user_name="bob", guild_id=G, channel_id=CH, topic="llms", private=True
    )
    process._replies = lambda replies: None  # type: ignore[method-assign]  # the acknowledgement never arrives
    answering = asyncio.ensure_future(services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature"))
    deadline = time.monotonic() + 10
    while not stored(settings.db_path):  # the child has committed it ...
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)  # ... and dies before the bot hears of it
    with pytest.raises(NotSaved) as told:
        await asyncio.wait_for(answering, 10)
    assert "could not check whether it was saved" in str(told.value)  # not "it did not count": it did
    with pytest.raises(UserError):  # the try stays used: answering again is refused, not counted again
        await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    assert stored(settings.db_path) == [("bob", "correct", 10)]
