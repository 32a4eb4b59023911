"""Schedule settings: set, turn off, pause, resume, and what ``/daily status`` shows."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core import schedule
from bot.core.daily import errors
from bot.core.daily.base import DailyBase
from bot.core.daily.models import DailyStatus, ScheduleInfo, min_open

log = logging.getLogger(__name__)


class ScheduleSettings(DailyBase):
    """A guild's daily schedule, as its managers change it."""

    async def set_schedule(
        self,
        guild_id: int,
        channel_id: int,
        time_text: str,
        zone_text: str,
        *,
        topic: str | None = None,
        answer_hours: int = schedule.ANSWER_HOURS_DEFAULT,
        by: int | None = None,
    ) -> DailyStatus:
        """Create or replace a guild's schedule (and resume it if paused). Bad input changes nothing.

        The next post is the next time the wall-clock time comes round: setting 09:00 at 10:00 posts
        tomorrow, never today (and never a second time for a day already posted, in a new zone too). Raises
        ``ScheduleError`` (a ``UserError``) for a bad time, zone or answer hours, ``no_cards`` when the server has
        no card to ask at all (every deck turned off), ``NotFound`` for a topic with no cards.
        """
        at = schedule.parse_time(time_text).replace(second=0, microsecond=0)
        zone = schedule.parse_zone(zone_text)
        schedule.closes_at(self.clock(), answer_hours)  # validates answer_hours
        topic = (topic or "").strip().lower() or None
        seen = self.catalog.view(guild_id)
        if not seen.askable:
            raise errors.no_cards()
        if topic is not None and not seen.topic_cards(topic):
            raise errors.no_such_topic(topic, seen.suggest_topics(topic, limit=3))
        now = self.clock()
        async with self._writing(errors.not_saved) as db:
            # Dates of the new zone only: the handled date while the schedule was in it, the questions dated in
            # it, and the date there of the latest question, whatever zone dated it. So a move east (UTC 23:00 ->
            # Tokyo 09:00) does not ask a second question on a date of the new zone that already had one, and a
            # move west (Auckland -> Los Angeles) does not skip a date of the new zone that had none yet.
            before = await self.queries.schedule(db, guild_id)
            was = before.zone.key if before is not None else None  # (the reminders that follow it move with it)
            last = await self.queries.last_handled_day(db, guild_id, zone.key)
            sent = await self.queries.latest_sent(db, guild_id)
            if sent is not None:
                there = schedule.local_date(sent.post_at, zone)
                last = there if last is None else max(last, there)
            day, post_at = schedule.next_post(now, at, zone, last_posted_day=last)
            handled = max(d for d in (last, day - timedelta(days=1)) if d is not None)
            await self.queries.save_schedule(
                db,
                guild_id=guild_id,
                channel_id=channel_id,
                at=at,
                zone=zone,
                topic=topic,
                answer_hours=answer_hours,
                handled_day=handled,
                next_post_at=post_at,
                by=by,
                now=now,
            )
            await self.queries.set_guild_timezone(db, guild_id, zone, now)
            # ``/daily set`` lifts a pause as ``resume`` does: a reveal that pause held is due again.
            await self.queries.release_held_reveals(db, guild_id)
        log.info("guild %s: daily question set for %s %s in channel %s", guild_id, at, zone.key, channel_id)
        if self.on_zone_set is not None:
            try:
                await self.on_zone_set(guild_id, was)
            except Exception:  # the schedule is saved: the reminders move at their next check at the latest
                log.exception("guild %s: the review reminders could not follow the new zone", guild_id)
        return await self.status(guild_id)

    async def turn_off(self, guild_id: int) -> ScheduleInfo:
        """Stop posting (open questions still get their reveal). Raises NotFound when nothing is set up."""
        async with self._writing(errors.not_saved) as db:
            if not await self.queries.turn_off(db, guild_id, self.clock()):
                raise errors.not_on()
            # A reveal held by a pause would wait for a resume that an off schedule never has: it is tried again
            # now (refused still, it is held again until ``/daily set``), as the answers it closes were earned.
            await self.queries.release_held_reveals(db, guild_id)
            info = await self.queries.schedule(db, guild_id)
        assert info is not None
        log.info("guild %s: daily question turned off", guild_id)
        return info

    async def pause(self, guild_id: int, reason: str, *, check_again: bool = False) -> bool:
        """Stop posting because posting cannot work (shown in status); ``set`` resumes. False if not running.

        ``check_again``: the pause is looked at again at each post time and lifted once posting works."""
        async with self._writing(errors.not_saved) as db:
            changed = await self._pause(db, guild_id, reason, check_again=check_again)
        if changed:
            log.warning("guild %s: daily question paused: %s", guild_id, reason)
        return changed

    async def resume(self, guild_id: int) -> DailyStatus:
        """Clear a pause and compute the next post again."""
        now = self.clock()
        async with self._writing(errors.not_saved) as db:
            info = await self.queries.schedule(db, guild_id)
            if info is None or not info.enabled:
                raise errors.not_set_up(first=False)
            await self._resume(db, info, now)
        return await self.status(guild_id)

    async def get_schedule(self, guild_id: int) -> ScheduleInfo | None:
        """The guild's schedule, or None when it never had one."""
        async with self.store.read() as db:
            return await self.queries.schedule(db, guild_id)

    async def status(self, guild_id: int) -> DailyStatus:
        """The schedule, the next post (None when off or paused) and the last post."""
        now = self.clock()
        async with self.store.read() as db:
            info = await self.queries.schedule(db, guild_id)
            last = await self.queries.last_post(db, guild_id)
        if info is None:
            return DailyStatus(None, None, None, last)
        seen = self.catalog.view(guild_id)
        cards = seen.topic_cards(info.topic) or []
        askable = len(seen.askable)
        if not info.enabled or info.paused_reason:
            return DailyStatus(info, None, None, last, len(cards), askable)
        d = schedule.due(
            now, info.at, info.zone, info.answer_hours, last_posted_day=info.handled_day,
            min_open=min_open(info.answer_hours), not_before=info.next_post_at,
        )  # fmt: skip
        if d.action == "skip":
            day, post_at = schedule.next_post(now, info.at, info.zone, last_posted_day=d.day)
        else:
            day, post_at = d.day, d.post_at
        return DailyStatus(info, post_at, day, last, len(cards), askable)

    async def guilds_using_channel(self, channel_id: int) -> list[int]:
        """The guilds whose running schedule posts in ``channel_id`` (to pause them when it is deleted)."""
        async with self.store.read() as db:
            return await self.queries.guilds_using_channel(db, channel_id)
