"""Builds off the event loop (``offloop.off_loop``) run one at a time, in the order asked, and never beside
a structure being taken apart (``offloop.release``): two busy threads at once hold up the loop far longer
than one."""

from __future__ import annotations

import asyncio
import threading
import time
from functools import partial

from bot.core.lookup.offloop import off_loop


async def test_builds_run_one_at_a_time_in_the_order_asked() -> None:
    lock = threading.Lock()
    running, most = 0, 0
    order: list[int] = []

    def build(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            order.append(n)
        time.sleep(0.01)
        with lock:
            running -= 1
        return n * n

    assert await asyncio.gather(*(off_loop(partial(build, n)) for n in range(5))) == [0, 1, 4, 9, 16]
    assert most == 1 and order == [0, 1, 2, 3, 4]


async def test_a_cancelled_caller_does_not_let_the_next_build_run_beside_its_own() -> None:
    started, release_first = threading.Event(), threading.Event()
    overlap: list[bool] = []

    def first() -> None:
        started.set()
        release_first.wait(2.0)

    def second() -> bool:
        overlap.append(not release_first.is_set())
        return True

    task = asyncio.ensure_future(off_loop(first))
    await asyncio.to_thread(started.wait, 2.0)
    task.cancel()
    following = asyncio.ensure_future(off_loop(second))
    await asyncio.sleep(0.05)
    assert not following.done()  # the first build's thread still runs
    release_first.set()
    assert await following and overlap == [False]
