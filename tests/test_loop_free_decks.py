"""Deck work that walks every card stays off the event loop: a server's view of the decks is built without
copying the decks' card lists (joined only when a topic's cards are asked for), and ``/deck export``
renames and writes the deck in a worker thread. The answers are the same as before."""

from __future__ import annotations

import threading
import tracemalloc
from typing import Any

import bot.core.deckadmin.service as deckadmin_service
from bot.core.catalog import Catalog, CatalogView
from bot.core.models import Card, Deck
from bot.core.service import Services

GUILD, MOD = 1001, 42
CSV = b"""question,answer,tags
What organelle makes ATP?,mitochondria,cells
What molecule carries genetic information?,DNA,genes
What is the basic unit of life?,the cell,cells
"""


def deck(deck_id: str, n: int, *tags: str, first: int = 0) -> Deck:
    return Deck(deck_id, deck_id.title(), cards=tuple(
        Card(deck=deck_id, id=f"c{i}", question=f"{deck_id} question {i}?", answer="x", accept=("x",), tags=tags)
        for i in range(first, first + n)
    ))  # fmt: skip


def test_a_servers_view_copies_no_card_list_of_the_decks() -> None:
    """A view of a 200,000-card deck and a server's deck sharing its tags takes a few kilobytes (copying
    the lists would take megabytes); the topics and pool are then joined as before, in deck order."""
    big = deck("big", 200_000, "shared", "other")
    catalog = Catalog([big])
    mine = deck("mine.abc123", 3, "shared", "other")
    catalog.put_deck(mine, GUILD)
    tracemalloc.start()
    try:
        view = catalog.view(GUILD)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000  # the card references alone of one copied list: 1.6 MB
    assert view.topic_size("shared") == 200_003 and view.topic_size("mine") == 3 and view.topic_size("nope") == 0
    shared = view.topic_cards("shared")
    assert shared is not None and shared[:2] == list(big.cards[:2]) and shared[-3:] == list(mine.cards)
    assert view.topics == ["other", "shared", "big", "mine"]
    assert len(view.askable) == 200_003 and view.askable[-1] is mine.cards[-1]
    assert view.topic_cards(None) == view.askable and view.topic_cards(None) is not view.askable


def test_a_view_built_before_a_change_keeps_the_decks_it_was_built_with() -> None:
    """The pool is joined on first use: from the decks as the view was built, even after a re-import or a
    removal, never half of each."""
    catalog = Catalog([deck("mini", 2, "t")])
    catalog.put_deck(deck("mine.abc123", 3, "t"), GUILD)
    before = catalog.view(GUILD)
    catalog.put_deck(deck("mine.abc123", 5, "t", first=10), GUILD)  # a re-import
    catalog.drop_deck("mini")
    assert [c.id for c in before.askable] == ["c0", "c1", "c0", "c1", "c2"]
    assert [c.key for c in before.topic_cards("t") or []] == [
        "mini:c0", "mini:c1", "mine.abc123:c0", "mine.abc123:c1", "mine.abc123:c2",
    ]  # fmt: skip
    after = catalog.view(GUILD)
    assert [c.id for c in after.askable] == ["c10", "c11", "c12", "c13", "c14"] and after.topic_size("t") == 5


async def test_an_export_renames_and_writes_the_deck_off_the_event_loop(
    core_services: Services, monkeypatch: Any
) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "biology.csv", CSV, "biology", user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    threads: list[tuple[str, int]] = []

    def recorded(name: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            threads.append((name, threading.get_ident()))
            return fn(*args, **kwargs)

        return run

    for name in ("_renamed", "deck_to_yaml", "_to_csv", "deck_to_apkg"):
        monkeypatch.setattr(deckadmin_service, name, recorded(name, getattr(deckadmin_service, name)))
    exported = [await s.decks.export(GUILD, "biology", fmt) for fmt in ("yaml", "csv", "anki")]
    assert [e.filename for e in exported] == ["biology.yaml", "biology.csv", "biology.apkg"]
    assert b"mitochondria" in exported[0].data and exported[1].data.startswith(b"question,answer,tags\n")
    assert {name for name, _ in threads} == {"_renamed", "deck_to_yaml", "_to_csv", "deck_to_apkg"}
    assert threading.get_ident() not in {thread for _, thread in threads}


async def test_deck_info_reads_a_large_decks_cards_off_the_event_loop(core_services: Services, monkeypatch: Any) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "biology.csv", CSV, "biology", user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    small = await s.decks.info(GUILD, "biology")
    assert small.tags == (("cells", 2), ("genes", 1)) and small.info.cards == small.info.askable == 3
    threads: list[int] = []
    walk = deckadmin_service._tags_and_overlays

    def recorded(*args: Any) -> Any:
        threads.append(threading.get_ident())
        return walk(*args)

    monkeypatch.setattr(deckadmin_service, "_tags_and_overlays", recorded)
    monkeypatch.setattr(deckadmin_service, "ON_LOOP_CARDS", 0)  # every deck counts as large
    assert await s.decks.info(GUILD, "biology") == small
    assert threads and threading.get_ident() not in threads


def test_the_askable_count_of_a_deck_is_its_askable_cards() -> None:
    incomplete = Card(deck="mini", id="x", question="Which one?", answer="", accept=(), status="incomplete")
    mini = Deck("mini", "Mini", cards=(*deck("mini", 3, "t").cards, incomplete))
    catalog = Catalog([mini])
    assert not incomplete.askable and catalog.askable_count(mini) == 3
    assert catalog.askable_count(deck("mini", 5)) == 5  # a deck the catalog does not hold: counted


async def test_a_servers_pool_is_joined_where_its_index_is_built(core_services: Services, monkeypatch: Any) -> None:
    """The pool of a server's view (every askable card it sees: 100,000 and more with a large deck) is
    joined in the worker thread that builds the server's term index after an import, not at its first
    quiz on the event loop."""
    threads: list[int] = []
    pool = CatalogView.askable

    def recorded(view: CatalogView) -> list[Card]:
        if view._askable is None:
            threads.append(threading.get_ident())
        return pool.fget(view)  # type: ignore[misc]

    monkeypatch.setattr(CatalogView, "askable", property(recorded))
    s = core_services
    preview = await s.decks.preview(GUILD, "biology.csv", CSV, "biology", user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    assert threads and threading.get_ident() not in threads
    joined = s.catalog.view(GUILD).askable
    assert len(threads) == 1  # joined once, then kept
    assert [c.key for c in joined] == [c.key for d in s.catalog.view(GUILD).decks.values() for c in d.cards if c.askable]
