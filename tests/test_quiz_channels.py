"""Where and how channel-quiz answers and messages arrive: private threads, Send Messages taken away mid-quiz,
chat answers in a rush and under rate limits.

Chat answers (``TUTOR_CHAT_ANSWERS``) are on in this module. Discord faults come from the fault kit
(``tests/faults/faultkit.py``): the exceptions discord.py itself raises once its own retries are spent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import discord
import pytest
from simcord.backend.models.channel import Overwrite
from simcord.builders import ChannelHandle
from simcord.enums import ChannelType, OverwriteType
from world_support import chat_answers_on, study_trio  # noqa: F401  (the ``settings`` and the ``world`` fixtures)

from bot.config import INVITE_PERMISSIONS

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import failing_routes  # noqa: E402, F401  (the ``fail_route`` fixture)

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or "", *(f"{f.name} {f.value}" for f in e.fields)]
    return "\n".join(parts)


def channel_posts(env, channel, start: int = 0) -> list:
    return [
        r for r in env.http_requests[start:]
        if r.method == "POST" and r.path == f"/channels/{channel.id}/messages"
    ]


async def attempts(env) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall("SELECT user_name, verdict, points FROM attempts ORDER BY id")]


# -- channels of every kind -----------------------------------------------------------------------------------
async def test_a_quiz_in_a_private_thread_the_bot_is_not_in_is_refused_or_explained(env, world) -> None:
    """The bot invited with the permissions the README asks for (no Manage Threads) is not a member of a
    private study thread. /quiz there is refused, saying so (the start would be answered, then no question could
    be posted (403), nor the summary: the members would see a quiz that started and never asks anything)."""
    guild, channel, m = world
    g = env.backend.guilds[guild.id]
    for role_id in g.members[env.backend.bot_user.id].role_ids:  # the bot's role: the invite's permissions
        g.roles[role_id].permissions = INVITE_PERMISSIONS
    made = env.backend.create_thread(channel.id, "study group", m["alice"].id, type=ChannelType.PRIVATE_THREAD)
    env.backend.add_thread_member(made.id, m["bob"].id)
    thread = ChannelHandle(env, guild, made)
    await env.settle()
    r = await m["alice"].slash(thread, "quiz", topic="llms")
    await env.advance_time(1)
    asked = [msg for msg in thread.history() if msg.embeds and (msg.embeds[0].title or "").startswith("Question 1/")]
    told = [t for t in [r.response, *r.followups] if t is not None and t.flags.ephemeral]
    assert asked or (r.ephemeral or told), (
        "the quiz said it started, but no question was posted and nobody was told why: "
        f"{[text_of(x) for x in thread.history()]}"
    )
    if not asked:
        assert "thread" in text_of(r.response if r.ephemeral else told[0]).lower()


async def test_send_messages_taken_away_mid_quiz_the_channel_is_told_how_it_ended(env, world) -> None:
    """A moderator takes Send Messages away from the bot while question 1 is open. The reveal is an edit (it
    still works), question 2 cannot be posted and nor can the summary: the end is said by an edit of the quiz's
    latest message (not left showing "Next question in a moment…" for good)."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=10)
    deny = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    await env.advance_time(10.5 + 4.5 + 5)
    assert env.bot.tutor_services.quiz.running_in(channel.id) is None  # ended (the channel is free)
    own = [msg for msg in channel.history() if msg.author.id == env.bot.user.id]
    last = own[-1]
    assert not (last.embeds and last.embeds[0].footer.text == "Next question in a moment…"), text_of(last)
    shown = [text_of(msg) for msg in own]
    assert any("stopped" in t for t in shown), shown


# -- chat answers -----------------------------------------------------------------------------------------------
async def test_a_flood_of_right_chat_answers_keeps_within_discords_per_channel_message_rate(env, world) -> None:
    """Discord lets a bot post 5 messages per 5 s in a channel. Eight players typing the answer within the 3 s
    window: one message per answer would have discord.py queue the rest behind 429s, and the reveal and the next
    question (same channel, same bucket) wait behind them while the next question's timer runs. The first right
    answer in the chat closes the question (everyone can read it): the others, typed after it, are too late."""
    guild, channel, m = world
    players = [guild.add_member(env.create_user(f"p{i}")) for i in range(8)]
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    start = len(env.http_requests)
    for p in players:
        await p.send(channel, "temperature")
    assert len(await attempts(env)) == 1  # the first right answer counted; it closed the question
    posts = channel_posts(env, channel, start)
    assert len(posts) <= 5, f"{len(posts)} messages posted in the channel within the 3 s window"


async def test_a_rate_limited_chat_announcement_is_sent_again(env, world, fail_route) -> None:
    """A right chat answer is committed, then its announcement meets a 429 (after discord.py's own retries): it is
    tried again, as the modal's reply, the question, the reveal and the summary are (``delivery.retrying``)."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    fault = fail_route(env, "POST", fail_route.send(channel), 429, retry_after=1.0,
                       when=lambda body: (body or {}).get("content", "").startswith("✅"))
    await m["bob"].send(channel, "temperature")
    await env.advance_time(1.5)
    assert fault.hits
    assert await attempts(env) == [("bob", "correct", 10)]
    said = [msg.content for msg in channel.history() if msg.author.id == env.bot.user.id and msg.content]
    assert "✅ **bob** got it first! +10 points" in said, said


async def test_a_quiz_in_a_private_thread_the_bot_is_in_asks_its_questions(env, world) -> None:
    guild, channel, m = world
    made = env.backend.create_thread(channel.id, "study group", m["alice"].id, type=ChannelType.PRIVATE_THREAD)
    env.backend.add_thread_member(made.id, env.bot.user.id)  # (mentioned in the thread: added to it)
    thread = ChannelHandle(env, guild, made)
    r = await m["alice"].slash(thread, "quiz", topic="llms")
    assert not r.ephemeral, text_of(r.response)
    assert [msg for msg in thread.history() if msg.embeds and (msg.embeds[0].title or "").startswith("Question 1/")]
