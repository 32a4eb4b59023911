"""A player who types the answer and then takes it back with nothing in its place ("lasso is wrong", "lasso...
just kidding", "anything but lasso") or leaves it open ("lasso, or not") has not given it; talk around an
answer that keeps it ("lasso, no kidding", "lasso? not sure") still gives it. The cards are written for these
tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import VerdictKind, VerdictReason

LASSO = card("Which regularization adds the L1 norm of the coefficients to the cost function?", "lasso", "LASSO regularization")
AUTHORS = card("Who introduced the Adam optimizer?", "Diederik Kingma and Jimmy Ba")
SUMS = card("Do the outputs of a softmax layer always sum to 1?", "yes")
GLOBAL = card("Is k-means guaranteed to find the globally optimal clustering?", "no")


@pytest.mark.parametrize(
    "response",
    [
        "lasso is wrong",
        "lasso is not the answer",
        "lasso isn't right",
        "lasso? no.",
        "lasso? nope",
        "lasso... just kidding",
        "lasso, jk",
        "lasso - actually no",
        "lasso, no wait",
        "lasso - scratch that",
        "lasso, never mind",
        "anything but lasso",
        "I'd say lasso but it's really something else",
        "lasso, but probably not",
        "lasso is the wrong answer",
        "lasso is false",
        "lasso isn't used",
        "lasso? I doubt it",
        "lasso has nothing to do with it",
        "lasso is not it",
        "lasso is a wrong answer",
        "lasso isn't the one",
        "lasso is not the right one",
        "lasso would not be right",
        "lasso wouldn't be correct",
        "lasso is wrong I think",
        "lasso is not right, probably",
        "lasso is wrong after all",
        # denied as it is typed
        "I don't think it's lasso",
        "I doubt it's lasso",
        "I don't believe it's lasso",
        "I wouldn't say lasso",
        "nothing like lasso",
        "not lasso",
        "definitely not lasso",
    ],
)
def test_an_answer_taken_back_is_not_given(response: str) -> None:
    verdict = grade_card(LASSO, response)
    assert verdict.kind is VerdictKind.WRONG
    assert verdict.reason is VerdictReason.NEGATED


def test_an_answer_left_open_is_hedged() -> None:
    verdict = grade_card(LASSO, "lasso, or not")
    assert verdict.kind is VerdictKind.WRONG
    assert verdict.reason is VerdictReason.HEDGED


def test_a_list_answer_taken_back_is_not_given() -> None:
    assert accepted(AUTHORS, "Diederik Kingma and Jimmy Ba")
    assert not accepted(AUTHORS, "Diederik Kingma and Jimmy Ba, jk")
    assert not accepted(AUTHORS, "Diederik Kingma and Jimmy Ba is wrong")


@pytest.mark.parametrize(
    "response",
    [
        "lasso, no kidding",
        "lasso, not joking",
        "lasso? not sure",
        "lasso?? no clue",
        "lasso, isn't it?",
        "lasso, no?",
        "lasso, no doubt",
        "ridge - actually lasso",
        "it's lasso",
        "I think lasso",
        "definitely lasso",
        "not ridge, lasso",
        "lasso isn't it",
        "lasso, wasn't it",
        "never heard of it - lasso",
        "lasso, I think",
        "lasso probably",
        "lasso is right I think",
        "not sure: lasso",
    ],
)
def test_talk_that_keeps_the_answer_still_gives_it(response: str) -> None:
    assert accepted(LASSO, response)


def test_a_wrong_answer_taken_back_stays_wrong() -> None:
    assert not accepted(LASSO, "ridge is wrong")
    assert not accepted(LASSO, "anything but ridge")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SUMS, "yes, I mean no"),
        (SUMS, "yes but actually no"),
        (SUMS, "yes is false"),
        (GLOBAL, "no but actually yes"),
        (GLOBAL, "no is false"),
        (GLOBAL, "no, I mean yes"),
    ],
)
def test_a_yes_or_no_taken_back_or_corrected_to_the_other_side_is_wrong(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SUMS, "no but actually yes"),
        (SUMS, "no, sorry, yes"),
        (GLOBAL, "yes, I mean no"),
        (GLOBAL, "no, never"),
        (GLOBAL, "no, I mean it is not guaranteed"),
        (GLOBAL, "no, I mean it is complicated"),
        # the statement asked judged, by a pronoun: the side is given
        (GLOBAL, "no, that is not right I think"),
        (GLOBAL, "no - it is wrong I guess"),
        (GLOBAL, "no, that's wrong"),
        (GLOBAL, "nope, it isn't"),
    ],
)
def test_a_yes_or_no_corrected_to_the_right_side_is_right(c, response: str) -> None:
    assert accepted(c, response)


BINARY_SEARCH = card("What is the time complexity of binary search?", "O(log n)")
PAC = card("What does PAC stand for in learning theory?", "Probably Approximately Correct")
NOT_SIGNIFICANT = card("Is p = 0.3 significant at the 5% level?", "not significant")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (BINARY_SEARCH, "not O(log n)"),
        (BINARY_SEARCH, "definitely not O(log n)"),
        (PAC, "not Probably Approximately Correct"),
        (GLOBAL, "not no"),
        (GLOBAL, "wrong: no"),
        (GLOBAL, "the opposite of no"),
    ],
)
def test_a_formula_an_expansion_or_a_no_denied_as_it_is_typed_is_wrong(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (BINARY_SEARCH, "O(log n)"),
        (PAC, "probably approximately correct"),
        (NOT_SIGNIFICANT, "not significant"),
        # what is denied first, then the answer
        (BINARY_SEARCH, "not linear - O(log n)"),
        (BINARY_SEARCH, "not linear -> O(log n)"),
        (BINARY_SEARCH, "not linear (O(log n))"),
        (BINARY_SEARCH, "not linear\nO(log n)"),
        (GLOBAL, "No - that would be wrong"),
    ],
)
def test_an_answer_that_itself_starts_with_not_or_is_typed_plainly_stays_right(c, response: str) -> None:
    assert accepted(c, response)

