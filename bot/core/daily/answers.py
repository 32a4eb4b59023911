"""Answering and the reveal: one counted answer per member per question, streaks, and the results."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.core.daily import errors
from bot.core.daily.base import DailyBase
from bot.core.daily.models import (
    DAILY_POINTS,
    MAX_REVEAL_TRIES,
    REVEAL_LEASE,
    REVEAL_NAMES,
    REVEAL_STREAKS,
    REVEAL_TAKEOVER_WINDOW,
    AnswerResult,
    Place,
    PostInfo,
    Reveal,
    accepted_answer,
    streak_from,
)
from bot.core.grading import grade_card_async
from bot.core.models import Attempt, Card, Source, VerdictKind
from bot.core.storage.daily_queries import daily_session_id
from bot.core.text import storable

log = logging.getLogger(__name__)


class Answers(DailyBase):
    """The members' side: answering an open question, and the reveal when it closes."""

    async def post(self, post_id: int) -> PostInfo | None:
        """One post by id."""
        async with self.store.read() as db:
            return await self.queries.post(db, post_id)

    async def unrevealed_cards(self, guild_id: int | None) -> frozenset[str]:
        """The cards the guild's daily question asks and has not revealed yet (every guild's with None)."""
        async with self.store.read() as db:
            return await self.queries.unrevealed_cards(db, guild_id)

    async def unrevealed_in(self, guild_ids: Sequence[int]) -> dict[int, frozenset[str]]:
        """``unrevealed_cards`` of each of ``guild_ids`` (empty for those with none), in one read."""
        async with self.store.read() as db:
            return await self.queries.unrevealed_in(db, guild_ids)

    async def unrevealed_by_guild(self) -> dict[int, frozenset[str]]:
        """``unrevealed_cards`` of every guild that has some, by guild."""
        async with self.store.read() as db:
            return await self.queries.unrevealed_by_guild(db)

    async def post_card(self, post: PostInfo) -> Card | None:
        """The card a post asks (also when it has left the decks since)."""
        return await self._post_card(post)

    async def check_can_answer(
        self, post_id: int, user_id: int, *, at: Place | None = None
    ) -> tuple[PostInfo, Card]:
        """Before showing the answer box: raises Closed / Conflict (already answered) / NotFound.

        ``at`` is where the button was pressed: a question is answered only in its own server and channel
        (``errors.wrong_place`` otherwise, whatever the question's state).
        """
        now = self.clock()
        async with self.store.read() as db:
            post = await self.queries.post(db, post_id)
            self._check_place(post_id, post, at)
            if post is None:
                raise errors.no_such_post()
            self._check_open(post, now)
            mine = await self.queries.answer_verdict(db, post_id, user_id)
        if mine is not None:
            raise errors.AlreadyAnswered(post, mine)
        card = await self._post_card(post)
        if card is None:
            raise errors.card_removed()
        return post, card

    async def free_retry_used(self, post_id: int, user_id: int) -> bool:
        """Whether the member had their free retry on the question (a first near miss): their next answer counts,
        whatever it is. Read for the answer box, which says so."""
        async with self.store.read() as db:
            return await self.queries.free_retry_used(db, post_id, user_id)

    @staticmethod
    def _check_place(post_id: int, post: PostInfo | None, at: Place | None) -> None:
        """A button used away from its question is refused in the same words whether its post exists or not."""
        if at is None:
            return
        if post is None:
            log.warning("daily post %s (none such) used from guild %s: refused", post_id, at.guild_id)
            raise errors.wrong_place()
        if not at.holds(post):
            log.warning(
                "daily post %s (guild %s, channel %s) used from guild %s, channel %s: refused",
                post.id, post.guild_id, post.channel_id, at.guild_id, at.channel_id,
            )  # fmt: skip
            raise errors.wrong_place()

    @staticmethod
    def _check_open(post: PostInfo, now: datetime) -> None:
        if post.state == "failed":
            raise errors.never_posted()
        if post.revealed_at is not None or now >= post.closes_at:
            raise errors.closed(post)

    async def answer(
        self, post_id: int, user_id: int, user_name: str, response: str, *, at: Place | None = None
    ) -> AnswerResult:
        """Grade a member's answer; the counted one (with points and streak) is committed before returning.

        ``at``: where it was sent from (see ``check_can_answer``). When the database cannot be written the
        answer is not counted and ``errors.answer_not_saved`` says so (the member may send it again).
        """
        response = storable(response)  # graded as it is stored (without what no store holds)
        now = self.clock()
        post = await self.post(post_id)
        self._check_place(post_id, post, at)
        if post is None:
            raise errors.no_such_post()
        self._check_open(post, now)
        card = await self._post_card(post)
        if card is None:
            raise errors.card_removed()
        # The server's own accepted answers (disputes) count too; read from memory.
        extra = self.overlay(post.guild_id, card.key, "question", card) if self.overlay is not None else ()
        verdict = await grade_card_async(card, response, extra_accept=extra)
        if verdict.kind is VerdictKind.EMPTY:  # (nothing typed: not counted, the member may answer again)
            async with self.store.read() as db:
                mine = await self.queries.answer_verdict(db, post_id, user_id)
            if mine is not None:
                raise errors.AlreadyAnswered(post, mine)
            return AnswerResult(verdict, False, 0, None, post.closes_at, post.day)
        almost = verdict.kind is VerdictKind.ALMOST
        points = DAILY_POINTS if verdict.correct else 0
        streak: int | None = None
        async with self._writing(errors.answer_not_saved, errors.answer_unconfirmed) as db:
            post = await self.queries.post(db, post_id)
            assert post is not None
            self._check_open(post, now)  # it may have closed while grading
            if almost:
                # A first "almost" is the member's free retry: not counted, and written before they are told. A
                # later one counts as their answer (not right): near misses cannot probe for the answer for free.
                mine = await self.queries.answer_verdict(db, post_id, user_id)
                if mine is not None:
                    raise errors.AlreadyAnswered(post, mine)
                if await self.queries.use_free_retry(db, post_id, user_id, now):
                    return AnswerResult(verdict, False, 0, None, post.closes_at, post.day)
            counted = await self.queries.add_answer(
                db, post_id=post_id, user_id=user_id, user_name=user_name,
                verdict=VerdictKind.WRONG if almost else verdict.kind, points=points, now=now,
            )  # fmt: skip
            if not counted:
                mine = await self.queries.answer_verdict(db, post_id, user_id)
                raise errors.AlreadyAnswered(post, mine or verdict.kind)
            attempt = Attempt(
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
                session_id=daily_session_id(post_id),
                extra={"reason": str(verdict.reason), "direction": "question"},
            )
            attempt_id = await self.attempts.add(db, attempt)
            await self.queries.link_attempt(db, post_id, user_id, attempt_id)
            if verdict.correct:
                streak = await self._bump_streak(db, post, user_id, user_name)
        if self.on_answered is not None:
            self.on_answered(post.guild_id, user_id)
        return AnswerResult(verdict, True, points, streak, post.closes_at, post.day)

    async def _recount_streak(self, db: aiosqlite.Connection, guild_id: int, user_id: int) -> None:
        """The member's streak counted again from every posted question (``streak_from``), best kept."""
        row = await self.queries.streak(db, guild_id, user_id)
        if row is None:
            return
        current, best, _ = streak_from(await self.queries.streak_history(db, guild_id, user_id))
        await self.queries.set_streak_current(db, guild_id, user_id, current, max(best, row.best))

    async def _bump_streak(self, db: aiosqlite.Connection, post: PostInfo, user_id: int, user_name: str) -> int:
        """The member's streak after a right answer (written): counted from every posted question in order
        (``streak_from``), so that answering today's question before yesterday's, still open, keeps it."""
        row = await self.queries.streak(db, post.guild_id, user_id)
        current, best, last = streak_from(await self.queries.streak_history(db, post.guild_id, user_id))
        current = max(current, 1)  # (this answer is right: a streak of one at least)
        last_day = max(d for d in (last, post.day, row.last_day if row else None) if d is not None)
        await self.queries.save_streak(
            db, guild_id=post.guild_id, user_id=user_id, user_name=user_name, current=current,
            best=max(best, current, row.best if row else 0), last_day=last_day,
        )  # fmt: skip
        return current

    # -- reveals ---------------------------------------------------------------------------------------
    async def claim_reveal(self, post_id: int, now: datetime | None = None) -> Reveal | None:
        """Close a question whose time is up: claim its reveal (once) and gather what it shows.

        A reveal claimed more than ``REVEAL_LEASE`` ago and never recorded as sent (the process stopped between the
        claim and the send) is claimed again, within ``REVEAL_TAKEOVER_WINDOW`` of its claim: the caller first looks for
        it in the channel (``Reveal.retry``)."""
        now = now or self.clock()
        async with self.store.transaction() as db:
            post = await self.queries.claim_reveal(
                db, post_id, now, taken_over_before=now - REVEAL_LEASE,
                taken_over_after=now - REVEAL_TAKEOVER_WINDOW, max_tries=MAX_REVEAL_TRIES,
            )  # fmt: skip
            if post is None:
                return None
            answered, correct = await self.queries.answer_counts(db, post_id)
            names = await self.queries.winners(db, post_id, REVEAL_NAMES)
            # Streaks are kept live: whoever did not get this question right loses theirs; one who has since got a
            # later question right (answered while this one was open) keeps what follows it.
            await self.queries.end_lapsed_streaks(db, post.guild_id, post.day)
            for user_id in await self.queries.missed_but_later_right(db, post.guild_id, post.id, post.day):
                await self._recount_streak(db, post.guild_id, user_id)
            streaks = await self.queries.top_streaks(db, post.guild_id, REVEAL_STREAKS)
        if self.on_revealed is not None:
            self.on_revealed(post.guild_id, post.card_key)
        card = await self._post_card(post)
        if card is None:  # pragma: no cover - cards are retired, never deleted, from the store
            deck, _, card_id = post.card_key.partition(":")
            card = Card(deck=deck, id=card_id, question="(this card was removed)", answer="")
        return Reveal(
            post_id=post.id,
            guild_id=post.guild_id,
            channel_id=post.channel_id,
            message_id=post.message_id,
            day=post.day,
            card=card,
            accepted=accepted_answer(card),
            explanation=card.answer.strip(),
            answered=answered,
            correct=correct,
            winners=tuple(names),
            more_winners=max(0, correct - len(names)),
            streaks=tuple(streaks),
            retry=post.reveal_tries > 0,
            number=post.number,
        )

    async def mark_revealed(self, post_id: int, message_id: int | None) -> None:
        """The reveal is in the channel: record its message."""
        async with self.store.transaction() as db:
            await self.queries.mark_revealed(db, post_id, message_id)

    async def reveal_failed(self, post_id: int, reason: str, *, permanent: bool, check_again: bool = False) -> bool:
        """The reveal could not be sent: retried on a later check unless permanent or tried too often.

        Permanent: the guild is paused (``check_again``: looked at again at each post time, as ``send_failed``; the
        reveal is then held, and sent when the schedule resumes: ``resume`` releases it).
        """
        async with self.store.transaction() as db:
            found = await self.queries.reveal_tries(db, post_id)
            if found is None:
                return False
            guild_id, tries = found
            # A channel the schedule no longer posts in (moved with ``/daily set``) does not pause the schedule.
            pauses = permanent and await self._in_schedule_channel(db, guild_id, post_id)
            retry = not permanent and tries < MAX_REVEAL_TRIES
            if retry:
                await self.queries.release_reveal(db, post_id)
            elif pauses and check_again:
                await self.queries.hold_reveal(db, post_id, reason)
            else:
                await self.queries.note_reveal_failure(db, post_id, reason)
            if pauses:
                await self._pause(db, guild_id, reason, check_again=check_again)
        log.warning("daily reveal %s not sent (%s); %s", post_id, reason, "will retry" if retry else "given up")
        return retry
