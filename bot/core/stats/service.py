"""``StatsService``: the board pages and one member's figures (the rules are in the package docstring)."""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Awaitable, Iterable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Literal, TypeVar, cast
from zoneinfo import ZoneInfo

from bot.core.errors import NotFound, Quote, UserError
from bot.core.schedule import ScheduleError, local_date, local_post_time, parse_zone, period_start
from bot.core.stats.models import (
    BAD_PERIOD,
    CHART_DAYS,
    MIN_TOPIC_ANSWERS,
    MISSED_SHOWN,
    PAGE_SIZE,
    PERIODS,
    QUOTED_MAX,
    TOPICS_SHOWN,
    UNKNOWN_TOPIC,
    DayCount,
    Leaderboard,
    MemberStats,
    Period,
)
from bot.core.storage import now_ms
from bot.core.storage.stats_queries import (
    BoardPage,
    BoardRow,
    MissedCard,
    StatsQueries,
    TopicScore,
    Window,
    storage_failed,
)
from bot.core.text import one_line

if TYPE_CHECKING:
    from bot.core.catalog import Catalog, CatalogView
    from bot.core.clock import Clock
    from bot.core.models import HiddenCards
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")


def _quoted(text: str) -> Quote:
    """What the user typed, for an error message: safe characters, one line, clipped."""
    return Quote(one_line(text, QUOTED_MAX))


#: The end of an all-time board read live (year 9999, in unix milliseconds).
_FOREVER_MS = 253_402_300_799_999


