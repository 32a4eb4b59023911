"""Two forms of answer the grader read wrongly.

A "yes" followed by a denial of the question's own claim: "yes, it is not used during training" for "Is dropout
used only during training?" (answer Yes) was right, though what follows the "yes" says the question does not
hold. A remark after a "yes" that denies what the question asks, of its term, every other word of it the
question's, takes the "yes" back, as a "no" followed by the question's claim already did; one that says it
("yes, it is used during training", "yes - only while training", "yes, it is"), denies a word the question does
not say ("yes, it isn't used at inference") or answers a question that itself denies ("Is a perceptron unable
to learn XOR?": "yes, it cannot learn XOR") stays right.

A product of numbers typed without spaces, a resolution: "1920x1080" was read as 1920 × 10⁸⁰, so "1920 x 10^80"
was right for it, and "100x100" was read as 100 × 10⁰, so "100" was right for it. The sides of a product are
kept as numbers: "1920x1080", "1920 x 1080" and "1920×1080" are one answer; another resolution, a single side,
the sides the other way round ("1080x1920"), or a power of ten are not it."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

DROPOUT = Card(
    deck="d", id="drop", question="Is dropout used only during training?", answer="", accept=("Yes",)
)
PCA = Card(deck="d", id="pca", question="Is PCA unsupervised?", answer="", accept=("Yes",))
MLP = Card(deck="d", id="mlp", question="Can a multilayer perceptron learn XOR?", answer="", accept=("Yes",))
UNABLE = Card(
    deck="d", id="unable", question="Is a single perceptron unable to learn XOR?", answer="", accept=("Yes",)
)
NOT_AT_INFERENCE = Card(
    deck="d", id="inf", question="Is dropout not used at inference?", answer="", accept=("Yes",)
)


#: (card, response, right): a denial of what the question asks takes the "yes" back; a remark that says it, or
#: denies something else, or a question that itself denies, does not.
YES_REMARKS = [
    (DROPOUT, "yes, it is not used during training", False),
    (DROPOUT, "yes, it isn't used during training", False),
    (DROPOUT, "yes, it's not only during training", False),
    (DROPOUT, "yes, dropout is not used during training", False),
    (DROPOUT, "yes, it is used during training", True),
    (DROPOUT, "yes - only while training", True),
    (DROPOUT, "yes, it is", True),
    (DROPOUT, "yes, it is only used during training", True),
    (DROPOUT, "yes, it isn't used at inference", True),
    (PCA, "yes, it is not unsupervised", False),
    (PCA, "yes, it isn't unsupervised", False),
    (PCA, "yes, it is unsupervised", True),
    (PCA, "yes, it doesn't need labels", True),
    (MLP, "yes, it cannot learn XOR", False),
    (MLP, "yes, it can't learn XOR", False),
    (MLP, "yes, it can learn XOR", True),
    (UNABLE, "yes, it cannot learn XOR", True),
    (NOT_AT_INFERENCE, "yes, it is not used at inference", True),
]


def test_a_yes_is_taken_back_by_a_denial_of_what_the_question_asks():
    graded = [
        (card.question, response, grade_card(card, response).kind) for card, response, _right in YES_REMARKS
    ]
    expected = [
        (card.question, response, VerdictKind.CORRECT if right else VerdictKind.WRONG)
        for card, response, right in YES_REMARKS
    ]
    assert graded == expected


RESOLUTION = "What resolution is Full HD?"
IMAGES = "What size are the images in the dataset?"


def _accepted(question: str, accept: str, responses: list[str]) -> set[str]:
    card = Card(deck="d", id="c1", question=question, answer="", accept=(accept,))
    return {r for r in responses if grade_card(card, r).kind is VerdictKind.CORRECT}


RESOLUTIONS = ["1920x1080", "1920 x 1080", "1920×1080", "1920 × 1080"]
NOT_FULL_HD = ["1920 x 10^80", "1080x1920", "1280x720", "1920x1200", "1920", "2073600"]


@pytest.mark.parametrize("accept", RESOLUTIONS)
def test_a_resolution_is_its_sides_however_typed(accept):
    assert _accepted(RESOLUTION, accept, RESOLUTIONS + NOT_FULL_HD) == set(RESOLUTIONS)


#: (accept, response, right) for a card on a size: a product of numbers is not one side of it nor its sides the
#: other way round, and a power of ten typed with an "x" is still its number.
SIZES = [
    ("100x100", "100", False),
    ("100 x 100", "100", False),
    ("200x100", "200", False),
    ("100", "100x100", False),
    ("3x5", "5x3", False),
    ("28 × 32", "32 x 28", False),
    ("100 x 100", "100x100", True),
    ("28 × 32", "28x32", True),
    ("0.001", "1 x 10^-3", True),
    ("0.001", "1x10-3", True),
    ("3 x 10^8", "300000000", True),
    ("3 x 10^8", "3 x 10^9", False),
]


def test_a_product_of_numbers_is_its_sides_in_order_and_a_power_of_ten_its_number():
    graded = [
        (accept, response, bool(_accepted(IMAGES, accept, [response]))) for accept, response, _right in SIZES
    ]
    assert graded == SIZES
