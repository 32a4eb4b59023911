"""The composition root (``bot.core.service.Services``): what the settings and the features give each other."""

from __future__ import annotations

import dataclasses
import random

import pytest

from bot.config import Settings
from bot.core.errors import UserError
from bot.core.service import Services

G = 100


async def start_channel_quizzes(services: Services, channels: int) -> int:
    """How many channel quizzes one member gets started in ``channels`` channels of one server."""
    started = 0
    for channel in range(1, channels + 1):
        try:
            await services.quiz.start_quiz(user_id=1, user_name="ann", guild_id=G, channel_id=channel)
        except UserError:
            break
        started += 1
    return started


@pytest.mark.parametrize(("per_member", "started"), [(1, 1), (3, 3)])
async def test_the_quiz_limits_come_from_the_settings(settings: Settings, clock, per_member: int, started: int) -> None:
    options = dataclasses.replace(settings.core, quiz_max_per_member=per_member, quiz_cooldown_seconds=0)
    services = await Services.create(options, clock=clock, rng=random.Random(1))
    try:
        assert await start_channel_quizzes(services, 5) == started
    finally:
        await services.close()


#: Right in both directions (the card's question, or the cloze naming the term).
RIGHT = {"mini:l2-regularization": "ridge regression", "mini:l1-regularization": "lasso"}


async def practise_one(services: Services, answer: dict[str, str] | None = None) -> str:
    """A one-question practice on "training": the card asked (answered right from ``answer``, else left)."""
    quiz = await services.quiz.start_quiz(
        user_id=1, user_name="ann", guild_id=G, topic="training", questions=1, private=True
    )
    question = services.quiz.open_question(quiz.id)
    assert question is not None
    key = question.card.key
    if answer is not None:
        await services.quiz.answer(quiz.id, user_id=1, user_name="ann", response=answer[key])
    await services.quiz.finish(quiz.id, status="stopped")
    return key


async def test_practice_answers_feed_the_review_schedule_and_practice_asks_due_cards_first(
    core_services: Services, clock
) -> None:
    known = await practise_one(core_services, RIGHT)
    [log] = await core_services.review.queries.logs(G, 1)
    assert (log.card_key, log.source, log.rating) == (known, "practice", 3)
    # Practice asks cards never seen before cards answered right, unless those are due for review.
    clock.tick(minutes=9)
    assert await practise_one(core_services) != known
    clock.tick(minutes=1)  # 10 minutes after the right answer: the card is due
    assert await practise_one(core_services) == known
    assert len(await core_services.review.queries.logs(G, 1)) == 1
