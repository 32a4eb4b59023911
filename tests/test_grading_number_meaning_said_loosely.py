"""What a number of the answer means, said in more words than the tables write it: "cosine similarity, a value of 0
means the two vectors are identical" says what ``data/facts.yaml`` writes as "0 means identical" (cosine similarity
is not that), so it is wrong; "a value of 1 means they point in opposite directions" too. What the number does mean
stays right. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

COSINE = card("Which measure of two vectors is the cosine of the angle between them?", "cosine similarity")
AUC = card("Which single number summarises an ROC curve?", "AUC", "area under the curve")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (COSINE, "cosine similarity, a value of 0 means the two vectors are identical"),
        (COSINE, "cosine similarity, a value of 1 means they point in opposite directions"),
        (COSINE, "cosine similarity - two vectors at 90 degrees have a similarity of 1"),
        (AUC, "AUC, where 0.5 means the classifier is perfect"),
    ],
)
def test_a_number_said_to_mean_what_it_does_not_is_wrong(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (COSINE, "cosine similarity; 0 means the vectors are orthogonal"),
        (COSINE, "cosine similarity - 1 means the vectors point the same way"),
        (AUC, "AUC; 0.5 means the classifier is no better than random"),
    ],
)
def test_what_the_number_does_mean_stays_right(c, response: str) -> None:
    assert accepted(c, response)


def test_a_negative_number_is_not_the_number() -> None:
    # ("-1 means opposite directions" is right, though "1 means opposite" is not)
    assert accepted(COSINE, "cosine similarity - -1 means opposite directions")
    assert accepted(COSINE, "cosine similarity, minus 1 means they point in opposite directions")


def test_what_one_number_means_is_not_read_into_the_next_clause() -> None:
    assert accepted(COSINE, "cosine similarity: 1 means same direction, 0 means orthogonal")
    assert accepted(COSINE, "cosine similarity - 1 means parallel, 0 means perpendicular")
    assert accepted(AUC, "AUC, where 0.5 means random and 1 means perfect")
