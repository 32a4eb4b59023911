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
- **autocomplete**: /define's autocomplete (``LookupService.suggest``, 25 choices) over the big deck,
  back to back (each call a separate interaction: the loop is given back between them), with queries as
  typed: prefixes, typos, two words, misses;
- **all**: the three together.

Target (issue 16): lag p99 < 5 ms in every scenario. Prints min / median / max over ``--runs`` runs of each
figure, and how much work each scenario got done; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Table, percentile, qa_csv, real_cards  # noqa: E402
from bench_lookup import make_deck, make_queries  # noqa: E402

from bot.core.chart import CHARTS  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
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


Work = Callable[[asyncio.Event, list[int]], Awaitable[None]]
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


def autocomplete_work(services: Services, queries: list[str]) -> Work:
    async def run(stop: asyncio.Event, done: list[int]) -> None:
        i = 0
        while not stop.is_set():
            services.lookup.suggest(queries[i % len(queries)], 25, guild_id=GUILD)
            i += 1
            done[0] += 1
            await asyncio.sleep(0)  # the next autocomplete is another interaction

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
    queries = [q for qs in make_queries(cards, 2000, rng).values() for q in qs]
    rng.shuffle(queries)
    data = qa_csv(args.import_cards)
    print(f"{args.cards:,}-card deck and {len(queries):,} queries made in {time.perf_counter() - t:.1f} s")
    table = Table(f"Event-loop lag, {args.samples:,} samples of a 1 ms timer per scenario (target p99 < 5 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        options = CoreOptions(db_path=Path(tmp) / "loop.sqlite3", cards_dir=ROOT / "cards",
                              deck_max_bytes=20_000_000, deck_max_cards=100_000)  # fmt: skip
        t = time.perf_counter()
        services = await Services.create(options, decks=[*load_decks(ROOT / "cards"), big], clock=lambda: NOW)
        print(f"services up in {time.perf_counter() - t:.1f} s")
        try:
            await seed_attempts(services)
            await CHARTS.warm()
            services.lookup.suggest("warm", 25, guild_id=GUILD)
            charts, imports = chart_work(services), import_work(services, data)
            autocomplete = autocomplete_work(services, queries)
            chart_load, import_load = ("charts", charts, 2), ("imports", imports, 1)
            autocomplete_load = ("autocompletes", autocomplete, 1)
            scenarios: list[tuple[str, Load]] = [
                ("idle", []),
                ("charts (2 at a time)", [chart_load]),
                (f"import ({args.import_cards:,} cards)", [import_load]),
                (f"autocomplete ({args.cards:,} cards)", [autocomplete_load]),
                ("all three", [chart_load, import_load, autocomplete_load]),
            ]
            if args.only:
                wanted = {w.strip() for w in args.only.split(",")}
                scenarios = [(label, works) for label, works in scenarios if label.split()[0] in wanted]
            for run in range(args.runs):
                for label, works in scenarios:
                    lags, done, seconds = await scenario(args.samples, args.max_seconds, works)
                    table.add(f"{label}: p50", percentile(lags, 0.5), "ms")
                    table.add(f"{label}: p99", percentile(lags, 0.99), "ms", "< 5 ms")
                    table.add(f"{label}: max", max(lags), "ms")
                    rates = ", ".join(f"{n / seconds:,.1f} {name}/s" for n, (name, _, _) in zip(done, works, strict=True))
                    print(f"run {run + 1}, {label}: {len(lags):,} samples in {seconds:.1f} s,"
                          f" {rates or 'nothing else running'}", flush=True)  # fmt: skip
        finally:
            await services.close()
            CHARTS.close()
    table.print()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-cards", type=int, default=5000)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="a scenario stops sampling after this long")
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval (the interpreter's 0.005 if unset)")
    parser.add_argument("--only", help="comma-separated scenario names to run (idle, charts, import, autocomplete, all)")
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
