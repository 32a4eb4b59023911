"""The moderators' insight (/deck stats, /disputes stats): common wrong answers are grouped as the grader tells
answers apart. A plus and a minus written without spaces ("n+1", "n-1") are two different answers, and "n-1"
and "n - 1" are one, however the player spaced the sign."""

from __future__ import annotations

from quiz_support import quiz_asking

from bot.core.disputes.insight import group_wrong_answers
from bot.core.grading import grade_card
from bot.core.service import Services

G, CH = 100, 200
ALICE, BOB, CAROL, DAN, EVE, MOD = 1, 2, 3, 4, 5, 99

TREE_DECK = b"""deck: trees
title: Trees
cards:
  - id: full-binary-tree
    term: nodes of a full binary tree
    question: How many nodes does a full binary tree with n leaves have?
    answer: A full binary tree with n leaves has **2n - 1** nodes (n leaves and n - 1 inner nodes).
    accept: ["2n - 1"]
    tags: [graphs]
"""


async def _channel_question(s: Services, clock, card_key: str, answers) -> None:
    quiz, _ = await quiz_asking(s, card_key, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, seconds=60)
    for user_id, text in answers:
        said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)
        assert not said.verdict.correct, text
        clock.tick(0.5)
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.finish(quiz.id)


async def test_common_wrong_answers_keep_plus_and_minus_apart_and_spacing_together(core_services, clock) -> None:
    """bob types "n+1", carol "n-1" and dan "n - 1" (all wrong: the answer is 2n - 1). The grader tells "n+1" from
    "n-1" and takes "n-1" and "n - 1" as one answer, so /deck stats should list "n - 1" (or "n-1") typed twice
    and "n+1" once. It lists "n+1"/"n-1" as ONE answer typed twice and "n - 1" as another: a moderator reads
    that the plus was the common mistake when two of three players wrote the minus."""
    s = core_services
    preview = await s.decks.preview(G, "trees.yaml", TREE_DECK, "trees", user_id=MOD)
    await s.decks.confirm(G, preview.token, user_id=MOD)
    card = s.catalog.named(G, "trees").cards[0]
    # (the grader: "n-1" and "n - 1" are the same answer, "n+1" another)
    assert grade_card(card, "n-1", extra_accept=("n - 1",)).correct
    assert not grade_card(card, "n+1", extra_accept=("n - 1",)).correct
    await _channel_question(s, clock, card.key, [(BOB, "n+1"), (CAROL, "n-1"), (DAN, "n - 1")])

    insight = await s.disputes.insight(G)
    (found,) = insight.cards
    assert (found.answers, found.correct) == (3, 0)
    shown = sorted((w.times, w.text.replace(" ", "")) for w in found.wrong_answers)
    assert shown == [(1, "n+1"), (2, "n-1")], shown


def test_products_and_quotients_are_not_one_wrong_answer() -> None:
    """"x*y" and "x/y" are different formulas (the grader keeps "b/a" apart from "a/b" and a product apart from a
    quotient); typed once each, they are two common wrong answers, not "x*y" typed twice."""
    shown = sorted((w.text, w.times) for w in group_wrong_answers([("x*y", 1), ("x/y", 1)]))
    assert shown == [("x*y", 1), ("x/y", 1)], shown


def test_spellings_of_one_answer_still_group() -> None:
    """The fix keeps grouping what is one answer: "Top-K", "top k" and "top-k" are one; "k-means" and "K means"
    are one; "x < 0" and "x<0" are one."""
    groups = group_wrong_answers(
        [("Top-K", 1), ("top k", 1), ("top-k", 1), ("k-means", 1), ("K means", 1), ("x < 0", 1), ("x<0", 1)]
    )
    assert sorted(w.times for w in groups) == [2, 2, 3], groups
