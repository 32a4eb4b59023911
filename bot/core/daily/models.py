"""What the daily question hands to its callers: settings and posts as stored, claims, answers, reveals.

``ScheduleInfo`` and ``PostInfo`` are the stored records (defined with their queries in
:mod:`bot.core.storage.daily_queries`, re-exported here); the rest are results of the use-cases.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from bot.core.models import Card, Verdict
from bot.core.storage.daily_queries import DailyDay, PostInfo, ScheduleInfo  # re-exported: the stored records

log = logging.getLogger(__name__)

#: Points for a correct daily answer (they count on the leaderboards).
DAILY_POINTS = 10
#: A claimed post whose send did not finish is retried after this long (another worker may still be on it).
SEND_LEASE = timedelta(minutes=2)
MAX_SEND_TRIES = 3
#: A reveal that failed for a passing reason is claimed again on each due check (at most 30 s apart), up to
#: this many times in all: it outlasts a Discord outage of about ten minutes.
MAX_REVEAL_TRIES = 20
#: A reveal claimed this long ago and not recorded as sent (nor released, given up or held) is taken over: the
#: process that claimed it stopped before sending it (the takeover looks for it in the channel first).
REVEAL_LEASE = timedelta(minutes=2)
#: ... but only a claim younger than this, and tried fewer than ``MAX_REVEAL_TRIES`` times: a question's answer is
#: not posted days late (a database from before takeovers may hold old claims never sent), nor a reveal that stops
#: its process each time tried forever.
REVEAL_TAKEOVER_WINDOW = timedelta(hours=12)
#: Catching up after downtime needs at least this much answer time left (see ``schedule.due``).
MIN_OPEN = timedelta(hours=1)
#: A post this close to its time is "on time" and always made, even with only one hour of answers.
ON_TIME_GRACE = timedelta(minutes=5)
#: How many names the reveal lists (the rest are counted) and how many streaks it shows.
REVEAL_NAMES = 30
REVEAL_STREAKS = 5
#: Why a schedule is paused when the server has no card to ask (every deck turned off, or none complete).
NO_CARDS_REASON = "there are no cards to ask: every deck here is turned off or has no complete card"


def min_open(answer_hours: int) -> timedelta:
    """How much answer time a late post needs: an hour, or less when answers are open only one hour."""
    return min(MIN_OPEN, timedelta(hours=answer_hours) - ON_TIME_GRACE)


def accepted_answer(card: Card) -> str:
    """The short answer shown at the reveal."""
    if card.accept:
        return card.accept[0]
    if card.keypoints:
        return "; ".join(k.split("|", 1)[0].strip() for k in card.keypoints)
    return card.term or card.answer


@dataclass(frozen=True, slots=True)
class DailyStatus:
    """What ``/daily status`` shows. ``next_post`` is None when the schedule is off or paused.

    ``card_count``: the cards of the schedule's topic (of every deck without a topic); ``askable``: every card
    the server can be asked. A topic with no cards while others are left: each question comes from every card.
    """

    schedule: ScheduleInfo | None
    next_post: datetime | None
    next_day: date | None
    last_post: PostInfo | None
    card_count: int = 0
    askable: int = 0

    @property
    def topic_gone(self) -> bool:
        """The schedule's topic has no cards left, so its questions come from every card."""
        return self.schedule is not None and bool(self.schedule.topic) and not self.card_count and self.askable > 0


@dataclass(frozen=True, slots=True)
class Claim:
    """A post this caller (and only this caller) must now send; then call ``mark_posted``."""

    post_id: int
    guild_id: int
    channel_id: int
    day: date
    card: Card
    post_at: datetime
    closes_at: datetime
    zone: ZoneInfo
    topic: str | None
    resend: bool = False  # a retry: the message may already exist (look for it before sending)
    manual: bool = False
    look_only: bool = False  # tried enough: only look for the message (``mark_posted``, else ``give_up_send``)
    topic_gone: bool = False  # the topic has no cards left here: the card comes from every card (the post says so)
    #: Which question of its local date this is in the server (``PostInfo.number``): 2 for a second question dated
    #: ``day``, in ``zone``, after the schedule moved west (the post is titled apart from the first).
    number: int = 1


@dataclass(frozen=True, slots=True)
class Place:
    """Where a member pressed a question's button: the server, channel and message the surface reports.

    A question is answered only where it was posted; ``None`` (a direct message, a message not known)
    never matches a server or channel.
    """

    guild_id: int | None
    channel_id: int | None
    message_id: int | None = None

    def holds(self, post: PostInfo) -> bool:
        """Whether this is the post's own server and channel (and message, when both are known)."""
        if self.guild_id is None or self.guild_id != post.guild_id or self.channel_id != post.channel_id:
            return False
        return post.message_id is None or self.message_id is None or self.message_id == post.message_id


@dataclass(frozen=True, slots=True)
class GuildWork:
    """What is due for one guild, done in order by one worker: reveals, interrupted sends, then the post."""

    guild_id: int
    reveals: tuple[int, ...] = ()
    resends: tuple[int, ...] = ()
    post: bool = False


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """A graded daily answer. ``counted`` is False for an empty answer and for a first "almost" (the member's
    free retry): they may answer again. A later "almost" is counted, as not right."""

    verdict: Verdict
    counted: bool
    points: int
    streak: int | None  # the member's daily streak after a correct answer
    closes_at: datetime
    day: date


@dataclass(frozen=True, slots=True)
class Reveal:
    """A closed question's answer and results, claimed for sending once."""

    post_id: int
    guild_id: int
    channel_id: int
    message_id: int | None
    day: date
    card: Card
    accepted: str
    explanation: str
    answered: int
    correct: int
    winners: tuple[str, ...]
    more_winners: int
    streaks: tuple[tuple[str, int], ...]
    retry: bool = False  # tried before: the reveal may already be in the channel (look before sending)
    number: int = 1  # which question of its local date it answers (``PostInfo.number``)

    @property
    def share_right(self) -> float:
        """The share of counted answers that were right (0 when nobody answered)."""
        return self.correct / self.answered if self.answered else 0.0


def streak_from(history: Sequence[DailyDay]) -> tuple[int, int, date | None]:
    """(current, best, last right day) of a member's daily streak, from every posted question in order.

    The same rule as live play: a right answer extends the streak, a revealed question not answered right
    ends it, a question still open does not end it yet, and days without a question do not count.

    A streak counts dates: a server that moved its schedule west can have two questions dated one day (one per
    zone), and that date counts once. It is kept when either of its questions was answered right, and ends the
    streak only when all of them were revealed with none answered right.
    """
    current = best = 0
    last: date | None = None
    for day, questions in groupby(history, key=lambda d: d.day):
        asked = list(questions)
        if any(q.correct for q in asked):
            current += 1
            best = max(best, current)
            last = day
        elif all(q.revealed for q in asked):
            current = 0
    return current, best, last
