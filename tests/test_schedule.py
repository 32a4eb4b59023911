"""Daily-post time maths: parsing, DST gaps and repeats, catch-up policy, periods, streaks. Fixed clocks only."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core import schedule
from bot.core.errors import Quote, UserError
from bot.core.schedule import (
    COMMON_ZONES,
    DueDecision,
    ScheduleError,
    closes_at,
    due,
    format_local,
    local_date,
    local_post_time,
    next_post,
    parse_time,
    parse_zone,
    period_start,
    streak_after,
    suggest_zones,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
ST_JOHNS = ZoneInfo("America/St_Johns")
UTC_ZONE = ZoneInfo("UTC")
ZONES = [PARIS, NEW_YORK, KOLKATA, LORD_HOWE, KIRITIMATI, ST_JOHNS, UTC_ZONE]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: ZoneInfo, *args: int, fold: int = 0) -> datetime:
    """An aware instant given by a local wall reading (must exist)."""
    return datetime(*args, tzinfo=zone, fold=fold).astimezone(UTC)


def wall(dt: datetime, zone: ZoneInfo) -> datetime:
    return dt.astimezone(zone).replace(tzinfo=None)


def naive(*args: int) -> datetime:
    """A local wall-clock reading, to compare with :func:`wall`."""
    return datetime(*args)  # noqa: DTZ001


def hm(dt: datetime, zone: ZoneInfo) -> time:
    return dt.astimezone(zone).time()


# --------------------------------------------------------------------------------------------------
# local_post_time


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (PARIS, utc(2025, 6, 15, 7, 0)),
        (NEW_YORK, utc(2025, 6, 15, 13, 0)),
        (KOLKATA, utc(2025, 6, 15, 3, 30)),
        (LORD_HOWE, utc(2025, 6, 14, 22, 30)),  # +10:30 in winter
        (KIRITIMATI, utc(2025, 6, 14, 19, 0)),  # +14: the previous UTC day
        (ST_JOHNS, utc(2025, 6, 15, 11, 30)),  # -2:30 in summer
        (UTC_ZONE, utc(2025, 6, 15, 9, 0)),
    ],
    ids=lambda v: getattr(v, "key", None),
)
def test_local_post_time_plain_day(zone: ZoneInfo, expected: datetime) -> None:
    got = local_post_time(date(2025, 6, 15), time(9, 0), zone)
    assert got == expected
    assert got.utcoffset() == timedelta(0)
    assert hm(got, zone) == time(9, 0)
    assert local_date(got, zone) == date(2025, 6, 15)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc", "expected_local"),
    [
        # US spring forward 2025-03-09 02:00 -> 03:00: 02:30 does not exist, post at 03:00 EDT.
        (NEW_YORK, date(2025, 3, 9), time(2, 30), utc(2025, 3, 9, 7, 0), time(3, 0)),
        (NEW_YORK, date(2025, 3, 9), time(2, 0), utc(2025, 3, 9, 7, 0), time(3, 0)),
        (NEW_YORK, date(2025, 3, 9), time(2, 59), utc(2025, 3, 9, 7, 0), time(3, 0)),
        (NEW_YORK, date(2025, 3, 9), time(3, 0), utc(2025, 3, 9, 7, 0), time(3, 0)),
        (NEW_YORK, date(2025, 3, 9), time(1, 59), utc(2025, 3, 9, 6, 59), time(1, 59)),
        # EU spring forward 2025-03-30 02:00 -> 03:00 in Paris.
        (PARIS, date(2025, 3, 30), time(2, 30), utc(2025, 3, 30, 1, 0), time(3, 0)),
        # Lord Howe moves only 30 minutes: 02:00 -> 02:30 on 2025-10-05.
        (LORD_HOWE, date(2025, 10, 5), time(2, 10), utc(2025, 10, 4, 15, 30), time(2, 30)),
        (LORD_HOWE, date(2025, 10, 5), time(2, 30), utc(2025, 10, 4, 15, 30), time(2, 30)),
        # St John's (-3:30 -> -2:30) on 2025-03-09 at 02:00.
        (ST_JOHNS, date(2025, 3, 9), time(2, 30), utc(2025, 3, 9, 5, 30), time(3, 0)),
    ],
)
def test_spring_forward_gap_posts_at_next_valid_minute(
    zone: ZoneInfo, day: date, at: time, expected_utc: datetime, expected_local: time
) -> None:
    got = local_post_time(day, at, zone)
    assert got == expected_utc
    assert hm(got, zone) == expected_local
    assert local_date(got, zone) == day


@pytest.mark.parametrize(
    ("zone", "day", "at", "first", "second"),
    [
        # US fall back 2025-11-02: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
        (NEW_YORK, date(2025, 11, 2), time(1, 30), utc(2025, 11, 2, 5, 30), utc(2025, 11, 2, 6, 30)),
        # EU fall back 2025-10-26: 02:30 at 00:30Z (CEST) and 01:30Z (CET).
        (PARIS, date(2025, 10, 26), time(2, 30), utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 30)),
        # Lord Howe repeats 01:30-02:00 on 2025-04-06 (+11 then +10:30).
        (LORD_HOWE, date(2025, 4, 6), time(1, 45), utc(2025, 4, 5, 14, 45), utc(2025, 4, 5, 15, 15)),
        (ST_JOHNS, date(2025, 11, 2), time(1, 15), utc(2025, 11, 2, 3, 45), utc(2025, 11, 2, 4, 45)),
    ],
)
def test_fall_back_repeated_time_posts_at_first_occurrence(
    zone: ZoneInfo, day: date, at: time, first: datetime, second: datetime
) -> None:
    assert wall(first, zone) == wall(second, zone)  # the fixture really is a repeated wall time
    assert local_post_time(day, at, zone) == first


def test_local_post_time_ignores_tzinfo_and_fold_on_the_time() -> None:
    got = local_post_time(date(2025, 11, 2), time(1, 30, fold=1, tzinfo=UTC), NEW_YORK)
    assert got == utc(2025, 11, 2, 5, 30)


def test_whole_skipped_day_resolves_to_the_first_minute_after_it() -> None:
    apia = ZoneInfo("Pacific/Apia")  # Samoa skipped 2011-12-30 entirely
    got = local_post_time(date(2011, 12, 30), time(9, 0), apia)
    assert wall(got, apia) == naive(2011, 12, 31, 0, 0)
    assert got < local_post_time(date(2011, 12, 31), time(9, 0), apia)


# --------------------------------------------------------------------------------------------------
# next_post


@pytest.mark.parametrize(
    ("zone", "start", "at"),
    [
        (PARIS, date(2025, 3, 15), time(9, 0)),
        (PARIS, date(2025, 10, 10), time(2, 30)),
        (NEW_YORK, date(2025, 2, 25), time(2, 30)),
        (NEW_YORK, date(2025, 10, 20), time(1, 30)),
        (LORD_HOWE, date(2025, 9, 20), time(2, 15)),
        (LORD_HOWE, date(2025, 3, 25), time(23, 30)),
        (ST_JOHNS, date(2025, 2, 25), time(0, 15)),
        (KOLKATA, date(2025, 3, 15), time(9, 0)),
    ],
)
def test_next_post_never_drifts_over_a_month_across_dst(zone: ZoneInfo, start: date, at: time) -> None:
    now = local_post_time(start, at, zone) - timedelta(hours=3)
    last: date | None = None
    gaps = 0
    for i in range(35):
        day, post_at = next_post(now, at, zone, last_posted_day=last)
        assert day == start + timedelta(days=i)
        assert post_at >= now
        assert local_date(post_at, zone) == day
        if hm(post_at, zone) != at:  # only a day whose time falls in the spring-forward gap may differ
            gaps += 1
            assert hm(post_at, zone) > at
        last = day
        now = post_at + timedelta(minutes=1)  # posted on time; the next check asks again
    assert gaps <= 1


def test_next_post_steps_23_24_and_25_hours_around_dst() -> None:
    steps = set()
    last: date | None = None
    previous: datetime | None = None
    now = utc(2025, 3, 1)
    for _ in range(300):
        day, post_at = next_post(now, time(9, 0), PARIS, last_posted_day=last)
        if previous is not None:
            steps.add(post_at - previous)
        previous, last, now = post_at, day, post_at
    assert steps == {timedelta(hours=23), timedelta(hours=24), timedelta(hours=25)}


def test_next_post_includes_now_and_respects_last_posted_day() -> None:
    post = local(PARIS, 2025, 6, 15, 9, 0)
    assert next_post(post, time(9, 0), PARIS) == (date(2025, 6, 15), post)
    assert next_post(post - timedelta(seconds=1), time(9, 0), PARIS)[0] == date(2025, 6, 15)
    assert next_post(post + timedelta(seconds=1), time(9, 0), PARIS)[0] == date(2025, 6, 16)
    assert next_post(post, time(9, 0), PARIS, last_posted_day=date(2025, 6, 15))[0] == date(2025, 6, 16)
    # A last_posted_day in the future (the zone was changed) is never posted again.
    assert next_post(post, time(9, 0), PARIS, last_posted_day=date(2025, 6, 20))[0] == date(2025, 6, 21)


def test_next_post_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_post(datetime(2025, 6, 15, 9, 0), time(9, 0), PARIS)  # noqa: DTZ001


# --------------------------------------------------------------------------------------------------
# due: the catch-up policy


def test_due_waits_then_posts_then_waits_for_tomorrow() -> None:
    post = local(NEW_YORK, 2025, 6, 15, 9, 0)
    before = due(post - timedelta(seconds=1), time(9, 0), NEW_YORK, 20, last_posted_day=date(2025, 6, 14))
    assert before == DueDecision(
        "wait", date(2025, 6, 15), post, post + timedelta(hours=20), "today's post time has not come yet"
    )
    on_time = due(post, time(9, 0), NEW_YORK, 20, last_posted_day=date(2025, 6, 14))
    assert (on_time.action, on_time.day, on_time.post_at) == ("post", date(2025, 6, 15), post)
    assert on_time.closes_at == utc(2025, 6, 16, 9, 0)  # 05:00 local the next morning
    assert on_time.reason == "post time reached"
    after = due(post + timedelta(seconds=30), time(9, 0), NEW_YORK, 20, last_posted_day=date(2025, 6, 15))
    assert (after.action, after.day) == ("wait", date(2025, 6, 16))
    assert after.post_at == local(NEW_YORK, 2025, 6, 16, 9, 0)


def test_due_first_ever_post() -> None:
    d = due(local(PARIS, 2025, 6, 15, 9, 5), time(9, 0), PARIS, 20, last_posted_day=None)
    assert (d.action, d.day) == ("post", date(2025, 6, 15))


def test_due_catches_up_after_downtime() -> None:
    # Down from 08:00 to 15:00; the 09:00 post still has 14 h of answering left.
    now = local(NEW_YORK, 2025, 6, 15, 15, 0)
    d = due(now, time(9, 0), NEW_YORK, 20, last_posted_day=date(2025, 6, 14))
    assert d.action == "post"
    assert d.post_at == local(NEW_YORK, 2025, 6, 15, 9, 0)
    assert "catching up 6 h" in d.reason


def test_due_skips_when_too_little_answer_time_is_left() -> None:
    post = local(PARIS, 2025, 6, 15, 9, 0)
    closes = post + timedelta(hours=3)
    at_limit = due(closes - timedelta(hours=1), time(9, 0), PARIS, 3, last_posted_day=date(2025, 6, 14))
    assert at_limit.action == "post"  # exactly min_open left still posts
    d = due(closes - timedelta(minutes=59), time(9, 0), PARIS, 3, last_posted_day=date(2025, 6, 14))
    assert d == DueDecision(
        "skip",
        date(2025, 6, 15),
        post,
        closes,
        "bot was down at post time; answers would be open less than 1 h",
    )
    shorter = due(
        closes - timedelta(minutes=40),
        time(9, 0),
        PARIS,
        3,
        last_posted_day=date(2025, 6, 14),
        min_open=timedelta(minutes=30),
    )
    assert shorter.action == "post"
    late = due(
        closes + timedelta(hours=2),
        time(9, 0),
        PARIS,
        3,
        last_posted_day=None,
        min_open=timedelta(minutes=30),
    )
    assert late.action == "skip" and late.reason.endswith("less than 30 min")


def test_due_after_a_skip_waits_for_the_next_local_day() -> None:
    # 09:00 post with 3 h answers; the bot is down until 23:00: skipped, then tomorrow's is waited for.
    d = due(local(PARIS, 2025, 6, 15, 23, 0), time(9, 0), PARIS, 3, last_posted_day=date(2025, 6, 14))
    assert d.action == "skip"
    d = due(local(PARIS, 2025, 6, 16, 0, 0), time(9, 0), PARIS, 3, last_posted_day=date(2025, 6, 14))
    assert (d.action, d.day) == ("wait", date(2025, 6, 16))


@pytest.mark.parametrize("zone", ZONES, ids=lambda z: z.key)
def test_due_late_evening_post_time(zone: ZoneInfo) -> None:
    post = local_post_time(date(2025, 6, 15), time(23, 30), zone)
    d = due(post - timedelta(minutes=1), time(23, 30), zone, 20, last_posted_day=date(2025, 6, 14))
    assert (d.action, d.day) == ("wait", date(2025, 6, 15))
    d = due(post, time(23, 30), zone, 20, last_posted_day=date(2025, 6, 14))
    assert (d.action, d.day) == ("post", date(2025, 6, 15))
    assert wall(d.closes_at, zone) == naive(2025, 6, 16, 19, 30)
    # Just after local midnight the new day's post is waited for; 15 June's is not posted twice.
    d = due(post + timedelta(minutes=31), time(23, 30), zone, 20, last_posted_day=date(2025, 6, 15))
    assert (d.action, d.day, d.post_at) == ("wait", date(2025, 6, 16), post + timedelta(days=1))
    # With only one hour of answers, being 25 minutes late leaves too little time.
    d = due(post + timedelta(minutes=25), time(23, 30), zone, 1, last_posted_day=date(2025, 6, 14))
    assert (d.action, d.day) == ("skip", date(2025, 6, 15))
    # Only the current local date is decided: once midnight passes, a missed 23:30 post is not revisited.
    d = due(post + timedelta(minutes=45), time(23, 30), zone, 20, last_posted_day=date(2025, 6, 14))
    assert (d.action, d.day) == ("wait", date(2025, 6, 16))


@pytest.mark.parametrize("zone", ZONES, ids=lambda z: z.key)
def test_due_just_after_midnight_post_time(zone: ZoneInfo) -> None:
    post = local_post_time(date(2025, 6, 16), time(0, 15), zone)
    assert wall(post, zone) == naive(2025, 6, 16, 0, 15)
    just_before_midnight = post - timedelta(minutes=16)
    d = due(just_before_midnight, time(0, 15), zone, 20, last_posted_day=date(2025, 6, 15))
    assert (d.action, d.day) == ("wait", date(2025, 6, 16))
    assert d.post_at == post
    d = due(post, time(0, 15), zone, 20, last_posted_day=date(2025, 6, 15))
    assert (d.action, d.day) == ("post", date(2025, 6, 16))


def test_due_when_last_posted_day_is_ahead_of_today() -> None:
    # The guild moved from Kiritimati (+14) to St John's: its local "today" is behind the last posted date.
    now = utc(2025, 6, 15, 12, 0)
    assert local_date(now, KIRITIMATI) == date(2025, 6, 16)
    d = due(now, time(9, 0), ST_JOHNS, 20, last_posted_day=date(2025, 6, 16))
    assert (d.action, d.day, d.reason) == ("wait", date(2025, 6, 17), "today's question is already posted")
    assert wall(d.post_at, ST_JOHNS) == naive(2025, 6, 17, 9, 0)


def test_due_validates_inputs() -> None:
    now = utc(2025, 6, 15, 12)
    for bad in (0, 24, -1):
        with pytest.raises(ScheduleError, match=f"not {bad}"):
            due(now, time(9, 0), PARIS, bad, last_posted_day=None)
    with pytest.raises(ScheduleError):
        closes_at(now, True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        due(datetime(2025, 6, 15, 12), time(9, 0), PARIS, 20, last_posted_day=None)  # noqa: DTZ001


def test_closes_at_counts_elapsed_hours_across_dst() -> None:
    post = local_post_time(date(2025, 11, 1), time(9, 0), NEW_YORK)
    closes = closes_at(post, 23)
    assert closes - post == timedelta(hours=23)
    assert wall(closes, NEW_YORK) == naive(2025, 11, 2, 7, 0)  # 23 h later, one wall hour earlier


def simulate(
    zone: ZoneInfo,
    at: time,
    answer_hours: int,
    start: datetime,
    days: int,
    step: timedelta,
    down: tuple[datetime, datetime] | None = None,
    last: date | None = None,
) -> list[tuple[date, datetime, DueDecision]]:
    """Run the periodic check every `step`, storing last_posted_day as the database would."""
    posts = []
    now = start
    end = start + timedelta(days=days)
    while now < end:
        if down is None or not down[0] <= now < down[1]:
            decision = due(now, at, zone, answer_hours, last_posted_day=last)
            if decision.action == "post":
                posts.append((decision.day, now, decision))
                last = decision.day
        now += step
    return posts


@pytest.mark.parametrize(
    ("zone", "start", "at"),
    [
        (NEW_YORK, utc(2025, 3, 6), time(2, 30)),  # gap day
        (NEW_YORK, utc(2025, 10, 30), time(1, 30)),  # repeated hour
        (PARIS, utc(2025, 10, 23), time(2, 30)),
        (PARIS, utc(2025, 3, 27), time(2, 30)),
        (LORD_HOWE, utc(2025, 4, 3), time(1, 45)),
        (LORD_HOWE, utc(2025, 10, 2), time(2, 15)),
        (ST_JOHNS, utc(2025, 11, 1), time(1, 15)),
        (KIRITIMATI, utc(2025, 6, 1), time(0, 15)),
        (KOLKATA, utc(2025, 6, 1), time(23, 30)),
    ],
)
def test_checker_posts_exactly_once_per_local_date(zone: ZoneInfo, start: datetime, at: time) -> None:
    first_day = local_date(start, zone)
    posts = simulate(zone, at, 20, start, days=6, step=timedelta(minutes=5), last=first_day)
    days = [day for day, _, _ in posts]
    end = start + timedelta(days=6)
    expected = [first_day + timedelta(days=i) for i in range(1, 8)]
    assert days == [day for day in expected if local_post_time(day, at, zone) < end]
    assert len(days) >= 5
    for day, posted_at, decision in posts:
        assert posted_at == decision.post_at  # on time, never early
        assert local_date(posted_at, zone) == day


def test_checker_catches_up_once_after_downtime() -> None:
    at = time(9, 0)
    down = (local(PARIS, 2025, 6, 16, 8, 0), local(PARIS, 2025, 6, 16, 13, 2))
    posts = simulate(PARIS, at, 20, utc(2025, 6, 15), days=3, step=timedelta(seconds=30), down=down)
    assert [p[0] for p in posts] == [date(2025, 6, 15), date(2025, 6, 16), date(2025, 6, 17)]
    assert posts[1][1] == down[1]
    assert "catching up 4 h 2 min" in posts[1][2].reason


# --------------------------------------------------------------------------------------------------
# parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:00", time(9, 0)),
        (" 9:05 ", time(9, 5)),
        ("21:30", time(21, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("09:00:00", time(9, 0)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("2130", time(21, 30)),
        ("21h30", time(21, 30)),
        ("9h", time(9, 0)),
        ("9.30", time(9, 30)),
        ("9am", time(9, 0)),
        ("9 AM", time(9, 0)),
        ("9 a.m.", time(9, 0)),
        ("9:30pm", time(21, 30)),
        ("9:30 PM", time(21, 30)),
        ("12am", time(0, 0)),
        ("12:15am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("12:45pm", time(12, 45)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
        ("０９：００", time(9, 0)),  # full-width digits
    ],
)
def test_parse_time_accepts(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25:00",
        "24:00",
        "9:75",
        "",
        "   ",
        "noonish",
        "9",
        "21",
        "0am",
        "13pm",
        "9:5",
        "12345",
        "9::00",
        "-9:00",
        "9:00 am pm",
        "٩:٠٠",
        "9:00:60",
    ],
)
def test_parse_time_rejects_naming_the_value(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_time(text)
    assert str(info.value) == f"“{text.strip()}” is not a time of day — try 09:00, 9am or 21:30"
    assert isinstance(info.value, ValueError)


def test_schedule_errors_are_user_errors_with_the_typed_value_as_data() -> None:
    """The core names the typed value as a parameter; quoting and escaping are the surface's business."""
    with pytest.raises(UserError) as info:
        parse_zone("**<@1>** `x`")
    err = info.value
    assert isinstance(err, ScheduleError) and err.code == "schedule.zone"
    assert err.params["value"] == "**<@1>** `x`" and isinstance(err.params["value"], Quote)
    assert err.text.startswith("{value} is not a time zone")
    with pytest.raises(ScheduleError) as info:
        parse_zone("Europe/Pariss")
    assert info.value.params["options"].startswith("Europe/Paris")
    with pytest.raises(ScheduleError) as info:
        parse_time(" 9:75\u202e ")
    assert info.value.code == "schedule.time" and info.value.params["value"] == "9:75"  # one line, no bidi
    with pytest.raises(ScheduleError) as info:
        closes_at(utc(2025, 6, 15), 24)
    assert info.value.code == "schedule.answer_hours" and info.value.params["value"] == 24


