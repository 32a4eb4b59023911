"""The answer followed by the words that make another known term of it is that other term: "binary search tree"
is no "binary search", "Dirichlet process" no "Dirichlet distribution". Words that only say what kind of thing the
answer is ("softmax function"), a number ("ResNet-50") and the card's own longer names stay right."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

SEARCH = "Which search algorithm halves the part of a sorted array it looks in at each step?"
DIRICHLET = "Which distribution over probability vectors is the conjugate prior of the multinomial?"
COSINE = "Which measure of two vectors is the cosine of the angle between them?"
KS = "Who founded modern probability theory on measure theory in 1933?"
KRUSKAL = "Whose greedy minimum-spanning-tree algorithm adds the cheapest edge that makes no cycle?"
SUPPORT = "What are the data points closest to an SVM's hyperplane called?"
SOFTMAX = "Which function turns a vector of logits into probabilities?"
RESNET = "Which architecture made very deep networks trainable with identity skip connections?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (SEARCH, ("binary search",), "binary search tree"),
        (DIRICHLET, ("Dirichlet distribution", "Dirichlet"), "Dirichlet process"),
        (COSINE, ("cosine similarity", "cosine"), "cosine annealing"),
        (KS, ("Andrey Kolmogorov", "Kolmogorov"), "Kolmogorov-Smirnov"),
        (KRUSKAL, ("Kruskal", "Kruskal's algorithm"), "Kruskal-Wallis test"),
        (SUPPORT, ("support vectors",), "support vector machines"),
        ("Which programming language did Dennis Ritchie create at Bell Labs?", ("C",), "C++"),
        ("Which SVM kernel computes a plain dot product?", ("linear",), "linear search"),
        # a family the facts table groups is no name of the answer
        ("Which GAN variant keeps the critic Lipschitz by clipping its weights?", ("WGAN",), "WGAN-GP"),
    ],
)
def test_another_term_that_starts_with_the_answer_is_not_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (SEARCH, ("binary search",), "binary search"),
        (SEARCH, ("binary search",), "binary search algorithm"),
        (SEARCH, ("binary search",), "binary search, on a sorted array"),
        (SOFTMAX, ("softmax",), "softmax function"),
        (RESNET, ("ResNet", "residual network"), "ResNet-50"),
        (DIRICHLET, ("Dirichlet distribution", "Dirichlet"), "Dirichlet distribution"),
        (COSINE, ("cosine similarity", "cosine"), "cosine similarity"),
        (KS, ("Andrey Kolmogorov", "Kolmogorov"), "Kolmogorov"),
        (SEARCH, ("binary search", "binary search tree"), "binary search tree"),
        # a word that ends the name said whole, or another name of the same thing
        ("Which plot shows TPR against FPR over all thresholds?", ("receiver operating characteristic", "ROC"), "ROC curve"),
        ("Which measure is also called relative entropy?", ("Kullback-Leibler",), "KL divergence"),
        ("Which decoding strategy keeps only the k most probable next tokens?", ("top-k",), "top-k sampling"),
        ("Which ensemble method fits trees to residuals one after another?", ("gradient boosting",), "gradient boosting machines"),
    ],
)
def test_the_answer_with_a_kind_a_number_or_its_own_longer_name_stays_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is VerdictKind.CORRECT


PRUNING = "What is removing unimportant weights from a trained network to make it smaller called?"
PAPER = "Which architecture did the paper 'Attention Is All You Need' introduce?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [(PRUNING, ("pruning",), "ptuning"), (PAPER, ("transformer",), "TransformerXL")],
)
def test_another_term_run_together_is_no_misspelling(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [(PRUNING, ("pruning",), "prunning"), (PAPER, ("transformer",), "transfomer")],
)
def test_a_misspelling_of_the_answer_stays_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is VerdictKind.CORRECT
