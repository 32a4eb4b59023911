"""A group commit reads the review settings of its members it has not cached with one statement
(``ReviewMembers.load``), and finds in them what reading each member on its own finds. Each test runs on a
SQLite file and on a PostgreSQL schema."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.clock import Clock
from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review import ReviewService
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.review_queries import MemberRow

ROOT = Path(__file__).resolve().parents[1]
G1, G2 = 1001, 2002
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


class Counting:
    """A connection that counts the statements reading ``review_members`` (everything else passes through)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.reads: list[str] = []

    def _seen(self, sql: str) -> None:
        if "review_members" in sql:
            self.reads.append(sql)

    async def execute_fetchall(self, sql: str, params: Any = ()) -> Any:
        self._seen(sql)
        return await self.db.execute_fetchall(sql, params)

    def execute(self, sql: str, params: Any = ()) -> Any:
        self._seen(sql)
        return self.db.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


@pytest.fixture
async def store(engine: Engine) -> Any:
    store = await engine.open()
    await store.sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=NOW - timedelta(days=30))
    return store


def service(store: Any) -> ReviewService:
    clock: Clock = lambda: NOW  # noqa: E731
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    return ReviewService(store=store, catalog=Catalog(decks), clock=clock, rng=random.Random(3))


async def stored_settings(store: Any) -> list[tuple[int | None, int]]:
    """Members with settings of their own (in two servers and on the terminal), and members without."""
    members = service(store).members
    await members.update(G1, 1, new_per_day=25, retention=0.95, topics="llms,training")
    await members.update(G1, 2, timezone="Europe/Paris")
    await members.set_reminder(G1, 2, "08:30")
    await members.update(G2, 1, retention=0.8)  # the same member in another server
    await members.update(None, 1, new_per_day=3)  # the terminal
    return [(G1, 1), (G1, 2), (G1, 3), (G2, 1), (G2, 2), (None, 1), (None, 4), (G1, 1)]


async def one_at_a_time(store: Any, members: Sequence[tuple[int | None, int]]) -> list[MemberRow]:
    fresh = service(store).members  # nothing cached
    return [await fresh.row(guild, user) for guild, user in members]


async def test_one_statement_reads_every_missing_member_as_one_read_each_would(store: Any) -> None:
    members = await stored_settings(store)
    expected = await one_at_a_time(store, members)
    assert expected[0].new_per_day == 25 and expected[1].remind_at == "08:30" and expected[2] == MemberRow()
    assert expected[3].retention == 0.8 and expected[5].new_per_day == 3 and expected[6] == MemberRow()

    review = service(store).members
    async with store.transaction() as db:
        counting: Any = Counting(db)
        await review.load(members, counting)
        assert len(counting.reads) == 1
        got = [await review.row(guild, user, counting) for guild, user in members]
        assert len(counting.reads) == 1  # every member, stored or not, is in the cache now
    assert got == expected


async def test_members_in_the_cache_are_not_read_again(store: Any) -> None:
    members = await stored_settings(store)
    review = service(store).members
    await review.row(G1, 1)
    assert review.missing(members) == [(G1, 2), (G1, 3), (G2, 1), (G2, 2), (0, 1), (0, 4)]
    async with store.transaction() as db:
        counting: Any = Counting(db)
        await review.load(members, counting)
        await review.load(members, counting)  # all cached: no statement
        await review.load([], counting)
    assert len(counting.reads) == 1
    assert review.missing(members) == []


async def test_a_long_list_is_one_statement_too(store: Any) -> None:
    """A large first round (more members than SQLite allows terms in one expression): still one read."""
    review = service(store).members
    async with store.transaction() as db:
        for user in range(1, 1501, 3):  # every third member has settings of their own
            await review.queries.save_member(db, G1, user, MemberRow(new_per_day=user % 200), NOW)
    members = [(G1, user) for user in range(1, 1501)] + [(G2, 1)]
    async with store.transaction() as db:
        counting: Any = Counting(db)
        await review.load(members, counting)
        got = {(guild, user): (await review.row(guild, user, counting)).new_per_day for guild, user in members}
    assert len(counting.reads) == 1
    assert got == {(G1, user): user % 200 if user % 3 == 1 else 10 for user in range(1, 1501)} | {(G2, 1): 10}


async def test_settings_changed_after_the_load_are_the_ones_used(store: Any) -> None:
    members = await stored_settings(store)
    review = service(store).members
    async with store.transaction() as db:
        await review.load(members, db)
    await review.update(G1, 3, new_per_day=40)
    assert (await review.settings(G1, 3)).new_per_day == 40
    async with store.transaction() as db:
        await review.load([(G1, 3)], db)
    assert (await review.row(G1, 3)).new_per_day == 40
    assert (await service(store).members.row(G1, 3)).new_per_day == 40


async def test_a_group_commit_reads_its_members_settings_once(store: Any) -> None:
    """The review hook of a group commit: one statement reads the settings of all its members not cached
    (a quiz's first round brings each player's first answer), and the reviews are those of one read each."""
    await stored_settings(store)
    review = service(store)
    players = [(G1, user) for user in range(1, 21)] + [(G2, 1), (G2, 2)]
    answers = [
        Attempt(guild, 5, user, f"user{user}", "mini:bert", Source.QUIZ, "x", VerdictKind.CORRECT, 10, NOW,
                session_id="q1")
        for guild, user in players
    ]  # fmt: skip
    writer = AttemptWriter()
    writer.subscribe_batch(review.on_attempts)
    async with store.transaction() as db:
        counting: Any = Counting(db)
        await writer.add_batch(counting, answers)
    assert len(counting.reads) == 1
    async with store.read() as db:
        used = await db.execute_fetchall(
            "SELECT guild_id, user_id, retention FROM review_logs ORDER BY guild_id, user_id"
        )
    expected = await one_at_a_time(store, players)
    assert [(r[0], r[1], r[2]) for r in used] == sorted(
        (guild, user, row.retention) for (guild, user), row in zip(players, expected, strict=True)
    )
    retention = {(r[0], r[1]): r[2] for r in used}
    assert retention[(G1, 1)] == 0.95 and retention[(G2, 1)] == 0.8 and retention[(G1, 3)] == 0.9
