"""Each member's side of reviewing: settings, "today" in their zone, /review status, and the daily reminder.

Settings are read through a small cache that every write here invalidates (the answer path reads the
member's desired retention on every graded answer; a group commit reads the members it does not have yet
with one statement, ``load``). The reminder lives in the database: a check falls due
at the member's local time; claiming it moves it to the next day before the message is sent, so a member
is reminded once a day at most, even across a crash.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import asdict, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core import schedule
from bot.core.catalog import Catalog
from bot.core.clock import Clock
from bot.core.review import settings as checks
from bot.core.review.models import (
    NEW_USED,
    NO_CARDS,
    NO_NEW,
    NOTICE_DMS_CLOSED,
    Notice,
    Reminder,
    ReviewSettings,
    ReviewStatus,
)
from bot.core.review.rating import MATURE
from bot.core.storage.review_queries import NO_GUILD, MemberRow, ReminderRow, ReviewQueries, guild_key
from bot.core.storage.store import Store

log = logging.getLogger(__name__)

CACHE_MAX = 10_000
#: Reminder checks read at a time.
REMINDER_PAGE = 500
#: When a reminder Discord or the network failed to deliver is tried again (the same local day only).
REMINDER_RETRY = timedelta(minutes=15)
_MIDNIGHT = time(0, 0)
#: The store keeps milliseconds: the last stored instant before a day's end is this much before it.
_LAST_MS = timedelta(milliseconds=1)


class ClaimsCut(Exception):
    """``claim_reminders`` stopped partway (the database refused a claim): ``claimed`` were claimed before it
    and are to be sent; the checks not claimed stay due."""

    def __init__(self, claimed: list[Reminder]) -> None:
        super().__init__(f"{len(claimed)} reminders claimed before the database refused a claim")
        self.claimed = claimed


class ReviewMembers:
    """Settings, status and reminders of members (``ReviewService.members``)."""

    def __init__(self, *, store: Store, queries: ReviewQueries, catalog: Catalog, clock: Clock) -> None:
        self.store = store
        self.queries = queries
        self.catalog = catalog
        self.clock = clock
        self._rows: dict[tuple[int, int], MemberRow] = {}
        #: Whether this process looks after a server (a shard process sends its own servers' reminders).
        self.owns: Callable[[int | None], bool] | None = None
        #: Told when reminders move for a reason other than the reminder sender's own claims (the sender sleeps
        #: until the next reminder it knows of).
        self.on_change: Callable[[], None] | None = None

    # -- reading ------------------------------------------------------------------------------------
    async def row(self, guild_id: int | None, user_id: int, db: aiosqlite.Connection | None = None) -> MemberRow:
        """A member's stored settings (the defaults when they have none), through the cache."""
        key = (guild_key(guild_id), user_id)
        found = self._rows.get(key)
        if found is None:
            found = await self.queries.member(key[0], user_id, db) or MemberRow()
            if len(self._rows) >= CACHE_MAX:
                self._rows.clear()
            self._rows[key] = found
        return found

    def decks(self, guild_id: int | None) -> list[str]:
        """The decks a server sees (its own, and the global ones it did not turn off; None or ``NO_GUILD``: the
        global ones): the only cards its members review, and count as due."""
        return list(self.catalog.view(None if guild_id == NO_GUILD else guild_id).decks)

    def forget(self) -> None:
        """Drop every cached row: the next reads go to the database (another process may have changed them)."""
        self._rows.clear()

    def drop(self, guild_id: int | None, user_id: int) -> None:
        """Drop one member's cached row: the next read goes to the database."""
        self._rows.pop((guild_key(guild_id), user_id), None)

    def missing(self, members: Iterable[tuple[int | None, int]]) -> list[tuple[int, int]]:
        """The (stored guild, member) of ``members`` whose settings are not in the cache, once each, in order."""
        keys = dict.fromkeys((guild_key(guild_id), user_id) for guild_id, user_id in members)
        return [key for key in keys if key not in self._rows]

    async def load(
        self, members: Iterable[tuple[int | None, int]], db: aiosqlite.Connection | None = None
    ) -> None:
        """Bring the settings of ``members`` into the cache, those not there yet read with one statement
        (``row`` then finds each without a read). ``db``: read inside that transaction."""
        wanted = self.missing(members)
        if not wanted:
            return
        found = await self.queries.members(wanted, db)
        for key in wanted:
            if key in self._rows:  # written meanwhile (the read above awaited): the cache has the newer row
                continue
            if len(self._rows) >= CACHE_MAX:
                self._rows.clear()
            self._rows[key] = found.get(key) or MemberRow()

    async def zone(self, guild_id: int | None, row: MemberRow) -> ZoneInfo:
        """The zone of the member's "today": theirs, else the server's daily zone, else UTC."""
        if row.timezone is not None or guild_id is None or guild_id == NO_GUILD:
            return checks.zone_named((row.timezone,))
        return checks.zone_named((row.timezone, await self.queries.guild_zone(guild_id)))

    async def settings(self, guild_id: int | None, user_id: int) -> ReviewSettings:
        """A member's review settings in a server."""
        row = await self.row(guild_id, user_id)
        return self._settings(row, await self.zone(guild_id, row))

    @staticmethod
    def _settings(row: MemberRow, zone: ZoneInfo) -> ReviewSettings:
        return ReviewSettings(
            new_per_day=row.new_per_day,
            retention=row.retention,
            topics=row.topics,
            timezone=row.timezone,
            remind_at=checks.parse_stored_time(row.remind_at),
            zone=zone.key,
        )

    def day(self, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The start and end (UTC instants) of the local day holding ``now`` (DST-safe)."""
        today = schedule.local_date(now, zone)
        start = schedule.local_post_time(today, _MIDNIGHT, zone)
        end = schedule.local_post_time(today + timedelta(days=1), _MIDNIGHT, zone)
        return start, end

    async def new_left(self, guild_id: int | None, user_id: int, now: datetime) -> int:
        """How many new cards the member's daily limit still allows today (their local day)."""
        row = await self.row(guild_id, user_id)
        start, _ = self.day(now, await self.zone(guild_id, row))
        used = await self.queries.new_since(guild_key(guild_id), user_id, start)
        return max(0, row.new_per_day - used)

    async def status(self, guild_id: int | None, user_id: int) -> ReviewStatus:
        """Due now and today, learning, learned and mature cards, measured retention, settings."""
        now = self.clock()
        row = await self.row(guild_id, user_id)
        zone = await self.zone(guild_id, row)
        start, end = self.day(now, zone)
        guild = guild_key(guild_id)
        counts = await self.queries.counts(
            guild, user_id, now, day_end=end, mature=MATURE, topics=row.topics, decks=self.decks(guild_id)
        )
        new_today = await self.queries.new_since(guild, user_id, start)
        kept = await self.queries.retention(guild, user_id)
        # Nothing scheduled in the decks the server sees: why, as /review start would say (None: new cards wait).
        empty = None
        if counts.next_due is None:
            empty = self.why_empty(guild_id, row, new_left=max(0, row.new_per_day - new_today))
        return ReviewStatus(
            **asdict(counts),  # due now and today, learning, learned, mature, next due
            new_today=new_today,
            day_ends=end,
            retention=kept.remembered / kept.reviews if kept.reviews else None,
            retention_reviews=kept.reviews,
            settings=self._settings(row, zone),
            empty=empty,
        )

    def why_empty(self, guild_id: int | None, row: MemberRow, *, new_left: int) -> str | None:
        """Why a member with no card scheduled in the decks the server sees gets no card from a review:
        ``NO_CARDS`` (no deck it sees holds a card in their topics), ``NO_NEW`` (their new cards a day are 0),
        ``NEW_USED`` (``new_left`` is 0: today's new cards are done); None when new cards are left to bring."""
        view = self.catalog.view(None if guild_id == NO_GUILD else guild_id)
        if not (any(view.topic_cards(t) for t in row.topics) if row.topics else view.askable):
            return NO_CARDS
        if row.new_per_day == 0:
            return NO_NEW
        return NEW_USED if new_left == 0 else None

    # -- changing ------------------------------------------------------------------------------------
    async def update(
        self,
        guild_id: int | None,
        user_id: int,
        *,
        new_per_day: int | None = None,
        retention: float | None = None,
        topics: str | None = None,
        timezone: str | None = None,
    ) -> ReviewSettings:
        """Change some settings (each checked; None leaves it as it is)."""
        row = await self.row(guild_id, user_id)
        changed = replace(
            row,
            new_per_day=row.new_per_day if new_per_day is None else checks.check_new_per_day(new_per_day),
            retention=row.retention if retention is None else checks.check_retention(retention),
            topics=row.topics if topics is None else checks.check_topics(topics, self.catalog.view(guild_id)),
            timezone=row.timezone if timezone is None else checks.check_zone(timezone),
        )
        if changed.timezone != row.timezone:
            was, zone = await self.zone(guild_id, row), await self.zone(guild_id, changed)
            changed = replace(changed, remind_day=self._reminded_day(row, was, zone))
        return await self._save(guild_id, user_id, changed)

    async def set_reminder(self, guild_id: int, user_id: int, at: str | None) -> ReviewSettings:
        """Turn the daily reminder on at a local time (HH:MM, 9am …), or off (None, "off")."""
        row = await self.row(guild_id, user_id)
        when = checks.check_time(at or "")
        if when is None:
            return await self._save(guild_id, user_id, replace(row, remind_at=None, remind_next=None))
        text = checks.time_text(when)
        changed = replace(row, remind_at=text, remind_next=None, remind_notice=None)
        return await self._save(guild_id, user_id, changed)

    async def _save(self, guild_id: int | None, user_id: int, row: MemberRow) -> ReviewSettings:
        now = self.clock()
        zone = await self.zone(guild_id, row)
        at = checks.parse_stored_time(row.remind_at)
        if at is not None:  # the zone or the time may have changed: the next check follows them
            row = replace(row, remind_next=self._next_check(now, at, zone, row.remind_day))
        guild = guild_key(guild_id)
        async with self.store.transaction() as db:
            await self.queries.save_member(db, guild, user_id, row, now)
        self._rows[(guild, user_id)] = row
        return self._settings(row, zone)

    @staticmethod
    def _reminded_day(row: MemberRow, was: ZoneInfo, zone: ZoneInfo) -> str | None:
        """The date in ``zone`` of the member's last reminder (``remind_day``, a date in ``was``, the zone of their
        day then): the date there when it came, at their time. So after their day moves to ``zone`` the next
        reminder is on the next date there: a move west (Tokyo -> Los Angeles) does not skip a date that had no
        reminder yet, and a move east does not remind twice on a date that had one (as the daily question's dates)."""
        at = checks.parse_stored_time(row.remind_at)
        if row.remind_day is None or at is None or was.key == zone.key:
            return row.remind_day
        try:
            day = date.fromisoformat(row.remind_day)
        except ValueError:
            return row.remind_day
        return schedule.local_date(schedule.local_post_time(day, at, was), zone).isoformat()

    @staticmethod
    def _next_check(now: datetime, at: time, zone: ZoneInfo, last_day: str | date | None) -> datetime:
        last = date.fromisoformat(last_day) if isinstance(last_day, str) else last_day
        _, instant = schedule.next_post(now, at, zone, last_posted_day=last)
        return instant

    # -- reminders -----------------------------------------------------------------------------------
    async def claim_reminders(self, now: datetime | None = None) -> list[Reminder]:
        """Reminders to send now, each claimed (its check moved to the next day) before it is returned.

        A member is reminded, at their reminder time, on a day when cards are due (by the day's end, as
        /review status counts "due today"); a check that finds nothing due that day, or that fell on a day
        already over (the bot was down), just moves on to the next day. A claim the database refuses after
        others were made raises ``ClaimsCut`` with those (not lost for the day).
        """
        now = now or self.clock()
        claimed: list[Reminder] = []
        async for row in self._due(now):
            if self.owns is not None and not self.owns(row.guild_id):
                continue  # another shard process's member: theirs to move on
            try:
                reminder = await self._claim(row, now)
            except Exception as exc:
                if not claimed:
                    raise
                # (the database refused this claim: those already claimed are to be sent; the rest stay due)
                raise ClaimsCut(claimed) from exc
            if reminder is not None:
                claimed.append(reminder)
        return claimed

    async def _claim(self, row: ReminderRow, now: datetime) -> Reminder | None:
        """Move one due reminder check to the member's next day; the reminder to send when cards are due."""
        zone = await self.zone(row.guild_id, MemberRow(timezone=row.timezone))
        at = checks.parse_stored_time(row.remind_at)
        today = schedule.local_date(now, zone)
        slot_day = schedule.local_date(row.remind_next, zone)
        if at is not None and slot_day < today and schedule.local_post_time(today, at, zone) <= now:
            # The bot was down at a past day's check and at today's time too: a missed day is not caught up,
            # but today's reminder is late, as it is after a shorter outage, not lost with it.
            slot_day = today
        due = 0
        if at is not None and slot_day == today and row.remind_day != today.isoformat():
            # the cards due today, as /review status counts them ("due today"): up to the day's end
            day_end = schedule.local_post_time(today + timedelta(days=1), _MIDNIGHT, zone)
            # (status counts ``due_at < day_end``; ``count_due`` counts up to and including its instant)
            due = await self.queries.count_due(
                row.guild_id, row.user_id, day_end - _LAST_MS, topics=row.topics, decks=self.decks(row.guild_id),
                cap=None,  # (told in the message: every card, as /review status counts them)
            )
        # A missed day (slot_day before today) is not caught up, but today's reminder still may be.
        last = slot_day if slot_day < today else today
        next_at = self._next_check(now, at, zone, last) if at is not None else None
        async with self.store.transaction() as db:
            won = await self.queries.set_reminder_next(
                db, row.guild_id, row.user_id, expected=row.remind_next, next_at=next_at,
                day=today.isoformat() if due else None,
            )
        self._rows.pop((row.guild_id, row.user_id), None)
        if not (won and due):
            return None
        # A retry (``retry_reminder`` cleared the day and set a check later than the member's time): an earlier
        # try may have been delivered all the same, so it is looked for first.
        retry = (
            at is not None and row.remind_day is None
            and row.remind_next != schedule.local_post_time(slot_day, at, zone)
        )
        return Reminder(
            row.guild_id, row.user_id, due, today, row.remind_next,
            day_start=schedule.local_post_time(today, _MIDNIGHT, zone), retry=retry,
        )

    async def _due(self, now: datetime) -> AsyncIterator[ReminderRow]:
        """Every reminder check due at ``now``, page by page (however many fall due at one minute, and
        whatever number of them belong to another shard process that is down)."""
        after: tuple[datetime, int, int] | None = None
        while True:
            page = await self.queries.reminders_due(now, limit=REMINDER_PAGE, after=after)
            for row in page:
                yield row
            if len(page) < REMINDER_PAGE:
                return
            last = page[-1]
            after = (last.remind_next, last.guild_id, last.user_id)

    async def server_zone_set(self, guild_id: int, was: str | None = None) -> None:
        """The server's zone may have changed (``/daily set``; ``was``: its zone before, None for none, UTC): the
        reminders of its members whose day follows it come at their time in that zone from now on, on the dates
        there (see ``_reminded_day``)."""
        members = await self.queries.following_server(guild_id)
        if not members:
            return
        now = self.clock()
        zone = await self.zone(guild_id, MemberRow())
        before = checks.zone_named((was,))
        async with self.store.transaction() as db:
            for user_id, row in members.items():
                at = checks.parse_stored_time(row.remind_at)
                if at is None or row.remind_next is None:
                    continue
                day = self._reminded_day(row, before, zone)
                next_at = self._next_check(now, at, zone, day)
                if next_at != row.remind_next or day != row.remind_day:
                    await self.queries.set_reminder_next(
                        db, guild_id, user_id, expected=row.remind_next, next_at=next_at,
                        day=day if day != row.remind_day else None,
                    )  # fmt: skip
                self._rows.pop((guild_id, user_id), None)
        if self.on_change is not None:
            self.on_change()

    async def next_reminder(self, now: datetime | None = None) -> datetime | None:
        """When the next reminder check falls due after ``now`` (None: no member has one). Checks already due
        at ``now`` are left out: after a claim they are another shard process's."""
        return await self.queries.next_reminder(after=now)

    async def retry_time(self, reminder: Reminder, delay: timedelta = REMINDER_RETRY) -> datetime | None:
        """When a claimed reminder that could not be sent is tried again: after ``delay``, on the same local
        day only (None: that day will be over; the next day has its own reminder at the member's time)."""
        at = self.clock() + delay
        zone = await self.zone(reminder.guild_id, await self.row(reminder.guild_id, reminder.user_id))
        return at if schedule.local_date(at, zone) == reminder.day else None

    async def retry_reminder(self, reminder: Reminder, delay: timedelta = REMINDER_RETRY) -> None:
        """A claimed reminder could not be sent (Discord or the network failed): check it again after
        ``delay``, on the same local day (no later: the next day has its own reminder at the member's time)."""
        at = await self.retry_time(reminder, delay)
        if at is None:
            log.info("review reminder for %s in %s not sent today", reminder.user_id, reminder.guild_id)
            return
        async with self.store.transaction() as db:
            again = await self.queries.retry_reminder(
                db, reminder.guild_id, reminder.user_id, day=reminder.day.isoformat(), at=at
            )
        self._rows.pop((reminder.guild_id, reminder.user_id), None)
        if again:
            log.info("review reminder for %s in %s tried again in %s", reminder.user_id, reminder.guild_id, delay)

    async def reminder_undeliverable(self, reminder: Reminder, notice: Notice = NOTICE_DMS_CLOSED) -> None:
        """The member cannot be sent direct messages: switch their reminder off and tell them once."""
        async with self.store.transaction() as db:
            await self.queries.switch_reminder_off(db, reminder.guild_id, reminder.user_id, notice, self.clock())
        self._rows.pop((reminder.guild_id, reminder.user_id), None)
        log.info("review reminder off for %s in %s: %s", reminder.user_id, reminder.guild_id, notice)

    async def take_notice(self, guild_id: int | None, user_id: int) -> Notice | None:
        """What the member must be told once (their reminder was switched off, and why), then forgotten."""
        row = await self.row(guild_id, user_id)
        if row.remind_notice is None:
            return None
        guild = guild_key(guild_id)
        async with self.store.transaction() as db:
            notice = await self.queries.take_notice(db, guild, user_id)
        self._rows[(guild, user_id)] = replace(row, remind_notice=None)
        return notice

    async def untake_notice(self, guild_id: int | None, user_id: int, notice: Notice) -> None:
        """A notice ``take_notice`` gave was not told after all (the reply failed): told next time."""
        guild = guild_key(guild_id)
        async with self.store.transaction() as db:
            await self.queries.untake_notice(db, guild, user_id, notice)
        self._rows.pop((guild, user_id), None)
