"""A "no" followed by the question's own claim: "no, it is supervised" for "Is PCA supervised?" (answer No) was
right, though what follows the "no" says the question holds; "no, PCA is supervised" was already wrong. A remark
after a "no" that says what the question asks, of its term ("it", "they" or its name), every word of it the
question's and none denied, takes the "no" back; one that says something else ("no, it's unsupervised", "no -
it's still linear"), denies it ("no, it is not supervised") or names only the question's subject ("no, it's
linear" for "Can a linear classifier solve XOR?") stays right."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

PCA = Card(deck="d", id="pca", question="Is PCA supervised?", answer="", accept=("No",))
PCA_TERM = Card(deck="d", id="pca2", question="Is PCA supervised?", answer="", accept=("No", "unsupervised"))
PERCEPTRON = Card(deck="d", id="xor", question="Can a single perceptron learn XOR?", answer="", accept=("No",))
LINEAR = Card(deck="d", id="lin", question="Can a linear classifier solve XOR?", answer="", accept=("No",))
DROPOUT = Card(deck="d", id="drop", question="Does dropout slow down inference?", answer="", accept=("No",))
STACK = Card(
    deck="d", id="stack", question="Does stacking more layers without activations make a network more expressive?",
    answer="", accept=("No",),
)


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (PCA, "no, it is supervised"),
        (PCA, "no, it's supervised"),
        (PCA, "nope, it is supervised"),
        (PCA, "no, they are supervised"),
        (PCA, "I don't think so, it is supervised"),
        (PCA_TERM, "no, it is supervised"),
        (PCA_TERM, "no, it's supervised"),
        (PERCEPTRON, "no, it can learn XOR"),
        (DROPOUT, "no, it slows down inference"),
    ],
)
def test_a_no_that_restates_the_question_is_wrong(card, response):
    assert grade_card(card, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (PCA, "no, it's unsupervised"),
        (PCA, "no, PCA is unsupervised"),
        (PCA, "no - it's still linear"),
        (PCA, "no, it is not supervised"),
        (PCA, "no, it isn't supervised"),
        (PCA, "No. It is unsupervised."),
        (PCA_TERM, "no, it's unsupervised"),
        (PCA_TERM, "no, PCA is unsupervised"),
        (PCA_TERM, "no - it's still linear"),
        (PERCEPTRON, "no, it cannot learn XOR"),
        (LINEAR, "no, it's linear"),
        (DROPOUT, "no, it is off at inference"),
        (STACK, "no - it's still linear"),
    ],
)
def test_a_no_with_a_remark_of_its_own_stays_right(card, response):
    assert grade_card(card, response).kind is VerdictKind.CORRECT
