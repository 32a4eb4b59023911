"""Leaderboards and stats on both engines (a SQLite file, a PostgreSQL schema): every answer goes through the
attempt writer.

Ranking and ties, week/month windows at their edges in non-UTC zones (including DST changes), topic
filters, practice left out, the caller's rank beyond the top 10, departed members, guild isolation,
upgrades of a database that already holds answers, and the numbers /stats shows.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from old_schema_support import answers_as_before_0017, answers_as_now
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.errors import NotFound, Quote, UserError
from bot.core.models import Attempt, Deck, Source, VerdictKind
from bot.core.stats import BAD_PERIOD, PAGE_SIZE, UNKNOWN_TOPIC, StatsService
from bot.core.storage import Store, now_ms
from bot.core.storage import store as store_module
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.daily_queries import DailyQueries
from bot.core.storage.deck_queries import DeckQueries

ROOT = Path(__file__).resolve().parents[1]
G1, G2 = 1001, 2002
# Wednesday 18 March 2026, 15:30 UTC.
WEDNESDAY = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
CORRECT, WRONG = VerdictKind.CORRECT, VerdictKind.WRONG


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def decks() -> list[Deck]:
    return load_decks(ROOT / "tests" / "data" / "decks")


@pytest.fixture
def clock() -> Clock:
    return Clock(WEDNESDAY)


@pytest.fixture
async def store(engine: Engine, decks: list[Deck], clock: Clock) -> Store:
    store = await engine.open()
    await DeckQueries(store).sync_decks(decks, now=clock())
    return store


@pytest.fixture
async def stats(store: Store, decks: list[Deck], clock: Clock) -> StatsService:
    """The stats feature wired as the composition root wires it, started."""
    stats = StatsService(store=store, catalog=Catalog(decks), clock=clock)
    await stats.start()
    return stats


async def answer(
    store: Store,
    user: int,
    at: datetime,
    *,
    points: int = 10,
    verdict: VerdictKind = CORRECT,
    source: Source = Source.QUIZ,
    card: str = "mini:bert",
    guild: int | None = G1,
    name: str | None = None,
    session: str | None = None,
) -> None:
    """One graded answer, written the way the quiz and daily features write it."""
    async with store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild, channel_id=7, user_id=user, user_name=name or f"user{user}", card_key=card,
                source=source, response="x", verdict=verdict, points=points, created_at=at, session_id=session,
            ),
        )  # fmt: skip


async def set_zone(store: Store, guild: int, zone: str | None) -> None:
    """The guild's time zone, as the daily feature records it when /daily is set up."""
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET timezone = excluded.timezone, updated_at = excluded.updated_at",
            (guild, zone, now_ms(WEDNESDAY)),
        )


async def old_deck_rows(store: Store, decks: list[Deck]) -> None:
    """The deck rows as a database from before the stats tables held them (schema of migration 0001: today's
    deck sync needs tables of later migrations)."""
    stamp = now_ms(WEDNESDAY)
    async with store.transaction() as db:
        for deck in decks:
            await db.execute("INSERT INTO decks (id, title, updated_at) VALUES (?, ?, ?)", (deck.id, deck.title, stamp))
            for c in deck.cards:
                await db.execute(
                    "INSERT INTO cards (key, deck_id, card_id, term, question, status, data, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, '{}', ?)",
                    (c.key, deck.id, c.id, c.term, c.question, c.status, stamp),
                )
                await db.executemany(
                    "INSERT INTO card_tags (card_key, tag) VALUES (?, ?)", [(c.key, t) for t in (*c.tags, deck.id)]
                )


def table(board) -> list[tuple[int, str, int]]:
    return [(r.rank, r.name, r.points) for r in board.rows]


# -- ranking ----------------------------------------------------------------------------------------
async def test_ties_share_a_rank_and_the_next_rank_skips(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, points=30, name="ann")
    for user, name in ((2, "bob"), (3, "cat")):
        await answer(s, user, t, points=10, name=name)
        await answer(s, user, t, points=10, name=name)
    await answer(s, 3, t, points=0, verdict=WRONG, name="cat")  # same points as bob, one more answer
    await answer(s, 4, t, points=5, name="dan")
    await answer(s, 5, t, points=10, name="eve")
    await answer(s, 5, t, points=10, name="eve")
    for _ in range(4):
        await answer(s, 6, t, points=5, name="fay")  # 20 points too, from more correct answers

    board = await stats.leaderboard(G1, "week")

    # fay, bob, cat and eve tie on 20 points and share second place; dan comes sixth, not third.
    assert table(board) == [
        (1, "ann", 30), (2, "fay", 20), (2, "bob", 20), (2, "cat", 20), (2, "eve", 20), (6, "dan", 5)
    ]  # fmt: skip
    # Within a tie: more correct answers first, then the lower member id. Accuracy is exact.
    assert [r.correct for r in board.rows] == [1, 4, 2, 2, 2, 1]
    assert [r.accuracy for r in board.rows] == [1.0, 1.0, 1.0, pytest.approx(2 / 3), 1.0, 1.0]
    assert board.total == 6 and board.pages == 1 and not board.empty


