"""Remarks and second answers that a right answer does not excuse, and one mention it does: a remark that
denies the answer's own word, one that gives the answer what a rival of it is, one that says a word of the
question with an antonym prefix, a fact said without its articles, an opposite of near or far, a rival the
question names mentioned in a remark, a second answer made of the card's own words or offered around "maybe"
or after "?", an acronym's plural, the question's words quoted around an answer it says itself, a reason on a
yes-or-no card that says what the question's term is not, and an essay key point made with one of its words
denied or turned. The cards are written for these tests.
"""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import VerdictKind, VerdictReason

# -- a remark that denies a word of the answer itself ------------------------------------------------

RLHF = card("What does RLHF stand for?", "reinforcement learning from human feedback")
COSINE = card("Which measure compares the directions of two vectors?", "cosine similarity")


def test_a_remark_that_denies_the_answers_own_word_is_wrong():
    assert not accepted(RLHF, "reinforcement learning from human feedback, with no humans involved")
    assert accepted(RLHF, "reinforcement learning from human feedback, not from AI feedback")


def test_denying_another_term_that_shares_a_word_with_the_answer_is_no_denial_of_it():
    assert accepted(COSINE, "cosine similarity, not cosine distance")


def test_denying_a_generic_word_of_the_answer_is_no_denial_of_it():
    c = card("What is it called when a model learns a task from examples in the prompt?", "in-context learning")
    assert accepted(c, "in-context learning, no learning of the weights")


# -- what a rival of the answer is, said of the answer ----------------------------------------------

MASKING = card(
    "In a TensorFlow model, what lets you disregard the padded parts of a tensor in the forward pass?",
    "masking",
    reject=("dropout",),
)


def test_a_remark_that_gives_the_answer_what_a_rejected_rival_is_is_wrong():
    assert not accepted(MASKING, "masking, which randomly zeroes units during training")
    assert accepted(MASKING, "masking, the padded timesteps are left out")


def test_one_word_of_what_a_rival_is_is_not_enough():
    assert accepted(MASKING, "masking, used during training")


QUERY = card(
    "In attention, which of query, key and value represents the information a token is looking for?",
    "query",
    reject=("key", "value"),
)


def test_a_rejected_rival_the_question_names_may_be_mentioned_in_a_remark():
    assert accepted(QUERY, "the query; the keys are matched against it")
    assert not accepted(QUERY, "query or key")
    assert not accepted(QUERY, "the query, which is the same as the key")
    assert not accepted(QUERY, "the query, like the key")


SPARSE = card(
    "In a mixture-of-experts model, which kind activates only a subset of the experts: sparse or dense?",
    "sparse",
    "sparse MoE",
    reject=("dense", "dense MoE"),
)


@pytest.mark.parametrize("response", ["sparse, dense MoE too", "sparse, dense MoE, or both", "sparse; dense MoE as well, either"])
def test_a_rival_the_question_names_said_after_the_answer_with_nothing_said_of_it_is_offered(response):
    assert not accepted(SPARSE, response)


@pytest.mark.parametrize(("response", "right"), [("sparse, or both", False), ("sparse, maybe both", False), ("sparse, not both", True), ("sparse, both route tokens to experts", True)])
def test_both_options_of_a_question_that_offers_two_pick_none(response, right):
    assert accepted(SPARSE, response) is right


def test_a_rival_the_question_names_said_after_the_answer_with_something_said_of_it_is_a_remark():
    assert accepted(SPARSE, "sparse, dense is slower")
    assert accepted(QUERY, "the query; keys are matched against it too")


# -- a fact of data/facts.yaml said without its articles ---------------------------------------------

PLAYGROUND = card("In AWS SageMaker, what is the place where you can enter prompts for models called?", "playground")


def test_a_fact_is_said_without_its_articles():
    assert not accepted(PLAYGROUND, "playground, where you train models")
    assert accepted(PLAYGROUND, "playground, where you try out prompts")


# -- opposites: near and far ---------------------------------------------------------------------------

EMBEDDING = card(
    "What kind of model turns text into vectors so that texts with similar meanings lie close together?",
    "text embedding model",
)


