"""What hiding the cards of the same name as a card being asked costs, with no term index built.

Run: ``.venv/bin/python bench/bench_twins.py [--cards 100000] [--runs 3]``. Prints numbers; asserts nothing.

A card being asked hides every card of the server's decks that shares its term or an alias
(``CatalogView.same_names``), read from each deck's cards by name, built with the deck (``Catalog.prepare``, in
a worker thread for an imported deck). Each run measures, for a deck of ``--cards`` realistic cards (term, alias,
accepted answers, tags) beside the shipped decks:

- ``Catalog.prepare`` of the deck, and the share of it spent on its cards by name;
- the memory the cards by name hold (tracemalloc);
- one ``same_names`` call (one card asked, as each question and each hidden-card read does) and one with 20
  cards asked (20 channels asking at once);
- the term index of the same decks, for comparison (what hiding waited for before).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CARDS, Table, write_big_deck  # noqa: E402

from bot.core.catalog import Catalog, _deck_names  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
from bot.core.lookup import TermIndex  # noqa: E402

GUILD = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        [big] = load_decks(write_big_deck(Path(folder) / "deck", args.cards, deck_id="club"))
    shipped = load_decks(CARDS)
    table = Table(f"cards of the same name, {args.cards:,}-card server deck beside {len(shipped)} shipped decks")
    for _ in range(args.runs):
        started = time.perf_counter()
        prepared = Catalog.prepare(big, GUILD, "club")
        table.add("Catalog.prepare (whole)", time.perf_counter() - started, "s")
        started = time.perf_counter()
        _deck_names(prepared.cards)
        table.add("  of which: cards by name", time.perf_counter() - started, "s")
        tracemalloc.start()
        names = _deck_names(prepared.cards)
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del names
        table.add("cards by name, memory", held / 1e6, "MB")

        catalog = Catalog(shipped)
        catalog.put_deck(big, GUILD, "club", prepared=prepared)
        view = catalog.view(GUILD)
        one = frozenset([big.cards[len(big.cards) // 2].key])
        many = frozenset(card.key for card in big.cards[:: max(1, len(big.cards) // 20)][:20])
        calls = 2_000
        started = time.perf_counter()
        for _ in range(calls):
            view.same_names(one)
        table.add("same_names, 1 card asked", (time.perf_counter() - started) / calls, "us", "well under 1 ms")
        started = time.perf_counter()
        for _ in range(calls // 10):
            view.same_names(many)
        table.add("same_names, 20 cards asked", (time.perf_counter() - started) / (calls // 10), "us")

        started = time.perf_counter()
        TermIndex(view.cards())
        table.add("term index of the same decks", time.perf_counter() - started, "s")
    table.print()


if __name__ == "__main__":
    main()
