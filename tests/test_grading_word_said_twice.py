"""A word the answer says twice must be typed twice: "term frequency inverse document" (or "... document function")
is not "term frequency-inverse document frequency", though every word it types is one of the answer's. The answer
typed whole stays right, with a slip in either of the two words, in short forms, or its parts in another order
where the answer is a list. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

TFIDF = card("What does TF-IDF stand for?", "term frequency-inverse document frequency")
NORMS = card("Which two normalisations does the model use?", "batch normalization and layer normalization")


@pytest.mark.parametrize(
    "response",
    ["term frequency inverse document", "term frequency inverse document function", "term function inverse document frequency"],
)
def test_a_word_said_twice_typed_once_is_not_the_answer(response: str) -> None:
    assert not accepted(TFIDF, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (TFIDF, "term frequency-inverse document frequency"),
        (TFIDF, "Term Frequency Inverse Document Frequency"),
        (TFIDF, "term frequency inverse document frequncy"),
        (TFIDF, "term frequncy inverse document frequency"),
        (TFIDF, "term freq inverse doc freq"),
        (NORMS, "layer normalization and batch normalization"),
    ],
)
def test_the_answer_typed_whole_stays_right(c, response: str) -> None:
    assert accepted(c, response)