async def test_wrong_answers_count_on_every_board_without_moving_anyone(store: Store, stats: StatsService) -> None:
    # A wrong answer that scores nothing only adds to the member's answers (the summary trigger updates
    # `answers` alone, a column the rank index does not hold): every board, topic and period agrees.
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 2, t, points=10, name="bob")
    await answer(s, 1, t, points=10, name="ann")
    await answer(s, 3, t, points=0, verdict=WRONG, name="cat")
    for _ in range(2):
        await answer(s, 2, t, points=0, verdict=WRONG, name="bob")
    await answer(s, 1, t, points=0, verdict=WRONG, source=Source.PRACTICE, name="ann")  # never on a board
    for period in ("week", "month", "all"):
        for topic in (None, "transformers", "mini"):
            board = await stats.leaderboard(G1, period, topic)
            assert table(board) == [(1, "ann", 10), (1, "bob", 10), (3, "cat", 0)], (period, topic)
            assert [r.accuracy for r in board.rows] == [1.0, pytest.approx(1 / 3), 0.0], (period, topic)
    # Points come back after the wrong answers: bob moves ahead.
    await answer(s, 2, t, points=5, name="bob")
    for period in ("week", "all"):
        assert table(await stats.leaderboard(G1, period, "transformers")) == [(1, "bob", 15), (2, "ann", 10), (3, "cat", 0)]


async def test_the_board_shows_the_latest_name_kept_with_the_answers(store: Store, stats) -> None:
    s = store
    await answer(s, 1, WEDNESDAY - timedelta(hours=2), name="Old Name")
    await answer(s, 1, WEDNESDAY - timedelta(hours=1), name="New Name")
    board = await stats.leaderboard(G1, "all")
    assert table(board) == [(1, "New Name", 20)]


async def test_private_practice_never_changes_the_board(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, points=10, source=Source.DAILY)
    await answer(s, 2, t, points=50, source=Source.PRACTICE)
    await answer(s, 1, t, points=50, source=Source.PRACTICE)
    for period in ("week", "month", "all"):
        board = await stats.leaderboard(G1, period, caller_id=2)
        assert table(board) == [(1, "user1", 10)], period
        assert board.caller is None  # practice alone does not put you on the board
    # ... but practice counts in the member's own learning stats.
    me = await stats.stats(G1, 2)
    assert me.answers == 1 and me.points_total == 0 and me.points_week == 0


