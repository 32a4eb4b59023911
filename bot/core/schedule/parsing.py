"""Parsing what a server's manager types: a time of day and a time zone (with suggestions).

A bad value raises :class:`ScheduleError`, a ``UserError`` that carries the typed value as a parameter:
each surface quotes and escapes it its own way.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process, utils

from bot.core.errors import Quote, UserError
from bot.core.text import one_line

log = logging.getLogger(__name__)

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


#: How much of a typed value an error echoes.
_ECHO_MAX = 40
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
#: What a refused zone is told to use: the zone names are a parameter (``{examples}``), rendered as the suggested
#: ones are, so a message never shows one zone name escaped and another not.
_ZONE_EXAMPLES = "use an IANA name like {examples}"
_EXAMPLE_ZONES = "Europe/Paris, America/New_York or Asia/Kolkata"
# Abbreviations people type for their zone, with the places they usually stand for (best first). None is a place:
# they do not follow summer time, and several name more than one place. EST and MST are in the IANA database, but as
# offsets that never change (a 09:00 "EST" question came at 10:00 in New York all summer): refused the same way.
# (CET, EET, WET, EST5EDT ... follow their summer time and are still accepted.)
_NEW_YORK = ("America/New_York", "America/Toronto")
_CHICAGO = ("America/Chicago", "America/Mexico_City")
_DENVER = ("America/Denver", "America/Phoenix")
_LOS_ANGELES = ("America/Los_Angeles", "America/Vancouver")
_SYDNEY = ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane")
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "est": _NEW_YORK, "edt": _NEW_YORK, "et": _NEW_YORK,
    "cst": (*_CHICAGO, "Asia/Shanghai"), "cdt": _CHICAGO, "ct": _CHICAGO,
    "mst": _DENVER, "mdt": _DENVER, "mt": _DENVER,
    "pst": _LOS_ANGELES, "pdt": _LOS_ANGELES, "pt": _LOS_ANGELES,
    "akst": ("America/Anchorage",), "akdt": ("America/Anchorage",),
    "ast": ("America/Halifax", "Asia/Riyadh"), "adt": ("America/Halifax",),
    "nst": ("America/St_Johns",), "ndt": ("America/St_Johns",),
    "brt": ("America/Sao_Paulo",), "art": ("America/Argentina/Buenos_Aires",),
    "bst": ("Europe/London",), "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "cest": ("Europe/Paris", "Europe/Berlin", "Europe/Madrid"), "eest": ("Europe/Athens", "Europe/Helsinki"),
    "msk": ("Europe/Moscow",),
    "wat": ("Africa/Lagos",), "cat": ("Africa/Maputo",), "eat": ("Africa/Nairobi",),
    "sast": ("Africa/Johannesburg",), "gst": ("Asia/Dubai",), "pkt": ("Asia/Karachi",),
    "wib": ("Asia/Jakarta",), "ict": ("Asia/Bangkok",), "sgt": ("Asia/Singapore",), "hkt": ("Asia/Hong_Kong",),
    "pht": ("Asia/Manila",), "jst": ("Asia/Tokyo",), "kst": ("Asia/Seoul",),
    "awst": ("Australia/Perth",), "acst": ("Australia/Adelaide", "Australia/Darwin"), "acdt": ("Australia/Adelaide",),
    "aest": _SYDNEY, "aedt": _SYDNEY, "nzst": ("Pacific/Auckland",), "nzdt": ("Pacific/Auckland",),
}  # fmt: skip
_OFFSET_RE = re.compile(r"^(?:utc|gmt|z)?\s*[+-]\s*\d", re.IGNORECASE)
#: The IANA database's fixed offsets, ``Etc/GMT+5``: offsets too, and with the sign reversed (POSIX's): Etc/GMT+2
#: is UTC-2, two hours behind, where a user typing it meant two ahead.
_ETC_OFFSET_RE = re.compile(r"^etc/gmt([+-])(\d{1,2})$")


class ScheduleError(UserError, ValueError):
    """A schedule setting typed by a user is not valid: a ``UserError`` each surface renders.

    ``value`` is what was typed; the ``{value}`` parameter of the message echoes it (text as a ``Quote``,
    on one line and clipped). ``suggestions`` are close valid values (time zones), best first.
    """

    def __init__(
        self, code: str, text: str, *, value: object, suggestions: tuple[str, ...] = (), **params: object
    ) -> None:
        self.value = value
        self.suggestions = suggestions
        shown = Quote(one_line(value, _ECHO_MAX)) if isinstance(value, str) else value
        super().__init__(code, text, value=shown, **params)


# --------------------------------------------------------------------------------------------------
# Parsing user input


_TIME_12H = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m\.?$", re.ASCII)
_TIME_24H = re.compile(r"^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|[.h](\d{2})|h)$", re.ASCII)
_TIME_HHMM = re.compile(r"^(\d{1,2})(\d{2})$", re.ASCII)
_TIME_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


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
    raise ScheduleError("schedule.time", "{value} is not a time of day — try 09:00, 9am or 21:30", value=raw)


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
    :class:`ScheduleError` naming the bad value and up to three close suggestions: for an abbreviation (PST,
    IST, EST ...: not a place, see ``_ABBREVIATIONS``) the places it usually stands for.
    """
    raw = name if isinstance(name, str) else str(name)
    by_lower, by_city, suggestable, _ = _zone_tables()
    key = _zone_key(raw)
    if key == "z":  # (ISO 8601's zone letter for UTC, as in 09:00Z)
        key = "utc"
    abbreviation = _ABBREVIATIONS.get(key, ())
    etc_offset = _ETC_OFFSET_RE.match(key)
    if etc_offset is not None and not int(etc_offset.group(2)):
        etc_offset = None  # (Etc/GMT+0 is UTC)
    canonical = (
        None if abbreviation or etc_offset else by_lower.get(key) or (by_city.get(key) if key and "/" not in key else None)
    )
    if canonical is not None:
        try:
            return ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - tzdata listing is stale
            log.warning("time zone %s is listed but cannot be loaded: %s", canonical, exc)
    suggestions: tuple[str, ...] = abbreviation
    is_offset = bool(_OFFSET_RE.match(raw.strip()) or etc_offset)
    if key and not is_offset and not suggestions:
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
        reversed_sign = ""
        if etc_offset is not None:
            sign, hours = etc_offset.groups()
            reversed_sign = f" ({{value}} is UTC{'−' if sign == '+' else '+'}{int(hours)}: its sign is reversed)"
        message = (
            f"{shown}{reversed_sign} — name a place rather than an offset, so daylight saving is followed: "
            f"{_ZONE_EXAMPLES}"
        )
        raise ScheduleError("schedule.zone_offset", message, value=raw, examples=_EXAMPLE_ZONES)
    if suggestions:
        options = ", ".join(suggestions[:-1]) + (" or " if len(suggestions) > 1 else "") + suggestions[-1]
        message = f"{shown} — did you mean {{options}}? Otherwise {_ZONE_EXAMPLES}"
        raise ScheduleError(
            "schedule.zone", message, value=raw, suggestions=suggestions, options=options, examples=_EXAMPLE_ZONES
        )
    raise ScheduleError("schedule.zone", f"{shown} — {_ZONE_EXAMPLES}", value=raw, examples=_EXAMPLE_ZONES)


def suggest_zones(query: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete, best first. Answered from memory (the list is built once).

    An empty query gives :data:`COMMON_ZONES` first, then the rest alphabetically. Otherwise: the places an
    abbreviation stands for (PST, IST ...), exact name or city, then city prefix, then name prefix, then
    substring; fuzzy matches only when nothing contains the query.
    """
    if limit <= 0:
        return []
    by_lower, _, suggestable, keys = _zone_tables()
    q = _zone_key(query or "")
    if not q:
        common = [z for z in COMMON_ZONES if z.lower() in by_lower]
        seen = set(common)
        return (common + [z for z in suggestable if z not in seen])[:limit]
    # An abbreviation (PST, IST ...): the places it stands for first, in their order.
    first = [name for name in _ABBREVIATIONS.get(q, ()) if name.lower() in by_lower]
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
    if ranked or first:
        ranked.sort()
        return (first + [name for _, name in ranked if name not in first])[:limit]
    found = process.extract(
        query.strip(),
        suggestable,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [choice for choice, _score, _index in found]
