"""Two bot processes on one database, each holding shards of its own, driven through simcord.

simcord runs one bot per event loop (one ``Env`` per loop), which is what a shard process is: here each bot
runs in a thread of its own, with its own event loop and its own simcord ``Env`` (its view of Discord, holding
the servers of its shard), and both bots share one database: a PostgreSQL schema, or one SQLite file. A step
is sent to a process with ``Process.do``; ``asyncio.gather`` over two processes runs their steps at the same
time (two threads, two connection pools: the database sees them concurrently).

Discord sends a server's events to the process holding its shard only, so two views of Discord that hold
different shards share no server: ``world`` builds each process's servers on its own shards. The last tests
put two processes on the same shard (an old and a new process of shard 0, as during a rolling restart) with
the same server in both views, to show that the database, not either process's memory, holds a channel and
gives a question's first place.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import discord
import pytest
import simcord
from pg_support import pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.config import Settings
from bot.core.quiz import session as quiz_session
from bot.core.service import Services
from bot.core.shards import ShardPlan, parse_shards, shard_of
from bot.runner import TutorBot, bot_class

T = TypeVar("T")

#: The quiz timers are sleeps of a few seconds: actions settle without waiting for them (time is moved).
SETTLE_SECONDS = 2.0
#: simcord gives a move of time ``SETTLE_SECONDS`` of real time in all. On a loaded machine two bots' commits
#: (waiting for the disk) can take longer; ``advance`` then moves time on from where it got, for up to this
#: long in all. A bot that never settles still fails the test.
STALL_SECONDS = 60.0
RIGHT = "temperature"  # the one card of the topic "llms" in the mini decks


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request: pytest.FixtureRequest) -> str | None:
    """The database both processes share: None for the SQLite file, else a PostgreSQL schema's URL."""
    return None if request.param == "sqlite" else request.getfixturevalue("pg").url_with_schema()


def settings_for(base: Settings, url: str | None, plan: ShardPlan, *, chat: bool = False) -> Settings:
    """The settings of one process: the test's database file (or ``url``) and decks, ``plan``'s shards."""
    return dataclasses.replace(base, shards=plan, database_url=url, chat_answers=chat)


@dataclass
class Server:
    """One simulated server in one process's view of Discord."""

    guild: Any
    channel: Any
    admin: Any
    members: dict[str, Any]


