"""A card whose accepted answers are "Yes" and a term ("Does attention scale quadratically?": "Yes", "quadratic"):
the answer "no" was no answer at all (a try kept: in a channel quiz the player then typed "yes" and scored),
and "yes or no" took both sides and was right. A response that takes the other side, or both, is wrong; a way
of saying the side the card takes ("yep", "nope") is right, as on a yes-or-no card; words of the other side
inside another accepted answer ("not linearly separable") are that answer, not a side."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

QUADRATIC = Card(
    deck="d", id="quadratic", question="Does attention scale quadratically with sequence length?", answer="",
    accept=("Yes", "quadratic"),
)
XOR = Card(deck="d", id="xor", question="Can a single perceptron learn XOR?", answer="", accept=("No", "not linearly separable"))


@pytest.mark.parametrize("response", ["no", "nope", "yes or no", "yes or no?", "yes and no", "yes/no", "no or yes"])
def test_the_other_side_or_both_is_wrong(response: str) -> None:
    assert grade_card(QUADRATIC, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize("response", ["yes", "yep", "Yeah", "quadratic", "yes, quadratic"])
def test_the_card_s_side_and_its_other_answer_are_right(response: str) -> None:
    assert grade_card(QUADRATIC, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["no", "nope", "nah", "not linearly separable", "it is not linearly separable"])
def test_a_no_card_takes_no_and_its_answer_with_not_in_it(response: str) -> None:
    assert grade_card(XOR, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["yes", "yep", "yes or no", "yes it can"])
def test_a_no_card_refuses_yes_and_both(response: str) -> None:
    assert grade_card(XOR, response).kind is VerdictKind.WRONG


NO = Card(deck="d", id="pca", question="Is PCA a supervised learning method?", answer="", accept=("No",))


@pytest.mark.parametrize("card", [NO, XOR], ids=["no-card", "no-beside-a-term"])
@pytest.mark.parametrize(
    "response", ["I don't know", "i dont know", "I do not know", "no idea", "No idea!", "I have no idea", "no clue", "not a clue"]
)
def test_not_knowing_is_no_no(card: Card, response: str) -> None:
    """ "I don't know" has a denial in it, and was right where the answer is No: anyone typing it in chat won
    a "No" question's race. It says no side."""
    assert grade_card(card, response).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("card", [NO, XOR], ids=["no-card", "no-beside-a-term"])
@pytest.mark.parametrize("response", ["no idea, no", "don't know, no", "not sure, no", "lol no"])
def test_the_side_said_beside_not_knowing_counts(card: Card, response: str) -> None:
    assert grade_card(card, response).kind is VerdictKind.CORRECT


def test_both_sides_are_wrong_beside_a_term_too() -> None:
    assert grade_card(XOR, "yes or no").kind is VerdictKind.WRONG
