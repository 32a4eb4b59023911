"""Choice mode: a number's or a year's made options do not point at the answer.

When the decks hold too few numbers of an answer's kind, the bot makes options near it. A player who has seen a
few such questions must not be able to tell the answer from how the options sit: were the answer never the
smallest nor the largest option (the made ones were always some above and some below it), picking one of the two
middle options would win half the time; were the answer the only number not rounded (384 among 130, 190 and
770), it would win every time.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.core import prompts
from bot.core.models import Card

SEEDS = range(60)

YEAR = Card(deck="d", id="y", question="In what year was the transformer paper published?", answer="2017.",
            accept=("2017",))
WIDTH = Card(deck="d", id="w", question="How many dimensions does the small sentence embedding model output?",
             answer="384.", accept=("384",))
SHARE = Card(deck="d", id="s", question="What share of the tokens is held out for validation?",
             answer="40%.", accept=("40%",))
OTHER = Card(deck="d", id="o", question="Which mechanism weighs every token?", answer="Attention.",
             term="attention", accept=("attention",))


def value(option: str) -> float:
    return float(option.rstrip("%").replace(",", ""))


def options_of(card: Card, seed: int) -> tuple[list[str], str]:
    p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=[card, OTHER], rng=random.Random(seed))
    return list(p.options), p.options[p.correct_option]


@pytest.mark.parametrize("card", [YEAR, WIDTH, SHARE], ids=["year", "count", "share"])
def test_the_answer_takes_any_place_among_its_options(card: Card) -> None:
    places = Counter()
    for seed in SEEDS:
        options, right = options_of(card, seed)
        assert len(options) == 4 and len(set(options)) == 4, options
        places[sorted(options, key=value).index(right)] += 1
    # (each of the four places about as often as the others: a quarter of the time, give or take)
    assert all(places[at] >= len(SEEDS) // 8 for at in range(4)), (
        f"{card.accept[0]} at each place of its options in order, over {len(SEEDS)} questions: {dict(places)} "
        "(a player picking a middle option wins more than a quarter of the time)"
    )


def test_a_number_is_not_the_only_unrounded_option() -> None:
    for seed in SEEDS:
        options, right = options_of(WIDTH, seed)
        others = [o for o in options if o != right]
        assert any(value(o) % 5 for o in others), f"only the answer is not a multiple of 5: {options}"


def test_a_year_is_among_years_next_to_it() -> None:
    for seed in SEEDS:
        options, right = options_of(YEAR, seed)
        years = sorted(int(o) for o in options)
        assert years[-1] - years[0] <= 6 and 2017 in years, options


def test_no_year_still_to_come_is_offered() -> None:
    # A year after this one cannot be when something happened: offered, it would only narrow the options.
    this_year = datetime.now(UTC).year
    recent = Card(deck="d", id="r", question="In what year was the model released?", answer=f"{this_year - 1}.",
                  accept=(str(this_year - 1),))
    for seed in SEEDS:
        options, _ = options_of(recent, seed)
        assert len(options) == 4 and max(int(o) for o in options) <= this_year, options
