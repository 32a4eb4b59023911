"""Essay answers that only type the question back make no key point, and a key point whose denial is all
little words ("questions with no answer") is made only by an answer that denies it too. The cards are
written for these tests."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

UNANSWERABLE = Card(
    deck="t",
    id="unanswerable",
    question="Why is SQuAD 2.0 (the Stanford Question Answering Dataset) worth including when evaluating a QA system?",
    answer="It adds unanswerable questions, so the system must abstain when no answer is supported.",
    keypoints=(
        "unanswerable questions | questions with no answer",
        "the system must abstain | know when not to answer | abstain",
    ),
)

DATA_HUNGER = Card(
    deck="t",
    id="data-hunger",
    question="Why does a Vision Transformer typically need more training data than a CNN of similar size?",
    answer="A CNN builds in locality; a ViT lacks those priors and learns them from data.",
    keypoints=(
        "CNNs build in inductive biases such as locality | CNN has built-in priors",
        "ViT lacks priors and learns them from data | ViT lacks priors",
        "large data compensates | more data needed",
    ),
)


def kind(card: Card, response: str) -> VerdictKind:
    return grade_card(card, response).kind


@pytest.mark.parametrize(
    "response",
    [
        "the Stanford Question Answering Dataset",
        "SQuAD 2.0 = Stanford Question Answering Dataset",
        "because it's for evaluating a QA system",
        # tied to itself by words that say nothing
        "the Stanford Question Answering Dataset is when the Stanford Question Answering Dataset",
        "SQuAD 2.0 means Stanford Question Answering Dataset",
        "evaluating a QA system, which is when you evaluate a QA system",
    ],
)
def test_the_question_typed_back_makes_no_point(response: str) -> None:
    assert kind(UNANSWERABLE, response) is VerdictKind.WRONG


@pytest.mark.parametrize(
    "response",
    [
        "Vision Transformer typically need more training data",
        "because a vision transformer needs more training data than a CNN",
        "more training data",
        "Vision Transformer needs more training data, which means more training data",
    ],
)
def test_a_point_in_the_question_s_words_is_not_made_by_the_question(response: str) -> None:
    assert kind(DATA_HUNGER, response) is VerdictKind.WRONG


def test_an_answer_with_words_of_its_own_still_makes_that_point() -> None:
    assert (
        kind(DATA_HUNGER, "CNNs have built-in priors like locality, a ViT lacks priors, so more data is needed")
        is VerdictKind.CORRECT
    )


@pytest.mark.parametrize(
    "response",
    [
        "it has questions that have no answer",
        "some of its questions can't be answered from the paragraph",
        "it includes unanswerable questions",
    ],
)
def test_a_denial_in_little_words_is_made_by_a_denial(response: str) -> None:
    assert kind(UNANSWERABLE, response) is VerdictKind.PARTIAL


@pytest.mark.parametrize(
    "response",
    [
        "because it only has answerable questions",
        "its questions are longer than in other datasets",
        "it tests question answering",
    ],
)
def test_the_thing_named_without_its_denial_makes_no_point(response: str) -> None:
    assert kind(UNANSWERABLE, response) is VerdictKind.WRONG


def test_both_denials_said_make_the_whole_answer() -> None:
    assert (
        kind(UNANSWERABLE, "it has questions with no answer, so the system must know when not to answer")
        is VerdictKind.CORRECT
    )
    assert kind(UNANSWERABLE, "it has questions; the system must know when to answer") is VerdictKind.WRONG
