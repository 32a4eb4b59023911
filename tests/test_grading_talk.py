"""Talk around an answer that says nothing of it ("Hmm, ...", "Oh I know this one, ...", "..., final answer"):
the answer is graded as if typed alone, a right one right and a wrong one wrong."""

from __future__ import annotations

import pytest
from grading_support import card, no_deck_terms  # noqa: F401  (the autouse fixture)

from bot.core.grading import grade, grade_card, register_deck_terms
from bot.core.grading.grader import without_chatter
from bot.core.models import Deck, VerdictKind

C, W = VerdictKind.CORRECT, VerdictKind.WRONG

COLLAPSE = "What is it called when a GAN produces only a few kinds of output, ignoring the variety of its data?"
WHO = "Who introduced the Porter stemmer?"
BERT = "What does BERT stand for?"
XOR = "Can a single-layer perceptron learn XOR?"


@pytest.mark.parametrize(
    "response",
    [
        "Hmm, mode collapse",
        "hmm mode collapse",
        "Hmmm... mode collapse",
        "Ah, mode collapse",
        "Oh! mode collapse",
        "Ooh, mode collapse",
        "Uhh mode collapse",
        "Oh I know this one, mode collapse",
        "Easy: mode collapse",
        "I'd say mode collapse",
        "mode collapse, right?",
        "mode collapse, final answer",
        "mode collapse (final answer)",
        "mode collapse for sure",
        "mode collapse, easy",
        "mode collapse duh",
        "mode collapse lol",
        "mode collapse, I'm pretty sure",
        "mode collapse, yes?",
        "mode collapse, correct?",
        "gonna say mode collapse",
        "mode collapse tbh",
        "mode collapse (not sure)",
        "not sure but mode collapse",
        "Yeah, mode collapse",
        "mode collapse xD",
        "ans: mode collapse",
        "Correct answer: mode collapse",
        "I'm going to say mode collapse",
        "Of course, mode collapse",
        "mode collapse is my answer",
        "go with mode collapse",
    ],
)
def test_talk_around_a_right_answer_leaves_it_right(response):
    assert grade(response, accept=["mode collapse"], question=COLLAPSE).kind is C


@pytest.mark.parametrize(
    "response",
    ["Hmm, model collapse", "Oh I know this one, overfitting", "overfitting, final answer", "Easy: vanishing gradients"],
)
def test_talk_around_a_wrong_answer_leaves_it_wrong(response):
    assert grade(response, accept=["mode collapse"], reject=["model collapse"], question=COLLAPSE).kind is W


@pytest.mark.parametrize(
    "response", ["Hmm, mode collapse or overfitting", "Oh, mode collapse and overfitting, final answer"]
)
def test_talk_never_hides_a_second_answer(response):
    assert grade(response, accept=["mode collapse"], question=COLLAPSE).kind is W


def test_talk_before_a_name_or_an_expansion():
    assert grade("Oh I know this one, Martin Porter", accept=["Martin Porter"], question=WHO).kind is C
    assert grade("Easy: Porter", accept=["Martin Porter"], question=WHO).kind is C
    expansion = "Bidirectional Encoder Representations from Transformers"
    assert grade("Definitely " + expansion, accept=[expansion], question=BERT).kind is C
    assert grade("Surely " + expansion, accept=[expansion], question=BERT).kind is C


def test_beside_a_yes_or_no_only_talk_that_takes_no_side_is_taken_off():
    assert grade("Hmm, no", accept=["no"], question=XOR).kind is C
    assert grade("no, final answer", accept=["no"], question=XOR).kind is C
    assert grade("Oh! yes", accept=["no"], question=XOR).kind is W
    # "certainly", "of course", "no doubt" may say yes or no themselves: the answer is read with them
    assert without_chatter("Certainly, it cannot", polar=True) == "Certainly, it cannot"
    assert without_chatter("no, of course", polar=True) == "no, of course"
    assert grade("yes, no doubt", accept=["no"], question=XOR).kind is W
    # "yes" before a name is talk; before a yes-or-no card's answer it is an answer of its own
    assert without_chatter("yes Adam") == "Adam"
    assert without_chatter("yes no", polar=True) == "yes no"
    assert grade("Correct answer: no", accept=["no"], question=XOR).kind is C
    assert without_chatter("no, of course", polar=True) == "no, of course"


