"""A second thing joined to the answer by a phrase ("ridge regression together with dropout", "PPO followed
by SAC") is a second answer, as "ridge regression and dropout" is; where the card asks for the two, the
phrase gives them. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

RIDGE = card("Which linear regression technique adds the squared L2 norm of the coefficients to the loss?", "ridge regression", "ridge")
PPO = card("Which policy-gradient algorithm clips the probability ratio in its surrogate objective?", "PPO", "proximal policy optimization")
PAIR = card("Which two operations does a standard CNN block apply, in order?", "convolution and pooling")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (RIDGE, "ridge regression together with dropout"),
        (RIDGE, "ridge regression along with weight decay"),
        (RIDGE, "ridge regression combined with lasso"),
        (RIDGE, "ridge coupled with elastic net"),
        (PPO, "PPO combined with SAC"),
        (PPO, "PPO followed by TRPO"),
        (PPO, "PPO alongside DQN"),
        (PPO, "PPO slash TRPO"),
        (RIDGE, "ridge slash lasso"),
        (PPO, "mostly PPO, sometimes TRPO"),
    ],
)
def test_a_second_thing_joined_by_a_phrase_is_a_second_answer(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (RIDGE, "ridge regression"),
        (PPO, "proximal policy optimization"),
        (PAIR, "convolution followed by pooling"),
        (PAIR, "convolution together with pooling"),
        (RIDGE, "ridge regression, sometimes called Tikhonov regularization"),
    ],
)
def test_the_answer_alone_or_both_asked_things_joined_stay_right(c, response: str) -> None:
    assert accepted(c, response)
