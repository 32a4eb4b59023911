"""A group commit's answers, written in one multi-row INSERT, leave the summary tables (boards, /stats) exactly
as the same answers written one at a time do.

PostgreSQL folds a whole INSERT INTO attempts into the summary tables at once (a statement-level trigger,
migration 0015); SQLite keeps its row trigger. The batch below holds what makes the difference matter: several
answers of one member to one card (one with the same time as another, so the later row's name wins), answers
inside and outside the guild's week and month windows, every source, a member marked departed, stored names
newer and as new as the batch's, a second guild, and an answer without a guild (never counted).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from old_schema_support import answers_as_before_0017, answers_as_now
from pg_support import Engine, PgSchema, both_engines, pg_schema  # noqa: F401  (the ``engine`` and ``pg`` fixtures)

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage import Store, now_ms
from bot.core.storage import store as store_module
from bot.core.storage.attempts import AttemptWriter

ROOT = Path(__file__).resolve().parents[1]
G, OTHER_G = 1001, 2002
# Wednesday 18 March 2026, 15:30 UTC.
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
T = now_ms(NOW)
WEEK = (now_ms(datetime(2026, 3, 16, tzinfo=UTC)), now_ms(datetime(2026, 3, 23, tzinfo=UTC)))
MONTH = (now_ms(datetime(2026, 3, 1, tzinfo=UTC)), now_ms(datetime(2026, 4, 1, tzinfo=UTC)))
DAY = 86_400_000
CORRECT, WRONG = VerdictKind.CORRECT, VerdictKind.WRONG
ANN, BO, CY, DI, EVE = 1, 2, 3, 4, 5

SUMMARY = {
    "stats_members": "guild_id, user_id, user_name, updated_at",
    "departed_members": "guild_id, user_id, left_at",
    "user_card_stats": "guild_id, user_id, card_key, answers, correct, points, last_at",
    "stats_quiz_players": "guild_id, user_id, quiz_id",
    "board_scores": "guild_id, scope, topic, user_id, points, answers, correct",
}


def at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def answer(
    user: int, name: str, ms: int, *, card: str = "mini:bert", verdict: VerdictKind = CORRECT, points: int = 10,
    source: Source = Source.QUIZ, session: str | None = "q1", guild: int | None = G,
) -> Attempt:
    return Attempt(guild, 7, user, name, card, source, "x", verdict, points, at(ms), session_id=session)


def earlier() -> list[Attempt]:
    """Answers stored before the batch (the batch adds to their summary rows)."""
    return [
        answer(ANN, "Ann-then", T - 2 * DAY, points=4),
        answer(BO, "Bo-then", T - 20 * DAY, card="mini:temperature", session="q0"),
    ]


def batch() -> list[Attempt]:
    return [
        answer(ANN, "Ann-a", T),
        answer(ANN, "Ann-b", T + 5, verdict=WRONG, points=0),
        answer(ANN, "Ann-c", T + 5, points=7),  # same time as Ann-b, written after it: its name wins
        answer(ANN, "Ann-d", T - 10 * DAY, card="mini:temperature", session="q2"),  # this month, not this week
        answer(ANN, "Ann-e", T + 1, source=Source.DAILY, points=15, session="post-1"),
        answer(ANN, "Ann-f", T + 2, source=Source.PRACTICE, points=3, session=None),  # never on a board
        answer(ANN, "Ann-g", T + 3, card="mini:temperature", verdict=WRONG, points=0, source=Source.REVIEW,
               session="r1"),  # fmt: skip
        answer(ANN, "Ann-h", T + 9, points=50, guild=None),  # the terminal: counted nowhere
        answer(BO, "Bo-old", T - 40 * DAY, card="mini:attention-mechanism"),  # before both windows
        answer(BO, "Bo-new", T - DAY, card="mini:attention-mechanism", verdict=WRONG, points=0),
        answer(CY, "Cy", T, session="q2"),  # departed until now
        answer(EVE, "Eve-batch", T),  # the stored name is newer
        answer(ANN, "Ann-elsewhere", T, guild=OTHER_G, session="q9"),
        answer(BO, "Bo-a", T - 3 * DAY, card="mini:l2-regularization", points=2),
        answer(BO, "Bo-b", T - 3 * DAY, card="mini:l2-regularization", points=5),
    ]


async def seeded(store: Any) -> Any:
    """The mini decks, the guild's week and month windows, earlier answers and member rows."""
    await store.sync_decks(load_decks(ROOT / "tests" / "data" / "decks"), now=NOW - timedelta(days=60))
    async with store.transaction() as db:
        for period, (start, end) in (("week", WEEK), ("month", MONTH)):
            await db.execute(
                "INSERT INTO board_windows (guild_id, period, zone, start_ms, end_ms) VALUES (?, ?, 'UTC', ?, ?)",
                (G, period, start, end),
            )
        for user in (CY, DI):
            await db.execute("INSERT INTO departed_members (guild_id, user_id, left_at) VALUES (?, ?, ?)",
                             (G, user, T - DAY))  # fmt: skip
        writer = AttemptWriter()
        for a in earlier():
            await writer.add(db, a)
        await db.execute("INSERT INTO stats_members (guild_id, user_id, user_name, updated_at) VALUES (?, ?, ?, ?)",
                         (G, EVE, "Eve-kept", T + DAY))  # fmt: skip
        # Bo's stored name is exactly as recent as his latest answer of the batch: the batch's name wins.
        await db.execute("UPDATE stats_members SET user_name = 'Bo-stored', updated_at = ? WHERE user_id = ?",
                         (T - DAY, BO))  # fmt: skip
    return store


