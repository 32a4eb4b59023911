"""SQLite and PostgreSQL must behave the same: /review's new cards come in deck order on both."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pg_support import Engine, both_engines, pg_schema  # noqa: F401  (fixtures ``engine``, ``pg``)

from bot.core.decks import load_decks
from bot.core.storage import DeckQueries
from bot.core.storage.review_queries import ReviewQueries

ROOT = Path(__file__).resolve().parents[1]
G, ALICE = 100, 1


async def test_new_review_cards_stay_in_deck_order_after_a_card_is_edited(engine: Engine, clock: Any, tmp_path: Path) -> None:
    """The operator fixes a typo in the first card of a deck and restarts (the deck sync updates that card).
    /review introduces new cards "in deck order" (README), on both engines: the edited card still comes
    first (PostgreSQL moves an updated row to the end of its table, so the order is the stored position)."""
    folder = tmp_path / "cards"
    shutil.copytree(ROOT / "tests" / "data" / "decks", folder)
    store = await engine.open()
    await DeckQueries(store).sync_decks(load_decks(folder), now=clock())
    queries = ReviewQueries(store)
    before = await queries.new_cards(G, ALICE, limit=20)
    assert before[0] == "mini:bert"

    deck = folder / "mini.yaml"
    deck.write_text(deck.read_text().replace("masked language modelling.", "masked language modeling."))
    clock.tick(60)
    await DeckQueries(store).sync_decks(load_decks(folder), now=clock())
    after = await queries.new_cards(G, ALICE, limit=20)
    assert after == before, f"new cards changed order after an edit of mini:bert: {before} -> {after}"
