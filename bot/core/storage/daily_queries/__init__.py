"""Typed queries for the daily question (tables in ``migrations/0005_daily.sql``).

Every method runs on a connection the caller holds (``store.transaction()`` to write, ``store.read()`` to
read), so the reads and writes of one use-case commit together or not at all. Instants are passed and
returned as aware datetimes and local dates as ``date``: how they are stored (unix milliseconds, ISO
text) stays in this module. Graded answers are not written here: the daily feature appends them with
:class:`~bot.core.storage.attempts.AttemptWriter` in the same transaction.

The queries are grouped by responsibility (:mod:`.schedules`, :mod:`.posts`, :mod:`.answers`) and the
records they return are in :mod:`.records`; ``DailyQueries`` is all of them.
"""

from __future__ import annotations

import logging
import sqlite3

from bot.core.models import Card
from bot.core.storage.daily_queries.answers import AnswerQueries
from bot.core.storage.daily_queries.posts import CARD_HISTORY_SQL, PostQueries
from bot.core.storage.daily_queries.records import (
    DailyDay,
    PendingSend,
    PostInfo,
    ScheduleInfo,
    StreakRow,
    daily_post_id,
    daily_session_id,
)
from bot.core.storage.daily_queries.schedules import (
    DUE_POSTS_SQL,
    DUE_RESENDS_SQL,
    DUE_REVEAL_TAKEOVERS_SQL,
    DUE_REVEALS_SQL,
    ScheduleQueries,
)
from bot.core.storage.problems import commit_unconfirmed
from bot.core.storage.store import Store, StoreError

log = logging.getLogger(__name__)

__all__ = [
    "CARD_HISTORY_SQL",
    "DUE_POSTS_SQL",
    "DUE_RESENDS_SQL",
    "DUE_REVEAL_TAKEOVERS_SQL",
    "DUE_REVEALS_SQL",
    "DailyDay",
    "DailyQueries",
    "PendingSend",
    "PostInfo",
    "ScheduleInfo",
    "StreakRow",
    "daily_post_id",
    "daily_session_id",
    "commit_unconfirmed",
    "storage_failed",
]


def storage_failed(exc: BaseException) -> bool:
    """Whether ``exc`` says the database could not be used (read-only, disk full, I/O error, locked,
    damaged, closed), as opposed to a bug: the caller may tell the user that nothing was saved.

    The database driver's exception types stay in the storage package: features ask here.
    """
    if isinstance(exc, StoreError):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        # (SQLite raises this type for a statement that names what the schema lacks, or is not SQL: a bug)
        return not any(marker in str(exc).lower() for marker in _BUG_MARKERS)
    # A damaged file raises the base class itself; constraint and programming errors are bugs.
    return type(exc) is sqlite3.DatabaseError


#: What SQLite says of a statement written wrong (``OperationalError``, as for a full disk): a bug, not storage.
_BUG_MARKERS = ("no such table", "no such column", "no such function", "has no column named", "syntax error")


class DailyQueries(ScheduleQueries, PostQueries, AnswerQueries):
    """The daily question's reads and writes; each method runs on the caller's connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def stored_card(self, key: str) -> Card | None:
        """A card kept in the store (one removed from the decks since a post asked it)."""
        found = await self.store.card(key)
        return None if found is None else found[0]
