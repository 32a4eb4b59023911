"""How long a deck's cards by name take to build (``catalog._deck_names``), with the pairs of cards of which one
states the other's accepted answer (``STATED``): once per deck loaded, imported or replaced.

    .venv/bin/python bench/bench_stated.py [--cards 5000 20000] [--runs 3]

Two decks per size: the generated deck of the other benchmarks (``write_big_deck``) and one whose every card
accepts "the itemN" and says "the" many times (answers sharing a first word with most of the text). Min / median /
max of the runs are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import spread, write_big_deck  # noqa: E402

from bot.core.catalog import STATED, _deck_names  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
from bot.core.models import Card  # noqa: E402


def the_deck(n: int) -> dict[str, Card]:
    cards = [
        Card(
            deck="d", id=f"c{i}", question=f"What is the role of the item{i} in the system?",
            answer=f"The item{i} is the part of the pipeline that feeds the next stage of the model.",
            accept=(f"the item{i}", f"item{i}"),
        )  # fmt: skip
        for i in range(n)
    ]
    return {c.key: c for c in cards}


def generated(n: int) -> dict[str, Card]:
    with tempfile.TemporaryDirectory() as folder:
        [deck] = load_decks(write_big_deck(Path(folder) / "deck", n, deck_id="club"))
    return {c.key: c for c in deck.cards}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in args.cards:
        for name, cards in (("generated", generated(n)), ('"the itemN"', the_deck(n))):
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                names = _deck_names(cards)
                times.append(time.perf_counter() - start)
            pairs = sum(1 for key in names if key.startswith(STATED))
            low, mid, high = spread(times)
            print(f"{n:>6} cards, {name:<12} {low:6.2f} / {mid:6.2f} / {high:6.2f} s   ({pairs} cards paired)")


if __name__ == "__main__":
    main()
