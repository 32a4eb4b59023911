"""A key point said in other words, half of its words but not the share that makes it, is nearly made: it
earns part of an answer, never a whole one (a point said in other words may as well be said wrongly). The card
is written for these tests."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.models import Card, Verdict, VerdictKind

CARD = Card(
    deck="t",
    id="ransac",
    question="How does RANSAC fit a model to data full of outliers?",
    answer="It fits models to random minimal subsets, counts the inliers of each and keeps the best.",
    keypoints=(
        "randomly pick a minimal subset of points and fit the model to it | random minimal sample",
        "count the inliers, the points within a distance threshold of that model | consensus set",
        "repeat many times, keep the model with the most inliers and refit it on all of them | keep the best hypothesis",
    ),
)


def verdict(response: str) -> Verdict:
    return grade_card(CARD, response)


def test_a_point_said_in_other_words_earns_part_of_the_answer() -> None:
    # (half the words of the first point: "fit", "model", "subset" ...)
    said = verdict("It fits the model to small random subsets of the data, over and over.")
    assert said.kind is VerdictKind.PARTIAL
    assert said.found == 1


def test_points_nearly_made_never_make_a_whole_answer() -> None:
    # (the first point nearly made, the other two made whole)
    said = verdict(
        "It repeats many times, keeping the model with the most inliers and refitting it; each time it counts "
        "the inliers within a distance threshold of that model, fitted to small random subsets of the data."
    )
    assert said.kind is VerdictKind.PARTIAL
    assert (said.found, said.total) == (2, 3)


def test_points_made_whole_still_make_a_whole_answer() -> None:
    said = verdict(
        "Randomly pick a minimal subset of points and fit the model to it, count the inliers within a distance "
        "threshold of that model, and repeat many times, keeping the model with the most inliers and refitting it."
    )
    assert said.kind is VerdictKind.CORRECT


def test_words_of_no_point_earn_nothing() -> None:
    assert verdict("It averages all the points together.").kind is VerdictKind.WRONG