class StatsService:
    """Leaderboards and personal stats for the cogs (see the package docstring for the rules)."""

    def __init__(self, *, store: Store, catalog: Catalog, clock: Clock) -> None:
        self.catalog = catalog
        self.clock = clock
        self.queries = StatsQueries(store)
        #: The cards whose answers are hidden in a server now (``QuizService.hidden_cards``): left out of the
        #: most-missed cards, which name them (a member who just missed an open question would read its answer).
        self.hidden: HiddenCards | None = None

    async def start(self) -> None:
        """Fold in the card tag changes of the deck sync that just ran (topic boards follow current tags)."""
        await self._apply_tag_changes()

    async def close(self) -> None:
        """Nothing to close: every figure is read from the store."""

    # -- helpers -----------------------------------------------------------------------------------
    async def zone(self, guild_id: int) -> ZoneInfo:
        """The guild's time zone (the daily question's), UTC when none is set or it is unknown."""
        return self._zone(guild_id, await self.queries.guild_timezone(guild_id))

    @staticmethod
    def _zone(guild_id: int, name: str | None) -> ZoneInfo:
        if name:
            try:
                return ZoneInfo(name)  # the key as stored (also one no longer taken when typed, as EST)
            except (ValueError, KeyError, OSError):
                pass
            try:
                return parse_zone(name)
            except ScheduleError:
                log.warning("guild %s has an unknown time zone %r; using UTC", guild_id, name)
        return ZoneInfo("UTC")

    def topic(self, topic: str | None, guild_id: int | None = None) -> str | None:
        """A topic typed by a user, normalised (a tag or deck name the server ``guild_id`` sees); None for
        every card. Raises NotFound."""
        if topic is None or not topic.strip():
            return None
        key = topic.strip().lower()
        if self.catalog.view(guild_id).topic_cards(key) is None:
            raise NotFound(
                UNKNOWN_TOPIC,
                "There is no topic called {topic}. Pick one from the list as you type.",
                topic=_quoted(topic),
            )
        return key

    @staticmethod
    async def _unless_storage_fails(what: str, write: Awaitable[T]) -> T | None:
        """A bookkeeping write on a read path: when the database refuses it (read-only, full), log and go on."""
        try:
            return await write
        except Exception as exc:
            if not storage_failed(exc):
                raise
            log.warning("could not %s (%s); reading on", what, exc)
            return None

    async def _apply_tag_changes(self) -> None:
        if await self.queries.has_tag_changes():
            # Topic boards stay as they were until a write succeeds.
            await self._unless_storage_fails("fold card tag changes into the topic boards", self.queries.apply_tag_changes())

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

        Reading never fails for want of a write: when the week/month cannot be rebuilt (a read-only or full
        database), it is read live from the answers (``Leaderboard.live``).
        """
        if period not in PERIODS:
            raise UserError(BAD_PERIOD, "{period} is not a period: use week, month or all.", period=_quoted(str(period)))
        period = cast(Period, period)
        key = self.topic(topic, guild_id)
        context = await self.queries.board_context(guild_id, period, caller_id)  # one round trip
        zone = self._zone(guild_id, context.timezone)
        now = self.clock()
        exclude = {int(u) for u in exclude_user_ids}
        if context.caller_departed and caller_id is not None:  # whoever asks is in the server
            await self.mark_present(guild_id, caller_id)
        stored = context.window
        if context.tag_changes:  # changed topics drop the stored windows: look again after folding them in
            await self._apply_tag_changes()
            stored = await self.queries.window(guild_id, period) if period != "all" else None
        starts_at: datetime | None = None
        live: Window | None = None
        if period != "all":
            window = self.window(now, zone, period)
            if stored != window and not await self.queries.try_rebuild_window(guild_id, period, window):
                live = window
            starts_at = period_start(now, zone, period)
        topic_key = key or ""
        # A deck's board holds that deck's cards alone, as /quiz does with its name. Its stored rows count every
        # card tagged with its name: when another deck's cards carry that tag, it is read live for this deck.
        deck = self.catalog.view(guild_id).deck_named(key) if key else None
        deck_id = ""
        stored_topic = self.catalog.name(deck.id) if deck is not None else topic_key
        if deck is not None and stored_topic != topic_key:
            # A shared deck known here as ``shared_name`` (the server's own deck has its name): its stored topic
            # is its name, which the server's deck shares, so it is read live for this deck alone.
            topic_key, deck_id = stored_topic, deck.id
            if live is None:
                live = self.window(now, zone, period) if period != "all" else Window(zone.key, 0, _FOREVER_MS)
        elif deck is not None and key and self.catalog.tagged_elsewhere(key, deck.id, guild_id):
            deck_id = deck.id
            if live is None:
                live = self.window(now, zone, period) if period != "all" else Window(zone.key, 0, _FOREVER_MS)
        page = max(0, int(page))

        async def page_at(number: int) -> BoardPage:
            offset = number * PAGE_SIZE
            if live is not None:
                return await self.queries.live_board_page(
                    guild_id, live, topic_key, offset=offset, limit=PAGE_SIZE, exclude=exclude, deck=deck_id
                )
            return await self.queries.board_page(
                guild_id, period, topic_key, offset=offset, limit=PAGE_SIZE, exclude=exclude
            )

        result = await page_at(page)
        pages = max(1, math.ceil(result.total / PAGE_SIZE))
        if page >= pages:
            page = pages - 1
            result = await page_at(page)
            pages = max(1, math.ceil(result.total / PAGE_SIZE))
        caller: BoardRow | None = None
        if caller_id is not None and caller_id not in exclude:
            caller = next((r for r in result.rows if r.user_id == caller_id), None)
            if caller is None and live is not None:
                caller = await self.queries.live_member_rank(
                    guild_id, live, topic_key, caller_id, exclude=exclude, deck=deck_id
                )
            elif caller is None:
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
            live=live is not None,
        )

    async def mark_departed(self, guild_id: int, user_ids: Iterable[int]) -> None:
        """Members who left the server: kept in the data, no longer listed (not recorded if the database
        refuses the write; the caller leaves them out of what it shows anyway)."""
        await self._unless_storage_fails(
            "record members who left", self.queries.mark_departed(guild_id, user_ids, now_ms(self.clock()))
        )

    async def mark_present(self, guild_id: int, user_id: int) -> bool:
        """A member is (back) in the server; True if a departure was forgotten."""
        forgot = await self._unless_storage_fails(
            "record a member as present", self.queries.mark_present(guild_id, user_id)
        )
        return bool(forgot)

    async def rename(self, guild_id: int, names: dict[int, str]) -> None:
        """Members' names as the server shows them now, for the boards and /stats (kept with their answers until
        then: a member renamed since their latest answer). Skipped, with a log line, when the database refuses it."""
        await self._unless_storage_fails(
            "record members' new names", self.queries.rename(guild_id, names, now_ms(self.clock()))
        )

    # -- personal stats ----------------------------------------------------------------------------
    async def _most_missed(
        self, guild_id: int, user_id: int, hidden: frozenset[str], seen: CatalogView
    ) -> list[MissedCard]:
        """The member's most missed cards that the server sees (not those of a deck turned off or gone), each with
        its deck's name there, and whose answers are not hidden now; read with room for those left out, so that as
        many are shown (one fewer would point at the answer of a hidden one)."""
        limit = MISSED_SHOWN + len(hidden)
        while True:
            rows = await self.queries.most_missed(guild_id, user_id, limit=limit)
            kept = [(m, card) for m in rows if m.key not in hidden and (card := seen.card(m.key)) is not None]
            if len(kept) >= MISSED_SHOWN or len(rows) < limit:
                # Each named by its deck as the server knows it: two decks may have a card of one term.
                return [dataclasses.replace(m, deck=seen.names[card.deck]) for m, card in kept[:MISSED_SHOWN]]
            limit *= 4

    async def stats(self, guild_id: int, user_id: int, *, include_practice: bool = True) -> MemberStats:
        """What /stats shows about ``user_id`` in ``guild_id`` (nothing from any other guild).

        ``include_practice`` True: every answer the member gave here (their own view, private). False:
        only what counts on the server — quiz and daily answers, points, quizzes, streak — and no
        most-missed cards (what anyone else may see).
        """
        zone = await self.zone(guild_id)
        now = self.clock()
        q = self.queries
        week_start = period_start(now, zone, "week")
        assert week_start is not None
        me = await q.member_rank(guild_id, "all", "", user_id)
        summary = await q.summary(guild_id, user_id, since_ms=now_ms(week_start))
        if include_practice:
            name, answers, correct = summary.name, summary.answers, summary.correct
        else:  # what counts on the server: their all-time row on the board
            name = me.name if me is not None else None
            answers, correct = (me.answers, me.correct) if me is not None else (0, 0)
        if answers == 0:
            return MemberStats(guild_id, user_id, name, zone.key, includes_practice=include_practice)
        streak = summary.streak
        today = local_date(now, zone)
        # The daily question keeps the streak: a reveal ends it for whoever missed that question, and a day
        # without a question (none scheduled, the bot down) does not; an evening question stays open past
        # midnight. So the stored streak is the one the next answer continues.
        current = streak.current
        scored_only = not include_practice
        topics = await q.topic_scores(
            guild_id, user_id, min_answers=MIN_TOPIC_ANSWERS, limit=TOPICS_SHOWN, scored_only=scored_only
        )
        seen = self.catalog.view(guild_id)
        if any(not seen.topic_size(t.topic) for t in topics):
            # Topics of decks turned off are left out, and the others ranked among themselves: read them all.
            every = await q.topic_scores(
                guild_id, user_id, min_answers=MIN_TOPIC_ANSWERS, limit=TOPICS_ALL, scored_only=scored_only
            )
            topics = _ranked([t for t in every if seen.topic_size(t.topic)], TOPICS_SHOWN)
        topics = _apart(topics, TOPICS_SHOWN)
        hidden = (
            await self.hidden(guild_id, user_id=user_id) if self.hidden is not None and include_practice else frozenset()
        )
        missed = await self._most_missed(guild_id, user_id, hidden, seen) if include_practice else []
        days = [today - timedelta(days=CHART_DAYS - 1 - i) for i in range(CHART_DAYS)]
        bounds = [now_ms(local_post_time(d, time(0, 0), zone)) for d in [*days, today + timedelta(days=1)]]
        counts = await q.daily_counts(guild_id, user_id, bounds, scored_only=scored_only)
        return MemberStats(
            guild_id=guild_id,
            user_id=user_id,
            name=name,
            zone=zone.key,
            includes_practice=include_practice,
            points_week=summary.points_since,
            points_total=me.points if me is not None else 0,
            rank_all=me.rank if me is not None else None,
            answers=answers,
            correct=correct,
            quizzes_played=summary.quizzes_played,
            quizzes_won=summary.quizzes_won,
            streak_current=current,
            streak_best=max(streak.best, current),
            strongest=[t for t in topics if t.worst is None],
            weakest=[t for t in topics if t.worst is not None],
            missed=missed,
            days=[DayCount(d, a, c) for d, (a, c) in zip(days, counts, strict=True)],
        )


#: Every topic of a member, to rank again those the server still sees (a member answers a few hundred at most).
TOPICS_ALL = 10_000


def _ranked(topics: list[TopicScore], n: int) -> list[TopicScore]:
    """The ``n`` strongest of ``topics`` by accuracy, then the ``n`` weakest of the rest, ranked as
    ``TOPIC_SCORES_SQL`` ranks them (strongest first, best first; then the weakest, weakest first)."""
    strongest = sorted(topics, key=lambda t: (-t.accuracy, -t.answers, t.topic))
    top = [dataclasses.replace(t, best=i + 1, worst=None) for i, t in enumerate(strongest[:n])]
    weakest = sorted(strongest[n:], key=lambda t: (t.accuracy, -t.answers, t.topic))
    return top + [dataclasses.replace(t, worst=i + 1) for i, t in enumerate(weakest[:n])]


def _apart(topics: list[TopicScore], n: int) -> list[TopicScore]:
    """The strongest and weakest topics as /stats lists them (``topics`` as :func:`_ranked` or ``TOPIC_SCORES_SQL``
    give them), kept apart: a topic at the member's lowest accuracy is never among the strongest (unless every
    topic is at it: then there are no weakest), and a weakest topic is below every strongest one. Without this a
    member with few topics read the same "20% (1/5)" under both headings (two tags of one card), or their worst
    topic as a strong one."""
    strongest = [t for t in topics if t.worst is None]
    weakest = [t for t in topics if t.worst is not None]
    if not strongest:
        return topics
    low = min(t.accuracy for t in [*strongest, *weakest])
    if strongest[0].accuracy <= low:  # every topic at the same accuracy: none is weaker than another
        return strongest
    kept = [t for t in strongest if t.accuracy > low]
    floor = kept[-1].accuracy
    rest = sorted(
        [*(t for t in strongest if t.accuracy <= low), *weakest], key=lambda t: (t.accuracy, -t.answers, t.topic)
    )
    below = [t for t in rest if t.accuracy < floor][:n]
    return kept + [dataclasses.replace(t, worst=i + 1) for i, t in enumerate(below)]
