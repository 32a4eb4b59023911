"""What the grader knows of the shipped deck's terms (``data/facts.yaml``), and the shapes of a wrong
answer found with them: a remark that says what the answer is not ("transfer learning, trained from
scratch"), an acronym's expansion said in another order, a name a deck card both lists and rejects, and a
second answer joined with "and also" or after "not sure". The cards are written for these tests.
"""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import VerdictKind

C = VerdictKind.CORRECT


# -- what the deck's terms are and are not ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "wrong", "right"),
    [
        (
            "What is it called when you take a pre-trained model and make it do a different task?",
            "transfer learning",
            "transfer learning, which needs more data than training from scratch",
            "transfer learning, it needs less data",
        ),
        (
            "Which algorithm finds the most likely sequence of hidden states of a hidden Markov model?",
            "Viterbi algorithm",
            "the Viterbi algorithm, a greedy algorithm",
            "the Viterbi algorithm, it keeps the best path to each state",
        ),
        (
            "Which search do vector databases usually run to find the stored vectors closest to a query?",
            "approximate nearest neighbor",
            "approximate nearest neighbor, which is an exact search",
            "approximate nearest neighbor, trades a little accuracy for speed",
        ),
        (
            "Which technique adapts an LLM with a few learnable prompt vectors?",
            "prompt tuning",
            "prompt tuning, which changes the weights of the model",
            "prompt tuning, the model's weights stay frozen",
        ),
        (
            "Which step brings all features to a common scale before training?",
            "normalization",
            "normalization, which makes the model converge more slowly",
            "normalization, for faster convergence",
        ),
        (
            "What does Python call the method that sets up a new object of a class?",
            "class constructor",
            "the class constructor, which is __del__",
            "class constructor, __init__ in Python",
        ),
        (
            "What is attacking your own model as a hostile user, to find its weak points, called?",
            "red teaming",
            "red-teaming, a way to speed up the model",
            "red teaming, attacking the model to find weaknesses",
        ),
        (
            "Which kind of algorithm do you run to remove features before training another model?",
            "dimensionality reduction",
            "dimensionality reduction, which increases the number of dimensions",
            "dimensionality reduction, such as PCA",
        ),
        (
            "Which learning-to-generate model samples each element given the elements before it?",
            "autoregressive model",
            "autoregressive model, which generates the entire output in a single step",
            "autoregressive model, like GPT",
        ),
        (
            "Where do you take embeddings from in a pre-trained classifier?",
            "the second-to-last layer",
            "the second-to-last layer, which outputs the prediction",
            "the second-to-last layer, just before the output",
        ),
        (
            "What does a neural network adjust during training to reduce the loss?",
            "weights",
            "the weights, which are fixed and not learned",
            "the weights, learned by gradient descent",
        ),
        (
            "What kind of model generates each element conditioned on the elements before it?",
            "autoregressive model",
            "an autoregressive model, which never looks at previously generated elements",
            "an autoregressive model, conditioned on previously generated elements",
        ),
        (
            "For which networks do skip connections make training possible?",
            "deep neural networks",
            "deep neural networks, which do not need backpropagation",
            "deep neural networks, trained with backpropagation",
        ),
    ],
)
def test_a_remark_that_says_what_a_deck_term_is_not_is_wrong(question, answer, wrong, right):
    c = card(question, answer)
    assert accepted(c, answer)
    assert not accepted(c, wrong)
    assert accepted(c, right)


def test_what_the_cards_term_is_not_counts_where_the_answers_facts_say_something_else():
    # "mixture of experts" has facts of its own (some shared with the Switch Transformer's); what only the
    # card's term says is still weighed.
    c = card("What type of model is the Switch Transformer?", "mixture of experts", term="Switch Transformer")
    assert accepted(c, "mixture of experts")
    assert accepted(c, "mixture of experts, by Google")
    assert not accepted(c, "mixture of experts, where all experts process every token")
    assert not accepted(c, "mixture of experts, created by OpenAI")


# -- an acronym's expansion in another order ---------------------------------------------------------


def test_an_acronyms_expansion_written_with_commas_is_wrong_in_another_order():
    c = card(
        "What does MRKL (a system of AI modules) stand for?",
        "Modular Reasoning, Knowledge and Language",
        "modular reasoning knowledge and language",
    )
    for right in (
        "Modular Reasoning, Knowledge and Language",
        "modular reasoning, knowledge, language",
        "it stands for Modular Reasoning, Knowledge and Language",
    ):
        assert accepted(c, right), right
    for wrong in (
        "Modular Knowledge, Reasoning and Language",
        "Modular Language, Knowledge and Reasoning",
        "Knowledge Reasoning Modular Language",
    ):
        assert not accepted(c, wrong), wrong


# -- a name the card lists and rejects ---------------------------------------------------------------


def test_a_name_the_card_also_rejects_is_no_answer():
    c = card(
        "Which technique customizes an LLM with a small set of learnable parameters, keeping its weights?",
        "prompt tuning",
        term="prompt tuning",
        aliases=("soft prompt tuning", "prompt engineering"),
        reject=("prompt engineering", "fine-tuning"),
    )
    assert accepted(c, "prompt tuning")
    assert accepted(c, "soft prompt tuning")
    assert not accepted(c, "prompt engineering")
    # the same when the player is asked for the term
    assert grade_card(c, "soft prompt tuning", direction="term").kind is C
    assert grade_card(c, "prompt engineering", direction="term").kind is not C


# -- a second answer -----------------------------------------------------------------------------------

TRANSFER = card(
    "What is it called when you take a pre-trained model and make it do a different task?",
    "transfer learning",
)


@pytest.mark.parametrize(
    "response",
    [
        "transfer learning, fine-tuning",
        "transfer learning and also fine-tuning",
        "transfer learning, not sure, maybe fine-tuning",
    ],
)
def test_a_second_term_is_a_second_answer_however_it_is_joined(response):
    assert not accepted(TRANSFER, response)


@pytest.mark.parametrize(
    "response",
    [
        "transfer learning",
        "transfer learning, not sure",
        "transfer learning and also it needs less data",
        "transfer learning, fine-tuned on the new task",
    ],
)
def test_a_remark_after_the_answer_is_no_second_answer(response):
    assert accepted(TRANSFER, response)