def test_a_remark_that_puts_similar_texts_far_apart_is_wrong():
    assert not accepted(EMBEDDING, "a text embedding model, which maps similar texts to far-apart vectors")
    assert accepted(EMBEDDING, "a text embedding model, similar texts get nearby vectors")


def test_a_remark_that_says_a_word_of_the_question_with_an_antonym_prefix_is_wrong():
    c = card("Which graph model shows the direction of dependence between dependent variables?", "Bayesian network")
    assert not accepted(c, "Bayesian network, whose variables are all independent")
    assert accepted(c, "Bayesian network, with dependent variables")


# -- second answers ----------------------------------------------------------------------------------

PRIVATE = card(
    "Which open-source project lets you run your own private LLM on your documents?",
    "PrivateGPT",
    term="PrivateGPT",
    aliases=("private ChatGPT",),
)


def test_a_known_term_made_of_the_cards_own_words_offered_with_or_is_a_second_answer():
    verdict = grade_card(PRIVATE, "PrivateGPT or ChatGPT")
    assert verdict.kind is VerdictKind.WRONG and verdict.reason is VerdictReason.HEDGED
    assert not accepted(PRIVATE, "ChatGPT or PrivateGPT")
    assert not accepted(PRIVATE, "PrivateGPT and ChatGPT")
    assert accepted(PRIVATE, "PrivateGPT")
    assert accepted(PRIVATE, "PrivateGPT or private GPT")


def test_an_answer_that_joins_two_names_itself_is_no_second_answer():
    c = card("What do multimodal LLMs use to make images?", "image encoders and decoders", aliases=("decoder",))
    assert accepted(c, "image encoders and decoders")
    assert accepted(c, "an image encoder and an image decoder")


KMEANS = card(
    "Which algorithm partitions observations into k clusters, each belonging to the cluster with the nearest mean?",
    "k-means",
)
TEMPERATURE = card(
    "Which LLM parameter gives repetitive responses when set low, and creative ones when increased?", "temperature"
)


@pytest.mark.parametrize("response", ["k-means, maybe token hashing", "k-means (perhaps token hashing)"])
def test_anything_offered_after_maybe_is_a_second_answer(response):
    assert not accepted(KMEANS, response)


def test_a_word_that_says_how_the_answer_is_after_maybe_is_no_second_answer():
    assert accepted(TEMPERATURE, "temperature, probably lower")
    assert accepted(KMEANS, "k-means, maybe with k = 3")


ICL = card("What is it called when a model learns a task from examples given in the prompt?", "in-context learning")
MASKED = card("When you train a language model by masking words, what share of them do you usually mask?", "15%")


def test_or_after_a_question_mark_offers_the_answer_before_it_too():
    assert not accepted(ICL, "fine tuning? or in context learning")
    assert not accepted(ICL, "transfer learning. Or in-context learning")
    assert accepted(ICL, "in-context learning?")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (KMEANS, "k-medians, maybe k-means"),
        (card("What kind of model turns text into vectors?", "embedding model"), "language model, maybe an embedding model"),
        (MASKED, "15, maybe 20%"),
    ],
)
def test_the_answer_offered_after_another_with_maybe_is_a_second_answer(c, response):
    assert not accepted(c, response)


def test_a_number_offered_after_maybe_beside_a_number_answer_is_a_second_answer_but_the_same_number_is_not():
    assert accepted(MASKED, "15%")
    assert not accepted(MASKED, "15%, maybe 20%")


def test_an_acronym_in_the_plural_names_the_acronym():
    c = card("Which architecture processes all the tokens of a sequence in parallel with self-attention?", "transformer")
    assert not accepted(c, "transformers, like RNNs")  # the rival RNN (data/confusables.yaml), in the plural
    assert accepted(c, "transformers, unlike RNNs")


# -- the question quoted around an answer it says itself --------------------------------------------

L1 = card("Which regularization adds the L1 norm of the coefficients to the cost function?", "lasso", "L1")