class Process:
    """One bot process: a thread with its own event loop, its simcord view of Discord, the bot in it."""

    def __init__(self, name: str, base: Settings, clock: Any, url: str | None, shard_ids: str, *, chat: bool = False) -> None:
        self.name = name
        self.plan = parse_shards("2", shard_ids)
        self.settings = settings_for(base, url, self.plan, chat=chat)
        self.clock = clock  # its own clock, which follows its own view of Discord
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=f"bot-{name}", daemon=True)
        self.env: Any = None
        self.bot: TutorBot | None = None
        self.dropped: list[Services] = []
        self.servers: list[Server] = []

    async def do(self, step: Callable[[], Awaitable[T]]) -> T:
        """Run ``step()`` in this process's event loop; its result."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(step(), self.loop))  # type: ignore[arg-type]

    def _new_bot(self) -> TutorBot:
        return bot_class(self.plan)(self.settings, clock=self.clock, shards=self.plan)

    @property
    def services(self) -> Services:
        assert self.bot is not None and self.bot.tutor_services is not None
        return self.bot.tutor_services

    async def start(self) -> None:
        self.thread.start()

        async def boot() -> None:
            self.bot = self._new_bot()
            # The process holding shard 0 syncs the commands for every shard; the other's view of Discord has
            # them from that sync, so it is not asked to see one of its own.
            self.env = simcord.Env(
                self.bot, strict_sync=self.plan.syncs_commands, settle_timeout=SETTLE_SECONDS,
                approved_intents=discord.Intents.all(),
            )  # fmt: skip
            await self.env.start()
            self.clock.env = self.env

        await self.do(boot)

    async def crash_and_restart(self) -> None:
        """The process dies (nothing closed, nothing written on the way out) and a new one takes its shards."""

        async def again() -> None:
            assert self.bot is not None
            if self.bot.tutor_services is not None:
                self.dropped.append(self.bot.tutor_services)
            self.bot = self._new_bot()
            await self.env.restart_bot(self.bot)

        await self.do(again)

    async def stop(self) -> None:
        async def down() -> None:
            try:
                if self.bot is not None:
                    await self.bot.close()
                self.env.raise_errors()
            finally:
                await self.env.shutdown()
                for services in self.dropped:
                    if not services.store.closed:
                        await services.close()

        try:
            if self.env is not None:
                await self.do(down)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            await asyncio.to_thread(self.thread.join)
            self.loop.close()

    def build_world(self, count: int, shard: int) -> list[Server]:
        """``count`` servers on ``shard``, each with a study channel, an admin and three members."""
        for n in range(count):
            guild = self.env.create_guild(f"{self.name} server {n}", shard_id=shard)
            channel = guild.create_text_channel("study")
            role = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
            admin = guild.add_member(self.env.create_user(f"{self.name}-admin{n}"), roles=[role])
            members = {name: guild.add_member(self.env.create_user(f"{name}{n}")) for name in ("alice", "bob", "carol")}
            self.servers.append(Server(guild, channel, admin, members))
        return self.servers


async def advance(env: Any, seconds: float) -> None:
    """``env.advance_time(seconds)``, moved on from where it got when it takes more real time than simcord
    allows (``STALL_SECONDS``); the virtual time reached is the same."""
    target = env.now() + timedelta(seconds=seconds)
    give_up = time.perf_counter() + STALL_SECONDS
    while True:
        try:
            await env.advance_time(max(0.0, (target - env.now()).total_seconds()))
            return
        except TimeoutError:
            if time.perf_counter() >= give_up:
                raise


async def both(*steps: Awaitable[T]) -> list[T]:
    """Steps of different processes, at the same time."""
    return list(await asyncio.gather(*steps))


@pytest.fixture
async def processes(settings: Settings, clock: Any, shared_database: str | None):
    """``make(name, shard_ids, chat=False)`` starts a process; every one is stopped after the test."""
    started: list[Process] = []
    clock_type = type(clock)  # conftest's fake clock: one per process

    async def make(name: str, shard_ids: str, *, chat: bool = False) -> Process:
        process = Process(name, settings, clock_type(), shared_database, shard_ids, chat=chat)
        started.append(process)
        await process.start()
        return process

    yield make
    for process in reversed(started):
        await process.stop()


# -- what members see ------------------------------------------------------------------------------------------
def daily_posts(channel: Any) -> list[Any]:
    """The daily questions posted in ``channel``."""
    return [m for m in channel.history() if m.embeds and (m.embeds[0].title or "").startswith("Question of the day")]


def points_told(result: Any) -> int:
    """The points a reply told the member they earned (0 when it names none)."""
    found = re.search(r"\+(\d+) points", result.response.content or "")
    return int(found.group(1)) if found else 0


async def answer_box(member: Any, message: Any, text: str) -> Any:
    """Press Answer on ``message`` and submit ``text`` in the box that opens."""
    shown = await member.click(message, label="Answer")
    assert shown.modal is not None, shown
    box = next(
        c
        for top in shown.modal["components"]
        for c in [*top.get("components", []), top.get("component") or {}, top]
        if c.get("type") == 4
    )
    return await member.submit_modal(shown, {box["custom_id"]: text})


def board_points(result: Any) -> dict[str, int]:
    """Name -> points on a /leaderboard page."""
    lines = result.response.embeds[0].description.splitlines()
    board: dict[str, int] = {}
    for line in lines:
        m = re.search(r"^\S+ (.+?) — \*\*(\d+)\*\* pts", line)
        if m:
            board[m.group(1)] = int(m.group(2))
    return board


async def rows(process: Process, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    async def read() -> list[tuple[Any, ...]]:
        async with process.services.store.read() as db:
            return [tuple(r) for r in await db.execute_fetchall(sql, params)]

    return await process.do(read)


# -- two shard processes ---------------------------------------------------------------------------------------
async def test_two_shard_processes_post_each_daily_once_keep_totals_exact_and_recover_their_own(
    processes, shared_database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A quiz question closes a few seconds after its first right answer. simcord also fires a bot's timer once
    # that much real time has passed, and on a loaded machine two bots answering in four servers take longer
    # than that: the window is made long here, so only the test's own moves of time close it.
    monkeypatch.setattr(quiz_session, "WINDOW_SECONDS", 40.0)
    zero, one = await both(processes("zero", "0"), processes("one", "1"))  # both open the new database at once

    # Each view of Discord makes its ids at its own millisecond, so the two never hand out the same channel id.
    async def world_zero() -> list[Server]:
        await advance(zero.env, 1)
        return zero.build_world(2, shard=0)

    async def world_one() -> list[Server]:
        servers = one.build_world(2, shard=1)
        await advance(one.env, 1)
        return servers

    await both(zero.do(world_zero), one.do(world_one))
    assert {shard_of(s.guild.id, 2) for s in zero.servers} == {0}
    assert {shard_of(s.guild.id, 2) for s in one.servers} == {1}
    everywhere = [(p, s) for p in (zero, one) for s in p.servers]

    # -- the daily question: set through each process, posted once per server ------------------------------
    def set_daily(process: Process) -> Callable[[], Awaitable[None]]:
        async def step() -> None:
            for s in process.servers:
                r = await s.admin.slash(
                    s.channel, "daily set", channel=s.channel, time="00:10", timezone="UTC", topic="llms", answer_hours=1
                )
                assert "Next post" in r.response.content, r.response.content

        return step

    await both(zero.do(set_daily(zero)), one.do(set_daily(one)))

    def wait(process: Process, seconds: float) -> Callable[[], Awaitable[None]]:
        async def step() -> None:
            await advance(process.env, seconds)

        return step

    await both(zero.do(wait(zero, 10 * 60)), one.do(wait(one, 10 * 60)))
    await both(zero.do(wait(zero, 5 * 60)), one.do(wait(one, 5 * 60)))  # a later due check posts nothing more
    for process, s in everywhere:
        assert len(daily_posts(s.channel)) == 1, (process.name, s.guild.name)
    posted = await rows(zero, "SELECT guild_id, COUNT(*) FROM daily_posts GROUP BY guild_id ORDER BY guild_id")
    assert posted == sorted((s.guild.id, 1) for _, s in everywhere)

    # -- both processes take answers at once: daily answers and a channel quiz in every server ---------------
    def play(process: Process) -> Callable[[], Awaitable[dict[tuple[int, str], int]]]:
        async def step() -> dict[tuple[int, str], int]:
            told: dict[tuple[int, str], int] = {}
            for s in process.servers:
                post = daily_posts(s.channel)[0]
                for name, member in s.members.items():
                    r = await answer_box(member, post, RIGHT)
                    told[(s.guild.id, name)] = told.get((s.guild.id, name), 0) + points_told(r)
            # The quiz asks the daily question's card: not before the daily's reveal (it would give it away).
            await advance(process.env, 3600)
            for s in process.servers:
                started = await s.members["alice"].slash(s.channel, "quiz", topic="llms", seconds=60)
                assert not started.ephemeral, started.response.content
                question = s.channel.last_message
                for name in ("bob", "carol"):
                    r = await answer_box(s.members[name], question, RIGHT)
                    told[(s.guild.id, name)] += points_told(r)
            await advance(process.env, 41)  # the window closes: the one-question quizzes end
            return told

        return step

    told_zero, told_one = await both(zero.do(play(zero)), one.do(play(one)))
    told = {**told_zero, **told_one}
    assert sorted(v for (g, _), v in told.items() if g == zero.servers[0].guild.id) == [10, 15, 20]  # daily 10 + quiz 10/5

    def boards(process: Process) -> Callable[[], Awaitable[dict[int, dict[str, int]]]]:
        async def step() -> dict[int, dict[str, int]]:
            return {
                s.guild.id: board_points(await s.admin.slash(s.channel, "leaderboard", period="all"))
                for s in process.servers
            }

        return step

    shown = {**(await zero.do(boards(zero))), **(await one.do(boards(one)))}
    for process, s in everywhere:
        expected = {f"{name}{process.servers.index(s)}": told[(s.guild.id, name)] for name in s.members}
        assert shown[s.guild.id] == expected, (process.name, s.guild.name)
    totals = await rows(zero, "SELECT guild_id, SUM(points) FROM attempts GROUP BY guild_id ORDER BY guild_id")
    assert totals == sorted((g, sum(v for (h, _), v in told.items() if h == g)) for g in {g for g, _ in told})

    # -- a crash of one process: its replacement recovers its own servers' quizzes, not the other's ----------
    def start_quiz(process: Process) -> Callable[[], Awaitable[Any]]:
        async def step() -> Any:
            s = process.servers[0]
            r = await s.members["carol"].slash(s.channel, "quiz", topic="transformers", questions=3, seconds=60)
            assert not r.ephemeral, r.response.content
            return s.channel.last_message

        return step

    question_zero, _ = await both(zero.do(start_quiz(zero)), one.do(start_quiz(one)))
    await one.crash_and_restart()
    await one.do(wait(one, 1))
    notice = one.servers[0].channel.last_message
    assert notice.embeds and notice.embeds[0].title.startswith("⏹️ Quiz interrupted"), notice.embeds
    assert not any(
        m.embeds and m.embeds[0].title.startswith("⏹️ Quiz interrupted") for m in zero.servers[0].channel.history()
    )
    statuses = await rows(one, "SELECT guild_id, status FROM quizzes WHERE topic = 'transformers' ORDER BY guild_id")
    assert sorted(statuses) == sorted([(zero.servers[0].guild.id, "running"), (one.servers[0].guild.id, "interrupted")])

    async def still_playing() -> Any:
        return await answer_box(zero.servers[0].members["bob"], question_zero, "qwerty")

    r = await zero.do(still_playing)  # the other process's quiz goes on: the answer is graded and stored
    assert "has ended" not in r.response.content
    graded = await rows(
        zero, "SELECT a.verdict FROM attempts a JOIN quizzes q ON q.id = a.session_id"
        " WHERE q.topic = 'transformers' AND a.response = 'qwerty'",
    )  # fmt: skip
    assert graded == [("wrong",)]
    # the new process posts no second daily question in its servers
    await one.do(wait(one, 60))
    for s in one.servers:
        assert len(daily_posts(s.channel)) == 1


# -- two processes on the same shard: the database holds the channel and the first place ---------------------
async def test_a_channel_quiz_started_through_one_bot_holds_the_channel_and_one_answer_is_first(processes) -> None:
    old = await processes("old", "0", chat=True)
    new = await processes("new", "0", chat=True)

    # The same server in both views of Discord: made the same way at the same instant, it has the same ids.
    async def world(process: Process) -> None:
        await advance(process.env, 1)
        process.build_world(1, shard=0)

    await both(old.do(lambda: world(old)), new.do(lambda: world(new)))
    here, there = old.servers[0], new.servers[0]
    assert (here.guild.id, here.channel.id) == (there.guild.id, there.channel.id)

    async def start_here() -> Any:
        return await here.members["alice"].slash(here.channel, "quiz", topic="llms", seconds=60)

    started = await old.do(start_here)
    assert not started.ephemeral

    async def start_there() -> Any:
        return await there.members["bob"].slash(there.channel, "quiz", topic="transformers")

    refused = await new.do(start_there)
    assert refused.ephemeral and "A quiz is already running in this channel" in refused.response.content
    running = await rows(new, "SELECT topic FROM quizzes WHERE status = 'running'")
    assert running == [("llms",)]

    # A quiz lives in the process that started it: no process takes over another's live quiz, and the other
    # ignores the channel's answers (test_quiz_chat_answer_two_processes). Here the new process is given a copy of the
    # old one's question anyway, the worst case, and a right answer reaches each process at the same instant: the
    # database gives the first place to exactly one of them.
    live = old.services.quiz.running_in(here.channel.id)
    assert live is not None and live.question is not None
    taken = copy.deepcopy(live)

    async def hold() -> None:
        new.services.quiz.registry.add(taken)

    await new.do(hold)

    def say(process: Process, server: Server, name: str) -> Callable[[], Awaitable[str]]:
        async def step() -> str:
            await server.members[name].send(server.channel, RIGHT)
            # (the announcement; the reveal and the summary after it are embeds)
            return [m.content for m in server.channel.history() if m.author.id == process.env.bot.user.id and m.content][-1]

        return step

    said = await both(old.do(say(old, here, "bob")), new.do(say(new, there, "carol")))
    firsts = [text for text in said if "got it first! +10 points" in text]
    assert len(firsts) == 1, said  # one first place, told in one process's channel
    winner, loser = ("bob0", "carol0") if "bob0" in firsts[0] else ("carol0", "bob0")
    assert sorted(said) == sorted([f"✅ **{winner}** got it first! +10 points", f"✅ **{loser}** got it! +5 points"])
    stored = await rows(old, "SELECT user_name, points FROM attempts ORDER BY points")
    assert stored == [(loser, 5), (winner, 10)]
    first = await rows(old, "SELECT user_id FROM quiz_first_correct")
    assert first == [(here.members["bob"].id if winner == "bob0" else there.members["carol"].id,)]
