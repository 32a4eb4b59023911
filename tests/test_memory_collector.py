"""The garbage collector's policy (``bot.core.memory``): the long-lived objects are frozen at start-up, after
a slow full collection and after a deck change, so later collections do not walk them; nothing that is
garbage is frozen, and a frozen structure let go of is still freed."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_loop_free_lookup import synthetic_cards

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.grading.compiled import clear_caches, compile_card
from bot.core.lookup import LookupService, TermIndex
from bot.core.lookup.offloop import FREEZE_MIN_OBJECTS, collector_paused, off_loop, release
from bot.core.memory import THRESHOLDS, CollectorPolicy
from bot.core.models import Deck
from bot.runner import TutorBot

CARDS = Path(__file__).resolve().parents[1] / "cards"


class Thing:
    """A tracked object to follow."""

    def __init__(self) -> None:
        self.items: list[object] = []


def frozen(obj: object) -> bool:
    """Whether the collector tracks ``obj`` but no generation holds it (it is in the permanent one)."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Every test leaves the collector as it found it: nothing frozen, thresholds and callbacks back."""
    thresholds, callbacks = gc.get_threshold(), list(gc.callbacks)
    gc.collect()
    yield
    gc.callbacks[:] = callbacks
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    gc.collect()


def test_settle_freezes_what_start_up_left_and_collects_its_garbage() -> None:
    kept = Thing()
    garbage = Thing()
    garbage.items.append(garbage)  # a cycle: only a collection frees it
    dead = weakref.ref(garbage)
    del garbage
    CollectorPolicy().settle()
    assert frozen(kept)
    assert dead() is None


def test_a_slow_full_collection_freezes_what_survived_it_and_no_garbage() -> None:
    policy = CollectorPolicy(slow=0.0).install()  # every full collection counts as slow
    kept = Thing()
    garbage = Thing()
    garbage.items.append(garbage)
    dead = weakref.ref(garbage)
    del garbage
    gc.collect()
    assert frozen(kept)
    assert dead() is None
    assert policy.stats.freezes >= 1
    assert policy.stats.longest(2) > 0.0


def test_a_short_full_collection_freezes_nothing_unless_a_deck_changed() -> None:
    policy = CollectorPolicy(slow=3600.0).install()
    before = Thing()
    gc.collect()
    assert not frozen(before)
    policy.deck_changed()
    after = Thing()
    gc.collect()
    assert frozen(before) and frozen(after)
    assert policy.stats.freezes == 1


def test_install_sets_the_thresholds_and_uninstall_puts_back_the_interpreters() -> None:
    gc.set_threshold(700, 10, 10)
    policy = CollectorPolicy().install()
    assert gc.get_threshold() == THRESHOLDS
    assert policy._on_collection in gc.callbacks
    policy.uninstall()
    assert gc.get_threshold() == (700, 10, 10)
    assert policy._on_collection not in gc.callbacks


def test_a_frozen_object_let_go_of_is_still_freed() -> None:
    thing = Thing()
    thing.items.append(Thing())
    CollectorPolicy().settle()
    assert frozen(thing)
    dead = weakref.ref(thing)
    del thing
    assert dead() is None


def test_decks_indexes_and_compiled_cards_make_no_cycles() -> None:
    """What is frozen for long is freed by reference counting alone when let go of: nothing of it would
    stay frozen for good."""
    cards = [c for d in load_decks(CARDS) for c in d.cards] + synthetic_cards(500)
    compile_card(cards[0])  # the grader's tables, loaded once for good
    gc.collect()
    gc.disable()
    try:
        index = TermIndex(cards)
        index.define("attention")
        index.define("zzzz qqqq")
        for card in cards:
            if card.askable:
                compile_card(card, "question")
                compile_card(card, "term")
        del index
        clear_caches()
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_build_that_leaves_many_objects_is_frozen_a_small_one_is_not() -> None:
    with collector_paused():
        small = [Thing() for _ in range(10)]
    assert not frozen(small[0])
    with collector_paused():
        large = [Thing() for _ in range(FREEZE_MIN_OBJECTS)]
    assert frozen(large[0])


def test_a_build_is_frozen_by_what_it_left_even_when_older_objects_died_meanwhile() -> None:
    """An old index taken apart while a new one is built frees many objects: the build's objects are still
    counted, and frozen."""
    old = [Thing() for _ in range(3 * FREEZE_MIN_OBJECTS)]
    gc.collect()
    with collector_paused():
        new = [Thing() for _ in range(FREEZE_MIN_OBJECTS)]
        del old
    assert frozen(new[0])


async def test_a_replaced_frozen_index_is_freed() -> None:
    index = await off_loop(lambda: TermIndex(synthetic_cards(300)), freeze=True)
    assert frozen(index)
    dead = weakref.ref(index)
    release(index)
    del index
    for _ in range(400):  # the releaser thread takes it apart
        if dead() is None:
            break
        await asyncio.sleep(0.01)
    assert dead() is None


async def test_a_server_deck_replaced_in_the_lookup_frees_its_old_index() -> None:
    catalog = Catalog([Deck(id="base", title="Base", cards=tuple(synthetic_cards(50, deck="base")))])
    lookup = LookupService(catalog=catalog)
    await lookup.start()
    policy = CollectorPolicy(slow=3600.0).install()
    catalog.subscribe(policy.deck_changed)
    catalog.put_deck(Deck(id="mine", title="Mine", cards=tuple(synthetic_cards(200, seed=4, deck="mine"))), 7)
    await lookup.refresh(7)
    gc.collect()  # the deck change asked for a freeze at the next full collection
    old = lookup.index_for(7)
    assert frozen(old)
    dead = weakref.ref(old)
    del old
    catalog.put_deck(Deck(id="mine", title="Mine", cards=tuple(synthetic_cards(150, seed=6, deck="mine"))), 7)
    await lookup.refresh(7)
    for _ in range(500):  # the releaser thread takes it apart
        if dead() is None:
            break
        await asyncio.sleep(0.01)
    assert dead() is None
    assert lookup.index_for(7).define("zzzz").card is None


async def test_the_runner_applies_the_policy_at_start_up_and_after_a_deck_change(settings, clock) -> None:
    import simcord

    policy = CollectorPolicy(slow=3600.0)
    bot = TutorBot(settings, clock=clock, collector=policy)
    async with simcord.run(bot) as env:
        clock.env = env
        services = bot.tutor_services
        assert services is not None
        assert policy._on_collection in gc.callbacks
        assert gc.get_threshold() == THRESHOLDS
        assert frozen(services.catalog) and frozen(services.lookup.index)
        deck = Deck(id="late", title="Late", cards=tuple(synthetic_cards(40, seed=9, deck="late")))
        services.catalog.put_deck(deck, 5)
        gc.collect()  # the next full collection after the deck change
        assert frozen(deck)
        assert policy.stats.freezes == 1
        await bot.close()
    assert policy._on_collection not in gc.callbacks
