"""Choice mode: made number options do not give the answer away by arithmetic or by roundness.

When the decks hold too few numbers of an answer's kind, the bot makes options near it. They used to be the
answer doubled and halved, rounded to the answer's precision: for 15% that offered 4%, 8%, 15% and 30%, and a
player who halves and doubles each option finds the one the others came from (8% is 15% halved and rounded, 15%
is not 8% doubled). And 8% beside 15% made 15% the only multiple of 5 on offer.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest

from bot.core import prompts
from bot.core.models import Card

SEEDS = range(60)

OTHER = Card(deck="d", id="o", question="Which mechanism weighs every token?", answer="Attention.",
             term="attention", accept=("attention",))


def card_for(answer: str) -> Card:
    return Card(deck="d", id="n", question="How much of it is there?", answer=f"{answer}.", accept=(answer,))


def number(option: str) -> Decimal:
    return Decimal(option.rstrip("%").replace(",", ""))


def options_of(card: Card, seed: int) -> tuple[list[str], str]:
    p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=[card, OTHER], rng=random.Random(seed))
    return list(p.options), p.options[p.correct_option]


def made_from(source: str, options: list[str]) -> bool:
    """Whether every other option is ``source`` doubled or halved (up to four times), rounded as ``source`` is."""
    places = Decimal(1).scaleb(-len(source.rstrip("%").split(".", 1)[1]) if "." in source else 0)
    value = number(source)
    made = {(value * Decimal(2) ** k).quantize(places) for k in range(-4, 5) if k}
    return all(number(o) in made for o in options if o != source)


@pytest.mark.parametrize("answer", ["15%", "7", "2.5", "0.15", "33%", "25%"])
def test_halving_and_doubling_the_options_does_not_find_the_answer(answer: str) -> None:
    # A player who tries each option as the one the others were made from, and picks among those that fit.
    won = 0.0
    for seed in SEEDS:
        options, right = options_of(card_for(answer), seed)
        assert len(set(options)) == 4, options
        fits = [o for o in options if made_from(o, options)]
        won += (1 / len(fits) if right in fits else 0.0) if fits else 0.25
    assert won / len(SEEDS) <= 0.3, (
        f"{answer}: a player who halves and doubles the options wins {won / len(SEEDS):.0%} of the time, "
        f"e.g. {options}"
    )


@pytest.mark.parametrize(("answer", "round_to"), [("15%", 5), ("40%", 10), ("50,000", 10_000), ("0.15", Decimal("0.05"))])
def test_the_answer_is_not_the_only_option_as_round_as_it(answer: str, round_to: int | Decimal) -> None:
    # 15% among 5%, 10% and 20%, not the only multiple of 5 among 4%, 8% and 30%.
    for seed in SEEDS:
        options, right = options_of(card_for(answer), seed)
        assert any(number(o) % Decimal(round_to) == 0 for o in options if o != right), (answer, options)


@pytest.mark.parametrize("answer", ["768", "384", "100", "64", "1,000,000", "40%", "200%"])
def test_the_answer_is_not_always_the_same_number_of_steps(answer: str) -> None:
    # Were 768 always 4 steps of its options' gap (192, 384, 576, 768 or 384, 576, 768, 960), "pick the option
    # four times the gap" would always win.
    steps: Counter[Decimal] = Counter()
    for seed in SEEDS:
        options, right = options_of(card_for(answer), seed)
        low, second = sorted(number(o) for o in options)[:2]
        steps[number(right) / (second - low)] += 1
    assert max(steps.values()) <= 0.6 * len(SEEDS), (answer, dict(steps))


def test_a_share_above_100_percent_gets_options() -> None:
    # (a growth of 150% is no share of a whole: options are not capped at 100%)
    for seed in SEEDS:
        options, right = options_of(card_for("150%"), seed)
        assert len(set(options)) == 4 and right == "150%", options


@pytest.mark.parametrize("answer", ["15%", "3", "90%"])
def test_an_answer_with_little_room_is_at_each_place_it_can_take_as_often(answer: str) -> None:
    # 15% cannot be the largest of four multiples of 5 above 0%: it takes the other three places, none of
    # them far more often than a third of the time (no place a player can bet on).
    places: Counter[int] = Counter()
    for seed in SEEDS:
        options, right = options_of(card_for(answer), seed)
        places[sorted(options, key=number).index(right)] += 1
    assert len(places) >= 3 and max(places.values()) <= 0.45 * len(SEEDS), (answer, dict(places))
