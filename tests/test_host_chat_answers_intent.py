"""TUTOR_CHAT_ANSWERS in someone else's bot. The setting needs the Message Content intent, which our own bot asks
for when the setting is on; a host bot declares its own intents. Without that intent Discord sends every message
with its text blanked, so a chat answer can never be graded: the quiz must not tell players they can type their
answer in the chat, and the log says why chat answers are off."""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest
import simcord
from host_support import CHAT_LINE, HostBot, host_clock, host_env, quiz_then_bob_types  # noqa: F401

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_a_host_without_the_message_content_intent_does_not_promise_chat_answers(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture  # noqa: F811
) -> None:
    monkeypatch.setenv("TUTOR_CHAT_ANSWERS", "true")
    bot = HostBot(["cogs.quiz"])  # discord.Intents.default(): no message content
    with caplog.at_level(logging.WARNING, logger="cogs.quiz"):
        async with simcord.run(bot, settle_timeout=2.0) as env:
            host_clock.env = env
            channel, bob, intro = await quiz_then_bob_types(env)  # the right answer, read by the bot as an empty message
            assert channel.last_message.author.id == bob.id
            assert CHAT_LINE not in intro, (
                "the quiz tells players to type their answer in the chat, but the bot cannot read chat messages"
            )
        await bot.close()
    assert "message content" in caplog.text.lower(), "nothing tells the bot's owner why chat answers are off"


async def test_a_host_with_the_message_content_intent_grades_chat_answers(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("TUTOR_CHAT_ANSWERS", "true")
    intents = discord.Intents.default()
    intents.message_content = True
    bot = HostBot(["cogs.quiz"], intents=intents)
    async with simcord.run(bot, approved_intents=discord.Intents.all(), settle_timeout=2.0) as env:
        host_clock.env = env
        channel, _bob, intro = await quiz_then_bob_types(env)
        assert CHAT_LINE in intro
        said = [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]
        assert said == ["✅ **bob** got it first! +10 points"]  # (the reveal and the summary follow: embeds)
    await bot.close()
