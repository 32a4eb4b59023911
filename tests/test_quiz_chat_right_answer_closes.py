"""A right answer typed in the chat (``TUTOR_CHAT_ANSWERS``) is in front of everyone in the channel: the question
closes with it. Before, the others had the closing window (or, on an essay, the rest of its time) to copy it into
the chat or the answer box and score. The quiz's intro says so."""

from __future__ import annotations

import pytest
from modal_support import text_box
from world_support import chat_answers_on  # noqa: F401  (the ``settings`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = [guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol", "dave")]
    yield channel, *members
    await env.bot.close()


async def attempts(env) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


async def test_nobody_scores_by_copying_a_right_chat_answer(env, world) -> None:
    channel, alice, bob, carol, dave = world
    started = await alice.slash(channel, "quiz", topic="llms", seconds=30)
    assert "a right answer in the chat closes the question" in started.response.embeds[0].description
    question = channel.last_message
    box = await dave.click(question, label="Answer")  # opened before bob's message
    await bob.send(channel, "temperature")
    await env.advance_time(1)  # within the closing window a right answer in the box would have had
    await carol.send(channel, "temperature")  # copied from bob's message
    late = await dave.submit_modal(box, {text_box(box)["custom_id"]: "temperature"})  # and into the box
    assert "not counted" in late.response.content
    assert await attempts(env) == [("bob", "temperature", "correct", 10)]
    said = [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]
    assert said == ["✅ **bob** got it first! +10 points"]
    assert env.errors == []


async def test_a_right_answer_in_the_box_still_leaves_the_window(env, world) -> None:
    """Only what is typed in the chat is public: the first right answer in the box keeps the window for the others."""
    channel, alice, bob, carol, _ = world
    await alice.slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    for member in (bob, carol):
        box = await member.click(question, label="Answer")
        await member.submit_modal(box, {text_box(box)["custom_id"]: "temperature"})
    assert await attempts(env) == [("bob", "temperature", "correct", 10), ("carol", "temperature", "correct", 5)]
