"""Event-loop lag while the bot does its heaviest work: /stats charts, a deck import, autocomplete over
100,000 cards.

    .venv/bin/python bench/bench_loop.py [--cards 100000] [--samples 10000] [--runs 3] [--import-cards 5000]

The services are the bot's own (``Services.create`` on a SQLite file in a temporary folder) with a deck of
``--cards`` synthetic cards (``bench_lookup.make_deck``: terms, aliases, tags) and the real deck. A ticker task
asks to wake up every millisecond; its lag is how late it wakes (``--samples`` wake-ups per scenario, or as
many as ``--max-seconds`` allow when the loop is that slow; the interpreter and the machine add a little even
when idle: compare with the idle line). Scenarios, each
with the ticker running:

- **idle**: nothing else;
- **charts**: two /stats at a time, back to back: the member's figures read from the store, then the chart
  drawn through ``bot.core.chart.CHARTS`` exactly as the cog does (in the chart worker process);
- **import**: ``/deck import`` of a ``--import-cards``-card CSV, preview then confirm, back to back (each
  into its own server, so the per-server deck cap never refuses it);
- **re-import**: one server importing its deck again and again, alternately that file and one with a tenth
  more cards (the stored deck compared card by card, the server's term index replaced);
- **autocomplete**: /define's autocomplete (``LookupService.suggest_async``, 25 choices, as the cog awaits
  it) over the big deck, back to back (each call a separate interaction: the loop is given back between them), with queries as
  typed: prefixes, typos, two words, misses;
- **define misses**: /define (``LookupService.define_async``, as the cog awaits it; the synchronous
  ``define`` in older code) of terms no card has, back to back over the big deck: each one ranks the deck
  twice, then scans every term for the did-you-mean (``--define-in-one-go``: the synchronous ``define``, to
  compare);
- **all**: charts, import and autocomplete together.

``--collector`` applies the garbage collector's policy (``bot.core.memory.CollectorPolicy``: start-up
frozen, full collections kept short) as the runner does; without it, the interpreter's collector as it is.

Target (issue 16): lag p99 < 5 ms in every scenario. Prints min / median / max over ``--runs`` runs of each
figure, and how much work each scenario got done; asserts nothing.

``--blame MS`` says what held the loop: every callback the loop runs is timed, and those longer than ``MS``
are added up by place, printed per scenario, most CPU time first; the table then also counts the callbacks
over ``MS`` of the loop thread's CPU time (work on the loop, whatever the machine's load) and the longest. A task's step is named by where its
coroutines stood before and after it (the innermost line of the project's code): the slow code runs
between those two lines. Its CPU time is the loop thread's; wall-clock time well above it means the
thread waited (for the interpreter lock held by a worker thread, or for a CPU).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Table, percentile, qa_csv, real_cards  # noqa: E402
from bench_lookup import make_deck, make_queries  # noqa: E402

from bot.core.chart import CHARTS  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
from bot.core.memory import CollectorPolicy  # noqa: E402
from bot.core.models import Attempt, Deck, Source, VerdictKind  # noqa: E402
from bot.core.options import CoreOptions  # noqa: E402
from bot.core.service import Services  # noqa: E402
from bot.core.stats import CHART_DAYS  # noqa: E402
from bot.core.storage import AttemptWriter  # noqa: E402

TICK = 0.001
GUILD = 77
MEMBER = 1001
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


async def seed_attempts(services: Services, n: int = 3000) -> None:
    """A month of a member's answers, so /stats has figures and a chart to draw."""
    cards = real_cards()
    rng = random.Random(5)
    rows = [
        Attempt(guild_id=GUILD, channel_id=5, user_id=MEMBER, user_name="member", card_key=rng.choice(cards).key,
                source=Source.QUIZ, response="answer",
                verdict=VerdictKind.CORRECT if rng.random() < 0.6 else VerdictKind.WRONG, points=10,
                created_at=NOW - timedelta(minutes=rng.randrange(CHART_DAYS * 24 * 60)))
        for _ in range(n)
    ]  # fmt: skip
    async with services.store.transaction() as db:
        await AttemptWriter().add_many(db, rows)


