"""A qualifier that contradicts the question is wrong after the answer too, not only before it: "learning rate,
too low", "learning rate (too low)" and "learning rate that is too low" for "A too high ___ makes the loss
diverge". The question's own qualifier stays right, and so does a remark that says more than a qualifier
("a stack (last in, first out)"). The cards are written for these tests."""

from __future__ import annotations

from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

RATE = card("A too high ___ makes the loss diverge. Which hyperparameter?", "learning rate")
STACK = card("Which data structure removes the most recently added element first?", "stack")
DECAY = card("Which regularisation penalises large weights?", "weight decay")


def test_the_opposite_qualifier_after_the_answer_is_wrong() -> None:
    for said in (
        "learning rate too low",
        "learning rate, too low",
        "learning rate (too low)",
        "learning rate that is too low",
        "the learning rate being too low",
    ):
        assert not accepted(RATE, said), said


def test_the_questions_own_qualifier_and_longer_remarks_stay_right() -> None:
    for said in (
        "learning rate",
        "learning rate, too high",
        "learning rate that is too high",
        "learning rate when it is too high",
    ):
        assert accepted(RATE, said), said
    assert accepted(STACK, "a stack (last in, first out)")
    # (a last part that names a thing says what the answer does, not how it is)
    assert accepted(DECAY, "weight decay (small weights)")
    assert accepted(DECAY, "weight decay, smaller weights")