def test_parse_time_message_example_and_long_input() -> None:
    with pytest.raises(ScheduleError, match="^“25:00” is not a time of day — try 09:00, 9am or 21:30$"):
        parse_time("25:00")
    with pytest.raises(ScheduleError) as info:
        parse_time("x" * 500)
    assert len(str(info.value)) < 100


# --------------------------------------------------------------------------------------------------
# parse_zone and suggest_zones


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("europe/paris", "Europe/Paris"),
        ("  EUROPE/PARIS ", "Europe/Paris"),
        ("America/New York", "America/New_York"),
        ("america / new_york", "America/New_York"),
        ("paris", "Europe/Paris"),
        ("Kolkata", "Asia/Kolkata"),
        ("Asia/Calcutta", "Asia/Calcutta"),
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("istanbul", "Europe/Istanbul"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Australia/Lord_Howe", "Australia/Lord_Howe"),
        ("pacific/kiritimati", "Pacific/Kiritimati"),
        ("America/St_Johns", "America/St_Johns"),
        ("US/Eastern", "US/Eastern"),
        ("Etc/GMT+0", "Etc/GMT+0"),
        ("Etc/UTC", "Etc/UTC"),
        ("Z", "UTC"),
    ],
)
def test_parse_zone_accepts(text: str, key: str) -> None:
    zone = parse_zone(text)
    assert isinstance(zone, ZoneInfo)
    assert zone.key == key


