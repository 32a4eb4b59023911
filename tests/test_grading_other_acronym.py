"""An acronym typed for an answer must stand for it: "KLD" (Kullback-Leibler divergence) is no answer for
"knowledge distillation", nor "CRF" (conditional random field) for "collaborative filtering", though their letters
come in the answer's words in order. The answer's own acronyms, its initials (even where the tables give the same
letters for something else: "SSL" for semi-supervised learning) and acronyms the tables do not know stay right.
The cards are written for these tests."""

from __future__ import annotations

from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

DISTILLATION = card(
    "Which technique trains a small student model to imitate a large teacher model?", "knowledge distillation"
)
FILTERING = card(
    "Which recommender approach predicts a user's taste from the tastes of similar users?", "collaborative filtering"
)
SEMI = card("Which learning uses a small labelled set together with a large unlabelled one?", "semi-supervised learning")
TUNING = card("What is searching for the best learning rate, batch size and depth called?", "hyperparameter optimization")


def test_another_terms_acronym_is_no_answer() -> None:
    assert not accepted(DISTILLATION, "KLD")
    assert not accepted(FILTERING, "CRF")
    assert not accepted(FILTERING, "CFG")


def test_the_answers_own_acronyms_stay_right() -> None:
    assert accepted(DISTILLATION, "KD")
    assert accepted(DISTILLATION, "K.D.")
    assert accepted(FILTERING, "CF")
    assert accepted(SEMI, "SSL")
    assert accepted(TUNING, "HPO")


RELU = card("Which activation outputs max(0, x)?", "ReLU")


def test_a_named_kind_of_the_answer_is_another_answer() -> None:
    # ("parametric ReLU" is PReLU, a known term of its own, as "leaky ReLU" is)
    assert not accepted(RELU, "parametric ReLU")
    assert not accepted(RELU, "leaky ReLU")
    assert accepted(RELU, "a ReLU")
