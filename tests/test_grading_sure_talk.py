""""Pretty sure" before an answer says how sure the player is, not "yes": "pretty sure no" answers no."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

XOR = "Can a single-layer perceptron learn the XOR function?"
SOFTMAX = "Do the outputs of a softmax layer always sum to 1?"
OPTIMIZER = "Which optimizer keeps running averages of the gradients and of their squares?"


@pytest.mark.parametrize("response", ["pretty sure no", "I'm pretty sure it's no", "fairly certain no", "quite sure: no"])
def test_no_said_with_how_sure_the_player_is_answers_no(response):
    assert grade(response, accept=["no"], question=XOR).kind is VerdictKind.CORRECT
    assert grade(response, accept=["yes"], question=SOFTMAX).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["pretty sure yes", "fairly certain yes"])
def test_yes_said_so_answers_yes(response):
    assert grade(response, accept=["yes"], question=SOFTMAX).kind is VerdictKind.CORRECT
    assert grade(response, accept=["no"], question=XOR).kind is not VerdictKind.CORRECT


def test_an_answer_after_it_is_read_alone():
    assert grade("pretty sure Adam", accept=["Adam"], question=OPTIMIZER).kind is VerdictKind.CORRECT
    assert grade("pretty sure RMSprop", accept=["Adam"], question=OPTIMIZER).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["pretty sure they don't", "I'm fairly certain they don't", "pretty sure it doesn't"])
def test_a_denial_said_with_how_sure_the_player_is_answers_no(response):
    assert grade(response, accept=["no"], question=SOFTMAX).kind is VerdictKind.CORRECT
    assert grade(response, accept=["yes"], question=SOFTMAX).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["not very sure", "I am not quite sure"])
def test_not_being_sure_takes_no_side(response):
    assert grade(response, accept=["yes"], question=SOFTMAX).kind is not VerdictKind.CORRECT
    assert grade(response, accept=["no"], question=SOFTMAX).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["honestly I'm pretty sure", "very very sure"])
def test_sure_alone_says_yes(response):
    assert grade(response, accept=["yes"], question=SOFTMAX).kind is VerdictKind.CORRECT
