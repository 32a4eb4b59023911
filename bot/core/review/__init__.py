"""/review: spaced repetition with FSRS, fed by what members actually type.

- ``rating``: verdict -> FSRS rating, the one mapping (``rating_for``);
- ``scheduler``: the ``fsrs`` package wrapped: one review, a replay of logs, maturity, retrievability;
- ``models``: what the feature returns to the surfaces (sessions, outcomes, status, reminders);
- ``settings``: checking what members type into their settings;
- ``members``: settings, "today" in the member's zone, /review status, reminders (``ReviewMembers``);
- ``selection``: orders for practice and the daily question, from the members' states;
- ``service``: the answer-path hook and review sessions (``ReviewService``).

The SQL is in ``bot.core.storage.review_queries``.
"""

from bot.core.review.models import (
    NEW_USED,
    NO_CARDS,
    NO_NEW,
    Answered,
    CardChanged,
    CardState,
    NotSaved,
    Reminder,
    ReviewSession,
    ReviewSettings,
    ReviewStatus,
    SessionSummary,
    Shown,
    interval_words,
)
from bot.core.review.rating import FAST_SECONDS, MATURE, Rating, Signal, rating_for
from bot.core.review.service import DUE_COUNT_CAP, ReviewService

__all__ = [
    "DUE_COUNT_CAP",
    "NEW_USED",
    "NO_CARDS",
    "NO_NEW",
    "FAST_SECONDS",
    "MATURE",
    "Answered",
    "CardChanged",
    "CardState",
    "NotSaved",
    "Rating",
    "Reminder",
    "ReviewService",
    "ReviewSession",
    "ReviewSettings",
    "ReviewStatus",
    "SessionSummary",
    "Shown",
    "Signal",
    "interval_words",
    "rating_for",
]
