"""A group commit's attempts written together (``AttemptWriter.add_batch``) and their reviews read and written
together (``states_of``, ``write_reviews``): the same rows, ids and states as one after the other, and a
failing follow-up never loses an answer. Each test runs on a SQLite file and on a PostgreSQL schema, where the
database assigns the ids too."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review import scheduler as fsrs
from bot.core.review.rating import Rating
from bot.core.storage.attempts import BATCH_ROWS, AttemptWriter
from bot.core.storage.review_queries import ReviewEntry, ReviewQueries, StoredState

ROOT = Path(__file__).resolve().parents[1]
G1 = 1001
ALICE, BOB = 11, 12
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open_with_mini_decks(START - timedelta(days=1))


def answers() -> list[Attempt]:
    """Three answers as a quiz round sends them: two members, one card answered twice by the same member."""
    return [
        Attempt(G1, 5, user, f"user{user}", key, Source.QUIZ, response, verdict, points, START, session_id="q1")
        for user, key, response, verdict, points in (
            (ALICE, "mini:bert", "bert", VerdictKind.WRONG, 0),
            (BOB, "mini:temperature", "temperature", VerdictKind.CORRECT, 10),
            (ALICE, "mini:bert", "Bidirectional Encoder", VerdictKind.CORRECT, 10),
        )
    ]


async def stored_attempts(store: Any) -> list[tuple[object, ...]]:
    async with store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id, user_id, card_key, response, verdict, points, session_id FROM attempts ORDER BY id"
        )
    return [tuple(r) for r in rows]


async def test_a_batch_stores_the_same_rows_and_ids_as_one_attempt_after_another(
    engine: Engine, store: Any
) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add(db, answers()[0])  # an attempt already there
    async with store.transaction() as db:
        ids = await AttemptWriter().add_batch(db, answers())
    one_by_one = await engine.open("one")
    await one_by_one.sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=START)
    async with one_by_one.transaction() as db:
        expected = [await AttemptWriter().add(db, a) for a in [answers()[0], *answers()]]
    assert await stored_attempts(store) == await stored_attempts(one_by_one)
    assert ids == expected[1:] == [2, 3, 4]


async def test_hooks_see_every_attempt_of_a_batch_with_its_id(store) -> None:
    singles: list[tuple[str, int]] = []
    batches: list[list[tuple[str, int]]] = []

    async def single(db, attempt: Attempt, attempt_id: int) -> None:
        singles.append((attempt.response, attempt_id))

    async def batch(db, written: Sequence[tuple[Attempt, int]]) -> None:
        batches.append([(a.response, i) for a, i in written])

    writer = AttemptWriter()
    writer.subscribe(single)
    writer.subscribe_batch(batch)
    writer.subscribe_batch(batch)  # once is enough
    async with store.transaction() as db:
        ids = await writer.add_batch(db, answers())
        lone = await writer.add(db, answers()[1])
    responses = [a.response for a in answers()]
    assert singles == [*zip(responses, ids, strict=True), ("temperature", lone)]
    assert batches == [list(zip(responses, ids, strict=True)), [("temperature", lone)]]
    writer.unsubscribe_batch(batch)
    async with store.transaction() as db:
        await writer.add_batch(db, answers())
    assert len(batches) == 2


async def test_each_attempt_of_a_batch_gets_its_own_row_id_while_another_process_writes(
    engine: Engine, store: Any
) -> None:
    """The database numbers the rows (more than one insert's worth here): every id returned, and given to the
    hooks, is the id of that attempt's own row, even with another process inserting at the same time."""
    other = await engine.open()  # a second process on the same database
    many = [
        dataclasses.replace(answers()[n % 3], response=f"answer {n}") for n in range(2 * BATCH_ROWS + 1)
    ]
    seen: list[tuple[str, int]] = []

    async def remember(db, attempt: Attempt, attempt_id: int) -> None:
        seen.append((attempt.response, attempt_id))

    writer = AttemptWriter()
    writer.subscribe(remember)

    async def batch() -> list[int]:
        async with store.transaction() as db:
            return await writer.add_batch(db, many)

    async def singles() -> None:
        for n in range(20):
            async with other.transaction() as db:
                await AttemptWriter().add(db, dataclasses.replace(answers()[1], response=f"other {n}"))
            await asyncio.sleep(0)

    ids, _ = await asyncio.gather(batch(), singles())
    async with store.read() as db:
        stored = {int(r[0]): r[1] for r in await db.execute_fetchall("SELECT id, response FROM attempts")}
    assert len(stored) == len(many) + 20
    assert [stored[i] for i in ids] == [a.response for a in many]
    assert seen == [(a.response, i) for a, i in zip(many, ids, strict=True)]


async def test_a_failing_batch_hook_loses_only_the_follow_up_of_the_attempt_it_fails_on(store) -> None:
    async def follow_up(db, written: Sequence[tuple[Attempt, int]]) -> None:
        for attempt, attempt_id in written:
            await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, 'UTC', 0)",
                             (attempt_id,))  # fmt: skip
            if attempt.response == "temperature":
                raise ValueError("this one fails")

    writer = AttemptWriter()
    writer.subscribe_batch(follow_up)
    async with store.transaction() as db:
        ids = await writer.add_batch(db, answers())
    async with store.read() as db:
        followed = [r[0] for r in await db.execute_fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")]
    assert len(await stored_attempts(store)) == 3  # every answer is kept
    assert followed == [ids[0], ids[2]]  # the second one's follow-up was rolled back, the others redone alone


def entry(user: int, key: str, rating: Rating, at: datetime, before: StoredState | None, attempt_id: int) -> ReviewEntry:
    memory = before.memory if before is not None else None
    return ReviewEntry(
        guild_id=G1, user_id=user, card_key=key, at=at, rating=int(rating), source="quiz", verdict="correct",
        retention=0.9, before=memory, after=fsrs.review(memory, rating, at, 0.9), attempt_id=attempt_id,
        session_id=f"q{attempt_id}", duration_ms=None,
    )


async def test_reviews_written_together_read_back_as_written_one_after_the_other(
    engine: Engine, store: Any
) -> None:
    queries = ReviewQueries(store)
    key = (G1, ALICE, "mini:bert")
    async with store.transaction() as db:
        assert await queries.states_of(db, [key]) == {}
        await queries.write_review(db, entry(ALICE, "mini:bert", Rating.Good, START, None, 1), first=None)
        first = await queries.state(db, *key)
        assert first is not None
        later = START + timedelta(days=1)
        again = entry(ALICE, "mini:bert", Rating.Again, later, first, 2)
        after_again = StoredState("mini:bert", again.after, first.first_at, first.first_source, "q2", 2)
        await queries.write_reviews(db, [
            (again, first),
            (entry(ALICE, "mini:bert", Rating.Good, later, after_again, 3), after_again),
            (entry(BOB, "mini:temperature", Rating.Hard, later, None, 4), None),
        ])  # fmt: skip
        states = await queries.states_of(db, [key, (G1, BOB, "mini:temperature"), (G1, BOB, "mini:bert"), key])
        assert set(states) == {key, (G1, BOB, "mini:temperature")}
        assert states[key] == await queries.state(db, *key)
    assert states[key].first_at == START and states[key].last_attempt_id == 3
    logs = await queries.logs(G1, ALICE, "mini:bert")
    assert [(log.rating, log.attempt_id) for log in logs] == [(int(Rating.Good), 1), (int(Rating.Again), 2),
                                                              (int(Rating.Good), 3)]  # fmt: skip

    one_by_one = ReviewQueries(await engine.open("one"))
    await one_by_one.store.sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=START)
    async with one_by_one.store.transaction() as db:
        await one_by_one.write_review(db, entry(ALICE, "mini:bert", Rating.Good, START, None, 1), first=None)
        await one_by_one.write_review(db, again, first=first)
        await one_by_one.write_review(db, entry(ALICE, "mini:bert", Rating.Good, later, after_again, 3),
                                      first=after_again)  # fmt: skip
        bobs = entry(BOB, "mini:temperature", Rating.Hard, later, None, 4)
        await one_by_one.write_review(db, bobs, first=None)
    assert await one_by_one.states(G1, ALICE) == await queries.states(G1, ALICE)
    assert await one_by_one.states(G1, BOB) == await queries.states(G1, BOB)
    assert [(g.rating, g.after) for g in await one_by_one.logs(G1, ALICE)] == [
        (g.rating, g.after) for g in logs
    ]


