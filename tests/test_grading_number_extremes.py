"""Numbers at the edges: one of more digits than a float holds is graded (wrong), never crashed on; thousands
written with separators and decimals after them are one number ("50,000.0"); digits typed one by one over
thousands of characters are graded as any other long answer."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

PARAMS = "How many parameters does GPT-3 have?"


@pytest.mark.parametrize(
    "response",
    [
        "1" + "0" * 309,
        "9" * 400,
        "1" + "0" * 309 + " billion",
        "about " + "9" * 330,
        "9" * 330 + "-" + "9" * 331,
    ],
)
def test_a_number_longer_than_a_float_holds_is_graded_wrong(response: str) -> None:
    assert grade(response, accept=["175 billion", "175B"], question=PARAMS).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("response", "accept"),
    [("50,000.0", "50,000"), ("1,234.5", "1234.5"), ("1,234.5%", "1234.5%"), ("3,14", "3.14")],
)
def test_thousands_separators_with_decimals_are_one_number(response: str, accept: str) -> None:
    assert grade(response, accept=[accept], question="How many?").kind is VerdictKind.CORRECT


def test_another_number_with_separators_and_decimals_is_still_another() -> None:
    assert grade("50,000.5", accept=["50,000"], question="How many?").kind is VerdictKind.WRONG


@pytest.mark.parametrize("response", ["7 " * 1995, "1 2 " * 998])
def test_digits_typed_one_by_one_over_thousands_of_characters_are_graded(response: str) -> None:
    verdict = grade(response, accept=["7"], question="How many layers does the OSI model have?")
    assert verdict.kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("response", "accept"),
    [
        ("2^1000", "2"),
        ("2^1000", "1000"),
        ("2^100", "2100"),
        ("2^5000", "2"),
        ("2**5000", "5000"),
        ("7^99999", "7"),
    ],
)
def test_a_power_with_a_long_exponent_is_not_read_as_its_base_or_its_digits(
    response: str, accept: str
) -> None:
    assert grade(response, accept=[accept], question="What number is it?").kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("response", "accept"), [("2^100", "1267650600228229401496703205376"), ("2**64", "18446744073709551616")]
)
def test_a_power_with_a_long_exponent_is_its_value(response: str, accept: str) -> None:
    assert grade(response, accept=[accept], question="What number is it?").kind is VerdictKind.CORRECT


@pytest.mark.parametrize(("response", "accept"), [("2^-126", "0"), ("2^-126", "2^-149"), ("2^-1022", "0")])
def test_a_tiny_power_is_not_read_as_zero(response: str, accept: str) -> None:
    assert grade(response, accept=[accept], question="What is the smallest normal float?").kind is VerdictKind.WRONG
