"""What the review feature returns to the surfaces: plain data, no markup (cogs and the CLI render it)."""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from fsrs import Rating

from bot.core.errors import UserError
from bot.core.models import Card, Verdict
from bot.core.prompts import Prompt
from bot.core.storage.problems import CommitUnconfirmed
from bot.core.storage.review_queries import CardState

log = logging.getLogger(__name__)

__all__ = [
    "Answered",
    "CardChanged",
    "CardState",
    "Notice",
    "NotUndone",
    "Rating",
    "Reminder",
    "ReviewSession",
    "ReviewSettings",
    "ReviewStatus",
    "SessionSummary",
    "Shown",
    "interval_words",
]

#: Why a reminder was switched off, told to the member once (``ReviewService.take_notice``).
Notice = str
NOTICE_DMS_CLOSED: Notice = "dms_closed"
#: The member had left the server when their reminder fell due.
NOTICE_LEFT: Notice = "left_server"
#: Why the card whose rating was undone was not shown again (``Shown.undone_aside``): it is being asked in the
#: server now (a quiz or the daily question), or no deck on in the server holds it any more.
UNDONE_HELD = "held"
UNDONE_GONE = "gone"


class NotUndone(UserError):
    """An undo could not be written: the database refuses writes (disk full, read-only)."""

    category = "unavailable"

    def __init__(self) -> None:
        super().__init__(
            "review.not_undone", "Your last rating could not be undone (my database is not accepting writes), so "
            "nothing changed. Try again in a moment.",
        )


class NotSaved(UserError):
    """A review answer could not be written: the database refuses writes (disk full, read-only)."""

    category = "unavailable"

    def __init__(self, *, unconfirmed: bool = False) -> None:
        if unconfirmed:
            super().__init__(
                "review.unconfirmed", "I lost my connection to my database while saving your answer and could not "
                "check whether it was saved. The card is still here, and answering it again is safe: it is rated "
                "only once, and if your first answer was saved you get its result.",
            )
            return
        super().__init__(
            "review.not_saved", "Your answer could not be saved (my database is not accepting writes), so it did "
            "not count. The card is still here: try again in a moment.",
        )


class CardChanged(UserError):
    """The card on show was given a new version (a re-import) that asks something else or no longer takes an answer
    the shown one took: the answer was not counted, and ``shown`` (the new version) is the card on show now."""

    def __init__(self, shown: Shown) -> None:
        super().__init__(
            "review.changed", "This card was changed in its deck while it was on show, so your answer was not "
            "counted. Here is its new version: answer it again.",
        )
        self.shown = shown


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """A member's review settings in one server (the defaults until they change them)."""

    new_per_day: int = 10
    retention: float = 0.9
    topics: tuple[str, ...] = ()
    timezone: str | None = None
    remind_at: time | None = None
    zone: str = "UTC"  # the zone "today" is counted in: theirs, else the server's, else UTC


@dataclass(frozen=True, slots=True)
class Shown:
    """A card put in front of the member: the prompt to answer."""

    number: int  # 1-based, within the session
    card: Card
    prompt: Prompt
    shown_at: datetime
    before: CardState | None  # None: a new card
    due: int  # cards due now, this one included (counted up to a cap: see ``due_capped``)
    new_left: int  # new cards the daily limit still allows after this one
    due_capped: bool = False  # there are at least ``due`` due cards (more were not counted)
    changed: bool = False  # a new version of the card came in since the member last reviewed it
    #: The number of the card whose rating the member can undo from here (the session's last rating), if any.
    undo: int | None = None
    again: bool = False  # shown again: the member undid their rating of it
    #: After an undo whose card could not be shown again: why (``UNDONE_HELD``, ``UNDONE_GONE``).
    undone_aside: str | None = None
    #: The key of this showing's rating, stored with its answer: an answer sent again for the same showing (after
    #: the bot could not confirm the first was saved) finds the first by it and is not rated a second time.
    key: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def is_new(self) -> bool:
        """Whether the member meets this card for the first time."""
        return self.before is None


@dataclass(frozen=True, slots=True)
class Answered:
    """The outcome of one reviewed card: the verdict, the rating and when the card comes back."""

    shown: Shown
    verdict: Verdict
    response: str
    rating: Rating
    after: CardState
    gave_up: bool = False  # "don't know": no answer was typed
    #: The answer given earlier to the same showing, whose saving could not be confirmed, had been saved: this is
    #: its outcome (what was sent again was not rated).
    earlier: bool = False

    @property
    def next_due(self) -> datetime:
        """When the card comes back."""
        return self.after.due

    @property
    def interval(self) -> timedelta:
        """How long until the card comes back (from this review)."""
        return self.after.interval


