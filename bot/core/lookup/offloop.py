"""Large builds off the event loop, without the garbage collector stalling it.

A term index of a 100,000-card deck, or a deck read from an upload, is a million new objects. Built in a
worker thread, it still stalls the event loop whenever the cyclic garbage collector runs: a full
collection walks every object the process holds (the decks, the indexes) while holding the interpreter
lock, for hundreds of milliseconds. ``off_loop`` runs the build in a thread with the collector paused
(none of what it makes is garbage), and after a large build *freezes* what the process holds (``gc.freeze``): later
collections no longer walk the decks and indexes, which live until the next deck change anyway, so a
full collection walks only what was made since. A frozen object is still freed when nothing refers to
it any more (an index replaced by a newer one); only a cycle of objects that were alive when frozen and
died later is left for good, and the decks and indexes make no cycles. A build that left fewer than
``FREEZE_MIN_OBJECTS`` objects (a test's deck, a server's few dozen cards) only pauses the collector:
freezing would keep whatever cyclic garbage is waiting for the next collection, for nothing; more, and
the next young collection would walk them all at once (a 2,000-card import: 20-30 ms), so they are
frozen. ``bot.core.memory`` freezes the rest of the long-lived objects.

While a build runs, the interpreter also hands its lock from thread to thread at least every millisecond
instead of every five (``sys.setswitchinterval``, asked through ``bot.core.memory.SwitchRequest``): the
event loop, woken by a timer or a message, waits that long for the build thread to let it run. Builds run
one at a time, in the order asked, and never beside a structure being taken apart (below): with more
threads busy at once the loop waits for its turn behind all of them, and far longer than once per thread
(a 1 ms timer beside CPU-bound threads, p99 lag: 2.7 ms beside one, 18 ms beside two, 20 ms beside
three). The builds take no longer in all (the interpreter lock ran them one at a time anyway), though a
small one asked after a large one now waits for it to end rather than sharing the time with it.

Letting go of such a structure costs as much: the last reference to a term index dropped on the event loop
frees its million objects there (tens of milliseconds, in one go). ``release`` hands it to a worker thread,
which takes it apart a piece at a time (an attribute, or a slice of a list, at once), so the loop can take
its turn between the pieces. Only what nothing else refers to is taken apart: a piece something else holds
(a card, a shipped table, an index a search still uses) is merely let go of.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from bot.core.memory import SwitchRequest

T = TypeVar("T")

log = logging.getLogger(__name__)

#: The interpreter's thread switch interval (seconds) while a build runs.
SWITCH_INTERVAL = 0.001
#: Builds that leave this many new objects (those the next young collection would walk, 1-3 ms of it)
#: are frozen when they end, whether or not they asked.
FREEZE_MIN_OBJECTS = 5_000

_lock = threading.Lock()
_builds = 0  # builds running now (the collector is paused while any is)
_was_enabled = True
_switches = SwitchRequest(SWITCH_INTERVAL)  # asked while any build runs
_freeze = False  # a build running now asked for a freeze at the end


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector (and switch threads more often) while a large structure is
    built; when the last build running ends, let the collector run again, after freezing what the process
    holds if any of the builds asked for it (``freeze``: a large one) or the builds left more than
    ``FREEZE_MIN_OBJECTS`` new objects (see the module docstring)."""
    global _builds, _was_enabled, _freeze
    with _lock:
        if _builds == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            _switches.start()
        _builds += 1
        _freeze = _freeze or freeze
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            if _builds == 0:
                # The young generation holds what was made while the collector was paused and is still
                # alive. ``gc.get_count`` may count fewer (objects freed meanwhile, such as an old index
                # taken apart by ``release``, bring it down without leaving the generation), so only a small
                # count is checked by listing the generation: listing a large one holds the interpreter
                # lock throughout (5 ms for 40,000 objects).
                if (
                    _freeze
                    or gc.get_count()[0] >= FREEZE_MIN_OBJECTS
                    or len(gc.get_objects(0)) >= FREEZE_MIN_OBJECTS
                ):
                    gc.freeze()
                _freeze = False
                if _was_enabled:
                    gc.enable()
                _switches.end()


