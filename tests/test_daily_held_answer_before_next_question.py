"""The daily question when the bot is removed from its server and invited back, or loses Send Messages for a
while: the answer of the question left open is posted before the next day's question, never below it.

The virtual clock starts at 2026-01-01 00:00 UTC; ``World.set`` schedules the question at 01:10 in Paris
(00:10 UTC), its answers open 2 hours (the reveal is due at 02:10 UTC).
"""

from __future__ import annotations

import discord
from daily_support import World, advance, answer, daily_deck, daily_world, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from play_support import invite_back, kick_bot
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

FIRST = "Question of the day — 1 Jan"
FIRST_REVEAL = "Answer — question of the day, 1 Jan"


async def posted_and_answered(world: World, env) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)  # 00:25 UTC: posted
    assert titles(world) == [FIRST]
    assert (await answer(world.alice, world.posts()[0], "attention")).ephemeral


async def test_the_answer_of_a_question_left_open_by_a_removal_comes_before_the_next_question(world: World, env) -> None:
    """Removed while the day's question is open, the bot misses its reveal time; invited back, it posts that
    answer (members answered it) before the question of the day it posts next, not right below it, where the old
    answer would look like the new question's and push its Answer button up the channel."""
    await posted_and_answered(world, env)
    kicked = kick_bot(env, world.guild)
    await env.settle()
    await advance(env, 3 * 3600)  # 03:25 UTC: the reveal fell due at 02:10 while the bot was out
    invite_back(env, kicked)
    await env.settle()
    await advance(env, 24 * 3600)  # past the next post time (2 Jan, 00:10 UTC)
    assert titles(world)[:3] == [FIRST, FIRST_REVEAL, "Question of the day — 2 Jan"], titles(world)


async def test_the_answer_held_while_send_messages_was_taken_away_comes_before_the_next_question(
    world: World, env
) -> None:
    """Send Messages is taken away during the answering hours (the reveal is held) and given back: the held answer
    is posted before the next day's question."""
    await posted_and_answered(world, env)
    deny = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(world.channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    await advance(env, 2 * 3600)  # 02:25 UTC: the reveal fell due at 02:10 and was refused (held, paused)
    env.backend.delete_overwrite(world.channel.id, env.bot.user.id)
    await env.settle()
    await advance(env, 24 * 3600)
    assert titles(world)[:3] == [FIRST, FIRST_REVEAL, "Question of the day — 2 Jan"], titles(world)