@pytest.mark.parametrize(("text", "means"), [("Etc/GMT+2", "UTC−2"), ("etc/gmt-5", "UTC+5"), ("Etc/GMT-14", "UTC+14")])
def test_parse_zone_refuses_fixed_offsets_saying_their_sign_is_reversed(text: str, means: str) -> None:
    # Etc/GMT+2 is two hours behind UTC: taken as typed, a server meaning UTC+2 got its question 4 hours late.
    with pytest.raises(ScheduleError) as info:
        parse_zone(text)
    assert info.value.code == "schedule.zone_offset"
    assert f"is {means}: its sign is reversed" in str(info.value)
    assert "name a place rather than an offset" in str(info.value)


def test_parse_zone_suggests_close_names() -> None:
    with pytest.raises(ScheduleError) as info:
        parse_zone("Europe/Pariss")
    message = str(info.value)
    assert message.startswith("“Europe/Pariss” is not a time zone — did you mean Europe/Paris")
    assert 1 <= len(info.value.suggestions) <= 3
    assert info.value.suggestions[0] == "Europe/Paris"
    assert info.value.value == "Europe/Pariss"
    with pytest.raises(ScheduleError) as info:
        parse_zone("Amerca/New_Yrok")
    assert info.value.suggestions[0] == "America/New_York"
    assert "“Amerca/New_Yrok”" in str(info.value)


