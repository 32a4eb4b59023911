"""The daily question's due check and posting queue at scale.

    .venv/bin/python bench/bench_daily.py [--guilds 10000] [--burst 2000] [--history 30] [--runs 200]
                                          [--workers 1,4,8] [--send-ms 5] [--review-guilds 100]
                                          [--review-members 50]

A real SQLite file in a temporary folder holds ``--guilds`` schedules spread over the day in many time zones,
plus ``--burst`` more whose post falls due in the same minute, and ``--history`` days of past posts per
guild (so card choice reads a realistic history), and review states (``--review-members`` members who met every
card, some due) in ``--review-guilds`` of the burst guilds, so the card order of the review feature has
something to rank. Prints:

* the due check (:meth:`DailyService.due_work`) p50/p99 over ``--runs`` runs, in a quiet minute and in the
  burst minute (target: under 50 ms), with ``EXPLAIN QUERY PLAN`` of its queries (the constants of
  :mod:`bot.core.storage.daily_queries`);
* how the burst drains through :func:`bot.core.daily.run_pool`: each item claims its post (the real
  transaction with the UNIQUE key), "sends" it through a fake sender that sleeps ``--send-ms``, and records it
  as posted. Total drain time, posts per second and the maximum concurrency observed, per pool size;
  then, with the largest pool, without the card order and with it (the order is read before each claim's
  write transaction; "claim" times the whole claim, order included).

Prints numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import fresh_schema  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core import schedule  # noqa: E402
from bot.core.daily import GuildWork, run_pool  # noqa: E402
from bot.core.models import Card, Deck  # noqa: E402
from bot.core.service import Services  # noqa: E402
from bot.core.storage import now_ms  # noqa: E402
from bot.core.storage.daily_queries import (  # noqa: E402
    CARD_HISTORY_SQL,
    DUE_POSTS_SQL,
    DUE_RESENDS_SQL,
    DUE_REVEAL_TAKEOVERS_SQL,
    DUE_REVEALS_SQL,
)

NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
ZONES = [
    "UTC", "Europe/London", "Europe/Paris", "Europe/Moscow", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Tokyo", "Asia/Singapore",
    "Australia/Sydney", "Pacific/Auckland", "Africa/Lagos", "Asia/Kathmandu", "America/St_Johns",
]  # fmt: skip
TAGS = ["transformers", "nlp", "llms", "sampling", "optimization", "training", "vision", "rl"]


def make_deck(rng: random.Random, n: int = 90) -> Deck:
    cards = tuple(
        Card(deck="bench", id=f"card-{i}", question=f"Question {i}?", answer=f"Answer {i}.", term=f"term {i}",
             accept=(f"term {i}",), tags=tuple(rng.sample(TAGS, rng.randint(1, 3))))
        for i in range(n)
    )  # fmt: skip
    return Deck(id="bench", title="Bench deck", cards=cards)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def populate(services: Services, guilds: int, burst: int, history: int, rng: random.Random) -> float:
    """Schedules (most spread over the day, ``burst`` due at NOW) and past posts; returns seconds taken."""
    began = time.perf_counter()
    keys = [c.key for c in services.catalog.askable]
    stamp = now_ms(NOW)
    schedules = []
    posts = []
    for g in range(1, guilds + burst + 1):
        zone = ZoneInfo(rng.choice(ZONES))
        if g > guilds:  # the burst: this guild's local post time is exactly NOW
            local = NOW.astimezone(zone)
            at = dtime(local.hour, local.minute)
        else:
            at = dtime(rng.randrange(24), rng.randrange(0, 60, 5))
        today = schedule.local_date(NOW, zone)
        last = today - timedelta(days=1)
        day, post_at = schedule.next_post(NOW, at, zone, last_posted_day=last)
        if g > guilds:
            assert post_at == NOW, (zone, at, post_at)
        schedules.append(
            (g, 10_000 + g, f"{at:%H:%M}", zone.key, None, 20, (day - timedelta(days=1)).isoformat(),
             now_ms(post_at), stamp)
        )  # fmt: skip
        for back in range(history, 0, -1):
            d = day - timedelta(days=back)
            p_at = schedule.local_post_time(d, at, zone)
            closes = p_at + timedelta(hours=20)
            revealed = now_ms(closes) if closes <= NOW else None
            posts.append(
                (g, d.isoformat(), rng.choice(keys), 10_000 + g, 1, "posted", now_ms(p_at), now_ms(p_at),
                 now_ms(closes), revealed)
            )  # fmt: skip
    async with services.store.transaction() as db:
        await db.executemany(
            "INSERT INTO daily_schedules (guild_id, channel_id, post_time, zone, topic, answer_hours,"
            " handled_day, next_post_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            schedules,
        )
        await db.executemany(
            "INSERT INTO daily_posts (guild_id, local_day, card_key, channel_id, message_id, state, claimed_at,"
            " post_at, closes_at, revealed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            posts,
        )
    async with services.store.read() as db:
        await db.execute("ANALYZE")
    return time.perf_counter() - began


async def populate_reviews(services: Services, first: int, guilds: int, members: int, rng: random.Random) -> int:
    """Review states for ``members`` members x every card in burst guilds ``first ..``; about a tenth due."""
    keys = [c.key for c in services.catalog.askable]
    stamp = now_ms(NOW)
    day = 86_400_000
    rows = []
    for g in range(first, first + guilds):
        for u in range(1, members + 1):
            for key in keys:
                due = stamp + rng.randrange(-2, 20) * day
                rows.append((g, u, key, 2, None, 5.0, 5.0, due, stamp - day, 3, 0, stamp - 30 * day, "quiz"))
    async with services.store.transaction() as db:
        await db.executemany(
            "INSERT INTO review_states (guild_id, user_id, card_key, state, step, stability, difficulty, due_at,"
            " last_at, reps, lapses, first_at, first_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    async with services.store.read() as db:
        await db.execute("ANALYZE")
    return len(rows)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def time_due_check(services: Services, at: datetime, runs: int) -> tuple[list[float], list[GuildWork]]:
    times = []
    work: list[GuildWork] = []
    for _ in range(runs):
        began = time.perf_counter()
        work = await services.daily.due_work(at)
        times.append((time.perf_counter() - began) * 1000)
    return times, work


async def explain(services: Services) -> None:
    """The query plans of the due check's queries and the card history, as the daily feature runs them."""
    stamp = now_ms(NOW)
    queries = [
        ("posts due", DUE_POSTS_SQL, (stamp,)),
        ("sends to retry", DUE_RESENDS_SQL, (stamp,)),
        ("reveals due", DUE_REVEALS_SQL, (stamp,)),
        ("reveals to take over", DUE_REVEAL_TAKEOVERS_SQL, (stamp, stamp - 12 * 3600 * 1000, 20)),
        ("card history", CARD_HISTORY_SQL, (1,)),
    ]
    async with services.store.read() as db:
        for name, sql, params in queries:
            plan = await db.execute_fetchall("EXPLAIN QUERY PLAN " + sql, params)
            print(f"  {name:15s} " + " | ".join(str(r[3]) for r in plan))


