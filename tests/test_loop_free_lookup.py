"""/define's autocomplete answers exactly as before while it gives the event loop back between its steps
(``TermIndex.suggesting``, ``LookupService.suggest_async``) and remembers its recent answers."""

from __future__ import annotations

import asyncio
import random
import weakref
from collections.abc import Callable

import pytest

import bot.core.lookup.index as index_module
from bot.core.catalog import Catalog
from bot.core.lookup import LookupService, TermIndex
from bot.core.lookup.offloop import release
from bot.core.models import Card, Deck

WORDS = (
    "attention transformer network neural gradient descent batch layer norm dropout embedding token vector "
    "sparse dense kernel convolution pooling residual encoder decoder softmax entropy loss optimizer adam "
    "momentum learning rate schedule warmup weight decay regular lasso ridge bias variance tree forest boost"
).split()
FILLER = "what which is the of a in to for does how".split()


def synthetic_cards(n: int, seed: int = 3, deck: str = "synthetic") -> list[Card]:
    """``n`` cards whose names share words (as a large deck's do), with acronyms and aliases."""
    rng = random.Random(seed)
    cards: list[Card] = []
    seen: set[str] = set()
    while len(cards) < n:
        words = [rng.choice(WORDS) for _ in range(rng.choice((1, 2, 2, 3)))]
        term = " ".join(words) + (f" {len(cards)}" if rng.random() < 0.3 else "")
        if term in seen:
            continue
        seen.add(term)
        aliases = ("".join(w[0] for w in words).upper(),) if len(words) > 1 and rng.random() < 0.4 else ()
        question = " ".join(rng.choice(FILLER + WORDS) for _ in range(8)).capitalize() + "?"
        cards.append(Card(deck=deck, id=f"c{len(cards)}", term=term, aliases=aliases, question=question,
                          answer=f"The {term}.", accept=(term,), tags=(rng.choice(WORDS),)))  # fmt: skip
    return cards


def queries(cards: list[Card], seed: int = 5) -> list[str]:
    """What members type: every prefix of some names, typos, two words, misses and nothing."""
    rng = random.Random(seed)
    out = ["", " ", "zzzz", "qxzj vw"]
    for card in rng.sample(cards, 120):
        term = card.term or ""
        out += [term[:k] for k in range(1, len(term) + 1)]
        i = rng.randrange(len(term))
        out.append(term[:i] + rng.choice("aeiouxz") + term[i + 1 :])
        out.append(f"{rng.choice(WORDS)} {term.split()[0]}")
    return out


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    return synthetic_cards(3000)


def run_steps(index: TermIndex, query: str) -> tuple[list[tuple[str, str]], int]:
    steps = index.suggesting(query, 25)
    stops = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value, stops
        stops += 1


def test_autocomplete_in_steps_and_remembered_answers_as_the_whole_search(cards: list[Card]) -> None:
    """The same choices, in the same order, whether worked out at once, in steps, or remembered."""
    typed = queries(cards)
    assert len(typed) > 1000
    remembering = TermIndex(cards)
    fresh = TermIndex(cards)
    stopped = 0
    for q in typed:
        fresh.forget()  # nothing remembered: every answer worked out in full
        expected = fresh.suggest(q, 25)
        got, stops = run_steps(remembering, q)
        assert got == expected, q
        assert remembering.suggest(q, 25) == expected, q  # asked again: remembered
        stopped += stops > 0
    assert stopped > len(typed) // 2  # the loop is given back during most searches


async def test_suggest_async_answers_what_suggest_answers_per_server(cards: list[Card]) -> None:
    own = Deck(id="mine.abcdef", title="Mine", cards=tuple(synthetic_cards(300, seed=9, deck="mine.abcdef")))
    catalog = Catalog([Deck(id="synthetic", title="Synthetic", cards=tuple(cards))])
    catalog.put_deck(own, 77, "mine")
    lookup = LookupService(catalog=catalog)
    await lookup.start()
    reference = LookupService(catalog=catalog)
    for q in queries(cards)[:400] + [c.term or "" for c in own.cards[:50]]:
        for guild in (None, 77):
            assert await lookup.suggest_async(q, 25, guild_id=guild) == reference.suggest(q, 25, guild_id=guild), q
    assert any(key.startswith("mine.") for _, key in await lookup.suggest_async(own.cards[0].term or "", guild_id=77))


async def test_other_work_runs_while_a_keystroke_is_answered(cards: list[Card]) -> None:
    """An autocomplete gives the event loop back between its steps: other work (here a task counting its
    turns) runs before the choices are ready, and the choices are those ``suggest`` gives."""
    catalog = Catalog([Deck(id="synthetic", title="Synthetic", cards=tuple(cards))])
    lookup = LookupService(catalog=catalog)
    await lookup.start()
    turns = 0
    answered = asyncio.Event()

    async def other_work() -> None:
        nonlocal turns
        while not answered.is_set():
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(other_work())
    await asyncio.sleep(0)
    before = turns
    got = await lookup.suggest_async("attention net", 25)
    answered.set()
    await other
    assert turns - before >= 3
    assert got == TermIndex(cards).suggest("attention net", 25)


class _Holder:
    def __init__(self, **parts: object) -> None:
        self.__dict__.update(parts)


async def wait_gone(ref: Callable[[], object | None]) -> None:
    for _ in range(400):
        if ref() is None:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("never released")


async def test_a_released_structure_is_let_go_of_and_what_others_hold_is_left_whole() -> None:
    shared = list(range(20_000))
    holder = _Holder(own=[[i] for i in range(20_000)], table={i: str(i) for i in range(20_000)}, shared=shared,
                     inner=_Holder(more=list(range(30_000)), shared=shared))  # fmt: skip
    ref = weakref.ref(holder)
    release(holder)
    del holder
    await wait_gone(ref)
    assert shared == list(range(20_000))


async def test_an_index_still_in_use_when_released_keeps_answering(cards: list[Card]) -> None:
    index = TermIndex(cards)
    expected = index.suggest("gradient desc", 25)
    index.forget()
    release(index)  # (a search still holds it: here, this test)
    await asyncio.sleep(0.3)  # the releaser has given up waiting
    assert index.suggest("gradient desc", 25) == expected


def test_a_keystroke_matching_many_lists_stops_between_parts_of_its_work(
    cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short prefix matches hundreds of vocabulary words: reading their posting lists and scoring the
    candidates stop once a step has run its time (here: at every look at the clock), and the choices
    are the same as worked out at once."""
    typed = queries(cards)[:300] + ["a", "de", "tra", "gradient de"]
    whole = TermIndex(cards)
    expected = {q: whole.suggest(q, 25) for q in typed}
    monkeypatch.setattr(index_module, "STEP_SECONDS", 0.0)
    stepped = TermIndex(cards)
    for q in typed:
        got, _ = run_steps(stepped, q)
        assert got == expected[q], q
    stepped.forget()
    _, stops = run_steps(stepped, "de")
    assert stops > 4  # more than the four steps between the parts of the search
