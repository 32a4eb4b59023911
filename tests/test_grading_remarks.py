"""What a player adds around a right answer: a remark that denies with a verb ("Adam, which skips
momentum"), another term after a comma ("dropout, L2"), a name's words in another order ("similarity
cosine"), and what a deck card's own term says the answer is not. The cards are written for these tests.
"""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade, register_deck_terms
from bot.core.grading.tokens import analyse, analyse_denying
from bot.core.models import Deck, VerdictKind

C = VerdictKind.CORRECT


# -- a remark that denies with a verb ----------------------------------------------------------------

ADAM = card("Which optimizer keeps running averages of the gradient and of its square?", "Adam")
DROPOUT = card(
    "Which regularization technique randomly zeroes a fraction of activations during training?", "dropout"
)
LASSO = card("Which regression adds the L1 penalty of the coefficients?", "lasso")
RESNET = card("Which CNN architecture introduced residual connections?", "ResNet")


@pytest.mark.parametrize(
    "verb", ["skips", "lacks", "avoids", "ignores", "omits", "forgoes", "neglects", "disregards"]
)
def test_a_remark_that_denies_what_the_answer_is_with_a_verb_is_wrong(verb):
    assert accepted(ADAM, "Adam, which uses momentum")
    assert not accepted(ADAM, f"Adam, which {verb} momentum")


@pytest.mark.parametrize(
    ("c", "wrong", "right"),
    [
        (DROPOUT, "dropout, which skips training", "dropout, which is skipped at inference"),
        (DROPOUT, "dropout, which ignores randomness", "dropout, which avoids inference"),
        (RESNET, "ResNet, which lacks skip connections", "ResNet, which skips layers via shortcuts"),
    ],
)
def test_a_denying_verb_turns_what_follows_it_and_no_more(c, wrong, right):
    assert not accepted(c, wrong)
    assert accepted(c, right)


def test_a_denying_verb_in_the_answer_itself_is_no_denial():
    c = card("What does a bag-of-words model ignore?", "word order")
    assert accepted(c, "word order")
    assert accepted(c, "it ignores word order")
    assert accepted(c, "ignores the word order")


def test_a_denying_verb_reads_as_a_negator_only_when_a_remark_is_weighed():
    plain = analyse("adam, which skips momentum during training")
    turned = analyse_denying("adam, which skips momentum during training")
    assert [t.word for t in plain] == [t.word for t in turned]
    assert not any(t.neg for t in plain)
    assert {t.word for t in turned if t.neg} == {"momentum"}  # the object, not what the preposition adds
    assert {t.word for t in analyse_denying("dropout is skipped at inference") if t.neg} == {
        "at",
        "inference",
    }
    assert not any(t.neg for t in analyse_denying("it never skips momentum") if t.word == "momentum")


# -- a second term after a comma, or offered with "or" -----------------------------------------------------

DROPOUT_REG = card("Which regularization technique randomly zeroes activations?", "dropout")


@pytest.mark.parametrize("response", ["dropout, L2", "dropout, batch normalization"])
def test_another_term_of_the_field_after_a_comma_is_a_second_answer(response):
    assert not accepted(DROPOUT_REG, response)


@pytest.mark.parametrize(
    "response", ["dropout, a regularization technique", "dropout, randomly", "dropout, during training"]
)
def test_a_remark_after_a_comma_is_no_second_answer(response):
    assert accepted(DROPOUT_REG, response)


def test_a_number_with_a_word_that_says_how_it_is_is_no_second_answer():
    c = card("What is the pH of pure water at 25 °C?", "7")
    assert accepted(c, "7, neutral")


def test_a_name_written_as_two_parts_is_no_hedge_between_two_names():
    c = card(
        "Which open-source project runs a private ChatGPT-style LLM on your own documents?", "PrivateGPT"
    )
    assert accepted(c, "Private GPT")
    assert not accepted(c, "privategpt or gpt4all")


# -- a name's words in another order --------------------------------------------------------------------

COSINE = card(
    "Which measure compares the direction of two vectors, as a similarity between -1 and 1?",
    "cosine similarity",
    "cosine",
)


def test_a_name_said_the_other_way_round_is_wrong_though_a_shorter_answer_is_in_it():
    assert accepted(COSINE, "cosine")
    assert accepted(COSINE, "cosine similarity")
    assert accepted(COSINE, "the cosine similarity")
    assert not accepted(COSINE, "similarity cosine")


def test_a_name_of_the_field_in_ing_is_no_verb_before_its_object():
    c = card(
        "What is it called when you take a pre-trained model and make it do a different task?",
        "transfer learning",
    )
    assert not accepted(c, "learning transfer")
    tuning = card(
        "What is searching for the best learning rate and batch size called?", "hyperparameter tuning"
    )
    assert accepted(tuning, "tuning hyperparameters")


