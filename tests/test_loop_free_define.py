"""/define gives the event loop back while it looks a term up (``TermIndex.defining``,
``LookupService.define_async``): the did-you-mean scan over every term runs in slices whose merged answer is
the single scan's, item for item, ties included."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Generator
from typing import TypeVar

import pytest
from rapidfuzz import fuzz, process
from test_loop_free_lookup import queries, synthetic_cards

from bot.core.catalog import Catalog
from bot.core.lookup import LookupService, TermIndex
from bot.core.lookup.index import NEAREST_SLICE, nearest_keys
from bot.core.models import Card, Deck
from bot.core.text import fold

T = TypeVar("T")


def finish(steps: Generator[None, None, T]) -> tuple[T, int]:
    """Run a stepped lookup to its end; (its answer, how many times it stopped)."""
    stops = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value, stops
        stops += 1


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    return synthetic_cards(3000)


def keys_with_ties(seed: int = 11) -> list[str]:
    """Names as a deck has them, many repeated or of one length, so equal scores are common."""
    rng = random.Random(seed)
    stems = ["attention", "attn", "batch norm", "layer norm", "softmax", "soft max", "dropout", "drop out", "ab", "ba"]
    keys = [rng.choice(stems) + rng.choice(["", "", " head", " layer", "s"]) for _ in range(600)]
    keys += ["".join(rng.choice("abcdeilmnorst ") for _ in range(rng.randint(1, 14))) for _ in range(600)]
    rng.shuffle(keys)
    return keys


def test_the_sliced_scan_is_the_single_scan_ties_included() -> None:
    keys = keys_with_ties()
    rng = random.Random(4)
    typed = [rng.choice(keys) for _ in range(60)] + ["attention", "atention", "norm", "x", "qqqq", "softmx layer"]
    typed += ["".join(rng.choice("abdeilmnorst") for _ in range(rng.randint(2, 10))) for _ in range(60)]
    compared = tied = 0
    for q in typed:
        for limit in (1, 3, 10, 40):
            single = [tuple(hit) for hit in process.extract(q, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=50)]
            for piece in (1, 7, 100, NEAREST_SLICE, len(keys) + 1):
                sliced, stops = finish(nearest_keys(q, keys, limit, piece=piece))
                assert sliced == single, (q, limit, piece)
                assert stops == max(0, -(-len(keys) // piece) - 1)
                compared += 1
            scores = [score for _, score, _ in single]
            tied += len(scores) != len(set(scores))
    assert compared > 2000
    assert tied > 100  # the order of equal scores was checked, not only distinct ones


def test_the_sliced_scan_of_nothing_or_of_fewer_keys_than_asked() -> None:
    assert finish(nearest_keys("attention", [], 10)) == ([], 0)
    few = ["attention", "attentions", "tension"]
    single = [tuple(hit) for hit in process.extract("attention", few, scorer=fuzz.ratio, limit=10, score_cutoff=50)]
    assert finish(nearest_keys("attention", few, 10, piece=2))[0] == single


def test_define_in_steps_answers_as_define(cards: list[Card]) -> None:
    index = TermIndex(cards)
    typed = queries(cards)[::3] + ["zzzz", "qxzj vw", "gradeint desent", "attention", "c5", cards[7].key]
    stopped = 0
    for q in typed:
        stepped, stops = finish(index.defining(q))
        assert stepped == index.define(q), q
        stopped += stops > 0
    assert stopped > len(typed) // 2


def test_a_miss_scans_every_term_in_slices() -> None:
    """A query that names nothing and shares no word: the did-you-mean comes from the scan of every term,
    which stops once per slice."""
    cards = [
        Card(deck="d", id=f"c{i}", term=f"qu{i:05d}x", question=f"Question {i}?", answer="It.", accept=(f"qu{i:05d}x",))
        for i in range(2 * NEAREST_SLICE + 10)
    ]  # fmt: skip
    index = TermIndex(cards)
    result, stops = finish(index.defining("qu00042y"))
    assert result == index.define("qu00042y")
    assert result.card is None and result.suggestions
    assert result.suggestions[0].card.key == "d:c42"
    assert stops >= 2  # at least one stop between each of the three slices


async def test_define_async_answers_as_define_and_lets_other_work_run() -> None:
    cards = synthetic_cards(NEAREST_SLICE * 2 + 100, seed=8)
    lookup = LookupService(catalog=Catalog([Deck(id="synthetic", title="Synthetic", cards=tuple(cards))]))
    await lookup.start()
    ran = 0

    async def other_work() -> None:
        nonlocal ran
        while True:
            ran += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(other_work())
    await asyncio.sleep(0)
    try:
        for q in ("zzqqxx", "qqzzkk wvvx", "gradient descent", "attention", ""):
            ran_before = ran
            got = await lookup.define_async(q)
            assert got == lookup.define(q)
            if q == "zzqqxx":  # a miss: the scan of every term gave the loop back between its slices
                assert ran - ran_before >= 2
    finally:
        other.cancel()


async def test_define_async_builds_a_servers_index_off_the_loop_first() -> None:
    base = synthetic_cards(200)
    mine = synthetic_cards(50, seed=9, deck="mine")
    catalog = Catalog([Deck(id="synthetic", title="Synthetic", cards=tuple(base))])
    catalog.put_deck(Deck(id="mine", title="Mine", cards=tuple(mine)), 7)
    lookup = LookupService(catalog=catalog)
    term = mine[0].term or ""
    got = await lookup.define_async(term, guild_id=7)
    assert got.card is not None and got.card.deck == "mine"
    assert (await lookup.define_async(term)).card != got.card  # the server's deck is its own


def test_nearest_terms_folds_and_caps_the_query(cards: list[Card]) -> None:
    index = TermIndex(cards)
    term = cards[3].term or ""
    shouted = term.upper() + "!!"
    assert [m.card for m in index.nearest_terms(shouted)] == [m.card for m in index.nearest_terms(fold(term))]
    assert index.nearest_terms("   ") == []
