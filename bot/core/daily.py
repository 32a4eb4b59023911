"""Use-cases of the daily question: one question a day per server, posted at the server's own local time.

The database is the source of truth (tables in ``storage/migrations/0005_daily.sql``); the cog's scheduler
only runs a short, idempotent "what is due now" query (:meth:`DailyService.due_work`) every few seconds and
hands each due guild to a bounded pool of workers (:func:`run_pool`).

Exactly one post per guild per local date
    A post is *claimed* before anything is sent: a ``daily_posts`` row in state ``claimed`` is inserted in a
    transaction, guarded by ``UNIQUE (guild_id, local_day)``, together with the schedule's ``handled_day``.
    Only the caller that inserted the row sends the message, then records it as ``posted``. A second
    process, a retry or ``/daily now`` finds the row and sends nothing. A send that failed for a passing
    reason is retried after a lease (:data:`SEND_LEASE`), at most :data:`MAX_SEND_TRIES` times, and the
    retry first looks for the message in the channel (the first try may have reached Discord); a send that
    can never work (channel deleted, permission lost) pauses the guild's schedule with the reason.

Time
    All time maths is :mod:`bot.core.schedule`: the next post is computed from the schedule for each local
    date (never "last post + 24 h"); after downtime a post is still made if it is the same local day and
    answers would be open at least an hour (a skipped day is recorded and logged once).

Answers and streaks
    One counted answer per member per question ("almost" and an empty answer do not count: the member may
    try again). The counted answer, its attempt (source ``daily``, :data:`DAILY_POINTS` when correct) and
    the member's ``daily_streaks`` row are written in one transaction before the member is told.
    A streak counts consecutive daily questions answered right: consecutive local days, where a day on which
    the server had no question (schedule off, bot down) does not break it. ``daily_streaks.current`` is kept
    live: when a question is revealed, members who did not get it right drop to 0.
"""

from __future__ import annotations

import asyncio
import logging
import time as _time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core import prompts, schedule
from bot.core.errors import Closed, Conflict, NotFound, UserError
from bot.core.grading import grade_card
from bot.core.models import Attempt, Card, Source, Verdict, VerdictKind
from bot.core.schedule import ScheduleError
from bot.core.storage.store import Store, fetch_one, fetch_value, from_ms, now_ms

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter

log = logging.getLogger(__name__)

__all__ = [
    "DAILY_POINTS",
    "AnswerResult",
    "Claim",
    "DailyService",
    "DailyStatus",
    "GuildWork",
    "PoolStats",
    "PostInfo",
    "Reveal",
    "ScheduleInfo",
    "run_pool",
]

#: Points for a correct daily answer (they count on the leaderboards).
DAILY_POINTS = 10
#: A claimed post whose send did not finish is retried after this long (another worker may still be on it).
SEND_LEASE = timedelta(minutes=2)
MAX_SEND_TRIES = 3
MAX_REVEAL_TRIES = 3
#: Catching up after downtime needs at least this much answer time left (see ``schedule.due``).
MIN_OPEN = timedelta(hours=1)
#: A post this close to its time is "on time" and always made, even with only one hour of answers.
ON_TIME_GRACE = timedelta(minutes=5)
#: How many names the reveal lists (the rest are counted) and how many streaks it shows.
REVEAL_NAMES = 30
REVEAL_STREAKS = 5

# Answers that are not counted: the member may answer again.
_RETRY_VERDICTS = frozenset({VerdictKind.ALMOST, VerdictKind.EMPTY})


# --------------------------------------------------------------------------------------------------
# Results handed to the cog


@dataclass(frozen=True, slots=True)
class ScheduleInfo:
    guild_id: int
    channel_id: int
    at: time
    zone: ZoneInfo
    topic: str | None
    answer_hours: int
    enabled: bool
    paused_reason: str | None
    paused_at: datetime | None
    handled_day: date | None
    next_post_at: datetime | None

    @property
    def time_text(self) -> str:
        return f"{self.at:%H:%M}"

    @property
    def zone_name(self) -> str:
        return self.zone.key


@dataclass(frozen=True, slots=True)
class PostInfo:
    id: int
    guild_id: int
    day: date
    card_key: str
    channel_id: int
    message_id: int | None
    state: str
    post_at: datetime
    closes_at: datetime
    revealed_at: datetime | None
    failure: str | None = None

    def is_open(self, now: datetime) -> bool:
        return self.state in ("claimed", "posted") and self.revealed_at is None and now < self.closes_at


@dataclass(frozen=True, slots=True)
class DailyStatus:
    """What ``/daily status`` shows. ``next_post`` is None when the schedule is off or paused."""

    schedule: ScheduleInfo | None
    next_post: datetime | None
    next_day: date | None
    last_post: PostInfo | None
    card_count: int = 0


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


