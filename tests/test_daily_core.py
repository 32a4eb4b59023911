"""The daily-question use-cases on a real SQLite file: settings, the due check, claims, cards, answers, streaks."""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.core import daily as daily_mod
from bot.core.daily import DAILY_POINTS, AlreadyAnswered, Claim, GuildWork, TodayPosted, run_pool
from bot.core.errors import Closed, CommandRef, MessageRef, NotFound, Quote, UserError
from bot.core.models import VerdictKind
from bot.core.service import Services
from bot.core.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
G, G2, CH = 100, 101, 200
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
TRANSFORMERS = {"mini:bert", "mini:attention-mechanism", "mini:mixture-of-experts"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, 07:00 in Paris

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "daily.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks")


@pytest.fixture
async def services(settings: Settings, clock: Clock):
    s = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    yield s
    await s.close()


async def rows(services: Services, sql: str, params=()) -> list:
    async with services.store.read() as db:
        return list(await db.execute_fetchall(sql, params))


async def post_today(services: Services, clock: Clock, guild_id: int = G, *, message_id: int = 1) -> Claim:
    """Move the clock to the guild's next post time, claim it and record it as sent."""
    info = await services.daily.get_schedule(guild_id)
    assert info is not None and info.next_post_at is not None
    clock.now = max(clock.now, info.next_post_at)
    claim = await services.daily.claim_due(guild_id)
    assert claim is not None
    await services.daily.mark_posted(claim.post_id, message_id)
    return claim


async def reveal(services: Services, clock: Clock, claim: Claim):
    clock.now = max(clock.now, claim.closes_at)
    found = await services.daily.claim_reveal(claim.post_id)
    assert found is not None
    return found


# -- settings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"time_text": "25:00"}, "“25:00” is not a time of day"),
        ({"zone_text": "Europe/Pariss"}, "“Europe/Pariss” is not a time zone — did you mean Europe/Paris"),
        # What a user typed is a parameter, kept as typed: the surface quotes and escapes it (no markdown here).
        ({"zone_text": "**<@1>** `x`"}, "“**<@1>** `x`” is not a time zone"),
        ({"time_text": "<@&2> [a](http://x)"}, "“<@&2> [a](http://x)” is not a time of day"),
        ({"zone_text": "+02:00"}, "name a place rather than an offset"),
        ({"topic": "astrology"}, "There is no topic “astrology”"),
        ({"topic": "@everyone **x**"}, "There is no topic “@everyone **x**” with cards"),
        ({"topic": "activation-functions"}, "no topic “activation-functions” with cards"),  # only incomplete cards
        ({"answer_hours": 24}, "between 1 and 23"),
        ({"answer_hours": 0}, "between 1 and 23"),
    ],
)
async def test_bad_settings_are_refused_and_change_nothing(services: Services, kwargs, message: str) -> None:
    args = {"time_text": "09:00", "zone_text": "Europe/Paris"} | kwargs
    with pytest.raises(UserError) as err:
        await services.daily.set_schedule(G, CH, args.pop("time_text"), args.pop("zone_text"), **args)
    assert message in err.value.message
    typed = kwargs.get("time_text") or kwargs.get("zone_text")
    if typed is not None:
        assert err.value.params["value"] == typed and isinstance(err.value.params["value"], Quote)
    if "topic" in kwargs:
        assert err.value.params["topic"] == kwargs["topic"].lower() and isinstance(err.value.params["topic"], Quote)
    assert await rows(services, "SELECT * FROM daily_schedules") == []
    assert await services.store.guild_timezone(G) is None


