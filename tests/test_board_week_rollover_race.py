"""A new week's board, built by one bot process while another is saving an answer, keeps that answer.

The first board read of a new week (or month) rebuilds the guild's window rows from the answers; from then on
the stats trigger adds each new answer to them. With several processes on PostgreSQL, an answer whose
transaction began before the rebuild and commits after it was invisible to the rebuild, while its trigger saw
the old window (last week's) and added nothing: the member's points were missing from this week's board for
the whole week, though /stats and the all-time board had them. The rebuild now waits for answers being
written; on SQLite the single writer already ran them one after the other.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from race_support import overlap, run_overlapping

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.service import DeckTerms, Services, load_server_decks
from bot.core.storage import DeckQueries
from bot.core.storage.attempts import AttemptWriter

ROOT = Path(__file__).resolve().parents[1]
G, CH = 100, 200
ALICE, BOB = 1, 2


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def bot_process(store: Any, clock: Clock) -> Services:
    """The features on ``store``, started as ``Services.create`` starts them."""
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    queries = DeckQueries(store)
    await queries.sync_decks(decks, now=clock())
    catalog = Catalog(decks)
    await load_server_decks(queries, catalog)
    terms = DeckTerms(catalog)
    await terms.start()
    services = Services(store, catalog, clock=clock, rng=random.Random(7), terms=terms)
    for feature in services._features:
        await feature.start()
    return services


async def answer(store: Any, user: int, clock: Clock, points: int) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add(db, Attempt(
            guild_id=G, channel_id=CH, user_id=user, user_name=f"user{user}", card_key="mini:bert",
            source=Source.QUIZ, response="BERT", verdict=VerdictKind.CORRECT, points=points, created_at=clock(),
        ))  # fmt: skip


async def test_an_answer_saved_while_another_process_builds_the_new_week_board_is_on_it(engine: Engine) -> None:
    clock = Clock(datetime(2026, 3, 13, 12, 0, tzinfo=UTC))  # a Friday
    shard_a = await bot_process(await engine.open(), clock)
    shard_b = await bot_process(await engine.open(), clock)
    await answer(shard_a.store, BOB, clock, 10)
    assert [r.points for r in (await shard_a.stats.leaderboard(G, "week")).rows] == [10]  # last week's board built

    clock.now += timedelta(days=3)  # Monday: a new week
    race = overlap(shard_b.store, shard_a.store)
    results = await run_overlapping(race, answer(shard_b.store, ALICE, clock, 10), shard_a.stats.leaderboard(G, "week"))
    assert not [r for r in results if isinstance(r, BaseException)], results

    for shard in (shard_a, shard_b):
        week = await shard.stats.leaderboard(G, "week")
        assert {r.user_id: r.points for r in week.rows} == {ALICE: 10}
        everything = await shard.stats.leaderboard(G, "all")
        assert {r.user_id: r.points for r in everything.rows} == {ALICE: 10, BOB: 10}
    for feature in (*shard_a._features, *shard_b._features):
        await feature.close()


async def test_a_process_stuck_in_the_middle_of_an_answer_holds_up_neither_the_new_week_board_nor_answers(
    engine: Engine,
) -> None:
    # A process whose machine is cut off from the network in the middle of an answer keeps its transaction open
    # on PostgreSQL until the server notices (hours). The new week's board waits for answers being written only
    # briefly, then reads the week live; answers through the other processes go on being saved.
    if not engine.postgres:
        return  # SQLite: one machine, and its one writer's lock is given up within 5 s as it is
    clock = Clock(datetime(2026, 3, 13, 12, 0, tzinfo=UTC))
    shard_a = await bot_process(await engine.open(), clock)
    shard_b = await bot_process(await engine.open(), clock)
    stuck = await engine.open()
    await answer(shard_a.store, BOB, clock, 10)
    await shard_a.stats.leaderboard(G, "week")  # last week's board built
    clock.now += timedelta(days=3)  # Monday: a new week
    await answer(shard_b.store, BOB, clock, 5)

    cut_off = asyncio.Event()
    stuck_task = asyncio.ensure_future(stuck_answer(stuck, clock, cut_off))
    await asyncio.wait_for(cut_off.wait(), 30)
    try:
        week = await asyncio.wait_for(shard_a.stats.leaderboard(G, "week"), 60)
        assert {r.user_id: r.points for r in week.rows} == {BOB: 5}
        await asyncio.wait_for(answer(shard_b.store, ALICE, clock, 10), 60)
        assert [(r.user_id, r.points) for r in (await shard_b.stats.leaderboard(G, "all")).rows] == [
            (BOB, 15), (ALICE, 10),
        ]
    finally:
        stuck_task.cancel()
        await asyncio.gather(stuck_task, return_exceptions=True)
    week = await shard_a.stats.leaderboard(G, "week")
    assert {r.user_id: r.points for r in week.rows} == {BOB: 5, ALICE: 10}
    for feature in (*shard_a._features, *shard_b._features):
        await feature.close()


async def stuck_answer(store: Any, clock: Clock, cut_off: asyncio.Event) -> None:
    """An answer whose process stops in the middle of its transaction (never commits)."""
    async with store.transaction() as db:
        await AttemptWriter().add(db, Attempt(
            guild_id=G + 1, channel_id=CH, user_id=3, user_name="user3", card_key="mini:bert",
            source=Source.QUIZ, response="BERT", verdict=VerdictKind.CORRECT, points=10, created_at=clock(),
        ))  # fmt: skip
        cut_off.set()
        await asyncio.Event().wait()
