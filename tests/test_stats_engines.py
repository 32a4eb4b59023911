"""/stats and the boards give the same figures on SQLite and on PostgreSQL.

The per-day chart counts have their own SQL on PostgreSQL (one index range per day, whatever plan a prepared
statement settles on), so the chart is checked at its edges on both engines, after enough calls for
PostgreSQL to keep one plan for every member; and the same answers, written to a SQLite file and to a
PostgreSQL schema, must give every member the same /stats and the same boards.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pg_support import Engine, PgSchema, both_engines, pg_schema  # noqa: F401  (the ``engine`` and ``pg`` fixtures)

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt, Deck, Source, VerdictKind
from bot.core.stats import MemberStats, StatsService
from bot.core.storage import Store, now_ms
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckQueries
from bot.core.storage.stats_queries import StatsQueries

ROOT = Path(__file__).resolve().parents[1]
G, OTHER_G = 1001, 2002
# Wednesday 18 March 2026, 15:30 UTC.
WEDNESDAY = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
CORRECT, WRONG = VerdictKind.CORRECT, VerdictKind.WRONG
HOUR = 3_600_000


def decks() -> list[Deck]:
    return load_decks(ROOT / "tests" / "data" / "decks")


def attempt(user: int, at_ms: int, *, verdict: VerdictKind = CORRECT, source: Source = Source.QUIZ,
            guild: int = G, card: str = "mini:bert", points: int = 10, session: str | None = None) -> Attempt:
    return Attempt(
        guild_id=guild, channel_id=7, user_id=user, user_name=f"user{user}", card_key=card, source=source,
        response="x", verdict=verdict, points=points if verdict == CORRECT else 0,
        created_at=datetime.fromtimestamp(at_ms / 1000, tz=UTC), session_id=session,
    )  # fmt: skip


async def write(store: Any, attempts: list[Attempt]) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add_many(db, attempts)


async def opened(store: Any) -> Any:
    await DeckQueries(store).sync_decks(decks(), now=WEDNESDAY)
    return store


# -- the chart's days ---------------------------------------------------------------------------------
async def test_each_day_counts_the_answers_from_its_first_instant_up_to_the_next_days(engine: Engine) -> None:
    store = await opened(await engine.open())
    day0 = now_ms(WEDNESDAY) - 3 * 24 * HOUR
    bounds = [day0, day0 + 24 * HOUR, day0 + 47 * HOUR, day0 + 71 * HOUR]  # the second day is 23 hours long
    await write(store, [
        attempt(1, day0 - 1),  # before the first day: not on the chart
        attempt(1, day0),  # the first instant of day 0
        attempt(1, day0 + 24 * HOUR - 1, verdict=WRONG),  # the last millisecond of day 0
        attempt(1, day0 + 24 * HOUR, source=Source.PRACTICE, points=0),  # day 1, practice
        attempt(1, day0 + 30 * HOUR, source=Source.REVIEW, verdict=WRONG),  # day 1, review
        attempt(1, day0 + 31 * HOUR, source=Source.DAILY, points=15),  # day 1, the daily question
        attempt(1, day0 + 71 * HOUR),  # the first instant after the last day: not on the chart
        attempt(2, day0 + 50 * HOUR),  # someone else
        attempt(1, day0 + 50 * HOUR, guild=OTHER_G),  # another server
    ])  # fmt: skip
    queries = StatsQueries(store)

    assert await queries.daily_counts(G, 1, bounds) == [(2, 1), (3, 2), (0, 0)]
    assert await queries.daily_counts(G, 1, bounds, scored_only=True) == [(2, 1), (1, 1), (0, 0)]
    assert await queries.daily_counts(G, 2, bounds) == [(0, 0), (0, 0), (1, 1)]
    assert await queries.daily_counts(G, 3, bounds) == [(0, 0), (0, 0), (0, 0)]
    assert await queries.daily_counts(OTHER_G, 1, bounds) == [(0, 0), (0, 0), (1, 1)]
    assert await queries.daily_counts(G, 1, bounds[:1]) == []


async def test_a_very_active_members_chart_stays_right_after_many_charts_of_others(engine: Engine) -> None:
    """PostgreSQL may keep one plan for a statement after a few runs; the counts must not depend on it."""
    store = await opened(await engine.open())
    day0 = now_ms(WEDNESDAY) - 30 * 24 * HOUR
    bounds = [day0 + d * 24 * HOUR for d in range(31)]
    busy = [attempt(1, day0 - 400 * HOUR + i * 7 * 60_000, verdict=CORRECT if i % 3 else WRONG) for i in range(800)]
    busy += [attempt(1, day0 + d * 24 * HOUR + i * HOUR, verdict=CORRECT if i % 2 else WRONG)
             for d in range(30) for i in range(d % 4)]  # fmt: skip
    quiet = [attempt(u, day0 + (u % 30) * 24 * HOUR + HOUR) for u in range(2, 12)]
    await write(store, busy + quiet)
    queries = StatsQueries(store)
    expected = [(d % 4, (d % 4) // 2) for d in range(30)]

    for round_ in range(3):
        for u in range(2, 12):
            days = await queries.daily_counts(G, u, bounds)
            assert days == [(1, 1) if d == u % 30 else (0, 0) for d in range(30)], (round_, u)
        assert await queries.daily_counts(G, 1, bounds) == expected
        assert await queries.daily_counts(G, 1, bounds, scored_only=True) == expected


# -- the same answers on both engines -----------------------------------------------------------------
def random_answers(rng: random.Random, cards: list[str]) -> list[Attempt]:
    """Eight members' answers over 45 days, every source, a few in another server."""
    end = now_ms(WEDNESDAY)
    sources = [Source.QUIZ] * 5 + [Source.DAILY] * 2 + [Source.PRACTICE, Source.REVIEW]
    found = []
    for _ in range(600):
        user = rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8])
        at = end - rng.randrange(45 * 24 * HOUR)
        source = rng.choice(sources)
        found.append(attempt(
            user, at, verdict=CORRECT if rng.random() < 0.6 else WRONG, source=source,
            guild=OTHER_G if rng.random() < 0.05 else G, card=rng.choice(cards),
            points=rng.choice([10, 15, 20]) if source in (Source.QUIZ, Source.DAILY) else 0,
            session=f"q{at // (6 * HOUR)}" if source == Source.QUIZ else None,
        ))  # fmt: skip
    return sorted(found, key=lambda a: a.created_at)


