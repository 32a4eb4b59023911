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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_disputes import GUILD, AttemptWriter, Ticker, bench_world, texts, wrong_answers  # noqa: E402


async def one_run(cards_n: int, per_card: int, distinct: int, seed: int) -> tuple[float, float]:
    rng = random.Random(seed)
    async with bench_world(seed) as (store, services):
        essays = [c for c in services.catalog.cards.values() if c.is_essay and c.askable][:cards_n]
        rows = [a for card in essays for a in wrong_answers(card.key, texts(rng, distinct, essay=True), per_card, rng)]
        async with store.transaction() as db:
            await AttemptWriter().add_many(db, rows)
        with Ticker() as ticker:
            began = time.perf_counter()
            await services.disputes.insight(GUILD, None)
            took = time.perf_counter() - began
            await asyncio.sleep(0.01)
        return took, ticker.longest


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
