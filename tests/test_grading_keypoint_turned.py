"""A key point said the other way: an opposite of one of its words right beside the words that made it turns it
("the uncertainty shrinks" for "uncertainty grows"); the same opposite said of another step, elsewhere in a long
answer, turns nothing. The card is written for these tests."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.models import Card, Verdict, VerdictKind, VerdictReason

CARD = Card(
    deck="t",
    id="kalman",
    question="What are the two steps of a Kalman filter, and what happens to the uncertainty in each?",
    answer="It predicts the state through the motion model, so the uncertainty grows; then it corrects the "
    "prediction with the measurement, and the uncertainty shrinks.",
    keypoints=(
        "predict the state and its covariance through the motion model, so the uncertainty grows | prediction step",
        "correct the prediction with the measurement weighted by the Kalman gain | correction step",
    ),
)


def verdict(response: str) -> Verdict:
    return grade_card(CARD, response)


def test_an_opposite_said_of_another_step_turns_nothing() -> None:
    said = verdict(
        "First it predicts the state and its covariance through the motion model, which makes it more "
        "uncertain. Then it corrects the prediction with the measurement, weighted by the Kalman gain, and the "
        "covariance shrinks again."
    )
    assert said.kind is VerdictKind.CORRECT


def test_an_opposite_beside_the_point_turns_it() -> None:
    said = verdict(
        "It predicts the state and its covariance through the motion model, so the uncertainty shrinks, then "
        "corrects the prediction with the measurement weighted by the Kalman gain."
    )
    assert said.kind is not VerdictKind.CORRECT
    assert said.reason is VerdictReason.CONTRADICTS