async def test_the_same_answers_give_the_same_stats_and_boards_on_both_engines(pg: PgSchema, tmp_path: Path) -> None:
    loaded = decks()
    cards = [c.key for d in loaded for c in d.cards]
    answers = random_answers(random.Random(17), cards)
    figures: list[list[object]] = []
    sqlite_store = await Store.open(tmp_path / "bot.sqlite3")
    stores: list[Any] = [sqlite_store, await pg.open_compat()]  # the schema's store is closed with the schema
    try:
        for store in stores:
            await opened(store)
            async with store.transaction() as db:
                await db.execute(
                    "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?)",
                    (G, "America/New_York", now_ms(WEDNESDAY)),
                )
            await write(store, answers)
            stats = StatsService(store=store, catalog=Catalog(loaded), clock=lambda: WEDNESDAY)
            await stats.start()
            seen: list[object] = []
            for user in range(1, 10):
                seen.append(await stats.stats(G, user))
                seen.append(await stats.stats(G, user, include_practice=False))
            for period in ("week", "month", "all"):
                seen.append(await stats.leaderboard(G, period, caller_id=8))
                seen.append(await stats.leaderboard(G, period, "transformers", caller_id=1))
            seen.append(await stats.stats(OTHER_G, 1))
            figures.append(seen)
    finally:
        await sqlite_store.close()

    on_sqlite, on_postgresql = figures
    busiest = on_sqlite[0]
    assert isinstance(busiest, MemberStats) and busiest.answers > 100 and sum(d.answers for d in busiest.days) > 20
    for a, b in zip(on_sqlite, on_postgresql, strict=True):
        assert a == b
