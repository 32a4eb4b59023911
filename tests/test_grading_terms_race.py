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
from bot.core.grading import terms as terms_module
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


@pytest.fixture
def compiles(monkeypatch) -> list[int]:
    """How many times a card was compiled (one item a compile)."""
    calls: list[int] = []
    real = compiled_module.compile_steps

    def counting(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(compiled_module, "compile_steps", counting)
    return calls


async def test_simultaneous_first_answers_compile_the_card_once(compiles: list[int]) -> None:
    register_deck_terms(OLD)
    verdicts = await asyncio.gather(*(grade_card_async(CARD, "temperature") for _ in range(20)))
    assert {v.kind for v in verdicts} == {VerdictKind.CORRECT}
    assert len(compiles) == 1


def test_the_same_names_registered_again_keep_every_compiled_card(compiles: list[int]) -> None:
    """The bot registers every loaded deck's names again whenever a deck changes; a change that leaves the
    names as they were (a deck re-imported unchanged) neither rebuilds what the grader derives from them
    (seconds of a worker thread for a 100,000-card deck) nor recompiles a card."""
    register_deck_terms(NEW)
    assert grade_card(CARD, TYPED).kind is not VerdictKind.CORRECT
    in_use = terms_module.named_terms()
    again = prepare_deck_terms([Deck("d", "d", cards=(CARD,)), Deck("e", "e", cards=(OTHER,))])
    assert again.named is in_use  # nothing built again
    assert install_deck_terms(again) == 1
    assert grade_card(CARD, TYPED).kind is not VerdictKind.CORRECT
    assert len(compiles) == 1
    changed = prepare_deck_terms(OLD)
    assert changed.named is not in_use
    install_deck_terms(changed)
    assert grade_card(CARD, TYPED).kind is VerdictKind.CORRECT
    assert len(compiles) == 2


def test_names_prepared_unchanged_then_installed_after_a_change_bring_them_back() -> None:
    register_deck_terms(NEW)
    built = prepare_deck_terms(NEW)  # the names in use: nothing to build
    register_deck_terms(OLD)
    assert grade_card(CARD, TYPED).kind is VerdictKind.CORRECT
    install_deck_terms(built)
    assert grade_card(CARD, TYPED).kind is not VerdictKind.CORRECT
