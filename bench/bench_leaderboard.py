"""Leaderboard and /stats speed on a big guild (10,000 members, 1,000,000 attempts over a year), and the
event loop's lag while boards are read and /stats charts are drawn.

    .venv/bin/python bench/bench_leaderboard.py [--members 10000] [--attempts 1000000] [--runs 3]
        [--queries 300] [--mixed 10000] [--lag 10000] [--db PATH]

The database is a real SQLite file (in a temporary folder, or ``--db PATH``: generated there once, then
reused by later runs); the answers are written through the one attempt writer (``AttemptWriter``), so the
summary triggers run for every row, as in production. Measured through the services the cogs call
(aiosqlite, thread hops included), each part repeated ``--runs`` times; min / median / max of the runs:

* **each query** (``--queries`` calls each): board pages of every period, topic boards, a caller's rank
  far down the board, the live week (read from the answers: the fallback when the stored week cannot be
  rebuilt), /stats of the most active and of a median member, in their own and in the server view;
* **a mixed stream** of ``--mixed`` requests (3 boards for every /stats; random periods, topics, pages,
  callers; members picked by activity): p50 / p99 / max of what members get. Target: p99 < 20 ms;
* **event-loop lag** (``--lag`` samples of how late a 1 ms timer fires) with nothing running, while
  /stats charts are drawn (back to back, two at a time; and 20 a second) in a worker thread and in the
  chart process (what the cog uses), and while the mixed stream runs with charts. Target: p99 < 5 ms.
  The machine's own scheduling shows in the idle line: compare the others with it.

Then the plans of the main queries: ``EXPLAIN QUERY PLAN`` on SQLite; ``EXPLAIN ANALYZE`` (the statements as
the PostgreSQL store translates them) with ``--database-url``. Prints numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import fresh_schema  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core.chart import ChartRenderer  # noqa: E402
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind  # noqa: E402
from bot.core.service import Services  # noqa: E402
from bot.core.stats import CHART_DAYS, DayCount, StatsService  # noqa: E402
from bot.core.storage import Store, from_ms, now_ms  # noqa: E402
from bot.core.storage import stats_queries as sq  # noqa: E402
from bot.core.storage.attempts import AttemptWriter  # noqa: E402
from bot.core.storage.deck_queries import DeckQueries  # noqa: E402

GUILD = 111
OTHER_GUILD = 222
ZONE = "Europe/Paris"
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)  # a Wednesday, mid-month
TAGS = ["transformers", "nlp", "llms", "sampling", "optimization", "training", "vision", "rl", "ethics",
        "retrieval", "evaluation", "data"]  # fmt: skip
BATCH = 50_000
LAG_INTERVAL = 0.001


def make_deck(rng: random.Random, n: int = 90) -> Deck:
    cards = tuple(
        Card(deck="bench", id=f"card-{i}", question=f"Question {i}?", answer=f"Answer {i}.", term=f"term {i}",
             accept=(f"term {i}",), tags=tuple(rng.sample(TAGS, rng.randint(1, 3))))
        for i in range(n)
    )  # fmt: skip
    return Deck(id="bench", title="Bench deck", cards=cards)


def activity_weights(members: int) -> list[float]:
    """Activity follows a power law: a few very active members, a long tail of occasional ones."""
    return [1 / (i + 1) ** 0.8 for i in range(members)]


async def generate(store: Store, deck: Deck, members: int, attempts: int, seed: int = 7) -> float:
    """Fill the database through the attempt writer, in one transaction; returns seconds taken."""
    rng = random.Random(seed)
    began = time.perf_counter()
    keys = [c.key for c in deck.cards]
    users = rng.choices(range(1, members + 1), weights=activity_weights(members), k=attempts)
    skill = {u: rng.uniform(0.3, 0.95) for u in range(1, members + 1)}
    year_ms = 365 * 24 * 3600 * 1000
    end = now_ms(NOW)
    writer = AttemptWriter()
    wrong = (VerdictKind.WRONG, VerdictKind.ALMOST, VerdictKind.PARTIAL, VerdictKind.EMPTY)
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?)", (GUILD, ZONE, end)
        )
        quizzes: dict[str, tuple[int, int]] = {}
        batch: list[Attempt] = []
        times = sorted(end - rng.randrange(year_ms) for _ in range(attempts))  # answers arrive in time order
        for n, (user, at) in enumerate(zip(users, times, strict=True)):
            r = rng.random()
            source = Source.QUIZ if r < 0.7 else Source.DAILY if r < 0.9 else Source.PRACTICE
            ok = rng.random() < skill[user]
            verdict = VerdictKind.CORRECT if ok else rng.choice(wrong)
            points = (10 if source == Source.QUIZ else 15 if source == Source.DAILY else 0) if ok else 0
            session = None
            if source == Source.QUIZ:
                session = f"q{at // 600_000}"  # one channel quiz per 10 minutes
                quizzes.setdefault(session, (at, user))
            guild = OTHER_GUILD if n % 50 == 0 else GUILD  # a second guild, to keep queries honest
            batch.append(Attempt(
                guild_id=guild, channel_id=5, user_id=user, user_name=f"member{user}", card_key=rng.choice(keys),
                source=source, response="answer", verdict=verdict, points=points, created_at=from_ms(at),
                session_id=session,
            ))  # fmt: skip
            if len(batch) == BATCH:
                await writer.add_many(db, batch)
                batch.clear()
        await writer.add_many(db, batch)
        await db.executemany(
            "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status, winner_id,"
            " created_at, ended_at) VALUES (?, ?, 5, ?, 'typed', 0, 10, 'finished', ?, ?, ?)",
            [(q, GUILD, u, u, at, at + 300_000) for q, (at, u) in quizzes.items()],
        )
        await db.executemany(
            "INSERT INTO daily_streaks (guild_id, user_id, user_name, current, best, last_day)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(GUILD, u, f"member{u}", rng.randint(0, 9), rng.randint(9, 30), "2026-03-17") for u in range(1, 2001)],
        )
    async with store.transaction() as db:
        await db.execute("ANALYZE")
    return time.perf_counter() - began


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def timed(fn: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    """Milliseconds per call, ``runs`` calls after one warm-up."""
    await fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


class Table:
    """Figures of several runs, printed as min / median / max of the runs."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, list[float]]] = {}

    def add(self, label: str, samples: list[float]) -> None:
        figures = {"p50": statistics.median(samples), "p99": percentile(samples, 0.99), "max": max(samples)}
        row = self.rows.setdefault(label, {})
        for key, value in figures.items():
            row.setdefault(key, []).append(value)

    def print(self, title: str, unit: str = "ms") -> None:
        print(f"\n{title} ({unit}; min / median / max of {max(len(v['p50']) for v in self.rows.values())} runs)")
        print(f"  {'':<56} {'p50':>22} {'p99':>22} {'max':>22}")
        for label, row in self.rows.items():
            cells = [
                f"{min(row[k]):6.2f} {statistics.median(row[k]):6.2f} {max(row[k]):7.2f}" for k in ("p50", "p99", "max")
            ]
            print(f"  {label:<56} {cells[0]:>22} {cells[1]:>22} {cells[2]:>22}")


