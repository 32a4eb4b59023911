"""The daily question's stored records and the converters from their rows."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.storage.store import from_ms

log = logging.getLogger(__name__)

#: Longest stored failure reason and member name.
REASON_MAX = 300
NAME_MAX = 100


#: The failure note of a reveal held while its guild is paused for a reason that may pass (a permission): sent
#: once the pause is lifted.
HELD_REVEAL = "reveal held: "
#: The failure note of a reveal given up (``note_reveal_failure``).
GIVEN_UP_REVEAL = "reveal: "


@dataclass(frozen=True, slots=True)
class ScheduleInfo:
    """A guild's daily schedule as stored."""

    guild_id: int
    channel_id: int
    at: time
    zone: ZoneInfo
    topic: str | None
    answer_hours: int
    enabled: bool
    paused_reason: str | None
    paused_at: datetime | None
    handled_day: date | None
    next_post_at: datetime | None

    @property
    def time_text(self) -> str:
        """The local post time, ``HH:MM``."""
        return f"{self.at:%H:%M}"

    @property
    def zone_name(self) -> str:
        """The IANA name of the schedule's time zone."""
        return self.zone.key


@dataclass(frozen=True, slots=True)
class PostInfo:
    """One daily post (one guild, one local date) as stored."""

    id: int
    guild_id: int
    day: date
    card_key: str
    channel_id: int
    message_id: int | None
    state: str
    post_at: datetime
    closes_at: datetime
    revealed_at: datetime | None
    failure: str | None = None
    reveal_tries: int = 0  # reveal claims so far (a retry looks for a reveal an earlier try may have sent)
    #: The card as it was when the question was claimed (its stored form; None for a post claimed before it was
    #: kept): what the question is answered and revealed against, whatever the deck has become since.
    card_data: str | None = field(default=None, repr=False, compare=False)
    #: Which question of its local date in the guild this is (1: the first; 2: a second one dated the same day, in
    #: another zone, after the schedule moved west), counting the posts not failed by post time (``DAY_NUMBER_SQL``).
    number: int = 1
    #: The IANA zone the post is dated in.
    zone: str = "UTC"

    @property
    def reveal_problem(self) -> tuple[str, bool] | None:
        """(why, held) when a posted question's answer could not be posted in its channel: ``held`` until its
        guild's pause is lifted, else given up. None when it was revealed or is not due yet."""
        if self.state != "posted" or not self.failure or self.revealed_at is None:
            return None
        if self.failure.startswith(HELD_REVEAL):
            return self.failure.removeprefix(HELD_REVEAL), True
        return self.failure.removeprefix(GIVEN_UP_REVEAL), False

    def is_open(self, now: datetime) -> bool:
        """Whether answers are taken at ``now``."""
        return self.state in ("claimed", "posted") and self.revealed_at is None and now < self.closes_at


@dataclass(frozen=True, slots=True)
class PendingSend:
    """A claimed post whose send did not finish, with what a retry needs: the zone the post is dated in, and its
    schedule's topic."""

    post: PostInfo
    send_tries: int
    zone: str | None
    topic: str | None




@dataclass(frozen=True, slots=True)
class StreakRow:
    """A member's daily streak in a guild."""

    current: int
    best: int
    last_day: date | None


@dataclass(frozen=True, slots=True)
class DailyDay:
    """One posted daily question of a guild, from one member's side."""

    day: date
    revealed: bool
    correct: bool


def day_from(text: str | None) -> date | None:
    """A stored ISO local date."""
    return date.fromisoformat(text) if text else None


def instant_from(ms: int | None) -> datetime | None:
    """A stored unix-millisecond instant."""
    return None if ms is None else from_ms(int(ms))


def schedule_from(row: aiosqlite.Row) -> ScheduleInfo:
    """A ``daily_schedules`` row as a record."""
    hh, mm = row["post_time"].split(":")
    return ScheduleInfo(
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        at=time(int(hh), int(mm)),
        zone=ZoneInfo(row["zone"]),
        topic=row["topic"],
        answer_hours=row["answer_hours"],
        enabled=bool(row["enabled"]),
        paused_reason=row["paused_reason"],
        paused_at=instant_from(row["paused_at"]),
        handled_day=day_from(row["handled_day"]),
        next_post_at=instant_from(row["next_post_at"]),
    )


#: A post's ``PostInfo.number`` (``p`` is the post): 1 + the guild's other posts of its local date, not failed, posted
#: before it (the one-per-date-and-zone index finds them).
DAY_NUMBER_SQL = (
    "(SELECT COUNT(*) FROM daily_posts e WHERE e.guild_id = p.guild_id AND e.local_day = p.local_day"
    " AND e.state != 'failed' AND e.id != p.id AND (e.post_at < p.post_at OR (e.post_at = p.post_at AND e.id < p.id)))"
    " + 1"
)
#: The columns a ``PostInfo`` is read from (``FROM daily_posts p``).
POST_COLUMNS = f"p.*, {DAY_NUMBER_SQL} AS day_number"


def post_from(row: aiosqlite.Row) -> PostInfo:
    """A ``daily_posts`` row as a record (its ``number`` read when the row has it: ``POST_COLUMNS``)."""
    keys = row.keys()
    return PostInfo(
        id=row["id"],
        guild_id=row["guild_id"],
        day=date.fromisoformat(row["local_day"]),
        card_key=row["card_key"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        state=row["state"],
        post_at=from_ms(row["post_at"]),
        closes_at=from_ms(row["closes_at"]),
        revealed_at=instant_from(row["revealed_at"]),
        failure=row["failure"],
        reveal_tries=int(row["reveal_tries"]),
        card_data=row["card_data"],
        number=int(row["day_number"]) if "day_number" in keys else 1,
        zone=str(row["zone"]),
    )


#: How a daily answer names the post it answered in its attempt's ``session_id``.
_SESSION_PREFIX = "daily:"


def daily_session_id(post_id: int) -> str:
    """The ``session_id`` a daily answer is stored with: the post it answered ("daily:42")."""
    return f"{_SESSION_PREFIX}{post_id}"


def daily_post_id(session_id: str | None) -> int | None:
    """The post a daily answer's ``session_id`` names, or None for any other session."""
    if not session_id or not session_id.startswith(_SESSION_PREFIX):
        return None
    post_id = session_id.removeprefix(_SESSION_PREFIX)
    return int(post_id) if post_id.isdigit() else None
