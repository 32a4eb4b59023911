"""The disputes use-cases: a player disputes a verdict, moderators accept or reject it, the player hears
the outcome; accepted answers become a per-server overlay the grader is given; moderators' insight."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

import aiosqlite

from bot.core import prompts
from bot.core.catalog import Catalog, card_names
from bot.core.clock import Clock
from bot.core.decks import ITEM_MAX
from bot.core.disputes import errors
from bot.core.disputes.insight import TOP_WRONG, answer_key, build_insight, insight_csv, ranked_wrong_answers
from bot.core.disputes.models import (
    DAILY_CAP,
    DIRECTIONS,
    DISPUTABLE,
    SOURCES,
    Decision,
    Dispute,
    Insight,
    QueuePage,
    Regraded,
    TakenBack,
    WrongAnswer,
)
from bot.core.disputes.regrade import plan_corrections, question_key, streak_from
from bot.core.grading import grade, grade_card, grade_card_async, normalise
from bot.core.models import Card, HiddenCards, VerdictKind, asks_alike
from bot.core.scoring import answer_points
from bot.core.storage import Store
from bot.core.storage.daily_queries import DailyQueries, daily_post_id
from bot.core.storage.deck_queries import card_from_json
from bot.core.storage.dispute_queries import AttemptRow, DisputeQueries, Overlay
from bot.core.text import fold

log = logging.getLogger(__name__)

#: How many answers as typed the insight groups: of each card, its most frequent spellings; in all, every card's
#: most frequent before any card's rarer ones.
WRONG_SPELLINGS_PER_CARD = 1_000
WRONG_ANSWER_ROWS = 50_000
#: An accept grades this many stored answers ahead of its write, at most, between two turns of the loop.
_GRADED_BETWEEN_TURNS = 20
#: The window of the per-player cap on disputes.
CAP_WINDOW = timedelta(days=1)
#: The most decided disputes told to a player with one answer (the rest with the next): a reply stays short.
NOTICES_AT_ONCE = 3
#: The review page grades this many of the other stored answers on the card, the most typed, to show what an
#: accept would make right too (``QueuePage.also_right``), and shows this many of them.
PREVIEW_GRADED = 200
PREVIEW_SHOWN = 5
#: Marks that part a typed answer into names the grader may read on their own once it is accepted: "or", "and",
#: a slash, a semicolon, a colon, a comma, brackets, a dash between words ("top-k; temperature", "top-k (temperature)").
_PIECES_RE = re.compile(r"\s+(?:or|and)\s+|\s*[;:,/()\[\]]\s*|\s+[-\u2013\u2014]+\s+", re.IGNORECASE)
#: The pieces of an accepted answer checked (``_pieces``): at most this many, of at most so many words each.
_PIECES_CHECKED = 16
_PIECE_WORDS = 10


def _pieces(answer: str) -> list[str]:
    """The parts of ``answer`` between its marks (``_PIECES_RE``), in order, the answer itself left out: what an
    accepted answer might make right alone."""
    whole = answer.strip()
    out: list[str] = []
    for part in _PIECES_RE.split(whole):
        part = part.strip()
        if part and part != whole and part not in out and len(part.split()) <= _PIECE_WORDS:
            out.append(part)
        if len(out) >= _PIECES_CHECKED:
            break
    return out
OverlayKey = tuple[int, str, str]


def accepted_answers(card: Card, direction: str) -> tuple[str, ...]:
    """The answers the deck accepts for a card asked in ``direction`` (key points for an essay card)."""
    if direction == "term":
        return card.names
    return card.accept or card.keypoints


def asked_version(card: Card, direction: str) -> str:
    """The version of a card an accepted answer is kept for: what it asks in ``direction`` (its question, term and
    key points; asked the other way round, its answer text too), not its tags, note, explanation or other
    answers. A digest, stored with the answer (``accept_overlays.asked``)."""
    parts = [direction, card.question, card.term or "", *card.keypoints]
    if direction != "question":
        parts.append(card.answer)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class DisputeService:
    """Disputes, overlays and insight for every server (see ``bot.core.disputes``)."""

    def __init__(self, *, store: Store, catalog: Catalog, clock: Clock, daily_cap: int = DAILY_CAP) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.daily_cap = daily_cap
        #: Whether a live quiz (its id) still has a question on a card (its key) open: answers to it are still
        #: scored there, so no dispute of one is accepted yet (set by the services to the quiz's own answer).
        self.still_open: Callable[[str | None, str], bool] = lambda session_id, card_key: False
        #: The card as a live quiz (its id) asked it in its question on a card (its key) open at a time; None once
        #: the quiz is no longer in memory (set by the services to ``QuizService.asked_card``).
        self.asked: Callable[[str | None, str, datetime], Card | None] = lambda session_id, card_key, at: None
        #: The cards whose answers are hidden in a server now (``QuizService.hidden_cards``): a dispute page on one
        #: keeps its accepted answers hidden, whichever question the disputed answer was given to.
        self.hidden: HiddenCards | None = None
        #: The cards a running quiz will still ask a member (a server, a member): its channel quizzes' and the
        #: member's practice's planned questions not closed yet (set by the services to ``QuizService.coming_cards``).
        #: An accept on one waits until it is asked and closed: told at the start, it would hand that answer over.
        self.coming: Callable[[int | None, int], frozenset[str]] = lambda guild_id, user_id: frozenset()
        #: Inside an accepted dispute's transaction, the answers it corrected, (attempt id, hints asked): their
        #: cards rescheduled as right answers (set by the services to ``ReviewService.regraded``).
        self.rescheduled: Callable[[aiosqlite.Connection, Sequence[tuple[int, int]]], Awaitable[int]] | None = None
        #: Inside a taken-back accept's transaction, the answers given their verdicts again, (attempt id, hints asked,
        #: verdict): their cards rescheduled as those verdicts rate (set by the services to ``ReviewService.regraded_as``).
        self.rescheduled_as: (
            Callable[[aiosqlite.Connection, Sequence[tuple[int, int, VerdictKind]]], Awaitable[int]] | None
        ) = None
        self.queries = DisputeQueries()
        self.daily = DailyQueries(store)
        #: per server, card and direction: each accepted answer and the version of the card it was accepted for
        #: (``asked_version``; None: every version)
        self._overlays: dict[OverlayKey, tuple[tuple[str, str | None], ...]] = {}
        #: per card key: the card as last seen and its ``asked_version`` per direction (``overlay_accepts``)
        self._versions: dict[tuple[str, str], tuple[Card, str]] = {}
        self._untold: set[tuple[int, int]] = set()  # (guild, player) with a decision they have not seen

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Load every server's overlays into memory (graders read them without waiting)."""
        async with self.store.read() as db:
            found = await self.queries.overlays(db)
            self._untold = set(await self.queries.players_with_unseen(db))
        cache: dict[OverlayKey, tuple[tuple[str, str | None], ...]] = {}
        for o in found:
            key = (o.guild_id, o.card_key, o.direction)
            cache[key] = (*cache.get(key, ()), (o.answer, o.asked))
        self._overlays = cache

    async def close(self) -> None:
        """Nothing runs in the background."""

    # -- overlays ------------------------------------------------------------------------------
    def overlay_accepts(
        self, guild_id: int | None, card_key: str, direction: str = "question", card: Card | None = None
    ) -> tuple[str, ...]:
        """The answers this server accepts for the card beyond the deck's own (from memory, no wait): those accepted
        for the question the card asks (``asked_version``): ``card``, the version a question asked, else the deck's
        card now. One accepted for another version of the card (the deck imported again, its file edited) is not,
        until the card asks that question again."""
        if guild_id is None:
            return ()
        found = self._overlays.get((guild_id, card_key, direction))
        if not found:
            return ()
        version = self._version(card_key, direction, card)
        return tuple(answer for answer, asked in found if asked is None or version is None or asked == version)

    def _version(self, card_key: str, direction: str, card: Card | None = None) -> str | None:
        """``asked_version`` of ``card``, else of the deck's card now (None when no deck has it), worked out once
        per version."""
        card = card or self.catalog.card(card_key)
        if card is None:
            return None
        seen = self._versions.get((card_key, direction))
        if seen is not None and seen[0] is card:
            return seen[1]
        version = asked_version(card, direction)
        self._versions[card_key, direction] = (card, version)
        return version

    # -- players -------------------------------------------------------------------------------
    async def open_dispute(
        self,
        *,
        guild_id: int | None,
        user_id: int,
        user_name: str,
        attempt_id: int,
        prompt: str | None = None,
        direction: str = "question",
        accepted: Sequence[str] | None = None,
    ) -> Dispute:
        """The player says a stored answer of theirs was right: record it for the moderators.

        The card, the typed answer, the verdict and the source come from the stored answer; ``prompt`` is
        what the player was asked (by default the card's question) and ``direction`` how (``question`` or
        ``term``); ``accepted`` the answers
        the card accepted then (by default the deck's and the server's overlay). One dispute per answer, at
        most ``daily_cap`` per player per server in 24 hours; answers judged right cannot be disputed. While
        the card is asked in the server again (``hidden``), an answer to an earlier question on it waits
        (``asked_again``); one to the open question itself is recorded as usual.
        """
        if guild_id is None:
            raise errors.server_only()
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
        now = self.clock()
        hidden = await self.hidden(guild_id) if self.hidden is not None else frozenset()
        async with self.store.transaction() as db:
            attempt = await self.queries.attempt(db, attempt_id)
            if attempt is None or attempt.guild_id != guild_id or attempt.source not in SOURCES:
                raise errors.no_such_answer()
            if attempt.user_id != user_id:
                raise errors.not_yours()
            if attempt.card_key in hidden and not await self._question_open(db, attempt):
                # An earlier answer to a card asked in the server again: what became of it ("accepted since: it
                # counts as right now") names an answer the open question takes, as the held notice would. Every
                # such answer gets the same reply, decided or not, so that the reply tells nothing either.
                raise errors.asked_again()
            if attempt.verdict not in DISPUTABLE:
                # (corrected by an accept since: its player's feedback still shows the verdict it had)
                points = await self.queries.corrected_points(db, attempt_id)
                if points is not None:
                    raise errors.corrected(points)
                raise errors.not_disputable(attempt.verdict)
            if attempt.choice:
                raise errors.picked()
            if self.catalog.card(attempt.card_key) is None:
                raise errors.card_gone()  # (moderators could not judge it: no question, no answers to show)
            # (one at a time per member, across processes: a second press of the button waits here, then finds
            # the dispute the first opened, before counting it against the daily cap)
            await self.queries.lock_player(db, guild_id, user_id)
            earlier = await self.queries.dispute_of_attempt(db, attempt_id)
            if earlier is not None:
                raise errors.already_disputed(earlier.status, earlier)
            recent = await self.queries.opened_since(db, guild_id, user_id, now - CAP_WINDOW)
            if len(recent) >= self.daily_cap:
                raise errors.too_many(self.daily_cap, recent[len(recent) - self.daily_cap] + CAP_WINDOW)
            # (the card as its question asked it: the deck may have had a new version imported since)
            asked = await self._asked_card(db, attempt)
            if accepted is None:
                accepted = self._accepted(guild_id, attempt, direction, asked)
            if prompt is None:
                prompt = self._prompt(attempt.card_key, direction, asked)
            new_id = await self.queries.add_dispute(
                db, attempt=attempt, guild_id=guild_id, user_name=user_name, direction=direction, prompt=prompt,
                accepted=accepted, at=now,
            )  # fmt: skip
            if new_id is None:  # opened meanwhile all the same: the one that was
                earlier = await self.queries.dispute_of_attempt(db, attempt_id)
                raise errors.already_disputed(earlier.status if earlier is not None else "open", earlier)
            dispute = await self.queries.dispute(db, new_id)
        assert dispute is not None
        log.info(
            "dispute %s opened in guild %s on %s (%s)",
            dispute.id,
            guild_id,
            dispute.card_key,
            dispute.verdict,
        )
        return dispute

    async def daily_attempt(self, post_id: int, user_id: int) -> int | None:
        """The stored answer a member counted on a daily question (what their "I was right" disputes)."""
        async with self.store.read() as db:
            return await self.queries.daily_attempt(db, post_id, user_id)

    async def _daily_card(self, db: aiosqlite.Connection, attempt: AttemptRow) -> Card | None:
        """The card a daily answer's question asked, as it was when posted (None: not kept, read the deck's)."""
        post_id = daily_post_id(attempt.session_id)
        post = await self.daily.post(db, post_id) if post_id is not None else None
        return _card_of(post.card_data) if post is not None else None

    async def _asked_card(self, db: aiosqlite.Connection, attempt: AttemptRow) -> Card | None:
        """The card a stored answer's question asked, as it was asked: a daily question's as posted, a quiz or
        practice question's as the live quiz holds it (None: the deck's now). A quiz no longer in memory, on a
        card the deck has had a new version of since the answer, asked a question nobody knows now:
        ``card_changed`` (moderators would judge the answer against another question)."""
        if attempt.source == "daily":
            return await self._daily_card(db, attempt)
        asked = self.asked(attempt.session_id, attempt.card_key, attempt.created_at)
        if asked is None and await self._changed_since(db, attempt):
            raise errors.card_changed()
        return asked

    async def _changed_since(self, db: aiosqlite.Connection, attempt: AttemptRow) -> bool:
        """Whether the deck's card is a version stored after ``attempt`` was given (a new version imported since)."""
        stored_at = await self.queries.card_stored_at(db, attempt.card_key)
        return stored_at is not None and stored_at > attempt.created_at

    async def _posted_cards(
        self, db: aiosqlite.Connection, attempts: Sequence[AttemptRow], card_key: str
    ) -> dict[int, Card]:
        """The daily answers among ``attempts`` whose question was posted with another version of the card than
        the deck has now (a new version imported since): attempt id -> the card as posted."""
        current = self.catalog.card(card_key)
        by_post: dict[int, Card | None] = {}
        found: dict[int, Card] = {}
        for attempt in attempts:
            post_id = daily_post_id(attempt.session_id) if attempt.source == "daily" else None
            if post_id is None:
                continue
            if post_id not in by_post:
                card = await self._daily_card(db, attempt)
                by_post[post_id] = card if card is not None and card != current else None
            card = by_post[post_id]
            if card is not None:
                found[attempt.id] = card
        return found

    def _prompt(self, card_key: str, direction: str, asked: Card | None = None) -> str:
        """What the player was asked, as far as the card tells (``asked``: the card as asked, when known): its
        question, or (``term``) the text shown to recall the term from."""
        card = asked or self.catalog.card(card_key)
        if card is None:
            return ""
        if direction == "question":
            return card.question
        return prompts.term_prompt_text(card) or card.answer.split("\n\n", 1)[0].strip()

    def _accepted(
        self, guild_id: int, attempt: AttemptRow, direction: str, asked: Card | None = None
    ) -> tuple[str, ...]:
        card = asked or self.catalog.card(attempt.card_key)
        deck = accepted_answers(card, direction) if card is not None else ()
        return (*deck, *self.overlay_accepts(guild_id, attempt.card_key, direction=direction, card=card))

    def forgotten(self, guild_id: int, user_id: int) -> None:
        """A member's data in ``guild_id`` was deleted (their disputes with it): nothing is left to tell them."""
        self._untold.discard((guild_id, user_id))

    async def take_notices(self, guild_id: int | None, user_id: int, *, limit: int = NOTICES_AT_ONCE) -> list[Dispute]:
        """The player's disputes decided since they were last told, oldest first, at most ``limit`` (then
        marked as told; the rest are told next time).

        Who has something to be told is kept in memory (loaded at start, added to by each decision), so a
        call for a player with nothing new costs no read; call it on each of their answers. Two answers at
        once tell a decision once: the first takes the player off the list before it reads."""
        key = (guild_id, user_id)
        if guild_id is None or key not in self._untold:
            return []  # known from memory: most calls read nothing
        # An accept on a card asked in the server now waits until that question closes: "X now counts as right"
        # names an answer the open question accepts. (A rejection says only what a wrong answer says.)
        hidden = await self.hidden(guild_id, user_id=user_id) if self.hidden is not None else frozenset()
        hidden |= self.coming(guild_id, user_id)
        self._untold.discard(key)
        try:
            async with self.store.transaction() as db:
                found = await self.queries.unseen_outcomes(db, guild_id, user_id)
                held = [d for d in found if d.status == "accepted" and d.card_key in hidden]
                found = [d for d in found if d not in held]
                told = found[: max(1, limit)]
                if told:
                    await self.queries.mark_seen(db, [d.id for d in told], self.clock())
                # (an accepted answer to an older version of the card: right to the question as asked, not to the
                # card now, as the accept decided it)
                told = [replace(d, card_changed=await self._older(db, d)) if d.status == "accepted" else d for d in told]
        except BaseException:
            self._untold.add(key)  # nothing was marked: told next time
            raise
        if len(found) > len(told) or held:
            self._untold.add(key)
        return told

    async def untell(self, guild_id: int, user_id: int, told: Sequence[Dispute]) -> None:
        """Decisions ``take_notices`` gave that the player was not told after all (the message could not be
        sent): told next time."""
        if not told:
            return
        async with self.store.transaction() as db:
            await self.queries.mark_unseen(db, [d.id for d in told])
        self._untold.add((guild_id, user_id))

    async def recent(self, guild_id: int, user_id: int, limit: int = 5) -> list[Dispute]:
        """The player's latest disputes in the server, newest first (for /stats); but an accepted one on a card asked
        in the server now (it would name an answer that scores on the open question)."""
        hidden = await self.hidden(guild_id, user_id=user_id) if self.hidden is not None else frozenset()
        async with self.store.read() as db:
            found = await self.queries.recent_disputes(db, guild_id, user_id, limit * 5 if hidden else limit)
        return [d for d in found if d.status != "accepted" or d.card_key not in hidden][:limit]

    # -- moderators ----------------------------------------------------------------------------
    async def page(
        self, guild_id: int, *, after: int | None = None, before: int | None = None, viewer: int | None = None
    ) -> QueuePage | None:
        """An open dispute to review: the oldest (after id ``after``), or the one before id ``before``.

        Past either end it wraps round to the other; None when no dispute is open. While the question it is
        about is still open (``answers_hidden``), its accepted answers are not to be shown; nor, to the moderator
        ``viewer``, while the card is asked in another server they play in.
        """
        async with self.store.read() as db:
            found = await self.queries.open_dispute_near(db, guild_id, after=after, before=before)
            if found is None and before is not None:  # before the first: the last
                found = await self.queries.open_dispute_near(db, guild_id, before=1 << 62)
            elif found is None and after is not None:  # after the last: the first
                found = await self.queries.open_dispute_near(db, guild_id)
            if found is None:
                return None
            place, total = await self.queries.open_position(db, guild_id, found.id)
            hidden = await self._answers_hidden(db, found, viewer)
            label = await self._card_label(db, guild_id, found.card_key)
            disputed = await self.queries.attempt(db, found.attempt_id)
            asked, older = await self._disputed_card(db, disputed)
            candidates = [] if hidden or older else await self.queries.regrade_candidates(
                db, guild_id, found.card_key, found.direction
            )
            if candidates:
                # (as the accept does: an answer from before the deck's version of the card was stored answered
                # another question, and is not graded against this one)
                stored_at = await self.queries.card_stored_at(db, found.card_key)
                candidates = [
                    a for a in candidates if a.source == "daily" or stored_at is None or a.created_at >= stored_at
                ]
        also, more = await self._also_right(found, candidates, asked, older) if candidates else ((), 0)
        return QueuePage(
            found, place, total, answers_hidden=hidden, card_label=label, card_changed=older,
            also_right=also, also_right_more=more,
        )  # fmt: skip

    async def _also_right(
        self, dispute: Dispute, candidates: Sequence[AttemptRow], card: Card | None, older: bool
    ) -> tuple[tuple[tuple[str, int], ...], int]:
        """What the review page shows of an accept's reach (``QueuePage.also_right``): the other stored answers it
        would make right, the ``PREVIEW_SHOWN`` most typed of them, and how many more; of the ``PREVIEW_GRADED``
        most typed other answers only (each graded once, the loop getting its turn between a few). Nothing for an
        answer to another version of the card (``older``): its accept corrects the answers to that question only."""
        answer = dispute.response.strip()
        own = answer_key(answer)
        keys = await _answer_keys(a.response for a in candidates)  # (the loop's turn between slices of them)
        times: Counter[str] = Counter(a.response for a in candidates if keys[a.response] != own)
        if not times:
            return (), 0
        right_then = self._live_grader(dispute, answer, added=True, card=card, recorded=older)
        right_now = self._live_grader(dispute, answer, added=False, card=card, recorded=older)
        found: list[tuple[str, int]] = []
        for k, (text, n) in enumerate(times.most_common(PREVIEW_GRADED)):
            if k % _GRADED_BETWEEN_TURNS == _GRADED_BETWEEN_TURNS - 1:
                await asyncio.sleep(0)
            if right_then(text) and not right_now(text):
                found.append((text, n))
        return tuple(found[:PREVIEW_SHOWN]), max(0, len(found) - PREVIEW_SHOWN)

    async def _older(self, db: aiosqlite.Connection, dispute: Dispute) -> bool:
        """Whether the disputed answer was to another version of the card than the deck's now (as ``accept``
        decides it: the answer corrects the answers to the question as asked, and joins no accepted answers)."""
        return (await self._disputed_card(db, await self.queries.attempt(db, dispute.attempt_id)))[1]

    async def _card_label(self, db: aiosqlite.Connection, guild_id: int, card_key: str) -> str:
        """``deck name:card id``: a card's key as the server knows its deck (a card no longer in the catalog: as
        last stored); empty when the card is unknown."""
        card = self.catalog.card(card_key)
        if card is not None:
            return self.catalog.label(card, guild_id)
        stored = (await self.queries.stored_card_names(db, [card_key])).get(card_key)
        if stored is None:
            return ""
        return self.catalog.stored_label(guild_id, stored.deck_name, stored.card_id, shared=stored.shared)

    async def _answers_hidden(self, db: aiosqlite.Connection, dispute: Dispute, viewer: int | None = None) -> bool:
        """Whether the card's answers are hidden from the moderators now: the question the disputed answer was
        given to is still open, or another question on the card is (``hidden``), or the typed answer answers an
        open question on another card ("ridge" typed to the L1 card while the L2 one is asked); for the moderator
        ``viewer``, in the other servers they play in too."""
        attempt = await self.queries.attempt(db, dispute.attempt_id)
        if attempt is not None and await self._question_open(db, attempt):
            return True
        if self.hidden is None:
            return False
        hidden = await self.hidden(dispute.guild_id, user_id=viewer)
        if dispute.card_key in hidden or self._named_as_hidden([dispute.card_key], hidden):
            return True
        return bool(hidden) and bool(await self._answering(dispute.guild_id, hidden, {dispute.response}))

    def _named_as_hidden(
        self, keys: Iterable[str], hidden: frozenset[str], card_ids: Mapping[str, str] | None = None
    ) -> set[str]:
        """The cards of ``keys`` that share a name with a ``hidden`` card (its term or an alias; a card out of the
        catalog by its id, a slug of its term, or ``card_ids``): the same term has the same answer. ``hidden`` holds
        such twins only among the decks the server sees; figures and dispute pages also show the cards of its decks
        turned off and removed."""
        if not hidden:
            return set()
        names: set[str] = set()
        for key in hidden:
            card = self.catalog.card(key)
            if card is not None:
                names.update(card_names(card))
        found: set[str] = set()
        for key in keys:
            if key in hidden:
                continue
            card = self.catalog.card(key)
            # (a card out of the catalog, of a removed deck, is known by its id alone: the slug of its term)
            own = set(card_names(card)) if card is not None else {fold((card_ids or {}).get(key) or key.partition(":")[2])}
            if own & names:
                found.add(key)
        return found

    async def _answering(self, guild_id: int, hidden: Iterable[str], texts: set[str]) -> set[str]:
        """The ``texts`` the grader takes as right answers to one of the ``hidden`` cards (in the server, with the
        answers it accepted): shown now, they would give an open question's answer away."""
        found: set[str] = set()
        for key in hidden:
            card = self.catalog.card(key)
            if card is None:
                continue
            # (the open question may ask the card either way: by its question, or for its term)
            for direction in DIRECTIONS if card.names else ("question",):
                extra = self.overlay_accepts(guild_id, key, direction)
                for text in texts - found:
                    if (await grade_card_async(card, text, direction=direction, extra_accept=extra)).correct:
                        found.add(text)
        return found

    async def _undecidable_now(self, db: aiosqlite.Connection, dispute: Dispute) -> bool:
        """Whether ``dispute`` is of an answer to a question still open (``QueuePage.typed_hidden``): the
        moderator, who may be playing it, neither sees nor decides it until the question closes. Whatever its
        verdict: a wrong answer may hold the card's ("temperature or top-k"), and an accepted one would score
        for whoever types it next on the open question."""
        return await self._answers_hidden(db, dispute)

    async def _question_open(self, db: aiosqlite.Connection, attempt: AttemptRow) -> bool:
        """Whether the question a stored answer was given to is still open: a channel quiz's or a practice's
        question still scoring answers, or a daily question not revealed yet (its answers are not to be seen
        before then)."""
        if attempt.source in ("quiz", "practice"):
            return self.still_open(attempt.session_id, attempt.card_key)
        post_id = daily_post_id(attempt.session_id) if attempt.source == "daily" else None
        if post_id is not None:
            post = await self.daily.post(db, post_id)
            return post is not None and post.revealed_at is None
        return False

    def _scoring(self, attempt: AttemptRow) -> bool:
        """Whether the question a stored answer was given to still scores answers: a channel quiz's or a
        private practice's question still open (its player may answer it again, and would score twice if the
        accept corrected this answer too)."""
        return attempt.source in ("quiz", "practice") and self.still_open(attempt.session_id, attempt.card_key)

    async def reject(self, dispute_id: int, *, guild_id: int, moderator_id: int, owner: bool = False) -> Decision:
        """Close a dispute without changing anything. A moderator decides no dispute of their own but the server's
        ``owner`` (raises ``UserError``)."""
        async with self.store.transaction() as db:
            dispute = await self._open(db, dispute_id, guild_id, moderator_id=moderator_id, owner=owner)
            if await self._undecidable_now(db, dispute):
                raise errors.question_open()
            if not await self.queries.decide(db, dispute_id, status="rejected", by=moderator_id, at=self.clock()):
                raise await self._decided_meanwhile(db, dispute_id)
        self._untold.add((guild_id, dispute.user_id))
        log.info("dispute %s rejected by %s", dispute_id, moderator_id)
        return Decision(await self._reread(dispute_id) or dispute, accepted=False)

    async def accept(self, dispute_id: int, *, guild_id: int, moderator_id: int, owner: bool = False) -> Decision:
        """Accept a dispute: the typed answer joins the server's accepted answers for that card and prompt
        direction, every stored answer on the card in the server that it makes right is corrected (points,
        the daily streak and the winner of a finished channel quiz given back; a /review answer counts as
        right, with no points), and the dispute closes. All in one transaction. A moderator decides no dispute
        of their own but the server's ``owner`` (raises ``UserError``)."""
        now = self.clock()
        # The stored answers are graded before the write lock is taken, the loop getting its turn between them
        # (thousands of answers take a second or more); only those stored meanwhile are graded inside it.
        graded = await self._graded_ahead(dispute_id, guild_id)
        async with self.store.transaction() as db:
            dispute = await self._open(db, dispute_id, guild_id, moderator_id=moderator_id, owner=owner)
            disputed = await self.queries.attempt(db, dispute.attempt_id)
            if disputed is not None and self._scoring(disputed):
                raise errors.still_open()
            if await self._undecidable_now(db, dispute):
                raise errors.question_open()
            answer = dispute.response.strip()
            pieces = _pieces(answer)
            # (the disputed answer's question as asked, when the deck has had another version of the card since:
            # ``older``; the card itself when known, a daily question's as posted or a live quiz's)
            asked_disputed, older = await self._disputed_card(db, disputed)
            card_now = asked_disputed or self.catalog.card(dispute.card_key)
            if len(answer) > ITEM_MAX["accept"] and not (card_now is not None and card_now.is_essay):
                # (an essay card's exported file keeps its key points, not the answers a server accepted)
                raise errors.too_long_to_accept(len(answer), ITEM_MAX["accept"])
            if pieces:
                # An accepted answer makes right alone each name the grader reads in it: those it offers ("top-k or
                # temperature") and the one it explains ("top-k; temperature", "top-k (temperature)"). None may
                # become right that is not right already.
                right_now = self._live_grader(dispute, answer, added=False, card=asked_disputed, recorded=older)
                right_then = self._live_grader(dispute, answer, added=True, card=asked_disputed, recorded=older)
                others = [name for name in pieces if right_then(name) and not right_now(name)]
                if others:
                    raise errors.offers_others(others)
            # An answer to another version of the card is right to that question, not to the deck's card now: it
            # corrects the answers to the question as asked, and the server's accepted answers stay as they are.
            added = False
            norm = normalise(answer) or fold(answer) or answer
            asked = self._version(dispute.card_key, dispute.direction)
            if asked is None and not older:
                # (a card in no deck now, a removed deck's: accepted for its version as last stored, the one the
                # answer was given to, so that the deck imported again unchanged takes it, and changed does not)
                asked = await self._stored_version(db, dispute.card_key, dispute.direction)
            if not older and asked is not None:
                overlay = Overlay(guild_id, dispute.card_key, dispute.direction, answer, asked)
                added = await self.queries.add_overlay(
                    db, overlay, norm=norm, dispute_id=dispute_id, by=moderator_id, at=now
                )

            live = self._live_grader(dispute, answer, added)
            # (the answers of the disputed one's quiz to the card, asked as it was then, when that was another version)
            as_asked = (
                self._live_grader(dispute, answer, True, card=asked_disputed, recorded=True)
                if older and disputed is not None and disputed.source != "daily"
                else None
            )
            # Other answers given before the deck's version of the card was stored answered another question, which
            # is not known now (but that of the disputed answer's quiz): none is graded against the card now.
            stored_at = await self.queries.card_stored_at(db, dispute.card_key)
            # (graded ahead with the same answers accepted: the server's, and this one, added to them)
            same = graded is not None and graded[0] == (answer, self._others(dispute, answer)) and not older
            ahead = graded[1] if graded is not None and same else {}

            candidates = await self.queries.regrade_candidates(db, guild_id, dispute.card_key, dispute.direction)
            # Daily answers to a question posted with another version of the card than the deck's now are graded
            # against the card as posted, as they were: the new version's answers are no answer to it.
            posted = await self._posted_cards(db, candidates, dispute.card_key)
            posted_graders: dict[str | None, Callable[[str], bool]] = {}  # (one a daily post)

            def makes_right(attempt: AttemptRow) -> bool:
                # Only an answer the new one makes right is corrected: one live grading takes as right without it
                # (a grader since improved, another answer accepted meanwhile) was not judged by this dispute.
                if not right_with(attempt):
                    return False
                return attempt.id == dispute.attempt_id or not right_without(attempt)

            without: dict[str | None, Callable[[str], bool]] = {}
            without_said: dict[tuple[str | None, str], bool] = {}  # (each text graded once per question)

            def right_without(attempt: AttemptRow) -> bool:
                card = posted.get(attempt.id)
                if card is not None:
                    key: str | None = f"posted:{attempt.session_id}"
                    grader = without.get(key) or self._grader_without(dispute, answer, card=card)
                elif attempt.source != "daily" and stored_at is not None and attempt.created_at < stored_at:
                    key = "asked"
                    grader = without.get(key) or self._grader_without(dispute, answer, card=asked_disputed, recorded=True)
                else:
                    key = None
                    grader = without.get(key) or self._grader_without(dispute, answer)
                without[key] = grader
                said = without_said.get((key, attempt.response))
                if said is None:
                    said = without_said[key, attempt.response] = grader(attempt.response)
                return said

            def right_with(attempt: AttemptRow) -> bool:
                card = posted.get(attempt.id)
                if card is not None:
                    grader = posted_graders.get(attempt.session_id)
                    if grader is None:
                        alike = asked_disputed is not None and asks_alike(card, asked_disputed)
                        grader = self._live_grader(dispute, answer, added or alike, card=card)
                        posted_graders[attempt.session_id] = grader
                    return grader(attempt.response)
                if attempt.source != "daily" and stored_at is not None and attempt.created_at < stored_at:
                    same_quiz = disputed is not None and attempt.session_id is not None and (
                        attempt.session_id == disputed.session_id
                    )
                    return as_asked is not None and same_quiz and as_asked(attempt.response)
                known = ahead.get(attempt.response)
                return live(attempt.response) if known is None else known

            right = await self.queries.right_answers(db, guild_id, dispute.card_key)
            plan = plan_corrections(candidates, right, makes_right, disputed=dispute.attempt_id)
            if any(self._scoring(a) for a, _ in plan):
                # An answer it would correct is to a question still open elsewhere: that question goes on
                # scoring its player's answers, so the player could score twice. Refused until it closes.
                raise errors.still_open()
            if not owner and any(a.user_id == moderator_id for a, _ in plan):
                raise errors.corrects_own()  # (a moderator corrects no answer of their own)
            regraded: list[Regraded] = []
            streaks: dict[int, str] = {}
            for attempt, points in plan:
                await self.queries.correct_attempt(
                    db, attempt, dispute_id=dispute_id, verdict="correct", points=points, at=now
                )
                regraded.append(
                    Regraded(attempt.id, attempt.user_id, attempt.user_name, attempt.source, points)
                )
                if attempt.counted_daily:
                    streaks[attempt.user_id] = attempt.user_name
            for user_id, user_name in streaks.items():
                await self._restore_streak(db, guild_id, user_id, user_name)
            if self.rescheduled is not None and plan:  # (the members' review schedules: as if judged right at once)
                await self.rescheduled(db, [(a.id, a.hints) for a, _ in plan])
            # A finished channel quiz whose answers were corrected may have another winner ("Quizzes won" in /stats).
            quizzes = dict.fromkeys(a.session_id for a, _ in plan if a.source == "quiz" and a.session_id is not None)
            for quiz_id in quizzes:
                await self.queries.settle_quiz_winner(db, quiz_id)
            # ``restored``: the points given back to the player who disputed (what their notice tells them).
            own = sum(r.points for r in regraded if r.user_id == dispute.user_id)
            changed = await self.queries.decide(
                db, dispute_id, status="accepted", by=moderator_id, at=now, regraded=len(regraded), restored=own,
            )  # fmt: skip
            if not changed:  # decided by another moderator meanwhile: nothing of this is kept
                raise await self._decided_meanwhile(db, dispute_id)
            # Another player's dispute of an answer this corrected is settled by it: accepted too, an open one,
            # or one rejected before (its player was told the verdict stood: they hear of the points now).
            # So is one of another answer of the same player to the same question that the answer accepted now
            # makes right too (only their first such answer was corrected): its player is told once of the points.
            # And one of an answer it makes right whose player got that question right with another try (not
            # corrected, no points: they scored on it already), so moderators are not asked again about an answer
            # the server accepts now.
            settled: list[int] = []
            points_of = {question_key(a): points for a, points in plan}
            corrected = {a.id for a, _ in plan}
            right_already = {question_key(a) for a in right}
            # (the points of the disputer's own answers, their own notice tells)
            told = {question_key(a) for a, _ in plan if a.user_id == dispute.user_id}
            for c in candidates:
                key = question_key(c)
                if c.id not in corrected and (key not in points_of and key not in right_already):
                    continue
                other = await self.queries.dispute_of_attempt(db, c.id)
                if other is None or other.id == dispute_id or (c.id not in corrected and not makes_right(c)):
                    continue
                points = 0 if key in told else points_of.get(key, 0)
                told.add(key)
                if other.status == "open":
                    if await self.queries.decide(
                        db, other.id, status="accepted", by=moderator_id, at=now, regraded=int(c.id in corrected),
                        restored=points, settled_by=dispute_id,
                    ):  # fmt: skip
                        settled.append(other.user_id)
                elif other.status == "rejected":
                    if await self.queries.overturn(
                        db, other.id, by=moderator_id, at=now, restored=points, settled_by=dispute_id
                    ):
                        settled.append(other.user_id)
        self._untold.add((guild_id, dispute.user_id))
        self._untold.update((guild_id, u) for u in settled)
        if added:
            # (the same answer, accepted for another version of the card, is now this version's)
            key = (guild_id, dispute.card_key, dispute.direction)
            kept = tuple(e for e in self._overlays.get(key, ()) if (normalise(e[0]) or fold(e[0]) or e[0]) != norm)
            self._overlays[key] = (*kept, (answer, asked))
        log.info(
            "dispute %s accepted by %s: %d answers of %d players corrected",
            dispute_id, moderator_id, len(regraded), len({r.user_id for r in regraded}),
        )  # fmt: skip
        decided = await self._reread(dispute_id) or dispute
        return Decision(decided, accepted=True, regraded=tuple(regraded), overlay_added=added, card_changed=older)

    async def take_back(
        self, dispute_id: int, *, guild_id: int, moderator_id: int, owner: bool = False, dry_run: bool = False
    ) -> TakenBack:
        """Take back an accepted dispute (a moderator's mistake): its answer leaves the server's accepted answers,
        and every answer its accept corrected is given back the verdict and points it had, but one another accepted
        answer of the server makes right: that one stays right, its correction the other accept's now. A player
        whose answer goes wrong again is corrected on that question with another answer of theirs the server's
        other accepted answers make right, as an accept would. Daily streaks, review schedules and the winners of
        finished channel quizzes are counted again; the dispute, and those its accept settled whose answers go wrong
        again, are rejected as taken back (their players are told the next time they use the bot). All in one
        transaction.

        Answers given since the accept and graded right by it keep their verdict: they were told so as they played.
        Refused for a dispute another accept settled (that one is taken back), for one whose answer the deck's card
        now accepts itself, while a question on the card is open in the server (its answers are being graded) or,
        for ``moderator_id``, where they play; and, but for the server's ``owner``, where it would give the
        moderator points (an answer of theirs corrected again or scored again).

        ``dry_run``: what it would change, with the same refusals, and nothing changed (the transaction rolled back)."""
        now = self.clock()
        try:
            return await self._take_back(dispute_id, guild_id, moderator_id, owner, dry_run, now)
        except _Previewed as preview:
            return preview.result

    async def _take_back(
        self, dispute_id: int, guild_id: int, moderator_id: int, owner: bool, dry_run: bool, now: datetime
    ) -> TakenBack:
        async with self.store.transaction() as db:
            dispute = await self.queries.dispute_to_decide(db, dispute_id)
            if dispute is None or dispute.guild_id != guild_id:
                raise errors.no_such_dispute()
            if dispute.status != "accepted":
                raise errors.not_accepted("taken back" if dispute.taken_back_at is not None else dispute.status)
            by = await self.queries.settling(db, dispute)
            if by is not None:
                raise errors.settled_by(by)
            if await self._answers_hidden(db, dispute) or await self._answers_hidden(db, dispute, moderator_id):
                raise errors.card_asked_now()
            corrected = await self.queries.corrected_by(db, dispute_id)
            if any(self._scoring(attempt) for attempt, _, _ in corrected):
                raise errors.card_asked_now()
            removed = await self.queries.remove_overlay(db, guild_id, dispute.card_key, dispute.direction, dispute_id)
            # (the answer as the server accepted it: a dispute this accept went on as, its player's data deleted, typed
            # its own way)
            answer = removed[1] if removed is not None else dispute.response.strip()
            # (an answer to an older version of the card corrected the answers to the question as asked: they are
            # graded as asked, with the answers it accepted then; no answer of the server's was added)
            asked, older = await self._disputed_card(db, await self.queries.attempt(db, dispute.attempt_id))
            owners = [] if older else [
                (a, d) for a, d in await self.queries.overlay_owners(db, guild_id, dispute.card_key, dispute.direction)
                if d != dispute_id
            ]  # fmt: skip
            # (each text graded once: members type the same answers again and again)
            # (the deck's card now, or as last stored when it is in no deck now: removed or turned off)
            card_now = None if older else self.catalog.card(dispute.card_key) or await self._stored_card(db, dispute.card_key)
            still_right = functools.cache(
                self._grader_without(dispute, answer, card=asked, recorded=True) if older
                else self._grader_without(dispute, answer, card=card_now)
            )  # fmt: skip
            owner_of = functools.cache(self._owner_of(dispute, owners, card_now))
            kept_by: dict[int, int | None] = {}  # answer kept right -> the accept that keeps it (None: the card)
            for attempt, _, _ in corrected:
                if still_right(attempt.response):
                    kept_by[attempt.id] = owner_of(attempt.response)
            if dispute.attempt_id in kept_by and kept_by[dispute.attempt_id] is None:
                # (right without it, and by no other accept of the server's: the deck's card takes it now)
                raise errors.card_takes_it()
            reverted: list[Regraded] = []
            schedules: list[tuple[int, int, VerdictKind]] = []
            for attempt, _, _ in corrected:
                keeper = kept_by.get(attempt.id)
                if keeper is not None:
                    await self.queries.reassign_correction(db, attempt.id, keeper)
            await self.queries.uncorrect_attempts(db, [c for c in corrected if c[0].id not in kept_by])
            for attempt, verdict, points in corrected:
                if attempt.id in kept_by:
                    continue
                reverted.append(
                    Regraded(attempt.id, attempt.user_id, attempt.user_name, attempt.source, attempt.points - points)
                )
                schedules.append((attempt.id, attempt.hints, VerdictKind(verdict)))
            # A player whose answer is wrong again may have given another to the same question that the server's
            # other accepted answers make right (not corrected then: the question was right already).
            again: list[tuple[AttemptRow, int]] = []
            if reverted and owners:
                keys = {question_key(a) for a, _, _ in corrected if a.id not in kept_by}
                candidates = [
                    c for c in await self.queries.regrade_candidates(db, guild_id, dispute.card_key, dispute.direction)
                    if question_key(c) in keys
                ]
                right = await self.queries.right_answers(db, guild_id, dispute.card_key)
                for attempt, points in plan_corrections(candidates, right, lambda a: owner_of(a.response) is not None):
                    keeper = owner_of(attempt.response)
                    assert keeper is not None
                    await self.queries.correct_attempt(
                        db, attempt, dispute_id=keeper, verdict="correct", points=points, at=now
                    )
                    again.append((attempt, points))
                    kept_by[attempt.id] = keeper
                    schedules.append((attempt.id, attempt.hints, VerdictKind.CORRECT))
            touched = [a for a, _, _ in corrected if a.id not in kept_by] + [a for a, _ in again]
            for user_id in dict.fromkeys(a.user_id for a in touched if a.counted_daily):
                current, best, last = streak_from(await self.daily.streak_history(db, guild_id, user_id))
                await self.queries.set_streak(db, guild_id, user_id, current=current, best=best, last_day=last)
            if self.rescheduled_as is not None and schedules:
                await self.rescheduled_as(db, schedules)
            quizzes = list(dict.fromkeys(a.session_id for a in touched if a.source == "quiz" and a.session_id))
            # Another accept's corrected answer to those questions scored as the first right answer would, or as one
            # after it: counted again now that the answers before it changed (as live play counts them). A live
            # answer keeps the points it was told of.
            right = await self.queries.right_answers(db, guild_id, dispute.card_key)
            rescored: list[Regraded] = []
            for attempt in await self.queries.corrected_in_quizzes(db, quizzes, dispute.card_key):
                earlier = any(
                    r.session_id == attempt.session_id and r.id != attempt.id
                    and (r.created_at, r.id) < (attempt.created_at, attempt.id)
                    for r in right
                )  # fmt: skip
                points = answer_points(first=not earlier, hints=attempt.hints)
                if points != attempt.points:
                    await self.queries.repoint_correction(db, attempt.id, points)
                    rescored.append(
                        Regraded(attempt.id, attempt.user_id, attempt.user_name, attempt.source, points - attempt.points)
                    )
            gains = [a.user_id for a, _ in again] + [r.user_id for r in rescored if r.points > 0]
            if not owner and moderator_id in gains:
                raise errors.takes_back_for_self()  # (rolled back: a moderator gives themselves no points)
            for quiz_id in quizzes:
                await self.queries.settle_quiz_winner(db, quiz_id)
            # The disputes it settled: one whose answer another accept keeps right is that one's now; the others are
            # taken back with it, and their players told.
            told: list[int] = []
            for d in await self.queries.settled_with(db, dispute):
                keeper = kept_by.get(d.attempt_id)
                if d.attempt_id in kept_by:
                    if keeper is not None:
                        await self.queries.settle(db, d.id, settled_by=keeper)
                elif await self.queries.take_back(db, d.id, by=moderator_id, at=now):
                    told.append(d.user_id)
            own = kept_by.get(dispute.attempt_id)
            if own is not None:
                # (its player's answer stays right by another accept: nothing changes for them)
                await self.queries.settle(db, dispute_id, settled_by=own)
            elif not await self.queries.take_back(db, dispute_id, by=moderator_id, at=now):
                raise await self._decided_meanwhile(db, dispute_id)
            else:
                told.insert(0, dispute.user_id)
            if dry_run:  # (rolled back: nothing of it is kept)
                raise _Previewed(TakenBack(
                    dispute, tuple(reverted), kept=sum(1 for a, _, _ in corrected if a.id in kept_by),
                    settled_too=len(told) - (own is None), overlay_removed=removed is not None,
                    corrected_again=tuple(Regraded(a.id, a.user_id, a.user_name, a.source, p) for a, p in again),
                    rescored=tuple(rescored), player_told=own is None,
                ))  # fmt: skip
        self._untold.update((guild_id, user_id) for user_id in told)
        if removed is not None:
            norm, stored = removed
            key = (guild_id, dispute.card_key, dispute.direction)
            left = tuple(
                e for e in self._overlays.get(key, ()) if e[0] != stored and (normalise(e[0]) or fold(e[0]) or e[0]) != norm
            )
            if left:
                self._overlays[key] = left
            else:
                self._overlays.pop(key, None)
        log.info(
            "dispute %s taken back by %s: %d answers of %d players wrong again, %d disputes taken back with it",
            dispute_id, moderator_id, len(reverted), len({r.user_id for r in reverted}), len(told) - (own is None),
        )  # fmt: skip
        done = await self._reread(dispute_id) or dispute
        return TakenBack(
            done, tuple(reverted), kept=sum(1 for a, _, _ in corrected if a.id in kept_by),
            settled_too=len(told) - (own is None), overlay_removed=removed is not None,
            corrected_again=tuple(Regraded(a.id, a.user_id, a.user_name, a.source, p) for a, p in again),
            rescored=tuple(rescored), player_told=own is None,
        )  # fmt: skip

    def _owner_of(
        self, dispute: Dispute, owners: Sequence[tuple[str, int]], card: Card | None
    ) -> Callable[[str], int | None]:
        """The dispute whose accepted answer (of ``owners``: answer, dispute) makes a stored answer right on its own
        to ``card``, the first added first; None when none does."""

        def owner(response: str) -> int | None:
            if card is None:
                return None
            for accepted, owner_id in owners:
                if grade_card(card, response, direction=dispute.direction, extra_accept=(accepted,)).correct:
                    return owner_id
            return None

        return owner

    async def accepted(
        self, guild_id: int, *, viewer: int | None = None, limit: int = 25, scan: int = 500
    ) -> list[tuple[Dispute, str]]:
        """The server's accepted disputes, the latest first (of the ``scan`` latest), that ``take_back`` may take
        back, each with its card's label (``deck name:card id``): not those on a card whose answers are hidden from
        ``viewer`` now (a question on it is open where they play)."""
        hidden = await self.hidden(guild_id, user_id=viewer) if self.hidden is not None else frozenset()
        async with self.store.read() as db:
            found = await self.queries.accepted_disputes(db, guild_id, scan)
            shown = [d for d in found if d.card_key not in hidden and not self._named_as_hidden([d.card_key], hidden)]
            # (nor one whose typed answer answers an open question on another card: "ridge" accepted for the L1 card
            # while the L2 one is asked)
            answering = await self._answering(guild_id, hidden, {d.response for d in shown}) if hidden else set()
            shown = [d for d in shown if d.response not in answering][:limit]
            return [(d, await self._card_label(db, guild_id, d.card_key)) for d in shown]

    async def _restore_streak(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, user_name: str
    ) -> None:
        history = await self.daily.streak_history(db, guild_id, user_id)
        current, best, last = streak_from(history)
        if last is None:
            return
        row = await self.daily.streak(db, guild_id, user_id)
        await self.daily.save_streak(
            db, guild_id=guild_id, user_id=user_id, user_name=user_name, current=current,
            best=max(best, row.best if row else 0), last_day=last,
        )  # fmt: skip

    def _others(self, dispute: Dispute, answer: str) -> tuple[str, ...]:
        """The server's accepted answers for the dispute's card and direction but ``answer``."""
        return tuple(a for a in self.overlay_accepts(dispute.guild_id, dispute.card_key, dispute.direction) if a != answer)

    async def _graded_ahead(
        self, dispute_id: int, guild_id: int
    ) -> tuple[tuple[str, tuple[str, ...]], dict[str, bool]] | None:
        """Before an accept takes the write lock: whether the disputed answer, accepted, makes each stored answer
        on its card right (each text graded once), as ((the answer, the server's other accepted answers then),
        verdicts by text). None when the dispute is not one to accept (the accept says why)."""
        async with self.store.read() as db:
            dispute = await self.queries.dispute(db, dispute_id)
            if dispute is None or dispute.guild_id != guild_id or dispute.status != "open":
                return None
            candidates = await self.queries.regrade_candidates(db, guild_id, dispute.card_key, dispute.direction)
        answer = dispute.response.strip()
        card = self.catalog.card(dispute.card_key)
        extra = self._others(dispute, answer)
        verdicts: dict[str, bool] = {}
        for k, text in enumerate(dict.fromkeys(a.response for a in candidates)):
            if card is None:
                verdicts[text] = grade(text, accept=(answer,), question=dispute.prompt).correct
            else:
                verdict = await grade_card_async(card, text, direction=dispute.direction, extra_accept=(*extra, answer))
                verdicts[text] = verdict.correct
            if k % _GRADED_BETWEEN_TURNS == _GRADED_BETWEEN_TURNS - 1:
                await asyncio.sleep(0)  # (a short answer grades at once: the loop's turn comes every few)
        return (answer, extra), verdicts

    def _live_grader(
        self, dispute: Dispute, answer: str, added: bool, *, card: Card | None = None, recorded: bool = False
    ) -> Callable[[str], bool]:
        """Whether a stored answer is right as live play grades it once the dispute is accepted: the card in
        the dispute's direction (``card``: as a daily question posted it), with the server's accepted answers
        (the new one among them). ``recorded`` with no ``card``: the question was another version of the card,
        known only as the dispute recorded it (its prompt and the answers it accepted)."""
        if card is None and recorded:
            accept = (*dispute.accepted, answer) if added else dispute.accepted
            return lambda response: grade(response, accept=accept, question=dispute.prompt).correct
        card = card or self.catalog.card(dispute.card_key)
        if card is None:  # the card left its deck since: only the new answer is known to be right
            return lambda response: grade(response, accept=(answer,), question=dispute.prompt).correct
        extra = self.overlay_accepts(dispute.guild_id, dispute.card_key, dispute.direction, card)
        if added:
            extra = (*extra, answer)
        direction = dispute.direction
        return lambda response: grade_card(card, response, direction=direction, extra_accept=extra).correct

    def _grader_without(
        self, dispute: Dispute, answer: str, *, card: Card | None = None, recorded: bool = False
    ) -> Callable[[str], bool]:
        """``_live_grader`` without the disputed ``answer`` among the accepted answers: whether a stored answer is
        right whatever the dispute decides."""
        if card is None and recorded:
            accept = tuple(a for a in dispute.accepted if a != answer)
            return lambda response: bool(accept) and grade(response, accept=accept, question=dispute.prompt).correct
        card = card or self.catalog.card(dispute.card_key)
        if card is None:  # (only the new answer is known to be right)
            return lambda response: False
        extra = tuple(
            a for a in self.overlay_accepts(dispute.guild_id, dispute.card_key, dispute.direction, card) if a != answer
        )
        direction = dispute.direction
        return lambda response: grade_card(card, response, direction=direction, extra_accept=extra).correct

    async def _stored_version(self, db: aiosqlite.Connection, card_key: str, direction: str) -> str | None:
        """``asked_version`` of the card as last stored (None: never stored, or unreadable)."""
        card = await self._stored_card(db, card_key)
        return asked_version(card, direction) if card is not None else None

    async def _stored_card(self, db: aiosqlite.Connection, card_key: str) -> Card | None:
        """The card as last stored, retired or not (None: never stored, or unreadable)."""
        return _card_of(await self.queries.stored_card_data(db, card_key))

    async def _disputed_card(
        self, db: aiosqlite.Connection, disputed: AttemptRow | None
    ) -> tuple[Card | None, bool]:
        """The card the disputed answer's question asked, when known (a daily question's as posted, a live quiz's),
        and whether the deck's card is another version now (a new version imported since the answer)."""
        if disputed is None:
            return None, False
        current = self.catalog.card(disputed.card_key)
        if disputed.source == "daily":
            card = await self._daily_card(db, disputed)
        else:
            card = self.asked(disputed.session_id, disputed.card_key, disputed.created_at)
        if card is not None:
            if current is None:  # (a card in no deck now: compared with its version as last stored)
                current = await self._stored_card(db, disputed.card_key)
            return card, current is not None and not asks_alike(card, current)
        if disputed.source == "daily":
            return None, False
        # (a card in no deck now too: the time its last version was stored stays when it is retired)
        return None, await self._changed_since(db, disputed)

    async def _open(
        self, db: aiosqlite.Connection, dispute_id: int, guild_id: int, *, moderator_id: int, owner: bool
    ) -> Dispute:
        """The open dispute to decide, locked until the transaction ends (PostgreSQL: another process's
        decision of it waits, then finds it decided); not one of ``moderator_id``'s own but for the owner."""
        dispute = await self.queries.dispute_to_decide(db, dispute_id)
        if dispute is None or dispute.guild_id != guild_id:
            raise errors.no_such_dispute()
        if dispute.status != "open":
            raise errors.decided("taken back" if dispute.taken_back_at is not None else dispute.status)
        if dispute.user_id == moderator_id and not owner:
            raise errors.own_dispute()
        return dispute

    async def _decided_meanwhile(self, db: aiosqlite.Connection, dispute_id: int) -> Exception:
        """The refusal of a decision that changed nothing: the dispute was decided in the meantime (raised,
        so the transaction rolls back)."""
        now = await self.queries.dispute(db, dispute_id)
        if now is None:
            return errors.no_such_dispute()
        return errors.decided(now.status if now.status != "open" else "decided")

    async def _reread(self, dispute_id: int) -> Dispute | None:
        async with self.store.read() as db:
            return await self.queries.dispute(db, dispute_id)

    # -- insight -------------------------------------------------------------------------------
    async def insight(self, guild_id: int, deck: str | None = None, *, viewer: int | None = None) -> Insight:
        """How the server did on a deck's cards (every deck when ``deck`` is None): most missed, the most
        common wrong answers per card (grouped after normalisation), dispute counts, cards never right. The
        cards asked now are left out: in the server, and for the moderator ``viewer`` in the other servers they
        play in."""
        async with self.store.read() as db:
            totals = await self.queries.card_totals(db, guild_id, deck)
            asked = await self.queries.wrong_answers(db, guild_id, deck, WRONG_SPELLINGS_PER_CARD, WRONG_ANSWER_ROWS)
            disputes = await self.queries.dispute_counts(db, guild_id, deck)
            # A card no longer in the catalog (retired by a re-import, or of a removed deck) keeps its history: it
            # is named as last stored.
            gone = [key for key, *_ in (*totals, *disputes) if self.catalog.card(key) is None]
            stored = await self.queries.stored_card_names(db, gone) if gone else {}
        wrong = [(key, text, times) for key, text, times, _ways in asked]
        # Each spelling's key, once (up to ``WRONG_ANSWER_ROWS`` of them, some long: seconds of work in all), the
        # loop getting its turn between slices.
        keys = await _answer_keys(text for _key, text, _times, _ways in asked)
        # (the ways each group of spellings was asked: it is right now only where it is right each way)
        ways: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key, text, _times, by in asked:
            ways[key, keys[text]].update(by)
        # A card whose question is open in the server now is left out: its common wrong answers (near misses
        # among them) and its key, a slug of its term, would help a moderator who is playing it.
        hidden = await self.hidden(guild_id, user_id=viewer) if self.hidden is not None else frozenset()
        shown = {key for key, *_ in (*totals, *disputes)}
        # (and its twins in the server's decks turned off or removed, which the hidden cards leave out)
        twins = self._named_as_hidden(shown, hidden, {key: name.card_id for key, name in stored.items()})
        hidden = hidden | twins
        held = shown & hidden
        if held:
            totals = [t for t in totals if t[0] not in held]
            wrong = [w for w in wrong if w[0] not in held]
            disputes = [d for d in disputes if d[0] not in held]
        grouped = await self._common_wrong(guild_id, wrong, hidden, ways, keys)
        found = build_insight(guild_id, deck, totals, wrong, disputes, self.catalog, stored, grouped)
        return replace(found, held_back=len(held)) if held else found

    async def _common_wrong(
        self,
        guild_id: int,
        wrong: Sequence[tuple[str, str, int]],
        hidden: frozenset[str],
        ways: Mapping[tuple[str, str], set[str]],
        keys: Mapping[str, str],
    ) -> dict[str, tuple[WrongAnswer, ...]]:
        """Each card's ``TOP_WRONG`` biggest groups of wrong answers, but those whose shown spelling answers an
        open question on another card (it would give that answer away) or is right for its card now (the deck
        or the server accepts it since) each way the card was asked when it was typed (``ways``, by card and
        ``answer_key``): only the groups shown are graded, biggest first."""
        per_card: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key, text, times in wrong:
            per_card[key].append((text, times))
        answering: dict[str, bool] = {}
        grouped: dict[str, tuple[WrongAnswer, ...]] = {}
        for n, (key, rows) in enumerate(per_card.items()):
            if n:
                await asyncio.sleep(0)  # (the loop's turn between cards)
            kept: list[WrongAnswer] = []
            for shown, typed in ranked_wrong_answers(rows, keys):
                if hidden:
                    if typed not in answering:
                        answering[typed] = bool(await self._answering(guild_id, hidden, {typed}))
                    if answering[typed]:
                        continue
                said = keys.get(typed) or answer_key(typed)
                if await self._accepted_now(guild_id, key, typed, ways.get((key, said)) or {prompts.QUESTION}, said):
                    continue
                kept.append(shown)
                if len(kept) == TOP_WRONG:
                    break
            grouped[key] = tuple(kept)
        return grouped

    async def _accepted_now(
        self, guild_id: int, card_key: str, text: str, ways: Iterable[str], said: str | None = None
    ) -> bool:
        """Whether ``text`` is right now for the card asked each of ``ways`` (its question, its term): graded with
        the answers the server has accepted since for that way (disputes), where it has some; else graded only
        when the card as its deck has it now has an answer that way of the same words and signs (a re-import that
        added it), so that a page of figures does not compile every card of the deck ("O(2)^n" has the words and
        signs of "O(2^n)": the grader tells them apart)."""
        card = self.catalog.card(card_key)
        if card is None:
            return False
        if said is None:
            said = answer_key(text)
        for way in sorted(ways):
            extra = self.overlay_accepts(guild_id, card_key, way)
            if not extra:
                answers = card.names if way == prompts.TERM else card.accept
                if not said or all(answer_key(answer) != said for answer in answers):
                    return False
            if not (await grade_card_async(card, text, direction=way, extra_accept=extra)).correct:
                return False
        return True

    async def insight_csv(self, guild_id: int, deck: str | None = None, *, viewer: int | None = None) -> str:
        """The insight as CSV text, one row per card."""
        return insight_csv(await self.insight(guild_id, deck, viewer=viewer))


#: Spellings keyed (``answer_key``) between two turns of the event loop: a few milliseconds of work.
_KEYS_BETWEEN_TURNS = 50


class _Previewed(Exception):
    """Raised inside a take-back's transaction to roll it back: what it would have changed."""

    def __init__(self, result: TakenBack) -> None:
        super().__init__("previewed")
        self.result = result


async def _answer_keys(texts: Iterable[str]) -> dict[str, str]:
    """The ``answer_key`` of each distinct text, worked out once, the event loop getting its turn every
    ``_KEYS_BETWEEN_TURNS`` of them."""
    keys: dict[str, str] = {}
    for text in texts:
        if text in keys:
            continue
        keys[text] = answer_key(text)
        if len(keys) % _KEYS_BETWEEN_TURNS == 0:
            await asyncio.sleep(0)
    return keys


def _card_of(data: str | None) -> Card | None:
    """A card stored as JSON (``deck_queries.card_to_json``); None for none, or one that cannot be read."""
    if not data:
        return None
    try:
        return card_from_json(data)
    except (ValueError, TypeError, KeyError):
        return None
