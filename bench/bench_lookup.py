"""Benchmark the /define index on a synthetic 100,000-card deck (generated in memory).

Prints: the index build time, autocomplete (``suggest``) and /define resolution latency p50/p90/p99/max
over a few thousand queries (prefixes as typed, typos, multi-word queries, acronyms, misses), and the
memory the index holds (tracemalloc). Targets: autocomplete p99 under 10 ms, build under 3 s.

    .venv/bin/python bench/bench_lookup.py [--cards 100000] [--queries 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import string
import time
import tracemalloc

from bot.core.lookup import TermIndex
from bot.core.models import Card
from bot.core.shipped import data_text

SYLLABLES = (
    "ka to ri men sor lat ion ent ver pro dis tra con ex gen ral at ive ing er al net work form tion "
    "quant ap pre dict lo gis tic vec tor em bed den se spar trans mod el op tim grad ent ro py"
).split()
FILLER = "what which is the of a in to for does how why when and with by an".split()


def real_words() -> list[str]:
    words: set[str] = set()
    for name in ("glossary.txt", "words.txt"):
        text = data_text(name)
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.update(w for w in line.lower().split() if w.isalpha() and len(w) > 2)
    return sorted(words)


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    vocab = set(real_words())
    while len(vocab) < size:
        vocab.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(vocab)


def make_deck(n: int, rng: random.Random) -> list[Card]:
    vocab = make_vocabulary(rng, 12000)
    common = vocab[:400]  # a few words shared by very many terms ("model", "network" ...)
    tags = [f"tag-{i}" for i in range(300)]
    terms: set[str] = set()
    cards: list[Card] = []
    while len(cards) < n:
        k = rng.choices((1, 2, 3, 4), weights=(2, 5, 3, 1))[0]
        words = [rng.choice(common if rng.random() < 0.25 else vocab) for _ in range(k)]
        term = " ".join(words)
        if term in terms:
            continue
        terms.add(term)
        aliases: list[str] = []
        if k >= 2 and rng.random() < 0.3:
            aliases.append("".join(w[0] for w in words).upper())
        if rng.random() < 0.2:
            aliases.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 3))))
        q_words = [rng.choice(FILLER if rng.random() < 0.35 else vocab) for _ in range(rng.randint(8, 16))]
        question = " ".join(q_words).capitalize() + "?"
        answer = f"The **{term}** " + " ".join(rng.choice(vocab) for _ in range(rng.randint(20, 60))) + "."
        cid = f"c{len(cards)}"
        cards.append(
            Card(
                deck="synthetic", id=cid, question=question, answer=answer, term=term, aliases=tuple(aliases),
                accept=(term,), tags=tuple(rng.sample(tags, rng.randint(1, 3))),
            )
        )
    return cards


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("drop", "swap", "sub", "dup"))
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if op == "dup":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]


def make_queries(cards: list[Card], count: int, rng: random.Random) -> dict[str, list[str]]:
    picks = [rng.choice(cards) for _ in range(count)]
    prefixes = []
    for c in picks:
        term = c.term or ""
        prefixes.append(term[: rng.randint(1, max(1, len(term)))])
    typos = [" ".join(typo(w, rng) for w in (c.term or "").split()) for c in picks]
    multi = [" ".join(rng.sample((c.term or "").split() + c.question.lower().split()[:4], 2)) for c in picks]
    misses = ["".join(rng.choice("qxzjvwk") for _ in range(rng.randint(3, 12))) for _ in range(count)]
    exact = [c.term or "" for c in picks]
    return {"prefix (typing)": prefixes, "typo": typos, "two words": multi, "exact term": exact, "miss": misses}


def percentiles(samples: list[float]) -> str:
    s = sorted(samples)

    def p(q: float) -> float:
        return s[min(len(s) - 1, int(q * len(s)))] * 1000

    return (
        f"p50 {p(0.50):6.2f} ms  p90 {p(0.90):6.2f} ms  p99 {p(0.99):6.2f} ms  max {s[-1] * 1000:6.2f} ms"
        f"  mean {statistics.fmean(s) * 1000:5.2f} ms"
    )


def timed(fn, queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=3000, help="queries per kind")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    print(f"machine: {os.cpu_count()} cores")
    t = time.perf_counter()
    cards = make_deck(args.cards, rng)
    print(f"synthetic deck: {len(cards):,} cards generated in {time.perf_counter() - t:.2f} s")

    gc.collect()
    t = time.perf_counter()
    index = TermIndex(cards)
    build = time.perf_counter() - t
    print(
        f"index build: {build:.2f} s ({index.entries:,} names/acronyms/questions, {index.vocabulary:,} words)"
    )

    del index
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    index = TermIndex(cards)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"index memory: {(held - base) / 2**20:.1f} MiB held, {(peak - base) / 2**20:.1f} MiB peak while building")

    queries = make_queries(cards, args.queries, rng)
    index.suggest("warm up")
    print(f"\nautocomplete (suggest, 25 choices), {args.queries} queries per kind:")
    everything: list[float] = []
    for kind, qs in queries.items():
        samples = timed(index.suggest, qs)
        everything += samples
        print(f"  {kind:<16} {percentiles(samples)}")
    print(f"  {'all':<16} {percentiles(everything)}")

    print("\n/define resolution (best card, rivals, see also; did-you-mean on a miss):")
    everything = []
    for kind, qs in queries.items():
        samples = timed(index.define, qs)
        everything += samples
        print(f"  {kind:<16} {percentiles(samples)}")
    print(f"  {'all':<16} {percentiles(everything)}")

    right_typo = 0
    for q, term in zip(queries["typo"], queries["exact term"], strict=True):
        r = index.define(q)
        right_typo += bool(r.card is not None and r.card.term == term)
    right = sum(1 for term in queries["exact term"] if (index.define(term).card or Card("", "", "", "")).term == term)
    print(
        f"\nquality: typo'd terms (a typo in every word of 4+ letters) resolved to the right card "
        f"{right_typo}/{args.queries}; exact terms first {right}/{args.queries}"
    )

if __name__ == "__main__":
    main()
