"""A remark that files the answer under, or derives it from, a thing neither the card nor the answer's facts speak
of is wrong: "teacher forcing, basically curriculum learning", "..., which is really just label smoothing",
"..., derived from belief propagation", "..., built on top of the Kalman filter", "..., a kind of pruning". Said of
a thing the card names it stays right ("k-means, basically clustering"), and so does a case of the answer ("at 0
it's basically greedy decoding"). The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

FORCING = explained(
    "Which training method feeds the ground-truth previous token to the decoder instead of its own prediction?",
    "Teacher forcing: during training the decoder is given the true previous token from the target sequence, not "
    "the token it predicted, so training converges faster; at inference it must use its own outputs.",
    "teacher forcing",
)
KMEANS = explained(
    "Which algorithm splits the data into k groups around k centroids, moving each centroid to the mean of its points?",
    "k-means: a clustering algorithm that alternates assigning each point to its nearest centroid and moving each "
    "centroid to the mean of its points.",
    "k-means",
)
TEMPERATURE = explained(
    "Which sampling setting divides the logits before the softmax, so that a higher value makes the output more random?",
    "Temperature scales the logits before the softmax: a high temperature flattens the distribution and makes the "
    "output more random, a low one sharpens it, and as it goes to 0 sampling picks the most likely token, as greedy "
    "decoding does.",
    "temperature",
)


@pytest.mark.parametrize(
    "response",
    [
        "teacher forcing, basically curriculum learning",
        "teacher forcing, which is really just label smoothing",
        "teacher forcing, essentially knowledge distillation",
        "teacher forcing, derived from belief propagation",
        "teacher forcing, built on top of the Kalman filter",
        "teacher forcing, an extension of dropout",
        "teacher forcing, a kind of pruning",
    ],
)
def test_the_answer_filed_under_a_thing_the_card_does_not_name_is_wrong(response: str) -> None:
    assert not accepted(FORCING, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (KMEANS, "k-means, basically clustering"),
        (KMEANS, "k-means, which is really just clustering around centroids"),
        (TEMPERATURE, "temperature; at 0 it's basically greedy decoding"),
        (TEMPERATURE, "temperature, since at 0 it's basically greedy decoding"),
        (FORCING, "teacher forcing, basically giving the decoder the true previous token"),
    ],
)
def test_a_thing_the_card_names_or_a_case_of_the_answer_stays_right(c, response: str) -> None:
    assert accepted(c, response)


@pytest.mark.parametrize(
    "response",
    ["teacher forcing, invented for speech recognition", "teacher forcing, designed specifically for image segmentation"],
)
def test_an_origin_or_purpose_the_card_does_not_name_is_wrong(response: str) -> None:
    assert not accepted(FORCING, response)


SCALING = explained(
    "Along which three dimensions can you scale a convolutional network?",
    "- Width: more channels per layer.\n- Depth: more layers.\n- Resolution: larger input images.\n\n"
    "Scaling all three together in balance is EfficientNet's compound scaling, a form of model scaling.",
    keypoints=("width | wider", "depth | deeper | more layers", "resolution | larger inputs"),
)
ESSAY = "Width, depth and resolution: width = more channels, depth = more layers, resolution = bigger input images."


def test_an_essay_that_files_the_answer_under_a_thing_the_card_does_not_name_is_not_whole() -> None:
    assert accepted(SCALING, ESSAY)
    assert not accepted(SCALING, f"{ESSAY} Compound scaling was first proposed in the original AlexNet paper.")
    assert not accepted(SCALING, f"{ESSAY} It is basically the same idea as dropout, derived from pruning.")
    assert accepted(SCALING, f"{ESSAY} Doing all three in balance is compound scaling, a form of model scaling.")
