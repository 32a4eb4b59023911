"""Two servers' daily questions on a deck both see: the second server's question takes another card of its topic
than the one the first server asks and has not revealed yet (a member of both would read its answer at the first
reveal and give it at the other); one topic of one card still gets its question."""

from __future__ import annotations

import random

import test_daily_core as core
from play_support import FirstChoice
from test_daily_core import CH, G2, G, post_today, reveal

from bot.core.service import Services

clock = core.clock
settings = core.settings
services = core.services


async def test_a_card_another_server_asks_and_has_not_revealed_is_not_taken_while_the_topic_has_another(
    services: Services, clock: core.Clock
) -> None:
    # (the optimization topic of the mini deck has two cards: L1 and L2 regularization; each server, left to
    # itself, would take the first)
    services.daily.rng = FirstChoice()
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="optimization", answer_hours=8)
    await services.daily.set_schedule(G2, CH + 1, "09:00", "Europe/Paris", topic="optimization", answer_hours=1)
    first = await post_today(services, clock, G, message_id=1)
    second = await post_today(services, clock, G2, message_id=2)
    assert {first.card.key, second.card.key} == {"mini:l1-regularization", "mini:l2-regularization"}

    # G2's question is revealed first: what its reveal shows answers nothing G still asks
    shown = await reveal(services, clock, second)
    got = await services.daily.answer(first.post_id, 7, "bob", shown.accepted)
    assert not got.verdict.correct


async def test_a_topic_of_one_card_still_gets_its_question(services: Services, clock: core.Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling", answer_hours=8)
    await services.daily.set_schedule(G2, CH + 1, "09:00", "Europe/Paris", topic="sampling", answer_hours=1)
    first = await post_today(services, clock, G, message_id=1)
    second = await post_today(services, clock, G2, message_id=2)
    assert first.card.key == second.card.key == "mini:temperature"


async def test_a_channel_quiz_asks_a_card_another_servers_daily_question_asks_only_after_the_others(
    services: Services, clock: core.Clock
) -> None:
    """G's daily question asks one of the two optimization cards; a channel quiz of one question in G2 on that topic
    asks the other (G's reveal could come while G2 asks it, before a member of both); one of two questions asks
    both, that card last (the quiz asks as many questions as it was asked for)."""
    services.daily.rng = FirstChoice()
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="optimization", answer_hours=8)
    daily = await post_today(services, clock, G, message_id=1)
    for i in range(6):
        services.quiz.rng = random.Random(i)
        quiz = await services.quiz.start_quiz(
            user_id=10 + i, user_name="alice", guild_id=G2, channel_id=CH + 10 + i, topic="optimization", questions=1
        )
        assert [card.key for card, _ in quiz.plan] != [daily.card.key]
        await services.quiz.stop(quiz.id, user_id=10 + i)
    clock.tick(seconds=60)
    quiz = await services.quiz.start_quiz(
        user_id=20, user_name="alice", guild_id=G2, channel_id=CH + 20, topic="optimization", questions=2
    )
    assert [card.key for card, _ in quiz.plan][1:] == [daily.card.key]
    await services.quiz.stop(quiz.id, user_id=20)
    await reveal(services, clock, daily)
    clock.tick(seconds=60)
    asked = set()
    for i in range(6):
        services.quiz.rng = random.Random(i)
        quiz = await services.quiz.start_quiz(
            user_id=30 + i, user_name="alice", guild_id=G2, channel_id=CH + 30 + i, topic="optimization", questions=1
        )
        asked |= {card.key for card, _ in quiz.plan}
        await services.quiz.stop(quiz.id, user_id=30 + i)
    assert daily.card.key in asked  # (revealed: asked as any other)


async def test_a_channel_quiz_on_a_topic_of_that_one_card_still_asks_it(services: Services, clock: core.Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling", answer_hours=8)
    daily = await post_today(services, clock, G, message_id=1)
    quiz = await services.quiz.start_quiz(user_id=10, user_name="alice", guild_id=G2, channel_id=CH + 1, topic="sampling")
    assert [card.key for card, _ in quiz.plan] == [daily.card.key]


async def test_a_daily_question_leaves_out_a_card_another_servers_channel_quiz_will_still_ask(
    services: Services, clock: core.Clock
) -> None:
    """A channel quiz in G2 asks both optimization cards, L1 first; G's daily question, posted once L1's question has
    closed, takes L1 rather than L2, still to come in G2 (left to itself, it would take L2)."""
    l1, l2 = "mini:l1-regularization", "mini:l2-regularization"
    quiz = await services.quiz.start_quiz(
        user_id=10, user_name="alice", guild_id=G2, channel_id=CH + 1, card_keys=[l1, l2], seconds=60
    )
    assert [card.key for card, _ in quiz.plan] == [l1, l2]
    services.quiz.open_question(quiz.id)
    await services.quiz.close_question(quiz.id, 1)
    services.daily.rng = FirstChoice()
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="optimization", answer_hours=1)
    daily = await post_today(services, clock, G, message_id=1)
    assert daily.card.key == l1


async def test_a_daily_question_does_not_ask_yesterdays_card_again_to_keep_clear_of_another_servers_quiz(
    services: Services, clock: core.Clock
) -> None:
    """G asked one optimization card yesterday; today G2's channel quiz plans the other, still to come. Yesterday's
    card asked again would be worse than the other with its small risk: G takes the other."""
    l1, l2 = "mini:l1-regularization", "mini:l2-regularization"
    services.daily.rng = FirstChoice()
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="optimization", answer_hours=1)
    first = await post_today(services, clock, G, message_id=1)
    await reveal(services, clock, first)
    services.quiz.rng = FirstChoice()
    other = l2 if first.card.key == l1 else l1
    quiz = await services.quiz.start_quiz(
        user_id=10, user_name="alice", guild_id=G2, channel_id=CH + 1, card_keys=[other], seconds=60
    )
    assert [card.key for card, _ in quiz.plan] == [other]
    second = await post_today(services, clock, G, message_id=2)
    assert second.card.key == other
