"""With two bot processes on one database, a channel quiz lives in one process: the one that started it. A right
chat answer closes its question at once there, and an answer copied from it scores in neither process.

A quiz is held in memory only by the process whose ``/quiz`` started it (``QuizService.start_quiz``; no other
path puts a quiz in a process's registry, and a process starting up marks the quizzes left running as
interrupted rather than take them over). Discord sends a channel's events to the process holding its server's
shard; with two processes holding the same shard (an old and a new one during a rolling restart) each chat
message reaches both, and the one that does not hold the quiz finds no quiz in the channel and ignores it.
So a copied answer cannot score +5 in the other process: the question it answers is not open anywhere else.
(The tests that give two processes one quiz, ``test_shards`` and ``test_shard_bots``, show that even then the
database gives each question one first place.)
"""

from __future__ import annotations

from typing import Any

import pytest
from pg_support import pg_schema  # noqa: F401  (the ``pg`` fixture)
from test_shard_bots import (  # noqa: F401  (fixtures)
    RIGHT,
    Process,
    Server,
    advance,
    both,
    processes,
    rows,
    shared_database,
)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def bot_said(process: Process, server: Server) -> list[str]:
    """What the bot wrote in the server's channel, as this process's view of Discord shows it."""
    return [m.content for m in server.channel.history() if m.author.id == process.env.bot.user.id and m.content]


async def test_a_copied_chat_answer_scores_in_neither_process(processes) -> None:  # noqa: F811  (the fixture)
    old = await processes("old", "0", chat=True)
    new = await processes("new", "0", chat=True)

    # The same server in both views of Discord (both processes hold its shard, as during a rolling restart).
    async def world(process: Process) -> None:
        await advance(process.env, 1)
        process.build_world(1, shard=0)

    await both(old.do(lambda: world(old)), new.do(lambda: world(new)))
    here, there = old.servers[0], new.servers[0]
    assert (here.guild.id, here.channel.id) == (there.guild.id, there.channel.id)

    async def start() -> Any:
        return await here.members["alice"].slash(here.channel, "quiz", topic="llms", seconds=60)

    assert not (await old.do(start)).ephemeral

    async def held() -> bool:
        return new.services.quiz.running_in(there.channel.id) is not None

    assert not await new.do(held)  # the quiz lives in the process that started it only

    def say(server: Server, name: str) -> Any:
        async def step() -> None:
            await server.members[name].send(server.channel, RIGHT)

        return step

    # Each message reaches both processes: bob's right answer, then carol's copy of it.
    await both(old.do(say(here, "bob")), new.do(say(there, "bob")))
    await both(old.do(say(here, "carol")), new.do(say(there, "carol")))

    async def told_old() -> list[str]:
        return bot_said(old, here)

    async def told_new() -> list[str]:
        return bot_said(new, there)

    told = await old.do(told_old)
    assert told == ["✅ **bob0** got it first! +10 points"], told  # the question closed at once: carol's copy is late
    assert await new.do(told_new) == []  # the other process says nothing and scores nothing
    stored = await rows(old, "SELECT user_name, points FROM attempts ORDER BY points")
    assert stored == [("bob0", 10)], stored
