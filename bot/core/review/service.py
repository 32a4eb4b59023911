"""Use-cases of /review: the answer-path hook every feature's graded answers go through, and review sessions.

``record`` turns one graded attempt into an FSRS review of the member's card (rating, new state, review
log) inside the attempt's own transaction. ``on_attempt`` is the hook the composition root subscribes to
the one attempt writer, which runs it after each attempt it writes (quiz, practice, daily) inside a
savepoint: a failure there is logged and rolled back, never losing the answer itself.

A review session is a member's private run through their due cards (most overdue first), then new cards
up to their daily limit, all from the decks the server sees (its own and the global ones it did not turn
off). Sessions are held in memory like practice quizzes; each answer is committed (attempt, review log and
state together) before the member is told, so a restart loses nothing acknowledged. The card on show is
written when it is shown (``review_showings``: the card as shown, how it was asked, its key), so that after a
restart an answer, "Don't know" or a button press on it takes the session up again (``live``) and it goes on;
a session that ended (stopped, finished, replaced by a new one, or idle longer than ``IDLE``) says so. A click
is refused while another one on the same card is being handled (a double-click stores one answer and shows one
next card).

"Undo last rating" takes back the session's last rating, as Anki's undo does: the card's state stored before it
is put back as it was (``review_undo`` keeps it, written with the rating), the answer and its review log are
deleted, and the card is shown again, all committed before the member is told. The slot lives in the database,
so the undo works after a restart too (the session is taken up again); only the member who rated can undo, only
their last rating of their latest session, once, and not after the card was rated again elsewhere.

Each showing of a card has a key (``Shown.key``), stored with its answer (``attempts.attempt_key``, unique). When
the database connection is lost as an answer commits and whether it landed cannot be found out, the member is told
so and may answer the card again: that answer first settles the earlier one where the database can be asked, then
finds it by the key if it landed and is given its result (nothing is rated again), else is rated itself.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

import aiosqlite

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.clock import Clock, utc_now
from bot.core.errors import Closed, CommandRef, UserError
from bot.core.grading import grade_card
from bot.core.models import (
    Attempt,
    Card,
    HiddenCards,
    HiddenNow,
    Source,
    Verdict,
    VerdictKind,
    VerdictReason,
    still_learned,
)
from bot.core.review.members import ReviewMembers
from bot.core.review.models import (
    NEW_USED,
    UNDONE_GONE,
    UNDONE_HELD,
    Answered,
    CardChanged,
    NotSaved,
    NotUndone,
    ReviewSession,
    SessionSummary,
    Shown,
)
from bot.core.review.rating import Rating, Signal, rating_of, rerated
from bot.core.review.scheduler import is_mature, lapsed, review
from bot.core.review.selection import rank_for_daily
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import card_from_json, card_to_json
from bot.core.storage.problems import STORAGE_ERRORS, StoreError, unconfirmed_commit
from bot.core.storage.review_queries import (
    NO_GUILD,
    CardState,
    LogRow,
    ReviewEntry,
    ReviewQueries,
    ShowingRow,
    StoredState,
    UndoRow,
    guild_key,
    truncate_ms,
)
from bot.core.storage.store import Store
from bot.core.text import storable

log = logging.getLogger(__name__)

#: ``overlay(guild_id, card_key, direction)``: the answers a server accepted for a card beyond the deck's own.
Overlay = Callable[[int | None, str, str], tuple[str, ...]]
#: Sources where a question allows several tries: only the first graded answer to it rates the card.
ONE_RATING_PER_QUESTION = frozenset({"quiz", "practice", "daily"})
#: A session idle this long is ended (when another starts), and not taken up again after a restart.
IDLE = timedelta(hours=1)
#: How many sessions ended in this process are remembered as ended (a click on one is told so at once, whatever
#: the database still holds of its card on show).
ENDED_KEPT = 1000
CANDIDATES = 10
#: Due cards are counted up to this many on every card shown (the footer says "100+ due").
DUE_COUNT_CAP = 100
DAILY_HORIZON = timedelta(days=1)


def _ended() -> Closed:
    """The refusal for a click on a review that has ended (stopped, finished, or before a restart)."""
    return Closed(
        "review.ended", "This review session has ended. Start a new one with {command}.",
        command=CommandRef("review start"),
    )


def _moved_on() -> Closed:
    """The refusal for a click on a card the session has moved past (or is moving past)."""
    return Closed("review.moved_on", "That card is no longer on show in this session.")


def _not_yours() -> UserError:
    return UserError("review.not_yours", "This review session belongs to someone else.")


def _nothing_to_undo() -> Closed:
    """The refusal for an Undo whose rating is not the last one of the session any more (or was undone)."""
    return Closed(
        "review.undo_none",
        "There is no rating to undo here: only your last rating in this review can be undone, and only once. "
        "Nothing was changed.",
    )


def _older_than_session() -> Closed:
    """The refusal for an Undo of a rating made before the member's current review began."""
    return Closed(
        "review.undo_older",
        "That rating was made before your current review began, so it can no longer be undone. Nothing was changed.",
    )


def _rated_since() -> Closed:
    """The refusal for an Undo of a card whose schedule has changed since that rating."""
    return Closed(
        "review.undo_changed",
        "That card's schedule has changed since you rated it (it was rated again in a quiz, practice, the daily "
        "question or another review), so the rating can no longer be undone. Nothing was changed.",
    )


def _same_schedule(a: CardState, b: CardState) -> bool:
    """Whether two states schedule the card alike (reps and lapses aside: a log does not keep them)."""
    return (a.state, a.step, a.stability, a.difficulty, a.due, a.last_review) == (
        b.state, b.step, b.stability, b.difficulty, b.due, b.last_review,
    )  # fmt: skip


def _still_last(undo: UndoRow, stored: StoredState | None, logs: Sequence[LogRow]) -> bool:
    """Whether the rating ``undo`` takes back is still the latest word on the card: its log is the card's last,
    the stored state is the one it wrote, and the state kept before it is the one its log started from (an
    accepted dispute, a new version of the card or another rating since would each have changed one of these)."""
    if stored is None or stored.last_attempt_id != undo.attempt_id or not logs:
        return False
    last = logs[-1]
    if last.id != undo.log_id or last.attempt_id != undo.attempt_id:
        return False
    if not _same_schedule(stored.memory, replace(last.after, last_review=last.at)):
        return False
    kept = undo.before.memory if undo.before is not None else None
    if kept is None or last.before is None:
        return kept is None and last.before is None
    return _same_schedule(kept, last.before)


