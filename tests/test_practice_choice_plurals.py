"""Choice mode, "What does X stand for?": the options built with the same initials keep the number of the word
they vary. Before, a plural word of the answer got a singular stand-in ("Mixture of Experts" beside "Mixture of
Encoder", "k-nearest neighbors" beside "k-nearest network"): the one plural option, or the only grammatical
one, pointed at the answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.core import prompts
from bot.core.decks import load_decks
from bot.core.models import Card


@pytest.fixture(scope="module")
def real_cards() -> list[Card]:
    return [c for d in load_decks(Path(__file__).resolve().parents[1] / "cards") for c in d.cards if c.askable]


def plural(word: str) -> bool:
    low = word.strip("()[],;:.\"'").lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


@pytest.mark.parametrize(
    ("acronym", "expansion"),
    [
        ("MoE", "Mixture of Experts"),
        ("KNN", "k-nearest neighbors"),
        ("BERT", "Bidirectional Encoder Representations from Transformers"),
        ("RNNs", "Recurrent Neural Networks"),
    ],
)
def test_a_plural_word_of_an_expansion_gets_plural_stand_ins(
    real_cards: list[Card], acronym: str, expansion: str
) -> None:
    card = Card(deck="i", id=acronym.lower(), question=f"What does {acronym} stand for?", answer="",
                accept=(expansion,))  # fmt: skip
    pool = [*real_cards, card]
    varied = 0
    for seed in range(12):
        p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed))
        right = p.options[p.correct_option]
        assert right == expansion
        for option in p.options:
            words = option.split()
            if len(words) != len(right.split()):
                continue  # (not one built from the answer's words)
            for mine, theirs in zip(right.split(), words, strict=True):
                if mine != theirs:
                    varied += 1
                    assert plural(theirs) == plural(mine), (
                        f"{theirs!r} stands in for {mine!r}: {p.options} (the answer is the one whose number fits)"
                    )
    assert varied, "no option was built with the same initials: adapt the test"
