"""Typed, documented queries for leaderboards and personal stats (all ranking and aggregation is SQL).

The tables are created by ``migrations/0004_stats.sql``; its trigger folds every attempt into the summary
tables in the attempt's own transaction, so nothing here writes on the answer path.

- ``boards``: board pages, a member's rank, the week/month windows, tag changes from deck syncs, and
  members who left (:class:`BoardQueries`);
- ``live``: week/month boards aggregated from ``attempts`` at read time, for when the stored window
  cannot be rebuilt (a read-only or full database) (:class:`LiveQueries`);
- ``members``: one member's figures for /stats, over every answer or the scored ones only
  (:class:`MemberQueries`; the per-day counts have a PostgreSQL form, see ``PG_DAILY_COUNTS_SQL``);
- ``rows``: what the queries return.

:class:`StatsQueries` is the stats feature's one repository: all of the above, and the guild's time zone.
``storage_failed(exc)`` tells a database that refused a write (read-only, full, locked) from a bug.
"""

from __future__ import annotations

import logging

from bot.core.storage.daily_queries import storage_failed
from bot.core.storage.stats_queries.boards import (
    BOARD_CONTEXT_SQL,
    BOARD_PAGE_SQL,
    BOARD_SIZE_AND_RANK_SQL,
    BOARD_SIZE_SQL,
    MEMBER_RANK_SQL,
    WINDOW_ROWS_SQL,
    WINDOW_TOPIC_ROWS_SQL,
    BoardQueries,
)
from bot.core.storage.stats_queries.live import (
    LIVE_DECK_PAGE_SQL,
    LIVE_DECK_RANK_SQL,
    LIVE_DECK_SIZE_SQL,
    LIVE_PAGE_SQL,
    LIVE_RANK_SQL,
    LIVE_SIZE_SQL,
    LiveQueries,
)
from bot.core.storage.stats_queries.members import (
    DAILY_COUNTS_SQL,
    PG_DAILY_COUNTS_SQL,
    PG_SCORED_DAILY_COUNTS_SQL,
    POINTS_SINCE_SQL,
    SCORED_DAILY_COUNTS_SQL,
    SCORED_TOPIC_SCORES_SQL,
    SUMMARY_SQL,
    TOPIC_SCORES_SQL,
    MemberQueries,
)
from bot.core.storage.stats_queries.rows import (
    BoardContext,
    BoardPage,
    BoardRow,
    MemberSummary,
    MemberTotals,
    MissedCard,
    Period,
    Scope,
    Streak,
    TopicScore,
    Window,
)
from bot.core.storage.store import fetch_value

log = logging.getLogger(__name__)

__all__ = [
    "BOARD_CONTEXT_SQL",
    "BOARD_PAGE_SQL",
    "BOARD_SIZE_AND_RANK_SQL",
    "BOARD_SIZE_SQL",
    "DAILY_COUNTS_SQL",
    "LIVE_DECK_PAGE_SQL",
    "LIVE_DECK_RANK_SQL",
    "LIVE_DECK_SIZE_SQL",
    "LIVE_PAGE_SQL",
    "LIVE_RANK_SQL",
    "LIVE_SIZE_SQL",
    "MEMBER_RANK_SQL",
    "PG_DAILY_COUNTS_SQL",
    "PG_SCORED_DAILY_COUNTS_SQL",
    "POINTS_SINCE_SQL",
    "SCORED_DAILY_COUNTS_SQL",
    "SCORED_TOPIC_SCORES_SQL",
    "SUMMARY_SQL",
    "TOPIC_SCORES_SQL",
    "WINDOW_ROWS_SQL",
    "WINDOW_TOPIC_ROWS_SQL",
    "BoardContext",
    "BoardPage",
    "BoardQueries",
    "BoardRow",
    "LiveQueries",
    "MemberQueries",
    "MemberSummary",
    "MemberTotals",
    "MissedCard",
    "Period",
    "Scope",
    "StatsQueries",
    "Streak",
    "TopicScore",
    "Window",
    "storage_failed",
]


class StatsQueries(BoardQueries, LiveQueries, MemberQueries):
    """Leaderboard and stats queries over one :class:`~bot.core.storage.store.Store`."""

    async def guild_timezone(self, guild_id: int) -> str | None:
        """The guild's time zone name (the daily question's, ``guild_settings.timezone``), None when unset."""
        async with self.store.read() as db:
            return await fetch_value(db, "SELECT timezone FROM guild_settings WHERE guild_id = ?", (guild_id,))
