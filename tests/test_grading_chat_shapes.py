"""Two answers written the ways chat writes them (an emoji or a sign between them, "or" in another language,
"and or", "or even ...", a wrong expansion beside the right one): wrong, one was asked. A rival struck out, the
asked acronym "means" its expansion, a number in italics: right."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

RELU = card("Which activation function outputs max(0, x)?", "ReLU", "rectified linear unit")


@pytest.mark.parametrize(
    "response",
    [
        "✅ ReLU ✅ Bloom filter",
        "ReLU 🤔 HNSW",
        "ReLU eller skip-gram",
        "ReLU lub gradient clipping",
        "ReLU ou prompt injection",
        "ReLU and or one-hot encoding",
        "ReLU or even retrieval-augmented generation",
        "ReLU 'n' prompt injection",
    ],
)
def test_two_answers_joined_as_chat_joins_them_are_wrong(response):
    assert not accepted(RELU, response)


@pytest.mark.parametrize("response", ["ReLU ✅", "✅ ReLU", "**ReLU**", "~~sigmoid~~ ReLU", "ReLU, et al."])
def test_marks_around_one_answer_keep_it_right(response):
    assert accepted(RELU, response)


def test_a_struck_out_answer_is_not_the_answer():
    assert not accepted(RELU, "~~ReLU~~ sigmoid")


def test_a_wrong_expansion_beside_the_right_one_is_wrong():
    c = card("What does LSTM stand for?", "long short-term memory")
    assert not accepted(c, "Long Short-Term Memory (Long Samuel Memory)")
    assert accepted(c, "Long Short-Term Memory")


def test_the_asked_acronym_that_means_its_expansion_is_right():
    c = card("What does CNN stand for?", "convolutional neural network")
    assert accepted(c, "CNN means convolutional neural network")
    assert not accepted(c, "CNN means cable news network")


def test_a_number_in_italics_is_the_number():
    c = card("How many parameters does GPT-3 have?", "175 billion")
    assert accepted(c, "*175 billion*")