async def test_caller_outside_the_top_ten_gets_their_own_rank(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    for user in range(1, 16):  # user 1 has 150 points ... user 15 has 10
        await answer(s, user, t, points=10 * (16 - user))
    await answer(s, 16, t, points=20)  # ties with user 14

    board = await stats.leaderboard(G1, "week", caller_id=14)
    assert len(board.rows) == PAGE_SIZE and board.rows[-1].rank == 10
    assert not board.caller_shown
    assert board.caller is not None and (board.caller.rank, board.caller.points) == (14, 20)
    assert board.total == 16 and board.pages == 2

    page2 = await stats.leaderboard(G1, "week", page=1, caller_id=14)
    assert [(r.rank, r.user_id) for r in page2.rows] == [(11, 11), (12, 12), (13, 13), (14, 14), (14, 16), (16, 15)]
    assert page2.caller_shown

    # A page past the end shows the last page; the top scorer sees themself on page 1.
    assert (await stats.leaderboard(G1, "week", page=99)).page == 1
    top = await stats.leaderboard(G1, "week", caller_id=1)
    assert top.caller_shown and top.caller is not None and top.caller.rank == 1


async def test_member_rank_agrees_with_rank_window_for_everyone(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    points = [40, 10, 40, 0, 25, 10, 10, 55, 0, 25, 40, 5]
    for user, p in enumerate(points, start=1):
        await answer(s, user, t, points=p, verdict=CORRECT if p else WRONG)
    rows = (await stats.queries.board_page(G1, "all", "", offset=0, limit=50)).rows
    assert [r.points for r in rows] == sorted(points, reverse=True)
    for row in rows:
        alone = await stats.queries.member_rank(G1, "all", "", row.user_id)
        assert alone is not None and alone.rank == row.rank == 1 + sum(p > row.points for p in points)


# -- periods ------------------------------------------------------------------------------------------
async def test_week_and_month_edges_are_local_midnights(store: Store, stats: StatsService, clock) -> None:
    s = store
    await set_zone(s, G1, "Asia/Kolkata")  # UTC+05:30 all year
    # Week of Monday 16 March 2026 00:00 IST = Sunday 15 March 18:30 UTC.
    await answer(s, 1, datetime(2026, 3, 15, 18, 29, 59, tzinfo=UTC), points=1)  # Sunday 23:59:59 IST
    await answer(s, 2, datetime(2026, 3, 15, 18, 30, tzinfo=UTC), points=2)  # Monday 00:00 IST
    # Month of 1 March 2026 00:00 IST = 28 February 18:30 UTC.
    await answer(s, 3, datetime(2026, 2, 28, 18, 29, 59, tzinfo=UTC), points=3)
    await answer(s, 4, datetime(2026, 2, 28, 18, 30, tzinfo=UTC), points=4)

    week = await stats.leaderboard(G1, "week")
    month = await stats.leaderboard(G1, "month")
    everything = await stats.leaderboard(G1, "all")

    assert {r.user_id for r in week.rows} == {2}
    assert {r.user_id for r in month.rows} == {1, 2, 4}
    assert {r.user_id for r in everything.rows} == {1, 2, 3, 4}
    assert week.starts_at == datetime(2026, 3, 15, 18, 30, tzinfo=UTC) and week.zone == "Asia/Kolkata"
    assert everything.starts_at is None


async def test_week_starting_right_after_spring_forward(store: Store, stats: StatsService, clock) -> None:
    s = store
    await set_zone(s, G1, "America/New_York")  # clocks went forward on Sunday 8 March 2026
    clock.now = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)
    # Monday 9 March 00:00 EDT is 04:00 UTC (it would be 05:00 UTC with last week's EST offset).
    await answer(s, 1, datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC))  # Sunday 23:59:59 EDT: last week
    await answer(s, 2, datetime(2026, 3, 9, 4, 0, tzinfo=UTC))  # Monday 00:00 EDT
    await answer(s, 3, datetime(2026, 3, 9, 4, 30, tzinfo=UTC))  # Monday 00:30 EDT (EST would say Sunday)

    week = await stats.leaderboard(G1, "week")
    assert {r.user_id for r in week.rows} == {2, 3}
    assert week.starts_at == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)


async def test_week_and_month_across_fall_back(store: Store, stats: StatsService, clock) -> None:
    s = store
    await set_zone(s, G1, "Europe/Paris")  # clocks went back on Sunday 25 October 2026
    clock.now = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # Monday 2 November, 09:00 CET
    # The week began Monday 2 November 00:00 CET = 1 November 23:00 UTC; the month, 1 November 00:00 CET
    # = 31 October 23:00 UTC (with the summer offset it would have been 22:00 UTC).
    await answer(s, 1, datetime(2026, 10, 31, 22, 30, tzinfo=UTC))  # 31 Oct 23:30 CET: October
    await answer(s, 2, datetime(2026, 10, 31, 23, 0, tzinfo=UTC))  # 1 Nov 00:00 CET
    await answer(s, 3, datetime(2026, 11, 1, 22, 59, tzinfo=UTC))  # Sunday 23:59 CET: last week
    await answer(s, 4, datetime(2026, 11, 1, 23, 0, tzinfo=UTC))  # Monday 00:00 CET

    assert {r.user_id for r in (await stats.leaderboard(G1, "week")).rows} == {4}
    assert {r.user_id for r in (await stats.leaderboard(G1, "month")).rows} == {2, 3, 4}


async def test_a_week_that_contains_the_fall_back_is_169_hours(store: Store, stats, clock) -> None:
    s = store
    await set_zone(s, G1, "Europe/Paris")
    # Monday 19 October 00:00 CEST = 18 October 22:00 UTC; Monday 26 October 00:00 CET = 25 October 23:00 UTC.
    clock.now = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)  # Sunday 23:30 CET, the last half hour of the week
    await answer(s, 1, datetime(2026, 10, 18, 21, 59, tzinfo=UTC))
    await answer(s, 2, datetime(2026, 10, 18, 22, 0, tzinfo=UTC))
    await answer(s, 3, datetime(2026, 10, 25, 22, 59, tzinfo=UTC))
    assert {r.user_id for r in (await stats.leaderboard(G1, "week")).rows} == {2, 3}
    clock.now = datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
    await answer(s, 4, clock.now)
    assert {r.user_id for r in (await stats.leaderboard(G1, "week")).rows} == {4}