def test_hmm_in_capitals_is_the_acronym():
    question = "Which probabilistic sequence model has hidden states and is decoded with the Viterbi algorithm?"
    accept = ["hidden Markov model", "HMM"]
    assert grade("HMM", accept=accept, question=question).kind is C
    assert without_chatter("HMM, hidden Markov model") == "HMM, hidden Markov model"
    assert grade("Hmm, conditional random field", accept=accept, question=question).kind is W


@pytest.mark.parametrize(
    ("response", "left"),
    [
        ("Easy negatives", "Easy negatives"),  # a word of an answer, not talk: no mark after it
        ("left or right", "left or right"),  # "right" without a question mark is an answer
        ("ReLU or, for sure", "ReLU or, for sure"),  # what is left offers more
        ("Oh, ", "Oh, "),  # nothing is left
        ("umbrella sampling", "umbrella sampling"),
        ("Erm, 15%", "15%"),
        ("Adam (I think)", "Adam"),
        ("Adam big", "Adam big"),  # talk is whole words: not the end of "big"
        ("Adam is incorrect?", "Adam is incorrect?"),
        ("wait-free queue", "wait-free queue"),
        ("Hmm, Adam, which is an SGD variant", "Hmm, Adam, which is an SGD variant"),  # more than a bare answer
        ("Hmm, 60,000", "60,000"),
        ("Ah, Emily M. Bender", "Emily M. Bender"),
        ("A-B testing", "A-B testing"),  # "A:" is talk, "A-" is not
        ("A: Adam", "Adam"),
    ],
)
def test_what_is_taken_for_talk(response, left):
    assert without_chatter(response) == left


def test_talk_before_a_longer_term_does_not_hide_it():
    """"mel-frequency cepstral coefficients" (a loaded deck's term) holds "frequency" of "frequency penalty" but
    names another term; "ok" before it changes nothing."""
    penalty = card(
        "Which generation setting lowers the scores of tokens that have already appeared, to stop an LLM looping?",
        "repetition penalty",
        "frequency penalty",
        "presence penalty",
    )
    mfcc = card("What does MFCC stand for?", "mel-frequency cepstral coefficients")
    register_deck_terms([Deck(id="t", title="t", cards=(penalty, mfcc))])
    for response in (
        "mel-frequency cepstral coefficients",
        "ok mel-frequency cepstral coefficients",
        "well, mel-frequency cepstral coefficients",
        "Uhh mel-frequency cepstral coefficients",
        "Definitely mel-frequency cepstral coefficients",
        "mel-frequency cepstral coefficients lol",
        "mel-frequency cepstral coefficients for sure",
        # talk of any words, not only the talk it knows
        "gonna say mel-frequency cepstral coefficients",
        "go with mel-frequency cepstral coefficients",
        "my pick would be mel-frequency cepstral coefficients",
    ):
        assert grade_card(penalty, response).kind is not C, response
    assert grade_card(penalty, "ok frequency penalty").kind is C
    assert grade_card(penalty, "gonna say frequency penalty").kind is C


@pytest.mark.parametrize(
    "response",
    ["Right, mode collapse", "Alright, mode collapse", "Well, mode collapse", "Okay... mode collapse", "Classic, mode collapse"],
)
def test_an_opening_word_of_talk_before_a_comma_leaves_the_answer_right(response):
    assert grade(response, accept=["mode collapse"], question=COLLAPSE).kind is C


def test_an_opening_word_of_talk_before_a_wrong_answer_leaves_it_wrong():
    assert grade("Right, model collapse", accept=["mode collapse"], question=COLLAPSE).kind is not C
    assert grade("Well, overfitting", accept=["mode collapse"], question=COLLAPSE).kind is not C
