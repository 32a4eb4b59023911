"""Post times across DST, the catch-up policy, local periods and streaks (see :mod:`bot.core.schedule`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.schedule.parsing import ScheduleError
from bot.core.text import MONTHS

log = logging.getLogger(__name__)

ANSWER_HOURS_MIN = 1
ANSWER_HOURS_MAX = 23
ANSWER_HOURS_DEFAULT = 20
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --------------------------------------------------------------------------------------------------
# Post times


def _require_aware(dt: datetime, what: str = "now") -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {dt!r}")
    return dt.astimezone(UTC)


def _wall(dt: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall-clock reading of an aware instant."""
    return dt.astimezone(zone).replace(tzinfo=None)


def _resolve_local(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of naive local ``wall`` in ``zone``: first occurrence if repeated, gap end if skipped."""
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _wall(first, zone) == wall:
        return first  # exists; fold=0 is the earlier of two occurrences when the hour repeats
    # In a gap the two folds bracket the transition: local readings before it are < wall, after it > wall.
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    lo, hi = min(first, second), max(first, second)
    lo_s, hi_s = 0, int((hi - lo).total_seconds())
    while lo_s < hi_s:  # smallest whole-second offset whose local reading is at or past `wall`
        mid = (lo_s + hi_s) // 2
        if _wall(lo + timedelta(seconds=mid), zone) >= wall:
            hi_s = mid
        else:
            lo_s = mid + 1
    instant = lo + timedelta(seconds=lo_s)
    local = instant.astimezone(zone)
    if local.second or local.microsecond:  # historical odd-second offsets: round up to a whole local minute
        instant += timedelta(seconds=60 - local.second) - timedelta(microseconds=local.microsecond)
    return instant


def local_post_time(day: date, at: time, zone: ZoneInfo) -> datetime:
    """Aware UTC instant of the post for local date ``day`` at wall time ``at`` in ``zone``.

    If ``at`` does not exist that day (spring-forward gap) the post is at the first valid minute after the
    gap (02:30 -> 03:00 on the US spring-forward day). If it happens twice (fall-back) the first occurrence
    is used. Any tzinfo or fold on ``at`` is ignored.
    """
    wall = datetime(day.year, day.month, day.day, at.hour, at.minute, at.second, at.microsecond)  # noqa: DTZ001
    return _resolve_local(wall, zone)


def _occurrences(day: date, at: time, zone: ZoneInfo) -> tuple[datetime, ...]:
    """Every instant wall time ``at`` is read on local date ``day``, earliest first: two in a repeated
    (fall-back) hour, else one (the gap end for a time that does not exist that day)."""
    first = local_post_time(day, at, zone)
    wall = datetime(day.year, day.month, day.day, at.hour, at.minute, at.second, at.microsecond)  # noqa: DTZ001
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if second > first and _wall(second, zone) == wall:
        return first, second
    return (first,)


def local_date(now: datetime, zone: ZoneInfo) -> date:
    """The local calendar date in ``zone`` at instant ``now``."""
    return _require_aware(now).astimezone(zone).date()


def next_post(
    now: datetime, at: time, zone: ZoneInfo, *, last_posted_day: date | None = None
) -> tuple[date, datetime]:
    """The next (local date, UTC instant) whose post time is >= ``now`` and whose date is after ``last_posted_day``.

    Always computed from the schedule for each date, so the local wall time never drifts across DST. On the
    day a wall time happens twice (fall-back), its second occurrence counts when the first has passed: 01:30
    set at 01:45 on that day is posted at the second 01:30, the same day, not the next.
    """
    now = _require_aware(now)
    day = local_date(now, zone) - timedelta(days=1)  # a gap may push yesterday's post past midnight
    if last_posted_day is not None and day <= last_posted_day:
        day = last_posted_day + timedelta(days=1)
    while True:
        for post_at in _occurrences(day, at, zone):
            if post_at >= now:
                return day, post_at
        day += timedelta(days=1)


def closes_at(post_at: datetime, answer_hours: int) -> datetime:
    """When answers to a post close: ``answer_hours`` of elapsed time after ``post_at`` (1-23)."""
    if isinstance(answer_hours, bool) or not isinstance(answer_hours, int):
        raise ScheduleError(
            "schedule.answer_hours", "answer hours must be a whole number, not {typed}",
            value=answer_hours, typed=repr(answer_hours),
        )  # fmt: skip
    if not ANSWER_HOURS_MIN <= answer_hours <= ANSWER_HOURS_MAX:
        raise ScheduleError(
            "schedule.answer_hours", "answer hours must be between {low} and {high}, not {value}",
            value=answer_hours, low=ANSWER_HOURS_MIN, high=ANSWER_HOURS_MAX,
        )  # fmt: skip
    return _require_aware(post_at, "post_at") + timedelta(hours=answer_hours)


@dataclass(frozen=True, slots=True)
class DueDecision:
    """What the periodic check should do now for one guild.

    ``post``: post the question for local date ``day`` now, then record ``day`` as posted.
    ``skip``: ``day``'s post time passed while the bot was down and too little answer time is left; nothing
    to send (the same decision repeats until the local date changes, so log it once or record ``day``).
    ``wait``: nothing to do before ``post_at``.
    """

    action: Literal["post", "skip", "wait"]
    day: date
    post_at: datetime
    closes_at: datetime
    reason: str


def _span(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    if hours:
        return f"{hours} h"
    return f"{minutes} min"


def due(
    now: datetime,
    at: time,
    zone: ZoneInfo,
    answer_hours: int,
    *,
    last_posted_day: date | None,
    min_open: timedelta = timedelta(hours=1),
    not_before: datetime | None = None,
) -> DueDecision:
    """Decide, for the current local date, whether to post, skip or wait. Idempotent; call it often.

    Today not posted and its time reached: ``post`` if answers would still be open for at least ``min_open``
    (on time or catching up after downtime), else ``skip``. Time not reached: ``wait`` for today's post.
    Today (or a later date) already posted: ``wait`` for the next one.

    On a day the wall time happens twice (fall-back) the post time is the latest occurrence reached, and
    ``not_before`` (the schedule's stored next post time) rules out a first occurrence that passed before
    the schedule was set: its post is at the second one.
    """
    now = _require_aware(now)
    today = local_date(now, zone)
    if last_posted_day is not None and last_posted_day >= today:
        day, post_at = next_post(now, at, zone, last_posted_day=last_posted_day)
        return DueDecision(
            "wait", day, post_at, closes_at(post_at, answer_hours), "today's question is already posted"
        )
    times = _occurrences(today, at, zone)
    if not_before is not None and len(times) > 1 and times[0] < not_before:
        times = times[1:]
    reached = [t for t in times if t <= now]
    post_at = reached[-1] if reached else times[0]
    closes = closes_at(post_at, answer_hours)
    if now < post_at:
        return DueDecision("wait", today, post_at, closes, "today's post time has not come yet")
    late, left = now - post_at, closes - now
    if left >= min_open:
        if late < timedelta(minutes=1):
            reason = "post time reached"
        else:
            reason = f"catching up {_span(late)} after the post time; answers open for {_span(left)}"
        return DueDecision("post", today, post_at, closes, reason)
    return DueDecision(
        "skip",
        today,
        post_at,
        closes,
        f"bot was down at post time; answers would be open less than {_span(min_open)}",
    )


# --------------------------------------------------------------------------------------------------
# Periods, display, streaks


def period_start(now: datetime, zone: ZoneInfo, period: Literal["week", "month", "all"]) -> datetime | None:
    """Aware UTC start of the current local week (Monday 00:00) or month (the 1st, 00:00); None for "all".

    A midnight that does not exist locally (some zones change clocks at 00:00) resolves to the first valid
    minute of that day.
    """
    today = local_date(now, zone)
    if period == "all":
        return None
    if period == "week":
        start = today - timedelta(days=today.weekday())
    elif period == "month":
        start = today.replace(day=1)
    else:
        raise ScheduleError("schedule.period", "{value} is not a period — use week, month or all", value=period)
    return local_post_time(start, time(0, 0), zone)


def format_local(dt: datetime, zone: ZoneInfo) -> str:
    """Human-readable local time, locale-independent: ``Thu 26 Nov, 09:00 (Europe/Paris)``."""
    local = _require_aware(dt, "dt").astimezone(zone)
    name = zone.key or str(zone)
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}, {local:%H:%M} ({name})"


def streak_after(previous_day: date | None, previous_streak: int, day: date) -> int:
    """Daily streak after a correct answer for local date ``day``.

    First ever -> 1; same day as before -> unchanged; the next day -> +1; after a gap -> 1. An answer for an
    earlier day than ``previous_day`` (a late answer) leaves the streak unchanged.
    """
    if previous_streak < 0:
        raise ValueError(f"previous_streak must be >= 0, not {previous_streak}")
    if previous_day is None:
        return 1
    if day <= previous_day:
        return max(previous_streak, 1)
    if day - previous_day == timedelta(days=1):
        return previous_streak + 1
    return 1
