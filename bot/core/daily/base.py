"""What every part of the daily service shares: its collaborators and the helpers they all use."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING

import aiosqlite

from bot.core import schedule
from bot.core.daily import errors
from bot.core.errors import UserError
from bot.core.models import Card
from bot.core.quiz.ahead import CompileAhead
from bot.core.storage.daily_queries import DailyQueries, PostInfo, ScheduleInfo, storage_failed
from bot.core.storage.deck_queries import card_from_json, card_to_json
from bot.core.storage.problems import commit_unconfirmed

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

#: ``daily_order(guild_id, cards)``: the cards in the order the server's daily question should prefer
#: them (for example, those many members are about to forget first). Given by the composition root; it
#: runs just before a claim, outside its transaction (see :mod:`bot.core.daily.cards`).
DailyOrder = Callable[[int, Sequence[Card]], Awaitable[list[Card]]]
#: ``overlay(guild_id, card_key, direction, card)``: the answers a server accepted for a card (as ``card``
#: asks it) beyond the deck's own.
Overlay = Callable[[int | None, str, str, Card | None], tuple[str, ...]]


class DailyBase:
    """The daily service's state: the store (transaction boundaries), its queries, the attempt writer,
    the catalog, the clock, the random source and (optionally) the card order, all given by the
    composition root."""

    def __init__(
        self,
        *,
        store: Store,
        attempts: AttemptWriter,
        catalog: Catalog,
        clock: Clock,
        rng: random.Random,
        daily_order: DailyOrder | None = None,
        overlay: Overlay | None = None,
        owns: Callable[[int | None], bool] | None = None,
    ) -> None:
        self.owns = owns
        self.store = store
        self.queries = DailyQueries(store)
        self.attempts = attempts
        self.catalog = catalog
        self.clock = clock
        self.rng = rng
        self.daily_order = daily_order
        self.overlay = overlay
        self.ahead = CompileAhead()
        #: The cards of the server's open quiz and practice questions (``QuizService.in_play``): not chosen for the
        #: daily question while open (their reveal would give its answer away); and who hears, in this process, of a
        #: daily question claimed (its card now hidden) and revealed (``QuizService.daily_claimed`` / ``_revealed``).
        self.open_elsewhere: Callable[[int], frozenset[str]] | None = None
        #: The cards the other servers' channel quizzes running in this process will still ask
        #: (``QuizService.planned_elsewhere``): not chosen while the topic has another card.
        self.planned_elsewhere: Callable[[int], frozenset[str]] | None = None
        #: Read again what other processes sharing the database have open (``QuizService.read_in_play``), before a
        #: claim asks ``open_elsewhere``.
        self.read_in_play: Callable[[], Awaitable[None]] | None = None
        self.on_claimed: Callable[[int, str], None] | None = None
        self.on_revealed: Callable[[int, str], None] | None = None
        #: Who hears, in this process, that a member's daily answer was counted (``QuizService.played``): the
        #: server is one they play in from then on.
        self.on_answered: Callable[[int, int], None] | None = None
        #: Who hears that a server's zone was set (``/daily set``), and the zone it had before (None: none): the review
        #: reminders that follow it move.
        self.on_zone_set: Callable[[int, str | None], Awaitable[None]] | None = None

    @asynccontextmanager
    async def _writing(
        self, refusal: Callable[[], UserError], unconfirmed: Callable[[], UserError] = errors.change_unconfirmed
    ) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction whose storage failure (read-only, disk full ...) becomes ``refusal()``: the
        transaction is rolled back, so the user is told plainly that nothing was saved. A commit whose
        connection was lost and whose outcome could not be checked becomes ``unconfirmed()`` instead."""
        try:
            async with self.store.transaction() as db:
                yield db
        except Exception as exc:
            if not storage_failed(exc):
                raise
            if commit_unconfirmed(exc):
                log.warning("daily: a write may or may not have been saved (%s)", exc)
                raise unconfirmed() from exc
            log.warning("daily: a write failed (%s); nothing was saved", exc)
            raise refusal() from exc

    async def _card(self, key: str) -> Card | None:
        """A card by key: from the decks, else from the store (removed since it was asked: still answered)."""
        card = self.catalog.card(key)
        if card is not None:
            return card
        return await self.queries.stored_card(key)

    async def _post_card(self, post: PostInfo) -> Card | None:
        """The card a post asks, as it was when the question was claimed: a new version of its deck imported
        since (the same card id, another question or answer) changes nothing of a question already out. A post
        claimed before that was kept: the card as the decks have it now."""
        if post.card_data:
            try:
                asked = card_from_json(post.card_data)
            except (ValueError, TypeError):
                log.warning("daily post %s: its card could not be read back; the deck's is used", post.id)
            else:
                now = self.catalog.card(post.card_key)
                return now if now == asked else asked  # (the loaded card itself when unchanged)
        return await self._card(post.card_key)

    @staticmethod
    def _card_data(card: Card) -> str:
        """What a claim keeps of its card (``_post_card`` reads it back)."""
        return card_to_json(card)

    def _compile_ahead(self, post_id: int, guild_id: int, card: Card) -> None:
        """Start compiling the card of a claimed post for grading (``CompileAhead``): its first answer finds it
        compiled, with the server's accepted answers as ``answer`` grades them."""
        overlay = self.overlay
        extra = (lambda: overlay(guild_id, card.key, "question", card)) if overlay is not None else None
        self.ahead.start(post_id, "asked", card, "question", extra)

    async def _pause(self, db: aiosqlite.Connection, guild_id: int, reason: str, *, check_again: bool = False) -> bool:
        """Pause the guild's schedule with ``reason``. ``check_again``: at each of its post times the paused
        schedule is due again, so whether posting works by then is looked at (``Posting.check_paused``) and it
        carries on by itself once it does; without it, only ``/daily set`` (or a post that goes out) resumes."""
        now = self.clock()
        check_at = None
        if check_again:
            info = await self.queries.schedule(db, guild_id)
            if info is not None:
                check_at = self._next_check(info, now)
        return await self.queries.pause(db, guild_id, reason, now, check_at=check_at)

    async def _in_schedule_channel(self, db: aiosqlite.Connection, guild_id: int, post_id: int) -> bool:
        """Whether the post is in the channel the guild's schedule posts in now: a failure there (a deleted
        channel, a lost permission) stops the schedule; one in a channel it has moved away from does not."""
        info = await self.queries.schedule(db, guild_id)
        post = await self.queries.post(db, post_id)
        return info is None or post is None or post.channel_id == info.channel_id

    def _next_check(self, info: ScheduleInfo, now: datetime) -> datetime:
        """The schedule's next post time after ``now`` (never ``now`` itself: that one is being handled)."""
        day, at = schedule.next_post(now, info.at, info.zone, last_posted_day=info.handled_day)
        if at <= now:
            _, at = schedule.next_post(now, info.at, info.zone, last_posted_day=day)
        return at

    async def _resume(self, db: aiosqlite.Connection, info: ScheduleInfo, now: datetime) -> None:
        _, post_at = schedule.next_post(now, info.at, info.zone, last_posted_day=info.handled_day)
        await self.queries.resume(db, info.guild_id, post_at)
