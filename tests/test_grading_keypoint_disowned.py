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
    ],
)
def test_a_point_said_plainly_is_made(response: str) -> None:
    assert kind(response) is VerdictKind.CORRECT
