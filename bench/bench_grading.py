"""Grading throughput and latency on the labelled seed-deck answers.

Run: ``.venv/bin/python bench/bench_grading.py``. Prints numbers; asserts nothing.
Measures one core, single thread: median and p99 per answer (answers under 200 characters), the
throughput, the first (cold-cache) grade of each card, and answers of 4,000 characters.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.grading import compile_answer, grade  # noqa: E402


def load_cases() -> list[dict]:
    rows = []
    for name in ("grading_tune.jsonl", "grading_heldout.jsonl"):
        with open(ROOT / "tests" / "data" / name, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def run(row: dict, response: str | None = None) -> None:
    grade(
        row["response"] if response is None else response,
        accept=row["accept"],
        reject=row["reject"],
        keypoints=row["keypoints"],
        aliases=row["aliases"],
        term=row["term"],
        question=row["question"],
    )


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    rows = load_cases()
    short = [r for r in rows if len(r["response"]) < 200]

    compile_answer.cache_clear()
    t0 = time.perf_counter()
    cold = []
    seen = set()
    for r in short:
        if r["card"] in seen:
            continue
        seen.add(r["card"])
        s = time.perf_counter()
        run(r)
        cold.append(time.perf_counter() - s)
    print(
        f"cold start (tables + first answer of {len(cold)} cards): total {time.perf_counter() - t0:.3f} s, "
        f"median {statistics.median(cold) * 1e3:.3f} ms per card"
    )

    samples: list[float] = []
    cpu: list[float] = []
    rounds = 30
    t0 = time.perf_counter()
    for _ in range(rounds):
        for r in short:
            s, c = time.perf_counter(), time.thread_time()
            run(r)
            cpu.append(time.thread_time() - c)
            samples.append(time.perf_counter() - s)
    elapsed = time.perf_counter() - t0
    print(f"answers < 200 chars: {len(short)} cases x {rounds} rounds")
    print(
        f"  wall: median {statistics.median(samples) * 1e6:.0f} us   p99 {percentile(samples, 0.99) * 1e6:.0f} us   "
        f"max {max(samples) * 1e6:.0f} us"
    )
    print(
        f"  cpu:  median {statistics.median(cpu) * 1e6:.0f} us   p99 {percentile(cpu, 0.99) * 1e6:.0f} us   "
        f"(wall p99 includes time the OS gave to other processes)"
    )
    print(f"  throughput {len(samples) / elapsed:,.0f} answers/s on one core")

    base = next(r for r in rows if r["card"] == "moe-ensemble")
    essay = next(r for r in rows if r["keypoints"])
    long_plain = ("I think the method is stacking, where a meta model combines the predictions. " * 60)[:4000]
    long_junk = ("||**s\u0336tacking**|| <@123456789012345678> 😀 ｆｕｌｌ " * 120)[:4000]
    zalgo = "s" + "\u0336\u0301" * 1995 + "tacking"
    for label, row, text in (
        ("4,000-char answer", base, long_plain),
        ("4,000-char chat junk", base, long_junk),
        ("4,000-char Zalgo", base, zalgo),
        ("4,000-char essay", essay, long_plain),
    ):
        times = []
        for i in range(20):
            s = time.perf_counter()
            run(row, text + " " * i)  # a fresh string each time: no cache hit
            times.append(time.perf_counter() - s)
        print(f"{label:<22} median {statistics.median(times) * 1e3:.2f} ms   max {max(times) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
