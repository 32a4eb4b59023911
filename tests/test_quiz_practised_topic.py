"""A day in one server: a member practises privately while another starts a channel quiz on the same topic.

The channel quiz never asks the card being practised (its reveal would hand that player the answer). When that
card is the only one the topic has left, the starter must be told so, privately, at once, as when the topic's
cards are held by the daily question or another channel's quiz; the channel must not get a quiz announced with
"1 question" that ends straight away with "Questions 0/1" and "Nobody answered" (a quiz that also takes the
starter's cooldown and their one running quiz slot for nothing)."""

from __future__ import annotations

import discord
import pytest
from play_support import FirstChoice

pytestmark = pytest.mark.simcord(settle_timeout=5.0)

BEING_ASKED = "The cards of that topic are being asked in this server right now. Try again in a few minutes."


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    other = guild.create_text_channel("practice-room")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    env.bot.tutor_services.quiz.rng = FirstChoice()
    yield guild, channel, other, members
    await env.bot.close()


def quiz_messages(channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.embeds]


async def test_a_channel_quiz_on_a_topic_whose_only_card_is_being_practised_is_refused_not_started_empty(
    env, world
) -> None:
    """bob practises `sampling` (one card: temperature) privately; alice then starts a channel quiz on
    `sampling`. Expected: alice is told privately that the topic's cards are being asked right now, and nothing
    is posted in the channel. (Before the fix: the quiz is announced, then ends at once, "Questions 0/1".)"""
    _, channel, other, m = world
    practice = await m["bob"].slash(other, "quiz", topic="sampling", private=True, questions=1)
    assert practice.ephemeral
    assert "Practice 1/1" in "".join(e.title or "" for e in practice.response.embeds) + str(
        [e.to_dict() for e in practice.response.embeds]
    )

    started = await m["alice"].slash(channel, "quiz", topic="sampling", questions=1)
    posted = quiz_messages(channel)
    assert started.ephemeral and started.response.content.endswith(BEING_ASKED), (
        started.response.content,
        [(e.title, e.description) for msg in posted for e in msg.embeds],
    )
    assert posted == []
    # once bob's practice question has closed, the topic can be quizzed in the channel
    await m["bob"].click(practice.response, label="Stop")
    again = await m["alice"].slash(channel, "quiz", topic="sampling", questions=1)
    assert not again.ephemeral
    assert "Which sampling parameter" in (channel.last_message.embeds[0].description or "")


async def test_a_practice_question_on_show_is_stored_for_the_other_processes(env, world) -> None:
    """bob practises `sampling` (temperature): while its question is on show, the quizzes row holds its card, which
    the other processes sharing the database read (``QuizQueries.practised_cards``); once bob stops, none is open."""
    _, _, other, m = world
    queries = env.bot.tutor_services.quiz.queries
    practice = await m["bob"].slash(other, "quiz", topic="sampling", private=True, questions=1)
    assert practice.ephemeral
    rows = await queries.practised_cards()
    assert [(player, card) for _, _, player, card in rows] == [(m["bob"].id, "mini:temperature")]
    await m["bob"].click(practice.response, label="Stop")
    assert await queries.practised_cards() == ()
