"""A number's sign and an asymptotic complexity are read as written: "-5" is not 5, "O(n)" is no part of
"O(n^2)"."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

ZERO = "What is absolute zero in degrees Celsius?"
COSINE = "What cosine similarity do two vectors pointing in opposite directions have?"
SORT = "What is the worst-case time complexity of bubble sort?"
MERGE = "What is the time complexity of merge sort?"


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        (ZERO, "-273.15", "-273.15", True),
        (ZERO, "-273.15", "−273.15 °C", True),
        (ZERO, "-273.15", "minus 273.15", True),
        (ZERO, "-273.15", "negative 273.15", True),
        (ZERO, "-273.15", "273.15", False),
        (COSINE, "-1", "-1", True),
        (COSINE, "-1", "1", False),
        (COSINE, "1", "-1", False),
        ("What range does tanh output?", "-1 to 1", "-1 to 1", True),
        ("What range does tanh output?", "-1 to 1", "1 to 1", False),
        # (a dash between words or numbers is no sign)
        ("Which GPT generation was released in March 2023?", "GPT-4", "GPT-4", True),
        ("Which years did the project run?", "2017-2019", "2017-2019", True),
    ],
)
def test_a_numbers_sign_is_part_of_it(question, accept, response, right):
    assert (grade(response, accept=[accept], question=question).kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("question", "accept", "response", "right"),
    [
        (SORT, "O(n^2)", "O(n^2)", True),
        (SORT, "O(n^2)", "O(n²)", True),
        (SORT, "O(n^2)", "O(N**2)", True),
        (SORT, "O(n^2)", "O(n^2), because of the nested loops", True),
        (SORT, "O(n^2)", "O(n)", False),
        (SORT, "O(n^2)", "O(n log n)", False),
        (SORT, "O(n^2)", "O(n) or O(n^2)", False),
        (MERGE, "O(n log n)", "O(nlogn)", True),
        (MERGE, "O(n log n)", "Θ(n log n)", True),
        (MERGE, "O(n log n)", "O(log n)", False),
        (MERGE, "O(n log n)", "O(n)", False),
        ("What is the time complexity of brute-force subset search?", "O(2^n)", "O(2n)", False),
    ],
)
def test_a_complexity_is_read_as_written(question, accept, response, right):
    assert (grade(response, accept=[accept], question=question).kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("O(n^2)", "n^2", True),
        ("O(n^2)", "quadratic", True),
        ("O(n^2)", "quadratic time", True),
        ("O(n^2)", "linear", False),
        ("O(n log n)", "n log n", True),
        ("O(n log n)", "log n", False),
        ("O(1)", "constant", True),
    ],
)
def test_a_complexity_said_without_its_notation_is_read_too(accept, response, right):
    assert (grade(response, accept=[accept], question=SORT).kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        # a negative number without its unit, as a positive one is
        ("-40 °C", "-40", True),
        ("-3 dB", "-3", True),
        ("-3 dB", "3", False),
        # a range's plus sign, and its minus said again in a remark
        ("-5 to +5", "-5 to +5", True),
        ("-1 to 1", "-1 to +1", True),
        ("-1 to 1", "-1 to 1, -1 is a perfect negative correlation", True),
        ("-1", "negative one", True),
    ],
)
def test_a_signed_number_reads_as_its_unsigned_kind_does(accept, response, right):
    assert (grade(response, accept=[accept], question="What value is it?").kind is VerdictKind.CORRECT) is right


@pytest.mark.parametrize(
    ("accept", "response", "right"),
    [
        ("O(n log n)", "O(n log n) average, O(n²) worst", True),
        ("O(1)", "O(1) average, O(n) worst", True),
        ("O(V + E)", "O(E + V)", True),
        ("O(V + E)", "O(|V| + |E|)", True),
        ("O(n log n)", "O(n lg n)", True),
        ("O(n log n)", "O(n·log n)", True),
        ("O(log n)", "O(log2 n)", True),
        ("O(n^2)", "O(n*n)", True),
        ("O(n^2)", "O(n squared)", True),
        ("O(n²·d)", "O(n^2 * d)", True),
        ("O(V + E)", "O(V * E)", False),
    ],
)
def test_a_complexity_written_another_way_or_tied_to_its_case_is_read(accept, response, right):
    assert (grade(response, accept=[accept], question=SORT).kind is VerdictKind.CORRECT) is right