@pytest.mark.parametrize(
    "text", ["", "Mars/Olympus_Mons", "Factory", "localtime", "../../etc/passwd", "Europe/", "12"]
)
def test_parse_zone_rejects_naming_the_value(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_zone(text)
    assert str(info.value).startswith(f"“{text}” is not a time zone — ")
    assert len(info.value.suggestions) <= 3


@pytest.mark.parametrize("text", ["UTC+5", "GMT-3:30", "+05:30", "utc +1"])
def test_parse_zone_explains_offsets(text: str) -> None:
    with pytest.raises(ScheduleError, match="rather than an offset") as info:
        parse_zone(text)
    assert f"“{text}”" in str(info.value)


def test_suggest_zones_empty_query_lists_common_zones_first() -> None:
    got = suggest_zones("")
    assert len(got) == 25
    assert got == list(COMMON_ZONES[:25])
    longer = suggest_zones("", limit=40)
    assert longer[: len(COMMON_ZONES)] == list(COMMON_ZONES)
    assert len(longer) == len(set(longer)) == 40
    assert suggest_zones("", limit=0) == []
    assert suggest_zones("   ", limit=3) == ["UTC", "Europe/London", "Europe/Paris"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("kolk", "Asia/Kolkata"),
        ("paris", "Europe/Paris"),
        ("europe/pa", "Europe/Paris"),
        ("lord", "Australia/Lord_Howe"),
        ("utc", "UTC"),
        ("lodnon", "Europe/London"),  # typo: fuzzy fallback
    ],
)
def test_suggest_zones_ranks_best_first(query: str, first: str) -> None:
    got = suggest_zones(query)
    assert got[0] == first
    assert len(got) <= 25
    assert len(got) == len(set(got))


