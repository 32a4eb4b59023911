"""What the stats feature returns to the surfaces: a board page, one member's figures, days of activity."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from bot.core.storage.stats_queries import BoardRow, MissedCard, TopicScore

log = logging.getLogger(__name__)

Period = Literal["week", "month", "all"]
PERIODS: tuple[Period, ...] = ("week", "month", "all")
PAGE_SIZE = 10
MIN_TOPIC_ANSWERS = 5
TOPICS_SHOWN = 3
MISSED_SHOWN = 3
CHART_DAYS = 30
#: How much of a typed topic or period an error message quotes back.
QUOTED_MAX = 40

#: Error codes (the text is a plain template; each surface renders it).
BAD_PERIOD = "stats.bad_period"
UNKNOWN_TOPIC = "stats.unknown_topic"


@dataclass(frozen=True, slots=True)
class Leaderboard:
    """One page of a guild's board, and the caller's own place on it."""

    guild_id: int
    period: Period
    topic: str | None
    page: int  # 0-based, clamped to the pages that exist
    pages: int  # at least 1
    total: int  # members listed
    rows: list[BoardRow]
    caller: BoardRow | None  # None when the caller has no points in this period/topic
    starts_at: datetime | None  # start of the week/month (UTC), None for all time
    zone: str
    live: bool = False  # read from the answers themselves: the stored week/month could not be rebuilt

    @property
    def empty(self) -> bool:
        """Whether nobody is listed."""
        return self.total == 0

    @property
    def caller_shown(self) -> bool:
        """Whether the caller's row is among :attr:`rows`."""
        return self.caller is not None and any(r.user_id == self.caller.user_id for r in self.rows)


@dataclass(frozen=True, slots=True)
class DayCount:
    """Answers and correct answers on one local day."""

    day: date  # local date in the guild's zone
    answers: int
    correct: int


@dataclass(frozen=True, slots=True)
class MemberStats:
    """Everything /stats shows about one member of one guild.

    ``includes_practice`` says what the answer figures count: every answer (private practice and review
    included: the member's own view), or only what counts on the server, quizzes and daily questions
    (what anyone else may see; then ``missed`` is empty).
    """

    guild_id: int
    user_id: int
    name: str | None  # the display name kept with their latest answer
    zone: str
    includes_practice: bool = True
    points_week: int = 0
    points_total: int = 0
    rank_all: int | None = None  # all-time rank on the board (None when not on it)
    answers: int = 0
    correct: int = 0
    quizzes_played: int = 0
    quizzes_won: int = 0
    streak_current: int = 0
    streak_best: int = 0
    strongest: list[TopicScore] = field(default_factory=list)
    weakest: list[TopicScore] = field(default_factory=list)
    missed: list[MissedCard] = field(default_factory=list)
    days: list[DayCount] = field(default_factory=list)  # the last CHART_DAYS local days, oldest first

    @property
    def has_answers(self) -> bool:
        """Whether the member answered anything in this guild (that these figures count)."""
        return self.answers > 0

    @property
    def accuracy(self) -> float:
        """Correct answers over answers (0.0 with none)."""
        return self.correct / self.answers if self.answers else 0.0
