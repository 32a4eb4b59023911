"""The bot restarts while a channel quiz runs, and meanwhile a moderator took Send Messages away from it in that channel
(or timed it out there). The channel is told how the quiz ended all the same, with the points already given, in the
quiz's question message (an edit needs no Send Messages), as a running quiz does when its summary cannot be posted.
Before, the restart only marked the question ended, logged a traceback, and kept the notice for a later start: once the
permission was back, some restart days later posted "Quiz interrupted" for a quiz long forgotten."""

from __future__ import annotations

import discord
from modal_support import answered
from play_support import MINI_RIGHT, restart, titles
from simcord.backend.models import Overwrite
from simcord.enums import OverwriteType
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)


def text_of(message) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", *(f"{f.name} {f.value}" for f in embed.fields)]
    return "\n".join(parts)


async def restarted(env, settings, clock) -> None:
    await restart(env, settings, clock)
    await env.bot.get_cog("Quiz").announced()
    await env.settle()


async def test_a_quiz_interrupted_where_the_bot_may_no_longer_post_is_ended_in_its_question_message(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    quiz = env.bot.tutor_services.quiz.running_in(channel.id)
    await answered(m["bob"], channel.last_message, MINI_RIGHT[quiz.question.card.key])  # +10
    await env.advance_time(3.5 + 4.5)  # question 1 closes, shows its answer; question 2 comes
    question = channel.last_message
    assert question.embeds[0].title.startswith("Question 2/3"), titles(channel)
    deny = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()

    await restarted(env, settings, clock)

    shown = text_of(channel.last_message)
    assert channel.last_message.id == question.id, titles(channel)
    assert "interrupted" in shown and "bob" in shown and "10 pts" in shown, f"no scores in the channel: {shown}"

    env.backend.delete_overwrite(channel.id, env.bot.user.id)  # given back
    await env.settle()
    await restarted(env, settings, clock)
    assert channel.last_message.id == question.id, f"an old quiz's end posted again: {titles(channel)}"
