"""/search for part of a Chinese or Japanese word on a synthetic 100,000-card deck written in Japanese, and
/search in other scripts on the 100,000-card deck of ``bench_lookup`` (which must cost what it did).

Prints: the time the first such search takes (it makes the text it looks inside, off the event loop) and the
memory that text holds; p50/p99/max of /search (``LookupService.search``, ten results as the cog asks, over a
SQLite search table) for parts of terms, parts of explanations, two parts and misses; the event-loop lag of a
1 ms timer while those searches run back to back (p99/max: how long a search held the loop at once); and
p50/p99 of /search for words in other scripts.

    .venv/bin/python bench/bench_cjk_search.py [--cards 100000] [--queries 300] [--code DIR]

``--code DIR`` runs another checkout's code (the bench file itself being this one's), to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _code_root() -> Path:
    for i, arg in enumerate(sys.argv):
        if arg == "--code" and i + 1 < len(sys.argv):
            return Path(sys.argv[i + 1]).resolve()
    return HERE.parent


sys.path.insert(0, str(_code_root()))
sys.path.insert(1, str(HERE))

from bench_lookup import make_deck, make_queries  # noqa: E402

from bot.core.models import Card, Deck  # noqa: E402
from bot.core.options import CoreOptions  # noqa: E402
from bot.core.service import Services  # noqa: E402

KANJI = "学習勾配降下法過誤差逆伝播率損失関数最適化正則活性層畳込再帰生成識別確率分布期待値分散標本推定検定回帰分類木森"
KANA = "のはをにがでとするしたいるあるこれそれもからまでよりなどかなだ"
KATAKANA = "データモデルパラメータネットワークノイズバッチサイズエポックトークン"


def word(rng: random.Random) -> str:
    if rng.random() < 0.3:
        n = rng.randint(3, 6)
        return "".join(rng.choice(KATAKANA) for _ in range(n))
    return "".join(rng.choice(KANJI) for _ in range(rng.randint(2, 4)))


def sentence(rng: random.Random, words: int) -> str:
    return "".join(word(rng) + rng.choice(KANA) for _ in range(words)) + "。"


def japanese_deck(n: int, rng: random.Random) -> list[Card]:
    cards, terms = [], set()
    while len(cards) < n:
        term = word(rng) + word(rng) + (word(rng) if rng.random() < 0.4 else "")
        if term in terms:
            continue
        terms.add(term)
        question = sentence(rng, rng.randint(4, 8)) + "これは何？"
        answer = sentence(rng, rng.randint(10, 30))
        cards.append(Card(deck="ja", id=f"j{len(cards)}", question=question, answer=answer, term=term, accept=(term,)))
    return cards


def cjk_queries(cards: list[Card], count: int, rng: random.Random) -> dict[str, list[str]]:
    picks = [rng.choice(cards) for _ in range(count)]
    def part(text: str) -> str:
        text = text.rstrip("。？")
        n = rng.randint(2, 4)
        at = rng.randrange(0, max(1, len(text) - n))
        return text[at : at + n]
    return {
        "part of a term": [part(c.term or "") for c in picks],
        "part of an explanation": [part(c.answer) for c in picks],
        "two parts": [f"{part(c.term or '')} {part(c.answer)}" for c in picks],
        "miss": ["".join(rng.choice("鬱薔薇檸檬") for _ in range(3)) for _ in range(count)],
    }


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


async def ticker(stop: asyncio.Event) -> list[float]:
    lags: list[float] = []
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        t0 = loop.time()
        await asyncio.sleep(0.001)
        lags.append(max(0.0, loop.time() - t0 - 0.001))
    return lags


async def timed_searches(services: Services, queries: dict[str, list[str]]) -> None:
    stop = asyncio.Event()
    lag = asyncio.ensure_future(ticker(stop))
    every: list[float] = []
    for kind, qs in queries.items():
        times, found = [], 0
        for q in qs:
            t = time.perf_counter()
            found += bool(await services.lookup.search(q, limit=11))
            times.append(time.perf_counter() - t)
        every += times
        print(
            f"  {kind:<24} p50 {pct(times, 0.5):7.2f} ms  p99 {pct(times, 0.99):7.2f} ms  "
            f"max {max(times) * 1000:7.2f} ms  ({found}/{len(qs)} found)"
        )
    stop.set()
    lags = await lag
    print(f"  {'all':<24} p50 {pct(every, 0.5):7.2f} ms  p99 {pct(every, 0.99):7.2f} ms")
    print(f"  event-loop lag of a 1 ms timer meanwhile: p99 {pct(lags, 0.99):.2f} ms, max {max(lags) * 1000:.2f} ms")


async def run(cards: list[Card], deck_id: str, queries: dict[str, list[str]], *, first: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        options = CoreOptions(db_path=Path(tmp) / "search.sqlite3", cards_dir=HERE.parent / "cards",
                              deck_max_bytes=50_000_000, deck_max_cards=200_000)  # fmt: skip
        deck = Deck(id=deck_id, title="A large deck", cards=tuple(cards))
        t = time.perf_counter()
        services = await Services.create(options, decks=[deck])
        print(f"services up in {time.perf_counter() - t:.1f} s")
        try:
            if first is not None:
                tracemalloc.start()
                t = time.perf_counter()
                await services.lookup.search(first, limit=11)
                took = time.perf_counter() - t
                held = tracemalloc.get_traced_memory()[0]
                tracemalloc.stop()
                print(f"first search (makes the text looked inside): {took * 1000:.0f} ms, {held / 2**20:.1f} MiB held")
            for q in next(iter(queries.values()))[:20]:
                await services.lookup.search(q, limit=11)  # warm up
            await timed_searches(services, queries)
        finally:
            await services.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300, help="queries per kind")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--code", help="the checkout whose code runs (default: this one)")
    ap.add_argument("--skip-cjk", action="store_true", help="only the searches in other scripts")
    args = ap.parse_args()
    print(f"code: {_code_root()}")
    rng = random.Random(args.seed)
    if not args.skip_cjk:
        ja = japanese_deck(args.cards, rng)
        print(f"\n/search on {len(ja):,} cards written in Japanese:")
        asyncio.run(run(ja, "ja", cjk_queries(ja, args.queries, rng), first="勾配"))
    latin = make_deck(args.cards, rng)
    queries = {k: v[: args.queries] for k, v in make_queries(latin, args.queries, rng).items()}
    print(f"\n/search on {len(latin):,} cards in English (bench_lookup's deck):")
    asyncio.run(run(latin, "synthetic", queries, first=None))


if __name__ == "__main__":
    main()
