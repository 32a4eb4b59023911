"""Leaderboards and personal stats.

What counts
    Points come from channel quizzes and daily questions only (``source`` quiz or daily); private practice
    and review sessions never change a board. What /stats shows depends on who looks: a member's own
    view counts every answer they gave in the server, practice included (it describes how they are
    learning, and is shown to them privately); anyone else sees only what counts on the server —
    points, quiz and daily answers, quizzes, the daily streak — and never the member's most-missed cards.

Periods
    ``week`` starts on Monday 00:00 and ``month`` on the 1st at 00:00 in the guild's time zone (the daily
    question's zone, ``guild_settings.timezone``; UTC when none is set), via
    :func:`bot.core.schedule.period_start`. ``all`` is all time.

Speed
    All ranking and aggregation is SQL over summary tables kept by a trigger in the attempt's own
    transaction (see ``storage/migrations/0004_stats.sql`` and the ``storage/stats_queries`` package).

Reading never needs a write
    The week/month rows are rebuilt when the period rolls over; when the database refuses that write
    (read-only, full), the board is read live from the answers instead. Other bookkeeping on the read
    path (tag changes, departures) is skipped, with a log line, when it cannot be written.

Errors
    A topic that does not exist is ``NotFound`` (code :data:`UNKNOWN_TOPIC`, the typed text as a ``Quote``
    param ``topic``); a period other than week/month/all is ``UserError`` (:data:`BAD_PERIOD`, ``period``).

Members who left
    Stay in the data but are not listed and do not take a rank. The cog learns of departures (member-remove
    events when the members intent is on, and a bounded lazy check of the rows it is about to show) and
    records them with :meth:`StatsService.mark_departed`.

Modules: ``models`` (what is returned), ``service`` (:class:`StatsService`).
"""

from __future__ import annotations

import logging

from bot.core.stats.models import (
    BAD_PERIOD,
    CHART_DAYS,
    MIN_TOPIC_ANSWERS,
    PAGE_SIZE,
    PERIODS,
    UNKNOWN_TOPIC,
    DayCount,
    Leaderboard,
    MemberStats,
    Period,
)
from bot.core.stats.service import StatsService
from bot.core.storage.stats_queries import BoardRow, MissedCard, TopicScore

log = logging.getLogger(__name__)

__all__ = [
    "BAD_PERIOD",
    "CHART_DAYS",
    "MIN_TOPIC_ANSWERS",
    "PAGE_SIZE",
    "PERIODS",
    "UNKNOWN_TOPIC",
    "BoardRow",
    "DayCount",
    "Leaderboard",
    "MemberStats",
    "MissedCard",
    "Period",
    "StatsService",
    "TopicScore",
]
