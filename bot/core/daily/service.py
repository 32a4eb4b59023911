"""The daily question's use-cases: one question a day per server, posted at the server's own local time.

The database is the source of truth (tables in ``storage/migrations/0005_daily.sql``, queries in
:mod:`bot.core.storage.daily_queries`); the cog's scheduler only runs a short, idempotent "what is due now"
query (:meth:`DailyService.due_work`) every few seconds and hands each due guild to a bounded pool of
workers (:func:`bot.core.daily.pool.run_pool`).

Exactly one post per guild per local date
    A post is *claimed* before anything is sent: a ``daily_posts`` row in state ``claimed`` is inserted in a
    transaction, guarded by ``UNIQUE (guild_id, local_day)``, together with the schedule's ``handled_day``.
    Only the caller that inserted the row sends the message, then records it as ``posted``. A second
    process, a retry or ``/daily now`` finds the row and sends nothing. A send that failed for a passing
    reason is retried after a lease (``SEND_LEASE``), at most ``MAX_SEND_TRIES`` times, and the retry
    first looks for the message in the channel (the first try may have reached Discord); a send that can
    never work (channel deleted, permission lost) pauses the guild's schedule with the reason.

Time
    All time maths is :mod:`bot.core.schedule`: the next post is computed from the schedule for each local
    date (never "last post + 24 h"); after downtime a post is still made if it is the same local day and
    answers would be open at least an hour (a skipped day is recorded and logged once).

Answers and streaks
    One counted answer per member per question ("almost" and an empty answer do not count: the member may
    try again). The counted answer, its attempt (source ``daily``, ``DAILY_POINTS`` when correct, written by
    the attempt writer) and the member's ``daily_streaks`` row are written in one transaction before the
    member is told. A streak counts consecutive daily questions answered right: consecutive local days,
    where a day on which the server had no question (schedule off, bot down) does not break it.
    ``daily_streaks.current`` is kept live: when a question is revealed, members who did not get it right
    drop to 0.

The service is split by responsibility: :mod:`.schedules` (settings and status), :mod:`.posting` (the due
check, claims, sends) and :mod:`.answers` (answers, streaks, reveals).
"""

from __future__ import annotations

import logging

from bot.core.daily.answers import Answers
from bot.core.daily.posting import Posting
from bot.core.daily.schedules import ScheduleSettings

log = logging.getLogger(__name__)

__all__ = ["DailyService"]


class DailyService(ScheduleSettings, Posting, Answers):
    """The daily question: ``DailyService(store=, attempts=, catalog=, clock=, rng=)``."""

    async def start(self) -> None:
        """Nothing to do: the schedule lives in the database (the cog drives the due checks)."""

    async def close(self) -> None:
        """Nothing to do: every claim and post state is already committed."""
