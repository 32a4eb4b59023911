"""A player who corrects themselves in one message ("RMSProp - actually Adam", "Adam (I mean AdaGrad)"): the answer
they corrected to is graded, right or wrong; a remark after the same words ("- actually it's ...", ", sorry if
misspelt") is still a remark. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import register_deck_terms
from bot.core.models import Deck

ADAM = card("Which optimizer keeps running averages of the gradients and of their squares?", "Adam", "Adam optimizer")
LSTM = card("What does LSTM stand for?", "long short-term memory")
HEADS = card("How many attention heads does the base Transformer use?", "8", "eight")


@pytest.mark.parametrize(
    "response",
    [
        "RMSProp - actually Adam",
        "RMSprop, sorry, Adam",
        "AdaGrad? scratch that, Adam",
        "SGD... no wait, Adam",
        "momentum (I mean Adam)",
        "RMSProp. Correction: Adam optimizer",
        "RMSProp - actually it's Adam",
    ],
)
def test_an_answer_corrected_to_the_right_one_is_right(response: str) -> None:
    assert accepted(ADAM, response)


@pytest.mark.parametrize(
    "response",
    [
        "Adam - actually RMSProp",
        "Adam, sorry, AdaGrad",
        "Adam? scratch that, stochastic gradient descent",
        "Adam... no wait, momentum",
        "Adam (I mean AdaGrad)",
        "Adam. Correction: RMSprop",
        "Adam (or rather Nadam)",
    ],
)
def test_the_right_answer_corrected_to_another_is_wrong(response: str) -> None:
    assert not accepted(ADAM, response)


def test_a_correction_of_an_expansion_or_a_number_is_graded_too() -> None:
    assert accepted(LSTM, "long term short memory - sorry, long short-term memory")
    assert not accepted(LSTM, "long short-term memory... no wait, local sensitive tree model")
    assert accepted(HEADS, "6, no wait, 8")
    assert not accepted(HEADS, "8 - actually 16")


@pytest.mark.parametrize(
    "response",
    [
        "Adam - actually it's the usual default",
        "Adam, sorry if misspelt",
        "Adam, sorry",
        "Adam (I mean the optimizer)",
        "Adam, actually",
    ],
)
def test_a_remark_after_the_same_words_is_no_correction(response: str) -> None:
    assert accepted(ADAM, response)


def test_corrections_that_still_offer_two_answers_are_wrong() -> None:
    ridge = card("Which regression adds a squared L2 penalty on the weights?", "ridge regression", "ridge")
    assert not accepted(ridge, "lasso... no wait ridge, or lasso")
    assert accepted(ridge, "lasso... no wait, ridge")


def test_an_essay_card_is_not_read_for_corrections() -> None:
    essay = explained(
        "Why does dropout reduce overfitting?",
        "Dropout randomly zeroes units during training, so no unit can rely on others.",
        keypoints=("units are randomly dropped during training | randomly zeroes units", "units cannot co-adapt | no unit relies on others"),
    )
    assert not accepted(essay, "it makes training faster - actually it randomly zeroes units")


ELECTRA = card(
    "What does ELECTRA stand for?", "Efficiently Learning an Encoder that Classifies Token Replacements Accurately"
)
PCA = card("What does PCA stand for?", "principal component analysis")


def test_a_correction_to_a_long_name_of_a_deck_is_graded() -> None:
    # a deck's name of nine words is an answer the player may correct to, as a short one is
    register_deck_terms([Deck(id="d", title="d", cards=(ELECTRA, PCA))])
    long_name = "Efficiently Learning an Encoder that Classifies Token Replacements Accurately"
    for shape in ("{a} - actually {r}", "{a}. Correction: {r}", "{a} (or rather {r})", "{a}? scratch that, {r}"):
        assert not accepted(PCA, shape.format(a="principal component analysis", r=long_name)), shape
        assert accepted(ELECTRA, shape.format(a="principal component analysis", r=long_name)), shape
    # nine words that name nothing are still no correction: "actually" starts a remark
    assert accepted(PCA, "principal component analysis - actually the one answer I was really quite sure of today")