async def write_batch(store: Any, attempts: list[Attempt]) -> None:
    """One group commit: the attempts in one multi-row INSERT."""
    async with store.transaction() as db:
        await AttemptWriter().add_batch(db, attempts)


async def write_one_by_one(store: Any, attempts: list[Attempt]) -> None:
    """The same answers, each in an INSERT of its own."""
    async with store.transaction() as db:
        writer = AttemptWriter()
        for a in attempts:
            await writer.add(db, a)


async def summary(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    async with store.read() as db:
        for table, columns in SUMMARY.items():
            rows = await db.execute_fetchall(f"SELECT {columns} FROM {table} ORDER BY {columns}")
            width = columns.count(",") + 1
            tables[table] = [tuple(r[i] for i in range(width)) for r in rows]
    return tables


def expected_checks(tables: dict[str, list[tuple[Any, ...]]]) -> None:
    """What a player sees, stated outright (so both ways of writing cannot be wrong the same way)."""
    names = {(g, u): name for g, u, name, _ in tables["stats_members"]}
    assert names == {
        (G, ANN): "Ann-c", (G, BO): "Bo-new", (G, CY): "Cy", (G, EVE): "Eve-kept", (OTHER_G, ANN): "Ann-elsewhere",
    }  # fmt: skip
    assert tables["departed_members"] == [(G, DI, T - DAY)]
    board = {(g, scope, topic, u): (p, n, c) for g, scope, topic, u, p, n, c in tables["board_scores"]}
    # Ann, all time: 4 earlier, then 10 + 0 + 7 (bert, quiz) + 10 (temperature) + 15 (daily); practice and
    # review never score, the terminal answer is nowhere.
    assert board[(G, "all", "", ANN)] == (46, 6, 5)
    assert board[(G, "week", "", ANN)] == (36, 5, 4)  # the earlier answer is this week too; temperature is not
    assert board[(G, "month", "", ANN)] == (46, 6, 5)
    assert board[(G, "week", "transformers", ANN)] == (36, 5, 4)
    assert board[(G, "all", "sampling", ANN)] == (10, 1, 1)
    assert (G, "week", "sampling", ANN) not in board
    assert board[(G, "all", "", BO)] == (27, 5, 4)
    assert board[(G, "week", "", BO)] == (0, 1, 0)  # Tuesday's wrong answer; the l2 ones were on Sunday
    assert board[(G, "month", "", BO)] == (7, 3, 2)  # and the two l2 answers of one card, summed
    assert board[(OTHER_G, "all", "", ANN)] == (10, 1, 1)
    assert not any(key[0] == OTHER_G and key[1] != "all" for key in board)  # no windows there
    cards = {(g, u, k): (n, c, p, last) for g, u, k, n, c, p, last in tables["user_card_stats"]}
    assert cards[(G, ANN, "mini:bert")] == (6, 5, 36, T + 5)  # practice counted, its points not
    assert cards[(G, ANN, "mini:temperature")] == (2, 1, 10, T + 3)  # review counted
    assert cards[(G, BO, "mini:l2-regularization")] == (2, 2, 7, T - 3 * DAY)
    assert sorted((u, q) for g, u, q in tables["stats_quiz_players"] if g == G) == [
        (ANN, "q1"), (ANN, "q2"), (BO, "q0"), (BO, "q1"), (CY, "q2"), (EVE, "q1"),
    ]  # fmt: skip


async def test_a_batch_leaves_the_summary_rows_of_one_answer_after_another(engine: Engine) -> None:
    batched = await seeded(await engine.open("batched"))
    single = await seeded(await engine.open("single"))
    await write_batch(batched, batch())
    await write_one_by_one(single, batch())

    got = await summary(batched)
    assert got == await summary(single)
    expected_checks(got)


async def test_batches_that_meet_on_the_same_rows_add_up(engine: Engine) -> None:
    """Two group commits in a row (the second updates what the first inserted) and an insert of no answer."""
    batched = await seeded(await engine.open("batched"))
    single = await seeded(await engine.open("single"))
    answers = batch()
    await write_batch(batched, answers[:6])
    await write_batch(batched, [])
    await write_batch(batched, answers[6:])
    await write_one_by_one(single, answers)

    got = await summary(batched)
    assert got == await summary(single)
    expected_checks(got)


async def test_the_new_trigger_gives_what_the_previous_schema_gave(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database still at migration 14 (PostgreSQL's row trigger) and one at the newest take the same batch."""
    if engine.postgres:
        from bot.core.storage.pg import store as pg_store_module

        every = pg_store_module.pg_migrations()
        monkeypatch.setattr(pg_store_module, "pg_migrations", lambda: [m for m in every if m[0] < 15])
    else:
        everything = store_module.migrations()
        monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] < 15])
    answers_as_before_0017(monkeypatch)  # (the old database has the columns of its time)
    old = await seeded(await engine.open("old"))
    assert await old.user_version() == 14
    monkeypatch.undo()
    answers_as_now()
    new = await seeded(await engine.open("new"))
    assert await new.user_version() >= 15

    with pytest.MonkeyPatch.context() as mp:
        answers_as_before_0017(mp)  # (the old database has the columns of its time)
        await write_batch(old, batch())
    answers_as_now()
    await write_batch(new, batch())
    assert await summary(new) == await summary(old)


