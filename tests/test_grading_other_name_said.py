"""A right answer said to be another known term is wrong, however the remark says so: "teacher forcing (what people
call curriculum learning)", "..., that is to say label smoothing", "..., short for knowledge distillation",
"..., the same concept as knowledge distillation". The card's own other names said so stay right ("lasso, in other
words L1 regularization", "RAG, short for retrieval-augmented generation"), and so do a remark that says what the
answer does in words of its own and "in other words" before a broader kind or another name the tables do not
know ("k-means, in other words clustering", "cross-entropy, in other words log loss"). The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

FORCING = card(
    "Which training method feeds the ground-truth previous token to the decoder instead of its own prediction?",
    "teacher forcing",
)
LASSO = card("Which regression adds the sum of the absolute values of the weights to the loss?", "lasso", "L1 regularization")
CROSS_ENTROPY = card("Which loss compares the predicted probabilities with the true labels in classification?", "cross-entropy")
KMEANS = card("Which algorithm splits the data into k groups around k centroids?", "k-means")
RAG = card(
    "Which technique retrieves documents and puts them in the prompt before the model answers?",
    "retrieval-augmented generation", "RAG",
)


@pytest.mark.parametrize(
    "response",
    [
        "teacher forcing (what people call curriculum learning)",
        "teacher forcing, which we call curriculum learning",
        "teacher forcing, that is to say label smoothing",
        "teacher forcing, nicknamed scheduled sampling",
        "teacher forcing, short for knowledge distillation",
        "teacher forcing, which stands for scheduled sampling",
        "teacher forcing (what everybody calls curriculum learning)",
        "teacher forcing - the same concept as knowledge distillation",
    ],
)
def test_the_answer_said_to_be_another_term_is_wrong(response: str) -> None:
    assert not accepted(FORCING, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (LASSO, "lasso (what people call L1 regularization)"),
        (LASSO, "lasso, in other words L1 regularization"),
        (CROSS_ENTROPY, "cross-entropy, in other words log loss"),
        (KMEANS, "k-means, in other words clustering"),
        (KMEANS, "k-means, meaning the points are grouped around k centroids"),
        (RAG, "RAG, short for retrieval-augmented generation"),
        (RAG, "retrieval-augmented generation, RAG for short"),
        (RAG, "RAG, which stands for retrieval augmented generation"),
        (FORCING, "teacher forcing, in other words feeding the true token"),
        (FORCING, "teacher forcing, meaning the decoder sees the real previous token"),
        (LASSO, "lasso, which means the weights become sparse"),
    ],
)
def test_the_cards_own_names_and_plain_remarks_stay_right(c, response: str) -> None:
    assert accepted(c, response)
