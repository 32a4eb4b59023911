"""The question's own words typed back are no answer, in the shapes the answer's other readings let through: the
words an acronym stands for where the question says them, a yes-or-no question retold with its own denial in it;
and the parts of one dotted or slashed name are no items of a list. Right answers of the same shapes beside each
wrong one. The cards are written for these tests."""

from __future__ import annotations

from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import VerdictKind


def test_the_words_an_acronym_stands_for_typed_back_from_the_question_are_an_echo():
    cap = card(
        "Which theorem says a distributed data store cannot guarantee consistency, availability and partition"
        " tolerance all at once?",
        "CAP theorem",
        "Brewer's theorem",
        "CAP",
    )
    assert not accepted(cap, "consistency availability and partition")
    assert not accepted(cap, "Consistency, Availability, Partition")
    assert accepted(cap, "CAP")
    assert accepted(cap, "the CAP theorem")
    # spelt out where the question does not say the words, the acronym is still right
    dbscan = card("Which density-based clustering algorithm marks points in sparse regions as noise?", "DBSCAN")
    assert accepted(dbscan, "density-based spatial clustering of applications with noise")


def test_a_yes_or_no_question_typed_back_with_its_own_denial_says_no_side():
    order = card(
        "Is plain self-attention, without any positional information, sensitive to the order of the tokens?", "no"
    )
    assert not accepted(order, "plain self-attention without any positional information sensitive to the order of the tokens")
    assert not accepted(order, "without any positional information sensitive")
    assert accepted(order, "no")
    assert accepted(order, "not sensitive to the order")
    assert accepted(order, "without positional information it is not sensitive")
    assert accepted(order, "nope, it's permutation-equivariant")


def test_a_word_of_a_dotted_or_slashed_name_is_not_part_of_a_list_answer():
    checkpoint = card(
        "In TensorFlow, what is an intermediate dump of a model's state that lets training resume from that point?",
        "checkpoint",
        "tf.train.Checkpoint",
    )
    said = grade_card(checkpoint, "training")
    assert said.kind is VerdictKind.WRONG  # was "1 of 3", as though the answer listed tf, train and checkpoint
    assert grade_card(checkpoint, "tf.train").kind is VerdictKind.WRONG
    assert accepted(checkpoint, "tf.train.Checkpoint")
    assert accepted(checkpoint, "a checkpoint")
    kv = card("What do inference engines keep so that earlier keys and values are not recomputed?", "KV cache", "key/value cache")
    assert grade_card(kv, "keys").kind is VerdictKind.WRONG
    assert accepted(kv, "key/value cache")
    assert accepted(kv, "the KV cache")
    # a list answer still scores its items
    macro = card("Which two macronutrients give 4 kcal per gram?", "proteins and carbohydrates")
    assert grade_card(macro, "proteins").kind is VerdictKind.PARTIAL