@dataclass(slots=True)
class ReviewSession:
    """A member's review session in one server (held in memory; every answer is stored as it comes, and the card on
    show as it is shown, so that the session can be taken up again after a restart)."""

    id: str
    guild_id: int | None
    user_id: int
    user_name: str
    channel_id: int | None
    started_at: datetime
    last_activity: datetime
    number: int = 0
    current: Shown | None = None
    answered: Answered | None = None  # the outcome of ``current``, once answered
    answering: bool = False  # an answer to ``current`` is being checked and stored (a second one is refused)
    undoing: bool = False  # the last rating is being undone (every other click is refused meanwhile)
    #: The number of the card whose rating can be undone (the session's last rating; None once undone).
    undo: int | None = None
    advancing: bool = False  # the card after ``current`` is being picked (a second Next is refused)
    #: An answer to ``current`` whose saving could not be confirmed: settled before the card is answered again.
    unconfirmed: CommitUnconfirmed | None = None
    reviewed: int = 0
    right: int = 0
    learned: int = 0  # new cards met in this session
    ended: bool = False
    #: The write of the card on show (``ReviewService._keep``), done in the background: awaited before the next one
    #: and before the session's row is dropped, so that rows are written in the order cards are shown.
    keeping: asyncio.Future[None] | None = None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A finished session: what was done, and when the next card falls due."""

    reviewed: int
    right: int
    learned: int
    next_due: datetime | None
    stopped: bool  # the member stopped it (else nothing was left to review)
    #: Why there was nothing to review at all (a session that reviewed nothing and has nothing scheduled):
    #: ``NO_CARDS`` (no deck on in the server, or none in the member's topics), ``NO_NEW`` (their new cards a
    #: day are 0), ``NEW_USED`` (today's new cards are done); None otherwise.
    empty: str | None = None
    #: Cards due now that the session did not show (counted up to ``DUE_COUNT_CAP``): left when it was stopped, or,
    #: in a session that ended by itself, set aside because a question in the server asks them now. ``next_due``
    #: is then already past, and not the time to tell.
    still_due: int = 0
    #: The number of the card whose rating the member can still undo (the session's last rating), if any.
    undo: int | None = None
    #: After an undo whose card could not be shown again: why (``UNDONE_HELD``, ``UNDONE_GONE``).
    undone_aside: str | None = None

    @property
    def accuracy(self) -> float | None:
        """Right answers over cards reviewed (None when none was)."""
        return self.right / self.reviewed if self.reviewed else None


#: ``SessionSummary.empty``: why a session had nothing to review at all.
NO_CARDS, NO_NEW, NEW_USED = "no_cards", "no_new", "new_used"


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """/review status: a member's cards by schedule, measured retention, settings."""

    due_now: int
    due_today: int
    learning: int
    learned: int
    mature: int
    new_today: int
    next_due: datetime | None
    day_ends: datetime  # the end of the member's "today"
    retention: float | None  # share of reviews remembered (cards in the review state); None before any
    retention_reviews: int
    settings: ReviewSettings
    #: Why no card comes from a review when none is scheduled (``SessionSummary.empty``); None otherwise.
    empty: str | None = None

    @property
    def new_left(self) -> int:
        """New cards the daily limit still allows today."""
        return max(0, self.settings.new_per_day - self.new_today)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder to send now: a member has cards due in a server."""

    guild_id: int
    user_id: int
    due: int
    day: date
    check_at: datetime  # the reminder check this answers (for the write that follows)
    #: The start of the member's local ``day`` (a UTC instant): a reminder of that day sent since then counts.
    day_start: datetime | None = None
    #: A retry of the day's reminder after a failure: an earlier try may have reached the member all the same
    #: (Discord made the message, then answered with an error), so the surface looks for it before sending.
    retry: bool = False


def _count(n: float, unit: str) -> str:
    count = max(1, round(n))
    return f"{count} {unit}{'s' if count != 1 else ''}"


def interval_words(span: timedelta) -> str:
    """A span in plain words, rounded to its largest sensible unit: "10 minutes", "4 days", "2 months". A unit is
    chosen by the rounded count, so 59.6 minutes is "1 hour", not "60 minutes"."""
    if span < timedelta(seconds=30):
        return "less than a minute"
    if round(span / timedelta(minutes=1)) < 60:
        return _count(span / timedelta(minutes=1), "minute")
    if round(span / timedelta(hours=1)) < 24:
        return _count(span / timedelta(hours=1), "hour")
    days = span / timedelta(days=1)
    if round(days) < 45:
        return _count(days, "day")
    if round(days / 30) < 12:
        return _count(days / 30, "month")
    return _count(days / 365, "year")
