"""``grade_card_async``: the verdict ``grade_card`` gives, without holding the event loop for a long answer.

The bot grades on its event loop; a 4,000-character answer (or a card graded for the first time) is
graded in slices so that other players' clicks and messages are served in between.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from bot.core.decks import load_decks
from bot.core.grading import SLICE_FROM, clear_caches, grade_card, grade_card_async, prepare
from bot.core.models import Card

ROOT = Path(__file__).resolve().parents[1]


def deck_cards() -> list[Card]:
    return [c for d in load_decks(ROOT / "cards") for c in d.cards if c.askable]


def long_answer(card: Card, length: int = 4000) -> str:
    rng = random.Random(card.id)
    words = (card.answer + " " + card.question).split()
    text = ""
    while len(text) < length:
        text += rng.choice(words) + " "
    return text[:length]


def answers(card: Card, direction: str) -> list[str]:
    first = ((card.names if direction == "term" else ()) or card.accept or card.keypoints or (card.answer,))[0]
    return [first, f"not {first}", "idk", first.upper() + " " * SLICE_FROM, long_answer(card)]


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "first-use"])
async def test_the_async_grader_gives_the_same_verdicts(compiled: bool) -> None:
    cards = deck_cards()[::6]
    expected = {
        (c.key, d, a): grade_card(c, a, direction=d)
        for c in cards
        for d in ("question", "term")
        for a in answers(c, d)
    }
    clear_caches()
    if compiled:
        prepare(cards)
    for c in cards:
        for d in ("question", "term"):
            for a in answers(c, d):
                assert await grade_card_async(c, a, direction=d) == expected[(c.key, d, a)], (c.key, d, a)


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "first-use"])
async def test_other_tasks_run_while_a_long_answer_is_graded(compiled: bool) -> None:
    card = next(c for c in deck_cards() if len(c.accept) >= 4)
    essay = next(c for c in deck_cards() if c.is_essay)
    clear_caches()
    if compiled:
        prepare([card, essay])
    turns = 0
    done = False

    async def another_player() -> None:
        nonlocal turns
        while not done:
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(another_player())
    await asyncio.sleep(0)
    try:
        for c in (card, essay):
            before = turns
            verdict = await grade_card_async(c, long_answer(c))
            assert verdict == grade_card(c, long_answer(c))
            assert turns - before >= 2, "the loop was held for the whole answer"
    finally:
        done = True
        await other


async def test_a_short_answer_to_a_compiled_card_is_graded_without_giving_the_loop_away() -> None:
    card = deck_cards()[0]
    prepare([card])
    turns = 0

    async def another_player() -> None:
        nonlocal turns
        turns += 1

    other = asyncio.create_task(another_player())
    verdict = await grade_card_async(card, card.accept[0])
    assert verdict.correct
    assert turns == 0  # answered at once: no pause, so no other task ran in between
    await other
