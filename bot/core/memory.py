"""The cyclic garbage collector's policy for a long-running bot: every collection short, nothing leaked.

How CPython 3.11 collects: objects that can hold references are *tracked* in three generations. A young
collection (generation 0, then 1 every tenth) walks only the recently made objects; the survivors of a
generation-1 collection join generation 2, the old objects. A *full* collection walks generation 2 as
well; it runs when ten generation-1 collections have happened since the last one *and* the objects that
joined generation 2 since then (``long_lived_pending``) are more than a quarter of those the last full
collection left (``long_lived_total``). It holds the interpreter lock from start to end, whichever thread
runs it: the event loop waits the whole time.

What a full collection walks is everything long-lived: the loaded decks and their term indexes, the
grader's tables and its compiled cards (each card compiled on its first answer: about two hundred objects
a card, a few thousand cards kept), the modules' code. With only the 88-card shipped deck that is 30 ms a
collection; it grows with every card compiled. ``gc.freeze()`` moves every tracked object to a permanent
generation that no collection walks; a frozen object is still freed by reference counting when nothing
refers to it any more (a compiled card dropped from its cache, an index replaced by a newer one). Only a
*cycle* of objects that were alive when frozen and died later is never freed: the decks, the indexes and
the compiled cards make no cycles (``tests/test_memory_collector.py``), the code of one request in flight
may.

The policy (``CollectorPolicy``, installed by the runner):

1. **start-up** (``settle``): once the services are up and the extensions loaded, one full collection
   (nothing else runs yet) and a freeze: later collections never walk the start-up set;
2. **builds** (``bot.core.lookup.offloop``): a build in a worker thread that leaves many objects (a term
   index, a deck read from an upload, the grader's names of the decks) is frozen as soon as it ends, so
   the next young collection does not walk it all at once;
3. **after a slow full collection**: when a full collection took more than ``SLOW`` of the collecting
   thread's CPU time, the long-lived set has grown (cards compiled, caches filled, quizzes started):
   what survived is frozen at once, from the collector's own "stop" callback. Every object still tracked
   at that moment has just survived a full collection, so no garbage is frozen; what can stay for good
   is only a cycle among objects then alive that dies later (the objects of a request in flight at that
   instant, if they make one);
4. **after a deck change** (``deck_changed``): the next full collection freezes what survives it, however
   short it was.

After each freeze the policy runs one more full collection (in a thread of its own, of nearly nothing):
the interpreter measures the next "quarter more" from what that collection leaves, not from what the
slow one walked, so the next full collection comes soon and is short. The thresholds (``THRESHOLDS``)
make a full collection due after every generation-1 collection, itself after every third young one: a
full collection walks only what became long-lived since the last one, and under load nearly every one
ends in a freeze.

Measured (``bench/bench_gc.py``: 1,000 answers a second over a 5,000-card deck, a 2,000-card import in
the middle, 2 cores shared, median of 3 runs): the longest full collection 227 ms of CPU with the
interpreter's own rhythm, 6 ms with the policy (young collections under 5 ms), the collector's CPU time
44 ms a second of load against 18, at the same memory. Unfreezing everything at the end finds 258 objects
of garbage the freezes kept (classes of the pure-Python ``datetime`` module, once). Cyclic garbage made
*inside* a build is frozen with the build: a recursive closure called for every imported card showed up
that way (since rewritten), so keep reference cycles out of code that builds.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.core.catalog import Catalog

log = logging.getLogger(__name__)

#: A full collection longer than this (CPU time of the thread that ran it) freezes what survived it.
SLOW = 0.001
#: The collector's thresholds while the policy is installed (the interpreter's are 700, 10, 10): a
#: generation-1 collection after every third young one, and a full collection due after every generation-1
#: one (still only once the long-lived objects grew by a quarter), so each walks little.
THRESHOLDS = (700, 3, 1)
#: The interpreter's thread switch interval (seconds) the runner sets for the bot's whole life
#: (``sys.setswitchinterval``; CPython's default is 0.005). A thread waiting for the interpreter lock asks
#: the one holding it to let go after this long: the event loop waits at most this long for a busy thread
#: (an import being read, the database's thread running a batch's hooks), and the database's thread, which
#: takes the lock back after every statement, waits at most this long for a busy event loop.
SWITCH_INTERVAL = 0.001
#: The switch interval while the database's thread writes a group commit (``quick_switches``): that thread
#: gives the interpreter lock back during every statement and takes it back after, and a busy event loop
#: lets go of it this soon once asked (bench/bench_answers.py). Only then: beside other busy threads (an
#: import, chart data being read) the loop's own work is cut in slices this short and waits behind theirs
#: (bench/bench_loop.py, all three at once).
QUICK_SWITCH_INTERVAL = 0.00005


@dataclass
class CollectorStats:
    """What the collector did since the policy was installed."""

    #: generation -> [collections, seconds of CPU in all, longest seconds of CPU]
    collections: dict[int, list[float]] = field(default_factory=dict)
    #: freezes after a full collection (``SLOW`` or a deck change)
    freezes: int = 0

    def longest(self, generation: int) -> float:
        """The longest collection of ``generation`` (seconds of CPU; 0 if none ran)."""
        got = self.collections.get(generation)
        return got[2] if got else 0.0


class CollectorPolicy:
    """Freezes the long-lived objects at start-up and whenever a full collection shows they grew (see the
    module docstring). ``install`` hooks it into the collector; ``uninstall`` takes it out."""

    def __init__(self, *, slow: float = SLOW, thresholds: tuple[int, int, int] = THRESHOLDS) -> None:
        self.slow = slow
        self.thresholds = thresholds
        self._thresholds_before: tuple[int, int, int] | None = None
        self.stats = CollectorStats()
        self._armed = False
        self._recounting = False
        self._recount = threading.Event()
        self._installed = False
        self._started: dict[int, float] = {}

    def start(self, catalog: Catalog | None = None) -> CollectorPolicy:
        """Apply the policy once start-up is over (what the runner does): ``settle``, ``install``, and be
        told of ``catalog``'s deck changes."""
        self.settle()
        self.install()
        if catalog is not None:
            catalog.subscribe(self.deck_changed)
        return self

    # -- the points where the long-lived set grows ---------------------------------------------------
    def settle(self) -> int:
        """Start-up is over: collect everything once and freeze what is left. Returns how many objects are
        frozen. Runs a full collection: call it before the bot serves anyone."""
        gc.collect()
        gc.freeze()
        frozen = gc.get_freeze_count()
        log.info("garbage collector: %d objects of the start-up frozen", frozen)
        return frozen

    def deck_changed(self, *_: Any) -> None:
        """A deck was loaded, replaced or removed: freeze what survives the next full collection (usable as
        a ``Catalog.subscribe`` callback)."""
        self._armed = True

    # -- the collector's callback -------------------------------------------------------------------
    def install(self) -> CollectorPolicy:
        """Start watching the collections (idempotent)."""
        if not self._installed:
            gc.callbacks.append(self._on_collection)
            self._thresholds_before = gc.get_threshold()
            gc.set_threshold(*self.thresholds)
            self._installed = True
            self._recounting = False
            threading.Thread(target=self._recounter, name="gc-recount", daemon=True).start()
        return self

    def uninstall(self) -> None:
        """Stop watching the collections."""
        if self._installed:
            if self._on_collection in gc.callbacks:
                gc.callbacks.remove(self._on_collection)
            if self._thresholds_before is not None:
                gc.set_threshold(*self._thresholds_before)
            self._installed = False
            self._recount.set()  # the recounting thread sees it is uninstalled and ends

    def _on_collection(self, phase: str, info: dict[str, int]) -> None:
        thread = threading.get_ident()
        if phase == "start":
            self._started[thread] = time.thread_time()
            return
        began = self._started.pop(thread, None)
        if began is None:
            return
        took = time.thread_time() - began
        generation = info["generation"]
        got = self.stats.collections.setdefault(generation, [0, 0.0, 0.0])
        got[0] += 1
        got[1] += took
        got[2] = max(got[2], took)
        if generation == 2 and (took > self.slow or self._armed) and not self._recounting:
            # Everything still tracked has just survived this full collection: alive, not garbage.
            # (``gc.get_freeze_count`` would walk the frozen objects: not counted here.)
            self._armed = False
            gc.freeze()
            self.stats.freezes += 1
            # The interpreter waits for a quarter as many new long-lived objects as this collection left
            # before the next full one: a collection now (of nearly nothing) brings that down to the few
            # made since, so the next full collection comes early, and short.
            self._recounting = True
            self._recount.set()

    def _recounter(self) -> None:
        while True:
            self._recount.wait()
            self._recount.clear()
            if not self._installed:
                return
            try:
                gc.collect()
            finally:
                self._recounting = False