async def deck_board(q: Any, window: sq.Window, caller: int) -> None:
    """The first page of a deck's board read live, and the caller's rank on it, as the service reads them."""
    await q.live_board_page(GUILD, window, "", offset=0, limit=10, deck="bench")
    await q.live_member_rank(GUILD, window, "", caller, deck="bench")


async def per_query(stats: StatsService, heavy: int, median: int, low: int, runs: int, table: Table) -> None:
    q = stats.queries
    week = stats.window(NOW, await stats.zone(GUILD), "week")
    every = sq.Window(week.zone, 0, 253_402_300_799_999)
    cases: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("leaderboard week, caller on page 1", lambda: stats.leaderboard(GUILD, "week", caller_id=heavy)),
        ("leaderboard week + caller's rank", lambda: stats.leaderboard(GUILD, "week", caller_id=low)),
        ("leaderboard month + caller's rank", lambda: stats.leaderboard(GUILD, "month", caller_id=low)),
        ("leaderboard all + caller's rank (last place)", lambda: stats.leaderboard(GUILD, "all", caller_id=low)),
        ("leaderboard all, page 500", lambda: stats.leaderboard(GUILD, "all", page=500, caller_id=heavy)),
        ("leaderboard all, topic 'nlp'", lambda: stats.leaderboard(GUILD, "all", "nlp", caller_id=low)),
        ("leaderboard week, topic 'nlp'", lambda: stats.leaderboard(GUILD, "week", "nlp", caller_id=low)),
        ("caller's rank alone (all, last place)", lambda: q.member_rank(GUILD, "all", "", low)),
        ("live week page + size (read-only fallback)", lambda: q.live_board_page(GUILD, week, "", offset=0, limit=10)),
        # a deck whose name other decks' cards carry as a tag: its board is read live, all time here, every
        # answer of the guild on its cards (the worst case)
        ("live all-time board of one deck + caller's rank", lambda: deck_board(q, every, low)),
        ("live week board of one deck + caller's rank", lambda: deck_board(q, week, low)),
        ("/stats own view, most active member", lambda: stats.stats(GUILD, heavy)),
        ("/stats server view, most active member", lambda: stats.stats(GUILD, heavy, include_practice=False)),
        ("/stats own view, median member", lambda: stats.stats(GUILD, median)),
        ("/stats server view, median member", lambda: stats.stats(GUILD, median, include_practice=False)),
    ]
    for label, fn in cases:
        table.add(label, await timed(fn, runs))