class Blame:
    """While installed, times every callback the event loop runs (wall-clock, and CPU of the loop's thread)
    and adds up those over ``late`` seconds by the place they ran (see the module docstring). CPU time over
    ``late`` is work on the loop; wall-clock time over it alone is waiting (for the interpreter lock or a
    CPU)."""

    def __init__(self, late: float) -> None:
        self.late = late
        #: place -> [count over by CPU, count over by wall-clock, wall seconds, CPU seconds, longest CPU]
        self.places: dict[str, list[float]] = {}
        #: callbacks over ``late`` of CPU, and the longest CPU of any callback
        self.over = 0
        self.longest = 0.0
        #: garbage collections on the loop's thread: generation -> [count, seconds, longest seconds]
        self.collections: dict[int, list[float]] = {}
        self._run: Callable[[asyncio.Handle], None] | None = None
        self._loop_thread = threading.get_ident()
        self._gc_started = 0.0

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._loop_thread:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        took = time.perf_counter() - self._gc_started
        got = self.collections.setdefault(info["generation"], [0, 0.0, 0.0])
        got[0] += 1
        got[1] += took
        got[2] = max(got[2], took)

    def __enter__(self) -> Blame:
        self._run = run = asyncio.Handle._run
        late, places = self.late, self.places

        def timed(handle: asyncio.Handle) -> None:
            before = place(handle)
            t, c = time.perf_counter(), time.thread_time()
            try:
                run(handle)
            finally:
                wall, cpu = time.perf_counter() - t, time.thread_time() - c
                self.longest = max(self.longest, cpu)
                if wall > late or cpu > late:
                    self.over += cpu > late
                    key = f"{before}  ->  {place(handle)}"
                    got = places.setdefault(key, [0, 0, 0.0, 0.0, 0.0])
                    got[0] += cpu > late
                    got[1] += wall > late
                    got[2] += wall
                    got[3] += cpu
                    got[4] = max(got[4], cpu)

        asyncio.Handle._run = timed  # type: ignore[method-assign,assignment]
        gc.callbacks.append(self._on_gc)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._run is not None:
            asyncio.Handle._run = self._run  # type: ignore[method-assign,assignment]
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def add(self, other: Blame) -> None:
        for generation, (n, took, longest) in other.collections.items():
            got = self.collections.setdefault(generation, [0, 0.0, 0.0])
            got[0] += n
            got[1] += took
            got[2] = max(got[2], longest)
        self.over += other.over
        self.longest = max(self.longest, other.longest)
        for key, figures in other.places.items():
            got = self.places.setdefault(key, [0, 0, 0.0, 0.0, 0.0])
            for i in range(4):
                got[i] += figures[i]
            got[4] = max(got[4], figures[4])

    def print(self, label: str, top: int) -> None:
        ranked = sorted(self.places.items(), key=lambda kv: (-kv[1][3], -kv[1][2]))
        print(f"\ncallbacks over {self.late * 1000:g} ms on the loop, {label}: {self.over} over by CPU time,"
              f" the longest {self.longest * 1000:.1f} ms of CPU; by place, most CPU first:")  # fmt: skip
        for generation, (n, took, longest) in sorted(self.collections.items()):
            print(f"  garbage collections of generation {generation} on the loop: {int(n)}, {took * 1000:.1f} ms in all,"
                  f" the longest {longest * 1000:.1f} ms")  # fmt: skip
        for key, (n_cpu, n_wall, wall, cpu, longest) in ranked[:top]:
            print(f"  {int(n_cpu):5d} over by CPU, {int(n_wall):5d} by wall-clock: cpu {cpu * 1000:8.1f} ms,"
                  f" wall {wall * 1000:8.1f} ms, longest cpu {longest * 1000:6.1f} ms")  # fmt: skip
            print(f"        {key}")


def place(handle: asyncio.Handle) -> str:
    """Where a callback stands: for a task's step, the innermost line of the project's code (else the
    innermost line) its coroutines are stopped at; else the callback itself."""
    callback = getattr(handle, "_callback", None)
    task = getattr(callback, "__self__", None)
    coro = task.get_coro() if isinstance(task, asyncio.Task) else None
    if coro is None:
        return repr(callback)[:120]
    frames = []
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            frames.append(frame)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    ours = [f for f in frames if "/bot/" in f.f_code.co_filename] or frames[-1:] or []
    if not ours:
        return "(task starting or done)"
    f = ours[-1]
    return f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}"


