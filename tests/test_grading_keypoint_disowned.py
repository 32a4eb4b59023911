"""An essay answer that names a key point and calls it false ("seasonality isn't one of them", "the XOR
limitation is a myth", "some say seasonality but that's wrong") does not make it. The card is written for
these tests."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

DECOMPOSITION = Card(
    deck="t",
    id="decomposition",
    question="Into which three components does classical time-series decomposition split a series?",
    answer="A trend, a seasonal component that repeats with a fixed period, and a residual (the noise left over).",
    keypoints=("trend", "seasonality | seasonal component", "residual | remainder | noise"),
)


def kind(response: str) -> VerdictKind:
    return grade_card(DECOMPOSITION, response).kind


@pytest.mark.parametrize(
    "response",
    [
        "trend and residual; seasonality isn't one of them",
        "trend, residual, and the seasonality thing is a myth",
        "trend and noise; some say seasonality but that's wrong",
        "trend and remainder, and the claim of a seasonal component is false",
        # dismissed in a chat's words
        "trend and residual, seasonality doesn't really matter here",
        "trend and residual; seasonality is irrelevant",
        "trend and residual, seasonality has nothing to do with it",
        "trend and residual. forget seasonality",
        "trend and residual, jk about seasonality",
        "trend, residual and seasonality, though not really",
        "trend and residual, seasonality? nope",
        "trend and residual. some say seasonality, but actually no.",
        "trend and residual. I used to think seasonality but it is not",
    ],
)
def test_a_point_called_false_is_not_made(response: str) -> None:
    assert kind(response) is VerdictKind.PARTIAL


@pytest.mark.parametrize(
    "response",
    [
        "trend, seasonality and residual",
        "trend, seasonality and residual, and it's wrong to skip the residual check",
        "a trend, a seasonal component and the remainder; seasonality is not wrong to model separately",
        "trend, seasonality and residual - don't forget the residual",
        "trend, seasonality and residual; the order doesn't matter",
        "trend, seasonality and residual, and seasonality really matters here",
        "I used to think it was just the trend, but it's not: trend, seasonality and residual",
    ],
)
def test_a_point_said_plainly_is_made(response: str) -> None:
    assert kind(response) is VerdictKind.CORRECT


KALMAN = Card(
    deck="t",
    id="kalman",
    question="How does a Kalman filter combine its prediction with a new measurement?",
    answer=(
        "In the predict step the state and its covariance are pushed through the motion model, so the uncertainty "
        "increases. In the update step the Kalman gain weighs the measurement against the prediction, and the "
        "covariance shrinks."
    ),
    keypoints=("predict step | prediction", "update step | measurement update", "Kalman gain | gain"),
)


def test_an_essay_that_types_a_sentence_of_the_card_back_with_one_word_turned_is_partial() -> None:
    made = "a predict step, then an update step where the Kalman gain weighs the measurement against the prediction"
    assert grade_card(KALMAN, made).kind is VerdictKind.CORRECT
    assert grade_card(KALMAN, made + ", and the covariance grows").kind is VerdictKind.PARTIAL
    assert grade_card(KALMAN, made + ", and the covariance shrinks").kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    "response",
    [
        "It is a common misconception that trend, and seasonality, and residual.",
        "It is false that the series splits into trend, seasonality and residual.",
        "Wrong: trend, seasonality, residual.",
        "Not true: trend, seasonality, residual",
        "trend, seasonality and residual - though none of that is true.",
        "trend, seasonality and residual. Just kidding, none of that is right.",
        "Textbooks claim trend, seasonality and residual, but this has been debunked.",
        "I used to think trend, and seasonality, and residual, but that turned out to be false.",
        "Some claim trend, seasonality and residual; actually the opposite is true.",
        "trend, seasonality and residual is what beginners say, and they are mistaken.",
        "Nobody serious believes it is trend, seasonality and residual.",
    ],
)
def test_an_answer_that_calls_all_it_says_untrue_makes_no_point(response: str) -> None:
    assert kind(response) is VerdictKind.WRONG


@pytest.mark.parametrize(
    "response",
    [
        "trend and residual. People say seasonality, but that is a myth.",
        "trend and residual; it is false that seasonality is a component",
        "Wrong: seasonality. It is trend and residual.",
    ],
)
def test_a_clause_called_untrue_makes_no_point_but_the_others_stand(response: str) -> None:
    assert kind(response) is VerdictKind.PARTIAL


@pytest.mark.parametrize(
    "response",
    [
        "trend, seasonality and residual. A common mistake is to forget the residual.",
        "trend, seasonality and residual; it's wrong to skip the residual",
        "trend, seasonality and residual, and none of them can be skipped",
    ],
)
def test_an_answer_that_only_mentions_a_mistake_still_makes_its_points(response: str) -> None:
    assert kind(response) is VerdictKind.CORRECT


def test_a_card_that_speaks_of_a_misconception_itself_lets_the_answer_do_so() -> None:
    card = Card(
        deck="t",
        id="decomposition-misconception",
        question=DECOMPOSITION.question,
        answer=DECOMPOSITION.answer + " A common misconception is that the residual carries the signal.",
        keypoints=DECOMPOSITION.keypoints,
    )
    said = "It is a common misconception that the residual carries the signal: it is trend, seasonality and residual."
    assert grade_card(card, said).kind is VerdictKind.CORRECT
    assert kind("It is a common misconception that trend, seasonality and residual.") is VerdictKind.WRONG


def test_an_essay_clause_about_its_answers_that_turns_a_word_of_the_question_is_partial() -> None:
    losses = Card(
        deck="t",
        id="class-losses",
        question="Name two loss functions used for classification problems.",
        answer="Classification: binary cross-entropy (log loss) and hinge loss. Regression: mean squared error.",
        keypoints=("binary cross-entropy | cross-entropy | log loss", "hinge loss | hinge"),
    )
    assert grade_card(losses, "binary cross-entropy and hinge loss").kind is VerdictKind.CORRECT
    assert grade_card(losses, "binary cross-entropy and hinge loss, both are regression losses").kind is VerdictKind.PARTIAL
    assert grade_card(losses, "cross-entropy and hinge loss, they are used for regression").kind is VerdictKind.PARTIAL
    assert grade_card(losses, "binary cross-entropy and hinge loss, both are classification losses").kind is VerdictKind.CORRECT
    assert grade_card(losses, "binary cross-entropy and hinge loss; MSE is for regression").kind is VerdictKind.CORRECT
