"""A second name made like the answer's ("holdout validation" beside "cross validation") is a second answer,
whether or not the grader knows the term; a word that only says how the answer is stays a remark."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

MST = "Which minimum spanning tree algorithm sorts the edges by weight and adds each that joins two components?"
CV = "Which evaluation method trains on k-1 folds and tests on the remaining one, k times?"
GINI = "Which split criterion of CART sums p(1-p) over the classes?"
ADAM = "Which optimizer keeps running averages of the gradients and of their squares?"
BN = "Which layer normalizes each feature over the mini-batch?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (MST, "Kruskal algorithm", "Kruskal algorithm, Boruvka algorithm"),
        (CV, "cross validation", "cross validation, holdout validation"),
        (GINI, "Gini impurity", "Gini impurity, Shannon impurity"),
    ],
)
def test_a_name_made_like_the_answer_beside_it_is_a_second_answer(question, accept, response):
    assert grade(accept, accept=[accept], question=question).kind is VerdictKind.CORRECT
    assert grade(response, accept=[accept], question=question).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (ADAM, "Adam optimizer", "Adam optimizer, adaptive optimizer"),  # how it is, not another one
        (BN, "batch normalization", "batch normalization, batch norm"),  # its own short form
    ],
)
def test_the_answer_described_or_said_short_again_stays_right(question, accept, response):
    assert grade(response, accept=[accept], question=question).kind is VerdictKind.CORRECT


CLIP = "Which trick caps the norm of the gradient before each update to keep training stable?"


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        ("clipping gradient", VerdictKind.WRONG),  # the name's very words turned about
        ("clipping gradients", VerdictKind.CORRECT),  # a verb and its object say the same thing
        ("clipping the gradients", VerdictKind.CORRECT),
        ("gradient clipping", VerdictKind.CORRECT),
    ],
)
def test_a_name_of_a_verb_and_its_object_turned_about(response, kind):
    assert grade(response, accept=["gradient clipping"], question=CLIP).kind is kind
