"""The interpreter's thread switch interval (``bot.core.memory.SwitchRequest``): a group commit's transaction
runs with quick switches (the database's thread gets the interpreter lock back from a busy event loop sooner),
a deck build with switches of at most 1 ms, and when the work that asked ends, in whatever order, the interval
the bot runs with comes back: left short, every other thread beside the event loop would cut its turns into
slices that short (bench/bench_loop.py)."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from answer_path_support import answer, synced_store  # noqa: F401  (the ``store`` fixture)

from bot.core.lookup.offloop import SWITCH_INTERVAL as BUILD_INTERVAL
from bot.core.lookup.offloop import collector_paused
from bot.core.memory import QUICK_SWITCH_INTERVAL, SWITCH_INTERVAL, SwitchRequest, switch_interval
from bot.core.models import Attempt
from bot.core.quiz.commit import GroupCommit
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.store import Store


@pytest.fixture(autouse=True)
def bot_interval() -> Iterator[None]:
    """The interval ``tutorbot run`` sets, put back as it was after the test."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    yield
    sys.setswitchinterval(before)


def test_overlapping_requests_leave_the_interval_that_was_in_force_whatever_order_they_end_in() -> None:
    build, batch = SwitchRequest(BUILD_INTERVAL), SwitchRequest(QUICK_SWITCH_INTERVAL)
    build.start()
    assert sys.getswitchinterval() == pytest.approx(min(SWITCH_INTERVAL, BUILD_INTERVAL))
    batch.start()
    assert sys.getswitchinterval() == pytest.approx(QUICK_SWITCH_INTERVAL)
    build.end()  # the build ends first: the batch still runs with its quick switches
    assert sys.getswitchinterval() == pytest.approx(QUICK_SWITCH_INTERVAL)
    batch.end()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    batch.end()  # ending twice changes nothing
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


def test_a_request_longer_than_the_interval_in_force_does_not_lengthen_it() -> None:
    with switch_interval(0.01):
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


def test_a_failing_block_still_gives_the_interval_back() -> None:
    with pytest.raises(RuntimeError), switch_interval(QUICK_SWITCH_INTERVAL):
        raise RuntimeError("the work failed")
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


async def thread_done(store: Store) -> None:
    """Once the database's thread has ended the call it is in (it reports a commit before it leaves it)."""
    async with store.writer() as db:
        await db.execute_fetchall("SELECT 1")


class Seen:
    """A batch hook noting the switch interval in force while the database's thread runs it."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.intervals: list[float] = []
        self.entered = threading.Event()
        self.gate = gate

    async def __call__(self, db: Any, written: Sequence[tuple[Attempt, int]]) -> None:
        self.entered.set()
        if self.gate is not None:
            assert self.gate.wait(10)
        self.intervals.append(sys.getswitchinterval())


async def test_a_group_commit_runs_with_quick_switches_and_gives_the_interval_back(store: Store) -> None:
    writer = AttemptWriter()
    seen = Seen()
    writer.subscribe_batch(seen, in_thread=True)
    commit = GroupCommit(store, writer)
    await asyncio.gather(*(commit.write(answer(10 + n, f"answer {n}")) for n in range(5)))
    assert seen.intervals and all(i == pytest.approx(QUICK_SWITCH_INTERVAL) for i in seen.intervals)
    await thread_done(store)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


async def test_a_deck_build_ending_during_a_group_commit_leaves_the_bots_interval_after_both(store: Store) -> None:
    writer = AttemptWriter()
    gate = threading.Event()
    seen = Seen(gate)
    writer.subscribe_batch(seen, in_thread=True)
    commit = GroupCommit(store, writer)
    with collector_paused():  # a build starts before the batch...
        written = asyncio.ensure_future(commit.write(answer(10)))
        assert await asyncio.to_thread(seen.entered.wait, 10)
    # ... and ends while the batch is still being written: the batch keeps its quick switches
    assert sys.getswitchinterval() == pytest.approx(QUICK_SWITCH_INTERVAL)
    gate.set()
    await written
    await thread_done(store)
    assert seen.intervals == [pytest.approx(QUICK_SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