@dataclass(frozen=True, slots=True)
class Request:
    """One member's /leaderboard (period, topic, page) or /stats (own view or the server view)."""

    member: int
    period: str | None = None  # None: a /stats request
    topic: str | None = None
    page: int = 0
    own: bool = True


def mixed_requests(rng: random.Random, members: int, n: int) -> list[Request]:
    """Three board views for every /stats, as a server's members would use them."""
    weights = activity_weights(members)
    requests: list[Request] = []
    for _ in range(n):
        member = rng.choices(range(1, members + 1), weights=weights)[0]
        if rng.random() < 0.75:
            period = rng.choice(("week", "week", "month", "all"))
            topic = rng.choice(TAGS) if rng.random() < 0.2 else None
            page = 0 if rng.random() < 0.8 else rng.randint(1, 5)
            requests.append(Request(member, period, topic, page))
        else:
            requests.append(Request(member, own=rng.random() < 0.7))
    return requests


async def run_mixed(stats: StatsService, requests: list[Request]) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"board": [], "stats": []}
    for r in requests:
        t0 = time.perf_counter()
        if r.period is not None:
            await stats.leaderboard(GUILD, r.period, r.topic, r.page, caller_id=r.member)
        else:
            await stats.stats(GUILD, r.member, include_practice=r.own)
        samples["board" if r.period is not None else "stats"].append((time.perf_counter() - t0) * 1000)
    return samples


async def lag_probe(samples: int) -> list[float]:
    """How late (ms) a 1 ms timer fires, ``samples`` times in a row."""
    lags = []
    for _ in range(samples):
        t0 = time.perf_counter()
        await asyncio.sleep(LAG_INTERVAL)
        lags.append(max(0.0, (time.perf_counter() - t0 - LAG_INTERVAL) * 1000))
    return lags


async def charts_forever(
    renderer: ChartRenderer, days: list[DayCount], stop: asyncio.Event, count: list[int], every: float = 0.0
) -> None:
    """Draw charts until ``stop``: back to back, or one every ``every`` seconds."""
    loop = asyncio.get_running_loop()
    due = loop.time()
    while not stop.is_set():
        await renderer.render(days, f"Last {CHART_DAYS} days")
        count[0] += 1
        if every:
            due += every
            await asyncio.sleep(max(0.0, due - loop.time()))


async def queries_forever(stats: StatsService, requests: list[Request], stop: asyncio.Event, count: list[int]) -> None:
    i = 0
    while not stop.is_set():
        await run_mixed(stats, requests[i % len(requests): i % len(requests) + 1])
        i += 1
        count[0] += 1


async def loop_lag(stats: StatsService, heavy: int, requests: list[Request], samples: int, table: Table) -> None:
    """Loop lag with nothing running; while charts are drawn back to back (two /stats at a time, all the
    time) and at 20 a second (far more /stats than a server asks for), in a worker thread and in the chart
    process (what the cog uses); and with the stream of board and /stats requests running too."""
    days = (await stats.stats(GUILD, heavy)).days
    in_thread, in_process = ChartRenderer(processes=0), ChartRenderer()
    await in_process.warm()
    scenarios: list[tuple[str, ChartRenderer | None, float, bool]] = [
        ("idle", None, 0.0, False),
        ("charts back to back, thread", in_thread, 0.0, False),
        ("charts back to back, chart process", in_process, 0.0, False),
        ("charts 20/s, thread", in_thread, 0.1, False),
        ("charts 20/s, chart process", in_process, 0.1, False),
        ("charts 20/s (process) + board and /stats stream", in_process, 0.1, True),
    ]
    try:
        for label, renderer, every, with_queries in scenarios:
            stop = asyncio.Event()
            charts, queries = [0], [0]
            workers = [
                asyncio.create_task(charts_forever(renderer, days, stop, charts, every))
                for _ in range(2 if renderer is not None else 0)
                if renderer is not None
            ]
            if with_queries:
                workers.append(asyncio.create_task(queries_forever(stats, requests, stop, queries)))
            began = time.perf_counter()
            lags = await lag_probe(samples)
            seconds = time.perf_counter() - began
            stop.set()
            await asyncio.gather(*workers)
            table.add(f"loop lag, {label}", lags)
            print(f"  loop lag, {label}: {charts[0] / seconds:.0f} charts/s, {queries[0] / seconds:.0f} requests/s")
    finally:
        in_process.close()


