"""Benchmark importing a 5,000-card CSV through the importer (what `/deck import` and `tutorbot import` run).

The CSV is made from the real deck's cards (questions and answers of every shape: short answers, lists,
long explanations that get key points), repeated with numbered questions until it has ``--cards`` rows,
plus a term,definition file of the same size. Each import reads the file, cleans and shapes every card
(including the grader's check of each accepted answer and key point), gives ids and writes nothing.

Prints, for each file, min / median / max over ``--runs`` runs of: the import time, the time per card, and
the peak memory Python allocated during the import (tracemalloc, in a separate untimed run), and the
askable count. The grader's
caches are cleared before each run, so every run starts cold.

    .venv/bin/python bench/bench_import.py [--cards 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import clear_caches  # noqa: E402
from bot.core.importers import ImportLimits, ImportResult, import_csv  # noqa: E402

#: The real deck's answers are long: 5,000 of them make a 2.9 MB file, over the default 2 MB cap.
LIMITS = ImportLimits(max_bytes=20_000_000, max_cards=100_000)


def qa_csv(n: int) -> str:
    """``n`` question,answer,tags rows from the real deck's cards, numbered so each is its own card."""
    cards = [c for d in load_decks(ROOT / "cards") for c in d.cards]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question", "answer", "tags"])
    for i in range(n):
        card = cards[i % len(cards)]
        writer.writerow([f"{card.question} ({i})", card.answer, " ".join(card.tags)])
    return out.getvalue()


def pair_csv(n: int) -> str:
    """``n`` term,definition rows: the real deck's terms and the first sentence of their explanation."""
    cards = [c for d in load_decks(ROOT / "cards") for c in d.cards if c.term]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["term", "definition"])
    for i in range(n):
        card = cards[i % len(cards)]
        writer.writerow([f"{card.term} {i}", card.answer.split("\n\n", 1)[0]])
    return out.getvalue()


def measure(run: Callable[[], ImportResult]) -> tuple[float, int, ImportResult]:
    """The import's time (a plain run) and its peak memory (a second run under tracemalloc, which slows
    Python down several times, so it is never timed)."""
    clear_caches()
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    clear_caches()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, result


def spread(values: list[float], fmt: str) -> str:
    return " / ".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "question,answer CSV": Path(tmp) / "qa.csv",
            "term,definition CSV": Path(tmp) / "pairs.csv",
        }
        files["question,answer CSV"].write_text(qa_csv(args.cards), encoding="utf-8")
        files["term,definition CSV"].write_text(pair_csv(args.cards), encoding="utf-8")
        print(f"importing {args.cards:,} cards, {args.runs} runs each (min / median / max)")
        for label, path in files.items():
            times: list[float] = []
            peaks: list[float] = []
            result: ImportResult | None = None
            for _ in range(args.runs):
                elapsed, peak, result = measure(lambda p=path: import_csv(p, reverse=False, limits=LIMITS))
                times.append(elapsed)
                peaks.append(peak / 1e6)
            assert result is not None
            size = path.stat().st_size / 1e6
            print(f"\n{label} ({size:.1f} MB, {len(result.cards):,} cards, {result.askable:,} askable)")
            print(f"  import time       {spread(times, '.2f')} s")
            print(f"  per card          {spread([t / len(result.cards) * 1000 for t in times], '.2f')} ms")
            print(f"  peak memory       {spread(peaks, '.1f')} MB (Python allocations, tracemalloc)")
            kinds = result.askability().kinds
            print("  kinds             " + ", ".join(f"{n} {k}" for k, n in kinds.items()))


if __name__ == "__main__":
    main()
