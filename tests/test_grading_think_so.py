"""Saying a side by what one thinks: "I don't think so" on a card whose answers are "No" and a term ("Can a
single perceptron learn XOR?": "No", "not linearly separable") was no answer at all (a try kept), as was "I think
so" on a "Yes"-and-a-term card, and "I think so" on a plain "Yes" card was wrong. "I don't think so", "I think
not", "I doubt it" say no; "I think so", "I believe so" say yes, wherever the card is asked yes or no. On a card
that is not, they are still no answer."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

XOR = Card(deck="d", id="xor", question="Can a single perceptron learn XOR?", answer="", accept=("No", "not linearly separable"))
QUADRATIC = Card(
    deck="d", id="quadratic", question="Does attention scale quadratically with sequence length?", answer="",
    accept=("Yes", "quadratic"),
)
NO = Card(deck="d", id="pca", question="Is PCA a supervised learning method?", answer="", accept=("No",))
YES = Card(deck="d", id="attn", question="Does attention scale quadratically with sequence length?", answer="", accept=("Yes",))
ADAM = Card(deck="d", id="adam", question="Which optimizer combines momentum with RMS scaling?", answer="", accept=("Adam",))

SAYS_NO = ["I don't think so", "i dont think so", "I do not think so", "don't think so", "I think not", "I doubt it",
           "I wouldn't think so", "I don't think so, no", "no, I don't think so"]
SAYS_YES = ["I think so", "I believe so", "I guess so", "think so", "I'd say so", "I think so, yes"]


@pytest.mark.parametrize("card", [XOR, NO], ids=["no-beside-a-term", "no-card"])
@pytest.mark.parametrize("response", SAYS_NO)
def test_i_dont_think_so_says_no(card, response):
    assert grade_card(card, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize("card", [QUADRATIC, YES], ids=["yes-beside-a-term", "yes-card"])
@pytest.mark.parametrize("response", SAYS_YES)
def test_i_think_so_says_yes(card, response):
    assert grade_card(card, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize("card", [XOR, NO], ids=["no-beside-a-term", "no-card"])
@pytest.mark.parametrize("response", [*SAYS_YES, "not sure, I think so"])
def test_i_think_so_is_wrong_where_the_answer_is_no(card, response):
    assert grade_card(card, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize("card", [QUADRATIC, YES], ids=["yes-beside-a-term", "yes-card"])
@pytest.mark.parametrize("response", SAYS_NO)
def test_i_dont_think_so_is_wrong_where_the_answer_is_yes(card, response):
    assert grade_card(card, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize("response", ["I think so", "I don't think so"])
def test_on_a_card_not_asked_yes_or_no_it_is_no_answer(response):
    assert grade_card(ADAM, response).kind is VerdictKind.EMPTY


@pytest.mark.parametrize("response", ["Adam, I think so", "I think Adam"])
def test_an_answer_beside_i_think_so_is_still_the_answer(response):
    assert grade_card(ADAM, response).kind is VerdictKind.CORRECT
