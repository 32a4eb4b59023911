"""Use-cases for leaderboards and personal stats.

What counts
    Points come from channel quizzes and daily questions only (``source`` quiz or daily); private practice
    never changes a board. Personal answer counts, accuracy, topics, most-missed cards and the chart count
    every answer given in the server, practice included (they describe how someone is learning).

Periods
    ``week`` starts on Monday 00:00 and ``month`` on the 1st at 00:00 in the guild's time zone (the daily
    question's zone, ``guild_settings.timezone``; UTC when none is set), via
    :func:`bot.core.schedule.period_start`. ``all`` is all time.

Speed
    All ranking and aggregation is SQL over summary tables kept by a trigger in the attempt's own
    transaction (see ``storage/migrations/0004_stats.sql`` and the ``storage/stats_queries`` package).

Errors
    A topic that does not exist is ``NotFound`` (code :data:`UNKNOWN_TOPIC`, the typed text as a ``Quote``
    param ``topic``); a period other than week/month/all is ``UserError`` (:data:`BAD_PERIOD`, ``period``).

Members who left
    Stay in the data but are not listed and do not take a rank. The cog learns of departures (member-remove
    events when the members intent is on, and a bounded lazy check of the rows it is about to show) and
    records them with :meth:`StatsService.mark_departed`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal, cast
from zoneinfo import ZoneInfo

from bot.core.errors import NotFound, Quote, UserError
from bot.core.schedule import ScheduleError, local_date, local_post_time, parse_zone, period_start
from bot.core.storage import now_ms
from bot.core.storage.stats_queries import BoardRow, MissedCard, StatsQueries, TopicScore, Window
from bot.core.text import one_line

if TYPE_CHECKING:
    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.store import Store

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
    """Everything /stats shows about one member of one guild."""

    guild_id: int
    user_id: int
    name: str | None  # the display name kept with their latest answer
    zone: str
    points_week: int = 0
    points_total: int = 0
    rank_all: int | None = None  # all-time rank on the board (None when not on it)
    answers: int = 0  # every mode, practice included
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
        """Whether the member answered anything in this guild."""
        return self.answers > 0

    @property
    def accuracy(self) -> float:
        """Correct answers over answers (0.0 with none)."""
        return self.correct / self.answers if self.answers else 0.0


def _quoted(text: str) -> Quote:
    """What the user typed, for an error message: safe characters, one line, clipped."""
    return Quote(one_line(text, QUOTED_MAX))


class StatsService:
    """Leaderboards and personal stats for the cogs (see the module docstring for the rules)."""

    def __init__(self, *, store: Store, catalog: Catalog, clock: Clock) -> None:
        self.catalog = catalog
        self.clock = clock
        self.queries = StatsQueries(store)

    async def start(self) -> None:
        """Fold in the card tag changes of the deck sync that just ran (topic boards follow current tags)."""
        await self._apply_tag_changes()

    async def close(self) -> None:
        """Nothing to close: every figure is read from the store."""

    # -- helpers -----------------------------------------------------------------------------------
    async def zone(self, guild_id: int) -> ZoneInfo:
        """The guild's time zone (the daily question's), UTC when none is set or it is unknown."""
        name = await self.queries.guild_timezone(guild_id)
        if name:
            try:
                return parse_zone(name)
            except ScheduleError:
                log.warning("guild %s has an unknown time zone %r; using UTC", guild_id, name)
        return ZoneInfo("UTC")

    def topic(self, topic: str | None) -> str | None:
        """A topic typed by a user, normalised (a tag or deck id); None for every card. Raises NotFound."""
        if topic is None or not topic.strip():
            return None
        key = topic.strip().lower()
        if self.catalog.topic_cards(key) is None:
            raise NotFound(
                UNKNOWN_TOPIC,
                "There is no topic called {topic}. Pick one from the list as you type.",
                topic=_quoted(topic),
            )
        return key

    async def _apply_tag_changes(self) -> None:
        if await self.queries.has_tag_changes():
            await self.queries.apply_tag_changes()

    @staticmethod
    def window(now: datetime, zone: ZoneInfo, period: Literal["week", "month"]) -> Window:
        """The current local week/month as UTC milliseconds ``[start, end)``."""
        start = period_start(now, zone, period)
        assert start is not None
        first = start.astimezone(zone).date()
        if period == "week":
            following = first + timedelta(days=7)
        else:
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = local_post_time(following, time(0, 0), zone)
        return Window(zone.key, now_ms(start), now_ms(end))

    # -- leaderboard -------------------------------------------------------------------------------
    async def leaderboard(
        self,
        guild_id: int,
        period: str = "week",
        topic: str | None = None,
        page: int = 0,
        caller_id: int | None = None,
        exclude_user_ids: Iterable[int] = (),
    ) -> Leaderboard:
        """A page of the guild's board for ``period`` (week/month/all) and ``topic`` (a tag or deck id).

        Ranks are shared by ties. ``page`` is clamped to the pages that exist. ``exclude_user_ids`` are left
        out like departed members (e.g. found gone while this page was being built).
        """
        if period not in PERIODS:
            raise UserError(BAD_PERIOD, "{period} is not a period: use week, month or all.", period=_quoted(str(period)))
        period = cast(Period, period)
        key = self.topic(topic)
        zone = await self.zone(guild_id)
        now = self.clock()
        exclude = {int(u) for u in exclude_user_ids}
        if caller_id is not None:
            await self.queries.mark_present(guild_id, caller_id)  # whoever asks is in the server
        await self._apply_tag_changes()
        starts_at: datetime | None = None
        if period != "all":
            window = self.window(now, zone, period)
            if await self.queries.window(guild_id, period) != window:
                await self.queries.rebuild_window(guild_id, period, window)
            starts_at = period_start(now, zone, period)
        topic_key = key or ""
        page = max(0, int(page))
        result = await self.queries.board_page(
            guild_id, period, topic_key, offset=page * PAGE_SIZE, limit=PAGE_SIZE, exclude=exclude
        )
        pages = max(1, math.ceil(result.total / PAGE_SIZE))
        if page >= pages:
            page = pages - 1
            result = await self.queries.board_page(
                guild_id, period, topic_key, offset=page * PAGE_SIZE, limit=PAGE_SIZE, exclude=exclude
            )
            pages = max(1, math.ceil(result.total / PAGE_SIZE))
        caller = None
        if caller_id is not None and caller_id not in exclude:
            caller = next((r for r in result.rows if r.user_id == caller_id), None)
            if caller is None:
                caller = await self.queries.member_rank(guild_id, period, topic_key, caller_id, exclude=exclude)
        return Leaderboard(
            guild_id=guild_id,
            period=period,
            topic=key,
            page=page,
            pages=pages,
            total=result.total,
            rows=result.rows,
            caller=caller,
            starts_at=starts_at,
            zone=zone.key,
        )

    async def mark_departed(self, guild_id: int, user_ids: Iterable[int]) -> None:
        """Members who left the server: kept in the data, no longer listed."""
        await self.queries.mark_departed(guild_id, user_ids, now_ms(self.clock()))

    async def mark_present(self, guild_id: int, user_id: int) -> bool:
        """A member is (back) in the server; True if a departure was forgotten."""
        return await self.queries.mark_present(guild_id, user_id)

    # -- personal stats ----------------------------------------------------------------------------
    async def stats(self, guild_id: int, user_id: int) -> MemberStats:
        """Everything /stats shows about ``user_id`` in ``guild_id`` (nothing from any other guild)."""
        zone = await self.zone(guild_id)
        now = self.clock()
        q = self.queries
        totals = await q.member_totals(guild_id, user_id)
        if totals.answers == 0:
            return MemberStats(guild_id, user_id, totals.name, zone.key)
        week_start = period_start(now, zone, "week")
        assert week_start is not None
        points_week = await q.points_since(guild_id, user_id, now_ms(week_start))
        me = await q.member_rank(guild_id, "all", "", user_id)
        played, won = await q.quizzes(guild_id, user_id)
        streak = await q.streak(guild_id, user_id)
        today = local_date(now, zone)
        current = streak.current
        if streak.last_day is None or date.fromisoformat(streak.last_day) < today - timedelta(days=1):
            current = 0  # no correct daily answer yesterday or today: the streak is broken
        topics = await q.topic_scores(guild_id, user_id, min_answers=MIN_TOPIC_ANSWERS, limit=TOPICS_SHOWN)
        strongest = [t for t in topics if t.worst is None]
        weakest = [t for t in topics if t.worst is not None]
        missed = await q.most_missed(guild_id, user_id, limit=MISSED_SHOWN)
        days = [today - timedelta(days=CHART_DAYS - 1 - i) for i in range(CHART_DAYS)]
        bounds = [now_ms(local_post_time(d, time(0, 0), zone)) for d in [*days, today + timedelta(days=1)]]
        counts = await q.daily_counts(guild_id, user_id, bounds)
        return MemberStats(
            guild_id=guild_id,
            user_id=user_id,
            name=totals.name,
            zone=zone.key,
            points_week=points_week,
            points_total=me.points if me is not None else 0,
            rank_all=me.rank if me is not None else None,
            answers=totals.answers,
            correct=totals.correct,
            quizzes_played=played,
            quizzes_won=won,
            streak_current=current,
            streak_best=max(streak.best, current),
            strongest=strongest,
            weakest=weakest,
            missed=missed,
            days=[DayCount(d, a, c) for d, (a, c) in zip(days, counts, strict=True)],
        )
