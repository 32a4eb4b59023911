"""Posting: the due check, claiming exactly one post per guild per local date, and recording the send."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core import schedule
from bot.core.daily import errors
from bot.core.daily.cards import CardChoice, Ranked
from bot.core.daily.models import (
    MAX_REVEAL_TRIES,
    MAX_SEND_TRIES,
    NO_CARDS_REASON,
    REVEAL_LEASE,
    REVEAL_TAKEOVER_WINDOW,
    SEND_LEASE,
    Claim,
    GuildWork,
    ScheduleInfo,
    min_open,
)

log = logging.getLogger(__name__)


class Posting(CardChoice):
    """The scheduler's side: what is due, the claims, and the outcome of each send."""

    # -- the due check -------------------------------------------------------------------------------
    async def due_work(self, now: datetime) -> list[GuildWork]:
        """What is due at ``now``, per guild: reveals, interrupted sends to retry, posts to (maybe) make.

        Read-only and idempotent: the claims (``claim_due``, ``claim_resend``, ``claim_reveal``) decide and
        record. Four index range scans, whatever the number of guilds.
        """
        async with self.store.read() as db:
            posts = await self.queries.due_posts(db, now)
            resends = await self.queries.due_resends(db, now - SEND_LEASE)
            reveals = await self.queries.due_reveals(db, now)
            reveals += await self.queries.due_reveal_takeovers(
                db, now - REVEAL_LEASE, now - REVEAL_TAKEOVER_WINDOW, MAX_REVEAL_TRIES
            )
        work: dict[int, tuple[list[int], list[int], list[bool]]] = {}

        def entry(guild_id: int) -> tuple[list[int], list[int], list[bool]]:
            return work.setdefault(guild_id, ([], [], []))

        for post_id, guild_id in reveals:
            entry(guild_id)[0].append(post_id)
        for post_id, guild_id in resends:
            entry(guild_id)[1].append(post_id)
        for guild_id in posts:
            entry(guild_id)[2].append(True)
        owns = self.owns
        return [
            GuildWork(g, tuple(rv), tuple(rs), bool(p))
            for g, (rv, rs, p) in work.items()
            if owns is None or owns(g)  # a shard process posts for its own servers only
        ]

    async def next_wakeup(self, now: datetime | None = None) -> datetime | None:
        """The earliest instant after ``now`` (the clock's by default) at which something becomes due (the
        scheduler sleeps until then, capped). What is due already is not counted: this process has just tried
        it, or it is another shard process's, and it must not keep this one from waking for its own."""
        now = now or self.clock()
        async with self.store.read() as db:
            next_post, next_close, oldest_claim = await self.queries.earliest(db, now, SEND_LEASE)
        lease_end = None if oldest_claim is None else oldest_claim + SEND_LEASE
        found = [t for t in (next_post, next_close, lease_end) if t is not None]
        return min(found) if found else None

    # -- claims ------------------------------------------------------------------------------------------
    async def claim_due(self, guild_id: int, now: datetime | None = None) -> Claim | None:
        """If the guild's post is due, claim it (the caller sends it); record skips; None when nothing to send."""
        now = now or self.clock()
        ranked = await self._ranked(guild_id, due_by=now)
        if self.read_in_play is not None:
            await self.read_in_play()
        no_cards = False
        async with self.store.transaction() as db:
            info = await self.queries.schedule(db, guild_id)
            if info is None or not info.enabled or info.paused_reason or info.next_post_at is None:
                return None
            if info.next_post_at > now:
                return None  # already moved on (another worker or process handled it)
            d = schedule.due(
                now, info.at, info.zone, info.answer_hours, last_posted_day=info.handled_day,
                min_open=min_open(info.answer_hours), not_before=info.next_post_at,
            )  # fmt: skip
            if d.action == "wait":
                await self.queries.set_next_post(db, guild_id, d.post_at)
                return None
            _, next_at = schedule.next_post(now, info.at, info.zone, last_posted_day=d.day)
            if d.action == "skip":
                await self.queries.set_handled(db, guild_id, d.day, next_at)
                log.warning("guild %s: daily question for %s skipped: %s", guild_id, d.day, d.reason)
                return None
            if not self._has_cards(guild_id):
                # Paused rather than failing on every check; looked at again at the next post time.
                await self.queries.pause(db, guild_id, NO_CARDS_REASON, now, check_at=next_at)
                no_cards = True
                claim = None
            else:
                claim = await self._insert_claim(db, info, d.day, d.post_at, d.closes_at, now, ranked=ranked)
                await self.queries.set_handled(db, guild_id, d.day, next_at)
        if no_cards:
            log.warning("guild %s: daily question for %s paused: %s", guild_id, d.day, NO_CARDS_REASON)
        if claim is not None:
            log.info("guild %s: daily question for %s claimed (%s)", guild_id, d.day, d.reason)
            self._claimed(claim)
        return claim

    def _claimed(self, claim: Claim) -> None:
        """A claim is made: its card is compiled ahead, and hidden in the server from now on."""
        self._compile_ahead(claim.post_id, claim.guild_id, claim.card)
        if self.on_claimed is not None:
            self.on_claimed(claim.guild_id, claim.card.key)

    async def claim_now(self, guild_id: int) -> Claim:
        """``/daily now``: claim today's post at once. Conflict if today's is already posted (or being sent)."""
        now = self.clock()
        ranked = await self._ranked(guild_id)
        if self.read_in_play is not None:
            await self.read_in_play()
        async with self._writing(errors.not_saved) as db:
            info = await self.queries.schedule(db, guild_id)
            if info is None:
                raise errors.not_set_up()
            if not info.enabled:
                raise errors.switched_off()
            today = schedule.local_date(now, info.zone)
            existing = await self.queries.post_for_day(db, guild_id, today, info.zone.key)
            if existing is None:
                # A question dated by an earlier zone (``/daily set`` moved east) may have gone out today here.
                latest = await self.queries.latest_sent(db, guild_id)
                if latest is not None and schedule.local_date(latest.post_at, info.zone) == today:
                    existing = latest
            if existing is not None and existing.state != "failed":
                raise errors.TodayPosted(existing)
            if info.handled_day is not None and info.handled_day > today:
                raise errors.next_posted()
            closes = schedule.closes_at(now, info.answer_hours)
            if existing is not None:  # a failed send today: take the day again
                card = await self._choose_card(db, guild_id, info.topic, today, ranked)
                await self.queries.reclaim_failed(
                    db, existing.id, card_key=card.key, channel_id=info.channel_id, closes_at=closes, now=now,
                    card_data=self._card_data(card),
                )
                claim = Claim(
                    existing.id, guild_id, info.channel_id, today, card, now, closes, info.zone, info.topic,
                    manual=True, topic_gone=self._topic_gone(guild_id, info.topic),
                    number=await self.queries.day_number(db, existing.id),
                )  # fmt: skip
            else:
                inserted = await self._insert_claim(db, info, today, now, closes, now, manual=True, ranked=ranked)
                if inserted is None:  # pragma: no cover - the day was checked above in this transaction
                    raise errors.claimed_meanwhile()
                claim = inserted
            _, next_at = schedule.next_post(now, info.at, info.zone, last_posted_day=today)
            await self.queries.set_handled(db, guild_id, today, next_at)
        log.info("guild %s: daily question for %s claimed by /daily now", guild_id, today)
        self._claimed(claim)
        return claim

    async def _insert_claim(
        self,
        db: aiosqlite.Connection,
        info: ScheduleInfo,
        day: date,
        post_at: datetime,
        closes: datetime,
        now: datetime,
        *,
        manual: bool = False,
        ranked: Ranked | None = None,
    ) -> Claim | None:
        card = await self._choose_card(db, info.guild_id, info.topic, day, ranked)
        post_id = await self.queries.insert_claim(
            db, guild_id=info.guild_id, day=day, zone=info.zone.key, card_key=card.key, channel_id=info.channel_id,
            post_at=post_at, closes_at=closes, now=now, card_data=self._card_data(card),
        )  # fmt: skip
        if post_id is None:
            log.info("guild %s: daily question for %s was already claimed", info.guild_id, day)
            return None
        return Claim(
            post_id, info.guild_id, info.channel_id, day, card, post_at, closes, info.zone, info.topic,
            manual=manual, topic_gone=self._topic_gone(info.guild_id, info.topic),
            number=await self.queries.day_number(db, post_id),
        )  # fmt: skip

    async def claim_resend(self, post_id: int, now: datetime | None = None) -> Claim | None:
        """Take over a claimed post whose send did not finish (crash or passing error) once its lease ran out.

        When it has been tried too often, or too little answer time is left, the claim is ``look_only``: the
        caller only looks for a message an unrecorded try may have sent (``mark_posted`` if found, else
        ``give_up_send``), so a question that did go out is never lost.
        """
        now = now or self.clock()
        async with self.store.transaction() as db:
            pending = await self.queries.pending_send(db, post_id, now - SEND_LEASE)
            if pending is None:
                return None
            post = pending.post
            card = await self._post_card(post)
            if card is None:
                await self.queries.fail_send(db, post_id, "card removed")
                return None
            look_only = pending.send_tries >= MAX_SEND_TRIES or post.closes_at - now < min_open(1)
            await self.queries.renew_lease(db, post_id, now)
        if not look_only:
            self._compile_ahead(post_id, post.guild_id, card)
        return Claim(
            post_id, post.guild_id, post.channel_id, post.day, card, post.post_at, post.closes_at,
            ZoneInfo(pending.zone or "UTC"), pending.topic, resend=True, look_only=look_only,
            topic_gone=self._topic_gone(post.guild_id, pending.topic), number=post.number,
        )  # fmt: skip

    async def give_up_send(self, post_id: int) -> None:
        """A post tried too often (or too late) is not in its channel: it will never be sent."""
        async with self.store.transaction() as db:
            await self.queries.fail_send(db, post_id, "not sent in time", keep_earlier=True)
        log.warning("daily post %s given up: not sent in time", post_id)

    # -- the outcome of a send ---------------------------------------------------------------------------
    async def mark_posted(self, post_id: int, message_id: int) -> None:
        """The message is in the channel: record it (and lift a pause — posting works again)."""
        async with self.store.transaction() as db:
            guild_id = await self.queries.mark_posted(db, post_id, message_id)
            info = await self.queries.schedule(db, guild_id) if guild_id is not None else None
            if info is not None and info.enabled and info.paused_reason:
                await self._resume(db, info, self.clock())
                log.info("guild %s: daily question resumed (a post went through)", guild_id)

    async def send_failed(self, post_id: int, reason: str, *, permanent: bool, check_again: bool = False) -> bool:
        """A send failed. Permanent (channel gone, permission lost): the post fails and the guild is paused;
        ``check_again`` (a permission someone may give back): the pause is looked at again at each post time
        (``check_paused``) and lifted once posting works.

        Passing errors leave the claim for a retry after the lease; returns True when it will be retried.
        """
        paused = False
        async with self.store.transaction() as db:
            found = await self.queries.send_tries(db, post_id)
            if found is None:
                return False
            guild_id, tries = found
            retry = not permanent and tries < MAX_SEND_TRIES
            if retry:
                await self.queries.note_send_failure(db, post_id, reason)
            else:
                await self.queries.fail_send(db, post_id, reason)
            # A channel the schedule no longer posts in (moved with ``/daily set``) does not pause the schedule.
            if permanent and await self._in_schedule_channel(db, guild_id, post_id):
                paused = await self._pause(db, guild_id, reason, check_again=check_again)
        if paused:
            log.warning("guild %s: daily question paused: %s", guild_id, reason)
        elif not permanent:
            log.warning("daily post %s not sent (%s); %s", post_id, reason, "will retry" if retry else "given up")
        return retry

    async def reveals_due(self, guild_id: int, now: datetime | None = None) -> list[int]:
        """The posts of ``guild_id`` whose reveal is due at ``now`` (the clock's by default): a reveal a lifted
        pause released is sent before the day's post, which would otherwise come first."""
        now = now or self.clock()
        async with self.store.read() as db:
            due = await self.queries.due_reveals(db, now)
        return [post_id for post_id, guild in due if guild == guild_id]

    # -- a pause that is looked at again -----------------------------------------------------------------
    async def paused_check_due(self, guild_id: int, now: datetime | None = None) -> ScheduleInfo | None:
        """The guild's schedule when it is paused and one of its post times has come: the caller looks at the
        channel again and reports with ``check_paused``. None otherwise (running, off, or paused for good)."""
        now = now or self.clock()
        async with self.store.read() as db:
            info = await self.queries.schedule(db, guild_id)
        if info is None or not info.enabled or not info.paused_reason:
            return None
        if info.next_post_at is None or info.next_post_at > now:
            return None
        return info

    async def check_paused(
        self, guild_id: int, problem: str | None, *, check_again: bool = True, now: datetime | None = None
    ) -> bool:
        """A paused schedule's post time came and the channel was looked at: ``problem`` is what still stops
        the post there (None: the bot can post). Returns True when the schedule carries on: its due post is
        then claimed as usual (``claim_due``), one per local date as always.

        Still blocked (or no card to ask): the pause stays, with the reason as it is now, until the next post
        time (``check_again``) or until ``/daily set`` (not ``check_again``: a deleted channel).
        """
        now = now or self.clock()
        async with self.store.transaction() as db:
            info = await self.queries.schedule(db, guild_id)
            if info is None or not info.enabled or not info.paused_reason:
                return False  # set again, turned off or resumed meanwhile
            if info.next_post_at is None or info.next_post_at > now:
                return False  # already looked at (another worker or process)
            if problem is None and not self._has_cards(guild_id):
                problem = NO_CARDS_REASON
            if problem is not None:
                check_at = self._next_check(info, now) if check_again else None
                await self.queries.keep_paused(db, guild_id, problem, check_at)
            else:
                # Due at the post time that was checked: ``claim_due`` posts it (or skips a day too late).
                await self.queries.resume(db, guild_id, info.next_post_at)
        if problem is None:
            log.info("guild %s: daily question resumed (posting works again)", guild_id)
        else:
            log.info("guild %s: daily question still paused: %s", guild_id, problem)
        return problem is None
