"""Another name of the same thing (``bot/core/data/synonyms.yaml``) is a right answer; a name of something else
is not, however close; and the table keeps to its own rules (a name in one group only, two names at least)."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.core import shipped
from bot.core.grading import grade
from bot.core.grading.tokens import analyse, content
from bot.core.models import VerdictKind

R, W = VerdictKind.CORRECT, VerdictKind.WRONG


@pytest.mark.parametrize(
    ("question", "accept", "response", "kind"),
    [
        ("Which decoding strategy always takes the most likely next token?", "greedy decoding", "argmax decoding", R),
        ("Which decoding strategy always takes the most likely next token?", "greedy decoding", "argmax decodng", R),
        ("Which decoding strategy always takes the most likely next token?", "greedy decoding", "beam search", W),
        ("What is a VAE's decoder ignoring its latent code called?", "posterior collapse", "KL vanishing", R),
        ("What is a VAE's decoder ignoring its latent code called?", "posterior collapse", "mode collapse", W),
        ("Which boosting library won many Kaggle contests?", "XGBoost", "Extreme Gradient Boosting", R),
        ("Which boosting library won many Kaggle contests?", "XGBoost", "gradient boosting", W),
        ("Which war ended in 1945?", "World War II", "the Second World War", R),
        ("Which war ended in 1945?", "World War II", "WW2", R),
        ("Which war ended in 1945?", "World War II", "First World War", W),
        ("Which war ended in 1945?", "World War II", "the Great War", W),
        ("What is the task of finding the opinion in a review?", "sentiment analysis", "opinion mining", R),
    ],
)
def test_another_name_of_the_same_thing_is_right_and_a_near_name_of_another_is_not(question, accept, response, kind):
    got = grade(response, accept=[accept], question=question).kind
    assert got is R if kind is R else got is not R  # a near name may be "almost": never right


def test_a_name_inside_a_longer_accepted_answer_may_be_said_another_way() -> None:
    accept = ["greedy decoding at temperature zero"]
    assert grade("argmax decoding at temperature zero", accept=accept).kind is R
    assert grade("beam search at temperature zero", accept=accept).kind is not R


def test_without_the_table_a_synonym_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is what accepts it: the grader has no other way to know the two names are one."""
    from bot.core.grading import clear_caches, tables, variants

    monkeypatch.setattr(shipped, "synonyms", lambda: ())
    tables.tables.cache_clear()
    variants.compile_answer.cache_clear()
    clear_caches()
    try:
        if tables.tables().synonyms_by_first:  # a compiled grader reads its own reference: nothing to show
            pytest.skip("the compiled grader does not see the patched table")
        assert grade("argmax decoding", accept=["greedy decoding"]).kind is not R
    finally:
        monkeypatch.undo()
        tables.tables.cache_clear()
        variants.compile_answer.cache_clear()
        clear_caches()
    assert grade("argmax decoding", accept=["greedy decoding"]).kind is R


def test_every_name_is_in_one_group_only_and_every_group_has_two_names() -> None:
    groups = shipped.synonyms()
    assert len(groups) > 1000
    assert all(content(analyse(name)) for group in groups for name in group)
    stems = [s for group in groups for s in {tuple(t.stem for t in content(analyse(name))) for name in group}]
    twice = [s for s, n in Counter(stems).items() if n > 1]
    assert not twice, twice[:10]
    assert all(len({tuple(t.stem for t in content(analyse(n))) for n in group}) >= 2 for group in groups)
    assert all(name == name.lower() and name.isascii() for group in groups for name in group)
