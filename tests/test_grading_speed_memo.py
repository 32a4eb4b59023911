"""What the grader keeps between answers to save work never outlives what it was found from: a card whose
question changes is graded by its new question (what ``_contradicts`` reads of a question's claims is kept
per question), the verdicts it builds once are the verdicts it would build each time, and a long answer's
words run together are still read as the answer's word ("drop out" for "dropout") when the index skips
stemming the pairs that cannot be one of the card's words; a denied verb is found by the quick search where the
whole pattern finds one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.grading import clear_caches, grade_card
from bot.core.grading.keypoints import _DENIED_AFTER_RE, _has_denial
from bot.core.models import Card, VerdictKind


def _card(question: str, accept: str, card_id: str = "c") -> Card:
    return Card(deck="d", id=card_id, question=question, answer=accept, accept=(accept,))


LOW_REPETITIVE = (
    "Which LLM parameter gives repetitive, deterministic responses when set low, and more unexpected or "
    "creative responses when increased?"
)
# The same question with the sides turned round.
LOW_CREATIVE = (
    "Which LLM parameter gives creative, unexpected responses when set low, and more repetitive or "
    "deterministic responses when increased?"
)


def test_a_changed_question_is_read_anew() -> None:
    remark = "temperature, where a low value makes the output more creative"
    for _ in range(2):  # (the second time with what was kept from the first)
        assert grade_card(_card(LOW_REPETITIVE, "temperature"), remark).kind is not VerdictKind.CORRECT
        assert grade_card(_card(LOW_CREATIVE, "temperature"), remark).kind is VerdictKind.CORRECT
    clear_caches()
    assert grade_card(_card(LOW_CREATIVE, "temperature"), remark).kind is VerdictKind.CORRECT
    assert grade_card(_card(LOW_REPETITIVE, "temperature"), remark).kind is not VerdictKind.CORRECT


def test_a_verdict_built_once_is_the_verdict_built_anew() -> None:
    card = _card("Which regularization randomly zeroes units during training?", "dropout")
    first = grade_card(card, "dropout")
    again = grade_card(card, "dropout")
    clear_caches()
    fresh = grade_card(card, "dropout")
    assert first == again == fresh
    assert first.kind is VerdictKind.CORRECT and first.matched == "dropout"
    other = grade_card(_card("Which regularization randomly zeroes units during training?", "Dropout", "c2"), "dropout")
    assert other.matched == "Dropout"


def test_words_run_together_in_a_long_answer_still_make_the_answer() -> None:
    card = _card("Which regularization randomly zeroes units during training?", "dropout")
    filler = " ".join(["the", "network", "learns", "features", "quickly", "while", "training", "goes", "on"] * 6)
    long = f"{filler}, and I would use drop out here, {filler}"
    assert len(long.split()) > 100
    assert grade_card(card, long).kind is VerdictKind.CORRECT
    assert grade_card(card, f"{filler}, and I would use weight decay here, {filler}").kind is not VerdictKind.CORRECT


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["the", "model", "is", "isn't", "isnt", "not", "can", "cannot", "can't", "cannotation", "do", "don't",
             "does", "will", "wasn't", "weren't", "werent", "nothing", "want", "point", "scaled", "x", "'", "  "]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_a_denied_verb_is_found_where_the_whole_pattern_finds_one(text):
    """The quick search for a denied verb (only where a word ends as one does) answers as the whole pattern."""
    assert _has_denial(text) == (_DENIED_AFTER_RE.search(text) is not None)
