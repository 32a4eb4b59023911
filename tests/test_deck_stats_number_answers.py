"""/deck stats groups a card's common wrong answers as the grader reads them: one number typed in several forms
("0.5", "1/2", "half", "50%") is one mistake, not four small ones."""

from __future__ import annotations

from bot.core.disputes.insight import group_wrong_answers
from bot.core.grading import grade_card
from bot.core.models import Card


def test_one_number_in_several_forms_is_one_common_wrong_answer() -> None:
    """Asked for a dropout rate of 0.2, five players typed a half in four forms and three typed 0.25. The grader
    reads "1/2", "half" and "50%" as 0.5 (a card accepting 0.5 takes each of them), so the moderator should see
    a half typed five times as the commonest mistake, not "0.25" typed three times above four smaller groups."""
    half = Card(deck="d", id="c", question="Which share of units is dropped?", answer="0.5")
    assert all(grade_card(half, typed).correct for typed in ("1/2", "half", "50%"))  # (one number to the grader)
    groups = group_wrong_answers([("0.5", 2), ("1/2", 1), ("half", 1), ("50%", 1), ("0.25", 3)])
    assert [w.times for w in groups] == [5, 3], groups
    assert groups[0].text == "0.5", groups


def test_different_numbers_stay_apart() -> None:
    """"2", "0.2", "20%" and "5" are three numbers (the grader refuses "0.2" for "2"); "II" is "2"."""
    two = Card(deck="d", id="c", question="How many heads?", answer="2")
    assert not grade_card(two, "0.2").correct and grade_card(two, "II").correct
    groups = group_wrong_answers([("2", 1), ("0.2", 1), ("20%", 1), ("5", 1), ("II", 1)], limit=10)
    assert sorted((w.times, w.text) for w in groups) == [(1, "5"), (2, "0.2"), (2, "2")], groups


def test_a_number_rounded_and_an_ordinal_in_words_join_the_number_they_are() -> None:
    """The grader takes "0.33" and "33%" for "1/3", and "fifth" for "5th": so does the moderator's list. "0.34" is
    another number, and "1200" is no rounding of "1234" (the grader refuses it)."""
    third = Card(deck="d", id="c", question="Which share is held out?", answer="1/3")
    assert all(grade_card(third, typed).correct for typed in ("0.33", "33%", "one third", "0.333"))
    assert not grade_card(third, "0.34").correct
    fifth = Card(deck="d", id="f", question="Which place?", answer="5th")
    assert grade_card(fifth, "fifth").correct
    assert not grade_card(Card(deck="d", id="n", question="How many?", answer="1234"), "1200").correct
    rows = [("0.33", 3), ("1/3", 5), ("one third", 1), ("33%", 2), ("0.333", 1), ("0.34", 4)]
    rows += [("fifth", 2), ("5th", 1), ("1234", 3), ("1200", 2)]
    groups = group_wrong_answers(rows, limit=10)
    assert [(w.text, w.times) for w in groups] == [("1/3", 12), ("0.34", 4), ("1234", 3), ("fifth", 3), ("1200", 2)]


def test_numbers_the_grader_keeps_apart_are_two_groups_though_one_rounds_to_the_other() -> None:
    """"120000" is no answer to a card of "123456" (the grader takes a rounding only of a number worked out to many
    digits): two groups."""
    exact = Card(deck="d", id="n", question="How many?", answer="123456")
    assert not grade_card(exact, "120000").correct
    groups = group_wrong_answers([("123456", 2), ("120000", 1)], limit=10)
    assert sorted((w.text, w.times) for w in groups) == [("120000", 1), ("123456", 2)]
