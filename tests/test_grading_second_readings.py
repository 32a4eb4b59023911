"""Two second readings of an answer first found wrong: the number followed by the unit the question asks
it in, and two accepted names of the answer offered together."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

SPEED = "What is the speed of sound in dry air at 20 °C, in m/s?"
G = "What is the standard gravity at sea level, in m/s²?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        (SPEED, ["343"], "343 m/s", VerdictKind.CORRECT),
        (SPEED, ["343"], "about 343 m/s", VerdictKind.CORRECT),
        (G, ["9.81", "9.8"], "9.81 m/s²", VerdictKind.CORRECT),
        (G, ["9.81", "9.8"], "9.8 m/s^2", VerdictKind.CORRECT),
        (G, ["9.81", "9.8"], "9.5 m/s²", VerdictKind.WRONG),  # the unit never makes a wrong number right
    ],
)
def test_a_number_in_the_unit_the_question_asks_for(question, accept, response, kind):
    assert grade(response, accept=accept, question=question).kind is kind


def test_a_unit_the_question_does_not_ask_for_is_not_stripped():
    assert grade("343 km/h", accept=["343"], question=SPEED).kind is not VerdictKind.CORRECT


SCALE = "Which preprocessing maps each feature linearly onto the range [0, 1]?"
SCALING = ["min-max scaling", "min-max normalization"]


def test_two_accepted_names_of_the_answer_together_are_right():
    assert grade("min-max scaling / min-max normalization", accept=SCALING, question=SCALE).kind is VerdictKind.CORRECT
    assert grade("min-max normalization or min-max scaling", accept=SCALING, question=SCALE).kind is VerdictKind.CORRECT


def test_an_accepted_name_beside_a_wrong_one_is_still_two_answers():
    assert grade("min-max scaling / z-score scaling", accept=SCALING, question=SCALE).kind is not VerdictKind.CORRECT
    assert grade("min-max scaling or standardization", accept=SCALING, question=SCALE).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("Which model learns word vectors by predicting context words?", ["word2vec"], "word 2 vec", VerdictKind.CORRECT),
        ("What is the chemical symbol for silver?", ["Ag"], "A g", VerdictKind.CORRECT),
        ("What is the chemical symbol for silver?", ["Ag"], "A u", VerdictKind.WRONG),
        ("Which framework did Meta release for deep learning in Python?", ["PyTorch"], "py-torch", VerdictKind.CORRECT),
        ("Which model learns word vectors by predicting context words?", ["word2vec"], "word 2 vecs", VerdictKind.WRONG),
    ],
)
def test_an_answer_typed_with_other_breaks_between_the_same_letters(question, accept, response, kind):
    assert grade(response, accept=accept, question=question).kind is kind
