"""A channel quiz started while a member practises one card of the topic: that card is only skipped while it is
being practised (as ``open_question`` does); the channel is not told the topic has fewer cards than it has."""

from __future__ import annotations

from bot.core.service import Services

G, CH, ALICE, BOB = 1001, 2002, 7, 8


async def test_channel_quiz_during_a_practice_does_not_say_the_topic_has_fewer_cards(core_services: Services) -> None:
    """`optimization` has 2 cards. Bob practises it privately (his practice question is open on one of them);
    Alice starts a channel quiz of 2 questions on `optimization`. Expected: the quiz has 2 questions and no note
    "optimization has only 1 card to ask" (the topic has 2 cards; the practised one is asked once Bob's
    practice question has closed, as before). Seen: the practised card is dropped from the quiz at its start,
    and the channel is told the topic has only 1 card."""
    s = core_services
    assert len(s.catalog.view(G).topic_cards("optimization") or []) == 2
    practice = await s.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, topic="optimization", private=True, questions=1)
    assert s.quiz.open_question(practice.id) is not None
    quiz = await s.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="optimization", questions=2)
    assert quiz.note is None, quiz.note
    assert quiz.total == 2
