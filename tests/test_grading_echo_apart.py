"""A part of a name the question says in pieces: "residual" for "residual network", asked "Which CNN
architecture introduced residual connections to train networks …?". The question says both words, apart, so
the name typed whole is an answer; one of its words typed back as the question says it is an echo."""

from __future__ import annotations

import pytest

from bot.core.grading import grade, grade_card
from bot.core.models import Card, VerdictKind

RESNET = "Which CNN architecture introduced residual connections to train networks of over 100 layers?"
TARGET = (
    "In DQN, what is the periodically synced copy of the Q-network that is used to compute the target values?"
)
GMM = "Which clustering model treats the data as drawn from a mixture of Gaussians, fitted with EM?"
COIN = "How many bits of entropy does one toss of a fair coin carry?"
HINGE = "Which loss, hinge or cross-entropy, does a support vector machine minimize?"
ADAM = "Which optimizer, Adam or SGD, keeps per-parameter adaptive learning rates?"
ONLINE = "Which network computes the DQN's targets: the target or the online network?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (RESNET, ["ResNet", "residual network"], "residual"),
        (RESNET, ["ResNet", "residual network"], "Residual."),
        (TARGET, ["target network"], "target"),
        (TARGET, ["target network"], "the target"),
        # however the question ends: a name asked for without a question mark
        (RESNET.replace("Which", "Name the").replace("?", "."), ["ResNet", "residual network"], "residual"),
        (RESNET.replace("?", "？"), ["ResNet", "residual network"], "residual"),
    ],
)
def test_a_word_of_the_name_typed_back_from_the_question_is_no_answer(question, accept, response):
    assert grade(response, accept=accept, question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (RESNET, ["ResNet", "residual network"], "residual network"),
        (RESNET, ["ResNet", "residual network"], "residual networks"),
        (RESNET, ["ResNet", "residual network"], "ResNet"),
        (TARGET, ["target network"], "target network"),
        (TARGET, ["target network"], "a target net"),
        # the name's words put together as the question does not say them
        (GMM, ["Gaussian mixture model"], "Gaussian mixture"),
        (GMM, ["Gaussian mixture model"], "GMM"),
        # a number the question quotes may be the answer
        (COIN, ["1", "one bit"], "one"),
        # an option the question offers, picked without the word of its kind
        (HINGE, ["hinge loss"], "hinge"),
        (ADAM, ["Adam optimizer"], "Adam"),
        (ONLINE, ["target network"], "the target"),
    ],
)
def test_the_name_or_its_words_put_together_is_an_answer(question, accept, response):
    assert grade(response, accept=accept, question=question).kind is VerdictKind.CORRECT


def test_in_the_term_direction_a_short_name_of_the_term_is_right() -> None:
    # The prompt is the answer text with the term left out: "L1" is a name of lasso, not an echo of it.
    card = Card(
        deck="d", id="lasso", term="lasso", aliases=("L1 regularization", "L1"),
        question="Which regularization drives some coefficients to exactly zero?",
        answer="**Lasso** adds the L1 norm of the coefficients to the cost function; this regularization zeroes some.",
        accept=("lasso",),
    )  # fmt: skip
    assert grade_card(card, "L1", direction="term").kind is VerdictKind.CORRECT