def plans(path: Path, heavy: int) -> None:
    """EXPLAIN QUERY PLAN of the queries the service runs (the same SQL strings)."""
    db = sqlite3.connect(path)
    board = {"g": GUILD, "scope": "all", "topic": "", "exclude": "[]", "limit": 10, "offset": 0}
    week = {"g": GUILD, "p": "week", "start": now_ms(NOW - timedelta(days=2)), "end": now_ms(NOW)}
    member = {"g": GUILD, "u": heavy}
    queries: dict[str, tuple[str, dict[str, Any]]] = {
        "board page (index walk)": (sq.BOARD_PAGE_SQL, board),
        "board size": (sq.BOARD_SIZE_SQL, board),
        "caller's rank": (sq.MEMBER_RANK_SQL, {**board, "u": heavy}),
        "week window rebuild": (sq.WINDOW_ROWS_SQL.split(" SELECT ", 1)[1].join(("SELECT ", "")), week),
        "live week page": (sq.LIVE_PAGE_SQL, {**week, "topic": "", "exclude": "[]", "limit": 10, "offset": 0}),
        "live all-time page of one deck": (
            sq.LIVE_DECK_PAGE_SQL,
            {**week, "start": 0, "deck": "bench", "exclude": "[]", "limit": 10, "offset": 0},
        ),
        "stats: points this week": (sq.POINTS_SINCE_SQL, {**member, "since": week["start"]}),
        "stats: topics (server view)": (sq.SCORED_TOPIC_SCORES_SQL, {**member, "min": 5, "n": 3}),
        "stats: 30-day series (server view)": (sq.SCORED_DAILY_COUNTS_SQL, {**member, "bounds": "[0, 1000, 2000]"}),
    }
    print("\nEXPLAIN QUERY PLAN")
    for label, (sql, params) in queries.items():
        print(f"  {label}:")
        for row in db.execute("EXPLAIN QUERY PLAN " + sql, params):
            print(f"    {row[3]}")
    db.close()


async def pg_plans(store: Any, heavy: int, bounds: list[int]) -> None:
    """EXPLAIN ANALYZE on PostgreSQL of the queries the service runs, as the store translates them, for the most
    active member (their 30-day chart with the chart's own day bounds)."""
    from bot.core.storage.pg.compat import translate

    board = {"g": GUILD, "scope": "all", "topic": "", "exclude": "[]", "limit": 10, "offset": 0}
    member = {"g": GUILD, "u": heavy}
    queries: dict[str, tuple[str, dict[str, Any]]] = {
        "board page (index walk)": (sq.BOARD_PAGE_SQL, board),
        "caller's rank": (sq.MEMBER_RANK_SQL, {**board, "u": heavy}),
        "stats: summary": (sq.SUMMARY_SQL, {**member, "since": bounds[-8]}),
        "stats: topics (server view)": (sq.SCORED_TOPIC_SCORES_SQL, {**member, "min": 5, "n": 3}),
        "stats: 30-day series (server view)": (sq.PG_SCORED_DAILY_COUNTS_SQL, {**member, "bounds": bounds}),
    }
    print("\nEXPLAIN ANALYZE (PostgreSQL; most active member)")
    async with store.raw_transaction() as raw:
        for label, (sql, params) in queries.items():
            t = translate(sql)
            args = [params[n] for n in t.names or ()]
            print(f"  {label}:")
            for row in await raw.fetch("EXPLAIN (ANALYZE, COSTS OFF, BUFFERS) " + t.sql, *args):
                print(f"    {row[0]}")


def size_mib(path: Path) -> float:
    return path.stat().st_size / 2**20


