"""The names the moderators' insight gives cards no longer in the catalog (``DisputeQueries.stored_card_names``):
a server's deck by its name, a deck file's by its id, each card with its question as last stored, on SQLite and
PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Card, Deck
from bot.core.storage import DeckQueries
from bot.core.storage.dispute_queries import DisputeQueries

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GUILD = 111


def card(cid: str, question: str, deck: str = "biology") -> Card:
    return Card(deck=deck, id=cid, question=question, answer="x", accept=("x",))


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open()


async def test_a_retired_card_is_named_by_its_decks_name_and_last_question(store) -> None:
    decks = DeckQueries(store)
    await decks.sync_decks([Deck("mini", "Mini", cards=(card("bert", "What is BERT?", deck="mini"),))], now=NOW)
    first = Deck("biology", "Biology", cards=(card("cell", "Smallest unit of life?"), card("atp", "Energy?")))
    stored, _ = await decks.save_server_deck(GUILD, "biology-101", first, now=NOW)
    edited = Deck("biology", "Biology", cards=(card("cell", "The smallest unit of life?"),))
    await decks.save_server_deck(GUILD, "biology-101", edited, now=NOW)

    keys = [f"{stored.id}:atp", f"{stored.id}:cell", "mini:bert", "gone:nothing"]
    async with store.read() as db:
        found = await DisputeQueries().stored_card_names(db, keys)
    assert stored.id != "biology-101"
    assert {k: (v.label, v.question, v.retired) for k, v in found.items()} == {
        f"{stored.id}:atp": ("biology-101:atp", "Energy?", True),
        f"{stored.id}:cell": ("biology-101:cell", "The smallest unit of life?", False),
        "mini:bert": ("mini:bert", "What is BERT?", False),
    }
    await decks.retire_server_deck(GUILD, stored.id, now=NOW)
    async with store.read() as db:
        found = await DisputeQueries().stored_card_names(db, [f"{stored.id}:cell"])
    assert found[f"{stored.id}:cell"].retired and found[f"{stored.id}:cell"].label == "biology-101:cell"