@contextmanager
def _claimed(session: ReviewSession, flag: Literal["answering", "advancing", "undoing"]) -> Iterator[None]:
    """Set ``flag`` on the session while the block runs (cleared however it ends). Enter it before the first
    await of a click, so that a second click on the same card meanwhile is refused (``current``, ``next``)
    instead of storing the answer twice or showing two next cards."""
    setattr(session, flag, True)
    try:
        yield
    finally:
        setattr(session, flag, False)


@dataclass(frozen=True, slots=True)
class Recorded:
    """One review written: the rating and the card's state before and after."""

    rating: Rating
    before: CardState | None
    after: CardState
    stored: StoredState | None = None  # the state row before, as stored (None: the card was new)
    log_id: int = 0


@dataclass(frozen=True, slots=True)
class Earlier:
    """An answer to a showing found stored by its key (``AttemptWriter.keyed``): what was answered, how it rated the
    card, the card's state now, and the session's figures as stored (cards reviewed, right, new cards met)."""

    response: str
    verdict: VerdictKind
    rating: Rating
    after: CardState
    counts: tuple[int, int, int]


class ReviewService:
    """Spaced repetition: the answer-path hook, review sessions, and (``members``) settings and reminders."""

    def __init__(
        self,
        *,
        store: Store,
        catalog: Catalog,
        clock: Clock = utc_now,
        attempts: AttemptWriter | None = None,
        rng: random.Random | None = None,
        queries: ReviewQueries | None = None,
        overlay: Overlay | None = None,
    ) -> None:
        self.store = store
        #: The answers each server accepted beyond the deck's own (disputes): graded as right, as in quizzes.
        self.overlay = overlay
        self.catalog = catalog
        self.clock = clock
        self.attempts = attempts or AttemptWriter()
        self.rng = rng or random.Random()
        self.queries = queries or ReviewQueries(store)
        self.members = ReviewMembers(store=store, queries=self.queries, catalog=catalog, clock=clock)
        self._sessions: dict[str, ReviewSession] = {}
        self._by_member: dict[tuple[int, int], str] = {}
        #: The sessions ended in this process lately (``ENDED_KEPT``, oldest first): never taken up again.
        self._gone: dict[str, None] = {}
        #: Writes of cards on show not yet done (``_show``).
        self._keeping: set[asyncio.Future[None]] = set()
        #: Members (server, member) whose review is being started: another start of theirs meanwhile is refused.
        self._starting: set[tuple[int, int]] = set()
        #: The cards whose answers are hidden in a server now (``QuizService.hidden_cards``: an open quiz
        #: question, the daily question before its reveal): not shown, since a review shows the answer.
        self.hidden: HiddenCards | None = None
        #: The same from memory alone (``QuizService.hidden_now``), for a click that cannot wait (a modal).
        self.hidden_now: HiddenNow | None = None

    async def start(self) -> None:
        """Nothing to load: states, settings and reminders are read from the store when needed."""

    async def shown_kept(self) -> None:
        """Wait until every card on show being written (``_show``, in the background) is written."""
        while self._keeping:
            await asyncio.gather(*list(self._keeping), return_exceptions=True)

    async def close(self) -> None:
        """End every session (their buttons then say so); the cards on show being written are written first, so
        that the sessions are taken up again after the restart."""
        await self.shown_kept()
        for session in self._sessions.values():
            session.ended = True
        self._sessions.clear()
        self._by_member.clear()

    # -- the answer path ----------------------------------------------------------------------------
    async def record(
        self,
        db: aiosqlite.Connection,
        attempt: Attempt,
        *,
        attempt_id: int | None = None,
        signal: Signal | None = None,
    ) -> Recorded | None:
        """Inside the attempt's transaction: rate the answer and update the member's state of the card.

        Returns None when the answer does not rate the card: a further try at a question already rated
        (quiz, practice, daily), or an attempt already recorded (``attempt_id``).
        """
        stored = await self.queries.state(db, guild_key(attempt.guild_id), attempt.user_id, attempt.card_key)
        entry = await self._entry(db, attempt, stored, attempt_id=attempt_id, signal=signal)
        if entry is None:
            return None
        log_id = await self.queries.write_review(db, entry, first=stored)
        return Recorded(Rating(entry.rating), entry.before, entry.after, stored=stored, log_id=log_id)

    async def _entry(
        self,
        db: aiosqlite.Connection,
        attempt: Attempt,
        stored: StoredState | None,
        *,
        attempt_id: int | None,
        signal: Signal | None,
    ) -> ReviewEntry | None:
        """The review an attempt makes given the card's stored state; None when it does not rate the card
        (a further try at a question already rated, an attempt already recorded)."""
        if stored is not None:
            if attempt_id is not None and stored.last_attempt_id == attempt_id:
                return None
            retry = attempt.session_id is not None and stored.last_session == attempt.session_id
            if retry and str(attempt.source) in ONE_RATING_PER_QUESTION:
                return None
        row = await self.members.row(attempt.guild_id, attempt.user_id, db)
        before = stored.memory if stored is not None else None
        signal = signal or Signal.from_extra(attempt.verdict, attempt.extra)
        rating = rating_of(signal, mature=is_mature(before))
        at = truncate_ms(attempt.created_at)
        if before is not None and at < before.last_review:  # answers committed out of order: no time runs back
            at = before.last_review
        after = review(before, rating, at, row.retention)
        return ReviewEntry(
            guild_id=guild_key(attempt.guild_id),
            user_id=attempt.user_id,
            card_key=attempt.card_key,
            at=at,
            rating=int(rating),
            source=str(attempt.source),
            verdict=str(attempt.verdict),
            retention=row.retention,
            before=before,
            after=after,
            attempt_id=attempt_id,
            session_id=attempt.session_id,
            duration_ms=round(signal.seconds * 1000) if signal.seconds is not None else None,
        )

    async def on_attempts(self, db: aiosqlite.Connection, written: Sequence[tuple[Attempt, int]]) -> None:
        """The attempt writer's batch hook (``AttemptWriter.subscribe_batch``): ``on_attempt`` for each of a
        group commit's attempts, in order, with one read of their stored states and one write of all the
        reviews (a card answered twice in the batch sees its first review, as one after the other would)."""
        written = [(a, i) for a, i in written if a.source is not Source.REVIEW]
        if not written:
            return
        keys = [(guild_key(a.guild_id), a.user_id, a.card_key) for a, _ in written]
        states = await self._states_and_members(db, keys, written)
        reviews: list[tuple[ReviewEntry, StoredState | None]] = []
        for (attempt, attempt_id), key in zip(written, keys, strict=True):
            stored = states.get(key)
            entry = await self._entry(db, attempt, stored, attempt_id=attempt_id, signal=None)
            if entry is None:
                continue
            reviews.append((entry, stored))
            states[key] = StoredState(
                card_key=attempt.card_key, memory=entry.after,
                first_at=entry.at if stored is None else stored.first_at,
                first_source=entry.source if stored is None else stored.first_source,
                last_session=attempt.session_id, last_attempt_id=attempt_id,
            )
        await self.queries.write_reviews(db, reviews)

    async def _states_and_members(
        self,
        db: aiosqlite.Connection,
        keys: Sequence[tuple[int, int, str]],
        written: Sequence[tuple[Attempt, int]],
    ) -> dict[tuple[int, int, str], StoredState]:
        """The batch's stored states, after the settings of its members not in the cache yet are read with
        one statement (``ReviewMembers.load``; a quiz's first round brings each player's first answer)."""
        await self.members.load([(a.guild_id, a.user_id) for a, _ in written], db)
        return await self.queries.states_of(db, keys)

    async def on_attempt(self, db: aiosqlite.Connection, attempt: Attempt, attempt_id: int) -> None:
        """The attempt writer's hook (``AttemptWriter.subscribe``): record the review of one attempt.

        The writer runs it in a savepoint of the attempt's transaction. Answers of review sessions are
        left alone: the session records them itself, with the time taken to answer.
        """
        if attempt.source is Source.REVIEW:
            return
        await self.record(db, attempt, attempt_id=attempt_id)

    async def regraded(self, db: aiosqlite.Connection, corrected: Sequence[tuple[int, int]]) -> int:
        """Inside an accepted dispute's transaction: the answers it made right, (attempt id, hints asked), rate
        their cards as right answers do. Each such answer's review log takes the rating a right answer earns
        (Good, or Hard after a hint), and the card's later reviews are replayed on it, so the member's schedule
        is as if the answer had been judged right at once: the card is not due again in minutes, and the
        measured retention no longer counts it as forgotten (a later right answer rates Easy or Good as the card's
        maturity then tells). An answer that rated nothing (a further try at a
        question) changes nothing. Returns how many cards were rescheduled."""
        return await self.regraded_as(db, [(attempt_id, hints, VerdictKind.CORRECT) for attempt_id, hints in corrected])

    async def regraded_as(
        self, db: aiosqlite.Connection, graded: Sequence[tuple[int, int, VerdictKind]]
    ) -> int:
        """``regraded`` with each answer's new verdict, (attempt id, hints asked, verdict): an accept taken back
        gives the answers it corrected their verdicts again, and their review logs the ratings those earn (Again
        for a wrong answer), the card's later reviews replayed on them."""
        changed: dict[tuple[int, int, str], dict[int, tuple[Rating, VerdictKind]]] = {}
        for attempt_id, hints, kind in graded:
            entry = await self.queries.log_for_attempt(db, attempt_id)
            if entry is None:
                continue
            seconds = entry.duration_ms / 1000 if entry.duration_ms is not None else None
            signal = Signal(kind=kind, hints=hints, seconds=seconds)
            rating = rating_of(signal, mature=is_mature(entry.before))
            if int(rating) != entry.rating:
                changed.setdefault((entry.guild_id, entry.user_id, entry.card_key), {})[entry.id] = (rating, kind)
        for (guild_id, user_id, card_key), ratings in changed.items():
            stored = await self.queries.state(db, guild_id, user_id, card_key)
            logs = await self.queries.card_logs(db, guild_id, user_id, card_key)
            start = next((i for i, entry in enumerate(logs) if entry.id in ratings), None)
            if stored is None or start is None:
                continue
            state, lapses, rewritten = logs[start].before, stored.memory.lapses, []
            for entry in logs[start:]:
                seconds = entry.duration_ms / 1000 if entry.duration_ms is not None else None
                given = ratings.get(entry.id)
                rating = given[0] if given else rerated(Rating(entry.rating), mature=is_mature(state), seconds=seconds)
                after = review(state, rating, entry.at, entry.retention)
                lapses += int(lapsed(state, rating)) - int(lapsed(entry.before, Rating(entry.rating)))
                verdict = str(given[1]) if given else entry.verdict
                rewritten.append(replace(entry, rating=int(rating), verdict=verdict, before=state, after=after))
                state = after
            assert state is not None
            memory = replace(state, reps=stored.memory.reps, lapses=max(0, lapses))
            await self.queries.rewrite_history(db, rewritten, memory)
        return len(changed)

    # -- sessions -------------------------------------------------------------------------------------
    async def start_session(
        self, *, guild_id: int | None, user_id: int, user_name: str, channel_id: int | None = None
    ) -> tuple[ReviewSession, Shown | SessionSummary]:
        """Start a member's session (ending their previous one in this server): its first card, or the
        summary at once when nothing is due and no new card is left for today."""
        member = (guild_key(guild_id), user_id)
        # One start at a time per member, decided with no await before it: a command sent twice in a row opens
        # one review, not two of which the first is ended at once by the second.
        if member in self._starting:
            raise UserError("review.starting", "Your review is already starting: it shows in a moment.")
        now = self.clock()
        self._sweep(now)
        old = self._by_member.pop(member, None)
        replaced = self._sessions[old] if old is not None else None
        if replaced is not None:
            self._end(replaced)
        session = ReviewSession(
            id=secrets.token_hex(4), guild_id=guild_id, user_id=user_id, user_name=user_name,
            channel_id=channel_id, started_at=now, last_activity=now,
        )
        self._sessions[session.id] = session
        self._by_member[member] = session.id
        self._starting.add(member)
        try:
            if replaced is not None and replaced.keeping is not None:
                # (the card it showed last written first: the row is then dropped, not left behind it)
                await asyncio.gather(replaced.keeping, return_exceptions=True)
            await self._forget_undo(member)
            return session, await self._advance(session)
        finally:
            self._starting.discard(member)

    async def _forget_undo(self, member: tuple[int, int]) -> None:
        """A new session begins: the member's last rating of an earlier one can no longer be undone, and its card
        on show is not taken up again after a restart. A database that refuses the write does not keep them from
        reviewing (the session's own ratings and cards shown replace them)."""
        try:
            async with self.store.transaction() as db:
                await self.queries.drop_undo(db, *member)
                await self.queries.drop_showing(db, member=member)
        except STORAGE_ERRORS as exc:
            log.warning("the undo and card on show of %s's last review were not dropped: %s", member[1], exc)

    async def before_forgetting(self, guild_id: int, user_id: int) -> None:
        """A member's data in ``guild_id`` is about to be deleted (``bot.core.forget``): their session there ends
        (its buttons then say so) and its card on show being written is written first, so that nothing of it is
        written after the deletion; their settings are read again from the database from now on."""
        member = (guild_key(guild_id), user_id)
        session_id = self._by_member.pop(member, None)
        session = self._sessions.get(session_id) if session_id is not None else None
        if session is not None:
            self._end(session)
            if session.keeping is not None:
                await asyncio.gather(session.keeping, return_exceptions=True)
        self.members.drop(guild_id, user_id)

    def forgotten(self, guild_id: int, user_id: int) -> None:
        """A member's data in ``guild_id`` was deleted: no settings of theirs stay cached (a later change of one
        setting would write the others back), and the reminder sender looks again at who is to be reminded."""
        self.members.drop(guild_id, user_id)
        if self.members.on_change is not None:
            self.members.on_change()

    def session(self, session_id: str, user_id: int) -> ReviewSession:
        """A running session of this member, in memory; ``Closed`` when it has ended (``live`` also takes up one
        that a restart left in the database)."""
        session = self._sessions.get(session_id)
        if session is None or session.ended:
            raise _ended()
        if session.user_id != user_id:
            raise _not_yours()
        return session

    def current(self, session_id: str, user_id: int, number: int) -> Shown:
        """The card on show, still waiting for its answer (``number`` is the card the member looks at)."""
        session = self.session(session_id, user_id)
        shown = session.current
        if shown is None or shown.number != number or session.advancing or session.undoing:
            raise _moved_on()
        if session.answered is not None or session.answering:
            raise UserError("review.answered", "You already answered this card: press Next.")
        return shown

    async def answer(self, session_id: str, *, user_id: int, number: int, response: str) -> Answered:
        """Grade the typed answer to the card on show, store it with its review, and say when it comes back."""
        response = storable(response)  # graded as it is stored (without what no store holds)
        told = await self.told_unless_held(await self.live(session_id, user_id=user_id), number)
        if told is not None:
            return told
        shown = self.current(session_id, user_id, number)
        session = self._sessions[session_id]
        with _claimed(session, "answering"):  # no await before this: a second answer to the card is refused
            await self._check_not_held(session, shown)
            shown = await self._latest_kept(session, shown)
            response = response.strip()
            direction = shown.prompt.direction
            extra = self.overlay(session.guild_id, shown.card.key, direction) if self.overlay is not None else ()
            verdict = grade_card(shown.card, response, direction=direction, extra_accept=extra)
            if verdict.kind is VerdictKind.EMPTY:
                raise UserError("review.empty", "Type an answer first, or press Don't know.")
            return await self._commit(session, shown, verdict, response, gave_up=False)

    async def give_up(self, session_id: str, *, user_id: int, number: int) -> Answered:
        """"Don't know": the card is rated Again and its answer shown."""
        told = await self.told_unless_held(await self.live(session_id, user_id=user_id), number)
        if told is not None:
            return told
        shown = self.current(session_id, user_id, number)
        session = self._sessions[session_id]
        with _claimed(session, "answering"):  # no await before this: a second click on the card is refused
            await self._check_not_held(session, shown)
            shown = await self._latest_kept(session, shown)
            verdict = Verdict(VerdictKind.EMPTY, 0.0, VerdictReason.EMPTY)
            return await self._commit(session, shown, verdict, "", gave_up=True)

    async def told_unless_held(self, session: ReviewSession, number: int) -> Answered | None:
        """``told``; refused (``UserError``) while the card is being asked in a server (a quiz or the daily question
        took it since the answer was saved): the outcome shows its answer."""
        told = self.told(session, number)
        if told is not None and session.current is not None and await self._held(session, session.current):
            raise UserError(
                "review.held_saved",
                "Your answer to this card is saved. The card is being asked in a server right now, so its answer "
                "stays hidden until that question closes. Press Stop and start {command} again for your other cards.",
                command=CommandRef("review start"),
            )
        return told

    def told(self, session: ReviewSession, number: int) -> Answered | None:
        """The outcome of card ``number``'s answer when it was found saved rather than made now (``Answered.earlier``:
        an answer whose saving could not be confirmed, or one given before a restart whose verdict may never have
        shown): an answer or "Don't know" sent to the card again is given it, and nothing is rated again."""
        answered, shown = session.answered, session.current
        if answered is None or not answered.earlier or shown is None or shown.number != number:
            return None
        return None if session.advancing or session.undoing else answered

    async def _latest_kept(self, session: ReviewSession, shown: Shown) -> Shown:
        """``_latest``; a new version put on show in its place is written as the card on show."""
        try:
            return self._latest(session, shown)
        except CardChanged as changed:
            await self._keep(session, changed.shown)
            raise

    def _latest(self, session: ReviewSession, shown: Shown) -> Shown:
        """The card on show as its deck holds it now (a re-import may have changed it while it was on show). A new
        version that asks the same and takes every answer the shown one took is answered as it is now (an answer it
        has just been given counts); one that asks something else, or no longer takes an answer it took, becomes
        the card on show, unrated, and ``CardChanged`` says so: the answer was given to a question no deck asks."""
        card = self.catalog.view(session.guild_id).card(shown.card.key)
        if card is None or card == shown.card or not card.askable or session.unconfirmed is not None:
            return shown  # (gone from the decks seen, or an earlier answer to this showing may be stored: as shown)
        directions = prompts.directions_for(card)
        if not directions:
            return shown
        direction = shown.prompt.direction
        if direction in directions and still_learned(shown.card, card):
            return replace(shown, card=card, prompt=prompts.make_prompt(card, direction))
        if direction not in directions:
            direction = self.rng.choice(directions)
        latest = replace(
            shown, card=card, prompt=prompts.make_prompt(card, direction), changed=True, shown_at=self.clock()
        )
        session.current = latest
        log.info("review %s: card %s was changed while on show; its new version is shown", session.id, card.key)
        raise CardChanged(latest)

    async def _held(self, session: ReviewSession, shown: Shown) -> bool:
        """Whether the card on show became hidden in the server since it was shown (a quiz question or the
        daily question on it opened): its answer is not shown until that question closes."""
        return self.hidden is not None and shown.card.key in await self.hidden(session.guild_id, user_id=session.user_id)

    async def _check_not_held(self, session: ReviewSession, shown: Shown) -> None:
        if await self._held(session, shown):
            raise UserError(
                "review.held",
                "This card is being asked in a server right now, so its answer stays hidden until that question "
                "closes. Press Stop and start {command} again for your other cards.",
                command=CommandRef("review start"),
            )

    async def held(self, session_id: str, *, user_id: int, number: int) -> bool:
        """Whether the card on show (waiting for its answer) is being asked in the server now (``set_aside``)."""
        await self.live(session_id, user_id=user_id)
        shown = self.current(session_id, user_id, number)
        return await self._held(self._sessions[session_id], shown)

    def held_now(self, session_id: str, *, user_id: int, number: int) -> bool:
        """``held`` from memory alone (no database read): for a click answered with a modal, which cannot wait."""
        shown = self.current(session_id, user_id, number)
        session = self._sessions[session_id]
        return self.hidden_now is not None and shown.card.key in self.hidden_now(session.guild_id, user_id=session.user_id)

    async def set_aside(self, session_id: str, *, user_id: int, number: int) -> Shown | SessionSummary:
        """The next card in place of the one on show, which is being asked in the server now: it is not rated
        and stays due, to come back once that question closes. ``UserError`` when it is not held."""
        await self.live(session_id, user_id=user_id)
        shown = self.current(session_id, user_id, number)
        session = self._sessions[session_id]
        with _claimed(session, "advancing"):  # a second click finds the card no longer on show
            if not await self._held(session, shown):
                raise UserError("review.not_held", "This card can be answered now.")
            log.info("review %s: card %s is being asked in the server; set aside", session.id, shown.card.key)
            return self._unless_stopped(session, await self._advance(session))

    async def next(self, session_id: str, *, user_id: int, number: int) -> Shown | SessionSummary:
        """After an answer: the next card, or the summary when nothing is left."""
        session = await self.live(session_id, user_id=user_id)
        if session.current is None or session.current.number != number or session.advancing or session.undoing:
            raise _moved_on()
        if session.answered is None:
            raise UserError("review.unanswered", "Answer this card first, or press Don't know.")
        with _claimed(session, "advancing"):  # no await before this: a second click shows no other card
            return self._unless_stopped(session, await self._advance(session))

    @staticmethod
    def _unless_stopped(session: ReviewSession, step: Shown | SessionSummary) -> Shown | SessionSummary:
        """The next card, unless Stop ended the review while it was being picked: Stop's summary stays on show
        rather than a card of a review that has ended."""
        if session.ended and isinstance(step, Shown):
            raise _ended()
        return step

    async def stop(self, session_id: str, *, user_id: int) -> SessionSummary:
        """End the session now: its summary. Refused while an answer is being saved (the summary counts it)."""
        session = await self.live(session_id, user_id=user_id)
        if session.answering:
            raise UserError(
                "review.saving", "Your answer to this card is being saved: press Stop again once its verdict shows."
            )
        if session.undoing:
            raise UserError("review.undoing", "Your last rating is being undone: press Stop again once the card shows.")
        return await self._finish(session, stopped=True)

    async def undo(
        self,
        session_id: str,
        *,
        guild_id: int | None,
        user_id: int,
        number: int,
        user_name: str,
        channel_id: int | None = None,
    ) -> Shown | SessionSummary:
        """"Undo last rating": take back the member's rating of card ``number``, the last one of the session, and
        show that card again (the next card instead when it cannot be asked now: ``Shown.again`` is then unset).

        The card's state stored before the rating is put back as it was, the answer and its review log are
        deleted (so /stats, the daily limit of new cards, due counts and reminders are as before the rating), in
        one transaction. A session that has ended (Stop, the end, a restart) is taken up again. Refused, changing
        nothing, for another member, a rating that is not the session's last or was undone already, one from
        before the member's current review, and one the card has been rated again since (``Closed``)."""
        live = self._sessions.get(session_id)
        if live is not None and live.ended:
            live = None
        if live is not None:
            if live.user_id != user_id:
                raise _not_yours()
            if live.answering:
                raise UserError(
                    "review.saving", "Your answer to this card is being saved: press Undo again once its verdict shows."
                )
            if live.undoing:
                raise UserError("review.undoing", "Your last rating is already being undone: the card shows in a moment.")
            if live.advancing:
                raise _moved_on()
            if live.undo != number:
                raise _nothing_to_undo()
        with _claimed(live, "undoing") if live is not None else nullcontext():  # no await before this
            undo, counts = await self._take_back(session_id, guild_id=guild_id, user_id=user_id, number=number)
            if live is not None and live.ended:  # a new review was started meanwhile: this one stays ended
                raise Closed(
                    "review.undone_ended",
                    "Your last rating was undone, but this review has ended meanwhile. Start a new one with {command}.",
                    command=CommandRef("review start"),
                )
            session = live if live is not None else self._resume(session_id, undo, user_name, channel_id)
            session.reviewed, session.right, session.learned = counts
            session.undo = None
            session.last_activity = self.clock()
            log.info("review %s: %s undid their rating of %s", session.id, user_id, undo.card_key)
            return await self._again(session, undo)

    async def _take_back(
        self, session_id: str, *, guild_id: int | None, user_id: int, number: int
    ) -> tuple[UndoRow, tuple[int, int, int]]:
        """The undo's one transaction (``undo``): the slot checked and taken, the state put back, the review log and
        the answer deleted. Returns the slot and the session's figures after it (reviewed, right, new cards)."""
        stored_session = f"rv-{session_id}"
        try:
            async with self.store.transaction() as db:
                undo = await self.queries.undo_of_session(db, stored_session)
                if undo is None:
                    other = self._by_member.get((guild_key(guild_id), user_id))
                    raise _older_than_session() if other not in (None, session_id) else _nothing_to_undo()
                if undo.user_id != user_id:
                    raise _not_yours()
                if self._by_member.get((undo.guild_id, user_id)) not in (None, session_id):
                    raise _older_than_session()
                if undo.number != number:
                    raise _nothing_to_undo()
                stored = await self.queries.state(db, undo.guild_id, user_id, undo.card_key)
                logs = await self.queries.card_logs(db, undo.guild_id, user_id, undo.card_key)
                if not _still_last(undo, stored, logs) or await self.queries.corrected(db, undo.attempt_id):
                    raise _rated_since()
                if not await self.queries.drop_undo(db, undo.guild_id, user_id, undo.attempt_id):
                    raise _nothing_to_undo()  # (taken by another click meanwhile)
                await self.queries.restore_state(db, undo.guild_id, user_id, undo.card_key, undo.before)
                await self.queries.delete_log(db, undo.log_id)
                if await self.attempts.withdraw(db, undo.attempt_id) is None:
                    raise _rated_since()
                counts = await self.queries.session_counts(db, stored_session)
        except STORAGE_ERRORS as exc:
            log.warning("the last review rating of %s was not undone: %s", user_id, exc)
            raise NotUndone() from exc
        return undo, counts

    def _resume(self, session_id: str, undo: UndoRow, user_name: str, channel_id: int | None) -> ReviewSession:
        """A session that had ended (or was lost with a restart), taken up again for an undo of its last rating."""
        now = self.clock()
        session = ReviewSession(
            id=session_id, guild_id=None if undo.guild_id == NO_GUILD else undo.guild_id, user_id=undo.user_id,
            user_name=user_name, channel_id=channel_id, started_at=now, last_activity=now, number=undo.number,
        )  # fmt: skip
        self._sessions[session_id] = session
        self._by_member[(undo.guild_id, undo.user_id)] = session_id
        return session

    async def _again(self, session: ReviewSession, undo: UndoRow) -> Shown | SessionSummary:
        """The card whose rating was undone, shown again as it was asked; the next card when it cannot be asked now
        (no longer in a deck the server sees, or being asked in the server)."""
        card = self._first_askable([undo.card_key], session.guild_id)
        hidden = await self.hidden(session.guild_id, user_id=session.user_id) if self.hidden is not None else frozenset()
        if card is None or card.key in hidden:
            step = self._unless_stopped(session, await self._advance(session))
            return replace(step, undone_aside=UNDONE_GONE if card is None else UNDONE_HELD)
        before = undo.before.memory if undo.before is not None else None
        new_left = await self.members.new_left(session.guild_id, session.user_id, self.clock())
        changed = False
        if before is None:
            new_left = max(0, new_left - 1)  # (this card takes one of today's new cards again)
        else:
            async with self.store.read() as db:
                changed = await self.queries.relearning(db, card.key, before)
        shown = await self._shown(
            session, card, before, new_left=new_left, changed=changed, direction=undo.direction, again=True
        )
        return await self._show(session, shown)

    # -- inside a session ---------------------------------------------------------------------------
    async def _commit(
        self, session: ReviewSession, shown: Shown, verdict: Verdict, response: str, *, gave_up: bool
    ) -> Answered:
        """Store the answer to the card on show with its rating, then tell it. The answer carries the showing's
        key (``Shown.key``): when an earlier answer to this showing could not be confirmed as saved, that one is
        settled first, and if it had been saved its outcome is returned (``Answered.earlier``) and nothing is rated
        again."""
        now = self.clock()
        seconds = max(0.0, (now - shown.shown_at).total_seconds())
        signal = Signal(verdict.kind, str(verdict.reason), seconds=None if gave_up else seconds)
        attempt = Attempt(
            guild_id=session.guild_id, channel_id=session.channel_id, user_id=session.user_id,
            user_name=session.user_name, card_key=shown.card.key, source=Source.REVIEW, response=response,
            verdict=verdict.kind, points=0, created_at=now, session_id=f"rv-{session.id}",
            # the direction: an accepted dispute re-grades it the way it was asked; the key: one rating per showing
            extra={"direction": shown.prompt.direction, "key": shown.key},
        )
        if session.unconfirmed is not None:
            await self._settle(session)
        unsure = session.unconfirmed is not None  # an earlier answer to this showing may be stored
        try:
            try:
                stored = await self._store(session, shown, attempt, signal, look=unsure)
            except sqlite3.IntegrityError:
                if not unsure:
                    raise
                # the earlier answer to this showing committed meanwhile: its key is taken, so it is found now
                stored = await self._store(session, shown, attempt, signal, look=True)
        except STORAGE_ERRORS as exc:
            log.warning("a review answer of %s was not saved: %s", session.user_id, exc)
            unconfirmed = unconfirmed_commit(exc)
            if unconfirmed is not None:
                session.unconfirmed = unconfirmed  # (an earlier one left unsettled takes the same key: one lands)
            raise NotSaved(unconfirmed=unconfirmed is not None or session.unconfirmed is not None) from exc
        session.unconfirmed = None
        if isinstance(stored, Earlier):
            answered = self._earlier(session, shown, stored)
            session.reviewed, session.right, session.learned = stored.counts
            log.info("review %s: the answer to card %d had been saved; not rated again", session.id, shown.number)
        else:
            answered = Answered(shown, verdict, response, stored.rating, stored.after, gave_up=gave_up)
            session.reviewed += 1
            session.right += int(verdict.correct)
            session.learned += int(shown.is_new)
        session.answered = answered
        session.undo = shown.number
        session.last_activity = now
        return answered

    async def _settle(self, session: ReviewSession) -> None:
        """Make the outcome of the earlier answer to the card on show final, if the database can be asked now (a
        write of it still held open is ended, so that it cannot land after the answer sent again)."""
        unconfirmed = session.unconfirmed
        assert unconfirmed is not None
        try:
            landed = await self.store.settle(unconfirmed)
        except STORAGE_ERRORS as exc:
            log.info("review %s: the earlier answer could not be settled: %s", session.id, exc)
            return
        if landed is False:
            session.unconfirmed = None  # nothing of it is stored, nor can be: the card is answered afresh
        log.info("review %s: the earlier answer to the card on show %s", session.id, {
            True: "had been saved", False: "was not saved", None: "is still unconfirmed"}[landed])

    async def _store(
        self, session: ReviewSession, shown: Shown, attempt: Attempt, signal: Signal, *, look: bool
    ) -> Recorded | Earlier:
        """The answer's one transaction: the attempt, its rating and the undo slot; or, with ``look``, the answer
        stored earlier with the same key (``Earlier``), when there is one, and nothing written."""
        async with self.store.transaction() as db:
            prior = await self.attempts.keyed(db, shown.key) if look else None
            if prior is not None:
                return await self._found(db, session, shown.card.key, prior)
            attempt_id = await self.attempts.add(db, attempt)
            await self.queries.showing_active(db, attempt.session_id or "", shown.number, attempt.created_at)
            recorded = await self.record(db, attempt, attempt_id=attempt_id, signal=signal)
            assert recorded is not None  # a fresh attempt always rates
            await self.queries.save_undo(db, UndoRow(
                guild_id=guild_key(session.guild_id), user_id=session.user_id, session_id=attempt.session_id or "",
                number=shown.number, card_key=shown.card.key, attempt_id=attempt_id, log_id=recorded.log_id,
                direction=shown.prompt.direction, before=recorded.stored,
            ))  # fmt: skip
            return recorded

    async def _found(
        self, db: aiosqlite.Connection, session: ReviewSession, card_key: str, prior: tuple[int, str, str]
    ) -> Earlier:
        """The answer to a showing found stored by its key (``AttemptWriter.keyed``), with its rating, the card's
        state and the session's figures as stored."""
        attempt_id, response, verdict = prior
        rating = await self.queries.rating_of(db, attempt_id)
        state = await self.queries.state(db, guild_key(session.guild_id), session.user_id, card_key)
        counts = await self.queries.session_counts(db, f"rv-{session.id}")
        if rating is None or state is None:  # (written with the answer, and deleted with it by an undo)
            raise StoreError(f"the answer {attempt_id} stored for a review card has no rating")
        return Earlier(response, VerdictKind(verdict), Rating(rating), state.memory, counts)

    def _earlier(self, session: ReviewSession, shown: Shown, earlier: Earlier) -> Answered:
        """The outcome of the answer stored earlier for the card on show, as it was told would have been."""
        gave_up = earlier.verdict is VerdictKind.EMPTY
        if gave_up:
            verdict = Verdict(VerdictKind.EMPTY, 0.0, VerdictReason.EMPTY)
        else:
            direction = shown.prompt.direction
            extra = self.overlay(session.guild_id, shown.card.key, direction) if self.overlay is not None else ()
            verdict = grade_card(shown.card, earlier.response, direction=direction, extra_accept=extra)
        return Answered(shown, verdict, earlier.response, earlier.rating, earlier.after, gave_up=gave_up, earlier=True)

    async def _advance(self, session: ReviewSession) -> Shown | SessionSummary:
        shown = await self._pick(session)
        if shown is None:
            return await self._finish(session, stopped=False)
        return await self._show(session, shown)

    async def _show(self, session: ReviewSession, shown: Shown) -> Shown:
        """``_put``, and the card on show written (``_keep``) in the background: the member sees it without waiting
        for the disk (a restart within those milliseconds ends the session, as every restart did before cards on
        show were kept). The writes of one session are made in order."""
        shown = self._put(session, shown)
        before = session.keeping

        async def keep() -> None:
            if before is not None:
                await asyncio.gather(before, return_exceptions=True)
            await self._keep(session, shown)

        task = asyncio.ensure_future(keep())
        session.keeping = task
        self._keeping.add(task)
        task.add_done_callback(self._keeping.discard)
        return shown

    async def _keep(self, session: ReviewSession, shown: Shown) -> None:
        """Write ``shown`` as the session's card on show, so that a restart does not end the session. A database
        that refuses the write does not keep the member from reviewing (a restart would then end the session, as
        it did before cards on show were kept)."""
        if session.ended:
            return
        row = ShowingRow(
            guild_id=guild_key(session.guild_id), user_id=session.user_id, session_id=f"rv-{session.id}",
            user_name=session.user_name, channel_id=session.channel_id, started_at=session.started_at,
            number=shown.number, card_key=shown.card.key, card_data=card_to_json(shown.card),
            direction=shown.prompt.direction, attempt_key=shown.key, shown_at=shown.shown_at,
            active_at=max(shown.shown_at, session.last_activity), due=shown.due, due_capped=shown.due_capped,
            new_left=shown.new_left,
        )  # fmt: skip
        try:
            async with self.store.transaction() as db:
                await self.queries.save_showing(db, row)
        except STORAGE_ERRORS as exc:
            log.warning("review %s: card %d on show was not kept (a restart would end the session): %s",
                        session.id, shown.number, exc)

    async def _forget_showing(self, session: ReviewSession) -> None:
        """The session has ended: its card on show is not taken up again after a restart."""
        if session.keeping is not None:  # (its row written first, then dropped: never left behind)
            await asyncio.gather(session.keeping, return_exceptions=True)
        try:
            async with self.store.transaction() as db:
                await self.queries.drop_showing(db, session_id=f"rv-{session.id}")
        except STORAGE_ERRORS as exc:
            log.warning("review %s: its card on show was not forgotten: %s", session.id, exc)

    async def live(self, session_id: str, *, user_id: int) -> ReviewSession:
        """The member's running session: the one in memory, else the one a restart left in the database (its card
        on show stored, its session not idle longer than ``IDLE``), taken up again. ``Closed`` when it has ended;
        ``UserError`` when it is another member's."""
        if session_id in self._sessions or session_id in self._gone:
            return self.session(session_id, user_id)
        stored = f"rv-{session_id}"
        async with self.store.read() as db:
            row = await self.queries.showing(db, stored)
            if row is None or self.clock() - row.active_at > IDLE:
                raise _ended()
            if row.user_id != user_id:
                raise _not_yours()
            guild_id = None if row.guild_id == NO_GUILD else row.guild_id
            session = ReviewSession(
                id=session_id, guild_id=guild_id, user_id=row.user_id, user_name=row.user_name,
                channel_id=row.channel_id, started_at=row.started_at, last_activity=row.active_at, number=row.number,
            )  # fmt: skip
            shown = self._shown_again(session, row)
            if shown is None:
                raise _ended()
            prior = await self.attempts.keyed(db, row.attempt_key)
            earlier = await self._found(db, session, shown.card.key, prior) if prior is not None else None
            if earlier is None:
                state = await self.queries.state(db, row.guild_id, row.user_id, shown.card.key)
                shown = replace(shown, before=state.memory if state is not None else None)
            undo = await self.queries.undo_of_session(db, stored)
            session.reviewed, session.right, session.learned = await self.queries.session_counts(db, stored)
        if session_id in self._sessions or session_id in self._gone:  # (taken up by another click meanwhile)
            return self.session(session_id, user_id)
        if self._by_member.get((row.guild_id, row.user_id)) not in (None, session_id):
            raise _ended()  # (the member started another review since)
        session.undo = undo.number if undo is not None else None
        session.current = replace(shown, undo=session.undo)
        if earlier is not None:
            session.answered = self._earlier(session, session.current, earlier)
        self._sessions[session_id] = session
        self._by_member[(row.guild_id, row.user_id)] = session_id
        log.info("review %s of %s taken up again at card %d", session_id, user_id, row.number)
        return session

    def _shown_again(self, session: ReviewSession, row: ShowingRow) -> Shown | None:
        """The card on show as it was shown (the deck's own card when unchanged; ``_latest`` then sees a new
        version); None when it cannot be read back or asked that way."""
        try:
            asked = card_from_json(row.card_data)
        except (ValueError, TypeError):
            log.warning("review %s: its card on show could not be read back", session.id)
            asked = None
        now = self.catalog.view(session.guild_id).card(row.card_key)
        card = now if asked is None or now == asked else asked
        if card is None or row.direction not in prompts.directions_for(card):
            return None
        return Shown(
            number=row.number, card=card, prompt=prompts.make_prompt(card, row.direction), shown_at=row.shown_at,
            before=None, due=row.due, new_left=row.new_left, due_capped=row.due_capped, key=row.attempt_key,
        )  # fmt: skip

    @staticmethod
    def _put(session: ReviewSession, shown: Shown) -> Shown:
        """``shown`` becomes the card on show (with the rating the member can undo from it)."""
        shown = replace(shown, undo=session.undo)
        session.current, session.answered, session.unconfirmed = shown, None, None
        session.number = shown.number
        session.last_activity = shown.shown_at
        return shown

    async def _pick(self, session: ReviewSession) -> Shown | None:
        """The most overdue card in the member's topics; else a new card if today's limit allows."""
        now = self.clock()
        guild = guild_key(session.guild_id)
        row = await self.members.row(session.guild_id, session.user_id)
        decks = self.members.decks(session.guild_id)
        due_keys = await self.queries.due_cards(
            guild, session.user_id, now, topics=row.topics, decks=decks, limit=CANDIDATES
        )
        hidden = await self.hidden(session.guild_id, user_id=session.user_id) if self.hidden is not None else frozenset()
        if hidden:
            due_keys = [key for key in due_keys if key not in hidden]
        card = self._first_askable(due_keys, session.guild_id)
        before: CardState | None = None
        changed = False
        new_left = await self.members.new_left(session.guild_id, session.user_id, now)
        if card is not None:
            async with self.store.read() as db:
                stored = await self.queries.state(db, guild, session.user_id, card.key)
                before = stored.memory if stored is not None else None
                changed = before is not None and await self.queries.relearning(db, card.key, before)
        elif new_left > 0:
            new_keys = await self.queries.new_cards(
                guild, session.user_id, topics=row.topics, decks=decks, limit=CANDIDATES
            )
            card = self._first_askable([key for key in new_keys if key not in hidden], session.guild_id)
            new_left -= int(card is not None)
        if card is None:
            return None
        return await self._shown(session, card, before, new_left=new_left, changed=changed)

    async def _shown(
        self,
        session: ReviewSession,
        card: Card,
        before: CardState | None,
        *,
        new_left: int,
        changed: bool,
        direction: str | None = None,
        again: bool = False,
    ) -> Shown:
        """``card`` as the session's next card: asked in ``direction`` when it can be (else one drawn), with the
        member's due count."""
        now = self.clock()
        row = await self.members.row(session.guild_id, session.user_id)
        due = await self.queries.count_due(
            guild_key(session.guild_id), session.user_id, now, topics=row.topics,
            decks=self.members.decks(session.guild_id), cap=DUE_COUNT_CAP,
        )  # fmt: skip
        directions = prompts.directions_for(card)
        if direction is None or direction not in directions:
            direction = self.rng.choice(directions)
        return Shown(
            number=session.number + 1, card=card, prompt=prompts.make_prompt(card, direction), shown_at=now,
            before=before, due=due, new_left=new_left, due_capped=due >= DUE_COUNT_CAP, changed=changed,
            again=again,
        )

    def _first_askable(self, keys: Sequence[str], guild_id: int | None = None) -> Card | None:
        """The first card of ``keys`` that can be asked in the server ``guild_id`` (a deck it sees)."""
        seen = self.catalog.view(guild_id)
        for key in keys:
            card = seen.card(key)
            if card is not None and card.askable and prompts.directions_for(card):
                return card
        return None

    async def _finish(self, session: ReviewSession, *, stopped: bool) -> SessionSummary:
        row = await self.members.row(session.guild_id, session.user_id)
        guild, decks = guild_key(session.guild_id), self.members.decks(session.guild_id)
        next_due = await self.queries.next_due(guild, session.user_id, topics=row.topics, decks=decks)
        empty = None
        if not stopped and next_due is None:  # (also after reviews: their deck may have been turned off since)
            empty = await self._why_empty(session)
        still_due = 0
        now = self.clock()
        if next_due is not None and next_due <= now:  # (stopped with cards left, or the due ones set aside)
            still_due = await self.queries.count_due(
                guild, session.user_id, now, topics=row.topics, decks=decks, cap=DUE_COUNT_CAP
            )
        self._end(session)
        await self._forget_showing(session)
        return SessionSummary(
            session.reviewed, session.right, session.learned, next_due, stopped, empty, still_due=still_due,
            undo=session.undo,
        )

    async def _why_empty(self, session: ReviewSession) -> str:
        """Why a member has nothing to review at all: no card in the server's decks (and their topics), no new
        cards a day, or today's new cards done."""
        row = await self.members.row(session.guild_id, session.user_id)
        return self.members.why_empty(session.guild_id, row, new_left=0) or NEW_USED

    def _end(self, session: ReviewSession) -> None:
        session.ended = True
        self._gone[session.id] = None
        while len(self._gone) > ENDED_KEPT:
            del self._gone[next(iter(self._gone))]
        self._sessions.pop(session.id, None)
        key = (guild_key(session.guild_id), session.user_id)
        if self._by_member.get(key) == session.id:
            del self._by_member[key]

    def _sweep(self, now: datetime) -> None:
        for session in [s for s in self._sessions.values() if now - s.last_activity > IDLE]:
            self._end(session)

    # -- for the other features ------------------------------------------------------------------------
    async def due_for_practice(self, guild_id: int | None, user_id: int, keys: Sequence[str] | None = None) -> list[str]:
        """The member's due cards (among ``keys``), most overdue first: practice asks these first."""
        return await self.queries.due_keys(guild_key(guild_id), user_id, self.clock(), keys)

    async def daily_order(self, guild_id: int, cards: Sequence[Card]) -> list[Card]:
        """``cards`` ordered for the daily question: those most members are about to forget, then cards
        no member has met, then the rest (each group in the given order)."""
        until = self.clock() + DAILY_HORIZON
        forgetting = await self.queries.forgetting(guild_id, until)
        seen = await self.queries.seen_cards(guild_id)
        return rank_for_daily(cards, forgetting, seen)