async def test_a_new_week_starts_an_empty_board_and_answers_join_it_at_once(
    store: Store, stats: StatsService, clock
) -> None:
    s = store
    await set_zone(s, G1, "Europe/Paris")
    await answer(s, 1, WEDNESDAY - timedelta(hours=1))
    assert table(await stats.leaderboard(G1, "week")) == [(1, "user1", 10)]

    # Answers while the window is current are counted by the trigger, in the answer's transaction.
    await answer(s, 2, WEDNESDAY, points=25)
    assert table(await stats.leaderboard(G1, "week")) == [(1, "user2", 25), (2, "user1", 10)]

    # Next Monday 00:00 in Paris (23:00 UTC on Sunday): a fresh week; all time keeps everything.
    clock.now = datetime(2026, 3, 22, 23, 0, tzinfo=UTC)
    fresh = await stats.leaderboard(G1, "week", caller_id=1)
    assert fresh.empty and fresh.rows == [] and fresh.caller is None and fresh.pages == 1
    await answer(s, 1, clock.now + timedelta(minutes=5), points=5)
    assert table(await stats.leaderboard(G1, "week")) == [(1, "user1", 5)]
    assert table(await stats.leaderboard(G1, "all")) == [(1, "user2", 25), (2, "user1", 15)]


async def test_the_guild_zone_is_the_daily_questions_and_utc_by_default(store: Store, stats: StatsService) -> None:
    assert await stats.queries.guild_timezone(G1) is None
    assert (await stats.zone(G1)).key == "UTC"
    await set_zone(store, G1, "Asia/Kolkata")
    await set_zone(store, G2, "Not/AZone")  # unknown to this machine's zone database: UTC, not an error
    assert await stats.queries.guild_timezone(G1) == "Asia/Kolkata"
    assert (await stats.zone(G1)).key == "Asia/Kolkata"
    assert (await stats.zone(G2)).key == "UTC"


async def test_changing_the_time_zone_moves_the_week(store: Store, stats: StatsService, clock) -> None:
    s = store
    clock.now = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # Monday noon UTC
    await answer(s, 1, datetime(2026, 3, 15, 20, 0, tzinfo=UTC))  # Sunday in UTC; Monday in Tokyo
    assert (await stats.leaderboard(G1, "week")).empty  # UTC: no zone set
    await set_zone(s, G1, "Asia/Tokyo")
    assert {r.user_id for r in (await stats.leaderboard(G1, "week")).rows} == {1}


# -- topics -------------------------------------------------------------------------------------------
async def test_topic_boards_count_only_that_topics_cards(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, card="mini:l1-regularization", points=10)  # optimization, training
    await answer(s, 1, t, card="mini:l2-regularization", points=10)
    await answer(s, 2, t, card="mini:bert", points=30)  # transformers, nlp
    await answer(s, 3, t, card="mini:temperature", points=5)  # llms, sampling

    for period in ("week", "month", "all"):
        assert table(await stats.leaderboard(G1, period, "optimization")) == [(1, "user1", 20)]
        assert table(await stats.leaderboard(G1, period, " Transformers ")) == [(1, "user2", 30)]
        # A deck id is a topic too: the whole deck.
        assert [r.user_id for r in (await stats.leaderboard(G1, period, "mini")).rows] == [2, 1, 3]
    board = await stats.leaderboard(G1, "week", "sampling", caller_id=1)
    assert board.topic == "sampling" and board.caller is None

    with pytest.raises(NotFound, match="no topic called") as unknown:
        await stats.leaderboard(G1, "week", "nonsense")
    assert unknown.value.code == UNKNOWN_TOPIC
    assert unknown.value.params == {"topic": Quote("nonsense")}  # quoted back as typed; the surface renders it
    with pytest.raises(UserError, match="not a period") as bad:
        await stats.leaderboard(G1, "year")
    assert bad.value.code == BAD_PERIOD and bad.value.params == {"period": Quote("year")}