#: Held by the one build (``off_loop``) or taking apart (``release``) running now (see the module docstring).
_busy = threading.Lock()
#: Each event loop's queue of builds waiting for their turn (so that no worker thread waits on ``_busy``).
_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def _run(fn: Callable[[], T], freeze: bool) -> T:
    with _busy, collector_paused(freeze=freeze):
        return fn()


def _run_now(fn: Callable[[], T], freeze: bool) -> T:
    with collector_paused(freeze=freeze):
        return fn()


async def off_loop(fn: Callable[[], T], *, freeze: bool = False, wait_turn: bool = True) -> T:
    """``fn()`` in a worker thread with the collector paused (see ``collector_paused``), once the builds
    asked for before it are done; ``freeze`` for a large, long-lived build.

    ``wait_turn=False``: at once, beside whatever build runs now, for work done while a write transaction
    is open (a deck sync's comparison): the database's write lock must not wait behind a large build or a
    structure being taken apart, or every other writer (another shard process's answers) would wait too."""
    if not wait_turn:
        return await asyncio.to_thread(_run_now, fn, freeze)
    loop = asyncio.get_running_loop()
    turn = _turns.get(loop)
    if turn is None:
        turn = _turns[loop] = asyncio.Lock()
    async with turn:
        return await asyncio.to_thread(_run, fn, freeze)


#: Objects taken apart per step of ``release`` (list items, dict entries).
_PIECE = 1_000
#: How deep ``release`` goes into attributes of attributes.
_DEPTH = 4
#: How long ``release`` waits for the caller to let go of the object, before merely dropping it.
_WAIT, _WAITS = 0.005, 20
_released: queue.SimpleQueue[Any] = queue.SimpleQueue()
_releaser: threading.Thread | None = None


def release(obj: Any) -> None:
    """Let go of ``obj`` (a large structure the caller no longer uses) in a worker thread, piece by piece
    (see the module docstring). The caller must hold no other reference to it after the call."""
    global _releaser
    with _lock:
        if _releaser is None or not _releaser.is_alive():
            _releaser = threading.Thread(target=_release_forever, name="release", daemon=True)
            _releaser.start()
    _released.put(obj)


def _release_forever() -> None:
    while True:
        obj = _released.get()
        try:
            # Held here and by ``getrefcount``'s argument only, nothing else uses it (the caller may take a
            # moment to let go of its last reference: a local of a function still running).
            for _ in range(_WAITS):
                if sys.getrefcount(obj) == 2:
                    with _busy, collector_paused():
                        _take_apart(obj, _DEPTH)
                    break
                time.sleep(_WAIT)
        except Exception:  # pragma: no cover - taking apart never fails on the structures given
            log.exception("releasing %s failed", type(obj).__name__)
        del obj


def _take_apart(obj: Any, depth: int) -> None:
    """Empty ``obj`` (held by the caller alone) a piece at a time, and the pieces it alone holds."""
    if isinstance(obj, list):
        while obj:
            del obj[-_PIECE:]
    elif isinstance(obj, dict):
        while obj:
            for key in list(islice(obj, _PIECE)):
                del obj[key]
    elif isinstance(obj, tuple) and depth > 0:
        for item in obj:
            if sys.getrefcount(item) == 3:  # the tuple, this local and the argument: ours alone
                _take_apart(item, depth - 1)
    elif depth > 0 and isinstance(getattr(obj, "__dict__", None), dict):
        attrs = obj.__dict__
        while attrs:
            _, value = attrs.popitem()
            if sys.getrefcount(value) == 2:  # this local and the argument: ours alone
                _take_apart(value, depth - 1)
            del value
