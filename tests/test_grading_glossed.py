"""An answer glossed as one of the card's rejected answers ("sparse, which is dense", "masking (a form of
padding)", "query i.e. key") says it is that other thing: wrong. Set apart from it ("sparse, unlike dense"),
or with another thing said to be it ("masking - it tells later layers which timesteps are padding"), it
stays right. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade_card
from bot.core.models import VerdictKind, VerdictReason

SPARSE = card(
    "In a mixture-of-experts model, which kind activates only a subset of the experts for each input: sparse or dense?",
    "sparse",
    "sparse MoE",
    reject=("dense", "dense MoE"),
)
MASKING = card(
    "In a TensorFlow model, what lets you disregard certain parts of a tensor, typically the padded ones?",
    "masking",
    "a mask",
    reject=("padding", "dropout"),
)
QUERY = card(
    "In attention, which of query, key and value represents what a token is looking for?",
    "query",
    "the query",
    reject=("key", "value"),
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SPARSE, "sparse, which is dense"),
        (SPARSE, "sparse, which is just another name for dense"),
        (SPARSE, "sparse, the same thing as dense"),
        (SPARSE, "sparse, equivalent to dense MoE"),
        (SPARSE, "sparse - it's dense"),
        (SPARSE, "sparse (a form of dense)"),
        (SPARSE, "sparse, a kind of dense MoE"),
        (SPARSE, "sparse, sometimes called dense"),
        (MASKING, "masking (a form of padding)"),
        (MASKING, "masking, which is padding"),
        (MASKING, "masking, which is a type of dropout"),
        (QUERY, "query i.e. key"),
        (QUERY, "query, i.e. the key"),
        (QUERY, "query, meaning the value"),
    ],
)
def test_an_answer_glossed_as_a_rejected_one_is_wrong(c, response: str) -> None:
    verdict = grade_card(c, response)
    assert verdict.kind is VerdictKind.WRONG
    assert verdict.reason is VerdictReason.PICK_ONE


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SPARSE, "sparse, which is not dense"),
        (SPARSE, "sparse, the opposite of dense"),
        (SPARSE, "sparse, not the same as dense"),
        (SPARSE, "sparse, which is not another name for dense"),
        (MASKING, "masking (tells later layers which timesteps are padding and should be skipped)"),
        (MASKING, "masking"),
        (QUERY, "the query"),
    ],
)
def test_an_answer_set_apart_from_a_rejected_one_stays_right(c, response: str) -> None:
    assert accepted(c, response)


BACKPROP = card(
    "What is the more common name for using the chain rule of derivatives to get the gradients, layer by layer?",
    "backpropagation",
    "backprop",
    reject=("gradient descent",),
)
KMEANS = card(
    "Which algorithm partitions observations into k clusters, each observation belonging to the cluster with the nearest mean?",
    "k-means",
    "k-means clustering",
    reject=("k-nearest neighbors", "knn"),
)
LEARNING_RATE = card(
    "Batch size is closely linked to which other hyperparameter: small batches do best with a small one?",
    "learning rate",
    "the learning rate",
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (BACKPROP, "backpropagation, not gradient descent"),
        (BACKPROP, "backpropagation, unlike gradient descent"),
        (KMEANS, "k-means clustering, which is not k-nearest neighbors"),
    ],
)
def test_a_term_denied_whole_denies_none_of_its_words(c, response: str) -> None:
    # "gradient" is what backpropagation computes, "nearest" a word of the question: neither is denied here
    assert accepted(c, response)


def test_a_term_of_the_question_denied_whole_is_still_denied() -> None:
    assert not accepted(LEARNING_RATE, "a fixed learning rate that doesn't depend on batch size")
    assert accepted(LEARNING_RATE, "the learning rate")


TSNE = card(
    "Which technique embeds high-dimensional data in 2-D using a Student-t distribution in the low-dimensional map?",
    "t-SNE",
    "t-distributed stochastic neighbor embedding",
    reject=("SNE", "UMAP"),
)


@pytest.mark.parametrize("response", ["t-SNE (or SNE)", "t-SNE, or SNE", "SNE (or t-SNE)", "t-SNE (SNE?)"])
def test_a_rejected_answer_made_of_the_answer_s_words_offered_beside_it_is_a_second_answer(response: str) -> None:
    assert not accepted(TSNE, response)


@pytest.mark.parametrize("response", ["t-SNE", "t-SNE (t-distributed SNE)"])
def test_the_answer_with_its_own_name_stays_right(response: str) -> None:
    assert accepted(TSNE, response)


FOREST = card(
    "Which ensemble trains many decision trees on bootstrap samples, each split choosing among a random subset of the features?",
    "random forest",
    reject=("bagged decision trees", "gradient boosting"),
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (TSNE, "t-SNE, not SNE"),
        (TSNE, "t-SNE (not UMAP)"),
        (FOREST, "random forest, not bagged decision trees"),
        (FOREST, "random forest, which is not gradient boosting"),
        (FOREST, "random forest, unlike bagged decision trees"),
    ],
)
def test_the_answer_set_against_a_rejected_one_by_name_is_right(c, response: str) -> None:
    assert accepted(c, response)


def test_a_rejected_answer_set_against_the_right_one_stays_wrong() -> None:
    assert not accepted(FOREST, "gradient boosting, not random forest")
    assert not accepted(TSNE, "SNE, not t-SNE")



#: Rejected answers that are no known term of the field: misspelt, only the card tells what they name.
SAMPLING = card(
    "Which sampling method keeps the tokens whose probability is at least a fraction of the top token's?",
    "min-p sampling",
    reject=("typical sampling", "mirostat"),
)
SCHEDULED = card(
    "Which training method moves gradually from feeding the ground truth to feeding the model's own predictions?",
    "scheduled sampling",
    reject=("teacher forcing", "professor forcing"),
)
BAYES = card(
    "Which simple probabilistic classifier assumes the features are independent given the class?",
    "naive Bayes",
    "naive Bayes classifier",
    reject=("Bayes optimal classifier", "logistic regression"),
)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SAMPLING, "min-p sampling and typicla sampling"),
        (SAMPLING, "min-p sampling, maybe typical smapling"),
        (SAMPLING, "typicla sampling or min-p sampling"),
        (SAMPLING, "min-p sampling or mirsotat"),
        (BAYES, "naive Bayes or Bayes potimal classifier"),
        (BAYES, "Bayes potimal classifier or naive Bayes"),
        (BAYES, "naive Bayes (or Bayes optimal classifer?)"),
        # its words run together
        (SAMPLING, "min-p sampling and typicalsampling"),
        (SAMPLING, "min-p sampling or typicalsmapling"),
        (BAYES, "naive Bayes, maybe BayesOptimalClassifier"),
        (SCHEDULED, "scheduled sampling, professorforcing"),
        (SCHEDULED, "scheduled sampling or profesor forcing"),
    ],
)
def test_a_rejected_answer_misspelt_beside_the_answer_is_a_second_answer(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (SAMPLING, "min-p smapling"),
        (SAMPLING, "min-p sampling, unlike typicla sampling"),
        (SAMPLING, "min-p sampling, not mirsotat"),
        (SAMPLING, "min-p sampling rather than typicla sampling"),
        (BAYES, "naive Bayes classifer"),
        (BAYES, "naive Bayes, unlike Bayes potimal classifier"),
        (SAMPLING, "min-p sampling, unlike typicalsampling"),
        (SCHEDULED, "scheduled sampling, not profesor forcing"),
        (SCHEDULED, "scheduled smapling"),
    ],
)
def test_the_answer_set_apart_from_a_rejected_one_misspelt_stays_right(c, response: str) -> None:
    assert accepted(c, response)
