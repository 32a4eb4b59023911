"""A remark after a right answer that says the other thing than the card's explanation about how many, how
much, what the answer does to a thing, or what kind of thing it is: wrong; the same said the card's way: right."""

from __future__ import annotations

from grading_support import accepted, explained, no_deck_terms  # noqa: F401  (the autouse fixture)


def test_a_remark_that_counts_hundreds_where_the_card_says_a_few_is_wrong():
    c = explained(
        "What is it called when a large model learns a new task from examples given in the prompt?",
        "In-context learning: the model picks the task up from a few examples in the prompt, without retraining.",
        "in-context learning",
    )
    assert not accepted(c, "in-context learning, it needs thousands of examples in the prompt")
    assert not accepted(c, "in-context learning, with at least 500 examples in the prompt")
    assert accepted(c, "in-context learning, from a few examples in the prompt")
    assert accepted(c, "in-context learning")


def test_a_remark_that_gives_another_share_of_a_thing_is_wrong():
    c = explained(
        "Which CNN layer downsamples a feature map by keeping only the largest value in each window?",
        "Max pooling. A 2x2 max pooling with stride 2 keeps one activation in four.",
        "max pooling",
    )
    assert not accepted(c, "max pooling, it keeps half of the activations")
    assert accepted(c, "max pooling, it keeps a quarter of the activations")
    assert accepted(c, "max pooling - it throws away three quarters of the activations")


def test_a_remark_that_turns_what_the_answer_does_to_a_thing_is_wrong():
    c = explained(
        "Which linear regression technique adds the squared L2 norm of the coefficients to the cost?",
        "Ridge regression adds the squared L2 norm of the coefficients to the cost function to prevent overfitting.",
        "ridge regression",
    )
    assert not accepted(c, "ridge regression, which makes overfitting worse")
    assert not accepted(c, "ridge regression, which causes overfitting")
    assert accepted(c, "ridge regression, which prevents overfitting")
    assert accepted(c, "ridge regression")


def test_a_remark_that_turns_a_trade_the_card_states_is_wrong():
    c = explained(
        "Which sampling trick, popularised by BigGAN, trades sample diversity for fidelity?",
        "The truncation trick samples the latent vector from a truncated normal distribution.",
        "truncation trick",
    )
    assert not accepted(c, "truncation trick, which increases sample diversity at the cost of quality")
    assert accepted(c, "truncation trick, which gives up some diversity for quality")


def test_a_remark_that_files_the_answer_under_a_kind_the_card_never_names_is_wrong():
    c = explained(
        "Which algorithm partitions observations into k clusters, each observation going to the nearest mean?",
        "k-means clustering: an unsupervised method that assigns each point to the cluster with the nearest centroid.",
        "k-means clustering",
        "k-means",
    )
    assert not accepted(c, "k-means clustering, which is a dimensionality reduction method like PCA")
    assert accepted(c, "k-means clustering, which is a popular method")
    assert accepted(c, "k-means, which is an unsupervised clustering method")


def test_nothing_denies_what_its_clause_says_after_it():
    c = explained(
        "Mixture of experts is one of which class of learning methods?",
        "Ensemble learning: several expert models are trained, and a gating network learns how best to combine"
        " their outputs.",
        "ensemble learning",
    )
    assert not accepted(c, "ensemble learning - MoE just averages the experts, nothing learns how to combine them")
    assert accepted(c, "ensemble learning, a gating network learns how to combine them")


def test_a_qualifier_whose_opposite_the_explanation_says_of_the_answer_makes_another_thing():
    c = explained(
        "Which decoding algorithm keeps only the k most probable partial sequences at each step?",
        "Beam search keeps the k best partial sequences at each step; although it is deterministic, it explores more"
        " than greedy decoding.",
        "beam search",
    )
    assert not accepted(c, "stochastic beam search")
    assert accepted(c, "deterministic beam search")
    assert accepted(c, "beam search")


def test_a_thing_the_question_denies_said_with_the_answer_is_wrong():
    c = explained(
        "Which gated recurrent architecture uses only an update gate and a reset gate, and keeps no separate cell"
        " state?",
        "The gated recurrent unit (GRU) merges the LSTM's forget and input gates into one update gate.",
        "gated recurrent unit",
        "GRU",
        "GRU cell",
    )
    assert not accepted(c, "GRU with a separate cell state")
    assert accepted(c, "GRU, with no separate cell state")
    assert accepted(c, "GRU")
