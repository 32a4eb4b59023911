"""Grading as players get it: the real deck's cards, realistic answers, the call the bot makes.

Run: ``.venv/bin/python bench/bench_grading.py [--runs 3] [--samples 10000] [--gc bot|default]``. Prints numbers;
asserts nothing.

Every answer is graded by ``grade_card(card, answer, direction=...)`` (what the quiz, the daily question and
/review call) on the cards of ``cards/`` in both directions. The answers are what players type (see
``bench/_common.realistic_answers``): the accepted answers as written, shouted, with filler ("I think it's
..."), misspelt once or twice; wrong ones (another card's answer, the card's reject list, "not X", "X or Y",
"idk"); and long ones (the card's own explanation, a ramble of 250-900 characters).

Figures, each as min / median / max over the runs:

- compiling the deck (``prepare``, what the bot does when a deck is loaded);
- answers under 200 characters, *cold*: before each pass over the answers the grader forgets every past
  response (folding, stems, near-spellings), so each sample is an answer it has not seen; at least
  ``--samples`` samples. Wall time and CPU time (``thread_time``: this machine is shared, the wall p99
  also counts time the OS gave to other processes). Then the same *warm* (answers repeat, as when 20
  players type the same word), and per kind of answer;
- long answers (200-900 characters) and 4,000-character answers (varied words, chat junk, Zalgo, an essay
  card), each a new text;
- ``grade_card_async`` on 4,000-character answers (the bot's call on the event loop): the longest time the
  loop is held between two turns of another task, with the cards compiled (as after ``prepare``) and not,
  and the longest pass of the garbage collector over every object (a full collection) during those runs:
  the loop is held that long whatever the grader's slices are.

``--gc`` is the garbage collector's policy while grading: ``bot`` (the default) is the bot's
(``bot.core.memory.CollectorPolicy``, started once the deck is compiled, as ``tutorbot run`` starts it once
start-up is over: the start-up set frozen, thresholds that keep each collection short); ``default`` is the
interpreter's own rhythm, whose full collections walk every compiled card and are counted in the CPU time of
the answer that set them off.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import LONG, Table, long_answer, percentile, real_cards, realistic_answers  # noqa: E402

from bot.core.grading import clear_caches, grade_card, grade_card_async, prepare  # noqa: E402
from bot.core.memory import CollectorPolicy  # noqa: E402
from bot.core.models import Card  # noqa: E402


def timed(card: Card, text: str, direction: str) -> tuple[int, int]:
    """(wall ns, CPU ns) of one ``grade_card``."""
    w, c = time.perf_counter_ns(), time.thread_time_ns()
    grade_card(card, text, direction=direction)
    return time.perf_counter_ns() - w, time.thread_time_ns() - c


def short_answers(table: Table, cards: list[Card], samples: int, rng: random.Random) -> None:
    answers = [a for a in realistic_answers(cards) if len(a.text) < 200]
    rounds = -(-samples // len(answers))
    wall: list[int] = []
    cpu: list[int] = []
    kinds: dict[str, list[int]] = defaultdict(list)
    began = time.perf_counter()
    for _ in range(rounds):
        clear_caches(compiled=False)
        order = answers[:]
        rng.shuffle(order)
        for a in order:
            w, c = timed(a.card, a.text, a.direction)
            wall.append(w)
            cpu.append(c)
            kinds[a.kind].append(c)
    elapsed = time.perf_counter() - began
    n = len(wall)
    target_med, target_p99 = "< 60 µs", "< 300 µs"
    table.add(f"< 200 chars, cold, wall median ({n:,} samples)", percentile(wall, 0.5) / 1e9, "us", target_med)
    table.add("< 200 chars, cold, wall p99", percentile(wall, 0.99) / 1e9, "us", target_p99)
    table.add("< 200 chars, cold, wall max", max(wall) / 1e9, "us")
    table.add("< 200 chars, cold, CPU median", percentile(cpu, 0.5) / 1e9, "us", target_med)
    table.add("< 200 chars, cold, CPU p99", percentile(cpu, 0.99) / 1e9, "us", target_p99)
    table.add("< 200 chars, cold, throughput (one core)", n / elapsed, "/s")
    for kind, values in sorted(kinds.items()):
        table.add(f"  {kind}: CPU median", percentile(values, 0.5) / 1e9, "us")
        table.add(f"  {kind}: CPU p99", percentile(values, 0.99) / 1e9, "us")
    warm_wall: list[int] = []
    warm_cpu: list[int] = []
    for _ in range(rounds):
        for a in answers:
            w, c = timed(a.card, a.text, a.direction)
            warm_wall.append(w)
            warm_cpu.append(c)
    table.add("< 200 chars, warm, wall median", percentile(warm_wall, 0.5) / 1e9, "us")
    table.add("< 200 chars, warm, wall p99", percentile(warm_wall, 0.99) / 1e9, "us")
    table.add("< 200 chars, warm, CPU p99", percentile(warm_cpu, 0.99) / 1e9, "us")


def long_answers(table: Table, cards: list[Card], rng: random.Random) -> None:
    longs = [a for a in realistic_answers(cards) if a.kind == LONG]
    clear_caches(compiled=False)
    cpu = [timed(a.card, a.text, a.direction)[1] for a in longs]
    table.add(f"long answers 200-900 chars ({len(cpu)}), CPU median", percentile(cpu, 0.5) / 1e9, "us")
    table.add("long answers 200-900 chars, CPU p99", percentile(cpu, 0.99) / 1e9, "ms")

    essays = [c for c in cards if c.is_essay]
    moe = next((c for c in cards if c.id == "moe-ensemble"), cards[0])
    junk = "||**s\u0336tacking**|| <@123456789012345678> 😀 ｆｕｌｌ "
    kinds = {
        "varied words": lambda i: (cards[i % len(cards)], long_answer(cards[i % len(cards)], 4000, rng)),
        "chat junk": lambda i: (moe, (junk * 120)[: 4000 - i] + " " * i),
        "Zalgo": lambda i: (moe, "s" + "\u0336\u0301" * (1995 - i) + "tacking" + " " * i),
        "essay card": lambda i: (essays[i % len(essays)], long_answer(essays[i % len(essays)], 4000, rng)),
    }
    for label, make in kinds.items():
        wall: list[int] = []
        cpu = []
        for i in range(200):
            card, text = make(i)
            w, c = timed(card, text, "question")
            wall.append(w)
            cpu.append(c)
        table.add(f"4,000 chars, {label}: CPU median", percentile(cpu, 0.5) / 1e9, "ms")
        table.add(f"4,000 chars, {label}: CPU p99", percentile(cpu, 0.99) / 1e9, "ms", "< 5 ms, off the loop")
        table.add(f"4,000 chars, {label}: wall p99", percentile(wall, 0.99) / 1e9, "ms")


async def off_the_loop(cards: list[Card], rng: random.Random, cold: bool) -> tuple[float, float, float]:
    """Grade 200 answers of 4,000 characters with ``grade_card_async`` while another task keeps yielding.

    The other task measures every gap between its turns: the longest time the grading held the loop.
    With ``cold`` the cards are not compiled beforehand. Returns (gap p99, gap max, slowest grade as
    awaited), in seconds.
    """
    if cold:
        clear_caches()
    gaps: list[float] = []
    done = asyncio.Event()

    async def other_task() -> None:
        while not done.is_set():
            t = time.perf_counter()
            await asyncio.sleep(0)
            gaps.append(time.perf_counter() - t)

    texts = [(cards[i % len(cards)], long_answer(cards[i % len(cards)], 4000, rng)) for i in range(200)]
    task = asyncio.create_task(other_task())
    await asyncio.sleep(0)
    slowest = 0.0
    try:
        for card, text in texts:
            began = time.perf_counter()
            await grade_card_async(card, text)
            slowest = max(slowest, time.perf_counter() - began)
    finally:
        done.set()
        await task
    return percentile(gaps, 0.99), max(gaps), slowest


def run_once(table: Table, run: int, samples: int, gc_policy: str) -> None:
    rng = random.Random(run)
    cards = real_cards()
    grade_card(cards[0], long_answer(cards[0], 4000, rng))  # first use loads the Unicode tables
    clear_caches()
    began = time.perf_counter()
    prepared = prepare(cards)
    table.add(f"compile the deck ({prepared} cards, both directions)", time.perf_counter() - began, "ms")
    policy = CollectorPolicy().start() if gc_policy == "bot" else None
    try:
        graded(table, cards, samples, rng)
    finally:
        if policy is not None:
            policy.uninstall()
            gc.unfreeze()


def graded(table: Table, cards: list[Card], samples: int, rng: random.Random) -> None:
    short_answers(table, cards, samples, rng)
    long_answers(table, cards, rng)
    full: list[float] = []
    began_gc = [0.0]

    def full_collections(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                began_gc[0] = time.perf_counter()
            else:
                full.append(time.perf_counter() - began_gc[0])

    gc.callbacks.append(full_collections)
    try:
        for label, cold in (("compiled cards", False), ("cards not compiled", True)):
            p99, worst, slowest = asyncio.run(off_the_loop(cards, rng, cold))
            table.add(f"grade_card_async 4,000 chars, {label}: loop held p99", p99, "ms", "< 2 ms")
            table.add(f"grade_card_async 4,000 chars, {label}: loop held max", worst, "ms")
            table.add(f"grade_card_async 4,000 chars, {label}: slowest await", slowest, "ms")
    finally:
        gc.callbacks.remove(full_collections)
    table.add("grade_card_async runs: full garbage collections", len(full), "")
    table.add("grade_card_async runs: longest full garbage collection", max(full, default=0.0), "ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=10_000, help="answers under 200 characters per run")
    parser.add_argument("--gc", choices=("bot", "default"), default="bot", help="the collector while grading")
    args = parser.parse_args()
    gc_label = "the bot's collector policy" if args.gc == "bot" else "the interpreter's collector"
    table = Table(f"grade_card on the real deck (cards/), realistic answers, {gc_label}")
    for run in range(args.runs):
        run_once(table, run, args.samples, args.gc)
        print(f"run {run + 1} of {args.runs} done", flush=True)
    table.print()


if __name__ == "__main__":
    main()
