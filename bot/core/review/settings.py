"""Checking what a member types into their review settings; each refusal is a ``UserError`` with a code."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import time
from zoneinfo import ZoneInfo

from bot.core import schedule
from bot.core.catalog import Catalog, CatalogView
from bot.core.errors import NotFound, Quote, UserError
from bot.core.models import SHARED_SUFFIX
from bot.core.review.scheduler import RETENTION_MAX, RETENTION_MIN

log = logging.getLogger(__name__)

NEW_PER_DAY_MIN, NEW_PER_DAY_MAX, NEW_PER_DAY_DEFAULT = 0, 100, 10
TOPICS_MAX = 10
#: Words that mean "every card" in the topics setting, "the server's zone", or "no reminder".
EVERYTHING = frozenset({"", "all", "any", "every", "everything", "*"})
DEFAULT_WORDS = frozenset({"", "default", "server", "none", "off", "reset"})
OFF_WORDS = frozenset({"", "off", "no", "none", "never", "stop"})


def check_new_per_day(value: int) -> int:
    """New cards per day, within bounds."""
    if not NEW_PER_DAY_MIN <= value <= NEW_PER_DAY_MAX:
        raise UserError(
            "review.new_per_day",
            "New cards per day must be between {low} and {high}, not {value}.",
            low=NEW_PER_DAY_MIN,
            high=NEW_PER_DAY_MAX,
            value=value,
        )
    return value


def check_retention(value: float) -> float:
    """Desired retention as a fraction (a percentage such as 90 is read as 0.90), within bounds."""
    typed = value
    if value > 1:
        value = value / 100
    if not RETENTION_MIN <= value <= RETENTION_MAX:
        raise UserError(
            "review.retention",
            "Desired retention must be between {low} and {high} (the share of cards you want to remember "
            "when they come back), not {value}.",
            low=f"{RETENTION_MIN:.0%}",
            high=f"{RETENTION_MAX:.0%}",
            value=_typed_retention(typed),
        )
    return round(value, 3)


def _typed_retention(typed: float) -> str:
    """A retention as the member typed it: a percentage (``60%``; above 1 it is read as one), or a fraction with the
    percentage it stands for (``0.5 (50%)``)."""
    if typed > 1:
        return f"{typed:g}%"
    return f"{typed:g} ({typed:.0%})"


def split_topics(text: str) -> list[str]:
    """Topics typed as a list (commas or spaces between them), lower-cased; a shared deck's name in a server
    with a deck of its own by that name (``biology (shared)``: ``Catalog.name_in``) is one topic."""
    found: list[str] = []
    for word in re.split(r"[,\s]+", text.strip().lower()):
        if word == SHARED_SUFFIX.strip() and found:
            found[-1] += SHARED_SUFFIX
        elif word:
            found.append(word)
    return found


def check_topics(text: str, catalog: Catalog | CatalogView) -> tuple[str, ...]:
    """The topics (tags or deck ids) a member typed; empty for every card. Raises NotFound for an unknown one."""
    if text.strip().lower() in EVERYTHING:
        return ()
    found: list[str] = []
    for topic in split_topics(text):
        if catalog.topic_cards(topic) is None:
            close = catalog.suggest_topics(topic, limit=3)
            if close:
                raise NotFound(
                    "review.topic",
                    "There is no topic called {topic}. Close ones: {close}.",
                    topic=Quote(topic),
                    close=", ".join(close),
                )
            raise NotFound("review.topic", "There is no topic called {topic}.", topic=Quote(topic))
        if topic not in found:
            found.append(topic)
    if len(found) > TOPICS_MAX:
        raise UserError("review.topics", "Pick at most {most} topics, not {count}.", most=TOPICS_MAX, count=len(found))
    return tuple(found)


def check_zone(text: str) -> str | None:
    """A time zone a member typed (IANA name or city); None for "use the server's"."""
    if text.strip().lower() in DEFAULT_WORDS:
        return None
    return schedule.parse_zone(text).key  # a ScheduleError is a UserError naming the value


def check_time(text: str) -> time | None:
    """A reminder time a member typed (09:00, 9am, 21:30); None for "no reminder"."""
    if text.strip().lower() in OFF_WORDS:
        return None
    return schedule.parse_time(text)


def zone_named(names: Iterable[str | None]) -> ZoneInfo:
    """The first of ``names`` that is a known zone (a member's, then the server's); UTC when none is."""
    for name in names:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            log.warning("unknown time zone %r; trying the next", name)
    return ZoneInfo("UTC")


def time_text(at: time) -> str:
    """A reminder time as stored (HH:MM)."""
    return f"{at.hour:02d}:{at.minute:02d}"


def parse_stored_time(text: str | None) -> time | None:
    """A stored HH:MM (None when unset or unreadable)."""
    if not text:
        return None
    try:
        hour, minute = (int(part) for part in text.split(":", 1))
        return time(hour, minute)
    except ValueError:
        log.warning("unreadable reminder time %r", text)
        return None

