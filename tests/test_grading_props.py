"""Properties of the grader that must hold for any input."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.cli.render import verdict_text
from bot.core.grading import grade, normalise
from bot.core.models import VerdictKind
from cogs._verdicts import render_verdict

ACCEPTED = [
    "attention",
    "L2",
    "mixture of experts",
    "MoE",
    "15%",
    "7x",
    "50,000",
    "AlphaFold2",
    "self-supervised",
    "knowledge-based, statistical, hybrid",
    "Bidirectional Encoder Representations from Transformers",
    "hidden Markov models",
    "pre-trained",
    "k-means",
    "checkpoints and SavedModel",
    "second-to-last layer",
]
answer_text = st.text(max_size=5000)
chat_text = st.text(
    alphabet=st.sampled_from(
        list("abcdeLt12 -_*~|`@<>#:/,.'\n") + ["\u200b", "\u0336", "é", "Ｌ", "₂", "😀", "а"]
    ),
    max_size=300,
)
accepted = st.sampled_from(ACCEPTED) | st.text(min_size=1, max_size=60).filter(lambda s: normalise(s) != "")

fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(
    response=answer_text | chat_text,
    accept=st.lists(accepted, min_size=1, max_size=3),
    reject=st.lists(st.text(max_size=30), max_size=2),
)
def test_any_string_is_graded_without_an_exception(response, accept, reject):
    v = grade(response, accept=accept, reject=reject, question="What is it?")
    assert isinstance(v.kind, VerdictKind)
    assert 0.0 <= v.score <= 1.0
    for reveal in (True, False):
        assert "\n" not in render_verdict(v, reveal=reveal)
        assert "\n" not in verdict_text(v, reveal=reveal)
    assert v.correct == (v.kind is VerdictKind.CORRECT)


@fast
@given(
    response=answer_text,
    keypoints=st.lists(st.text(min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=4),
)
def test_any_essay_answer_is_graded(response, keypoints):
    v = grade(response, keypoints=keypoints)
    assert 0.0 <= v.score <= 1.0


@fast
@given(accept=accepted)
@example(accept="A\x85\u00cc")  # a next-line character between two letters: a space, on both sides
@example(accept="\r\u00b70")  # a carriage return before a sign ("\r-0"): white space, as a space is
def test_an_accepted_answer_is_always_correct_against_itself(accept):
    v = grade(accept, accept=[accept])
    assert v.kind is VerdictKind.CORRECT, (accept, v)


@fast
@given(response=answer_text | chat_text, accept=accepted)
def test_grading_is_deterministic(response, accept):
    assert grade(response, accept=[accept]) == grade(response, accept=[accept])


@fast
@given(text=answer_text)
@example(text="0:E;¼A")  # spaced characters that would join into a number ("0e1")
@example(text="£:0")  # a currency's sign apart from its amount ("gbp 0" would read "0 pounds" again)
@example(text="£-0")
@example(text="0:OU;0")  # a join of another language between marks ("0 ou 0" would read "0 or 0" again)
@example(text="1:X;0")  # letters that would join into a typed product ("1x0" reads 1 * 0)
def test_normalise_is_idempotent_plain_ascii(text):
    once = normalise(text)
    assert once.isascii()
    assert normalise(once) == once


@fast
@given(response=answer_text | chat_text, accept=st.lists(accepted, min_size=1, max_size=3))
def test_open_feedback_quotes_only_what_the_player_typed(response, accept):
    v = grade(response, accept=accept, reject=["L1"], question="What is it?")
    quoted: list[object] = []

    def record(value: object) -> str:
        quoted.append(value)
        return str(value)

    v.render(record, reveal=False)
    hidden = {v.matched, v.suggestion, v.expected, v.aka, *v.missing} - {None, v.typed}
    assert not hidden & {str(x) for x in quoted if isinstance(x, str)}  # counts aside
    assert v.reveals or v.render(str, reveal=False) == v.render(str, reveal=True)
