"""Restart with a large deck folder: loading the deck files and syncing them into the database.

Run: ``.venv/bin/python bench/bench_decks.py [--cards 100000] [--runs 3]``. Prints numbers; asserts nothing.

A temporary folder holds one deck file of ``--cards`` realistic cards (term, alias, three accepted answers,
tags: about 430 bytes of YAML a card) and a SQLite database in it. Each run measures:

- ``load_decks`` of the folder (libyaml's parser, as the bot uses it), and PyYAML's pure-Python parser on
  a tenth of the cards, for comparison;
- the first sync into an empty database (every card added);
- a restart with the folder unchanged: open the store and sync (the target: under 0.2 s), told by the
  digest of the files (``load_decks_with_digest``) or by the digest of the cards' fields;
- a restart after one card changed (every card compared).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Table, write_big_deck  # noqa: E402

from bot.core.decks import load_decks, load_decks_with_digest  # noqa: E402
from bot.core.models import Deck  # noqa: E402
from bot.core.storage import DeckQueries, Store  # noqa: E402
from bot.core.storage.deck_queries import decks_fingerprint  # noqa: E402


async def sync_once(db: Path, decks: list[Deck], digest: str | None = None) -> tuple[float, float, str]:
    """Open the store (as a restart does) and sync; returns (open + sync seconds, sync seconds, report)."""
    began = time.perf_counter()
    store = await Store.open(db)
    try:
        synced = time.perf_counter()
        report = await DeckQueries(store).sync_decks(decks, digest=digest)
        done = time.perf_counter()
    finally:
        await store.close()
    return done - began, done - synced, str(report)


def run_once(table: Table, cards: int, run: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cards"
        write_big_deck(folder, cards, seed=run)
        small = Path(tmp) / "small"
        write_big_deck(small, cards // 10, seed=run)

        began = time.perf_counter()
        decks, digest = load_decks_with_digest(folder)
        table.add(f"load_decks, {cards:,} cards (libyaml parser)", time.perf_counter() - began, "s")
        began = time.perf_counter()
        load_decks(small)
        table.add(f"load_decks, {cards // 10:,} cards (libyaml parser)", time.perf_counter() - began, "s")
        text = (small / "big.yaml").read_text(encoding="utf-8")
        began = time.perf_counter()
        yaml.load(text, Loader=yaml.SafeLoader)
        table.add(f"  YAML parse only, {cards // 10:,} cards, pure-Python parser", time.perf_counter() - began, "s")
        began = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        table.add(f"  YAML parse only, {cards // 10:,} cards, libyaml parser", time.perf_counter() - began, "s")

        db = Path(tmp) / "tutor.sqlite3"
        total, _, report = asyncio.run(sync_once(db, decks, digest))
        table.add("first sync into an empty database (open + sync)", total, "s")
        for _ in range(2):
            total, only, report = asyncio.run(sync_once(db, decks, digest))
        assert "0 added, 0 updated" in report, report
        table.add("restart, folder unchanged: deck sync (file digest)", only, "s", "< 0.2 s")
        table.add("restart, folder unchanged: open + deck sync (file digest)", total, "s")
        for _ in range(2):
            total, only, report = asyncio.run(sync_once(db, decks))
        assert "0 added, 0 updated" in report, report
        table.add("restart, folder unchanged: deck sync (digest of the cards)", only, "s", "< 0.2 s")
        began = time.perf_counter()
        decks_fingerprint(decks)
        table.add("  of which the digest of the cards", time.perf_counter() - began, "s")

        deck = decks[0]
        changed = dataclasses.replace(deck.cards[0], answer=deck.cards[0].answer + " Changed.")
        edited = [dataclasses.replace(deck, cards=(changed, *deck.cards[1:]))]
        total, only, report = asyncio.run(sync_once(db, edited))
        assert "1 updated" in report, report
        table.add("restart, one card changed: deck sync (every card compared)", only, "s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    table = Table(f"A {args.cards:,}-card deck folder: load and sync")
    for run in range(args.runs):
        run_once(table, args.cards, run)
        print(f"run {run + 1} of {args.runs} done", flush=True)
    table.print()


if __name__ == "__main__":
    main()
