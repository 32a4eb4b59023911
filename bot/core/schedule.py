"""Pure time maths for the daily question: parsing settings, DST-safe post times, the catch-up policy.

Nothing here reads the clock: every function that needs "now" takes it as an aware datetime, and every
datetime returned is aware (UTC unless stated otherwise). Only the standard library's ``zoneinfo`` (backed
by the ``tzdata`` package) is used for time zones.

Policy in one place:

* A post time that does not exist on a local date (the spring-forward gap) is moved to the first valid
  minute after the gap; a post time that happens twice (fall-back) is used once, at its first occurrence.
* Post times are always computed from the schedule for a given local date, never as "last post + 24 h",
  so the local wall time never drifts across a DST change.
* Answers stay open for ``answer_hours`` of elapsed time after the post (not wall-clock hours).
* :func:`due` only ever decides about the current local date; a day that has passed unposted is not
  revisited, which keeps "one post per guild per local date" strict.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process, utils

log = logging.getLogger(__name__)

__all__ = [
    "ANSWER_HOURS_DEFAULT",
    "ANSWER_HOURS_MAX",
    "ANSWER_HOURS_MIN",
    "COMMON_ZONES",
    "DueDecision",
    "ScheduleError",
    "closes_at",
    "discord_timestamp",
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

ANSWER_HOURS_MIN = 1
ANSWER_HOURS_MAX = 23
ANSWER_HOURS_DEFAULT = 20

#: Offered first when the autocomplete query is empty (filtered to what tzdata knows).
COMMON_ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Jakarta",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Manila",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TIMESTAMP_STYLES = frozenset("tTdDfFR")
# Geographic areas of the IANA database; names outside them (EST5EDT, Etc/GMT+5, US/Eastern ...) are
# still accepted by parse_zone but not offered as suggestions.
_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
# Present in tzdata's listing but not zones a server should pick.
_NOT_ZONES = frozenset({"Factory", "localtime", "posixrules"})
# Bare city names shared by a zone and its alias: prefer the canonical one.
_CITY_PREFERENCE = {"istanbul": "Europe/Istanbul", "nicosia": "Asia/Nicosia"}
_ZONE_EXAMPLES = "use an IANA name like Europe/Paris, America/New_York or Asia/Kolkata"
_OFFSET_RE = re.compile(r"^(?:utc|gmt|z)?\s*[+-]\s*\d", re.IGNORECASE)


class ScheduleError(ValueError):
    """A schedule setting typed by a user is not valid. The message is fit to show to that user.

    ``template`` may hold ``{value}`` where the typed value goes: ``str(error)`` shows it in plain quotes,
    ``error.render(quote)`` lets a caller quote it its own way (a code span in chat).
    """

    def __init__(self, template: str, *, value: object = None, suggestions: tuple[str, ...] = ()) -> None:
        self.template = template
        self.value = value
        self.suggestions = suggestions
        super().__init__(self.render(lambda text: f"'{_shown(text)}'"))

    def render(self, quote: Callable[[str], str]) -> str:
        return self.template.replace("{value}", quote(str(self.value)))


# --------------------------------------------------------------------------------------------------
# Parsing user input


_TIME_12H = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m\.?$", re.ASCII)
_TIME_24H = re.compile(r"^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|[.h](\d{2})|h)$", re.ASCII)
_TIME_HHMM = re.compile(r"^(\d{1,2})(\d{2})$", re.ASCII)
_TIME_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def _shown(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_time(text: str) -> time:
    """Parse a time of day typed by a user: 09:00, 9:00, 21:30, 0930, 21h30, 9am, 9 AM, 9:30pm, noon.

    12am is midnight and 12pm is noon. Returns a naive ``time`` (a wall-clock time; the zone is a separate
    setting). Raises :class:`ScheduleError` naming the bad value.
    """
    raw = text if isinstance(text, str) else str(text)
    s = unicodedata.normalize("NFKC", raw).strip().lower()
    s = re.sub(r"\s+", " ", s)
    hour = minute = second = -1
    if s in _TIME_WORDS:
        return _TIME_WORDS[s]
    if m := _TIME_12H.match(s):
        h12 = int(m.group(1))
        minute = int(m.group(2) or 0)
        second = 0
        if 1 <= h12 <= 12:
            hour = (h12 % 12) + (12 if m.group(3) == "p" else 0)
    elif m := _TIME_24H.match(s):
        hour = int(m.group(1))
        minute = int(m.group(2) or m.group(4) or 0)
        second = int(m.group(3) or 0)
    elif m := _TIME_HHMM.match(s):
        hour, minute, second = int(m.group(1)), int(m.group(2)), 0
    if 0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59:
        return time(hour, minute, second)
    raise ScheduleError("{value} is not a time of day — try 09:00, 9am or 21:30", value=raw)


@cache
def _zone_tables() -> tuple[dict[str, str], dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """(lower name -> name, lower city -> name, suggestable names sorted, their lowered search keys)."""
    names = sorted(n for n in available_timezones() if n not in _NOT_ZONES)
    by_lower = {n.lower(): n for n in names}
    suggestable = tuple(n for n in names if n == "UTC" or n.split("/", 1)[0] in _AREAS)
    by_city: dict[str, str] = {}
    # Deepest path first (America/Argentina/Cordoba before its alias America/Cordoba).
    for n in sorted(suggestable, key=lambda n: (-n.count("/"), n)):
        by_city.setdefault(n.rsplit("/", 1)[-1].lower(), n)
    by_city.update(_CITY_PREFERENCE)
    keys = tuple(n.lower() for n in suggestable)
    return by_lower, by_city, suggestable, keys


def _zone_key(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", text.strip()).replace(" ", "_").lower()


def parse_zone(name: str) -> ZoneInfo:
    """Resolve an IANA time zone name typed by a user (case-insensitive; spaces may stand for underscores).

    A bare city that names exactly one zone is accepted too ("paris" -> Europe/Paris). Raises
    :class:`ScheduleError` naming the bad value and up to three close suggestions.
    """
    raw = name if isinstance(name, str) else str(name)
    by_lower, by_city, suggestable, _ = _zone_tables()
    key = _zone_key(raw)
    canonical = by_lower.get(key) or (by_city.get(key) if key and "/" not in key else None)
    if canonical is not None:
        try:
            return ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - tzdata listing is stale
            log.warning("time zone %s is listed but cannot be loaded: %s", canonical, exc)
    suggestions: tuple[str, ...] = ()
    is_offset = bool(_OFFSET_RE.match(raw.strip()))
    if key and not is_offset:
        found = process.extract(
            raw.strip(),
            suggestable,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=3,
            score_cutoff=60,
        )
        suggestions = tuple(choice for choice, _score, _index in found)
    shown = "{value} is not a time zone"
    if is_offset:
        message = (
            f"{shown} — name a place rather than an offset, so daylight saving is followed: {_ZONE_EXAMPLES}"
        )
    elif suggestions:
        options = ", ".join(suggestions[:-1]) + (" or " if len(suggestions) > 1 else "") + suggestions[-1]
        message = f"{shown} — did you mean {options}? Otherwise {_ZONE_EXAMPLES}"
    else:
        message = f"{shown} — {_ZONE_EXAMPLES}"
    raise ScheduleError(message, value=raw, suggestions=suggestions)


def suggest_zones(query: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete, best first. Answered from memory (the list is built once).

    An empty query gives :data:`COMMON_ZONES` first, then the rest alphabetically. Otherwise: exact name or
    city, then city prefix, then name prefix, then substring; fuzzy matches only when nothing contains the
    query.
    """
    if limit <= 0:
        return []
    by_lower, _, suggestable, keys = _zone_tables()
    q = _zone_key(query or "")
    if not q:
        common = [z for z in COMMON_ZONES if z.lower() in by_lower]
        seen = set(common)
        return (common + [z for z in suggestable if z not in seen])[:limit]
    ranked: list[tuple[int, str]] = []
    for name, low in zip(suggestable, keys, strict=True):
        city = low.rsplit("/", 1)[-1]
        if low == q or city == q:
            rank = 0
        elif city.startswith(q):
            rank = 1
        elif low.startswith(q):
            rank = 2
        elif q in low:
            rank = 3
        else:
            continue
        ranked.append((rank, name))
    if ranked:
        ranked.sort()
        return [name for _, name in ranked[:limit]]
    found = process.extract(
        query.strip(),
        suggestable,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [choice for choice, _score, _index in found]


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


def local_date(now: datetime, zone: ZoneInfo) -> date:
    """The local calendar date in ``zone`` at instant ``now``."""
    return _require_aware(now).astimezone(zone).date()


def next_post(
    now: datetime, at: time, zone: ZoneInfo, *, last_posted_day: date | None = None
) -> tuple[date, datetime]:
    """The next (local date, UTC instant) whose post time is >= ``now`` and whose date is after ``last_posted_day``.

    Always computed from the schedule for each date, so the local wall time never drifts across DST.
    """
    now = _require_aware(now)
    day = local_date(now, zone) - timedelta(days=1)  # a gap may push yesterday's post past midnight
    if last_posted_day is not None and day <= last_posted_day:
        day = last_posted_day + timedelta(days=1)
    while True:
        post_at = local_post_time(day, at, zone)
        if post_at >= now:
            return day, post_at
        day += timedelta(days=1)


def closes_at(post_at: datetime, answer_hours: int) -> datetime:
    """When answers to a post close: ``answer_hours`` of elapsed time after ``post_at`` (1-23)."""
    if isinstance(answer_hours, bool) or not isinstance(answer_hours, int):
        raise ScheduleError(f"answer hours must be a whole number, not {answer_hours!r}", value=answer_hours)
    if not ANSWER_HOURS_MIN <= answer_hours <= ANSWER_HOURS_MAX:
        raise ScheduleError(
            f"answer hours must be between {ANSWER_HOURS_MIN} and {ANSWER_HOURS_MAX}, not {answer_hours}",
            value=answer_hours,
        )
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
) -> DueDecision:
    """Decide, for the current local date, whether to post, skip or wait. Idempotent; call it often.

    Today not posted and its time reached: ``post`` if answers would still be open for at least ``min_open``
    (on time or catching up after downtime), else ``skip``. Time not reached: ``wait`` for today's post.
    Today (or a later date) already posted: ``wait`` for the next one.
    """
    now = _require_aware(now)
    today = local_date(now, zone)
    if last_posted_day is not None and last_posted_day >= today:
        day, post_at = next_post(now, at, zone, last_posted_day=last_posted_day)
        return DueDecision(
            "wait", day, post_at, closes_at(post_at, answer_hours), "today's question is already posted"
        )
    post_at = local_post_time(today, at, zone)
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
        raise ScheduleError("{value} is not a period — use week, month or all", value=period)
    return local_post_time(start, time(0, 0), zone)


def format_local(dt: datetime, zone: ZoneInfo) -> str:
    """Human-readable local time, locale-independent: ``Thu 26 Nov, 09:00 (Europe/Paris)``."""
    local = _require_aware(dt, "dt").astimezone(zone)
    name = zone.key or str(zone)
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}, {local:%H:%M} ({name})"


def discord_timestamp(dt: datetime, style: str = "f") -> str:
    """Discord's ``<t:UNIX:STYLE>`` markup, which each reader's client shows in their own time zone."""
    if style not in _TIMESTAMP_STYLES:
        raise ValueError(
            f"timestamp style must be one of {''.join(sorted(_TIMESTAMP_STYLES))}, not {style!r}"
        )
    seconds = (_require_aware(dt, "dt") - _EPOCH) // timedelta(seconds=1)
    return f"<t:{seconds}:{style}>"


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
