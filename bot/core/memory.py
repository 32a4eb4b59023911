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

5. **while saturated** (``Backlog``: a thousand answers in flight, more than the bot keeps up with): the
   thresholds become ``SATURATED_THRESHOLDS`` until fewer than a hundred have been in flight for two
   seconds. A saturated bot's requests wait in the queue for hundreds of milliseconds, so every object of
   one survives a young collection, then a generation-1 one, and is walked again by a full one before it
   is frozen: three walks of everything in flight. With a young collection every 20,000 objects, most of
   a request's objects are walked once and die before a generation-1 collection. Each young collection is
   longer (20-130 ms flat out, against 1-50 ms), but at that backlog an answer already waits longer than
   that in the queue, and the CPU the collector no longer takes goes to answering: flat out
   (``bench/bench_answers.py``, 100 quizzes × 20 players, four pairs run in turn), the collections' pauses
   fell from 1.1-1.2 s to 0.35-0.40 s in 8 s runs, the event loop's CPU per answer by 13-20%, and the
   answers a second rose in three pairs of four by 13-20% (in one the two were level).

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
from collections.abc import Callable, Iterator
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
#: The thresholds while the bot is saturated (``Backlog``: more answers in flight than ``SATURATED_AT``):
#: a young collection only after 20,000 new objects, so a request's objects are mostly walked once, by a
#: young collection, instead of again by a generation-1 and a full one. Each young collection is then
#: longer (about 20 ms of a 2-core machine's CPU, flat out), but a saturated bot's answers already wait far
#: longer than that in the queue; what it needs is the CPU (``bench/bench_answers.py``: see the README).
SATURATED_THRESHOLDS = (20_000, 5, 1)
#: Answers in flight (taken, not yet committed and returned) at which the bot counts as saturated, and
#: below which it no longer does. At 2,000 answers a second with a p99 under 20 ms about 40 are in flight.
SATURATED_AT = 1000
RELIEVED_AT = 100
#: How long fewer than ``RELIEVED_AT`` answers must be in flight before the bot no longer counts as saturated.
CALM_SECONDS = 2.0
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


class Backlog:
    """How many answers the process has taken and not yet returned, and whether that is more than it keeps
    up with. ``saturated`` turns on when ``high`` answers are in flight, and off again once fewer than
    ``low`` have been in flight for ``calm`` seconds on end (a saturated bot's answers come in waves, and
    between two waves the queue empties for a moment); each change is told to the listeners
    (``subscribe``). Process-wide (``BACKLOG``), as the collector is. ``enter`` and ``leave`` are called on
    the event loop; ``poll`` (the collector's policy calls it at each collection) ends a calm spell that no
    answer came to end."""

    __slots__ = ("in_flight", "saturated", "high", "low", "calm", "clock", "_calm_since", "_listeners")

    def __init__(
        self,
        *,
        high: int = SATURATED_AT,
        low: int = RELIEVED_AT,
        calm: float = CALM_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.in_flight = 0
        self.saturated = False
        self.high = high
        self.low = low
        self.calm = calm
        self.clock = clock
        self._calm_since: float | None = None
        self._listeners: list[Callable[[bool], None]] = []

    def enter(self) -> None:
        self.in_flight += 1
        if not self.saturated:
            if self.in_flight >= self.high:
                self._change(True)
        elif self._calm_since is not None and self.in_flight >= self.low:
            self._calm_since = None

    def leave(self) -> None:
        self.in_flight -= 1
        if self.saturated and self.in_flight < self.low:
            self.poll()

    def poll(self) -> None:
        """Turn ``saturated`` off if fewer than ``low`` answers have been in flight for ``calm`` seconds."""
        if not self.saturated or self.in_flight >= self.low:
            return
        now = self.clock()
        if self._calm_since is None:
            self._calm_since = now
        if now - self._calm_since >= self.calm:
            self._change(False)

    def subscribe(self, listener: Callable[[bool], None]) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[bool], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _change(self, saturated: bool) -> None:
        self.saturated = saturated
        self._calm_since = None
        for listener in list(self._listeners):
            try:
                listener(saturated)
            except Exception:  # a listener's failure must not fail the answer that crossed the mark
                log.exception("backlog listener failed")


#: The process's answers in flight (``QuizService.answer``).
BACKLOG = Backlog()


@dataclass
class CollectorStats:
    """What the collector did since the policy was installed."""

    #: generation -> [collections, seconds of CPU in all, longest seconds of CPU]
    collections: dict[int, list[float]] = field(default_factory=dict)
    #: freezes after a full collection (``SLOW`` or a deck change)
    freezes: int = 0
    #: times the bot became saturated (``Backlog``) and the collector took ``SATURATED_THRESHOLDS``
    saturations: int = 0

    def longest(self, generation: int) -> float:
        """The longest collection of ``generation`` (seconds of CPU; 0 if none ran)."""
        got = self.collections.get(generation)
        return got[2] if got else 0.0


class CollectorPolicy:
    """Freezes the long-lived objects at start-up and whenever a full collection shows they grew (see the
    module docstring). ``install`` hooks it into the collector; ``uninstall`` takes it out."""

    def __init__(
        self,
        *,
        slow: float = SLOW,
        thresholds: tuple[int, int, int] = THRESHOLDS,
        saturated_thresholds: tuple[int, int, int] = SATURATED_THRESHOLDS,
        backlog: Backlog | None = None,
    ) -> None:
        self.slow = slow
        self.thresholds = thresholds
        self.saturated_thresholds = saturated_thresholds
        self.backlog = BACKLOG if backlog is None else backlog
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

    def saturation(self, saturated: bool) -> None:
        """The bot became saturated (more answers in flight than it keeps up with) or no longer is: take
        ``saturated_thresholds`` or go back to ``thresholds`` (a ``Backlog`` listener)."""
        if not self._installed:
            return
        if saturated:
            self.stats.saturations += 1
            log.info("garbage collector: saturated, %d answers in flight", self.backlog.in_flight)
        gc.set_threshold(*(self.saturated_thresholds if saturated else self.thresholds))

    # -- the collector's callback -------------------------------------------------------------------
    def install(self) -> CollectorPolicy:
        """Start watching the collections (idempotent)."""
        if not self._installed:
            gc.callbacks.append(self._on_collection)
            self._thresholds_before = gc.get_threshold()
            self._installed = True
            self.backlog.subscribe(self.saturation)
            self.saturation(self.backlog.saturated)
            self._recounting = False
            threading.Thread(target=self._recounter, name="gc-recount", daemon=True).start()
        return self

    def uninstall(self) -> None:
        """Stop watching the collections."""
        if self._installed:
            self.backlog.unsubscribe(self.saturation)
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
            if self.backlog.saturated:
                self.backlog.poll()
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
