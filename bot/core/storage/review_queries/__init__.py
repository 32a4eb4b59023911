"""The review feature's repository: all the SQL of spaced repetition (``migrations/0006_reviews.sql``).

- ``states``: members' FSRS card states and review logs; the write on the answer path; due and new cards,
  counts and measured retention (:class:`ReviewStateQueries`);
- ``members``: review settings, the time zone used for "today", and reminders (:class:`ReviewMemberQueries`);
- ``undo``: the rating of a review session its member can still undo, and undoing it (:class:`ReviewUndoQueries`);
- ``showings``: the card on show of each open review session, to take it up again after a restart
  (:class:`ReviewShowingQueries`);
- ``rows``: what the queries take and return, and exact millisecond time conversions.

:class:`ReviewQueries` is all four. Methods that take a ``db`` run inside the caller's transaction (the answer
path writes the review with the attempt); the others read on the store's reader connection.
"""

from __future__ import annotations

import logging

from bot.core.storage.review_queries.members import ReviewMemberQueries
from bot.core.storage.review_queries.rows import (
    NO_GUILD,
    CardState,
    LogRow,
    MemberRow,
    ReminderRow,
    RetentionCount,
    ReviewEntry,
    ShowingRow,
    StateCounts,
    StoredState,
    UndoRow,
    at_ms,
    guild_key,
    to_ms,
    truncate_ms,
)
from bot.core.storage.review_queries.showings import ReviewShowingQueries
from bot.core.storage.review_queries.states import ReviewStateQueries
from bot.core.storage.review_queries.undo import ReviewUndoQueries
from bot.core.storage.store import Store

log = logging.getLogger(__name__)

__all__ = [
    "NO_GUILD",
    "CardState",
    "LogRow",
    "MemberRow",
    "ReminderRow",
    "RetentionCount",
    "ReviewEntry",
    "ReviewQueries",
    "ShowingRow",
    "StateCounts",
    "StoredState",
    "UndoRow",
    "at_ms",
    "guild_key",
    "to_ms",
    "truncate_ms",
]


class ReviewQueries(ReviewStateQueries, ReviewMemberQueries, ReviewUndoQueries, ReviewShowingQueries):
    """Every query of the review feature, on one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
