"""A product typed on a keyboard: "n x d" (a letter x between two factors) was refused where the card writes
"n × d", "3 x 3" where it writes "3×3", and "3x3" where it writes "3 × 3"; "d_k x d_v" and "O(n^2 x d)" too.
An "x" between two factors, or between two numbers, is the "×" it stands for, as "*" and "·" are; an "x" in a
word or a name ("x86", "xgboost") stays a letter, and another factor or another order is still wrong."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind


def _kind(question: str, accept: str, response: str) -> VerdictKind:
    card = Card(deck="d", id="c1", question=question, answer="", accept=(accept,))
    return grade_card(card, response).kind


SHAPE = "What is the shape of the embedding matrix for n tokens of dimension d?"
KERNEL = "What kernel size do VGG's convolutions use?"
IMAGE = "In what order are the dimensions of an image tensor laid out in TensorFlow?"
ATTENTION = "What is the cost of computing the attention scores?"
KEYS = "What is the shape of the key projection matrix?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (SHAPE, "n × d", "n x d"),
        (SHAPE, "n × d", "n X d"),
        (SHAPE, "n × d", "it is n x d"),
        (SHAPE, "n*d", "n x d"),
        (SHAPE, "n · d", "n x d"),
        (SHAPE, "n x d", "n × d"),
        (SHAPE, "n x d", "n*d"),
        (IMAGE, "H × W × C", "H x W x C"),
        (KERNEL, "3×3", "3 x 3"),
        (KERNEL, "3×3", "3x3"),
        (KERNEL, "3 × 3", "3x3 conv"),
        (KERNEL, "3x3", "3 × 3"),
        (KEYS, "d_k × d_v", "d_k x d_v"),
        (ATTENTION, "O(n² · d)", "O(n^2 x d)"),
        (ATTENTION, "O(n² · d)", "O(n^2 * d)"),
    ],
)
def test_a_product_typed_with_an_x_is_the_product(question, accept, response):
    assert _kind(question, accept, response) is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (SHAPE, "n × d", "n x m"),
        (SHAPE, "n × d", "d x n"),
        (SHAPE, "n × d", "n + d"),
        (SHAPE, "n × d", "n x d x k"),
        (IMAGE, "H × W × C", "C x H x W"),
        (KERNEL, "3×3", "5 x 5"),
    ],
)
def test_another_product_is_still_wrong(question, accept, response):
    assert _kind(question, accept, response) is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        ("Which instruction set do most desktop PCs use?", "x86", "x86", True),
        ("Which instruction set do most desktop PCs use?", "x86", "x64", False),
        ("Which gradient boosting library won many Kaggle contests?", "XGBoost", "xgboost", True),
        ("Which gradient boosting library won many Kaggle contests?", "XGBoost", "x", False),
        ("Which gradient boosting library won many Kaggle contests?", "LightGBM", "xgboost", False),
    ],
)
def test_an_x_in_a_name_stays_a_letter(question, accept, response, right):
    assert (_kind(question, accept, response) is VerdictKind.CORRECT) is right


def test_a_power_of_ten_typed_with_an_x_is_still_a_number():
    assert _kind("What learning rate does the paper use?", "0.001", "1 x 10^-3") is VerdictKind.CORRECT
    assert _kind("What learning rate does the paper use?", "0.001", "1 × 10⁻³") is VerdictKind.CORRECT
