"""Two servers' daily questions on a deck both see: the second server's question takes another card of its topic
than the one the first server asks and has not revealed yet (a member of both would read its answer at the first
reveal and give it at the other); one topic of one card still gets its question."""

from __future__ import annotations

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