def test_suggest_zones_results_are_valid_and_limited() -> None:
    got = suggest_zones("america", limit=10)
    assert len(got) == 10
    assert all(name.startswith("America/") for name in got)
    for name in suggest_zones("an") + suggest_zones(""):
        assert parse_zone(name).key == name
    assert suggest_zones("qqqqqqqqqqqq") == []


# --------------------------------------------------------------------------------------------------
# local_date, period_start, format_local


def test_local_date_across_zones() -> None:
    now = utc(2025, 6, 15, 10, 30)
    assert local_date(now, KIRITIMATI) == date(2025, 6, 16)  # 00:30 the next day
    assert local_date(now, UTC_ZONE) == date(2025, 6, 15)
    assert local_date(utc(2025, 6, 15, 18, 29), KOLKATA) == date(2025, 6, 15)
    assert local_date(utc(2025, 6, 15, 18, 30), KOLKATA) == date(2025, 6, 16)
    assert local_date(utc(2025, 6, 15, 2, 29), ST_JOHNS) == date(2025, 6, 14)
    assert local_date(utc(2025, 6, 15, 2, 30), ST_JOHNS) == date(2025, 6, 15)
    # Any aware datetime works, not only UTC ones.
    assert local_date(datetime(2025, 6, 16, 0, 30, tzinfo=KIRITIMATI), PARIS) == date(2025, 6, 15)


