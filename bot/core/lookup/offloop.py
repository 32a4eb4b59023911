"""Large builds off the event loop, without the garbage collector stalling it.

A term index of a 100,000-card deck, or a deck read from an upload, is a million new objects. Built in a
worker thread, it still stalls the event loop whenever the cyclic garbage collector runs: a full
collection walks every object the process holds (the decks, the indexes) while holding the interpreter
lock, for hundreds of milliseconds. ``off_loop`` runs the build in a thread with the collector paused
(none of what it makes is garbage), and after a large build *freezes* what the process holds (``gc.freeze``): later
collections no longer walk the decks and indexes, which live until the next deck change anyway, so a
full collection walks only what was made since. A frozen object is still freed when nothing refers to
it any more (an index replaced by a newer one); only a cycle of objects that were alive when frozen and
died later is left for good, and the decks and indexes make no cycles. Small builds (a test's deck, a
server's few hundred cards) only pause the collector: freezing would keep whatever cyclic garbage is
waiting for the next collection, for nothing.

While a build runs, the interpreter also hands its lock from thread to thread every millisecond instead of
every five (``sys.setswitchinterval``): the event loop, woken by a timer or a message, waits that long at
most for the build thread to let it run.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: The interpreter's thread switch interval (seconds) while a build runs.
SWITCH_INTERVAL = 0.001

_lock = threading.Lock()
_builds = 0  # builds running now (the collector is paused while any is)
_was_enabled = True
_interval = 0.005
_freeze = False  # a build running now asked for a freeze at the end


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector (and switch threads more often) while a large structure is
    built; when the last build running ends, let the collector run again, after freezing what the process
    holds if any of the builds asked for it (``freeze``: a large one; see the module docstring)."""
    global _builds, _was_enabled, _interval, _freeze
    with _lock:
        if _builds == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            _interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval, SWITCH_INTERVAL))
        _builds += 1
        _freeze = _freeze or freeze
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            if _builds == 0:
                if _freeze:
                    gc.freeze()
                    _freeze = False
                if _was_enabled:
                    gc.enable()
                sys.setswitchinterval(_interval)


def _run(fn: Callable[[], T], freeze: bool) -> T:
    with collector_paused(freeze=freeze):
        return fn()


async def off_loop(fn: Callable[[], T], *, freeze: bool = False) -> T:
    """``fn()`` in a worker thread with the collector paused (see ``collector_paused``); ``freeze`` for a
    large, long-lived build."""
    return await asyncio.to_thread(_run, fn, freeze)