async def test_postgresql_batches_match_sqlite_one_answer_at_a_time(pg: PgSchema, tmp_path: Path) -> None:
    sqlite = await Store.open(tmp_path / "single.sqlite3")
    try:
        await seeded(sqlite)
        await write_one_by_one(sqlite, batch())
        expected = await summary(sqlite)
    finally:
        await sqlite.close()
    postgres = await seeded(await pg.open_compat())
    await write_batch(postgres, batch())
    assert await summary(postgres) == expected


async def test_concurrent_batches_over_the_same_members_all_count(pg: PgSchema) -> None:
    """Two processes commit batches at the same time over the same members, in opposite orders: every answer
    counts once, and neither write fails (the summary rows are taken in key order)."""
    first = await seeded(await pg.open_compat())
    second = await pg.open_compat()
    members = list(range(100, 160))
    forward = [answer(u, f"m{u}", T + u, session="q5") for u in members]
    backward = [answer(u, f"m{u}", T + u, session="q6", points=1) for u in reversed(members)]
    for _ in range(5):
        await asyncio.gather(write_batch(first, forward), write_batch(second, backward))
    board = {(g, s, t, u): (p, n, c) for g, s, t, u, p, n, c in (await summary(first))["board_scores"]}
    for u in members:
        assert board[(G, "all", "", u)] == (5 * 10 + 5 * 1, 10, 10)
        assert board[(G, "week", "transformers", u)] == (55, 10, 10)