@pytest.mark.parametrize(
    ("zone", "now", "period", "expected"),
    [
        # Paris, spring forward on Sunday 2025-03-30: that Sunday still belongs to the week of Mon 24 (CET).
        (PARIS, local(PARIS, 2025, 3, 30, 12, 0), "week", utc(2025, 3, 23, 23, 0)),
        (PARIS, local(PARIS, 2025, 3, 31, 0, 0), "week", utc(2025, 3, 30, 22, 0)),  # Monday 00:00 CEST
        (PARIS, local(PARIS, 2025, 3, 31, 0, 0) - timedelta(seconds=1), "week", utc(2025, 3, 23, 23, 0)),
        (PARIS, local(PARIS, 2025, 3, 30, 12, 0), "month", utc(2025, 2, 28, 23, 0)),
        (PARIS, local(PARIS, 2025, 4, 1, 0, 0), "month", utc(2025, 3, 31, 22, 0)),
        (PARIS, local(PARIS, 2025, 11, 2, 23, 59), "week", utc(2025, 10, 26, 23, 0)),  # Mon 27 Oct, CET
        (PARIS, local(PARIS, 2025, 10, 31, 23, 59), "month", utc(2025, 9, 30, 22, 0)),
        # New York, fall back on Sunday 2025-11-02.
        (NEW_YORK, utc(2025, 11, 3, 3, 0), "week", utc(2025, 10, 27, 4, 0)),  # Sun 22:00 EST -> Mon 27 EDT
        (NEW_YORK, utc(2025, 11, 3, 5, 0), "week", utc(2025, 11, 3, 5, 0)),  # Monday 00:00 EST exactly
        (NEW_YORK, utc(2025, 11, 1, 3, 59), "month", utc(2025, 10, 1, 4, 0)),
        (NEW_YORK, utc(2025, 11, 1, 4, 0), "month", utc(2025, 11, 1, 4, 0)),
        (KOLKATA, utc(2025, 6, 30, 18, 30), "month", utc(2025, 6, 30, 18, 30)),  # 1 July 00:00 IST
        (KIRITIMATI, utc(2025, 6, 30, 10, 0), "month", utc(2025, 6, 30, 10, 0)),  # 1 July 00:00 +14
        (KIRITIMATI, utc(2025, 6, 30, 9, 59), "month", utc(2025, 5, 31, 10, 0)),
        (LORD_HOWE, utc(2025, 10, 5, 0, 0), "week", utc(2025, 9, 28, 13, 30)),  # Mon 29 Sep 00:00 +10:30
        (UTC_ZONE, utc(2025, 6, 15, 12), "week", utc(2025, 6, 9)),
        # Midnight that does not exist: Asuncion 2023-10-01 00:00 -> 01:00, Tehran 2021-03-22 (a Monday).
        (ZoneInfo("America/Asuncion"), utc(2023, 10, 15), "month", utc(2023, 10, 1, 4, 0)),
        (ZoneInfo("Asia/Tehran"), utc(2021, 3, 24), "week", utc(2021, 3, 21, 20, 30)),
    ],
)
def test_period_start(zone: ZoneInfo, now: datetime, period: str, expected: datetime) -> None:
    got = period_start(now, zone, period)  # type: ignore[arg-type]
    assert got == expected
    assert got is not None and got <= now


