"""/stats never lists one topic accuracy as both strong and weak.

The strongest topics were the best three, the weakest the worst of the others: with few topics a member read
their worst topic under "Strongest topics", and two tags of one card (same answers, same accuracy) one under
each heading — "llms — 20% (1/5)" as a strength beside "sampling — 20% (1/5)" as a weakness. Now a topic at
the member's lowest accuracy is a weakness, and every weakest topic is below every strongest one.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

GUILD, ALICE = 1001, 7


async def answer(services: Services, guild_id: int, user_id: int, card: str, correct: bool, ago_hours: int = 0) -> None:
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild_id, channel_id=1, user_id=user_id, user_name="alice", card_key=card,
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT if correct else VerdictKind.WRONG,
                points=10 if correct else 0, created_at=services.now() - timedelta(hours=ago_hours),
            ),
        )  # fmt: skip


@pytest.fixture
async def close_the_bot(env):
    yield
    await env.bot.close()


async def test_a_weak_topic_is_not_listed_among_the_strongest(env, services, close_the_bot) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    for i in range(5):
        await answer(services, guild.id, alice.id, "mini:l2-regularization", True, i)  # optimization, training
        await answer(services, guild.id, alice.id, "mini:temperature", i == 0, i)  # llms, sampling: 1 of 5

    result = await alice.slash(channel, "stats")

    message = result.response if result.response and result.response.embeds else result.followups[-1]
    fields = {f.name: f.value for f in message.embeds[0].fields}
    strongest, weakest = fields["Strongest topics"], fields.get("Weakest topics", "")
    assert "20%" not in strongest, f"strongest: {strongest!r} / weakest: {weakest!r}"
    assert "optimization — 100% (5/5)" in strongest and "training — 100% (5/5)" in strongest
    assert "llms — 20% (1/5)" in weakest and "sampling — 20% (1/5)" in weakest


async def test_two_topics_at_the_same_accuracy_are_on_the_same_side(core_services: Services) -> None:
    s = core_services
    for i in range(6):
        await answer(s, GUILD, ALICE, "mini:l2-regularization", i > 0)  # optimization, training: 5 of 6
        await answer(s, GUILD, ALICE, "mini:bert", i < 2)  # nlp, transformers: 2 of 6
    for i in range(5):
        await answer(s, GUILD, ALICE, "mini:temperature", i > 0)  # llms, sampling: 4 of 5

    me = await s.stats.stats(GUILD, ALICE)

    strongest = {t.topic: t.accuracy for t in me.strongest}
    weakest = {t.topic: t.accuracy for t in me.weakest}
    assert not set(strongest) & set(weakest)
    assert min(strongest.values()) > max(weakest.values()), f"strongest {strongest}, weakest {weakest}"
    assert {"optimization", "training"} <= set(strongest) and {"nlp", "transformers"} <= set(weakest)


async def test_every_topic_at_one_accuracy_is_no_weakness(core_services: Services) -> None:
    s = core_services
    for i in range(5):
        await answer(s, GUILD, ALICE, "mini:temperature", i > 0)  # llms, sampling: 80% both

    me = await s.stats.stats(GUILD, ALICE)

    assert sorted(t.topic for t in me.strongest) == ["llms", "sampling"] and me.weakest == []
