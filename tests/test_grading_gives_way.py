"""The grader's long loops run in worker threads (the known terms of a big deck, a deck compiled for grading)
and give the event loop its turn while they run: compiled, the grader's code never gives the interpreter lock
away on its own (``bot/core/grading/pause.py``), so without that the loop would stand still until they end."""

from __future__ import annotations

import asyncio
import threading
import time

from bot.core.grading import terms


async def test_the_event_loop_keeps_turning_while_a_worker_thread_builds_known_terms() -> None:
    names = frozenset(f"synthetic concept number {n} of layer {n % 97}" for n in range(8_000))
    started = threading.Event()
    took: list[float] = []

    def build() -> None:
        started.set()
        t = time.perf_counter()
        terms.build_term_tables(names)
        took.append(time.perf_counter() - t)

    worker = asyncio.get_running_loop().run_in_executor(None, build)
    await asyncio.to_thread(started.wait, 10)
    turns = 0
    while not worker.done():
        await asyncio.sleep(0)
        turns += 1
    await worker
    assert took[0] > 0.05  # long enough that a loop held up for all of it would show
    # The loop turns all along: about 25 turns per millisecond of the build here, against under 5 when the
    # compiled build never gives the lock away (``pause.EVERY_SECONDS`` set out of reach).
    assert turns >= took[0] * 1000 * 10, (turns, took[0])
