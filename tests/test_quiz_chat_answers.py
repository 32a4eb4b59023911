"""Chat answers (``TUTOR_CHAT_ANSWERS``) as players type them: commands are not answers, a system message is not
an answer, an answer fixed by an edit counts while the question is open, and what is no answer is ignored
quietly (no reply, no error)."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from discord.ext import commands
from host_support import HostBot, host_clock, host_env  # noqa: F401
from play_support import assert_no_pings
from simcord.builders import ChannelHandle
from simcord.enums import ChannelType
from world_support import chat_answers_on, study_trio  # noqa: F401  (the ``settings`` and the ``world`` fixtures)

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

FIRST = "✅ **bob** got it first! +10 points"


async def attempts(bot: commands.Bot) -> list[tuple]:
    async with bot.get_cog("Quiz").services.store.read() as db:  # type: ignore[union-attr]
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


def bot_said(env, channel) -> list[str]:
    return [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]


async def test_a_thread_named_like_the_answer_is_no_answer(env, world) -> None:
    """Starting a thread posts a system message in the channel whose text is the thread's name: it is not the
    member typing an answer."""
    guild, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    env.backend.create_thread(channel.id, "temperature", m["carol"].id, type=ChannelType.PUBLIC_THREAD)
    await env.settle()
    assert await attempts(env.bot) == [], "carol scored by naming a thread"
    await m["bob"].send(channel, "temperature")
    assert bot_said(env, channel)[-1] == FIRST


async def test_an_answer_fixed_by_an_edit_counts_while_its_question_is_open(env, world) -> None:
    guild, channel, m = world
    early = await m["carol"].send(channel, "hello")  # before the quiz
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    typo = await m["bob"].send(channel, "is it top-k?")
    assert bot_said(env, channel) == []  # a wrong chat answer: silent (a guess: it is stored, and costs a try)
    await m["bob"].edit(typo, "temperature")
    assert bot_said(env, channel)[-1] == FIRST
    await m["carol"].edit(early, "temperature")  # a message older than the question answered something else
    await m["bob"].edit(typo, "temperature!")  # already right: nothing more
    answers = [("bob", "is it top-k?", "wrong", 0), ("bob", "temperature", "correct", 10)]
    assert await attempts(env.bot) == answers
    late = await m["carol"].send(channel, "what?")
    await env.advance_time(35)  # the question closes; the quiz is over
    await m["carol"].edit(late, "temperature")
    assert await attempts(env.bot) == answers
    assert bot_said(env, channel) == [FIRST]
    assert env.errors == []


async def test_an_answer_after_a_mention_of_the_bot_counts_as_the_answer_alone(env, world) -> None:
    """Our bot's only prefix is its mention and it has no prefix command: "@tutorbot temperature" answers the
    question, and the answer is stored without the mention."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    await m["bob"].send(channel, f"<@{env.bot.user.id}> temperature")
    assert bot_said(env, channel)[-1] == FIRST
    assert await attempts(env.bot) == [("bob", "temperature", "correct", 10)]


async def test_what_is_no_answer_is_ignored_quietly(env, world) -> None:
    """Webhooks and other bots, a sticker or an attachment alone, a message in a thread of the quiz's channel, an
    answer after the question closed: no point, no reply, no error. A reply to the question is an answer."""
    guild, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    await guild.create_webhook(channel, "relay").send("temperature")
    await guild.add_member(env.create_user("helperbot", bot=True)).send(channel, "temperature")
    await m["carol"].send(channel, "", attachments=[("notes.png", b"\x89PNG")])
    made = env.backend.create_thread(channel.id, "side chat", m["alice"].id, type=ChannelType.PUBLIC_THREAD)
    await m["carol"].send(ChannelHandle(env, guild, made), "temperature")
    assert bot_said(env, channel) == []
    await m["bob"].send(channel, "temperature", reply_to=question)
    assert bot_said(env, channel)[-1] == FIRST
    await env.advance_time(35)
    await m["carol"].send(channel, "temperature")
    assert await attempts(env.bot) == [("bob", "temperature", "correct", 10)]
    assert bot_said(env, channel) == [FIRST]
    assert env.errors == []
    assert_no_pings(env)


class WikiBot(HostBot):
    """A host bot with the prefix "!" and a command of its own."""

    async def setup_hook(self) -> None:
        @self.command(name="wiki")
        async def wiki(ctx: commands.Context, *, term: str) -> None:
            await ctx.send(f"wiki: {term}", allowed_mentions=discord.AllowedMentions.none())

        await super().setup_hook()


async def test_prefix_commands_in_a_host_bot_are_not_answers(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("TUTOR_CHAT_ANSWERS", "true")
    intents = discord.Intents.default()
    intents.message_content = True
    bot = WikiBot(["cogs.quiz"], intents=intents)
    async with simcord.run(bot, approved_intents=discord.Intents.all(), settle_timeout=SETTLE_SECONDS) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        bob = guild.add_member(env.create_user("bob"))
        await alice.slash(channel, "quiz", topic="llms", seconds=30)
        await bob.send(channel, "!wiki temperature")  # the host's command
        assert channel.last_message.content == "wiki: temperature"
        await bob.send(channel, "!temperature")  # the host's prefix (or another bot's that shares it)
        assert await attempts(bot) == [], "a prefix command was graded as an answer"
        await bob.send(channel, "temperature")
        assert bot_said(env, channel)[-1] == FIRST
        assert await attempts(bot) == [("bob", "temperature", "correct", 10)]
    await bot.close()
