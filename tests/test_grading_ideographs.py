"""Answers written in Han ideographs: the grader reads an ideograph by its sound without its tone ("四" four and
"死" death are both "si"), so an answer written in ideographs must write the answer's own ideographs. A
traditional form is its simplified one ("東京" for "东京"), a reading typed in Latin letters is still read, and
/deck stats keeps wrong answers that read alike apart."""

from __future__ import annotations

import pytest

from bot.core.disputes.insight import answer_key, ranked_wrong_answers
from bot.core.grading import grade
from bot.core.models import VerdictKind


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("四", "死"),  # four, death: "si" both
        ("马", "妈"),  # horse, mother: "ma"
        ("马", "吗"),
        ("東京", "冬京"),
        ("学生", "學校"),
    ],
)
def test_another_ideograph_read_alike_is_wrong(accept, response):
    assert grade(response, accept=[accept], question="Which word is it?").kind is not VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        ("四", "四"),
        ("東京", "东京"),  # traditional and simplified
        ("东京", "東京"),
        ("學生", "学生"),
        ("马", "ma"),  # a reading typed in Latin letters
        ("ありがとう", "arigatou"),
        ("ありがとう", "ありがとう"),
        # Japanese forms and Chinese ones of one word
        ("氣", "気"),
        ("経済", "經濟"),
        ("檢定", "検定"),
    ],
)
def test_the_answers_ideographs_or_a_reading_of_them_are_right(accept, response):
    assert grade(response, accept=[accept], question="Which word is it?").kind is VerdictKind.CORRECT


def test_wrong_answers_read_alike_are_counted_apart_and_one_word_in_both_forms_together():
    assert answer_key("妈") != answer_key("骂")
    assert answer_key("東京") == answer_key("东京")
    ranked = ranked_wrong_answers([("妈", 3), ("骂", 2), ("東京", 1), ("东京", 1)])
    assert sorted(group.times for group, _typed in ranked) == [2, 2, 3]


@pytest.mark.parametrize(
    ("accept", "response"),
    [
        (["Transformer", "变换器"], "Transformer 模型"),
        (["attention", "注意力"], "attention 机制"),
        (["Tokyo", "東京"], "Tokyo 首都"),
    ],
)
def test_an_answer_in_latin_letters_with_a_word_in_ideographs_is_right(accept, response):
    assert grade(response, accept=accept, question="Which word is it?").kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("response", "accept", "quoted"),
    [
        ("stack العربية", ["stack"], "العربية"),
        ("PCA (principal component analysis) עברית", ["PCA (principal component analysis)"], "עברית"),
        ("신경망 image encoders/decoders", ["image encoders and decoders"], "신경망"),
        ("café or tea", ["tea"], "café"),
    ],
)
def test_feedback_quotes_a_word_of_another_script_as_it_was_typed(response, accept, quoted):
    verdict = grade(response, accept=accept, question="Which one is it?")
    assert verdict.kind is VerdictKind.WRONG and verdict.typed == quoted
