"""The distinctive word of a name alone, where the question already says what kind of thing is asked for:
"binomial" for "binomial distribution" asked "Which probability distribution …?". Right typed alone, and only
then; never when the question names no kind, nor when the card rejects it."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

BINOMIAL = "Which probability distribution counts the successes in n independent yes/no trials?"
BINARY = "Which search algorithm checks the middle element of a sorted array and halves the range each step?"
WELCH = "Which t-test compares two means without assuming equal variances?"
CALLED = "What is checking the middle element of a sorted array and halving the range each step called?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        (BINOMIAL, "binomial distribution", "binomial", VerdictKind.CORRECT),
        (BINOMIAL, "binomial distribution", "Binomial.", VerdictKind.CORRECT),
        (BINOMIAL, "binomial distribution", "binomial distribution", VerdictKind.CORRECT),
        (BINARY, "binary search", "binary", VerdictKind.CORRECT),
        (WELCH, "Welch's t-test", "Welch", VerdictKind.CORRECT),
        (WELCH, "Welch's t-test", "Welch's", VerdictKind.CORRECT),
    ],
)
def test_the_name_without_the_kind_the_question_asks_for_is_right(question, accept, response, kind):
    assert grade(response, accept=[accept], question=question).kind is kind


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        # another thing of another kind, not the name with a remark
        (BINOMIAL, "binomial distribution", "binomial coefficient"),
        (BINARY, "binary search", "binary tree"),
        # the question's own words, or the kind alone
        (BINOMIAL, "binomial distribution", "distribution"),
        (BINOMIAL, "binomial distribution", "probability distribution"),
        # another member of the kind
        (BINOMIAL, "binomial distribution", "Bernoulli"),
        # the question names no kind ("What is … called?"): the name is asked whole
        (CALLED, "binary search", "binary"),
    ],
)
def test_other_names_and_the_kind_alone_are_not(question, accept, response):
    assert grade(response, accept=[accept], question=question).kind is not VerdictKind.CORRECT


def test_a_word_the_card_rejects_stays_wrong():
    verdict = grade("binary", accept=["binary search"], reject=["binary"], question=BINARY)
    assert verdict.kind is not VerdictKind.CORRECT


KERNEL = "Which SVM kernel, exp(-gamma ||x - x'||^2), is the default in scikit-learn's SVC?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (BINOMIAL, "binomial distribution", "binomail"),
        (KERNEL, "radial basis function kernel", "radial bassis function"),
        (KERNEL, "radial basis function kernel", "radial basis functoin"),
    ],
)
def test_the_name_without_its_kind_is_right_with_a_typo_noted(question, accept, response):
    verdict = grade(response, accept=[accept], question=question)
    assert verdict.kind is VerdictKind.CORRECT
    assert verdict.reason.value == "spelling"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        # a slip that spells a word of its own is no typo, nor one word of two
        (BINARY, "binary search", "binarz tree"),
        (KERNEL, "radial basis function kernel", "radial bassis"),
        (KERNEL, "radial basis function kernel", "radial basis fraction"),
    ],
)
def test_a_misspelt_name_without_its_kind_is_still_asked_whole(question, accept, response):
    assert grade(response, accept=[accept], question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        ("Which probability distribution models heights?", "normal distribution", "formal"),
        ("Which dataset of handwritten digits is the classic benchmark?", "MNIST dataset", "EMNIST"),
        ("Which scale rates mineral hardness?", "Mohs scale", "Mohr"),
    ],
)
def test_another_name_a_letter_away_from_the_name_without_its_kind_is_no_typo(question, accept, response):
    assert grade(response, accept=[accept], question=question).kind is not VerdictKind.CORRECT


VIT = (
    "Which model, introduced at Google in 2020, splits an image into patches and feeds them to a standard "
    "transformer encoder?"
)
UDP = "Which transport protocol sends datagrams without setting up a connection?"
ADABOOST = "Which boosting algorithm reweights the training examples after each round?"
RESERVOIR = "Which algorithm draws a uniform random sample of k items from a stream of unknown length?"
TOP_K = "Which text-generation method samples the next token only from the k most likely tokens?"
ATTRIBUTION = "Which feature-attribution method explains a prediction by accumulating gradients along a path?"
COLLAPSE = "What is the degenerative process that affects generations of generative models trained on their output?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        # a name of the field the question says elsewhere is the name's own word, not the kind asked for
        (VIT, ("Vision Transformer", "vision transformer model"), "vision"),
        # a word of an acronym's expansion
        (UDP, ("UDP", "User Datagram Protocol"), "User"),
        # one part of a name written apart
        (ADABOOST, ("AdaBoost", "Ada Boost"), "Ada"),
        # a letter left when the kind opens the name
        (RESERVOIR, ("reservoir sampling", "Algorithm R"), "R"),
        # a letter or a plural of the name left out
        (TOP_K, ("top-k sampling", "top k sampling"), "top"),
        (ATTRIBUTION, ("integrated gradients", "integrated gradients attribution"), "integrated"),
        # a word the question says at the start of the name
        (COLLAPSE, ("model collapse",), "collapse"),
        ("Which architecture by Lee et al. processes a set with attention blocks?", ("Set Transformer",), "Transformer"),
        ("Which typed lambda calculus is a system of polymorphic types?", ("System F",), "F"),
    ],
)
def test_a_part_of_a_name_is_not_the_name(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (VIT, ("Vision Transformer", "vision transformer model"), "vision transformer"),
        (ADABOOST, ("AdaBoost", "Adaptive Boosting", "Ada Boost"), "adaptive"),
        (ADABOOST, ("AdaBoost", "Ada Boost"), "ada boost"),
        (RESERVOIR, ("reservoir sampling", "Algorithm R"), "algorithm R"),
        (RESERVOIR, ("reservoir sampling", "reservoir sampling algorithm"), "reservoir"),
        (TOP_K, ("top-k sampling", "top k sampling"), "top k"),
        (ATTRIBUTION, ("integrated gradients", "integrated gradients attribution"), "integrated gradients"),
        (UDP, ("UDP", "User Datagram Protocol"), "user datagram protocol"),
    ],
)
def test_the_name_with_its_own_words_stays_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is VerdictKind.CORRECT
