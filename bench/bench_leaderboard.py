"""Leaderboard and /stats speed on a big guild: 10,000 members, 1,000,000 attempts over a year.

    .venv/bin/python bench/bench_leaderboard.py [--members 10000] [--attempts 1000000] [--runs 200]

The database is a real SQLite file in a temporary folder; the answers are written through the one
attempt writer (``AttemptWriter``), so the summary triggers of migration 0004 run for every row, as in
production.
Prints generation time, p50/p99 per query (target: p99 < 50 ms) and ``EXPLAIN QUERY PLAN`` of the main
queries. Prints numbers only; nothing is asserted.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind  # noqa: E402
from bot.core.service import Services  # noqa: E402
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


def make_deck(rng: random.Random, n: int = 90) -> Deck:
    cards = tuple(
        Card(deck="bench", id=f"card-{i}", question=f"Question {i}?", answer=f"Answer {i}.", term=f"term {i}",
             accept=(f"term {i}",), tags=tuple(rng.sample(TAGS, rng.randint(1, 3))))
        for i in range(n)
    )  # fmt: skip
    return Deck(id="bench", title="Bench deck", cards=cards)


async def generate(store: Store, deck: Deck, members: int, attempts: int, seed: int = 7) -> float:
    """Fill the database through the attempt writer, in one transaction; returns seconds taken."""
    rng = random.Random(seed)
    began = time.perf_counter()
    keys = [c.key for c in deck.cards]
    # Activity follows a power law: a few very active members, a long tail of occasional ones.
    weights = [1 / (i + 1) ** 0.8 for i in range(members)]
    users = rng.choices(range(1, members + 1), weights=weights, k=attempts)
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


async def timed(label: str, fn: Callable[[], Awaitable[object]], runs: int) -> None:
    await fn()  # warm
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(f"  {label:<44} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms")


def plans(path: Path, heavy: int) -> None:
    """EXPLAIN QUERY PLAN of the queries the service runs (the same SQL strings)."""
    db = sqlite3.connect(path)
    board = {"g": GUILD, "scope": "all", "topic": "", "exclude": "[]", "limit": 10, "offset": 0}
    week = {"g": GUILD, "p": "week", "start": now_ms(NOW - timedelta(days=2)), "end": now_ms(NOW)}
    member = {"g": GUILD, "u": heavy}
    queries = {
        "board page (RANK() over the index walk)": (sq.BOARD_PAGE_SQL, board),
        "board size": (sq.BOARD_SIZE_SQL, board),
        "caller's rank": (sq.MEMBER_RANK_SQL, {**board, "u": heavy}),
        "week window rebuild": (sq.WINDOW_ROWS_SQL.split(" SELECT ", 1)[1].join(("SELECT ", "")), week),
        "week window rebuild, topics": (sq.WINDOW_TOPIC_ROWS_SQL.split(" SELECT ", 1)[1].join(("SELECT ", "")), week),
        "stats: points this week": (sq.POINTS_SINCE_SQL, {**member, "since": week["start"]}),
        "stats: topics": (sq.TOPIC_SCORES_SQL, {**member, "min": 5, "n": 3}),
        "stats: 30-day series": (sq.DAILY_COUNTS_SQL, {**member, "bounds": "[0, 1000, 2000]"}),
    }
    print("\nEXPLAIN QUERY PLAN")
    for label, (sql, params) in queries.items():
        print(f"  {label}:")
        for row in db.execute("EXPLAIN QUERY PLAN " + sql, params):
            print(f"    {row[3]}")
    db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)
    deck = make_deck(rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        store = await Store.open(path)
        try:
            await DeckQueries(store).sync_decks([deck], now=NOW)
            seconds = await generate(store, deck, args.members, args.attempts)
        finally:
            await store.close()
        size = path.stat().st_size / 2**20
        print(f"generated {args.attempts:,} attempts by {args.members:,} members in {seconds:.1f} s "
              f"(through the attempts triggers; database {size:.0f} MiB)")  # fmt: skip

        settings = Settings(db_path=path, cards_dir=Path(tmp))
        services = await Services.create(settings.core, decks=[deck], clock=lambda: NOW)
        stats = services.stats
        try:
            for period in ("week", "month"):
                t0 = time.perf_counter()
                await stats.leaderboard(GUILD, period, caller_id=1)
                print(f"first {period} board of the period (window built from attempts): "
                      f"{(time.perf_counter() - t0) * 1000:.0f} ms")  # fmt: skip
            board = await stats.leaderboard(GUILD, "all")
            print(f"{board.total:,} members on the all-time board; top: {board.rows[0].name} {board.rows[0].points}")
            low = (await stats.queries.board_page(GUILD, "all", "", offset=board.total - 1, limit=1)).rows[0]
            heavy = board.rows[0].user_id
            print(f"\n{args.runs} runs each (2 cores; aiosqlite, including the thread hop):")
            runs = args.runs
            await timed("leaderboard week, page 1 (caller on it)", lambda: stats.leaderboard(GUILD, "week", caller_id=heavy), runs)
            await timed("leaderboard week, page 1 + caller's rank", lambda: stats.leaderboard(GUILD, "week", caller_id=low.user_id), runs)
            await timed("leaderboard all, page 1 + caller's rank", lambda: stats.leaderboard(GUILD, "all", caller_id=low.user_id), runs)
            await timed("leaderboard month, page 1 + caller's rank", lambda: stats.leaderboard(GUILD, "month", caller_id=low.user_id), runs)
            await timed("leaderboard all, page 500", lambda: stats.leaderboard(GUILD, "all", page=500, caller_id=heavy), runs)
            await timed("leaderboard all, topic 'nlp'", lambda: stats.leaderboard(GUILD, "all", "nlp", caller_id=low.user_id), runs)
            await timed("leaderboard week, topic 'nlp'", lambda: stats.leaderboard(GUILD, "week", "nlp", caller_id=low.user_id), runs)
            await timed("caller's rank alone (all, last place)", lambda: stats.queries.member_rank(GUILD, "all", "", low.user_id), runs)
            await timed("caller's rank alone (week)", lambda: stats.queries.member_rank(GUILD, "week", "", low.user_id), runs)
            await timed("/stats, most active member (no chart)", lambda: stats.stats(GUILD, heavy), runs)
            await timed("/stats, a median member (no chart)", lambda: stats.stats(GUILD, args.members // 2), runs)
            s = await stats.stats(GUILD, heavy)
            print(f"  (most active member: {s.answers:,} answers, {s.quizzes_played:,} quizzes)")
            from bot.core.chart import render_activity

            await timed("chart PNG (worker thread, not in the target)", lambda: asyncio.to_thread(render_activity, s.days, "member1"), 20)
        finally:
            await services.close()
        plans(path, heavy)


if __name__ == "__main__":
    asyncio.run(main())