async def review_rows(store: Any) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    async with store.read() as db:
        logs = await db.execute_fetchall("SELECT * FROM review_logs ORDER BY id")
        states = await db.execute_fetchall("SELECT * FROM review_states ORDER BY guild_id, user_id, card_key")
    return [tuple(r) for r in logs], [tuple(r) for r in states]


async def test_the_batched_review_hook_rates_a_round_as_the_per_answer_hook_does(
    engine: Engine, store: Any
) -> None:
    from bot.core.catalog import Catalog
    from bot.core.review import ReviewService

    decks = load_decks(ROOT / "tests" / "data" / "decks")
    other = await engine.open("one")
    await other.sync_decks(decks, now=START - timedelta(days=1))
    batched, one_by_one = AttemptWriter(), AttemptWriter()
    batched.subscribe_batch(ReviewService(store=store, catalog=Catalog(decks)).on_attempts)
    one_by_one.subscribe(ReviewService(store=other, catalog=Catalog(decks)).on_attempt)
    for rounds in range(3):  # a wrong then a right answer to one question in one round rate the card once
        later = [
            dataclasses.replace(a, created_at=START + timedelta(days=rounds * 3), session_id=f"q{rounds}")
            for a in answers()
        ]
        async with store.transaction() as db:
            await batched.add_batch(db, later)
        for attempt in later:
            async with other.transaction() as db:
                await one_by_one.add(db, attempt)
    logs, states = await review_rows(store)
    assert (logs, states) == await review_rows(other)
    assert len(logs) == 6  # two cards rated per round, the second try at bert not again
