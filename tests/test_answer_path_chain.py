"""Once a group commit's batch has committed, the database's thread writes the answers queued meanwhile as the
next transaction at once (``GroupCommit.chain``), without waiting for the event loop to start it: answers reach
the disk while the loop is busy. A chained batch that fails gives its own answers the error and leaves the one
before it committed; one whose hook needs the event loop is handed back and written with its follow-up."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from answer_path_support import answer, synced_store  # noqa: F401  (the ``store`` fixture)

from bot.core.models import Attempt
from bot.core.quiz.commit import GroupCommit
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.store import Store


def on_disk(path: Path) -> list[str]:
    """The answers another process would read from the file now."""
    with sqlite3.connect(path) as other:
        return [str(r[0]) for r in other.execute("SELECT response FROM attempts ORDER BY id")]


class Gate:
    """A batch hook that holds the first batch in the database's thread until ``gate`` is set, and writes a row
    per attempt; an attempt typed ``needs the loop`` makes it await the event loop (it cannot finish in the
    thread)."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()

    async def __call__(self, db: Any, written: Sequence[tuple[Attempt, int]]) -> None:
        self.entered.set()
        assert self.gate.wait(10)
        if any(a.response == "needs the loop" for a, _ in written):
            await asyncio.sleep(0)
        for _, attempt_id in written:
            await db.execute(
                "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, 'UTC', 0)", (attempt_id,)
            )


class Refusing(AttemptWriter):
    """An attempt writer whose database refuses a batch holding the answer ``boom`` (a full disk, say)."""

    async def add_batch(self, db: Any, attempts: Sequence[Attempt]) -> list[int]:
        ids = await super().add_batch(db, attempts)
        if any(a.response == "boom" for a in attempts):
            raise sqlite3.OperationalError("database or disk is full")
        return ids


async def _first_batch_held(
    store: Store, writer: AttemptWriter, *, chain: bool = True
) -> tuple[GroupCommit, Gate, asyncio.Future[int]]:
    """A group commit through ``writer`` whose first batch (the answer ``first``) is held inside the database's
    thread by a ``Gate`` hook, until its gate is set."""
    hook = Gate()
    writer.subscribe_batch(hook, in_thread=True)
    commit = GroupCommit(store, writer)
    commit.chain = chain
    first = asyncio.ensure_future(commit.write(answer(10, "first")))
    assert await asyncio.to_thread(hook.entered.wait, 10)  # the first batch is inside the database's thread
    return commit, hook, first


def _hold_the_loop_until(condition: Any, seconds: float = 5.0) -> bool:
    """Run on the event loop: block it (as a long turn would) until ``condition()`` or the time is up."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize("chain", [True, False])
async def test_answers_queued_during_a_batch_reach_the_disk_while_the_loop_is_busy(store: Store, chain: bool) -> None:
    commit, hook, first = await _first_batch_held(store, AttemptWriter(), chain=chain)
    later = [asyncio.ensure_future(commit.write(answer(11 + n, f"later {n}"))) for n in range(3)]
    await asyncio.sleep(0)  # they are queued
    hook.gate.set()
    everything = ["first", "later 0", "later 1", "later 2"]
    reached = _hold_the_loop_until(lambda: on_disk(store.path) == everything, seconds=2.0 if chain else 0.5)
    assert reached is chain  # without the chain they wait for the loop to start their transaction
    ids = await asyncio.gather(first, *later)
    assert on_disk(store.path) == everything
    assert ids == sorted(ids)


async def test_a_chained_batch_that_fails_fails_its_own_answers_only(store: Store) -> None:
    commit, hook, first = await _first_batch_held(store, Refusing())
    doomed = [asyncio.ensure_future(commit.write(answer(11, "boom"))), asyncio.ensure_future(commit.write(answer(12, "x")))]
    await asyncio.sleep(0)
    hook.gate.set()
    assert isinstance(await first, int)
    for write in doomed:
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            await write
    assert on_disk(store.path) == ["first"]
    await commit.write(answer(13, "after"))
    assert on_disk(store.path) == ["first", "after"]


async def test_a_chained_batch_whose_hook_needs_the_loop_is_written_with_its_follow_up(store: Store) -> None:
    commit, hook, first = await _first_batch_held(store, AttemptWriter())
    more = [asyncio.ensure_future(commit.write(answer(11, "needs the loop"))), asyncio.ensure_future(commit.write(answer(12, "y")))]
    await asyncio.sleep(0)
    hook.gate.set()
    ids = await asyncio.gather(first, *more)
    assert on_disk(store.path) == ["first", "needs the loop", "y"]
    async with store.read() as db:
        follow_ups = [int(r[0]) for r in await db.execute_fetchall("SELECT guild_id FROM guild_settings ORDER BY 1")]
    assert follow_ups == sorted(ids)
