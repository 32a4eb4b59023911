"""Quiz points: first correct, the window, hints, choice mode; never negative."""

from __future__ import annotations

import pytest

from bot.core.scoring import answer_points, tries_allowed


def test_first_correct_scores_ten_and_the_window_five() -> None:
    assert answer_points(first=True) == 10
    assert answer_points(first=False) == 5


def test_each_hint_costs_three_points_and_points_never_go_negative() -> None:
    assert answer_points(first=True, hints=1) == 7
    assert answer_points(first=True, hints=3) == 1
    assert answer_points(first=False, hints=1) == 2
    assert answer_points(first=False, hints=2) == 0
    assert answer_points(first=True, hints=9) == 0


def test_choice_mode_pays_five_whoever_is_first() -> None:
    assert answer_points(first=True, choice=True) == 5
    assert answer_points(first=False, choice=True) == 5


def test_negative_hints_are_refused() -> None:
    with pytest.raises(ValueError):
        answer_points(first=True, hints=-1)


def test_three_tries_typed_one_in_choice_mode() -> None:
    assert tries_allowed("typed") == 3
    assert tries_allowed("choice") == 1
