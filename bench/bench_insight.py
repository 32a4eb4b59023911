"""``/deck stats`` and ``/disputes stats`` on a server with many wrong answers: how long the figures take, and the
longest the event loop waits while they are worked out.

    .venv/bin/python bench/bench_insight.py [--cards 31] [--answers 2000] [--distinct 1000] [--runs 3]

A real SQLite file in a temporary folder holds the real decks (``cards/``) and, on each of ``--cards`` essay cards,
``--answers`` wrong practice answers of one server, ``--distinct`` different texts each (long answers, typed again
and again). Per run: the whole time of ``DisputeService.insight`` for every deck, and the longest stretch a task
that wakes every millisecond did not run. Min / median / max of the runs are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_disputes import (  # noqa: E402
    CARDS,
    GUILD,
    NOW,
    Attempt,
    AttemptWriter,
    Catalog,
    DeckQueries,
    Services,
    Source,
    Store,
    Ticker,
    VerdictKind,
    load_decks,
    texts,
)


async def one_run(cards_n: int, per_card: int, distinct: int, seed: int) -> tuple[float, float]:
    rng = random.Random(seed)
    decks = load_decks(CARDS)
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.sqlite3")
        await DeckQueries(store).sync_decks(decks, now=NOW)
        services = Services(store, Catalog(decks), clock=lambda: NOW + timedelta(days=1), rng=random.Random(seed))
        for feature in services._features:
            await feature.start()
        try:
            essays = [c for c in services.catalog.cards.values() if c.is_essay and c.askable][:cards_n]
            rows = []
            for card in essays:
                said = texts(rng, distinct, essay=True)
                rows += [
                    Attempt(GUILD, 9, 1000 + i, f"m{i}", card.key, Source.PRACTICE, rng.choice(said), VerdictKind.WRONG,
                            0, NOW - timedelta(minutes=i))
                    for i in range(per_card)
                ]  # fmt: skip
            async with store.transaction() as db:
                await AttemptWriter().add_many(db, rows)
            with Ticker() as ticker:
                began = time.perf_counter()
                await services.disputes.insight(GUILD, None)
                took = time.perf_counter() - began
                await asyncio.sleep(0.01)
            return took, ticker.longest
        finally:
            for feature in reversed(services._features):
                await feature.close()
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=31)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--distinct", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [asyncio.run(one_run(args.cards, args.answers, args.distinct, seed)) for seed in range(args.runs)]
    print(f"{args.cards} essay cards x {args.answers} wrong answers ({args.distinct} distinct each), {args.runs} runs")
    for name, values in (("insight (s)", [r[0] for r in runs]), ("longest loop wait (s)", [r[1] for r in runs])):
        print(f"  {name:<24} min {min(values):.2f}  median {statistics.median(values):.2f}  max {max(values):.2f}")


if __name__ == "__main__":
    main()