async def test_topic_boards_follow_the_deck_tags(tmp_path: Path, store: Store, decks, stats) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, card="mini:temperature", points=10)  # llms, sampling
    assert table(await stats.leaderboard(G1, "all", "sampling")) == [(1, "user1", 10)]
    assert table(await stats.leaderboard(G1, "week", "sampling")) == [(1, "user1", 10)]

    # The deck file changes: temperature is now tagged "decoding" instead of "sampling".
    mini = decks[0]
    cards = tuple(
        dataclasses.replace(c, tags=("llms", "decoding")) if c.id == "temperature" else c for c in mini.cards
    )
    new_decks = [dataclasses.replace(mini, cards=cards)]
    await DeckQueries(s).sync_decks(new_decks, now=WEDNESDAY)
    stats.catalog = Catalog(new_decks)

    for period in ("all", "week"):
        assert table(await stats.leaderboard(G1, period, "decoding")) == [(1, "user1", 10)], period
        assert table(await stats.leaderboard(G1, period, "llms")) == [(1, "user1", 10)], period
    assert await s.user_version() >= 4
    assert not await stats.queries.has_tag_changes()
    rows = await stats.queries.board_page(G1, "all", "sampling", offset=0, limit=10)
    assert rows.rows == [] and rows.total == 0  # the old topic no longer counts the card


# -- departed members, isolation ---------------------------------------------------------------------
async def test_departed_members_stay_in_the_data_but_are_not_listed(store: Store, stats) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    for user, points in ((1, 30), (2, 20), (3, 10)):
        await answer(s, user, t, points=points)
    await stats.mark_departed(G1, [1])

    board = await stats.leaderboard(G1, "all", caller_id=3)
    assert table(board) == [(1, "user2", 20), (2, "user3", 10)]  # ranks close up
    assert board.total == 2
    assert (await stats.leaderboard(G1, "week", caller_id=3)).caller.rank == 2
    assert (await stats.stats(G1, 1)).points_total == 30  # their data is kept
    # exclude_user_ids (found gone while building a page) works the same way.
    assert table(await stats.leaderboard(G1, "all", exclude_user_ids=[2])) == [(1, "user3", 10)]

    # Answering again (they came back) lists them again.
    await answer(s, 1, WEDNESDAY, points=1)
    assert [r.user_id for r in (await stats.leaderboard(G1, "all")).rows] == [1, 2, 3]
    # So does using the board themselves.
    await stats.mark_departed(G1, [2])
    assert [r.user_id for r in (await stats.leaderboard(G1, "all", caller_id=2)).rows] == [1, 2, 3]


async def test_nothing_from_one_server_shows_in_another(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, points=10, guild=G1)
    await answer(s, 2, t, points=99, guild=G2, card="mini:temperature")
    await answer(s, 1, t, points=99, guild=G2, card="mini:temperature")
    await answer(s, 3, t, points=99, guild=None)  # terminal practice: no guild at all

    for period in ("week", "month", "all"):
        assert table(await stats.leaderboard(G1, period)) == [(1, "user1", 10)]
    assert table(await stats.leaderboard(G1, "all", "sampling")) == []
    me = await stats.stats(G1, 1)
    assert (me.points_total, me.answers) == (10, 1) and me.missed == []
    assert not (await stats.stats(G1, 2)).has_answers
    await stats.mark_departed(G2, [1])
    assert table(await stats.leaderboard(G1, "all")) == [(1, "user1", 10)]


async def test_an_upgraded_database_keeps_its_history(
    engine: Engine, decks, monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    if engine.postgres:
        from bot.core.storage.pg import store as pg_store_module

        every = pg_store_module.pg_migrations()
        monkeypatch.setattr(pg_store_module, "pg_migrations", lambda: [m for m in every if m[0] < 4])
    else:
        everything = store_module.migrations()
        monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] < 4])
    answers_as_before_0017(monkeypatch)
    old = await engine.open()
    await old_deck_rows(old, decks)
    assert await old.user_version() < 4
    await answer(old, 1, WEDNESDAY - timedelta(days=40), points=10, card="mini:l1-regularization")
    await answer(old, 2, WEDNESDAY - timedelta(hours=1), points=5, name="Bea", session="q1")
    await answer(old, 2, WEDNESDAY - timedelta(hours=1), points=0, verdict=WRONG, source=Source.PRACTICE,
                 name="Bea")  # fmt: skip
    await old.close()
    monkeypatch.undo()  # this version's migrations and writer again
    answers_as_now()

    store = await engine.open()
    stats = StatsService(store=store, catalog=Catalog(decks), clock=clock)
    await stats.start()
    assert table(await stats.leaderboard(G1, "all")) == [(1, "user1", 10), (2, "Bea", 5)]
    assert table(await stats.leaderboard(G1, "week")) == [(1, "Bea", 5)]
    assert table(await stats.leaderboard(G1, "all", "optimization")) == [(1, "user1", 10)]
    bea = await stats.stats(G1, 2)
    assert (bea.answers, bea.correct, bea.quizzes_played, bea.points_total) == (2, 1, 1, 5)


