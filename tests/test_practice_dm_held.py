"""A practice in a direct message holds its card in the member's servers, as a practice in the server does.

README: another channel quiz "does not ask [...] a card a member is practising" (its reveal would hand that
member the answer to their open practice question). "Quiz me" works in a direct message with the bot, which
belongs to no server: the card bob is practising there is just as open while he is a member of the server.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.simcord(settle_timeout=5.0)

BEING_ASKED = "The cards of that topic are being asked in this server right now. Try again in a few minutes."


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    users = {name: env.create_user(name) for name in ("alice", "bob")}
    members = {name: guild.add_member(u) for name, u in users.items()}
    yield channel, members, users
    await env.bot.close()


async def test_a_card_practised_in_a_direct_message_is_not_asked_by_a_channel_quiz_meanwhile(env, world) -> None:
    """bob looks up `temperature` in his DM with the bot and presses Quiz me: his practice question on it is open.
    alice then starts a channel quiz on `sampling` (whose only card is temperature) in their server. Expected: she
    is told privately that the topic's cards are being asked right now, and nothing is posted (as when bob
    practises in the server). (Before the fix: the channel asks temperature, and its reveal gives bob, who can
    read the channel, the answer to his open practice question.) Once bob's practice ends the topic can be
    quizzed."""
    channel, m, users = world
    looked_up = await users["bob"].slash("define", term="temperature")
    practice = await users["bob"].click(looked_up.response, label="Quiz me")
    assert practice.ephemeral and practice.response.embeds[0].title.startswith("Practice 1/1")

    started = await m["alice"].slash(channel, "quiz", topic="sampling", questions=1)

    posted = [e.description for msg in channel.history() for e in msg.embeds]
    assert started.ephemeral and started.response.content.endswith(BEING_ASKED), (started.response.content, posted)
    assert posted == []
    await users["bob"].click(practice.response, label="Stop")
    again = await m["alice"].slash(channel, "quiz", topic="sampling", questions=1)
    assert not again.ephemeral
