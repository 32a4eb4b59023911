"""What the review queries take and return: plain, frozen rows, and exact time conversions.

Times are stored as Unix milliseconds. The conversions here are exact integer arithmetic (no float
round trip), so a state written and read back, or rebuilt from its logs, compares equal to the millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

#: ``guild_id`` stored for answers given outside any server (the terminal).
NO_GUILD = 0

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def guild_key(guild_id: int | None) -> int:
    """The stored guild id: ``NO_GUILD`` for the terminal."""
    return NO_GUILD if guild_id is None else guild_id


def to_ms(dt: datetime) -> int:
    """Unix milliseconds of an aware datetime (exact; sub-millisecond digits are dropped)."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return (dt - _EPOCH) // _MS


def at_ms(ms: int) -> datetime:
    """The aware UTC datetime of Unix milliseconds (exact)."""
    return _EPOCH + ms * _MS


def truncate_ms(dt: datetime) -> datetime:
    """``dt`` in UTC without its sub-millisecond digits: the precision every stored time has."""
    return at_ms(to_ms(dt))


@dataclass(frozen=True, slots=True)
class CardState:
    """A member's FSRS memory of one card (``state``: 1 learning, 2 review, 3 relearning)."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    reps: int = 1
    lapses: int = 0

    @property
    def interval(self) -> timedelta:
        """The time from the latest review to the next one."""
        return self.due - self.last_review


@dataclass(frozen=True, slots=True)
class StoredState:
    """A state as stored, with what the writer needs to know about its history."""

    card_key: str
    memory: CardState
    first_at: datetime
    first_source: str
    last_session: str | None
    last_attempt_id: int | None


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One review to write: the log row, and the member's new state of the card."""

    guild_id: int
    user_id: int
    card_key: str
    at: datetime
    rating: int
    source: str
    verdict: str
    retention: float
    before: CardState | None
    after: CardState
    attempt_id: int | None = None
    session_id: str | None = None
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True)
class LogRow(ReviewEntry):
    """One stored review log: the entry as it was written, and its id.

    The states on both sides carry no counts (``reps``, ``lapses`` are 0): those are counts of the logs.
    """

    id: int = 0


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A member's review settings in one server, and their reminder."""

    new_per_day: int = 10
    retention: float = 0.9
    topics: tuple[str, ...] = ()
    timezone: str | None = None
    remind_at: str | None = None
    remind_next: datetime | None = None
    remind_day: str | None = None
    remind_notice: str | None = None


@dataclass(frozen=True, slots=True)
class StateCounts:
    """A member's cards by schedule (active cards in their topics only)."""

    due_now: int = 0
    due_today: int = 0
    learning: int = 0
    learned: int = 0
    mature: int = 0
    next_due: datetime | None = None


@dataclass(frozen=True, slots=True)
class RetentionCount:
    """Reviews of cards in the review state, and how many of them were remembered."""

    reviews: int = 0
    remembered: int = 0


@dataclass(frozen=True, slots=True)
class ReminderRow:
    """A member whose reminder check is due."""

    guild_id: int
    user_id: int
    remind_at: str
    remind_next: datetime
    remind_day: str | None
    timezone: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UndoRow:
    """The rating of a review session its member can still undo, and their state of the card before it (None:
    the card was new to them)."""

    guild_id: int
    user_id: int
    session_id: str
    number: int
    card_key: str
    attempt_id: int
    log_id: int
    direction: str | None
    before: StoredState | None


@dataclass(frozen=True, slots=True)
class ShowingRow:
    """The card on show in a member's open review session, as it was shown: what takes the session up again after a
    restart (``card_data``: the card's stored form; ``attempt_key``: the showing's key, stored with its answer)."""

    guild_id: int
    user_id: int
    session_id: str
    user_name: str
    channel_id: int | None
    started_at: datetime
    number: int
    card_key: str
    card_data: str
    direction: str
    attempt_key: str
    shown_at: datetime
    active_at: datetime
    due: int
    due_capped: bool
    new_left: int