async def ticker(samples: int, seconds: float) -> list[float]:
    """How late (seconds) a 1 ms timer fires, ``samples`` times in a row (fewer if ``seconds`` run out)."""
    lags: list[float] = []
    loop = asyncio.get_running_loop()
    stop_at = loop.time() + seconds
    while len(lags) < samples and loop.time() < stop_at:
        t0 = loop.time()
        await asyncio.sleep(TICK)
        lags.append(max(0.0, loop.time() - t0 - TICK))
    return lags


Work = Callable[[asyncio.Event, list[int]], Coroutine[Any, Any, None]]
#: What runs beside the ticker: (what one unit is called, the work, how many copies at once).
Load = list[tuple[str, Work, int]]


def chart_work(services: Services) -> Work:
    async def run(stop: asyncio.Event, done: list[int]) -> None:
        while not stop.is_set():
            stats = await services.stats.stats(GUILD, MEMBER)
            await CHARTS.render(stats.days, f"Last {CHART_DAYS} days")
            done[0] += 1

    return run


def import_work(services: Services, data: bytes) -> Work:
    guilds = iter(range(10_000, 1_000_000))

    async def run(stop: asyncio.Event, done: list[int]) -> None:
        admin = getattr(services, "decks", None)
        if admin is None:
            return
        while not stop.is_set():
            guild = next(guilds)
            preview = await admin.preview(guild, "bench.csv", data, "bench-deck", user_id=MEMBER)
            await admin.confirm(guild, preview.token, user_id=MEMBER)
            done[0] += 1

    return run


def reimport_work(services: Services, data: bytes, again: bytes) -> Work:
    """One server re-importing its deck over and over, alternately ``data`` and ``again`` (the same cards
    and a tenth more): the stored deck is compared card by card, and the server's term index replaced."""
    guild = 9_999

    async def run(stop: asyncio.Event, done: list[int]) -> None:
        admin = getattr(services, "decks", None)
        if admin is None:
            return
        while not stop.is_set():
            upload = again if done[0] % 2 else data
            preview = await admin.preview(guild, "bench.csv", upload, "bench-deck", user_id=MEMBER)
            await admin.confirm(guild, preview.token, user_id=MEMBER)
            done[0] += 1

    return run


def autocomplete_work(services: Services, queries: list[str]) -> Work:
    lookup = services.lookup
    stepwise = getattr(lookup, "suggest_async", None)  # what the cog awaits (older code: ``suggest``)

    async def run(stop: asyncio.Event, done: list[int]) -> None:
        i = 0
        while not stop.is_set():
            if stepwise is not None:
                await stepwise(queries[i % len(queries)], 25, guild_id=GUILD)
            else:
                lookup.suggest(queries[i % len(queries)], 25, guild_id=GUILD)
            i += 1
            done[0] += 1
            await asyncio.sleep(0)  # the next autocomplete is another interaction

    return run


def define_miss_work(services: Services, misses: list[str], *, in_one_go: bool = False) -> Work:
    lookup = services.lookup
    # What the cog awaits (older code, or ``in_one_go``: the synchronous ``define``).
    stepwise = None if in_one_go else getattr(lookup, "define_async", None)

    async def run(stop: asyncio.Event, done: list[int]) -> None:
        i = 0
        while not stop.is_set():
            query = misses[i % len(misses)]
            if stepwise is not None:
                await stepwise(query, guild_id=GUILD)
            else:
                lookup.define(query, guild_id=GUILD)
            i += 1
            done[0] += 1
            await asyncio.sleep(0)  # the next /define is another interaction

    return run


async def scenario(samples: int, seconds: float, works: Load) -> tuple[list[float], list[int], float]:
    stop = asyncio.Event()
    counts = [[0] for _ in works]
    tasks = [
        asyncio.create_task(work(stop, count))
        for (_, work, copies), count in zip(works, counts, strict=True)
        for _ in range(copies)
    ]
    await asyncio.sleep(0.05)  # let the work get going
    began = time.perf_counter()
    lags = await ticker(samples, seconds)
    seconds = time.perf_counter() - began
    stop.set()
    await asyncio.gather(*tasks)
    return lags, [c[0] for c in counts], seconds