# -- the interpreter's thread switch interval -----------------------------------------------------------
_switch_lock = threading.Lock()
_switch_asked: list[float] = []  # the intervals asked for by the work running now
_switch_base = 0.005  # the interval to go back to when nothing asks (read when the first request starts)


class SwitchRequest:
    """A piece of work that wants the interpreter to switch threads at least every ``seconds`` while it runs
    (``start`` ... ``end``, from any thread). The interval in force is the shortest asked for by the work
    running now; when the last such work ends, the one in force before the first began comes back. Pieces
    of work may overlap in any order (a deck build beside a group commit)."""

    __slots__ = ("seconds", "_running")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._running = False

    def start(self) -> None:
        global _switch_base
        with _switch_lock:
            if self._running:
                return
            if not _switch_asked:
                _switch_base = sys.getswitchinterval()
            _switch_asked.append(self.seconds)
            self._running = True
            sys.setswitchinterval(min([_switch_base, *_switch_asked]))

    def end(self) -> None:
        with _switch_lock:
            if not self._running:
                return
            self._running = False
            _switch_asked.remove(self.seconds)
            sys.setswitchinterval(min([_switch_base, *_switch_asked]))


@contextmanager
def switch_interval(seconds: float) -> Iterator[None]:
    """Run the block with a switch interval of at most ``seconds`` (``SwitchRequest``)."""
    request = SwitchRequest(seconds)
    request.start()
    try:
        yield
    finally:
        request.end()


def quick_switches() -> AbstractContextManager[None]:
    """``switch_interval(QUICK_SWITCH_INTERVAL)``: for the database's thread while it writes a group commit."""
    return switch_interval(QUICK_SWITCH_INTERVAL)