@dataclass(frozen=True, slots=True)
class GuildWork:
    """What is due for one guild, done in order by one worker: reveals, interrupted sends, then the post."""

    guild_id: int
    reveals: tuple[int, ...] = ()
    resends: tuple[int, ...] = ()
    post: bool = False


@dataclass(frozen=True, slots=True)
class AnswerResult:
    verdict: Verdict
    counted: bool  # False for "almost" / empty: the member may answer again
    points: int
    streak: int | None  # the member's daily streak after a correct answer
    closes_at: datetime
    day: date


@dataclass(frozen=True, slots=True)
class Reveal:
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

    @property
    def share_right(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


# --------------------------------------------------------------------------------------------------
# The bounded worker pool (used by the cog's scheduler and by bench/bench_daily.py)


T = TypeVar("T")


@dataclass(slots=True)
class PoolStats:
    items: int = 0
    failed: int = 0
    max_concurrency: int = 0
    seconds: float = 0.0
    _running: int = field(default=0, repr=False)


async def run_pool(
    items: Iterable[T], handler: Callable[[T], Awaitable[Any]], *, workers: int = 4
) -> PoolStats:
    """Run ``handler`` on every item with at most ``workers`` running at once; an error stays with its item.

    Items go through an ``asyncio.Queue`` drained by ``workers`` tasks that end when it is empty, so a few
    thousand due guilds never become a few thousand coroutines, and nothing is left waiting afterwards.
    """
    queue: asyncio.Queue[T] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    stats = PoolStats(items=queue.qsize())
    started = _time.perf_counter()

    async def worker() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            stats._running += 1
            stats.max_concurrency = max(stats.max_concurrency, stats._running)
            try:
                await handler(item)
            except Exception:
                stats.failed += 1
                log.exception("daily work failed for %r; the others carry on", item)
            finally:
                stats._running -= 1

    count = max(1, min(workers, stats.items))
    if stats.items:
        await asyncio.gather(*(worker() for _ in range(count)))
    stats.seconds = _time.perf_counter() - started
    return stats


# --------------------------------------------------------------------------------------------------
# Helpers


def _min_open(answer_hours: int) -> timedelta:
    """How much answer time a late post needs: an hour, or less when answers are open only one hour."""
    return min(MIN_OPEN, timedelta(hours=answer_hours) - ON_TIME_GRACE)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _dt(ms: int | None) -> datetime | None:
    return None if ms is None else from_ms(int(ms))


def _schedule_from_row(row: aiosqlite.Row) -> ScheduleInfo:
    hh, mm = row["post_time"].split(":")
    return ScheduleInfo(
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        at=time(int(hh), int(mm)),
        zone=ZoneInfo(row["zone"]),
        topic=row["topic"],
        answer_hours=row["answer_hours"],
        enabled=bool(row["enabled"]),
        paused_reason=row["paused_reason"],
        paused_at=_dt(row["paused_at"]),
        handled_day=_day(row["handled_day"]),
        next_post_at=_dt(row["next_post_at"]),
    )


def _post_from_row(row: aiosqlite.Row) -> PostInfo:
    return PostInfo(
        id=row["id"],
        guild_id=row["guild_id"],
        day=date.fromisoformat(row["local_day"]),
        card_key=row["card_key"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        state=row["state"],
        post_at=from_ms(row["post_at"]),
        closes_at=from_ms(row["closes_at"]),
        revealed_at=_dt(row["revealed_at"]),
        failure=row["failure"],
    )


def accepted_answer(card: Card) -> str:
    """The short answer shown at the reveal."""
    if card.accept:
        return card.accept[0]
    if card.keypoints:
        return "; ".join(k.split("|", 1)[0].strip() for k in card.keypoints)
    return card.term or card.answer


def _user_error(exc: ScheduleError) -> UserError:
    """The schedule error for the user, with the value they typed shown in a code span (no markdown, no mention)."""
    return UserError(exc.render(prompts.shown), code="E-SCHEDULE")


# --------------------------------------------------------------------------------------------------
# The service


class DailyService:
    def __init__(
        self,
        *,
        store: Store,
        attempts: AttemptWriter,
        catalog: Catalog,
        clock: Clock,
        rng: random.Random,
    ) -> None:
        self.store = store
        self.attempts = attempts
        self.catalog = catalog
        self.clock = clock
        self.rng = rng

    async def start(self) -> None:
        """Nothing to do: the schedule lives in the database (the cog drives the due checks)."""

    async def close(self) -> None:
        """Nothing to do: every claim and post state is already committed."""

    # -- settings ------------------------------------------------------------------------------
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
        tomorrow, never today (and never a second time for a day already posted).
        """
        try:
            at = schedule.parse_time(time_text)
            zone = schedule.parse_zone(zone_text)
            schedule.closes_at(self.clock(), answer_hours)  # validates answer_hours
        except ScheduleError as exc:
            raise _user_error(exc) from exc
        at = at.replace(second=0, microsecond=0)
        topic = (topic or "").strip().lower() or None
        if topic is not None:
            cards = self.catalog.topic_cards(topic)
            if not cards:
                close = self.catalog.suggest_topics(topic, limit=3)
                hint = f" — try {', '.join(close)}" if close else ""
                raise NotFound(f"There is no topic {prompts.shown(topic)} with cards to ask{hint}.")
        now = self.clock()
        stamp = now_ms(now)
        async with self.store.transaction() as db:
            row = await fetch_one(db, "SELECT handled_day FROM daily_schedules WHERE guild_id = ?", (guild_id,))
            last_post = await fetch_value(
                db,
                "SELECT MAX(local_day) FROM daily_posts WHERE guild_id = ? AND state != 'failed'",
                (guild_id,),
            )
            known = [d for d in (_day(row["handled_day"]) if row else None, _day(last_post)) if d is not None]
            last = max(known) if known else None
            day, post_at = schedule.next_post(now, at, zone, last_posted_day=last)
            handled = max([*known, day - timedelta(days=1)])
            await db.execute(
                "INSERT INTO daily_schedules (guild_id, channel_id, post_time, zone, topic, answer_hours, enabled,"
                " paused_reason, paused_at, handled_day, next_post_at, updated_by, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
                " post_time = excluded.post_time, zone = excluded.zone, topic = excluded.topic,"
                " answer_hours = excluded.answer_hours, enabled = 1, paused_reason = NULL, paused_at = NULL,"
                " handled_day = excluded.handled_day, next_post_at = excluded.next_post_at,"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (
                    guild_id,
                    channel_id,
                    f"{at:%H:%M}",
                    zone.key,
                    topic,
                    answer_hours,
                    handled.isoformat(),
                    now_ms(post_at),
                    by,
                    stamp,
                ),
            )
            await Store.set_guild_timezone(db, guild_id, zone.key, stamp)
        log.info("guild %s: daily question set for %s %s in channel %s", guild_id, at, zone.key, channel_id)
        return await self.status(guild_id)

    async def turn_off(self, guild_id: int) -> ScheduleInfo:
        """Stop posting (open questions still get their reveal). Raises NotFound when nothing is set up."""
        async with self.store.transaction() as db:
            cur = await db.execute(
                "UPDATE daily_schedules SET enabled = 0, next_post_at = NULL, updated_at = ?"
                " WHERE guild_id = ? AND enabled = 1",
                (now_ms(self.clock()), guild_id),
            )
            if not cur.rowcount:
                raise NotFound("The daily question is not on in this server.")
        info = await self.get_schedule(guild_id)
        assert info is not None
        log.info("guild %s: daily question turned off", guild_id)
        return info

    async def pause(self, guild_id: int, reason: str) -> bool:
        """Stop posting because posting cannot work (shown in status); ``set`` resumes. False if not running."""
        async with self.store.transaction() as db:
            changed = await self._pause(db, guild_id, reason)
        if changed:
            log.warning("guild %s: daily question paused: %s", guild_id, reason)
        return changed

    async def _pause(self, db: aiosqlite.Connection, guild_id: int, reason: str) -> bool:
        cur = await db.execute(
            "UPDATE daily_schedules SET paused_reason = ?, paused_at = ?, next_post_at = NULL"
            " WHERE guild_id = ? AND enabled = 1 AND paused_reason IS NULL",
            (reason[:300], now_ms(self.clock()), guild_id),
        )
        return bool(cur.rowcount)

    async def resume(self, guild_id: int) -> DailyStatus:
        """Clear a pause and compute the next post again."""
        now = self.clock()
        async with self.store.transaction() as db:
            info = await self._schedule(db, guild_id)
            if info is None or not info.enabled:
                raise NotFound("The daily question is not set up in this server — use `/daily set`.")
            await self._resume(db, info, now)
        return await self.status(guild_id)

    async def _resume(self, db: aiosqlite.Connection, info: ScheduleInfo, now: datetime) -> None:
        _, post_at = schedule.next_post(now, info.at, info.zone, last_posted_day=info.handled_day)
        await db.execute(
            "UPDATE daily_schedules SET paused_reason = NULL, paused_at = NULL, next_post_at = ? WHERE guild_id = ?",
            (now_ms(post_at), info.guild_id),
        )

    async def get_schedule(self, guild_id: int) -> ScheduleInfo | None:
        async with self.store.read() as db:
            return await self._schedule(db, guild_id)

    @staticmethod
    async def _schedule(db: aiosqlite.Connection, guild_id: int) -> ScheduleInfo | None:
        row = await fetch_one(db, "SELECT * FROM daily_schedules WHERE guild_id = ?", (guild_id,))
        return None if row is None else _schedule_from_row(row)

    async def status(self, guild_id: int) -> DailyStatus:
        now = self.clock()
        async with self.store.read() as db:
            info = await self._schedule(db, guild_id)
            row = await fetch_one(
                db, "SELECT * FROM daily_posts WHERE guild_id = ? ORDER BY local_day DESC LIMIT 1", (guild_id,)
            )
        last = None if row is None else _post_from_row(row)
        if info is None:
            return DailyStatus(None, None, None, last)
        cards = self.catalog.topic_cards(info.topic) or []
        if not info.enabled or info.paused_reason:
            return DailyStatus(info, None, None, last, len(cards))
        d = schedule.due(
            now, info.at, info.zone, info.answer_hours, last_posted_day=info.handled_day,
            min_open=_min_open(info.answer_hours),
        )
        if d.action == "skip":
            day, post_at = schedule.next_post(now, info.at, info.zone, last_posted_day=d.day)
        else:
            day, post_at = d.day, d.post_at
        return DailyStatus(info, post_at, day, last, len(cards))

    # -- the due check -------------------------------------------------------------------------
    async def due_work(self, now: datetime) -> list[GuildWork]:
        """What is due at ``now``, per guild: reveals, interrupted sends to retry, posts to (maybe) make.

        Read-only and idempotent: the claims (``claim_due``, ``claim_resend``, ``claim_reveal``) decide and
        record. Three index range scans, whatever the number of guilds.
        """
        stamp = now_ms(now)
        async with self.store.read() as db:
            posts = await db.execute_fetchall(
                "SELECT guild_id FROM daily_schedules WHERE next_post_at <= ? ORDER BY next_post_at", (stamp,)
            )
            resends = await db.execute_fetchall(
                "SELECT id, guild_id FROM daily_posts WHERE state = 'claimed' AND claimed_at <= ? ORDER BY claimed_at",
                (stamp - int(SEND_LEASE.total_seconds() * 1000),),
            )
            reveals = await db.execute_fetchall(
                "SELECT id, guild_id FROM daily_posts"
                " WHERE revealed_at IS NULL AND state = 'posted' AND closes_at <= ? ORDER BY closes_at",
                (stamp,),
            )
        work: dict[int, dict[str, Any]] = {}

        def entry(guild_id: int) -> dict[str, Any]:
            return work.setdefault(guild_id, {"reveals": [], "resends": [], "post": False})

        for r in reveals:
            entry(r["guild_id"])["reveals"].append(r["id"])
        for r in resends:
            entry(r["guild_id"])["resends"].append(r["id"])
        for r in posts:
            entry(r["guild_id"])["post"] = True
        return [
            GuildWork(g, tuple(w["reveals"]), tuple(w["resends"]), w["post"]) for g, w in work.items()
        ]

    async def next_wakeup(self) -> datetime | None:
        """The earliest instant something may become due (the scheduler sleeps until then, capped)."""
        async with self.store.read() as db:
            row = await fetch_one(
                db,
                "SELECT (SELECT MIN(next_post_at) FROM daily_schedules WHERE next_post_at IS NOT NULL),"
                " (SELECT MIN(closes_at) FROM daily_posts WHERE revealed_at IS NULL AND state = 'posted'),"
                " (SELECT MIN(claimed_at) FROM daily_posts WHERE state = 'claimed')",
            )
        assert row is not None
        lease = int(SEND_LEASE.total_seconds() * 1000)
        found = [v for v in (row[0], row[1], None if row[2] is None else row[2] + lease) if v is not None]
        return from_ms(min(found)) if found else None

    # -- claiming posts ------------------------------------------------------------------------
    async def claim_due(self, guild_id: int, now: datetime | None = None) -> Claim | None:
        """If the guild's post is due, claim it (the caller sends it); record skips; None when nothing to send."""
        now = now or self.clock()
        async with self.store.transaction() as db:
            info = await self._schedule(db, guild_id)
            if info is None or not info.enabled or info.paused_reason or info.next_post_at is None:
                return None
            if info.next_post_at > now:
                return None  # already moved on (another worker or process handled it)
            d = schedule.due(
                now, info.at, info.zone, info.answer_hours, last_posted_day=info.handled_day,
                min_open=_min_open(info.answer_hours),
            )
            if d.action == "wait":
                await self._set_next(db, guild_id, d.post_at)
                return None
            _, next_at = schedule.next_post(now, info.at, info.zone, last_posted_day=d.day)
            if d.action == "skip":
                await db.execute(
                    "UPDATE daily_schedules SET handled_day = ?, next_post_at = ? WHERE guild_id = ?",
                    (d.day.isoformat(), now_ms(next_at), guild_id),
                )
                log.warning("guild %s: daily question for %s skipped: %s", guild_id, d.day, d.reason)
                return None
            claim = await self._insert_claim(db, info, d.day, d.post_at, d.closes_at, now)
            await db.execute(
                "UPDATE daily_schedules SET handled_day = ?, next_post_at = ? WHERE guild_id = ?",
                (d.day.isoformat(), now_ms(next_at), guild_id),
            )
        if claim is not None:
            log.info("guild %s: daily question for %s claimed (%s)", guild_id, d.day, d.reason)
        return claim

    async def claim_now(self, guild_id: int) -> Claim:
        """``/daily now``: claim today's post at once. Conflict if today's is already posted (or being sent)."""
        now = self.clock()
        async with self.store.transaction() as db:
            info = await self._schedule(db, guild_id)
            if info is None or not info.enabled:
                raise NotFound("The daily question is not set up in this server — use `/daily set` first.")
            today = schedule.local_date(now, info.zone)
            existing = await fetch_one(
                db, "SELECT * FROM daily_posts WHERE guild_id = ? AND local_day = ?", (guild_id, today.isoformat())
            )
            if existing is not None and existing["state"] != "failed":
                raise TodayPosted(_post_from_row(existing))
            if info.handled_day is not None and info.handled_day > today:
                raise Conflict("The next question is already posted.")
            closes = schedule.closes_at(now, info.answer_hours)
            if existing is not None:  # a failed send today: take the day again
                card = await self._choose_card(db, guild_id, info.topic)
                await db.execute(
                    "UPDATE daily_posts SET state = 'claimed', card_key = ?, channel_id = ?, message_id = NULL,"
                    " send_tries = 1, claimed_at = ?, post_at = ?, closes_at = ?, revealed_at = NULL,"
                    " failure = NULL WHERE id = ?",
                    (card.key, info.channel_id, now_ms(now), now_ms(now), now_ms(closes), existing["id"]),
                )
                claim = Claim(
                    existing["id"], guild_id, info.channel_id, today, card, now, closes, info.zone, info.topic,
                    manual=True,
                )
            else:
                claim = await self._insert_claim(db, info, today, now, closes, now, manual=True)
                if claim is None:  # pragma: no cover - the row was checked above in this transaction
                    raise Conflict("Today's question is already posted.")
            _, next_at = schedule.next_post(now, info.at, info.zone, last_posted_day=today)
            await db.execute(
                "UPDATE daily_schedules SET handled_day = ?, next_post_at = CASE WHEN paused_reason IS NULL"
                " THEN ? ELSE NULL END WHERE guild_id = ?",
                (today.isoformat(), now_ms(next_at), guild_id),
            )
        log.info("guild %s: daily question for %s claimed by /daily now", guild_id, today)
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
    ) -> Claim | None:
        card = await self._choose_card(db, info.guild_id, info.topic)
        cur = await db.execute(
            "INSERT INTO daily_posts (guild_id, local_day, card_key, channel_id, state, send_tries, claimed_at,"
            " post_at, closes_at) VALUES (?, ?, ?, ?, 'claimed', 1, ?, ?, ?)"
            " ON CONFLICT (guild_id, local_day) DO NOTHING",
            (
                info.guild_id,
                day.isoformat(),
                card.key,
                info.channel_id,
                now_ms(now),
                now_ms(post_at),
                now_ms(closes),
            ),
        )
        if not cur.rowcount:
            log.info("guild %s: daily question for %s was already claimed", info.guild_id, day)
            return None
        return Claim(
            int(cur.lastrowid or 0), info.guild_id, info.channel_id, day, card, post_at, closes, info.zone,
            info.topic, manual=manual,
        )

    async def claim_resend(self, post_id: int, now: datetime | None = None) -> Claim | None:
        """Take over a claimed post whose send did not finish (crash or passing error) once its lease ran out."""
        now = now or self.clock()
        lease_end = now_ms(now) - int(SEND_LEASE.total_seconds() * 1000)
        async with self.store.transaction() as db:
            row = await fetch_one(
                db,
                "SELECT p.*, s.zone, s.topic FROM daily_posts p LEFT JOIN daily_schedules s USING (guild_id)"
                " WHERE p.id = ? AND p.state = 'claimed' AND p.claimed_at <= ?",
                (post_id, lease_end),
            )
            if row is None:
                return None
            closes = from_ms(row["closes_at"])
            if row["send_tries"] >= MAX_SEND_TRIES or closes - now < _min_open(1):
                await db.execute(
                    "UPDATE daily_posts SET state = 'failed', failure = COALESCE(failure, ?) WHERE id = ?",
                    ("not sent in time", post_id),
                )
                log.warning("guild %s: daily post %s given up after %s tries", row["guild_id"], post_id,
                            row["send_tries"])
                return None
            card = await self._card(row["card_key"])
            if card is None:
                await db.execute(
                    "UPDATE daily_posts SET state = 'failed', failure = 'card removed' WHERE id = ?", (post_id,)
                )
                return None
            await db.execute(
                "UPDATE daily_posts SET send_tries = send_tries + 1, claimed_at = ? WHERE id = ?",
                (now_ms(now), post_id),
            )
        return Claim(
            post_id, row["guild_id"], row["channel_id"], date.fromisoformat(row["local_day"]), card,
            from_ms(row["post_at"]), closes, ZoneInfo(row["zone"] or "UTC"), row["topic"], resend=True,
        )

    async def mark_posted(self, post_id: int, message_id: int) -> None:
        """The message is in the channel: record it (and lift a pause — posting works again)."""
        async with self.store.transaction() as db:
            await db.execute(
                "UPDATE daily_posts SET state = 'posted', message_id = ?, failure = NULL WHERE id = ?",
                (message_id, post_id),
            )
            guild_id = await fetch_value(db, "SELECT guild_id FROM daily_posts WHERE id = ?", (post_id,))
            info = await self._schedule(db, guild_id) if guild_id is not None else None
            if info is not None and info.enabled and info.paused_reason:
                await self._resume(db, info, self.clock())
                log.info("guild %s: daily question resumed (a post went through)", guild_id)

    async def send_failed(self, post_id: int, reason: str, *, permanent: bool) -> bool:
        """A send failed. Permanent (channel gone, permission lost): the post fails and the guild is paused.

        Passing errors leave the claim for a retry after the lease; returns True when it will be retried.
        """
        async with self.store.transaction() as db:
            row = await fetch_one(db, "SELECT guild_id, send_tries FROM daily_posts WHERE id = ?", (post_id,))
            if row is None:
                return False
            retry = not permanent and row["send_tries"] < MAX_SEND_TRIES
            if retry:
                await db.execute("UPDATE daily_posts SET failure = ? WHERE id = ?", (reason[:300], post_id))
            else:
                await db.execute(
                    "UPDATE daily_posts SET state = 'failed', failure = ? WHERE id = ? AND state = 'claimed'",
                    (reason[:300], post_id),
                )
            if permanent:
                paused = await self._pause(db, row["guild_id"], reason)
        if permanent and paused:
            log.warning("guild %s: daily question paused: %s", row["guild_id"], reason)
        elif not permanent:
            log.warning("daily post %s not sent (%s); %s", post_id, reason, "will retry" if retry else "given up")
        return retry

    async def _set_next(self, db: aiosqlite.Connection, guild_id: int, at: datetime) -> None:
        await db.execute("UPDATE daily_schedules SET next_post_at = ? WHERE guild_id = ?", (now_ms(at), guild_id))

    # -- cards ---------------------------------------------------------------------------------
    async def _choose_card(self, db: aiosqlite.Connection, guild_id: int, topic: str | None) -> Card:
        """The topic's card this guild's daily has not used for longest (never used first, ties at random)."""
        cards = self.catalog.topic_cards(topic)
        if not cards:
            if topic is not None:
                log.warning("guild %s: daily topic %r has no cards any more; asking from every card", guild_id, topic)
            cards = list(self.catalog.askable)
        if not cards:
            raise UserError("There are no cards to ask: the decks have no complete cards.", code="E-NOCARDS")
        rows = await db.execute_fetchall(
            "SELECT card_key, MAX(local_day) AS last_day, MAX(id) AS last_id FROM daily_posts"
            " WHERE guild_id = ? AND state != 'failed' GROUP BY card_key",
            (guild_id,),
        )
        used = {r["card_key"]: (r["last_day"], r["last_id"]) for r in rows}
        never = [c for c in cards if c.key not in used]
        if never:
            return self.rng.choice(never)
        return min(cards, key=lambda c: used[c.key])

    async def _card(self, key: str) -> Card | None:
        card = self.catalog.card(key)
        if card is not None:
            return card
        found = await self.store.card(key)  # removed from the decks since: keep answering it
        return None if found is None else found[0]

    # -- posts and answers ---------------------------------------------------------------------
    async def post(self, post_id: int) -> PostInfo | None:
        async with self.store.read() as db:
            row = await fetch_one(db, "SELECT * FROM daily_posts WHERE id = ?", (post_id,))
        return None if row is None else _post_from_row(row)

    async def post_card(self, post: PostInfo) -> Card | None:
        return await self._card(post.card_key)

    async def check_can_answer(self, post_id: int, user_id: int) -> tuple[PostInfo, Card]:
        """Before showing the answer box: raises Closed / Conflict (already answered) / NotFound."""
        now = self.clock()
        async with self.store.read() as db:
            row = await fetch_one(db, "SELECT * FROM daily_posts WHERE id = ?", (post_id,))
            if row is None:
                raise NotFound("This question no longer exists.")
            post = _post_from_row(row)
            self._check_open(post, now)
            mine = await fetch_one(
                db, "SELECT verdict FROM daily_answers WHERE post_id = ? AND user_id = ?", (post_id, user_id)
            )
        if mine is not None:
            raise AlreadyAnswered(post, VerdictKind(mine["verdict"]))
        card = await self._card(post.card_key)
        if card is None:
            raise NotFound("This question's card was removed from the deck.")
        return post, card

    @staticmethod
    def _check_open(post: PostInfo, now: datetime) -> None:
        if post.state == "failed":
            raise Closed("This question was never posted.")
        if post.revealed_at is not None or now >= post.closes_at:
            raise Closed(
                f"This question has closed — answers were taken until "
                f"{schedule.discord_timestamp(post.closes_at, 'f')}. The answer is in the reveal."
            )

    async def answer(self, post_id: int, user_id: int, user_name: str, response: str) -> AnswerResult:
        """Grade a member's answer; the counted one (with points and streak) is committed before returning."""
        now = self.clock()
        post = await self.post(post_id)
        if post is None:
            raise NotFound("This question no longer exists.")
        self._check_open(post, now)
        card = await self._card(post.card_key)
        if card is None:
            raise NotFound("This question's card was removed from the deck.")
        verdict = grade_card(card, response)
        if verdict.kind in _RETRY_VERDICTS:
            async with self.store.read() as db:
                mine = await fetch_one(
                    db, "SELECT verdict FROM daily_answers WHERE post_id = ? AND user_id = ?", (post_id, user_id)
                )
            if mine is not None:
                raise AlreadyAnswered(post, VerdictKind(mine["verdict"]))
            return AnswerResult(verdict, False, 0, None, post.closes_at, post.day)
        points = DAILY_POINTS if verdict.correct else 0
        streak: int | None = None
        async with self.store.transaction() as db:
            row = await fetch_one(db, "SELECT * FROM daily_posts WHERE id = ?", (post_id,))
            assert row is not None
            post = _post_from_row(row)
            self._check_open(post, now)  # it may have closed while grading
            cur = await db.execute(
                "INSERT INTO daily_answers (post_id, user_id, user_name, verdict, points, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, user_id) DO NOTHING",
                (post_id, user_id, user_name[:100], str(verdict.kind), points, now_ms(now)),
            )
            if not cur.rowcount:
                mine = await fetch_value(
                    db, "SELECT verdict FROM daily_answers WHERE post_id = ? AND user_id = ?", (post_id, user_id)
                )
                raise AlreadyAnswered(post, VerdictKind(mine))
            attempt_id = await Store.add_attempt(
                db,
                Attempt(
                    guild_id=post.guild_id,
                    channel_id=post.channel_id,
                    user_id=user_id,
                    user_name=user_name,
                    card_key=card.key,
                    source=Source.DAILY,
                    response=response,
                    verdict=verdict.kind,
                    points=points,
                    created_at=now,
                    session_id=f"daily:{post_id}",
                ),
            )
            await db.execute(
                "UPDATE daily_answers SET attempt_id = ? WHERE post_id = ? AND user_id = ?",
                (attempt_id, post_id, user_id),
            )
            if verdict.correct:
                streak = await self._bump_streak(db, post, user_id, user_name)
        return AnswerResult(verdict, True, points, streak, post.closes_at, post.day)

    async def _bump_streak(self, db: aiosqlite.Connection, post: PostInfo, user_id: int, user_name: str) -> int:
        row = await fetch_one(
            db, "SELECT current, best, last_day FROM daily_streaks WHERE guild_id = ? AND user_id = ?",
            (post.guild_id, user_id),
        )
        prev_day = _day(row["last_day"]) if row else None
        prev = int(row["current"]) if row else 0
        best = int(row["best"]) if row else 0
        effective = prev_day
        if prev_day is not None and prev_day < post.day - timedelta(days=1):
            # Days without a question (schedule off, bot down) do not break a streak.
            previous_post = await fetch_value(
                db,
                "SELECT MAX(local_day) FROM daily_posts WHERE guild_id = ? AND local_day < ? AND state = 'posted'",
                (post.guild_id, post.day.isoformat()),
            )
            if _day(previous_post) == prev_day:
                effective = post.day - timedelta(days=1)
        current = schedule.streak_after(effective, prev, post.day)
        last_day = max(d for d in (prev_day, post.day) if d is not None)
        await db.execute(
            "INSERT INTO daily_streaks (guild_id, user_id, user_name, current, best, last_day)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET"
            " user_name = excluded.user_name, current = excluded.current, best = excluded.best,"
            " last_day = excluded.last_day",
            (post.guild_id, user_id, user_name[:100], current, max(best, current), last_day.isoformat()),
        )
        return current

    # -- reveals -------------------------------------------------------------------------------
    async def claim_reveal(self, post_id: int, now: datetime | None = None) -> Reveal | None:
        """Close a question whose time is up: claim its reveal (once) and gather what it shows."""
        now = now or self.clock()
        async with self.store.transaction() as db:
            row = await fetch_one(
                db,
                "SELECT * FROM daily_posts WHERE id = ? AND state = 'posted' AND revealed_at IS NULL"
                " AND closes_at <= ?",
                (post_id, now_ms(now)),
            )
            if row is None:
                return None
            post = _post_from_row(row)
            await db.execute(
                "UPDATE daily_posts SET revealed_at = ?, reveal_tries = reveal_tries + 1 WHERE id = ?",
                (now_ms(now), post_id),
            )
            counts = await fetch_one(
                db,
                "SELECT COUNT(*) AS answered, COALESCE(SUM(verdict = 'correct'), 0) AS correct"
                " FROM daily_answers WHERE post_id = ?",
                (post_id,),
            )
            names = await db.execute_fetchall(
                "SELECT user_name FROM daily_answers WHERE post_id = ? AND verdict = 'correct'"
                " ORDER BY answered_at, user_id LIMIT ?",
                (post_id, REVEAL_NAMES),
            )
            # Streaks are kept live: whoever did not get this question right loses theirs.
            await db.execute(
                "UPDATE daily_streaks SET current = 0 WHERE guild_id = ? AND current > 0"
                " AND (last_day IS NULL OR last_day < ?)",
                (post.guild_id, post.day.isoformat()),
            )
            streaks = await db.execute_fetchall(
                "SELECT user_name, current FROM daily_streaks WHERE guild_id = ? AND current > 0"
                " ORDER BY current DESC, last_day DESC, user_name LIMIT ?",
                (post.guild_id, REVEAL_STREAKS),
            )
        card = await self._card(post.card_key)
        if card is None:  # pragma: no cover - cards are retired, never deleted, from the store
            deck, _, card_id = post.card_key.partition(":")
            card = Card(deck=deck, id=card_id, question="(this card was removed)", answer="")
        assert counts is not None
        correct = int(counts["correct"])
        return Reveal(
            post_id=post.id,
            guild_id=post.guild_id,
            channel_id=post.channel_id,
            message_id=post.message_id,
            day=post.day,
            card=card,
            accepted=accepted_answer(card),
            explanation=card.answer.strip(),
            answered=int(counts["answered"]),
            correct=correct,
            winners=tuple(r["user_name"] for r in names),
            more_winners=max(0, correct - len(names)),
            streaks=tuple((r["user_name"], int(r["current"])) for r in streaks),
        )

    async def mark_revealed(self, post_id: int, message_id: int | None) -> None:
        async with self.store.transaction() as db:
            await db.execute("UPDATE daily_posts SET reveal_message_id = ? WHERE id = ?", (message_id, post_id))

    async def reveal_failed(self, post_id: int, reason: str, *, permanent: bool) -> bool:
        """The reveal could not be sent: retried on a later check unless permanent or tried too often."""
        async with self.store.transaction() as db:
            row = await fetch_one(db, "SELECT guild_id, reveal_tries FROM daily_posts WHERE id = ?", (post_id,))
            if row is None:
                return False
            retry = not permanent and row["reveal_tries"] < MAX_REVEAL_TRIES
            if retry:
                await db.execute("UPDATE daily_posts SET revealed_at = NULL WHERE id = ?", (post_id,))
            else:
                await db.execute(
                    "UPDATE daily_posts SET failure = ? WHERE id = ?", (f"reveal: {reason}"[:300], post_id)
                )
            if permanent:
                await self._pause(db, row["guild_id"], reason)
        log.warning("daily reveal %s not sent (%s); %s", post_id, reason, "will retry" if retry else "given up")
        return retry

    # -- channel events ------------------------------------------------------------------------
    async def guilds_using_channel(self, channel_id: int) -> list[int]:
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT guild_id FROM daily_schedules WHERE channel_id = ? AND enabled = 1", (channel_id,)
            )
        return [r["guild_id"] for r in rows]


class TodayPosted(Conflict):
    """``/daily now`` when today's question exists; ``post`` is it (the cog links to it)."""

    def __init__(self, post: PostInfo) -> None:
        super().__init__("Today's question is already posted — there is one question a day.")
        self.post = post


class AlreadyAnswered(Conflict):
    """A member's counted answer exists; ``verdict`` is what it was."""

    def __init__(self, post: PostInfo, verdict: VerdictKind) -> None:
        how = "and got it right ✅" if verdict is VerdictKind.CORRECT else "— one answer a day counts"
        super().__init__(
            f"You have already answered this question {how}. The answer is revealed "
            f"{schedule.discord_timestamp(post.closes_at, 'R')}."
        )
        self.post = post
        self.verdict = verdict
