"""Answers written with characters beyond ASCII, as imported decks carry them and players type them: the micro
prefix is not milli, the micro sign is the Greek mu, a sign or an emoji is an answer of its own, a product is
no sum, and the signs of logic and limits keep what they say."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind


def _kind(question: str, accept: str, response: str) -> VerdictKind:
    card = Card(deck="imported", id="c1", question=question, answer=accept, accept=(accept,))
    return grade_card(card, response).kind


HAIR = "How wide is a human hair, roughly?"
DOSE = "What is the daily dose of the vitamin?"
LATENCY = "What is the typical read latency of an SSD?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        # "μm" is a micrometre: "mm", a thousand times as long, is wrong whichever mu the card or player typed
        (HAIR, "70 μm", "70 mm", False),
        (HAIR, "70 µm", "70 mm", False),
        (DOSE, "5 µg", "5 mg", False),
        (DOSE, "5 μg", "5 mg", False),
        (HAIR, "70 μm", "70 µm", True),
        (HAIR, "70 µm", "70 um", True),
        (HAIR, "70 μm", "70 micrometres", True),
        (HAIR, "70 micrometres", "70 μm", True),
        (HAIR, "70 μm", "0.07 mm", True),
        (DOSE, "500 mcg", "500 μg", True),
        (DOSE, "500 mcg", "500 mg", False),
        (LATENCY, "100 μs", "100 ms", False),
        (LATENCY, "100 μs", "100 µs", True),
    ],
)
def test_the_micro_prefix_is_not_milli(question, accept, response, right):
    assert (_kind(question, accept, response) is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response"),
    [("μ", "µ"), ("µ", "μ"), ("µ", "mu")],
)
def test_the_micro_sign_is_the_greek_letter_mu(accept, response):
    """A keyboard's "µ" (the micro sign) and the Greek "μ" are one letter to a reader."""
    assert _kind("Which letter usually denotes the mean of a distribution?", accept, response) is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("Which symbol means 'not equal to'?", "≠", "≠", VerdictKind.CORRECT),
        ("Which symbol means 'not equal to'?", "≠", "!=", VerdictKind.CORRECT),
        ("Which symbol means 'not equal to'?", "≠", "=", VerdictKind.WRONG),
        ("Which arrow denotes a function's mapping?", "→", "->", VerdictKind.CORRECT),
        ("Which arrow denotes a function's mapping?", "→", "←", VerdictKind.WRONG),
        ("Which sign joins a measurement and its uncertainty?", "±", "±", VerdictKind.CORRECT),
        ("Which emoji marks a task as done?", "✅", "✅", VerdictKind.CORRECT),
        ("Which emoji marks a task as done?", "✅", "||✅||", VerdictKind.CORRECT),
        ("Which emoji marks a task as done?", "✅", "❌", VerdictKind.WRONG),
        ("Which emoji says 'love'?", "❤️", "❤", VerdictKind.CORRECT),
        ("Which emoji says 'agreed'?", "👍", "👍🏽", VerdictKind.CORRECT),
        ("Which emoji says 'agreed'?", "👍", "👎", VerdictKind.WRONG),
        ("Which music sign raises a note by a semitone?", "♯", "♭", VerdictKind.WRONG),
        # an emoji alone for an answer of words is still no answer
        ("Which optimizer keeps running averages of gradients and their squares?", "Adam", "👍", VerdictKind.EMPTY),
    ],
)
def test_an_answer_that_is_a_sign_or_an_emoji_can_be_typed(question, accept, response, kind):
    assert _kind(question, accept, response) is kind


SHAPE = "What is the shape of the embedding matrix for n tokens of dimension d?"


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("n × d", "n + d", False),
        ("n × d", "n - d", False),
        ("n * d", "n + d", False),
        ("n × d", "n*d", True),
        ("n × d", "n × d", True),
        ("n + d", "n + d", True),
    ],
)
def test_a_product_is_no_sum(accept, response, right):
    assert (_kind(SHAPE, accept, response) is VerdictKind.CORRECT) is right


LIMIT = "What is the limit of ln(x) as x approaches 0 from above?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        (LIMIT, "-∞", "∞", False),
        ("What is the limit of 1/x as x approaches 0 from above?", "∞", "-∞", False),
        ("What is the limit of 1/x as x approaches 0 from above?", "∞", "−∞", False),
        (LIMIT, "-∞", "−∞", True),
        (LIMIT, "-∞", "-infinity", True),
        ("What is the limit of 1/x as x approaches 0 from above?", "∞", "infinity", True),
        ("What is the limit of 1/x as x approaches 0 from above?", "infinity", "∞", True),
        ("What is the limit of 1/x as x approaches 0 from above?", "∞", "inf", True),
        ("Which quantifier says 'for every'?", "∀", "for all", True),
        ("Which quantifier says 'there is at least one'?", "∃", "∈", False),
        ("Which quantifier says 'there is at least one'?", "∃", "there exists", True),
    ],
)
def test_signs_of_logic_and_limits_keep_what_they_say(question, accept, response, right):
    assert (_kind(question, accept, response) is VerdictKind.CORRECT) is right
