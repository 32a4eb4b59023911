"""The question's own description typed back is no answer, on a card imported with a question and its
accepted answers only (no explanation), as on a deck's card: even when the answer's words are among the
question's. The answer named first and then the question's description stays right."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import Card, VerdictKind

VECTOR_DB = Card(
    deck="t", id="vector-db", answer="", accept=("vector database", "vector store"),
    question="What kind of database stores embeddings and finds the nearest ones to a query vector?",
)
GMM = Card(
    deck="t", id="gmm", answer="", accept=("Gaussian mixture model", "GMM"),
    question="Which clustering model treats the data as drawn from a mixture of Gaussians, fitted with EM?",
)


@pytest.fixture(autouse=True)
def no_deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])


def kind(card: Card, response: str) -> VerdictKind:
    return grade_card(card, response).kind


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (VECTOR_DB, "a kind of database that stores embeddings and finds the nearest ones to a query vector"),
        (VECTOR_DB, "database that stores embeddings and finds the nearest ones to a query vector"),
        (GMM, "a clustering model that treats the data as drawn from a mixture of Gaussians"),
    ],
)
def test_the_questions_description_typed_back_is_not_accepted(card: Card, response: str) -> None:
    assert kind(card, response) is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (VECTOR_DB, "vector database"),
        (VECTOR_DB, "a vector database, it stores embeddings and finds the nearest ones"),
        (GMM, "Gaussian mixture model"),
        (GMM, "a GMM, fitted with EM"),
    ],
)
def test_the_answer_named_first_stays_right(card: Card, response: str) -> None:
    assert kind(card, response) is VerdictKind.CORRECT



LINEAR_STACK = Card(
    deck="t", id="linear-stack", answer="", accept=("no",),
    question="Is a stack of linear layers without activations more expressive than one linear layer?",
)


@pytest.mark.parametrize("response", ["without activations", "linear layers without activations", "without"])
def test_the_questions_own_without_typed_back_is_no_no(response: str) -> None:
    assert kind(LINEAR_STACK, response) is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    "response", ["no", "nope", "not more expressive", "it is not", "never", "no, still one linear map"]
)
def test_a_no_of_the_players_own_stays_right(response: str) -> None:
    assert kind(LINEAR_STACK, response) is VerdictKind.CORRECT
