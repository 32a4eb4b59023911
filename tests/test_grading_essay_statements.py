"""An essay that makes every key point but adds a clause the card's explanation says otherwise: a denial put
in or taken out of one of its statements, a key point called optional, two steps said in the wrong order, a
named point said of the other side of the question: partial, not correct. The same said the card's way stays
correct. The cards are written for these tests."""

from __future__ import annotations

import pytest

from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

SAVE = Card(
    deck="t",
    id="save",
    question="Name two ways to save a TensorFlow model, and say what each stores.",
    answer="A checkpoint stores only the values of the weights; the code that defines the model is needed to use "
    "them. A SavedModel stores the weights and the computation, so it can be served without the original Python code.",
    keypoints=("checkpoints | checkpoint", "SavedModel | saved model"),
)
PREP = Card(
    deck="t",
    id="prep",
    question="In stage one (preparation), what are the steps to build your model?",
    answer="1. Explore the data (exploratory data analysis, EDA).\n2. Build a prototype.\n3. Write the training routine.",
    keypoints=("exploratory data analysis | EDA | explore the data", "prototype", "training routine | training loop"),
)
LOSS = Card(
    deck="t",
    id="loss",
    question="Name two loss functions used for classification problems.",
    answer="Cross-entropy (log loss) and hinge loss, the loss of support vector machines.",
    keypoints=("cross-entropy | log loss", "hinge loss"),
)


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (SAVE, "checkpoints and SavedModel; a SavedModel can't be served without the original python code"),
        (PREP, "EDA, a prototype and the training routine; the EDA is optional and usually skipped"),
        (PREP, "EDA, a prototype and the training routine; you can skip the EDA"),
        (PREP, "EDA, prototype, training routine - you write the training routine before the EDA"),
        (LOSS, "cross-entropy and hinge loss; hinge loss is mostly used for linear regression"),
    ],
)
def test_an_essay_with_a_clause_the_card_says_otherwise_is_partial(card, response):
    assert grade_card(card, response).kind is VerdictKind.PARTIAL


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (SAVE, "checkpoints and SavedModel; a SavedModel can be served without the original python code"),
        (SAVE, "checkpoints and SavedModel"),
        (PREP, "first the EDA, then a prototype, then the training routine"),
        (PREP, "EDA, a prototype and the training routine; the EDA is essential"),
        (PREP, "EDA, a prototype and the training routine; it is a mistake to skip the EDA"),
        (PREP, "EDA, a prototype and the training routine; don't skip the EDA"),
        (LOSS, "cross-entropy and hinge loss; hinge loss is the loss of SVMs"),
    ],
)
def test_the_same_essay_said_the_cards_way_is_correct(card, response):
    assert grade_card(card, response).kind is VerdictKind.CORRECT


SSL = Card(
    deck="t",
    id="ssl",
    question="How does self-supervised pre-training of a language model work?",
    answer="It needs no human labels: the model learns from raw text by predicting held-out words.",
    keypoints=("needs no human labels | no labels | unlabelled", "learns from raw text | predicts the next word"),
)
ROOM = Card(
    deck="t",
    id="room",
    question="Describe Searle's Chinese room.",
    answer="A person who knows no Chinese follows a rulebook to shuffle Chinese symbols; people outside think they "
    "talk to a fluent speaker.",
    keypoints=("follows a rulebook | uses a rulebook", "looks fluent to people outside | convincing output"),
)


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (SSL, "It uses no labels and learns from raw text."),
        (SSL, "It needs no labels and predicts the next word from raw text"),
        (SSL, "It trains without labels and learns from raw text."),
        (ROOM, "He speaks no Chinese and uses a rulebook; the people outside think he is fluent."),
    ],
)
def test_a_no_that_denies_a_verbs_object_stops_at_and(card, response):
    # "uses no labels and learns from raw text": "no" denies the labels, not what is said after "and".
    assert grade_card(card, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    ("card", "response"),
    [
        (SSL, "It needs labels and learns from raw text."),
        (SSL, "There is no learning from raw text and no labels."),
        (SSL, "It trains without labels and without raw text."),
        (ROOM, "He uses no rulebook and the people outside think he is fluent."),
    ],
)
def test_a_point_denied_stays_unmade(card, response):
    assert grade_card(card, response).kind is not VerdictKind.CORRECT


BOOK = Card(
    deck="t",
    id="book",
    question="Why did Minsky and Papert's book Perceptrons slow neural network research?",
    answer="It proved that single-layer perceptrons cannot compute functions that are not linearly separable, such "
    "as XOR. There was no known way to train multi-layer networks at the time.",
    keypoints=(
        "single-layer perceptrons cannot compute XOR | XOR limitation",
        "there was no known way to train multi-layer networks | no backprop",
    ),
)


@pytest.mark.parametrize(
    "response",
    [
        # "nobody" denies what follows it, as "no one" does
        "Single-layer perceptrons can't compute XOR, and nobody knew how to train multi-layer networks.",
        # examples after a comma are denied with what they are examples of
        "A single-layer perceptron can't compute functions that aren't linearly separable, such as XOR, and there "
        "was no known way to train multi-layer networks.",
    ],
)
def test_a_denial_said_with_nobody_or_with_examples_makes_the_point(response):
    assert grade_card(BOOK, response).kind is VerdictKind.CORRECT


@pytest.mark.parametrize(
    "response",
    [
        "Single-layer perceptrons can't compute XOR, and everybody knew how to train multi-layer networks.",
        "Single-layer perceptrons can't compute XOR, and people knew how to train multi-layer networks.",
    ],
)
def test_the_denied_point_said_plainly_is_contradicted(response):
    assert grade_card(BOOK, response).kind is VerdictKind.PARTIAL