async def main_async(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    t = time.perf_counter()
    cards = make_deck(args.cards, rng)
    big = Deck(id="synthetic", title="A large deck", cards=tuple(cards))
    by_kind = make_queries(cards, 2000, rng)
    queries = [q for qs in by_kind.values() for q in qs]
    rng.shuffle(queries)
    misses = by_kind["miss"]
    data = qa_csv(args.import_cards)
    again = qa_csv(args.import_cards + args.import_cards // 10)
    print(f"{args.cards:,}-card deck and {len(queries):,} queries made in {time.perf_counter() - t:.1f} s")
    table = Table(f"Event-loop lag, {args.samples:,} samples of a 1 ms timer per scenario (target p99 < 5 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        options = CoreOptions(db_path=Path(tmp) / "loop.sqlite3", cards_dir=ROOT / "cards",
                              deck_max_bytes=20_000_000, deck_max_cards=100_000)  # fmt: skip
        t = time.perf_counter()
        services = await Services.create(options, decks=[*load_decks(ROOT / "cards"), big], clock=lambda: NOW)
        print(f"services up in {time.perf_counter() - t:.1f} s")
        policy = None
        if args.collector:  # as the runner applies it once started
            await asyncio.sleep(0.5)  # the start-up's builds in worker threads
            policy = CollectorPolicy().start(services.catalog)
        try:
            await seed_attempts(services)
            await CHARTS.warm()
            services.lookup.suggest("warm", 25, guild_id=GUILD)
            charts, imports = chart_work(services), import_work(services, data)
            autocomplete = autocomplete_work(services, queries)
            chart_load, import_load = ("charts", charts, 2), ("imports", imports, 1)
            reimport_load = ("re-imports", reimport_work(services, data, again), 1)
            autocomplete_load = ("autocompletes", autocomplete, 1)
            define_load = ("/define misses", define_miss_work(services, misses, in_one_go=args.define_in_one_go), 1)
            scenarios: list[tuple[str, Load]] = [
                ("idle", []),
                ("charts (2 at a time)", [chart_load]),
                (f"import ({args.import_cards:,} cards)", [import_load]),
                (f"re-import ({args.import_cards:,} cards, then a tenth more)", [reimport_load]),
                (f"autocomplete ({args.cards:,} cards)", [autocomplete_load]),
                (f"define misses ({args.cards:,} cards)", [define_load]),
                ("all three", [chart_load, import_load, autocomplete_load]),
            ]
            if args.only:
                wanted = {w.strip() for w in args.only.split(",")}
                scenarios = [(label, works) for label, works in scenarios if label.split()[0] in wanted]
            blamed = {label: Blame((args.blame or 0) / 1000) for label, _ in scenarios}
            for run in range(args.runs):
                for label, works in scenarios:
                    if args.blame:
                        with Blame(args.blame / 1000) as blame:
                            lags, done, seconds = await scenario(args.samples, args.max_seconds, works)
                        blamed[label].add(blame)
                        table.add(f"{label}: callbacks > {args.blame:g} ms CPU", blame.over, "")
                        table.add(f"{label}: longest callback CPU", blame.longest, "ms")
                    else:
                        lags, done, seconds = await scenario(args.samples, args.max_seconds, works)
                    table.add(f"{label}: p50", percentile(lags, 0.5), "ms")
                    table.add(f"{label}: p99", percentile(lags, 0.99), "ms", "< 5 ms")
                    table.add(f"{label}: max", max(lags), "ms")
                    rates = ", ".join(f"{n / seconds:,.1f} {name}/s" for n, (name, _, _) in zip(done, works, strict=True))
                    print(f"run {run + 1}, {label}: {len(lags):,} samples in {seconds:.1f} s,"
                          f" {rates or 'nothing else running'}", flush=True)  # fmt: skip
        finally:
            if policy is not None:
                policy.uninstall()
            await services.close()
            CHARTS.close()
    table.print()
    for label, blame in blamed.items() if args.blame else ():
        blame.print(label, args.blame_top)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-cards", type=int, default=5000)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="a scenario stops sampling after this long")
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval (the interpreter's 0.005 if unset)")
    parser.add_argument("--blame", type=float, metavar="MS", help="add up the loop's callbacks over MS, by place")
    parser.add_argument("--blame-top", type=int, default=12, help="places printed per scenario with --blame")
    parser.add_argument("--collector", action="store_true",
                        help="the garbage collector's policy as the runner applies it (bot.core.memory)")
    parser.add_argument("--define-in-one-go", action="store_true",
                        help="define misses: the synchronous define (the loop held for the whole lookup), to compare")
    parser.add_argument("--only", help="comma-separated scenario names to run (idle, charts, import, re-import, autocomplete, define, all)")
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
