"""A name's words in another order, with one of its little words left hanging at an end ("analysis variance
of", "Bastille the") or opening it ("of large numbers law"), name nothing; the name as written, with an
article or a remark, and answers that open with a preposition ("in 1989") stay right."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("analysis of variance", "analysis variance of", False),
        ("analysis of variance", "of analysis variance", False),
        ("law of large numbers", "of large numbers law", False),
        ("the Bastille", "Bastille the", False),
        ("analysis of variance", "analysis of variance", True),
        ("law of large numbers", "the law of large numbers", True),
        ("the Bastille", "Bastille", True),
        ("analysis of variance", "analysis of variance, I think", True),
        ("1989", "in 1989", True),
        ("23", "about 23 people", True),
    ],
)
def test_a_little_word_left_hanging_names_nothing(accept, response, right):
    assert (grade(response, accept=[accept], question="Which one is it?").kind is VerdictKind.CORRECT) is right