# -- /stats -----------------------------------------------------------------------------------------
async def test_stats_of_a_member(store: Store, stats: StatsService, clock) -> None:
    s = store
    await set_zone(s, G1, "Europe/Paris")
    t = WEDNESDAY - timedelta(hours=2)
    last_week = WEDNESDAY - timedelta(days=7)
    # 6 answers on "optimization" cards (5 right), 6 on "transformers" (2 right), 5 on "llms" (4 right),
    # 2 on "vision"-less see-image card (too few to rank a topic).
    for i in range(6):
        await answer(s, 1, t, card="mini:l2-regularization", verdict=CORRECT if i else WRONG, points=10 if i else 0,
                     session="q1" if i < 3 else "q2")  # fmt: skip
    for i in range(6):
        ok = i < 2
        await answer(s, 1, last_week, card="mini:bert", verdict=CORRECT if ok else WRONG, points=10 if ok else 0,
                     source=Source.DAILY)  # fmt: skip
    for i in range(5):
        ok = i < 4
        await answer(s, 1, t, card="mini:temperature", verdict=CORRECT if ok else WRONG, points=0,
                     source=Source.PRACTICE)  # fmt: skip
    await answer(s, 2, t, card="mini:bert", points=100, session="q2")
    async with s.transaction() as db:
        await db.executemany(
            "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status, winner_id,"
            " created_at) VALUES (?, ?, 7, 1, 'typed', ?, 5, 'finished', ?, ?)",
            [("q1", G1, 0, 1, now_ms(t)), ("q2", G1, 0, 2, now_ms(t)), ("p1", G1, 1, 1, now_ms(t))],
        )
        await db.execute(
            "INSERT INTO daily_streaks (guild_id, user_id, user_name, current, best, last_day)"
            " VALUES (?, 1, 'user1', 3, 7, ?)",
            (G1, (date(2026, 3, 17)).isoformat()),  # yesterday in Paris: the streak is alive
        )

    me = await stats.stats(G1, 1)

    assert me.has_answers and me.name == "user1" and me.zone == "Europe/Paris"
    assert (me.points_week, me.points_total, me.rank_all) == (50, 70, 2)
    assert (me.answers, me.correct) == (17, 11) and me.accuracy == pytest.approx(11 / 17)
    assert (me.quizzes_played, me.quizzes_won) == (2, 1)  # the private p1 "win" does not count
    assert (me.streak_current, me.streak_best) == (3, 7)
    assert [(t.topic, t.correct, t.answers) for t in me.strongest] == [
        ("optimization", 5, 6), ("training", 5, 6), ("llms", 4, 5)
    ]  # fmt: skip
    # sampling (4/5) is at llms' accuracy: it is no weakness beside llms as a strength
    assert [(t.topic, t.correct, t.answers) for t in me.weakest] == [("nlp", 2, 6), ("transformers", 2, 6)]
    assert [(m.key, m.missed, m.answers, m.term) for m in me.missed] == [
        ("mini:bert", 4, 6, "BERT"), ("mini:l2-regularization", 1, 6, "ridge regression"),
        ("mini:temperature", 1, 5, "temperature"),
    ]  # fmt: skip
    assert len(me.days) == 30 and me.days[-1].day == date(2026, 3, 18)
    assert (me.days[-1].answers, me.days[-1].correct) == (11, 9)
    assert (me.days[-8].day, me.days[-8].answers, me.days[-8].correct) == (date(2026, 3, 11), 6, 2)
    assert sum(d.answers for d in me.days) == 17

    # Two days without a daily question (none posted): the streak is what the next answer continues, as the
    # daily question counts it; a reveal of a question the member missed ends it.
    clock.now = WEDNESDAY + timedelta(days=2)
    later = await stats.stats(G1, 1)
    assert (later.streak_current, later.streak_best) == (3, 7)
    async with s.transaction() as db:
        await DailyQueries(s).end_lapsed_streaks(db, G1, date(2026, 3, 19))
    ended = await stats.stats(G1, 1)
    assert (ended.streak_current, ended.streak_best) == (0, 7)