async def test_set_schedule_stores_zone_and_computes_the_next_local_post(services: Services, clock: Clock) -> None:
    status = await services.daily.set_schedule(G, CH, "9am", "paris", topic="Transformers", answer_hours=3)
    info = status.schedule
    assert info is not None
    assert (info.time_text, info.zone_name, info.topic, info.answer_hours) == ("09:00", "Europe/Paris", "transformers", 3)
    assert status.next_post == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # 09:00 Paris (UTC+1) today
    assert info.next_post_at == status.next_post
    assert await services.store.guild_timezone(G) == "Europe/Paris"  # the leaderboards' weeks follow it
    assert status.card_count == 3

    # Setting a time already past today starts tomorrow: never a surprise post right now.
    clock.now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # 11:00 Paris
    status = await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    assert status.next_post == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert await services.daily.due_work(clock.now) == []
    assert await services.daily.claim_due(G) is None


# -- the due check and claims -------------------------------------------------------------------------
async def test_due_check_lists_only_what_is_due_and_is_idempotent(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    await services.daily.set_schedule(G2, CH + 1, "10:00", "Europe/Paris")
    assert await services.daily.due_work(clock.now) == []
    assert await services.daily.next_wakeup() == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    first = await services.daily.due_work(clock.now)
    assert first == [GuildWork(G, post=True)]
    assert await services.daily.due_work(clock.now) == first  # asking again changes nothing

    claim = await services.daily.claim_due(G)
    assert claim is not None and claim.day == date(2026, 3, 2)
    assert claim.post_at == clock.now and claim.closes_at == clock.now + timedelta(hours=20)
    assert await services.daily.due_work(clock.now) == []  # claimed: no longer due
    info = await services.daily.get_schedule(G)
    assert info is not None and info.next_post_at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert info.handled_day == date(2026, 3, 2)

    # Answers close 20 h later: the reveal is due then (and only once it is posted).
    await services.daily.mark_posted(claim.post_id, 555)
    clock.now = claim.closes_at
    work = await services.daily.due_work(clock.now)
    assert GuildWork(G, reveals=(claim.post_id,), post=False) in work


async def test_concurrent_claims_yield_exactly_one_post(services: Services, clock: Clock, settings: Settings) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    clock.now = datetime(2026, 3, 2, 8, 0, 30, tzinfo=UTC)
    # A second process on the same database file (its own connections, its own lock).
    other_store = await Store.open(settings.db_path)
    other = Services(other_store, services.catalog, clock=clock, rng=random.Random(1))
    try:
        results = await asyncio.gather(
            services.daily.claim_due(G),
            services.daily.claim_due(G),
            other.daily.claim_due(G),
            other.daily.claim_now(G),
            return_exceptions=True,
        )
    finally:
        await other_store.close()
    claims = [r for r in results if isinstance(r, Claim)]
    assert len(claims) == 1, results
    assert all(r is None or isinstance(r, (Claim, TodayPosted)) for r in results), results
    posts = await rows(services, "SELECT guild_id, local_day, state FROM daily_posts")
    assert [tuple(p) for p in posts] == [(G, "2026-03-02", "claimed")]
    # The unique key itself refuses a second row for the day, whatever the code path.
    with pytest.raises(sqlite3.IntegrityError):
        async with services.store.transaction() as db:
            await db.execute(
                "INSERT INTO daily_posts (guild_id, local_day, zone, card_key, channel_id, state, claimed_at, post_at,"
                " closes_at) VALUES (?, '2026-03-02', 'Europe/Paris', 'mini:bert', ?, 'claimed', 0, 0, 0)",
                (G, CH),
            )


async def test_now_posts_once_per_day_and_the_schedule_does_not_post_again(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=2)
    claim = await services.daily.claim_now(G)
    assert claim.manual and claim.day == date(2026, 3, 2)
    assert claim.closes_at == clock.now + timedelta(hours=2)
    await services.daily.mark_posted(claim.post_id, 42)
    with pytest.raises(TodayPosted) as err:
        await services.daily.claim_now(G)
    assert err.value.post.message_id == 42
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # the scheduled time today
    assert [w for w in await services.daily.due_work(clock.now) if w.post] == []
    assert await services.daily.claim_due(G) is None
    clock.now = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # tomorrow posts as usual
    assert (await services.daily.claim_due(G)) is not None
    assert len(await rows(services, "SELECT id FROM daily_posts")) == 2


async def test_now_without_a_schedule(services: Services) -> None:
    with pytest.raises(NotFound):
        await services.daily.claim_now(G)


async def test_catch_up_after_downtime_posts_with_the_scheduled_close(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=5)
    clock.now = datetime(2026, 3, 2, 11, 30, tzinfo=UTC)  # down at 09:00 Paris, back at 12:30: 1 h 30 left
    claim = await services.daily.claim_due(G)
    assert claim is not None
    assert claim.post_at == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert claim.closes_at == datetime(2026, 3, 2, 13, 0, tzinfo=UTC)  # not "now + 5 h"


async def test_too_late_skips_the_day_once_and_logs_once(
    services: Services, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=3)
    clock.now = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 11:30 Paris: 30 min of answers left
    with caplog.at_level(logging.WARNING, logger="bot.core.daily"):
        for _ in range(3):
            for work in await services.daily.due_work(clock.now):
                assert await services.daily.claim_due(work.guild_id) is None
            clock.tick(seconds=30)
    assert caplog.text.count("skipped") == 1
    info = await services.daily.get_schedule(G)
    assert info is not None and info.handled_day == date(2026, 3, 2)
    assert info.next_post_at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert await rows(services, "SELECT id FROM daily_posts") == []


async def test_one_hour_answers_still_post_a_little_late(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=1)
    clock.now = datetime(2026, 3, 2, 8, 0, 20, tzinfo=UTC)  # a check 20 s after the time
    assert await services.daily.claim_due(G) is not None


@pytest.mark.parametrize(
    ("at", "start", "expected"),
    [
        # Spring forward (8 March 2026): 02:30 does not exist; posted once at 03:00.
        ("02:30", datetime(2026, 3, 8, 5, 0, tzinfo=UTC), [(date(2026, 3, 8), "03:00"), (date(2026, 3, 9), "02:30")]),
        # Fall back (1 November 2026): 01:30 happens twice; posted once, at the first.
        ("01:30", datetime(2026, 11, 1, 4, 0, tzinfo=UTC), [(date(2026, 11, 1), "01:30 EDT"),
                                                           (date(2026, 11, 2), "01:30 EST")]),
    ],
)
async def test_dst_days_post_exactly_once(services: Services, clock: Clock, at: str, start: datetime, expected) -> None:
    clock.now = start - timedelta(hours=12)
    await services.daily.set_schedule(G, CH, at, "America/New_York")
    posted = []
    clock.now = start
    while clock.now < start + timedelta(days=2):
        for work in await services.daily.due_work(clock.now):
            claim = await services.daily.claim_due(work.guild_id)
            if claim is not None:
                local = clock.now.astimezone(NEW_YORK)
                posted.append((claim.day, local.strftime("%H:%M %Z" if " " in expected[0][1] else "%H:%M")))
        clock.tick(minutes=5)
    assert posted == expected


# -- cards --------------------------------------------------------------------------------------------
async def test_card_choice_is_never_used_first_then_longest_unused(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    chosen = []
    for i in range(6):
        claim = await post_today(services, clock, message_id=i + 1)
        chosen.append(claim.card.key)
    assert set(chosen[:3]) == TRANSFORMERS  # never-used first
    assert chosen[3:] == chosen[:3]  # then the one unused for longest
    # Another server's daily has its own history.
    await services.daily.set_schedule(G2, CH + 1, "09:00", "Europe/Paris", topic="transformers")
    other = await post_today(services, clock, G2, message_id=99)
    assert other.card.key in TRANSFORMERS


async def test_every_card_is_asked_before_a_repeat_and_never_an_incomplete_one(
    services: Services, clock: Clock
) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "UTC")
    keys = [(await post_today(services, clock, message_id=i + 1)).card.key for i in range(7)]
    assert len(set(keys)) == 7
    assert "mini:see-image" not in keys  # incomplete cards are never asked


# -- answers and streaks -----------------------------------------------------------------------------
async def test_one_counted_answer_per_member(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling")  # the temperature card
    claim = await post_today(services, clock)
    daily = services.daily

    empty = await daily.answer(claim.post_id, 1, "alice", "   ")
    assert not empty.counted and empty.verdict.kind is VerdictKind.EMPTY

    right = await daily.answer(claim.post_id, 2, "bob", "temperature")
    assert right.counted and right.verdict.correct and right.points == DAILY_POINTS and right.streak == 1
    with pytest.raises(AlreadyAnswered):
        await daily.answer(claim.post_id, 2, "bob", "temperature")
    with pytest.raises(AlreadyAnswered):
        await daily.check_can_answer(claim.post_id, 2)

    wrong = await daily.answer(claim.post_id, 3, "carol", "top-k")
    assert wrong.counted and wrong.verdict.kind is VerdictKind.WRONG and wrong.points == 0
    with pytest.raises(AlreadyAnswered):  # a right answer after a wrong one does not count
        await daily.answer(claim.post_id, 3, "carol", "temperature")

    # Two submissions at once from the same member: one counts.
    both = await asyncio.gather(
        daily.answer(claim.post_id, 4, "dan", "temperature"),
        daily.answer(claim.post_id, 4, "dan", "temperature"),
        return_exceptions=True,
    )
    assert sum(1 for r in both if not isinstance(r, Exception)) == 1
    assert sum(1 for r in both if isinstance(r, AlreadyAnswered)) == 1

    attempts = await rows(services, "SELECT user_id, source, verdict, points, session_id FROM attempts ORDER BY id")
    assert [tuple(a) for a in attempts] == [
        (2, "daily", "correct", 10, f"daily:{claim.post_id}"),
        (3, "daily", "wrong", 0, f"daily:{claim.post_id}"),
        (4, "daily", "correct", 10, f"daily:{claim.post_id}"),
    ]
    counted = await rows(services, "SELECT user_id, verdict, points FROM daily_answers ORDER BY user_id")
    assert [tuple(r) for r in counted] == [(2, "correct", 10), (3, "wrong", 0), (4, "correct", 10)]


async def test_almost_does_not_count_and_may_retry(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="transformers")
    for day in range(3):  # the attention card comes up within the topic's three cards
        claim = await post_today(services, clock, message_id=day + 1)
        if claim.card.id == "attention-mechanism":
            break
    assert claim.card.id == "attention-mechanism"
    almost = await services.daily.answer(claim.post_id, 1, "alice", "intention")
    assert almost.verdict.kind is VerdictKind.ALMOST and not almost.counted and almost.points == 0
    assert almost.verdict.suggestion == "attention"  # the did-you-mean, as data (surfaces decide to show it)
    assert await rows(services, "SELECT * FROM daily_answers") == []
    again = await services.daily.answer(claim.post_id, 1, "alice", "attention")
    assert again.counted and again.verdict.correct and again.points == DAILY_POINTS
    with pytest.raises(AlreadyAnswered):  # once counted, even an "almost" is refused
        await services.daily.answer(claim.post_id, 1, "alice", "intention")


async def test_answers_close_at_the_closing_time(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling", answer_hours=2)
    claim = await post_today(services, clock)
    clock.now = claim.closes_at - timedelta(seconds=1)
    assert (await services.daily.answer(claim.post_id, 1, "alice", "temperature")).counted
    clock.now = claim.closes_at
    with pytest.raises(Closed):
        await services.daily.answer(claim.post_id, 2, "bob", "temperature")
    with pytest.raises(Closed):
        await services.daily.check_can_answer(claim.post_id, 2)
    with pytest.raises(NotFound):
        await services.daily.check_can_answer(9999, 2)


async def test_streaks_count_consecutive_local_days_in_the_zone(services: Services, clock: Clock) -> None:
    # 21:00 in New York is 02:00 UTC the next day: streak days are New York dates, not UTC ones.
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    await services.daily.set_schedule(G, CH, "21:00", "America/New_York", topic="sampling", answer_hours=20)
    daily = services.daily

    streaks = []
    for _ in range(3):
        claim = await post_today(services, clock)
        assert claim.post_at.astimezone(NEW_YORK).hour == 21
        result = await daily.answer(claim.post_id, 1, "alice", "temperature")
        await daily.answer(claim.post_id, 2, "bob", "temperature" if claim.day.day != 3 else "top-p")
        streaks.append((claim.day, result.streak))
        r = await reveal(services, clock, claim)
    assert streaks == [(date(2026, 3, 2), 1), (date(2026, 3, 3), 2), (date(2026, 3, 4), 3)]
    assert r.streaks == (("alice", 3), ("bob", 1))  # bob missed 3 March: his streak restarted on the 4th

    # A day with no question (the bot was down all day) does not break a streak; a missed question does.
    info = await daily.get_schedule(G)
    assert info is not None
    clock.now = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)  # back on 6 March (New York): 5 March was never posted
    assert await daily.claim_due(G) is None
    claim = await post_today(services, clock)
    assert claim.day == date(2026, 3, 6)
    assert (await daily.answer(claim.post_id, 1, "alice", "temperature")).streak == 4
    await daily.answer(claim.post_id, 2, "bob", "top-k")
    r = await reveal(services, clock, claim)
    assert r.streaks == (("alice", 4),)
    table = await rows(services, "SELECT user_id, current, best, last_day FROM daily_streaks ORDER BY user_id")
    assert [tuple(t) for t in table] == [(1, 4, 4, "2026-03-06"), (2, 0, 1, "2026-03-04")]


async def test_reveal_gathers_the_results_once(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling", answer_hours=1)
    claim = await post_today(services, clock, message_id=77)
    for uid, name, text in [(1, "alice", "temperature"), (2, "bob", "top-k"), (3, "@everyone", "temperature")]:
        await services.daily.answer(claim.post_id, uid, name, text)
        clock.tick(seconds=10)
    assert await services.daily.claim_reveal(claim.post_id) is None  # not closed yet
    r = await reveal(services, clock, claim)
    assert (r.answered, r.correct, r.winners, r.more_winners) == (3, 2, ("alice", "@everyone"), 0)
    assert r.accepted == "temperature" and "temperature" in r.explanation
    assert r.message_id == 77 and round(r.share_right, 2) == 0.67
    assert await services.daily.claim_reveal(claim.post_id) is None  # revealed once
    assert await services.daily.due_work(clock.now) == []


async def test_errors_are_codes_and_parameters_without_markup(services: Services, clock: Clock) -> None:
    with pytest.raises(NotFound) as not_set:
        await services.daily.claim_now(G)
    assert not_set.value.code == "daily.not_set_up" and not_set.value.params["command"] == CommandRef("daily set")
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling", answer_hours=2)
    claim = await services.daily.claim_now(G)
    await services.daily.mark_posted(claim.post_id, 42)
    with pytest.raises(TodayPosted) as posted:
        await services.daily.claim_now(G)
    assert posted.value.params["message"] == MessageRef(G, CH, 42)
    await services.daily.answer(claim.post_id, 1, "alice", "temperature")
    with pytest.raises(AlreadyAnswered) as answered:
        await services.daily.check_can_answer(claim.post_id, 1)
    assert answered.value.code == "daily.answered" and answered.value.params["reveal_at"] == claim.closes_at
    clock.now = claim.closes_at
    with pytest.raises(Closed) as closed:
        await services.daily.answer(claim.post_id, 2, "bob", "temperature")
    assert closed.value.params["closes_at"] == claim.closes_at
    for err in (not_set.value, posted.value, answered.value, closed.value):
        text = str(err)
        assert not any(mark in text for mark in ("`", "**", "<t:", "/daily", "✅", "⚠")), text


# -- failures, pause and resume -----------------------------------------------------------------------
async def test_permanent_failure_pauses_until_set_again(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    await services.daily.set_schedule(G2, CH + 1, "09:00", "Europe/Paris")
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    claim = await services.daily.claim_due(G)
    assert claim is not None
    assert not await services.daily.send_failed(claim.post_id, "the channel <#200> was deleted", permanent=True)
    status = await services.daily.status(G)
    assert status.schedule is not None and status.schedule.paused_reason == "the channel <#200> was deleted"
    assert status.next_post is None and status.last_post is not None and status.last_post.state == "failed"
    # The other guild carries on; the paused one is not due again, however often the check runs.
    assert await services.daily.due_work(clock.now) == [GuildWork(G2, post=True)]
    clock.now += timedelta(days=1)
    assert [w.guild_id for w in await services.daily.due_work(clock.now)] == [G2]

    status = await services.daily.set_schedule(G, CH + 5, "09:00", "Europe/Paris")  # a new channel: resumed
    assert status.schedule is not None and status.schedule.paused_reason is None
    assert status.next_post == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


async def test_pause_and_resume_directly(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    assert await services.daily.pause(G, "I am missing Send Messages in <#200>")
    assert not await services.daily.pause(G, "again")  # already paused: the first reason stays
    assert (await services.daily.get_schedule(G)).paused_reason == "I am missing Send Messages in <#200>"
    status = await services.daily.resume(G)
    assert status.schedule.paused_reason is None and status.next_post is not None
    # A successful /daily now lifts a pause too (posting works again).
    await services.daily.pause(G, "I am missing Send Messages in <#200>")
    claim = await services.daily.claim_now(G)
    await services.daily.mark_posted(claim.post_id, 5)
    assert (await services.daily.get_schedule(G)).paused_reason is None
    await services.daily.turn_off(G)
    # Off: no more posts, but the question already out still gets its reveal.
    assert await services.daily.due_work(clock.now + timedelta(days=2)) == [GuildWork(G, reveals=(claim.post_id,))]
    with pytest.raises(NotFound):
        await services.daily.turn_off(G)


async def test_passing_send_errors_are_retried_after_the_lease_then_given_up(
    services: Services, clock: Clock
) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    claim = await services.daily.claim_due(G)
    assert claim is not None
    assert await services.daily.send_failed(claim.post_id, "503", permanent=False)
    assert await services.daily.due_work(clock.now) == []  # someone may still be sending: wait for the lease
    for attempt in (2, 3):
        clock.tick(minutes=3)
        assert await services.daily.due_work(clock.now) == [GuildWork(G, resends=(claim.post_id,))]
        again = await services.daily.claim_resend(claim.post_id)
        assert again is not None and again.resend and again.card == claim.card and again.day == claim.day
        retry = await services.daily.send_failed(claim.post_id, "503", permanent=False)
        assert retry is (attempt < daily_mod.MAX_SEND_TRIES)
    assert (await services.daily.post(claim.post_id)).state == "failed"
    assert (await services.daily.get_schedule(G)).paused_reason is None  # passing errors never pause
    clock.tick(minutes=3)
    assert await services.daily.due_work(clock.now) == []


async def test_a_crash_between_claim_and_send_is_recovered_once(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    claim = await services.daily.claim_due(G)
    assert claim is not None  # ... and the process died here
    clock.tick(minutes=5)
    work = await services.daily.due_work(clock.now)
    assert work == [GuildWork(G, resends=(claim.post_id,))]
    again = await services.daily.claim_resend(claim.post_id)
    assert again is not None and again.resend
    assert await services.daily.claim_resend(claim.post_id) is None  # the lease is taken again
    await services.daily.mark_posted(claim.post_id, 9)
    assert (await services.daily.post(claim.post_id)).state == "posted"


# -- the worker pool ----------------------------------------------------------------------------------
async def test_run_pool_is_bounded_and_keeps_errors_per_item() -> None:
    done: list[int] = []

    async def handler(i: int) -> None:
        await asyncio.sleep(0.001)
        if i == 3:
            raise RuntimeError("boom")
        done.append(i)

    stats = await run_pool(range(40), handler, workers=4)
    assert stats.items == 40 and stats.failed == 1 and stats.max_concurrency == 4
    assert sorted(done) == [i for i in range(40) if i != 3]
    assert (await run_pool([], handler, workers=4)).items == 0


# -- when sends and writes fail --------------------------------------------------------------------------
async def test_a_send_tried_too_often_is_only_looked_for_then_given_up(services: Services, clock: Clock) -> None:
    """Past its tries, an unfinished send is handed out once more to look for a message that did go out."""
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris")
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    claim = await services.daily.claim_due(G)
    assert claim is not None and not claim.look_only
    for _ in range(daily_mod.MAX_SEND_TRIES - 1):  # each try dies before its outcome is recorded
        clock.tick(minutes=3)
        again = await services.daily.claim_resend(claim.post_id)
        assert again is not None and again.resend and not again.look_only
    clock.tick(minutes=3)
    last = await services.daily.claim_resend(claim.post_id)
    assert last is not None and last.look_only and last.card == claim.card
    assert await services.daily.claim_resend(claim.post_id) is None  # its lease is taken
    await services.daily.give_up_send(claim.post_id)
    post = await services.daily.post(claim.post_id)
    assert post is not None and post.state == "failed" and post.failure == "not sent in time"
    clock.tick(minutes=3)
    assert await services.daily.due_work(clock.now) == []


async def test_a_message_found_by_a_look_only_claim_is_recorded_and_revealed(services: Services, clock: Clock) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=2)
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    claim = await services.daily.claim_due(G)  # sent, then the process died before recording it
    assert claim is not None
    clock.now = claim.closes_at + timedelta(minutes=30)  # back after answers closed
    [work] = await services.daily.due_work(clock.now)
    assert work.resends == (claim.post_id,)
    found = await services.daily.claim_resend(claim.post_id)
    assert found is not None and found.look_only
    await services.daily.mark_posted(claim.post_id, 77)
    assert await services.daily.due_work(clock.now) == [GuildWork(G, reveals=(claim.post_id,))]


def test_storage_failures_are_told_apart_from_bugs() -> None:
    from bot.core.daily import storage_failed
    from bot.core.storage.store import StoreError

    assert storage_failed(sqlite3.OperationalError("database or disk is full"))
    assert storage_failed(sqlite3.OperationalError("attempt to write a readonly database"))
    assert storage_failed(sqlite3.DatabaseError("database disk image is malformed"))
    assert storage_failed(StoreError("the store is closed"))
    assert not storage_failed(sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert not storage_failed(ValueError("bad"))
    # a statement written wrong is a bug (a member must not be told "try again in a few minutes" for it)
    assert storage_failed(sqlite3.OperationalError("database is locked"))
    assert not storage_failed(sqlite3.OperationalError("no such column: card_data"))
    assert not storage_failed(sqlite3.OperationalError('near "SELCT": syntax error'))
    assert not storage_failed(sqlite3.OperationalError("table attempts has no column named foo"))


def test_the_new_refusals_are_plain_text_with_codes() -> None:
    from bot.core.daily import errors

    made = {e.code: str(e) for e in (errors.answer_not_saved(), errors.not_saved(), errors.wrong_place())}
    assert set(made) == {"daily.not_saved", "daily.storage", "daily.elsewhere"}
    assert "NOT counted" in made["daily.not_saved"] and "Nothing was changed" in made["daily.storage"]
    for text in made.values():
        assert not any(mark in text for mark in ("`", "**", "<t:", "/daily", "✅", "⚠")), text
