"""On a card with an explanation, a remark that credits or dates the answer to people, organisations or years the
card never says is wrong where no table of who, when and where knows the answer at all: "discriminative model, made
by DeepMind", "..., invented by Judea Pearl in 1965", "model collapse (DeepMind, 2021)". A thing of the field with a
known origin is in the tables, and a card that tells one says it: an origin the card says stays right, and a card
with only its question judges no origin. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

QUESTION = "Which kind of model learns the boundary between the classes, P(y | x), rather than how the data is generated?"
DISCRIMINATIVE = explained(
    QUESTION,
    "A discriminative model learns the conditional probability P(y | x): the boundary between the classes. "
    "Logistic regression and SVMs are examples.",
    "discriminative model",
)
COLLAPSE = explained(
    "What is it called when models trained on the outputs of earlier models lose the tails of the data?",
    "Model collapse: trained generation after generation on generated data, a model forgets the rare cases; the "
    "name was given in a 2023 paper by Shumailov and colleagues at Oxford.",
    "model collapse",
)


@pytest.mark.parametrize(
    "response",
    [
        "discriminative model, made by DeepMind",
        "discriminative model, invented by Judea Pearl in 1965",
        "discriminative model, first proposed in 2019",
        "discriminative model (DeepMind, 2021)",
        "discriminative model, from a 2017 paper by Fei-Fei Li",
    ],
)
def test_an_origin_neither_the_card_nor_the_tables_give_is_wrong(response: str) -> None:
    assert not accepted(DISCRIMINATIVE, response)


def test_an_origin_the_card_says_stays_right() -> None:
    assert accepted(COLLAPSE, "model collapse, named in a 2023 paper by Shumailov")
    assert accepted(COLLAPSE, "model collapse (Shumailov et al., 2023)")
    assert not accepted(COLLAPSE, "model collapse, coined by Yann LeCun in 2015")


def test_a_card_with_only_its_question_judges_no_origin() -> None:
    assert accepted(card(QUESTION, "discriminative model"), "discriminative model, first proposed in 2019")
    assert accepted(DISCRIMINATIVE, "discriminative model, e.g. logistic regression")
