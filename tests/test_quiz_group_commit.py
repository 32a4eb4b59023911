"""Group commit of answers (``GroupCommit``): an answer is acknowledged as soon as the transaction holding it
has committed, whatever is still being written after it, and an answer given up before its transaction
began is not stored. Each test runs on a SQLite file and on a PostgreSQL schema."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz.commit import GroupCommit
from bot.core.storage.attempts import AttemptWriter

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open_with_mini_decks(START - timedelta(days=1))


def answer(user: int, response: str) -> Attempt:
    return Attempt(1001, 5, user, f"user{user}", "mini:bert", Source.QUIZ, response, VerdictKind.WRONG, 0, START,
                   session_id="q1")  # fmt: skip


async def stored_responses(store: Any) -> list[str]:
    async with store.read() as db:
        return [r[0] for r in await db.execute_fetchall("SELECT response FROM attempts ORDER BY id")]


class HeldSecondBatch:
    """A batch hook that holds the second transaction open until ``release`` is set."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.second_started = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, db: Any, written: Sequence[tuple[Attempt, int]]) -> None:
        self.batches.append([a.response for a, _ in written])
        if len(self.batches) == 2:
            self.second_started.set()
            await self.release.wait()


async def test_an_answer_is_acknowledged_when_its_own_batch_commits_while_later_ones_are_still_written(
    store: Any,
) -> None:
    hook = HeldSecondBatch()
    writer = AttemptWriter()
    writer.subscribe_batch(hook)
    commit = GroupCommit(store, writer)

    first = asyncio.create_task(commit.write(answer(11, "first")))
    await asyncio.sleep(0)  # the first transaction has begun: the next answers queue for the one after it
    later = [asyncio.create_task(commit.write(answer(12 + n, f"later {n}"))) for n in range(3)]
    await hook.second_started.wait()  # the later answers' transaction is being written, and held open

    first_id = await asyncio.wait_for(first, timeout=30)  # not waiting for the held transaction
    assert not any(task.done() for task in later)
    assert await stored_responses(store) == ["first"]  # acknowledged means committed

    hook.release.set()
    later_ids = await asyncio.gather(*later)
    assert hook.batches == [["first"], ["later 0", "later 1", "later 2"]]
    assert first_id < later_ids[0] < later_ids[1] < later_ids[2]
    assert await stored_responses(store) == ["first", "later 0", "later 1", "later 2"]


async def test_an_answer_given_up_before_its_batch_began_is_not_stored(store: Any) -> None:
    hook = HeldSecondBatch()
    writer = AttemptWriter()
    writer.subscribe_batch(hook)
    commit = GroupCommit(store, writer)

    first = asyncio.create_task(commit.write(answer(11, "first")))
    await asyncio.sleep(0)
    kept = asyncio.create_task(commit.write(answer(12, "kept")))
    dropped = asyncio.create_task(commit.write(answer(13, "given up")))
    await asyncio.sleep(0)
    dropped.cancel()  # its caller went away while it was still queued
    await asyncio.wait_for(first, timeout=30)
    await hook.second_started.wait()
    hook.release.set()
    await kept
    with pytest.raises(asyncio.CancelledError):
        await dropped
    assert await stored_responses(store) == ["first", "kept"]
    assert hook.batches == [["first"], ["kept"]]


async def test_answers_keep_their_order_and_ids_across_many_batches(store: Any) -> None:
    commit = GroupCommit(store, AttemptWriter())
    many = [dataclasses.replace(answer(11 + n % 5, ""), response=f"answer {n}") for n in range(60)]
    ids: list[int] = []
    for start in range(0, len(many), 20):  # bursts: each is written in one or two transactions
        ids += await asyncio.gather(*(commit.write(a) for a in many[start : start + 20]))
    async with store.read() as db:
        stored = {int(r[0]): r[1] for r in await db.execute_fetchall("SELECT id, response FROM attempts")}
    assert [stored[i] for i in ids] == [a.response for a in many]
    assert ids == sorted(ids)