def test_a_fixed_name_reordered_is_wrong_whichever_answer_it_is_judged_against():
    c = card("What type of model is the Switch Transformer?", "mixture of experts", "MoE model")
    assert accepted(c, "mixture of experts")
    assert not accepted(c, "experts of mixture")


def test_the_asked_acronym_typed_in_pieces_is_no_answer():
    c = card("What does RLHF stand for?", "reinforcement learning from human feedback")
    assert not accepted(c, "rl hf")
    assert accepted(c, "RL w/ human feedback")
    assert not accepted(c, "RL w/o human feedback")


# -- what the card's term is not -------------------------------------------------------------------------


def test_a_remark_that_says_what_the_cards_term_is_not_is_wrong():
    c = card(
        "When you train a language model by masking words, what share of them do you usually mask?",
        "15%",
        term="masked language modeling",
    )
    assert accepted(c, "15%")
    assert accepted(c, "15%, chosen at random")
    assert not accepted(c, "15%, which is most of the sentence")


@pytest.mark.parametrize(
    ("question", "answer", "wrong", "right"),
    [
        (
            "Which class of algorithms finds the hyperplane that best separates the classes?",
            "support vector machines",
            "support vector machines, an unsupervised clustering method",
            "support vector machines, with a kernel",
        ),
        (
            "What is the chain rule used after each forward pass to compute the gradients called?",
            "backpropagation",
            "backpropagation, which goes from the input layer to the output",
            "backpropagation, from the output back to the input",
        ),
        (
            "In TensorFlow, what is an intermediate dump of a model's weights during training called?",
            "checkpoint",
            "a checkpoint, which also stores the model's source code",
            "a checkpoint, which stores the weights",
        ),
        (
            "Which measure of two vectors is often used to compare embeddings?",
            "cosine similarity",
            "cosine similarity, which measures the length of the vectors",
            "cosine similarity, which ignores the length of the vectors",
        ),
    ],
)
def test_a_remark_that_says_what_a_term_of_the_field_is_not_is_wrong(question, answer, wrong, right):
    c = card(question, answer)
    assert not accepted(c, wrong)
    assert accepted(c, right)


def test_a_term_of_a_loaded_deck_after_a_comma_is_a_second_answer():
    c = card("Which layer maps each word to a unique integer in Keras?", "StringLookup")
    other = card("Which tokenizer layer splits text into words and maps them to ids?", "TextVectorization")
    register_deck_terms([Deck(id="d", title="d", cards=(c, other))])
    assert accepted(c, "StringLookup")
    assert not accepted(c, "StringLookup or TextVectorization")


def test_a_word_that_ends_a_known_terms_name_names_that_term():
    c = card("Which kind of model learns the boundary between classes, mainly for supervised classification?", "discriminative model")
    # "logistic regression" is a classifier: its "regression" is no rival of the question's classification.
    assert accepted(c, "discriminative model, like logistic regression")
    assert not accepted(c, "discriminative model, used for regression")
    assert not accepted(c, "discriminative model, an unsupervised method")


def test_a_name_reordered_with_its_kind_word_left_out_is_wrong():
    c = card("Which Keras layer maps each string to a unique integer?", "string lookup layer")
    assert not accepted(c, "lookup string")
    assert not accepted(c, "lookup string layer")
    assert accepted(c, "string lookup")
    assert accepted(c, "the string lookup layer")


def test_what_the_question_says_is_replaced_is_denied_by_it():
    c = card("In MLOps, what replaces batch monitoring so you see how a model does as soon as it is deployed?", "real-time monitoring")
    assert accepted(c, "real-time monitoring, instead of batch monitoring")
    assert accepted(c, "real-time monitoring, not batch monitoring")
    assert not accepted(c, "real-time monitoring, a kind of batch monitoring")


def test_another_term_offered_with_maybe_is_a_second_answer():
    c = card("Which regularization randomly zeroes activations during training?", "dropout")
    assert not accepted(c, "dropout, maybe L2 regularization")
    assert not accepted(c, "dropout or maybe batch normalization")
    assert accepted(c, "dropout, maybe with a rate of 0.5")
    assert accepted(c, "maybe dropout")


RELU = "Which activation function outputs its input when it is positive and zero otherwise?"


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        # the inputs of what the question says it outputs: no rival, nothing turned
        ("ReLU, which is linear for positive inputs", VerdictKind.CORRECT),
        ("ReLU, which is zero for negative inputs", VerdictKind.CORRECT),
        # a false remark is still caught
        ("ReLU, which saturates for positive inputs", VerdictKind.WRONG),
    ],
)
def test_a_remark_may_speak_of_the_inputs_of_what_the_question_says_outputs(response, kind):
    assert grade(response, accept=["ReLU", "rectified linear unit"], question=RELU).kind is kind
