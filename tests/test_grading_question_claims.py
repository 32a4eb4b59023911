"""A remark after a right answer on a card with only its question and accepted answers (as an imported deck
has them) that says the other thing than the question: wrong; the same said the question's way: right. And a
remark of what the person asked for is credited with: right."""

from __future__ import annotations

from grading_support import accepted, card, no_deck_terms  # noqa: F401  (the autouse fixture)


def test_an_inequality_written_with_its_sides_swapped_is_wrong():
    c = card("Which inequality states that f(E[X]) ≤ E[f(X)] for a convex function f?", "Jensen's inequality")
    assert not accepted(c, "Jensen's inequality, which says E[f(X)] ≤ f(E[X]) for convex f")
    assert not accepted(c, "Jensen's inequality, which says f(E[X]) ≥ E[f(X)]")
    assert accepted(c, "Jensen's inequality, which says E[f(X)] ≥ f(E[X]) for convex f")
    assert accepted(c, "Jensen's inequality")


def test_an_absolute_value_in_a_remark_offers_no_second_answer():
    c = card(
        "Which inequality bounds the probability that |X − μ| ≥ kσ by 1/k² for any distribution?",
        "Chebyshev's inequality",
    )
    assert accepted(c, "Chebyshev's inequality, the chance that |X − μ| ≥ kσ is small")
    assert accepted(c, "Chebyshev's inequality: P(|X − μ| ≥ kσ) is at most k^-2")
    assert not accepted(c, "Chebyshev's inequality | Markov's inequality")


def test_a_remark_that_asserts_a_thing_the_question_denies_is_wrong():
    c = card(
        "In hypothesis testing, what is the default claim of no effect or no difference called?",
        "null hypothesis",
    )
    assert not accepted(c, "the null hypothesis, which claims there is an effect")
    assert accepted(c, "the null hypothesis, which says the effect is zero")
    shot = card("What is it called when you prompt an LLM for a task with no examples?", "zero-shot prompting")
    assert not accepted(shot, "zero-shot prompting, which uses examples")
    assert accepted(shot, "zero-shot prompting, which uses only the instruction")


def test_a_remark_that_gives_a_thing_of_the_question_the_opposite_qualifier_is_wrong():
    c = card("Which shortest-path algorithm can detect negative cycles in a graph?", "Bellman-Ford")
    assert not accepted(c, "Bellman-Ford, because the cycles are positive")
    assert accepted(c, "Bellman-Ford, because the cycles are negative")
    assert accepted(c, "Bellman-Ford, unlike Dijkstra, which needs positive weights")


def test_a_remark_of_what_the_person_asked_for_is_credited_with_keeps_the_answer_right():
    c = card(
        "Who introduced the variational autoencoder together with Max Welling (2013)?",
        "Diederik Kingma",
        "Diederik P. Kingma",
    )
    assert accepted(c, "Kingma, who also co-wrote the Adam paper")
    assert not accepted(c, "Kingma, who also co-wrote the Adam paper at Microsoft")
    assert not accepted(c, "Kingma and Hinton")
    linux = card("Who created the Linux kernel in 1991?", "Linus Torvalds", "Torvalds")
    assert accepted(linux, "Linus Torvalds, who also created Git")
    assert not accepted(linux, "Linus Torvalds, who also created Git alone")
