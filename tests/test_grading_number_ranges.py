"""A range is no answer to a question that asks one number: "10-12" or "between 12 and 24" for 12 hedges between
two numbers, as "12 or 24" does; nor is a bound in time the year asked ("before 2017"). A formula's terms count:
"1/e" is no part of "1 - 1/e" said."""

from __future__ import annotations

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind, VerdictReason

LAYERS = "How many layers does BERT-base have?"
YEAR = "In which year was 'Attention Is All You Need' published?"
SHARE = "In a normal distribution, about what share of the values lies within two standard deviations of the mean?"
RATIO = "By the Chinchilla rule, about how many training tokens should a model see per parameter?"
BOOTSTRAP = "On average, what share of the distinct examples appears in a bootstrap sample, for large n?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (LAYERS, ("12", "twelve"), "12-24"),
        (LAYERS, ("12", "twelve"), "10-12"),
        (LAYERS, ("12", "twelve"), "12\u201324"),
        (LAYERS, ("12", "twelve"), "12 to 24"),
        (LAYERS, ("12", "twelve"), "between 12 and 24"),
        (YEAR, ("2017",), "2017-2018"),
        (YEAR, ("2017",), "2016\u20132017"),
        (SHARE, ("95%", "about 95%"), "95-99%"),
        (SHARE, ("95%", "about 95%"), "68-95"),
        ("How many images does the set hold?", ("1,000",), "between 1,000 and 2,000"),
        # the higher number first, said as a range, or a year's last digits
        (LAYERS, ("12", "twelve"), "between 12 and 6"),
        (LAYERS, ("12", "twelve"), "24 to 12"),
        (YEAR, ("2017",), "2017-18"),
    ],
)
def test_a_range_with_the_answer_at_one_end_hedges(question, accept, response):
    verdict = grade(response, accept=list(accept), question=question)
    assert verdict.kind is VerdictKind.WRONG
    assert verdict.reason is VerdictReason.HEDGED


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (LAYERS, ("12", "twelve"), "12"),
        (LAYERS, ("12", "twelve"), "12-layer"),
        (LAYERS, ("12", "twelve"), "12 layers; 24 in BERT-large"),
        (SHARE, ("95%", "about 95%"), "95%, by the 68\u201395\u201399.7 rule"),
        (RATIO, ("about 20", "20"), "20 to 1"),
        (YEAR, ("2017",), "June 2017"),
        # a higher number before a lower one is no range: a month, a score, a remark
        (YEAR, ("2017",), "2017-06"),
        ("How many goals did Germany score against Brazil in the 2014 semi-final?", ("7",), "7-1"),
        ("How many bits long is an IPv4 address?", ("32",), "32 - 4 bytes"),
    ],
)
def test_one_number_with_a_remark_or_a_ratio_stays_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["1/e", "- 1/e"])
def test_a_formula_with_a_term_left_out_is_not_right(response):
    accept = ["63.2%", "1 - 1/e"]
    assert grade(response, accept=accept, question=BOOTSTRAP).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize("response", ["1 - 1/e", "1-1/e", "63.2%"])
def test_the_formula_said_whole_stays_right(response):
    accept = ["63.2%", "1 - 1/e"]
    assert grade(response, accept=accept, question=BOOTSTRAP).kind is VerdictKind.CORRECT


BIRTHDAY = "How many people must be in a room for the chance that two share a birthday to exceed 50%?"


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (YEAR, ("2017",), "before 2017"),
        (YEAR, ("2017",), "after 2017"),
        (YEAR, ("2017",), "pre-2017"),
        (YEAR, ("2017",), "2017 or later"),
        (YEAR, ("2017",), "2017 at the latest"),
        (YEAR, ("2017",), "since 2017"),
    ],
)
def test_a_bound_in_time_is_not_the_year(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("question", "accept", "response"),
    [
        (YEAR, ("2017",), "around 2017"),
        (YEAR, ("2017",), "2017, after a 2016 workshop paper"),
        (SHARE, ("95%",), "about 95%"),
        # a bound on a count or a share, how a round number is often said
        ("How many unanswerable questions did SQuAD 2.0 add?", ("50,000",), "over 50,000"),
        ("How many tokens can BERT take as input?", ("512",), "up to 512 tokens"),
        (BIRTHDAY, ("23",), "at least 23 people"),
        # the answer itself a bound, or the question asking for one
        ("Before which year was the perceptron built?", ("1960",), "before 1960"),
    ],
)
def test_the_number_said_about_or_as_the_question_asks_stays_right(question, accept, response):
    assert grade(response, accept=list(accept), question=question).kind is VerdictKind.CORRECT
