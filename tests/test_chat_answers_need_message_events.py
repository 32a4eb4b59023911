"""TUTOR_CHAT_ANSWERS in a host bot that asks for the Message Content intent but not for the (unprivileged) guild
messages intent, as a bot built for slash commands alone does (``discord.Intents(guilds=True)``, message content
added as the README says). Discord then never sends it a server's messages: a chat answer can never reach the
quiz, so the quiz must not tell players to type their answer in the chat, and the log must say which intent is
missing."""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest
import simcord
from host_support import CHAT_LINE, HostBot, host_clock, host_env, quiz_then_bob_types  # noqa: F401

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_a_host_that_receives_no_server_messages_does_not_promise_chat_answers(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture  # noqa: F811
) -> None:
    monkeypatch.setenv("TUTOR_CHAT_ANSWERS", "true")
    intents = discord.Intents(guilds=True, message_content=True)  # no guild_messages
    bot = HostBot(["cogs.quiz"], intents=intents)
    with caplog.at_level(logging.WARNING, logger="cogs.quiz"):
        async with simcord.run(bot, approved_intents=discord.Intents.all(), settle_timeout=2.0) as env:
            host_clock.env = env
            channel, bob, intro = await quiz_then_bob_types(env)  # the right answer, never sent to the bot
            assert channel.last_message.author.id == bob.id
            assert CHAT_LINE not in intro, (
                "the quiz tells players to type their answer in the chat, but Discord sends the bot no messages"
            )
        await bot.close()
    assert "guild_messages" in caplog.text, "nothing tells the bot's owner which intent chat answers lack"