async def reset_burst(services: Services) -> None:
    """Undo a drain: the posts made at NOW removed, their schedules due at NOW again."""
    async with services.store.transaction() as db:
        rows = await db.execute_fetchall(
            "SELECT s.guild_id, s.zone FROM daily_posts p JOIN daily_schedules s USING (guild_id)"
            " WHERE p.post_at = ?",
            (now_ms(NOW),),
        )
        await db.execute("DELETE FROM daily_posts WHERE post_at = ?", (now_ms(NOW),))
        for r in rows:
            today = schedule.local_date(NOW, ZoneInfo(r["zone"]))
            await db.execute(
                "UPDATE daily_schedules SET handled_day = ?, next_post_at = ? WHERE guild_id = ?",
                ((today - timedelta(days=1)).isoformat(), now_ms(NOW), r["guild_id"]),
            )


async def drain(services: Services, work: list[GuildWork], workers: int, send_ms: float, label: str = "") -> None:
    sent = 0
    in_flight = 0
    max_in_flight = 0
    claim_ms: list[float] = []

    async def handle(item: GuildWork) -> None:
        nonlocal sent, in_flight, max_in_flight
        began = time.perf_counter()
        claim = await services.daily.claim_due(item.guild_id, NOW)
        claim_ms.append((time.perf_counter() - began) * 1000)
        if claim is None:
            return
        in_flight += 1
        max_in_flight = max(max_in_flight, in_flight)
        try:
            await asyncio.sleep(send_ms / 1000)  # the fake sender: one Discord request
        finally:
            in_flight -= 1
        await services.daily.mark_posted(claim.post_id, 1)
        sent += 1

    stats = await run_pool(work, handle, workers=workers)
    again = await services.daily.due_work(NOW)
    print(
        f"  {label}workers={workers:<3d} {len(work)} due guilds -> {sent} posts in {stats.seconds:6.2f} s"
        f"  ({sent / stats.seconds:6.0f} posts/s)  max concurrency {stats.max_concurrency}"
        f" (sends in flight {max_in_flight})  claim p50 {statistics.median(claim_ms):.2f} ms"
        f" p99 {pct(claim_ms, 0.99):.2f} ms  failed {stats.failed}  still due after: {len(again)}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guilds", type=int, default=10_000)
    parser.add_argument("--burst", type=int, default=2_000)
    parser.add_argument("--history", type=int, default=30)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--workers", default="1,4,8")
    parser.add_argument("--send-ms", type=float, default=5.0)
    parser.add_argument("--review-guilds", type=int, default=100)
    parser.add_argument("--review-members", type=int, default=50)
    parser.add_argument("--database-url", help="run on a fresh schema of this PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_schema(args.database_url) as url:
            settings = Settings(db_path=Path(tmp) / "bench.sqlite3", cards_dir=ROOT / "cards", database_url=url)
            services = await Services.create(settings.core, decks=[make_deck(rng)], clock=FixedClock(NOW), rng=rng)
            try:
                took = await populate(services, args.guilds, args.burst, args.history, rng)
                size = settings.db_path.stat().st_size / 1e6 if url is None else 0.0
                print(
                    f"{args.guilds} guilds spread over the day + {args.burst} due at {NOW:%H:%M} UTC, "
                    f"{args.history} days of history ({(args.guilds + args.burst) * args.history} posts); "
                    f"generated in {took:.1f} s, {size:.0f} MB"
                )
                began = time.perf_counter()
                states = await populate_reviews(
                    services, args.guilds + 1, min(args.review_guilds, args.burst), args.review_members, rng
                )
                print(f"{states} review states in {min(args.review_guilds, args.burst)} burst guilds "
                      f"({time.perf_counter() - began:.1f} s)")  # fmt: skip
                if url is None:
                    print("query plans:")
                    await explain(services)
                quiet = NOW - timedelta(minutes=2, seconds=30)
                times, work = await time_due_check(services, quiet, args.runs)
                print(f"due check, quiet minute: {len(work):5d} due   p50 {statistics.median(times):6.2f} ms"
                      f"  p99 {pct(times, 0.99):6.2f} ms  max {max(times):6.2f} ms")  # fmt: skip
                times, work = await time_due_check(services, NOW, args.runs)
                print(f"due check, burst minute: {len(work):5d} due   p50 {statistics.median(times):6.2f} ms"
                      f"  p99 {pct(times, 0.99):6.2f} ms  max {max(times):6.2f} ms  (target < 50 ms)")  # fmt: skip
                wake = []
                for _ in range(args.runs):
                    began = time.perf_counter()
                    await services.daily.next_wakeup()
                    wake.append((time.perf_counter() - began) * 1000)
                print(f"next wake-up query: p50 {statistics.median(wake):.2f} ms  p99 {pct(wake, 0.99):.2f} ms")
                print(f"posting queue, fake sender {args.send_ms:g} ms per message:")
                order = services.daily.daily_order
                pools = [int(w) for w in args.workers.split(",")]
                for n in pools:
                    await reset_burst(services)
                    _, work = await time_due_check(services, NOW, 1)
                    await drain(services, work, n, args.send_ms)
                print("the card order (review states), largest pool:")
                for label, wanted in (("order off ", None), ("order on  ", order)):
                    services.daily.daily_order = wanted
                    await reset_burst(services)
                    _, work = await time_due_check(services, NOW, 1)
                    await drain(services, work, pools[-1], args.send_ms, label)
                services.daily.daily_order = order
            finally:
                await services.close()
    print(f"(machine: {os.cpu_count()} cores)")


if __name__ == "__main__":
    asyncio.run(main())
