"""Pure time maths for the daily question: parsing settings, DST-safe post times, the catch-up policy.

:mod:`.parsing` reads what a manager types (time of day, time zone); :mod:`.times` computes post times,
the due decision, local periods and streaks.

Nothing here reads the clock: every function that needs "now" takes it as an aware datetime, and every
datetime returned is aware (UTC unless stated otherwise). Only the standard library's ``zoneinfo`` (backed
by the ``tzdata`` package) is used for time zones.

Policy in one place:

* A post time that does not exist on a local date (the spring-forward gap) is moved to the first valid
  minute after the gap; a post time that happens twice (fall-back) is used once: at its first occurrence,
  or at its second when the schedule is set (or the bot comes back) after the first.
* Post times are always computed from the schedule for a given local date, never as "last post + 24 h",
  so the local wall time never drifts across a DST change.
* Answers stay open for ``answer_hours`` of elapsed time after the post (not wall-clock hours).
* :func:`due` only ever decides about the current local date; a day that has passed unposted is not
  revisited, which keeps "one post per guild per local date" strict.
"""

import logging

from bot.core.schedule.parsing import COMMON_ZONES, ScheduleError, parse_time, parse_zone, suggest_zones
from bot.core.schedule.times import (
    ANSWER_HOURS_DEFAULT,
    ANSWER_HOURS_MAX,
    ANSWER_HOURS_MIN,
    DueDecision,
    closes_at,
    due,
    format_local,
    local_date,
    local_post_time,
    next_post,
    period_start,
    streak_after,
)

log = logging.getLogger(__name__)

__all__ = [
    "ANSWER_HOURS_DEFAULT",
    "ANSWER_HOURS_MAX",
    "ANSWER_HOURS_MIN",
    "COMMON_ZONES",
    "DueDecision",
    "ScheduleError",
    "closes_at",
    "due",
    "format_local",
    "local_date",
    "local_post_time",
    "next_post",
    "parse_time",
    "parse_zone",
    "period_start",
    "streak_after",
    "suggest_zones",
]
