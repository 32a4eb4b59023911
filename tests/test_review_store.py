"""Reviews on both engines (a SQLite file, a PostgreSQL schema): every answer through the attempt writer and
the review hook, in one transaction; rebuilding states from the logs; due and new cards (topics, retired
cards, the daily limit in the member's zone); status; sessions; reminders; the orders for practice and the
daily question. The terminal ``tutorbot review`` runs on its SQLite file (TUTOR_DB_PATH)."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_support import cli_database
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from play_support import MINI_RIGHT
from review_store_support import (  # noqa: F401
    ALICE,
    BOB,
    G1,
    START,
    hooked,
    mini_decks,
    review_clock,
    service,
    synced_store,
)

from bot.core.catalog import Catalog
from bot.core.errors import Closed, UserError
from bot.core.models import Attempt, Deck, Source, VerdictKind
from bot.core.review import Rating, ReviewService, SessionSummary, Shown
from bot.core.review import scheduler as fsrs
from bot.core.review.models import NOTICE_DMS_CLOSED
from bot.core.storage import Store
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.review_queries import NO_GUILD

ROOT = Path(__file__).resolve().parents[1]
G2 = 2002
RIGHT = {**MINI_RIGHT, "mini:continual-learning": "continual learning"}


@pytest.fixture
def review(store: Store, decks: list[Deck], clock) -> ReviewService:
    return service(store, decks, clock)


async def graded(
    store: Store,
    review: ReviewService,
    key: str,
    verdict: VerdictKind,
    at: datetime,
    *,
    user: int = ALICE,
    guild: int | None = G1,
    source: Source = Source.QUIZ,
    session: str | None = None,
    extra: dict[str, object] | None = None,
) -> int:
    """One graded answer written the way every feature writes it: the attempt writer, which runs the hook."""
    attempt = Attempt(
        guild_id=guild, channel_id=5, user_id=user, user_name=f"user{user}", card_key=key, source=source,
        response="…", verdict=verdict, points=0, created_at=at, session_id=session, extra=extra or {},
    )
    async with store.transaction() as db:
        return await hooked(review).add(db, attempt)


async def count(store: Store, sql: str) -> int:
    async with store.read() as db:
        row = await (await db.execute(sql)).fetchone()
    assert row is not None
    return int(row[0])


# -- the answer path ---------------------------------------------------------------------------------
async def test_an_attempt_writes_its_review_log_and_state_in_the_same_transaction(store, review) -> None:
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START)
    logs = await review.queries.logs(G1, ALICE)
    assert [(log.card_key, log.rating, log.source, log.verdict, log.before) for log in logs] == [
        ("mini:bert", int(Rating.Good), "quiz", "correct", None)
    ]
    states = await review.queries.states(G1, ALICE)
    assert states["mini:bert"].due == START + timedelta(minutes=10)
    assert logs[0].after.due == states["mini:bert"].due
    with pytest.raises(RuntimeError):
        async with store.transaction() as db:
            attempt = Attempt(G1, 5, BOB, "bob", "mini:bert", Source.QUIZ, "x", VerdictKind.WRONG, 0, START)
            await hooked(review).add(db, attempt)
            raise RuntimeError("the answer failed after the review was written")
    assert await count(store, f"SELECT COUNT(*) FROM review_logs WHERE user_id = {BOB}") == 0
    assert await review.queries.states(G1, BOB) == {}


async def test_a_failing_review_never_loses_the_answer(store, review, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("scheduler failure")

    monkeypatch.setattr("bot.core.review.service.review", broken)
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START)
    assert await count(store, "SELECT COUNT(*) FROM attempts") == 1
    assert await count(store, "SELECT COUNT(*) FROM review_logs") == 0


async def test_the_writer_gives_each_hook_the_attempt_and_its_id_also_in_a_group_commit(store, review) -> None:
    seen: list[tuple[str, int]] = []

    async def watch(db, attempt: Attempt, attempt_id: int) -> None:
        seen.append((attempt.card_key, attempt_id))

    writer = hooked(review)
    writer.subscribe(watch)
    writer.subscribe(watch)  # once is enough
    batch = [
        Attempt(G1, 5, user, f"user{user}", key, Source.QUIZ, "x", VerdictKind.CORRECT, 10, START, session_id="q1")
        for user, key in ((ALICE, "mini:bert"), (BOB, "mini:temperature"), (ALICE, "mini:temperature"))
    ]
    async with store.transaction() as db:
        await writer.add_many(db, batch)
    async with store.read() as db:
        stored = [(r[0], r[1]) for r in await db.execute_fetchall("SELECT card_key, id FROM attempts ORDER BY id")]
        logged = [tuple(r) for r in await db.execute_fetchall("SELECT user_id, card_key, attempt_id FROM review_logs")]
    assert seen == stored and len(stored) == 3
    assert sorted(logged) == sorted(
        (a.user_id, a.card_key, attempt_id) for a, (_, attempt_id) in zip(batch, stored, strict=True)
    )
    writer.unsubscribe(watch)
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START, user=BOB)
    assert len(seen) == 3


async def test_a_hook_failing_half_way_rolls_back_its_own_writes_and_keeps_the_answer(store, review) -> None:
    others: list[int] = []

    async def half_done(db, attempt: Attempt, attempt_id: int) -> None:
        await review.on_attempt(db, attempt, attempt_id)  # the review is written …
        raise ValueError("… then something fails")

    async def later(db, attempt: Attempt, attempt_id: int) -> None:
        others.append(attempt_id)

    writer = AttemptWriter()
    writer.subscribe(half_done)
    writer.subscribe(later)
    attempt = Attempt(G1, 5, ALICE, "alice", "mini:bert", Source.QUIZ, "x", VerdictKind.CORRECT, 10, START)
    async with store.transaction() as db:
        first = await writer.add(db, attempt)
        writer.unsubscribe(half_done)
        writer.subscribe(review.on_attempt)
        second = await writer.add(db, replace(attempt, card_key="mini:temperature"))
    assert await count(store, "SELECT COUNT(*) FROM attempts") == 2
    assert await count(store, f"SELECT SUM(points) FROM board_scores WHERE user_id = {ALICE} AND topic = ''") == 20
    assert others == [first, second]
    assert [(log.card_key, log.attempt_id) for log in await review.queries.logs(G1, ALICE)] == [
        ("mini:temperature", second)
    ]
    assert set(await review.queries.states(G1, ALICE)) == {"mini:temperature"}


async def test_only_the_first_graded_answer_to_a_quiz_question_rates_the_card(store, review) -> None:
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START, session="q1")
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START + timedelta(seconds=5), session="q1")
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START + timedelta(hours=1), session="q2")
    assert [log.rating for log in await review.queries.logs(G1, ALICE)] == [int(Rating.Again), int(Rating.Good)]


async def test_an_attempt_is_rated_once_even_if_recorded_twice(store, review) -> None:
    attempt = Attempt(G1, 5, ALICE, "a", "mini:bert", Source.DAILY, "x", VerdictKind.CORRECT, 10, START)
    async with store.transaction() as db:
        attempt_id = await AttemptWriter().add(db, attempt)
        assert await review.record(db, attempt, attempt_id=attempt_id) is not None
        assert await review.record(db, attempt, attempt_id=attempt_id) is None
    assert len(await review.queries.logs(G1, ALICE)) == 1


async def test_hints_and_typos_carried_by_the_attempt_rate_hard(store, review) -> None:
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START, extra={"hints": 1})
    await graded(store, review, "mini:temperature", VerdictKind.CORRECT, START, extra={"reason": "spelling"})
    assert {log.card_key: log.rating for log in await review.queries.logs(G1, ALICE)} == {
        "mini:bert": int(Rating.Hard), "mini:temperature": int(Rating.Hard)
    }


async def test_every_state_rebuilt_from_the_logs_equals_the_stored_one(store, review, clock) -> None:
    rng = random.Random(11)
    keys = list(RIGHT)
    at = START
    for step in range(300):
        user = rng.choice((ALICE, BOB))
        guild = rng.choice((G1, G2, None))
        if step == 150:
            await review.members.update(G1, ALICE, retention=0.8)  # a change of retention half-way
        verdict = rng.choice(list(VerdictKind))
        extra: dict[str, object] = {"seconds": rng.uniform(1, 20), "hints": rng.choice((0, 0, 1))}
        await graded(store, review, rng.choice(keys), verdict, at, user=user, guild=guild, extra=extra)
        at += timedelta(minutes=rng.choice((1, 7, 30, 600, 3000)), microseconds=rng.randrange(1000))
    checked = 0
    for guild in (G1, G2, NO_GUILD):
        for user in (ALICE, BOB):
            stored = await review.queries.states(guild, user)
            logs = await review.queries.logs(guild, user)
            for key, state in stored.items():
                mine = [(Rating(log.rating), log.at, log.retention) for log in logs if log.card_key == key]
                assert fsrs.replay(mine) == state, (guild, user, key)
                checked += 1
    assert checked > 20
    assert {log.retention for log in await review.queries.logs(G1, ALICE)} == {0.9, 0.8}


async def test_answers_committed_out_of_order_never_run_time_back(store, review) -> None:
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START, session="q1")
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START - timedelta(seconds=2), session="q2")
    logs = await review.queries.logs(G1, ALICE)
    assert [log.at for log in logs] == [START, START]
    replayed = fsrs.replay([(Rating(log.rating), log.at, log.retention) for log in logs])
    assert replayed == (await review.queries.states(G1, ALICE))["mini:bert"]


# -- what is due ----------------------------------------------------------------------------------------
async def test_due_cards_come_most_overdue_first_and_retired_cards_drop_out(store, review, decks) -> None:
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START)  # due in 1 minute
    await graded(store, review, "mini:temperature", VerdictKind.CORRECT, START - timedelta(minutes=30))
    now = START + timedelta(hours=1)
    assert await review.queries.due_cards(G1, ALICE, now) == ["mini:temperature", "mini:bert"]
    assert await review.due_for_practice(G1, ALICE, ["mini:bert"]) == []  # the clock is at START
    mini = decks[0]
    without_bert = Deck(mini.id, mini.title, cards=tuple(c for c in mini.cards if c.id != "bert"))
    await store.sync_decks([without_bert], now=now)
    assert await review.queries.due_cards(G1, ALICE, now) == ["mini:temperature"]
    assert "mini:bert" not in await review.queries.new_cards(G1, BOB, limit=10)
    assert [log.card_key for log in await review.queries.logs(G1, ALICE, "mini:bert")] == ["mini:bert"]  # kept
    await store.sync_decks(decks, now=now)  # back in the deck: its schedule is back too
    assert await review.queries.due_cards(G1, ALICE, now) == ["mini:temperature", "mini:bert"]


async def test_new_cards_come_in_deck_order_within_the_members_topics(store, review) -> None:
    assert (await review.queries.new_cards(G1, ALICE, limit=3)) == [
        "mini:bert", "mini:attention-mechanism", "mini:temperature"
    ]
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START)
    assert (await review.queries.new_cards(G1, ALICE, limit=1)) == ["mini:attention-mechanism"]
    assert (await review.queries.new_cards(G1, ALICE, topics=["training"], limit=5)) == [
        "mini:l2-regularization", "mini:l1-regularization"
    ]
    # the incomplete card (mini:see-image) is never offered
    assert "mini:see-image" not in await review.queries.new_cards(G1, ALICE, limit=20)


async def test_a_session_reviews_due_cards_then_new_ones_up_to_the_daily_limit(store, review, clock) -> None:
    await review.members.update(G1, ALICE, new_per_day=2)
    await graded(store, review, "mini:temperature", VerdictKind.WRONG, START - timedelta(minutes=5))
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "mini:temperature" and not step.is_new
    assert step.due == 1 and step.new_left == 2
    done = await review.answer(session.id, user_id=ALICE, number=1, response="temperature")
    assert done.verdict.correct and done.rating is Rating.Good and (done.after.state, done.after.step) == (1, 1)
    seen = []
    for number in (2, 3):
        step = await review.next(session.id, user_id=ALICE, number=number - 1)
        assert isinstance(step, Shown) and step.is_new and step.number == number
        seen.append(step.card.key)
        await review.give_up(session.id, user_id=ALICE, number=number)
    assert seen == ["mini:bert", "mini:attention-mechanism"]
    summary = await review.next(session.id, user_id=ALICE, number=3)
    assert isinstance(summary, SessionSummary)
    assert (summary.reviewed, summary.right, summary.learned, summary.stopped) == (3, 1, 2, False)
    assert summary.next_due == START + timedelta(minutes=1)
    with pytest.raises(Closed):
        await review.next(session.id, user_id=ALICE, number=3)
    status = await review.members.status(G1, ALICE)
    assert (status.new_today, status.new_left, status.learning, status.learned) == (2, 0, 3, 0)
    assert await count(store, "SELECT COUNT(*) FROM attempts WHERE session_id LIKE 'rv-%'") == 3


async def test_session_refusals(store, review, clock) -> None:
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown)
    with pytest.raises(UserError, match="belongs to someone else"):
        await review.answer(session.id, user_id=BOB, number=1, response="x")
    with pytest.raises(UserError, match="Type an answer first"):
        await review.answer(session.id, user_id=ALICE, number=1, response="   ")
    with pytest.raises(UserError, match="Answer this card first"):
        await review.next(session.id, user_id=ALICE, number=1)
    with pytest.raises(Closed, match="no longer on show"):
        await review.answer(session.id, user_id=ALICE, number=7, response="x")
    twice = await asyncio.gather(
        review.answer(session.id, user_id=ALICE, number=1, response=RIGHT[step.card.key]),
        review.give_up(session.id, user_id=ALICE, number=1),  # a second click while the first is stored
        return_exceptions=True,
    )
    assert not isinstance(twice[0], BaseException) and twice[0].verdict.correct
    assert isinstance(twice[1], UserError) and twice[1].code == "review.answered"
    with pytest.raises(UserError, match="already answered"):
        await review.give_up(session.id, user_id=ALICE, number=1)
    assert len(await review.queries.logs(G1, ALICE)) == 1
    summary = await review.stop(session.id, user_id=ALICE)
    assert summary.stopped and summary.reviewed == 1
    with pytest.raises(Closed, match="has ended"):
        await review.give_up(session.id, user_id=ALICE, number=2)


async def test_a_fast_right_answer_on_a_mature_card_is_easy(store, review, clock) -> None:
    at = START - timedelta(days=200)
    for _ in range(6):  # grow the interval past 21 days
        await graded(store, review, "mini:temperature", VerdictKind.CORRECT, at)
        at = (await review.queries.states(G1, ALICE))["mini:temperature"].due
    state = (await review.queries.states(G1, ALICE))["mini:temperature"]
    assert fsrs.is_mature(state)
    clock.now = state.due + timedelta(hours=1)
    await review.members.update(G1, ALICE, new_per_day=0)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "mini:temperature"
    clock.tick(4)
    done = await review.answer(session.id, user_id=ALICE, number=1, response=RIGHT[step.card.key])
    assert done.rating is Rating.Easy


# -- time zones ---------------------------------------------------------------------------------------------
async def test_due_today_and_the_new_card_limit_follow_the_members_day(store, review, clock) -> None:
    # 15:30 UTC is 23:30 in Asia/Shanghai (UTC+8): its day ends in 30 minutes.
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START)  # due at 15:40 UTC
    clock.now = START + timedelta(minutes=20)
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, clock.now)  # next due in days
    await graded(store, review, "mini:temperature", VerdictKind.WRONG, START)  # due at 15:31 UTC
    utc = await review.members.status(G1, ALICE)
    assert utc.settings.zone == "UTC" and utc.day_ends == datetime(2026, 3, 19, tzinfo=UTC)
    await review.members.update(G1, ALICE, timezone="Asia/Shanghai")
    local = await review.members.status(G1, ALICE)
    assert local.day_ends == datetime(2026, 3, 18, 16, 0, tzinfo=UTC) and local.settings.zone == "Asia/Shanghai"
    assert local.due_now == 1 and local.due_today == 1


async def test_today_is_the_servers_day_unless_the_member_chose_a_zone(store, review) -> None:
    async with store.transaction() as db:
        await Store.set_guild_timezone(db, G1, "America/New_York", 0)
    assert (await review.members.settings(G1, ALICE)).zone == "America/New_York"
    assert (await review.members.settings(G2, ALICE)).zone == "UTC"
    await review.members.update(G1, ALICE, timezone="Europe/Paris")
    assert (await review.members.settings(G1, ALICE)).zone == "Europe/Paris"
    assert (await review.members.settings(G1, BOB)).zone == "America/New_York"


async def test_the_new_card_limit_resets_at_the_members_midnight(store, review, clock) -> None:
    await review.members.update(G1, ALICE, new_per_day=1, timezone="Asia/Shanghai")  # 23:30 local
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    await review.give_up(session.id, user_id=ALICE, number=1)
    clock.tick(minutes=5)
    assert await review.members.new_left(G1, ALICE, clock()) == 0
    clock.tick(minutes=30)  # 00:05 the next local day
    assert await review.members.new_left(G1, ALICE, clock()) == 1


# -- servers, retention, other features ---------------------------------------------------------------------
async def test_each_server_and_the_terminal_keep_their_own_state(store, review) -> None:
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, START, guild=G1)
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START, guild=None)
    assert set(await review.queries.states(G1, ALICE)) == {"mini:bert"}
    assert await review.queries.states(G2, ALICE) == {}
    assert (await review.queries.states(NO_GUILD, ALICE))["mini:bert"].due == START + timedelta(minutes=1)


async def test_measured_retention_counts_cards_that_came_back_for_review(store, review, clock) -> None:
    at = START - timedelta(days=30)
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, at)
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, at + timedelta(minutes=10))  # now in review
    state = (await review.queries.states(G1, ALICE))["mini:bert"]
    await graded(store, review, "mini:bert", VerdictKind.CORRECT, state.due)
    state = (await review.queries.states(G1, ALICE))["mini:bert"]
    await graded(store, review, "mini:bert", VerdictKind.WRONG, state.due)
    status = await review.members.status(G1, ALICE)
    assert (status.retention, status.retention_reviews) == (0.5, 2)
    assert (await review.members.status(G1, BOB)).retention is None


async def test_the_daily_order_puts_cards_members_are_about_to_forget_first(store, review, clock) -> None:
    for user in (ALICE, BOB):
        await graded(store, review, "mini:temperature", VerdictKind.WRONG, START, user=user)
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START, user=ALICE)
    await graded(store, review, "mini:l1-regularization", VerdictKind.CORRECT, START - timedelta(hours=1))
    await graded(store, review, "mini:l1-regularization", VerdictKind.CORRECT, START - timedelta(minutes=50))
    cards = review.catalog.topic_cards(None)
    assert cards is not None
    order = [c.key for c in await review.daily_order(G1, cards)]
    assert order == [
        "mini:temperature", "mini:bert",  # members about to forget them: 2, then 1
        "mini:attention-mechanism", "mini:l2-regularization", "mini:mixture-of-experts",  # never met
        "mini:continual-learning",
        "mini:l1-regularization",  # known, and not due for days
    ]
    assert [c.key for c in await review.daily_order(G2, cards)] == [c.key for c in cards]


# -- reminders -----------------------------------------------------------------------------------------------
async def test_a_reminder_is_claimed_once_a_day_and_only_when_cards_are_due(store, review, clock) -> None:
    settings = await review.members.set_reminder(G1, ALICE, "18:00")
    assert settings.remind_at is not None and await review.members.next_reminder() == START.replace(hour=18, minute=0)
    clock.now = START.replace(hour=18, minute=1)
    assert await review.members.claim_reminders() == []  # nothing due: no reminder today
    assert await review.members.next_reminder() == START.replace(hour=18, minute=0) + timedelta(days=1)
    await graded(store, review, "mini:bert", VerdictKind.WRONG, clock())
    clock.now = START.replace(hour=18, minute=0) + timedelta(days=1, seconds=5)
    claimed = await review.members.claim_reminders()
    assert [(r.guild_id, r.user_id, r.due) for r in claimed] == [(G1, ALICE, 1)]
    assert await review.members.claim_reminders() == []  # claimed: never twice
    # The bot was down for two days: a day that is over is not caught up; today's reminder still comes.
    clock.now += timedelta(days=2, hours=7)  # 01:00 two days later
    assert await review.members.claim_reminders() == []
    assert await review.members.next_reminder() == clock().replace(hour=18, minute=0, second=0)
    clock.now = clock().replace(hour=18, minute=0, second=1)
    assert [r.due for r in await review.members.claim_reminders()] == [1]


async def test_the_reminder_follows_the_members_zone(store, review, clock) -> None:
    await review.members.update(G1, ALICE, timezone="Europe/Paris")
    await review.members.set_reminder(G1, ALICE, "9am")
    assert await review.members.next_reminder() == datetime(2026, 3, 19, 8, 0, tzinfo=UTC)  # 09:00 CET
    await review.members.update(G1, ALICE, timezone="America/New_York")
    assert await review.members.next_reminder() == datetime(2026, 3, 19, 13, 0, tzinfo=UTC)  # 09:00 EDT
    await review.members.set_reminder(G1, ALICE, "off")
    assert await review.members.next_reminder() is None


async def test_closed_direct_messages_switch_the_reminder_off_with_a_notice_told_once(store, review, clock) -> None:
    await review.members.set_reminder(G1, ALICE, "16:00")
    await graded(store, review, "mini:bert", VerdictKind.WRONG, START)
    clock.now = START.replace(hour=16, minute=0)
    [reminder] = await review.members.claim_reminders()
    await review.members.reminder_undeliverable(reminder)
    assert (await review.members.settings(G1, ALICE)).remind_at is None
    assert await review.members.next_reminder() is None
    assert await review.members.take_notice(G1, ALICE) == NOTICE_DMS_CLOSED
    assert await review.members.take_notice(G1, ALICE) is None
    await review.members.set_reminder(G1, ALICE, "16:30")  # turned back on: no stale notice
    assert await review.members.take_notice(G1, ALICE) is None


async def test_settings_are_kept_and_refused_values_change_nothing(store, decks, clock, review) -> None:
    await review.members.update(G1, ALICE, new_per_day=25, retention=0.95, topics="llms,training")
    with pytest.raises(UserError):
        await review.members.update(G1, ALICE, new_per_day=5, retention=0.2)
    fresh = ReviewService(store=store, catalog=Catalog(decks), clock=clock)  # nothing cached
    settings = await fresh.members.settings(G1, ALICE)
    assert (settings.new_per_day, settings.retention, settings.topics) == (25, 0.95, ("llms", "training"))
    await fresh.members.update(G1, ALICE, topics="all")
    assert (await fresh.members.settings(G1, ALICE)).topics == ()


# -- the terminal ---------------------------------------------------------------------------------------------
# SQLite only: ``tutorbot review`` on its file (TUTOR_DB_PATH), read back with sqlite3; the repositories it uses
# are tested on both engines above.
@pytest.fixture
def terminal_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_database(tmp_path, monkeypatch)


def terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str, str]:
    """``tutorbot review ARGS`` with ``stdin``: the exit code, and what it printed (out, err)."""
    import argparse
    import io

    from bot.cli import COMMANDS, main
    from bot.cli import review as review_cli

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if "review" in COMMANDS:
        code = main(["review", *args])
    else:  # until `review` is listed among the subcommands
        parser = argparse.ArgumentParser(prog="tutorbot")
        review_cli.register(parser.add_subparsers())
        code = review_cli.handle(parser.parse_args(["review", *args]))
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def test_the_terminal_reviews_new_cards_and_says_when_they_come_back(terminal_db, monkeypatch, capsys) -> None:
    import sqlite3

    code, out, _ = terminal(monkeypatch, capsys, f"{RIGHT['mini:temperature']}\n:idk\n", "--topics", "llms, mlops")
    assert code == 0
    assert "Card 1 (new)" in out and "✅ Correct" in out
    assert "Next: in 10 minutes (" in out and "rated good" in out
    assert "Card 2 (new)" in out and "Don't know" in out and "rated again" in out
    assert "Review done: nothing else is due." in out and "Reviewed 2, right 1 (50%), new cards 2." in out
    con = sqlite3.connect(terminal_db)
    try:
        assert con.execute("SELECT guild_id, user_id, card_key, rating FROM review_logs ORDER BY id").fetchall() == [
            (NO_GUILD, 0, "mini:temperature", 3), (NO_GUILD, 0, "mini:continual-learning", 1),
        ]
        assert con.execute("SELECT user_name, source, guild_id FROM attempts").fetchall() == [
            ("deckauthor", "review", None), ("deckauthor", "review", None),
        ]
    finally:
        con.close()
    code, out, _ = terminal(monkeypatch, capsys, "", "--status")
    assert code == 0 and "Learning: 2" in out and "New today: 2 of 10" in out and "Topics: llms, mlops" in out


def test_the_terminal_refuses_bad_settings_and_stops_cleanly(terminal_db, monkeypatch, capsys) -> None:
    code, _, err = terminal(monkeypatch, capsys, "", "--retention", "0.2")
    assert code == 2 and err.startswith("error: Desired retention must be between 70% and 97%")
    assert not terminal_db.exists()  # refused before the database was opened: nothing made
    code, out, err = terminal(monkeypatch, capsys, ":quit\n", "--new-per-day", "1")
    assert code == 0 and err.startswith("tutorbot: started a new, empty database")  # (the first use)
    assert "Card 1 (new)" in out and "Review stopped." in out and "Next due" not in out
