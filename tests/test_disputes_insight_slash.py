"""The moderators' insight groups common wrong answers as the grader tells answers apart: a slash or a bar inside
a name ("TCP/IP", "input/output") is no formula's mark, so "TCP/IP" and "TCP IP" are one wrong answer (the grader
takes them as the same answer), while "a/b" and "a*b" stay apart."""

from __future__ import annotations

from bot.core.disputes.insight import group_wrong_answers
from bot.core.grading import grade_card
from bot.core.models import Card


def test_a_name_written_with_a_slash_or_with_a_space_is_one_wrong_answer() -> None:
    """Asked which layer HTTP runs in, three players typed "TCP/IP" and two "TCP IP" (both wrong). The grader
    reads those as one answer (accepting one accepts the other), so /deck stats should list "TCP/IP" typed 5
    times as the most common wrong answer. Seen: two answers, "TCP/IP" ×3 and "TCP IP" ×2, so another wrong
    answer typed 4 times looks like the most common mistake."""
    card = Card(deck="d", id="c", question="Which protocol suite carries the internet?", answer="TCP/IP")
    assert grade_card(card, "TCP IP").correct  # (the grader: one answer)
    groups = group_wrong_answers([("TCP/IP", 3), ("TCP IP", 2), ("OSI", 4), ("input/output", 1), ("input output", 1)])
    shown = sorted((w.times, w.text) for w in groups)
    assert shown == [(2, "input/output"), (4, "OSI"), (5, "TCP/IP")] or shown == [
        (2, "input output"), (4, "OSI"), (5, "TCP/IP")
    ], shown


def test_formulas_still_keep_their_marks_apart() -> None:
    """"a/b", "a*b", "sigma^2/n" and "sigma^2 n" are different formulas: four wrong answers."""
    groups = group_wrong_answers([("a/b", 1), ("a*b", 1), ("sigma^2/n", 1), ("sigma^2 n", 1), ("P(A|B)", 1), ("P(A B)", 1)], limit=10)
    assert len(groups) == 6, groups
