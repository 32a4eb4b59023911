"""A channel quiz reads, before each question, the practice questions other processes sharing the database show:
a card a member practises there in this server is not asked next here (their hints and tries would tell them the
answer), and once that practice has ended it may be asked again."""

from __future__ import annotations

import pytest
from play_support import FirstChoice
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

import bot.core.quiz.service as quiz_service

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_a_card_practised_in_another_process_meanwhile_is_not_asked_next(env, world, monkeypatch) -> None:
    guild, channel, m = world
    services = env.bot.tutor_services
    services.quiz.rng = FirstChoice()
    monkeypatch.setattr(quiz_service, "OPEN_READ_TTL", 0.0)
    topic = [c.key for c in services.catalog.view(guild.id).topic_cards("optimization") or []]
    assert len(topic) == 2

    await m["alice"].slash(channel, "quiz", topic="optimization", questions=2, seconds=10)
    live = services.quiz.running_in(channel.id)
    assert live is not None and live.question is not None
    first = live.question.card.key
    (other,) = [key for key in topic if key != first]

    shown: list[tuple[str, int | None, int, str]] = [("elsewhere", guild.id, m["bob"].id, other)]

    async def practised_cards() -> tuple[tuple[str, int | None, int, str], ...]:
        return tuple(shown)  # (another process stored bob's practice question on ``other``)

    monkeypatch.setattr(services.quiz.queries, "practised_cards", practised_cards)
    await env.advance_time(10.5 + 4.5)  # question 1 closes unanswered; the next is chosen
    asked = [q.card.key for q in live.asked]
    assert other not in asked, asked
    assert "Quiz" in (channel.last_message.embeds[0].title or "")  # (it ended: the practised card was all that was left)

    # once bob's practice has ended there, a new quiz may ask it
    shown.clear()
    restarted = await m["bob"].slash(channel, "quiz", topic="optimization", questions=2, seconds=10)
    again = services.quiz.running_in(channel.id)
    assert again is not None, restarted.response.content
    await env.advance_time(10.5 + 4.5)
    assert other in [q.card.key for q in again.asked]
