"""An essay key point named by a noun and what it is of ("examples of the reasoning process"): the noun is
the point, so an answer that only says what follows "of" ("a reasoning process") does not make it. The card
is written for these tests."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

CARD = Card(
    deck="t",
    id="heads",
    question="In a worked-reasoning prompt, what does the user give the model, and what does the model do with it?",
    answer="The user gives examples of the reasoning process; the model imitates that reasoning on new inputs.",
    keypoints=(
        "examples of the reasoning process | worked examples",
        "the model imitates the reasoning | imitates",
    ),
)


def kind(response: str) -> VerdictKind:
    return grade_card(CARD, response).kind


def test_what_follows_of_alone_does_not_make_the_point() -> None:
    assert kind("the model imitates a reasoning process") is VerdictKind.PARTIAL


def test_the_head_noun_makes_the_point() -> None:
    assert (
        kind("the user gives examples of the reasoning process and the model imitates it")
        is VerdictKind.CORRECT
    )
    assert kind("examples of reasoning, which the model imitates") is VerdictKind.CORRECT


def test_a_typo_in_the_head_noun_still_makes_it() -> None:
    assert kind("exampels of the reasoning process, and the model imitates them") is VerdictKind.CORRECT


def test_a_point_without_of_is_unchanged() -> None:
    assert kind("worked examples; the model imitates them") is VerdictKind.CORRECT
    assert kind("the model imitates") is VerdictKind.PARTIAL