async def prepare(path: Path, deck: Deck, members: int, attempts: int, *, exists: bool) -> None:
    if exists:
        print(f"reusing {path} ({size_mib(path):.0f} MiB)")
        return
    store = await Store.open(path)
    try:
        await DeckQueries(store).sync_decks([deck], now=NOW)
        seconds = await generate(store, deck, members, attempts)
    finally:
        await store.close()
    print(f"generated {attempts:,} attempts by {members:,} members in {seconds:.1f} s "
          f"(through the attempts triggers; database {size_mib(path):.0f} MiB)")  # fmt: skip


async def measure(path: Path, deck: Deck, args: argparse.Namespace, database_url: str | None = None) -> None:
    settings = Settings(db_path=path, cards_dir=path.parent, database_url=database_url)
    services = await Services.create(settings.core, decks=[deck], clock=lambda: NOW)
    stats = services.stats
    try:
        for period in ("week", "month"):
            t0 = time.perf_counter()
            await stats.leaderboard(GUILD, period, caller_id=1)
            print(f"first {period} board of the period (window built from attempts if new): "
                  f"{(time.perf_counter() - t0) * 1000:.0f} ms")  # fmt: skip
        board = await stats.leaderboard(GUILD, "all")
        low = (await stats.queries.board_page(GUILD, "all", "", offset=board.total - 1, limit=1)).rows[0].user_id
        heavy = board.rows[0].user_id
        s = await stats.stats(GUILD, heavy)
        print(f"{board.total:,} members on the all-time board; most active member: {s.answers:,} answers, "
              f"{s.quizzes_played:,} quizzes")  # fmt: skip
        requests = mixed_requests(random.Random(3), args.members, args.mixed)
        queries, mixed, lag = Table(), Table(), Table()
        for run in range(args.runs):
            print(f"\nrun {run + 1}/{args.runs}")
            await per_query(stats, heavy, args.members // 2, low, args.queries, queries)
            samples = await run_mixed(stats, requests)
            mixed.add(f"/leaderboard ({len(samples['board']):,} requests)", samples["board"])
            mixed.add(f"/stats ({len(samples['stats']):,} requests)", samples["stats"])
            mixed.add("all requests", samples["board"] + samples["stats"])
            await loop_lag(stats, heavy, requests, args.lag, lag)
        engine = "PostgreSQL, asyncpg" if database_url else "SQLite, aiosqlite, thread hops included"
        queries.print(f"Each query, {args.queries} calls (2 cores; {engine})")
        mixed.print(f"Mixed stream of {args.mixed:,} requests (target p99 < 20 ms)")
        lag.print(f"Event-loop lag, {args.lag:,} samples of a 1 ms timer (target p99 < 5 ms)")
        if database_url is not None:
            zone = await stats.zone(GUILD)
            today = NOW.astimezone(zone).date()
            days = [today - timedelta(days=CHART_DAYS - 1 - i) for i in range(CHART_DAYS + 1)]
            bounds = [now_ms(datetime.combine(d, datetime.min.time(), zone)) for d in days]
            await pg_plans(services.store, heavy, bounds)
    finally:
        await services.close()
    if database_url is None:
        plans(path, heavy)


async def measure_on(path: Path, deck: Deck, args: argparse.Namespace) -> None:
    """Measure on the SQLite file, or, with ``--database-url``, on a copy of it in a fresh PostgreSQL schema
    (made by ``tutorbot migrate``'s copy, so both engines hold the same rows)."""
    if not args.database_url:
        await measure(path, deck, args)
        return
    from bot.cli.migrate import migrate

    async with fresh_schema(args.database_url) as url:
        assert url is not None
        t0 = time.perf_counter()
        report = await migrate(path, url)
        print(f"\ncopied {report.rows:,} rows into PostgreSQL in {time.perf_counter() - t0:.1f} s")
        await measure(path, deck, args, url)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=300, help="calls of each query per run")
    parser.add_argument("--mixed", type=int, default=10_000, help="requests in the mixed stream")
    parser.add_argument("--lag", type=int, default=10_000, help="loop-lag samples per scenario")
    parser.add_argument("--db", type=Path, help="database file: generated if missing, else reused")
    parser.add_argument(
        "--database-url", help="also copy it into a fresh schema on this PostgreSQL server and measure there instead"
    )
    args = parser.parse_args()
    deck = make_deck(random.Random(1))
    if args.db is not None:
        await prepare(args.db, deck, args.members, args.attempts, exists=args.db.exists())
        await measure_on(args.db, deck, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        await prepare(path, deck, args.members, args.attempts, exists=False)
        await measure_on(path, deck, args)


if __name__ == "__main__":
    asyncio.run(main())
