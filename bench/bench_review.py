"""Spaced-repetition speed: picking a member's due cards, and the cost a review adds to the answer path.

    .venv/bin/python bench/bench_review.py [--cards 12000] [--logs 1000000] [--runs 3] [--samples 1000]

The database is a real SQLite file in a temporary folder: a deck of 12,000 cards, one member with 10,000
card states (about a fifth of them due), 99 other members with 2,000 states each, and 1,000,000 review logs
in all. Two measurements, each repeated ``--runs`` times (min / median / max of the runs are printed):

* **due-card selection**: ``ReviewQueries.due_cards`` (the most overdue cards of the member, with and
  without a topic filter), and the whole "next card" step of a session (due cards, the card's state, the
  daily new-card allowance and the due count). Target: p99 < 10 ms.
* **state update on the answer path**: one graded answer committed the way the features commit it (the
  attempt writer in a transaction), with a writer that has no hook and with one that has the review hook
  subscribed (as the services wire it: the hook runs in a savepoint); the difference is what reviews add.
  Also a group commit of 20 answers (what a busy channel quiz writes at once), per answer. Target: < 1 ms.

Prints numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.catalog import Catalog  # noqa: E402
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind  # noqa: E402
from bot.core.review import ReviewService  # noqa: E402
from bot.core.storage import DeckQueries, Store  # noqa: E402
from bot.core.storage.attempts import AttemptWriter  # noqa: E402
from bot.core.storage.review_queries import to_ms  # noqa: E402

GUILD = 111
MEMBER = 42
OTHERS = 99
OTHER_STATES = 2_000
MEMBER_STATES = 10_000
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
TAGS = ["transformers", "nlp", "llms", "sampling", "optimization", "training", "vision", "rl"]
BATCH = 50_000
GROUP = 20
DAY_MS = 86_400_000


def make_deck(rng: random.Random, n: int) -> Deck:
    cards = tuple(
        Card(deck="bench", id=f"card-{i}", question=f"Question {i}?", answer=f"Answer {i}.", term=f"term {i}",
             accept=(f"term {i}",), tags=tuple(rng.sample(TAGS, rng.randint(1, 2))))
        for i in range(n)
    )  # fmt: skip
    return Deck(id="bench", title="Bench deck", cards=cards)


def state_row(rng: random.Random, user: int, key: str) -> tuple[object, ...]:
    now = to_ms(NOW)
    last = now - rng.randrange(1, 60) * DAY_MS
    due = now + rng.randrange(-20 * DAY_MS, 80 * DAY_MS)  # about a fifth due now
    return (GUILD, user, key, 2, None, rng.uniform(1, 200), rng.uniform(1, 10), due, last, 5, 0, last - 90 * DAY_MS,
            "quiz", None, None)  # fmt: skip


def log_row(rng: random.Random, user: int, key: str) -> tuple[object, ...]:
    at = to_ms(NOW) - rng.randrange(1, 400) * DAY_MS
    return (GUILD, user, key, at, rng.randint(1, 4), "quiz", "correct", None, None, 0.9, None,
            2, None, 10.0, 5.0, at, at - DAY_MS, 2, None, 12.0, 5.0, at + 12 * DAY_MS)  # fmt: skip


async def generate(store: Store, keys: list[str], total_logs: int, seed: int = 7) -> float:
    """States and logs written directly (bulk), in one transaction; returns seconds taken."""
    from bot.core.storage.review_queries.states import INSERT_LOG_SQL, UPSERT_STATE_SQL

    rng = random.Random(seed)
    began = time.perf_counter()
    owners = [(MEMBER, rng.sample(keys, MEMBER_STATES))]
    owners += [(1000 + i, rng.sample(keys, OTHER_STATES)) for i in range(OTHERS)]
    all_states = sum(len(k) for _, k in owners)
    async with store.transaction() as db:
        for user, mine in owners:
            await db.executemany(UPSERT_STATE_SQL, [state_row(rng, user, k) for k in mine])
        written = 0
        while written < total_logs:
            batch = []
            for _ in range(min(BATCH, total_logs - written)):
                user, mine = owners[0] if rng.random() < MEMBER_STATES / all_states else rng.choice(owners[1:])
                batch.append(log_row(rng, user, rng.choice(mine)))
            await db.executemany(INSERT_LOG_SQL, batch)
            written += len(batch)
    async with store.transaction() as db:
        await db.execute("ANALYZE")
    async with store.read() as db:  # a steady state: the bulk load folded into the database file
        await db.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - began


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


async def timed(n: int, call: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    samples = []
    for i in range(n):
        began = time.perf_counter()
        await call(i)
        samples.append(time.perf_counter() - began)
    return percentiles(samples)


async def one_run(store: Store, review: ReviewService, keys: list[str], samples: int, seed: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    queries = review.queries
    results: dict[str, tuple[float, float]] = {}
    results["due_cards (10 most overdue)"] = await timed(
        samples, lambda i: queries.due_cards(GUILD, MEMBER, NOW + timedelta(minutes=i), limit=10)
    )
    results["due_cards, topic filter"] = await timed(
        samples, lambda i: queries.due_cards(GUILD, MEMBER, NOW, topics=["llms", "rl"], limit=10)
    )

    async def next_card(i: int) -> object:
        return await review.start_session(guild_id=GUILD, user_id=MEMBER, user_name="member")

    results["session: next card (whole step)"] = await timed(samples, next_card)

    writer = AttemptWriter()
    with_review = AttemptWriter()
    with_review.subscribe(review.on_attempt)
    timing = AttemptWriter()
    hook_times: list[float] = []

    async def timed_hook(db, a: Attempt, attempt_id: int) -> None:
        began = time.perf_counter()
        await review.on_attempt(db, a, attempt_id)
        hook_times.append(time.perf_counter() - began)

    timing.subscribe(timed_hook)

    def attempt(i: int) -> Attempt:
        user = 5000 + rng.randrange(500)
        verdict = rng.choice((VerdictKind.CORRECT, VerdictKind.WRONG, VerdictKind.ALMOST))
        return Attempt(GUILD, 9, user, f"u{user}", rng.choice(keys), Source.QUIZ, "x", verdict, 0,
                       NOW + timedelta(seconds=i), extra={"seconds": 6.0})  # fmt: skip

    def commit(chosen: AttemptWriter, size: int) -> Callable[[int], Awaitable[None]]:
        async def write(i: int) -> None:
            async with store.transaction() as db:
                if size == 1:
                    await chosen.add(db, attempt(i))
                else:
                    await chosen.add_many(db, [attempt(i * size + j) for j in range(size)])

        return write

    results["answer: attempt only"] = await timed(samples, commit(writer, 1))
    results["answer: attempt + review"] = await timed(samples, commit(with_review, 1))
    await timed(samples, commit(timing, 1))
    results["answer: review hook alone"] = percentiles(hook_times)
    groups = max(1, samples // GROUP)
    plain_group, hooked_group = await timed(groups, commit(writer, GROUP)), await timed(groups, commit(with_review, GROUP))
    results[f"group of {GROUP}: attempts only, per answer"] = (plain_group[0] / GROUP, plain_group[1] / GROUP)
    results[f"group of {GROUP}: + review, per answer"] = (hooked_group[0] / GROUP, hooked_group[1] / GROUP)
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=12_000)
    parser.add_argument("--logs", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(1)
    deck = make_deck(rng, args.cards)
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.sqlite3")
        try:
            await DeckQueries(store).sync_decks([deck], now=NOW - timedelta(days=400))
            keys = [c.key for c in deck.cards]
            seconds = await generate(store, keys, args.logs)
            async with store.read() as db:
                counts = [
                    (await (await db.execute(f"SELECT COUNT(*) FROM {table}")).fetchone())[0]
                    for table in ("review_states", "review_logs")
                ]
                due = (await (await db.execute(
                    "SELECT COUNT(*) FROM review_states WHERE guild_id = ? AND user_id = ? AND due_at <= ?",
                    (GUILD, MEMBER, to_ms(NOW)),
                )).fetchone())[0]  # fmt: skip
            print(f"generated {counts[0]:,} states and {counts[1]:,} logs in {seconds:.1f} s; "
                  f"the member has {MEMBER_STATES:,} states, {due:,} due now")  # fmt: skip
            review = ReviewService(store=store, catalog=Catalog([deck]), clock=lambda: NOW, rng=random.Random(2))
            runs = [await one_run(store, review, keys, args.samples, seed) for seed in range(args.runs)]
        finally:
            await store.close()
    print(f"\n{args.samples} samples a run, {args.runs} runs: min / median / max of the runs, in ms")
    print(f"{'':36} {'p50':>26}   {'p99':>26}")
    for name in runs[0]:
        cells = []
        for index in (0, 1):
            values = [run[name][index] for run in runs]
            cells.append(f"{min(values):7.3f} /{statistics.median(values):7.3f} /{max(values):7.3f}")
        print(f"{name:36} {cells[0]:>26}   {cells[1]:>26}")
    for label, with_, without in (
        ("a committed answer", "answer: attempt + review", "answer: attempt only"),
        (f"an answer in a group of {GROUP}", f"group of {GROUP}: + review, per answer",
         f"group of {GROUP}: attempts only, per answer"),
    ):  # fmt: skip
        added = [run[with_][0] - run[without][0] for run in runs]
        print(f"review cost added to {label} (p50 difference): "
              f"{min(added):.3f} / {statistics.median(added):.3f} / {max(added):.3f} ms")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
