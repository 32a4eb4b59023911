"""The answer path flat out in several processes on one database, as shard processes share it.

Run: ``.venv/bin/python bench/bench_processes.py [--processes 1,2] [--rates 2000] [--no-flat-out] [--quizzes 100]
[--players 20] [--seconds 8] [--runs 3] [--database-url postgresql://...]``. Prints numbers; asserts nothing.

One process answers through one event loop: its ceiling is that thread's CPU per answer (``bench_answers.py``
prints it). Shard processes (``tutorbot run --shards``) each look after their own servers and share the database,
so the bot's ceiling grows with the processes until the cores, or the database's one writer, are used up. Each
process here runs ``bench_answers.Bench`` flat out on its share of the quizzes (its own servers), on the same
SQLite file (or PostgreSQL schema); the processes start answering together and stop together, flat out or at
an offered rate shared evenly among them (answers arriving as a Poisson process in each). Printed: the answers
per second of all processes together, and the latency p50 / p99 over all their answers. Each process
count runs ``--runs`` times, in turn with the others (so the machine's load weighs on all alike).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Table, fresh_schema, percentile  # noqa: E402
from bench_answers import ROOT, Bench  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core.memory import SWITCH_INTERVAL, CollectorPolicy  # noqa: E402
from bot.core.service import Services  # noqa: E402


async def _serve(
    index: int, quizzes: int, players: int, seconds: float, seed: int, db: str, url: str | None,
    barrier: Any, results: Any, rate: float | None,
) -> None:
    sys.setswitchinterval(SWITCH_INTERVAL)
    settings = Settings(db_path=Path(db), cards_dir=ROOT / "cards", database_url=url, writer_process=False)
    services = await Services.create(settings.core, rng=random.Random(seed + index))
    quiz_ids = []
    for i in range(quizzes):
        guild = 1 + index * 100_000 + i  # each process its own servers, as shards have
        quiz = await services.quiz.start_quiz(
            user_id=guild, user_name="starter", guild_id=guild, channel_id=10_000_000 + guild, questions=50, seconds=20
        )
        services.quiz.open_question(quiz.id)
        quiz_ids.append(quiz.id)
    bench = Bench(services, quiz_ids, players, seed + index)
    policy = CollectorPolicy().start(services.catalog)
    timers = [asyncio.create_task(bench.timer(q)) for q in quiz_ids]
    await asyncio.get_running_loop().run_in_executor(None, barrier.wait)
    started = time.perf_counter()
    if rate:
        await bench.paced(rate, seconds)
    else:
        await bench.flat_out(seconds)
    ended = time.perf_counter()
    bench.running = False
    await asyncio.gather(*timers)
    await services.close()
    policy.uninstall()
    results.put((index, len(bench.latencies), started, ended, bench.latencies))


def _child(*args: Any) -> None:
    asyncio.run(_serve(*args))


async def _migrate(db: str, url: str | None) -> None:
    """Create and migrate the database once, before the processes open it together."""
    settings = Settings(db_path=Path(db), cards_dir=ROOT / "cards", database_url=url, writer_process=False)
    services = await Services.create(settings.core, rng=random.Random(0))
    await services.close()


def run(
    table: Table, processes: int, quizzes: int, players: int, seconds: float, seed: int, base_url: str | None,
    rate: float | None,
) -> None:
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite3")

        async def schema() -> None:
            async with fresh_schema(base_url) as url:
                await _migrate(db, url)
                barrier = ctx.Barrier(processes)
                results = ctx.Queue()
                children = [
                    ctx.Process(
                        target=_child,
                        args=(
                            i, quizzes // processes, players, seconds, seed, db, url, barrier, results,
                            rate / processes if rate else None,
                        ),
                    )
                    for i in range(processes)
                ]
                for child in children:
                    child.start()
                got = [await asyncio.to_thread(results.get) for _ in children]
                for child in children:
                    await asyncio.to_thread(child.join)
                answers = sum(n for _, n, _, _, _ in got)
                window = max(e for _, _, _, e, _ in got) - min(s for _, _, s, _, _ in got)
                latencies = sorted(x for *_, lat in got for x in lat)
                label = f"{processes} process{'es' if processes > 1 else ''}, "
                label += f"offered {rate:,.0f}/s in all" if rate else "flat out"
                table.add(f"{label}: answers/s, all together", answers / window, "/s", "" if rate else ">= 8,000/s")
                table.add(f"{label}: latency p50", statistics.median(latencies), "ms")
                table.add(f"{label}: latency p99", percentile(latencies, 0.99), "ms", "< 20 ms" if rate == 2000 else "")

        asyncio.run(schema())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1,2", help="comma-separated process counts to compare, in turn")
    parser.add_argument("--quizzes", type=int, default=100)
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--rates", default="2000", help="comma-separated offered rates (answers/s, all processes together) of paced runs"
    )
    parser.add_argument("--no-flat-out", action="store_true", help="only the paced runs")
    parser.add_argument("--database-url", help="PostgreSQL (a fresh schema per run) instead of a SQLite file")
    args = parser.parse_args()
    counts = [int(p) for p in args.processes.split(",") if p.strip()]
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    engine = "PostgreSQL" if args.database_url else "SQLite"
    table = Table(
        f"{args.quizzes} quizzes x {args.players} players flat out, shared among processes on one {engine} database"
    )
    for run_number in range(args.runs):
        rates: list[float | None] = [float(r) for r in args.rates.split(",") if r.strip()]
        if not args.no_flat_out:
            rates.append(None)
        for rate in rates:
            for count in counts:
                run(
                    table, count, args.quizzes, args.players, args.seconds, args.seed + run_number,
                    args.database_url, rate,
                )
        print(f"run {run_number + 1} of {args.runs} done; load average {os.getloadavg()[0]:.2f}", flush=True)
    table.print()


if __name__ == "__main__":
    main()
