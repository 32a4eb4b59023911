"""A question that offers options ("... on-policy or off-policy?") answered with both of them listed, with no
"or" ("off-policy, on-policy", "first second"), picks none; the answer alone, or with words of its own, is
still right. The cards are written for these tests."""

from __future__ import annotations

import pytest
from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

POLICY = card("Is Q-learning an on-policy or an off-policy algorithm?", "off-policy")
MODEL = card("Is Q-learning a model-based or a model-free method?", "model-free")
WINTER = card("The slump in AI funding of the late 1980s is called the ___ AI winter (first or second)?", "second")
STREAMING = card("Continual learning feeds the models by streaming data or by batch uploads?", "streaming")
GPT = card("Which GPT model was behind ChatGPT at its launch: GPT-2, GPT-3.5 or GPT-4?", "GPT-3.5")
GENERATION = card("Which generation of GPT first had 175 billion parameters: the second, third or fourth?", "third")
DROPOUT = card("Is dropout applied at training, inference, or both?", "training")
OPTIMIZER = card("Was it Adam, SGD or RMSProp that was published in 2014?", "Adam")
ACTIVATION = card("Which activation, ReLU or tanh, is zero for every negative input?", "ReLU")
PRUNING = card("What is removing unimportant weights or neurons from a trained network called?", "pruning")


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (POLICY, "off-policy, on-policy"),
        (POLICY, "on-policy, off-policy"),
        (POLICY, "off-policy on-policy"),
        (MODEL, "model-free, model-based"),
        (MODEL, "model-free model-based"),
        (WINTER, "first, second"),
        (WINTER, "second first"),
        (STREAMING, "streaming data, batch uploads"),
        # options of a series ("A, B or C"), not only the two beside its "or"
        (GPT, "GPT-2, GPT-3.5"),
        (GPT, "GPT-2 GPT-3.5"),
        (GENERATION, "second third"),
        (GENERATION, "the second, the third"),
        # the series' first option, after a word a series follows ("at", "it")
        (DROPOUT, "training inference"),
        (OPTIMIZER, "Adam, SGD"),
    ],
)
def test_both_options_listed_pick_none(c, response: str) -> None:
    assert not accepted(c, response)


@pytest.mark.parametrize(
    ("c", "response"),
    [
        (POLICY, "off-policy"),
        (POLICY, "off-policy algorithm"),
        (POLICY, "an off-policy one"),
        (MODEL, "model-free"),
        (WINTER, "the second"),
        (WINTER, "second AI winter"),
        (WINTER, "second one"),
        (PRUNING, "weight pruning"),
        (STREAMING, "by streaming data"),
        (GPT, "GPT-3.5"),
        (GPT, "GPT-3.5 model"),
        (GENERATION, "the third generation"),
        (DROPOUT, "at training"),
        (OPTIMIZER, "Adam"),
        # a word before the question's comma is no option of its series
        (ACTIVATION, "ReLU activation"),
    ],
)
def test_the_answer_alone_or_with_words_of_its_own_is_right(c, response: str) -> None:
    assert accepted(c, response)
