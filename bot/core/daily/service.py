"""The daily question's use-cases: one question a day per server, posted at the server's own local time.

The database is the source of truth (tables in ``storage/migrations/0005_daily.sql``, queries in
:mod:`bot.core.storage.daily_queries`); the cog's scheduler only runs a short, idempotent "what is due now"
query (:meth:`DailyService.due_work`) every few seconds and hands each due guild to a bounded pool of
workers (:func:`bot.core.daily.pool.run_pool`).

Exactly one post per guild per local date
    A post is *claimed* before anything is sent: a ``daily_posts`` row in state ``claimed`` is inserted in a
    transaction, guarded by ``UNIQUE (guild_id, local_day, zone)``, together with the schedule's ``handled_day``.
    A post is dated in the zone it was posted in; a schedule moved to another zone dates its next question from
    the latest one's date there, so a move east never asks twice on one date of the new zone and a move west
    never skips one.
    Only the caller that inserted the row sends the message, then records it as ``posted``. A second
    process, a retry or ``/daily now`` finds the row and sends nothing. A send that failed for a passing
    reason is retried after a lease (``SEND_LEASE``), at most ``MAX_SEND_TRIES`` times, and the retry
    first looks for the message in the channel (the first try may have reached Discord); past that (or too
    late in the day) the claim is ``look_only``: a message that did go out is still found and recorded, so
    its answers and reveal are not lost. A send that can never work (channel deleted, permission lost)
    pauses the guild's schedule with the reason, and so does a due post with no card left to ask. A pause
    someone may fix (a permission, the decks) is looked at again at each post time (``paused_check_due``,
    ``check_paused``): once posting works, that day's post is claimed as usual. A reveal is claimed once too; after a passing failure it
    is released and claimed again on a later check (up to ``MAX_REVEAL_TRIES``), the retry first looking
    for the reveal in the channel; a reveal claim never recorded as sent (the process stopped between the claim
    and the send) is taken over the same way after ``REVEAL_LEASE``.

The card
    :mod:`.cards`: never asked, else unused for longest; with a ``daily_order`` (the review states: cards
    many members are about to forget or have never seen), the first of that order not asked in 30 days.

When the database cannot be written
    Nothing is sent that could not be claimed. A member's answer that cannot be written is refused with
    ``daily.not_saved`` (it did not count; they may send it again), a settings change with
    ``daily.storage`` (nothing changed). ``storage_failed(exc)`` tells such errors from bugs.

Where
    A post is answered only in its own server and channel (``Place``): a button id copied or guessed from
    elsewhere is refused (``daily.elsewhere``) and changes nothing.

Time
    All time maths is :mod:`bot.core.schedule`: the next post is computed from the schedule for each local
    date (never "last post + 24 h"); after downtime a post is still made if it is the same local day and
    answers would be open at least an hour (a skipped day is recorded and logged once).

Answers and streaks
    One counted answer per member per question ("almost" and an empty answer do not count: the member may
    try again). The counted answer, its attempt (source ``daily``, ``DAILY_POINTS`` when correct, written by
    the attempt writer, with the grader's reason in ``extra["reason"]`` for the review schedule) and the
    member's ``daily_streaks`` row are written in one transaction before the member is told. A streak counts consecutive daily questions answered right: consecutive local days,
    where a day on which the server had no question (schedule off, bot down) does not break it.
    ``daily_streaks.current`` is kept live: when a question is revealed, members who did not get it right
    drop to 0.

The service is split by responsibility: :mod:`.schedules` (settings and status), :mod:`.posting` (the due
check, claims, sends), :mod:`.cards` (the card of the day) and :mod:`.answers` (answers, streaks, reveals).
"""

from __future__ import annotations

import logging

from bot.core.daily.answers import Answers
from bot.core.daily.posting import Posting
from bot.core.daily.schedules import ScheduleSettings

log = logging.getLogger(__name__)

__all__ = ["DailyService"]


class DailyService(ScheduleSettings, Posting, Answers):
    """The daily question: ``DailyService(store=, attempts=, catalog=, clock=, rng=, daily_order=None)``."""

    async def start(self) -> None:
        """Nothing to do: the schedule lives in the database (the cog drives the due checks)."""

    async def close(self) -> None:
        """Every claim and post state is already committed; compiles started ahead are stopped."""
        self.ahead.close()