def test_the_questions_words_quoted_around_an_answer_it_says_are_no_answer():
    assert not accepted(L1, "the L1 norm")
    assert accepted(L1, "L1")
    assert accepted(L1, "lasso")


def test_a_number_the_question_says_typed_back_inside_a_quote_of_it_is_no_answer():
    epoch = card("How many times does one epoch pass over every training example?", "once", "one time", "1")
    assert not accepted(epoch, "many times does one epoch pass")
    assert not accepted(epoch, "how many times does one epoch pass over every training example")
    assert accepted(epoch, "one")
    assert accepted(epoch, "once, one epoch is one pass")
    assert accepted(epoch, "1 time")


def test_a_number_said_only_inside_a_name_the_question_writes_with_it_is_no_answer():
    resnet = card("How many layers does ResNet-50 have?", "50")
    assert not accepted(resnet, "ResNet-50 model")
    assert not accepted(resnet, "the ResNet-50 one")
    assert accepted(resnet, "50")
    assert accepted(resnet, "50 layers")
    assert accepted(resnet, "ResNet-50 has 50 layers")
    assert accepted(resnet, "fifty")


def test_a_percentage_where_a_count_is_asked_is_wrong():
    resnet = card("How many layers does ResNet-50 have?", "50")
    assert not accepted(resnet, "50%")
    assert not accepted(resnet, "50 percent")
    assert accepted(resnet, "50")
    # a fraction and its percentage are one number; a question that asks a share takes one
    assert accepted(card("What is the default value of Adam's beta1?", "0.9"), "90%")
    assert accepted(card("What share of its input tokens does BERT mask?", "15"), "15%")


# -- yes or no, with a reason -----------------------------------------------------------------------


def test_a_reason_about_the_questions_term_is_weighed_against_it_though_it_names_another():
    c = card("Is logistic regression used for classification?", "yes")
    assert not accepted(c, "yes, it predicts a continuous target like linear regression")
    assert accepted(c, "yes, it predicts class probabilities")


def test_a_reason_about_another_term_is_not_weighed_against_the_questions():
    c = card("Can a single-layer perceptron learn the XOR function?", "no")
    assert accepted(c, "no, XOR is not linearly separable")


# -- essay key points ---------------------------------------------------------------------------------

DBN = card(
    "What is a deep belief network, and how does it differ from a deep neural network?",
    keypoints=(
        "layers of stochastic latent variables | binary latent variables | hidden units",
        "undirected connections between layers | undirected",
    ),
)
FAITHFUL = card(
    "In a faithful reasoning framework, what does the user put in the prompt, and what does the LLM do with it?",
    keypoints=(
        "examples of the reasoning process | worked examples | examples of reasoning",
        "the LLM imitates the reasoning | imitates | follows the same reasoning",
    ),
)


def test_a_key_point_made_with_one_of_its_words_turned_is_contradicted():
    verdict = grade_card(DBN, "layers of stochastic latent variables, and its connections between layers are directed")
    assert verdict.kind is VerdictKind.PARTIAL and verdict.reason is VerdictReason.CONTRADICTS
    # (The point contradicted is named apart from the ones not addressed: an importer keeps a point its card's
    # own explanation says, even when it also says the opposite somewhere.)
    assert verdict.expected == "undirected connections between layers" and verdict.missing == ()
    turned = grade_card(DBN, "layers of deterministic latent variables, and undirected connections between layers")
    assert turned.kind is VerdictKind.PARTIAL
    right = grade_card(DBN, "layers of stochastic latent variables, and undirected connections between layers")
    assert right.kind is VerdictKind.CORRECT


def test_a_key_point_made_with_one_of_its_words_denied_is_not_made():
    verdict = grade_card(FAITHFUL, "examples of the reasoning process; the LLM does not imitate them")
    assert verdict.kind is VerdictKind.PARTIAL
    right = grade_card(FAITHFUL, "examples of the reasoning process, which the LLM imitates")
    assert right.kind is VerdictKind.CORRECT


def test_a_contradicted_key_point_beside_a_made_one_is_partial_and_alone_wrong():
    assert grade_card(DBN, "its connections between layers are directed").kind is VerdictKind.WRONG