async def test_strongest_and_weakest_never_repeat_a_topic(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    for i in range(5):
        await answer(s, 1, t, card="mini:temperature", verdict=CORRECT if i else WRONG)  # llms, sampling: 80%
    me = await stats.stats(G1, 1)
    assert [x.topic for x in me.strongest] == ["llms", "sampling"]
    assert me.weakest == []


async def test_the_chart_days_are_local_days_across_a_dst_change(store: Store, stats, clock) -> None:
    s = store
    await set_zone(s, G1, "America/New_York")
    clock.now = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # Tuesday 10 March, 11:00 EDT
    await answer(s, 1, datetime(2026, 3, 8, 4, 59, tzinfo=UTC))  # Sat 7 March 23:59 EST
    await answer(s, 1, datetime(2026, 3, 8, 5, 0, tzinfo=UTC))  # Sun 8 March 00:00 EST
    await answer(s, 1, datetime(2026, 3, 9, 3, 59, tzinfo=UTC), verdict=WRONG)  # Sun 8 March 23:59 EDT
    await answer(s, 1, datetime(2026, 3, 9, 4, 0, tzinfo=UTC))  # Mon 9 March 00:00 EDT
    days = {d.day: (d.answers, d.correct) for d in (await stats.stats(G1, 1)).days}
    assert days[date(2026, 3, 7)] == (1, 1)
    assert days[date(2026, 3, 8)] == (2, 1)  # a 23-hour day
    assert days[date(2026, 3, 9)] == (1, 1)
    assert days[date(2026, 3, 10)] == (0, 0)
    assert min(days) == date(2026, 2, 9) and len(days) == 30


async def test_a_member_with_no_answers(stats: StatsService) -> None:
    me = await stats.stats(G1, 42)
    assert not me.has_answers and me.days == [] and me.points_total == 0 and me.name is None
    board = await stats.leaderboard(G1, "week", caller_id=42)
    assert board.empty and board.total == 0 and board.pages == 1 and board.caller is None


# -- what others may see ----------------------------------------------------------------------------
async def test_the_server_view_of_a_member_leaves_private_practice_out(store: Store, stats, clock) -> None:
    """What anyone else sees on /stats counts quiz and daily answers only (issue 14)."""
    s, t = store, WEDNESDAY - timedelta(hours=2)
    for i in range(6):
        await answer(s, 1, t, card="mini:l2-regularization", verdict=CORRECT if i else WRONG, points=10 if i else 0)
    for i in range(5):
        await answer(s, 1, t, card="mini:bert", verdict=CORRECT if i == 0 else WRONG, points=15 if i == 0 else 0,
                     source=Source.DAILY)  # fmt: skip
    for _ in range(9):  # private practice, all wrong: the member's own business
        await answer(s, 1, t, card="mini:temperature", verdict=WRONG, points=0, source=Source.PRACTICE)

    own = await stats.stats(G1, 1)
    public = await stats.stats(G1, 1, include_practice=False)

    assert own.includes_practice and not public.includes_practice
    assert (own.answers, own.correct) == (20, 6)
    assert (public.answers, public.correct) == (11, 6)  # the 9 practice answers are not there
    assert (public.points_week, public.points_total, public.rank_all) == (own.points_week, own.points_total, 1) == (
        65, 65, 1
    )  # fmt: skip
    assert public.missed == [] and [m.key for m in own.missed][:1] == ["mini:temperature"]
    assert "llms" in [x.topic for x in own.weakest] and "llms" not in [x.topic for x in public.weakest]
    assert [(x.topic, x.correct, x.answers) for x in public.strongest][:1] == [("optimization", 5, 6)]
    assert (public.days[-1].answers, public.days[-1].correct) == (11, 6)
    assert (own.days[-1].answers, own.days[-1].correct) == (20, 6)

    # Someone who only practised has nothing anyone else may see.
    await answer(s, 2, t, card="mini:bert", points=0, source=Source.PRACTICE)
    assert (await stats.stats(G1, 2)).has_answers
    assert not (await stats.stats(G1, 2, include_practice=False)).has_answers


# -- a database that refuses writes ------------------------------------------------------------------
@pytest.fixture
def refuse_writes(store: Store, monkeypatch: pytest.MonkeyPatch):
    """``refuse_writes()``: every write transaction fails as on a read-only mount (as the store of either engine
    reports it); ``monkeypatch.undo()`` heals."""

    def refuse() -> None:
        @asynccontextmanager
        async def transaction(self: Store) -> AsyncIterator[object]:
            raise sqlite3.OperationalError("attempt to write a readonly database")
            yield  # pragma: no cover

        monkeypatch.setattr(type(store), "transaction", transaction)

    return refuse


async def test_every_board_still_reads_when_the_database_refuses_writes(
    store: Store, stats: StatsService, clock, refuse_writes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/leaderboard rebuilds the week and month on its read path; a read-only database must not stop it
    (issue 11): the board is then read live from the answers, exactly as the stored one would rank it."""
    s = store
    await set_zone(s, G1, "Europe/Paris")
    points = [40, 10, 40, 0, 25, 10, 10, 55, 0, 25, 40, 5, 30, 30]
    for user, p in enumerate(points, start=1):
        card = "mini:l1-regularization" if user % 2 else "mini:bert"
        await answer(s, user, WEDNESDAY - timedelta(hours=user), points=p, verdict=CORRECT if p else WRONG, card=card)
        await answer(s, user, WEDNESDAY - timedelta(days=10), points=7, card=card)  # last month: not this week
    await answer(s, 15, WEDNESDAY - timedelta(hours=1), points=0, source=Source.PRACTICE)  # never listed
    await stats.mark_departed(G1, [8])  # the top scorer left
    queries = [
        (period, topic, page, caller, exclude)
        for period in ("week", "month")
        for topic in (None, "optimization")
        for page in (0, 1)
        for caller, exclude in ((4, ()), (12, (3,)), (9, ()))
    ]

    refuse_writes()
    live = [await stats.leaderboard(G1, *q[:3], caller_id=q[3], exclude_user_ids=q[4]) for q in queries]
    assert await stats.queries.window(G1, "week") is None  # nothing could be written
    monkeypatch.undo()  # the database heals
    stored = [await stats.leaderboard(G1, *q[:3], caller_id=q[3], exclude_user_ids=q[4]) for q in queries]
    assert await stats.queries.window(G1, "week") is not None

    assert all(board.live for board in live) and not any(board.live for board in stored)
    for q, a, b in zip(queries, live, stored, strict=True):
        assert dataclasses.replace(a, live=False) == b, q
    week = live[0]
    assert week.total == 13 and week.pages == 2 and [r.user_id for r in week.rows][:3] == [1, 3, 11]
    assert week.caller is not None and (week.caller.rank, week.caller.points) == (12, 0)


async def test_bookkeeping_on_the_read_path_is_skipped_when_writes_fail(store: Store, stats, refuse_writes) -> None:
    """Recording a departure or a return, and folding tag changes in, never fail a read."""
    await answer(store, 1, WEDNESDAY - timedelta(hours=1), points=10)
    await answer(store, 2, WEDNESDAY - timedelta(hours=1), points=5)
    await stats.mark_departed(G1, [2])
    refuse_writes()
    await stats.mark_departed(G1, [1])  # not recorded, no error
    assert await stats.mark_present(G1, 2) is False  # could not be forgotten
    board = await stats.leaderboard(G1, "all", caller_id=2)
    assert table(board) == [(1, "user1", 10)] and not board.live
    assert (await stats.stats(G1, 1)).points_total == 10


async def test_a_tie_across_a_page_break_keeps_its_rank(store: Store, stats: StatsService) -> None:
    s, t = store, WEDNESDAY - timedelta(hours=1)
    points = [90, 80, 80, 70, 60, 50, 40, 30, 30, 20, 20, 20, 10, 5]  # ranks 9-10 and 10-12 cross page breaks
    for user, p in enumerate(points, start=1):
        await answer(s, user, t, points=p)
    await answer(s, 99, t, points=85)
    await stats.mark_departed(G1, [99])  # above everyone on page 2: must not push their ranks down
    expected = [1 + sum(q > p for q in points) for p in points]
    for size in (3, 4, 9, 10):
        got = []
        for offset in range(0, len(points), size):
            got += (await stats.queries.board_page(G1, "all", "", offset=offset, limit=size)).rows
        assert [(r.user_id, r.rank) for r in got] == list(zip(range(1, len(points) + 1), expected, strict=True)), size


async def test_the_week_board_asked_first_after_a_tag_change_is_rebuilt(store: Store, decks, stats) -> None:
    """Folding tag changes in drops the stored week; the same read must then rebuild it, not show it empty."""
    s, t = store, WEDNESDAY - timedelta(hours=1)
    await answer(s, 1, t, card="mini:temperature", points=10)
    assert table(await stats.leaderboard(G1, "week")) == [(1, "user1", 10)]
    mini = decks[0]
    cards = tuple(dataclasses.replace(c, tags=("llms", "decoding")) if c.id == "temperature" else c for c in mini.cards)
    new_decks = [dataclasses.replace(mini, cards=cards)]
    await DeckQueries(s).sync_decks(new_decks, now=WEDNESDAY)
    stats.catalog = Catalog(new_decks)

    assert table(await stats.leaderboard(G1, "week")) == [(1, "user1", 10)]
    assert table(await stats.leaderboard(G1, "week", "decoding")) == [(1, "user1", 10)]
