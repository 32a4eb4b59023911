"""Two bot processes starting side by side with a changed deck both rebuild the search table
(``LookupService.start`` -> ``SearchQueries.rebuild``: ``DELETE FROM cards_fts`` then insert every card): the table
holds each card once, on both engines.

On SQLite the second rebuild's transaction starts after the first commits. On PostgreSQL (READ COMMITTED) the
second would delete only the rows committed when it started, so it waits for the first and finds the table built.
"""

from __future__ import annotations

from pathlib import Path

from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from race_support import overlap, run_overlapping

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.lookup import LookupService
from bot.core.storage.search_queries import SearchQueries

ROOT = Path(__file__).resolve().parents[1]


async def test_two_processes_building_the_search_table_at_once_leave_each_card_once(engine: Engine) -> None:
    catalog = Catalog(load_decks(ROOT / "cards"))
    first, second = await engine.open(), await engine.open()  # two processes on one database
    a = LookupService(catalog=catalog, store=first)
    b = LookupService(catalog=Catalog(load_decks(ROOT / "cards")), store=second)
    results = await run_overlapping(overlap(first, second), a.start(), b.start())
    assert [r for r in results if isinstance(r, BaseException)] == []
    try:
        hits = [h.card.key for h in await a.search("transformer")]
        assert len(hits) == len(set(hits)), hits  # each card listed once
        assert await SearchQueries(first).count() == len(catalog.cards)
    finally:
        await a.close()
        await b.close()
