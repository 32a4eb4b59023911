"""What each server sees of the decks (``Catalog.view``): the global decks it did not turn off and its own
decks, never another server's; changes seen at once and told to the subscribers."""

from __future__ import annotations

from bot.core.catalog import Catalog, CatalogChange
from bot.core.models import Card, Deck

A, B = 1, 2


def deck(deck_id: str, *tags: str, cards: int = 2) -> Deck:
    return Deck(deck_id, deck_id.title(), cards=tuple(
        Card(deck=deck_id, id=f"c{i}", question=f"{deck_id} question {i}?", answer="x", accept=("x",), tags=tags)
        for i in range(cards)
    ))


def catalog() -> Catalog:
    return Catalog([deck("mini", "transformers"), deck("extra", "sampling", cards=1)])


def test_a_server_deck_is_seen_by_its_server_alone_under_its_name() -> None:
    c = catalog()
    c.put_deck(deck("biology.abc123", "cells", cards=3), A)
    c.put_deck(deck("biology.zzz999", cards=1), B)
    a, b, dm = c.view(A), c.view(B), c.view(None)
    assert a.topic_size("biology") == 3 and b.topic_size("biology") == 1
    assert "biology" not in dm.topics and "cells" in a.topics and "cells" not in b.topics
    assert a.card("biology.abc123:c0") is not None and b.card("biology.abc123:c0") is None
    assert dm.card("biology.abc123:c0") is None
    assert c.card("biology.abc123:c0") is not None  # a stored answer's card resolves whoever owns it
    assert a.deck_named("biology").id == "biology.abc123" and a.names["biology.abc123"] == "biology"
    assert a.sees("mini") and not a.sees("biology.zzz999")
    assert c.owner("biology.abc123") == A and c.owner("mini") is None
    # The catalog's own read API is the global view, as before.
    assert c.topics == dm.topics and len(c.askable) == 3 and set(c.decks) == {"mini", "extra"}


def test_a_deck_turned_off_leaves_that_servers_topics_and_pool_only() -> None:
    c = catalog()
    c.set_enabled(A, "mini", False)
    assert "transformers" not in c.view(A).topics and c.view(A).topic_cards("mini") is None
    assert [card.deck for card in c.view(A).askable] == ["extra"]
    assert c.view(A).card("mini:c0") is None
    assert "transformers" in c.view(B).topics and "transformers" in c.view(None).topics
    c.set_enabled(A, "mini", True)
    assert c.view(A).topic_size("transformers") == 2


def test_changes_are_seen_at_once_and_told_to_subscribers() -> None:
    c = catalog()
    told: list[CatalogChange] = []
    c.subscribe(told.append)
    before = c.view(A)
    c.put_deck(deck("chem.q1w2e3"), A)
    assert c.view(A) is not before and c.view(A).topic_size("chem") == 2
    c.put_deck(deck("chem.q1w2e3", cards=1), A)  # a re-import replaces it
    assert c.view(A).topic_size("chem") == 1 and c.card("chem.q1w2e3:c1") is None
    c.set_enabled(A, "extra", False)
    c.drop_deck("chem.q1w2e3")
    assert c.view(A).topic_cards("chem") is None and c.card("chem.q1w2e3:c0") is None
    assert [(t.kind, t.deck_id, t.guild_id) for t in told] == [
        ("put", "chem.q1w2e3", A), ("put", "chem.q1w2e3", A), ("enabled", "extra", A), ("drop", "chem.q1w2e3", A),
    ]


def test_a_failing_subscriber_does_not_stop_the_change() -> None:
    c = catalog()
    seen: list[str] = []

    def broken(change: CatalogChange) -> None:
        raise RuntimeError("boom")

    c.subscribe(broken)
    c.subscribe(lambda change: seen.append(change.deck_id))
    c.put_deck(deck("geo.aaaaaa"), B)
    assert seen == ["geo.aaaaaa"] and c.view(B).topic_size("geo") == 2


def test_topic_hints_follow_the_servers_topics() -> None:
    c = catalog()
    c.put_deck(deck("genetics.abcdef", "heredity"), A)
    assert c.view(A).topic_hint("genetcs").topics[:1] == ("genetics",)
    assert "genetics" not in c.view(B).topic_hint("genetcs").topics


def test_a_server_importing_deck_after_deck_keeps_one_lookup_index_not_one_per_import() -> None:
    from bot.core.lookup import LookupService

    c = catalog()
    lookup = LookupService(catalog=c)
    c.put_deck(deck("shared.aaa111", cards=1), B)
    for n in range(6):
        c.put_deck(deck(f"bio{n}.abc12{n}", cards=2), A)
        assert lookup.define(f"bio{n}.abc12{n}:c0", guild_id=A).card is not None  # definable at once
        lookup.index_for(B)
        c.set_enabled(A, "extra", enabled=bool(n % 2))
        lookup.index_for(A)
    # one index for each server's current decks; the indexes of decks it had before are gone
    assert len(lookup._indexes) == 2
