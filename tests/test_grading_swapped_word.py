"""An answer whose last word the player may leave out ("coreference" for "coreference resolution") is no answer
with another word typed in that place: "coreference retrieval", "speculative distillation" and "hidden Markov
matrix" name other things. Forms and short forms of the word left out, its misspellings, words of a kind and the
question's own words in that place stay right. The cards are written for these tests."""

from __future__ import annotations

from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)

COREFERENCE = card("Which NLP task finds all the expressions that refer to the same entity?", "coreference resolution")
SPECULATIVE = card(
    "Which LLM inference method has a small draft model propose tokens that the large model then verifies?",
    "speculative decoding",
)
HMM = card("Which sequence model has hidden states that emit the observations?", "hidden Markov model", "HMM")
CLT = card(
    "Which theorem says the mean of many independent samples tends to a normal distribution?",
    "central limit theorem",
)


def test_another_word_in_the_place_of_a_word_left_out_names_another_thing() -> None:
    assert not accepted(COREFERENCE, "coreference retrieval")
    assert not accepted(COREFERENCE, "coreference recognition")
    assert not accepted(SPECULATIVE, "speculative distillation")
    assert not accepted(HMM, "hidden Markov matrix")
    assert not accepted(CLT, "central limit lemma")


def test_forms_short_forms_and_misspellings_of_the_word_left_out_stay_right() -> None:
    for said in ("coreference resolution", "coreference resolving", "coreference res", "coreference"):
        assert accepted(COREFERENCE, said), said
    for said in ("speculative decoding", "speculative decode", "speculative dec", "speculative drafting"):
        assert accepted(SPECULATIVE, said), said  # ("drafting": the question's own word)
    for said in ("hidden Markov model", "hidden markov models", "HMM", "hidden Markov mdl"):
        assert accepted(HMM, said), said
    for said in ("central limit theorem", "central limit therom", "central limit thm", "the central limit"):
        assert accepted(CLT, said), said