def test_period_start_all_and_bad_period() -> None:
    assert period_start(utc(2025, 6, 15), PARIS, "all") is None
    with pytest.raises(ScheduleError, match="“year”"):
        period_start(utc(2025, 6, 15), PARIS, "year")  # type: ignore[arg-type]


def test_format_local() -> None:
    assert format_local(utc(2026, 11, 26, 8, 0), PARIS) == "Thu 26 Nov, 09:00 (Europe/Paris)"
    assert format_local(utc(2025, 6, 15, 3, 30), KOLKATA) == "Sun 15 Jun, 09:00 (Asia/Kolkata)"
    assert format_local(utc(2025, 6, 14, 19, 5), KIRITIMATI) == "Sun 15 Jun, 09:05 (Pacific/Kiritimati)"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_local(datetime(2025, 6, 15), PARIS)  # noqa: DTZ001


# --------------------------------------------------------------------------------------------------
# streak_after


@pytest.mark.parametrize(
    ("previous_day", "previous_streak", "day", "expected"),
    [
        (None, 0, date(2025, 6, 15), 1),
        (date(2025, 6, 15), 4, date(2025, 6, 15), 4),  # same day: unchanged
        (date(2025, 6, 14), 4, date(2025, 6, 15), 5),  # next day
        (date(2025, 6, 13), 4, date(2025, 6, 15), 1),  # a day missed
        (date(2025, 2, 28), 9, date(2025, 3, 1), 10),  # across a month end
        (date(2024, 12, 31), 2, date(2025, 1, 1), 3),  # across a year end
        (date(2025, 3, 29), 2, date(2025, 3, 30), 3),  # a 23-hour DST day is still one day
        (date(2025, 6, 15), 4, date(2025, 6, 14), 4),  # a late answer for an earlier day: unchanged
        (date(2025, 6, 15), 0, date(2025, 6, 15), 1),
    ],
)
def test_streak_after(previous_day: date | None, previous_streak: int, day: date, expected: int) -> None:
    assert streak_after(previous_day, previous_streak, day) == expected


