"""A SQLite group commit's transaction is begun, written and committed by the database's thread without
waiting for the event loop in between (``attempts.transaction_in_thread``): answers are on disk when they are
acknowledged, a batch that fails leaves nothing behind and the next one is written, a hook that needs the
event loop still commits with its answers, and a caller (the flusher) cancelled while the thread works still
learns what it committed, so those answers are reported as stored."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from answer_path_support import answer, synced_store  # noqa: F401  (the ``store`` fixture)

from bot.core.models import Attempt
from bot.core.quiz.commit import GroupCommit
from bot.core.storage.attempts import AttemptWriter, transaction_in_thread
from bot.core.storage.store import Store, StoreError


def on_disk(path: Path) -> list[tuple[int, str]]:
    """The attempts another process would read from the file now."""
    with sqlite3.connect(path) as other:
        return [(int(r[0]), str(r[1])) for r in other.execute("SELECT id, response FROM attempts ORDER BY id")]


class FollowUp:
    """A batch hook writing one row per attempt; ``on_loop``: it awaits the event loop (cannot run in the
    database thread); ``fail``: it raises after writing; ``gate``: it waits for the event in the thread."""

    def __init__(self, *, on_loop: bool = False, gate: threading.Event | None = None) -> None:
        self.on_loop = on_loop
        self.gate = gate
        self.entered = threading.Event()

    async def __call__(self, db: Any, written: Sequence[tuple[Attempt, int]]) -> None:
        self.entered.set()
        if self.gate is not None:
            assert self.gate.wait(10)
        if self.on_loop:
            await asyncio.sleep(0)
        for _, attempt_id in written:
            await db.execute(
                "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, 'UTC', 0)", (attempt_id,)
            )


async def follow_ups(store: Store) -> list[int]:
    async with store.read() as db:
        return [int(r[0]) for r in await db.execute_fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")]


async def test_answers_are_on_disk_when_the_group_commit_acknowledges_them(store: Store) -> None:
    commit = GroupCommit(store, AttemptWriter())
    ids = await asyncio.gather(*(commit.write(answer(10 + n, f"answer {n}")) for n in range(6)))
    assert on_disk(store.path) == [(i, f"answer {n}") for n, i in enumerate(ids)]


async def test_a_batch_that_fails_leaves_nothing_and_the_next_batch_is_written(store: Store) -> None:
    writer = AttemptWriter()

    async def fails(db: Any) -> None:
        await writer.add_batch(db, [answer(10), answer(11)])
        raise RuntimeError("the batch breaks after its inserts")

    with pytest.raises(RuntimeError):
        await transaction_in_thread(store, fails)
    assert on_disk(store.path) == []

    async def works(db: Any) -> list[int]:
        return await writer.add_batch(db, [answer(12, "kept"), answer(13, "kept too")])

    ids = await transaction_in_thread(store, works)
    assert on_disk(store.path) == [(ids[0], "kept"), (ids[1], "kept too")]


async def test_a_hook_that_needs_the_event_loop_commits_with_its_answers(store: Store) -> None:
    hook = FollowUp(on_loop=True)
    writer = AttemptWriter()
    writer.subscribe_batch(hook, in_thread=True)
    commit = GroupCommit(store, writer)
    ids = await asyncio.gather(*(commit.write(answer(10 + n)) for n in range(4)))
    assert [i for i, _ in on_disk(store.path)] == list(ids)
    assert await follow_ups(store) == sorted(ids)  # written once each, in the answers' transaction


async def test_a_closed_store_refuses_the_batch(store: Store) -> None:
    await store.close()

    async def nothing(db: Any) -> None:
        return None

    with pytest.raises(StoreError):
        await transaction_in_thread(store, nothing)


async def test_answers_committed_while_the_flusher_is_cancelled_are_reported_stored(store: Store) -> None:
    """The call ends in its thread whatever the loop does: its answers are committed, so the players are told
    so (not "not saved", which would let them answer again and be counted twice)."""
    gate = threading.Event()
    hook = FollowUp(gate=gate)
    writer = AttemptWriter()
    writer.subscribe_batch(hook, in_thread=True)
    commit = GroupCommit(store, writer)
    writes = [asyncio.ensure_future(commit.write(answer(10 + n))) for n in range(3)]
    # The batch is inside its call to the database thread (a thread's event: waited for in another thread).
    assert await asyncio.to_thread(hook.entered.wait, 10)
    flusher = commit._flusher  # noqa: SLF001
    assert flusher is not None
    flusher.cancel()
    gate.set()
    ids = await asyncio.gather(*writes)
    assert [i for i, _ in on_disk(store.path)] == list(ids)
    assert await follow_ups(store) == sorted(ids)
    with pytest.raises(asyncio.CancelledError):
        await flusher
    assert await commit.write(answer(20, "after")) == ids[-1] + 1  # a new flusher takes the next answers


async def test_whoever_waits_hears_of_the_commit_once_and_only_of_a_commit(store: Store) -> None:
    writer = AttemptWriter()
    heard: list[list[int]] = []

    async def works(db: Any) -> list[int]:
        return await writer.add_batch(db, [answer(10, "one"), answer(11, "two")])

    ids = await transaction_in_thread(store, works, committed=heard.append)
    assert heard == [ids]
    assert on_disk(store.path) == [(ids[0], "one"), (ids[1], "two")]

    async def fails(db: Any) -> list[int]:
        await writer.add_batch(db, [answer(12)])
        raise RuntimeError("not committed")

    with pytest.raises(RuntimeError):
        await transaction_in_thread(store, fails, committed=heard.append)
    await asyncio.sleep(0)
    assert heard == [ids]

    hook = FollowUp(on_loop=True)  # the transaction commits from the loop, after the hook's second run
    writer.subscribe_batch(hook, in_thread=True)
    more = await transaction_in_thread(store, works, committed=heard.append)
    assert heard == [ids, more]
    assert await follow_ups(store) == sorted(more)


async def test_a_caller_cancelled_during_the_call_still_gets_what_was_committed(store: Store) -> None:
    gate = threading.Event()
    entered = threading.Event()
    writer = AttemptWriter()
    got: list[list[int]] = []

    async def blocks(db: Any) -> list[int]:
        entered.set()
        assert gate.wait(10)
        return await writer.add_batch(db, [answer(10, "one"), answer(11, "two")])

    async def caller() -> None:
        got.append(await transaction_in_thread(store, blocks))
        await asyncio.sleep(0)  # the cancellation comes here
        got.append([])  # never reached

    task = asyncio.ensure_future(caller())
    assert await asyncio.to_thread(entered.wait, 10)
    task.cancel()
    gate.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(got) == 1
    assert on_disk(store.path) == [(got[0][0], "one"), (got[0][1], "two")]


async def test_the_thread_commits_without_waiting_for_a_busy_event_loop(store: Store) -> None:
    """Once a batch is handed over, its COMMIT needs nothing more from the loop: a loop held up (a long turn,
    as after a stall) does not hold the answers' commit up."""
    gate = threading.Event()
    commits = threading.Event()
    writer_connection = store._writer  # noqa: SLF001  (its trace sees every statement its thread runs)
    assert writer_connection is not None
    await writer_connection.set_trace_callback(
        lambda sql: commits.set() if sql.strip().upper() == "COMMIT" else None
    )
    writer = AttemptWriter()

    async def waits_for_the_gate(db: Any) -> list[int]:
        assert gate.wait(10)
        return await writer.add_batch(db, [answer(10, "one")])

    task = asyncio.ensure_future(transaction_in_thread(store, waits_for_the_gate))
    await asyncio.sleep(0)  # the task hands the batch over to the thread
    gate.set()
    held_up = commits.wait(10)  # the loop is held up right here, in this turn
    ids = await task
    assert held_up
    assert on_disk(store.path) == [(ids[0], "one")]
