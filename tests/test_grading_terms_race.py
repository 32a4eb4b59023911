"""Deck names that change while a card is being compiled (a deck imported as the first answers to a
question come in) never leave a card compiled against the old names in use; simultaneous first answers
to one card compile it once."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.grading import (
    clear_caches,
    grade_card,
    grade_card_async,
    install_deck_terms,
    prepare_deck_terms,
    register_deck_terms,
)
from bot.core.grading import compiled as compiled_module
from bot.core.models import Card, Deck, VerdictKind

CARD = Card(deck="d", id="1", question="What does a thermometer measure?", answer="temperature")
OTHER = Card(deck="e", id="2", question="What is the Spanish word for temperature?", answer="temperatura", term="temperatura")
OLD = [Deck("d", "d", cards=(CARD,))]
NEW = [Deck("d", "d", cards=(CARD,)), Deck("e", "e", cards=(OTHER,))]
TYPED = "temperatura"  # a misspelling while no deck names it; another card's answer once one does


@pytest.fixture(autouse=True)
def _no_deck_names():
    register_deck_terms([])
    clear_caches()
    yield
    register_deck_terms([])
    clear_caches()


def test_the_typed_answer_depends_on_the_deck_names() -> None:
    register_deck_terms(OLD)
    assert grade_card(CARD, TYPED).kind is VerdictKind.CORRECT
    register_deck_terms(NEW)
    assert grade_card(CARD, TYPED).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("turns", [1, 2, 3, 5, 8])
async def test_names_swapped_during_a_compile_are_the_ones_used_afterwards(turns: int) -> None:
    register_deck_terms(OLD)
    built = prepare_deck_terms(NEW)

    async def swap() -> None:
        for _ in range(turns):
            await asyncio.sleep(0)
        install_deck_terms(built)

    task = asyncio.create_task(swap())
    await grade_card_async(CARD, TYPED)
    await task
    assert grade_card(CARD, TYPED).kind is not VerdictKind.CORRECT
    assert (await grade_card_async(CARD, TYPED)).kind is not VerdictKind.CORRECT


async def test_simultaneous_first_answers_compile_the_card_once(monkeypatch) -> None:
    register_deck_terms(OLD)
    calls = 0
    real = compiled_module.compile_steps

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(compiled_module, "compile_steps", counting)
    verdicts = await asyncio.gather(*(grade_card_async(CARD, "temperature") for _ in range(20)))
    assert {v.kind for v in verdicts} == {VerdictKind.CORRECT}
    assert calls == 1