def test_streak_after_rejects_negative() -> None:
    with pytest.raises(ValueError):
        streak_after(None, -1, date(2025, 6, 15))


# --------------------------------------------------------------------------------------------------
# Properties


ALL_ZONES = sorted(z for z in available_timezones() if z not in {"Factory", "localtime", "posixrules"})


@settings(max_examples=300, deadline=None)
@given(
    zone_name=st.one_of(st.sampled_from([z.key for z in ZONES]), st.sampled_from(ALL_ZONES)),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
)
@example(zone_name="America/New_York", day=date(2025, 3, 9), hour=2, minute=30)
@example(zone_name="America/New_York", day=date(2025, 11, 2), hour=1, minute=30)
@example(zone_name="Australia/Lord_Howe", day=date(2025, 10, 5), hour=2, minute=0)
@example(zone_name="Australia/Lord_Howe", day=date(2025, 4, 6), hour=1, minute=59)
@example(zone_name="America/Asuncion", day=date(2023, 10, 1), hour=0, minute=0)
@example(zone_name="Pacific/Apia", day=date(2011, 12, 30), hour=12, minute=0)
@example(zone_name="Pacific/Apia", day=date(2011, 12, 30), hour=0, minute=0)
@example(zone_name="Pacific/Apia", day=date(2011, 12, 31), hour=0, minute=0)
@example(zone_name="Pacific/Kanton", day=date(1994, 12, 31), hour=0, minute=0)
def test_local_post_time_properties(zone_name: str, day: date, hour: int, minute: int) -> None:
    zone = ZoneInfo(zone_name)
    at = time(hour, minute)
    got = local_post_time(day, at, zone)
    assert got.tzinfo is not None and got.utcoffset() == timedelta(0)

    requested = datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001
    occurrences = [
        instant
        for fold in (0, 1)
        if wall(instant := requested.replace(tzinfo=zone, fold=fold).astimezone(UTC), zone) == requested
    ]
    if occurrences:  # the time exists: its wall time is kept, at the first occurrence
        assert wall(got, zone) == requested
        assert got == min(occurrences)
    else:  # a gap: the first whole minute after it
        assert wall(got, zone) > requested
        assert wall(got - timedelta(minutes=1), zone) < requested
        assert got.astimezone(zone).second == 0
    # One post per local date, in date order. A date skipped whole (Samoa, 2011-12-30) never exists locally,
    # so due() never asks for it; its 00:00 resolves to the next day's 00:00.
    one_day = timedelta(days=1)
    before, after = local_post_time(day - one_day, at, zone), local_post_time(day + one_day, at, zone)
    assert before < got or (before == got and local_date(before, zone) != day - one_day)
    assert got < after or (got == after and local_date(got, zone) != day)
    assert local_post_time(day, at, zone) == got


@settings(max_examples=150, deadline=None)
@given(
    zone_name=st.sampled_from([z.key for z in ZONES] + ["Pacific/Apia", "America/Asuncion", "Asia/Tehran"]),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2050, 1, 1), timezones=st.just(UTC)),  # noqa: DTZ001
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    answer_hours=st.integers(1, 23),
)
def test_next_post_and_due_properties(
    zone_name: str, now: datetime, hour: int, minute: int, answer_hours: int
) -> None:
    zone = ZoneInfo(zone_name)
    at = time(hour, minute)
    day, post_at = next_post(now, at, zone)
    assert post_at >= now
    assert local_post_time(day - timedelta(days=1), at, zone) < now  # nothing earlier was still to come
    d = due(now, at, zone, answer_hours, last_posted_day=None)
    assert d.day == local_date(now, zone)
    assert d.closes_at - d.post_at == timedelta(hours=answer_hours)
    if d.action == "wait":
        assert d.post_at > now
    else:
        assert d.post_at <= now
        assert (d.action == "post") == (d.closes_at - now >= timedelta(hours=1))
    posted = due(now, at, zone, answer_hours, last_posted_day=d.day)
    assert posted.action == "wait" and posted.day > d.day and posted.post_at >= now


def test_core_module_does_not_import_discord() -> None:
    for source in sorted(Path(schedule.__file__).parent.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name == "discord" or name.startswith("discord.") for name in imported), source.name
