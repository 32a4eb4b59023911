"""A remark after the answer that types a sentence of the card's explanation back with a denial put in ("it cannot
be shown to ...") or left out ("the knowledge base is kept inside the model" where the card says it is not) says
the card's sentence turned: the answer is not right. The sentence typed back as the card says it, a denial the
card says itself and a remark in other words stay right. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, explained, no_deck_terms  # noqa: F401  (the autouse fixture)

BOOSTING = explained(
    "Which boosting algorithm reweights the training examples after each round so the next weak learner focuses "
    "on the misclassified ones?",
    "**AdaBoost** reweights the examples after each round. It can be shown to minimize an exponential loss, and "
    "Freund and Schapire received the 2003 Gödel Prize for it.",
    "AdaBoost",
)
ELASTIC = explained(
    "Which regularised regression adds both an L1 and an L2 penalty to the loss?",
    "**Elastic net** adds both penalties. The L1 part can set coefficients exactly to zero, while the L2 part keeps "
    "groups of correlated features together instead of arbitrarily picking one of them.",
    "elastic net",
)
RETRIEVAL = explained(
    "Which technique lets an LLM answer from documents it looks up at question time?",
    "**Retrieval-augmented generation** looks documents up when a question comes. The knowledge base is not "
    "stored in the model's weights, so it can change without any retraining.",
    "retrieval-augmented generation",
    "RAG",
)


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (
            BOOSTING,
            "AdaBoost - it cannot be shown to minimize an exponential loss, and Freund and Schapire received the "
            "2003 Gödel Prize for it",
        ),
        (
            ELASTIC,
            "elastic net - the L1 part cannot set coefficients exactly to zero, while the L2 part keeps groups of "
            "correlated features together",
        ),
        (RETRIEVAL, "RAG - the knowledge base is stored in the model's weights"),
    ],
)
def test_a_sentence_of_the_card_with_its_denial_turned_is_wrong(card, response):
    assert not accepted(card, response)


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (
            BOOSTING,
            "AdaBoost - it can be shown to minimize an exponential loss, and Freund and Schapire received the "
            "2003 Gödel Prize for it",
        ),
        (
            ELASTIC,
            "elastic net - the L1 part can set coefficients exactly to zero, while the L2 part keeps groups of "
            "correlated features together",
        ),
        (RETRIEVAL, "RAG - the knowledge base is not stored in the model's weights"),
        (RETRIEVAL, "RAG; the knowledge base isn't stored in the model's weights"),
        (RETRIEVAL, "RAG, so the documents can change without retraining"),
    ],
)
def test_the_sentence_as_the_card_says_it_stays_right(card, response):
    assert accepted(card, response)
