"""The quiz use-cases: start, ask, answer, hint, skip, stop, finish — for channel quizzes and practice.

The live state of a running quiz (current question, tries, who is right) is held in memory (``Registry``);
everything a player earns is written to ``attempts`` before the caller is told, and the ``quizzes`` row
follows the quiz from ``running`` to ``finished``/``stopped`` (or ``interrupted`` when the process died with
it running: ``start()`` finds those at the next start-up and keeps them for the cog to announce, with the channel
quizzes whose summary the process was killed before showing: ``quizzes.summary_due``).

Writes of answers are group-committed (``GroupCommit``): each ``answer()`` call returns only after the
transaction holding its attempt has committed. When the database refuses a write, the answer is refused
(``NotSaved``, nothing counted) and a channel quiz is marked ``failed`` for its timer to end it; ending a
quiz frees its channel first and writes its end later if it must (``Endings``). An answer whose commit could not
be confirmed (PostgreSQL: the connection was lost as it committed) keeps the player's try used, and the end of
the quiz settles it before reading the summary from the stored answers, so the summary and the leaderboard agree.

Exactly-once rules: the database decides, so they hold across shard processes on one database. A channel
quiz takes its channel by inserting its running ``quizzes`` row (a unique index allows one per channel: a
start that loses is ``QuizRunning``, whichever process started the other); the first correct answer to a
question claims it in ``quiz_first_correct`` in the answer's own transaction (``GroupCommit.write_first``:
an answer that loses the claim scores as a later right answer). Memory is the fast path in front of both:
grading and the provisional "first" (``session``) happen without any ``await`` in between, so within one
process only one answer per question even tries the claim; the window for the others closes
``WINDOW_SECONDS`` after it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core import prompts
from bot.core.errors import MessageRef, NotFound, UserError
from bot.core.grading import grade_card
from bot.core.grading.compiled import extra_answers
from bot.core.memory import BACKLOG
from bot.core.models import Attempt, Card, Twins, Verdict, VerdictKind
from bot.core.prompts.labels import two_way
from bot.core.quiz import plan as planning
from bot.core.quiz import session
from bot.core.quiz.ahead import CompileAhead
from bot.core.quiz.chat import is_guess
from bot.core.quiz.commit import GroupCommit
from bot.core.quiz.ending import Endings
from bot.core.quiz.limits import QuizLimits, StartGate
from bot.core.quiz.models import (
    QUESTIONS_DEFAULT,
    SECONDS_DEFAULT,
    AnswerResult,
    HintResult,
    LiveQuestion,
    LiveQuiz,
    NotSaved,
    Overlay,
    QuizEnded,
    QuizRunning,
    Reveal,
    Summary,
)
from bot.core.quiz.plan import DueCards
from bot.core.quiz.registry import Registry
from bot.core.quiz.results import counted, make_reveal, make_summary, summary_from_memory
from bot.core.scoring import answer_points, tries_allowed
from bot.core.storage.problems import STORAGE_ERRORS, unconfirmed_commit
from bot.core.storage.quiz_queries import ChannelTaken, FirstClaim, QuizQueries, QuizRow, winner_id
from bot.core.text import storable

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog, CatalogView
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

#: Seconds the cards of a server's daily question read from the store are trusted before they are read again
#: (this process updates them at once when it claims or reveals one; another process may post one).
DAILY_HIDDEN_TTL = 30.0

#: Seconds the servers a member plays in, read from the store, are trusted before they are read again (a quiz
#: or daily answer this process takes adds its server at once).
PLAYS_TTL = 60.0

#: Members whose servers are kept in memory at most; past it, those read longest ago are dropped.
PLAYS_KEPT = 10_000
#: Seconds the cards of the channel-quiz questions on show that the processes sharing the database stored
#: (``QuizQueries.open_cards``) are trusted before they are read again: a question is open for seconds.
OPEN_READ_TTL = 5.0

#: Seconds a question's reveal waits for those reads at most (then it is made from what memory holds).
CLOSE_READ_SECONDS = 1.0

#: The most players of a channel quiz whose other servers are read when its question closes (``_open_where_played``).
CLOSE_PLAYERS_READ = 50

__all__ = ["DueCards", "QuizService"]


class QuizService:
    """Channel quizzes and private practice (see the module docstring)."""

    def __init__(
        self,
        *,
        store: Store,
        attempts: AttemptWriter,
        catalog: Catalog,
        clock: Clock,
        rng: random.Random,
        limits: QuizLimits | None = None,
        due_cards: DueCards | None = None,
        overlay: Overlay | None = None,
        owns: Callable[[int | None], bool] | None = None,
    ) -> None:
        self.owns = owns
        self.store = store
        self.queries = QuizQueries(store)
        self.writer = GroupCommit(store, attempts)
        self.catalog = catalog
        self.clock = clock
        self.rng = rng
        #: This service's part of its answers' keys (``session.answer_key``): not from ``rng``, which two processes
        #: may seed alike.
        self.grader_key = secrets.token_hex(4)
        self.limits = limits or QuizLimits()
        self.due_cards = due_cards
        self.overlay = overlay
        #: The cards of a server's daily question not revealed yet (``DailyService.unrevealed_cards``), if wired;
        #: what was read, per server, with when (``time.monotonic``).
        self.unrevealed: Callable[[int | None], Awaitable[frozenset[str]]] | None = None
        #: The same for each of a few servers, in one read (``DailyService.unrevealed_in``), if wired.
        self.unrevealed_in: Callable[[Sequence[int]], Awaitable[dict[int, frozenset[str]]]] | None = None
        #: The same for every server that has some, by server (``DailyService.unrevealed_by_guild``): read at start.
        self.unrevealed_by_guild: Callable[[], Awaitable[dict[int, frozenset[str]]]] | None = None
        #: The keys given and those of the cards the server sees that share a name with one of them
        #: (``LookupService.twins``), if wired: a card of the same term in another deck has the same answer.
        self.twins: Twins | None = None
        #: Per server (None: every server's, for direct messages), the daily cards not revealed and when read.
        self._daily_hidden: dict[int | None, tuple[frozenset[str], float]] = {}
        #: The cards of the channel-quiz questions on show in other servers, as stored by every process sharing the
        #: database (another shard runs those servers' quizzes), per server (every server's under None), with when
        #: they were read (``time.monotonic``).
        self._open_read: dict[int | None, tuple[frozenset[str], float]] = {}
        #: The practice questions open now as the processes sharing the database stored them (server or None,
        #: player, card), with when they were read (``read_in_play``).
        self._practice_read: tuple[tuple[tuple[str, int | None, int, str], ...], float] | None = None
        #: The daily questions claimed here lately (``daily_claimed``), by server (and None): (when, card key). A
        #: read of the database that began before a claim was stored may land after it: the claim is kept.
        self._daily_claims: dict[int | None, list[tuple[float, str]]] = {}
        #: The servers a member has answered in (``QuizQueries.servers_played``), if wired; what was read, per
        #: member, with when (``time.monotonic``). A global deck's card asked in one of them is hidden from the
        #: member in every other server too: they could look its answer up there and score with it.
        self.servers_played: Callable[[int], Awaitable[frozenset[int]]] | None = None
        #: The same for several members in one read (``QuizQueries.servers_played_by``), if wired.
        self.servers_played_by: Callable[[Sequence[int]], Awaitable[dict[int, frozenset[int]]]] | None = None
        self._plays: dict[int, tuple[frozenset[int], float]] = {}
        #: Channel quizzes past the start checks and not yet running: (guild, starter, no message), counted by the
        #: caps like running ones.
        self._starting: list[tuple[int | None, int, MessageRef | None]] = []
        #: Members whose practice is being started (``start_quiz``): another start of theirs meanwhile is refused.
        self._practice_starting: set[int] = set()
        self.gate = StartGate(self.limits)
        self.registry = Registry(self.limits)
        self.endings = Endings(self.queries)
        self.ahead = CompileAhead()
        self._interrupted: list[QuizRow] = []

    # -- lifecycle --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Close quizzes a previous process left running (scores are kept: attempts are never undone), and find
        the channel quizzes whose channel was not told how they ended (``take_interrupted``); a shard process
        looks only at those of its own servers (``owns``). The cards of the daily questions not revealed yet are
        hidden from the start."""
        if self.unrevealed_by_guild is not None:
            # The daily questions a previous process posted and has not revealed: their cards are hidden from the
            # first click on, also where only memory is read (``hidden_now``: a Define button sent before one was
            # posted would show its answer). Marked as read long ago: ``hidden_cards`` reads them again at once.
            by_guild = await self.unrevealed_by_guild()
            for guild_id, cards in by_guild.items():
                self._daily_hidden[guild_id] = (cards, 0.0)
            self._daily_hidden[None] = (frozenset().union(*by_guild.values()), 0.0)
        rows = await self.queries.interrupt_running(self.clock(), owns=self.owns)
        if rows:
            log.info("%d quizzes were running when the bot stopped; marked interrupted", len(rows))
        self._interrupted = await self.queries.summaries_due(owns=self.owns)
        ended = sum(r.status != "interrupted" for r in self._interrupted)
        if ended:
            log.info("%d quizzes ended without showing their summary before the bot stopped", ended)

    async def close(self) -> None:
        """Every answer is committed before ``answer()`` returns; a last try at the pending ends."""
        self.ahead.close()
        await self.endings.retry()

    def take_interrupted(self) -> list[QuizRow]:
        """Channel quizzes whose channel was not told how they ended when the bot stopped (each returned once), to
        announce there: interrupted by the last restart, or ended (``finished``, ``stopped``) but their summary not
        shown yet. Each is then marked with ``summary_shown``."""
        found, self._interrupted = self._interrupted, []
        return found

    async def housekeeping(self) -> None:
        """Forget idle practice and write the ends that wait (called on a timer; safe to call any time)."""
        now = self.clock()
        for quiz in self.registry.sweep(now):
            self.ahead.cancel(quiz.id)
            self._forget_practice_read(quiz.id)
            await self.endings.write(quiz.id, "stopped", None, now)
        if self.endings.pending or self.endings.marks:
            await self.endings.retry()

    @property
    def pending_ends(self) -> int:
        """Ends of quizzes the database refused so far (written by ``housekeeping``)."""
        return self.endings.pending

    # -- lookups ----------------------------------------------------------------------------------
    def get(self, quiz_id: str) -> LiveQuiz | None:
        """The live quiz with this id (None once it has ended)."""
        return self.registry.get(quiz_id)

    def running_in(self, channel_id: int) -> LiveQuiz | None:
        """The channel quiz running in ``channel_id``, if any (an ended quiz never holds a channel)."""
        return self.registry.in_channel(channel_id)

    def practice_of(self, user_id: int) -> LiveQuiz | None:
        """The practice ``user_id`` has going, if any."""
        return self.registry.practice_of(user_id)

    def question_open(self, quiz_id: str | None, card_key: str) -> bool:
        """Whether the live quiz ``quiz_id`` has a question on the card ``card_key`` open (answers still scored)."""
        quiz = self.registry.get(quiz_id) if quiz_id else None
        return quiz is not None and any(q.card.key == card_key and not q.closed for q in quiz.asked)

    def asked_card(self, quiz_id: str | None, card_key: str, at: datetime) -> Card | None:
        """The card as the live quiz ``quiz_id`` asked it in its question on ``card_key`` open at ``at`` (a deck
        imported again since changes nothing of it); None once the quiz is no longer in memory."""
        quiz = self.registry.get(quiz_id) if quiz_id else None
        if quiz is None:
            return None
        asked = [q for q in quiz.asked if q.card.key == card_key and q.opened_at <= at]
        return asked[-1].card if asked else None

    def open_cards_in(self, guild_id: int | None, *, besides: str | None = None) -> frozenset[str]:
        """The cards of the questions open in the channel quizzes of ``guild_id`` (but the quiz ``besides``):
        their answers are hidden until they close. With None (a direct message, which belongs to no server),
        those of every server: a member could look there for the answer to a question open in theirs."""
        return frozenset(
            quiz.question.card.key
            for quiz in self.registry.live.values()
            if (guild_id is None or quiz.guild_id == guild_id) and not quiz.private and quiz.id != besides
            and quiz.question is not None and not quiz.question.closed
        )

    def _practised_in(self, guild_id: int | None) -> frozenset[str]:
        """The cards of the practice questions open in ``guild_id`` (still taking their player's answers), those
        of the practices in direct messages, which belong to no server: their players may read any of theirs, and
        those of the practices in other servers of members who play in ``guild_id`` (their hints, tries and
        verdicts there would help them here)."""
        live = self.registry.live.values()
        practices = [
            (q.guild_id, q.starter_id, q.question.card.key)
            for q in live if q.private and q.question is not None and not q.question.closed
        ]
        if self._practice_read is not None:  # (and those other processes show, as last read: ``read_in_play``)
            practices += [row[1:] for row in self._practice_read[0] if self.registry.get(row[0]) is None]
        if not practices:
            return frozenset()
        # (who plays in ``guild_id``, as ``_played_now`` tells it, read once for every practice)
        here = {u for q in live if q.guild_id == guild_id and guild_id is not None for u in q.tally}
        return frozenset(
            card
            for server, player, card in practices
            if server in (guild_id, None) or player in here or guild_id in self._plays.get(player, ((), 0.0))[0]
        )

    async def read_in_play(self) -> None:
        """Read again the practice questions the processes sharing the database show (``practice_shown``), once what
        was read is ``OPEN_READ_TTL`` seconds old, and the servers their players play in: ``in_play`` and a channel
        quiz (before each question) keep their cards out where those players play. A database that cannot be read
        within ``CLOSE_READ_SECONDS`` leaves what was read."""
        now = time.monotonic()
        if self._practice_read is not None and now - self._practice_read[1] <= OPEN_READ_TTL:
            return
        rows: tuple[tuple[str, int | None, int, str], ...] | None = None
        try:
            async with asyncio.timeout(CLOSE_READ_SECONDS):
                rows = await self.queries.practised_cards()
                if rows:
                    await self._played_by(sorted({player for _, _, player, _ in rows}))
        except STORAGE_ERRORS as exc:  # (a read past the time limit too: ``TimeoutError`` is an ``OSError``)
            log.info("could not read the practice questions of other processes, or their players' servers: %r", exc)
            if rows is None:
                # (what was read is kept, and not read again for ``OPEN_READ_TTL``: a slow database delays no question)
                rows = self._practice_read[0] if self._practice_read is not None else ()
        self._practice_read = (rows, now)  # (those read, though their players' servers could not be: memory has some)

    def _forget_practice_read(self, quiz_id: str) -> None:
        """Leave this process's own practice out of what was read of the others' (memory tells it as it is now)."""
        if self._practice_read is not None and any(row[0] == quiz_id for row in self._practice_read[0]):
            rows, at = self._practice_read
            self._practice_read = (tuple(row for row in rows if row[0] != quiz_id), at)

    async def practice_shown(self, quiz_id: str) -> None:
        """A practice's question is on show (or none is, once it closed): its card is stored for the other processes
        sharing the database (``read_in_play``). A database that refuses the write leaves them not knowing it."""
        quiz = self.registry.get(quiz_id)
        if quiz is None or not quiz.private:
            return
        self._forget_practice_read(quiz_id)
        question = quiz.question
        card = question.card.key if question is not None and not question.closed and quiz.running else None
        try:
            await self.queries.show_practice_card(quiz_id, card)
        except STORAGE_ERRORS as exc:
            log.info("quiz %s: could not store the practice question's card (%s)", quiz_id, exc)

    def in_play(self, guild_id: int) -> frozenset[str]:
        """The cards asked in ``guild_id`` now: open channel-quiz questions and practice questions (their
        reveals would give the answer away): the daily question takes another while it can."""
        return self._with_twins(guild_id, self.open_cards_in(guild_id) | self._practised_in(guild_id))

    def _with_twins(self, guild_id: int | None, keys: frozenset[str], *, stated: bool = True) -> frozenset[str]:
        """``keys`` and the cards the server sees of the same name (``twins``): they share the answer; with
        ``stated``, those whose text states one of their answers too."""
        return self.twins(guild_id, keys, stated=stated) if self.twins is not None and keys else keys

    def _daily_cards(self, guild_id: int | None, *, stated: bool = True) -> frozenset[str]:
        """The cards of the server's daily question not revealed yet, as this process last knew them (in a direct
        message, ``guild_id`` None: those of every server, as ``hidden_now`` hides them there); with ``stated``,
        those whose text states their answer too."""
        daily = self._daily_hidden.get(guild_id)
        return self._with_twins(guild_id, daily[0], stated=stated) if daily is not None else frozenset()

    def hidden_now(
        self, guild_id: int | None, *, besides: str | None = None, user_id: int | None = None, stated: bool = True
    ) -> frozenset[str]:
        """``hidden_cards`` from memory alone, for code that cannot wait: the daily question's cards as last
        read or as this process claimed and revealed them (every server's in a direct message: ``guild_id`` None),
        and with ``user_id``, those of the other servers the member plays in as last read. ``stated`` False leaves
        out the cards hidden only because their text states a hidden card's answer (``CatalogView.same_names``)."""
        daily = self._daily_hidden.get(guild_id)
        hidden = self.open_cards_in(guild_id, besides=besides) | (daily[0] if daily is not None else frozenset())
        if guild_id is None and (stored := self._open_read.get(None)) is not None:
            hidden |= stored[0]  # (in a direct message, those another process shows too)
        if user_id is not None and guild_id is not None:
            hidden |= self._elsewhere(guild_id, self._played_now(user_id))
        if user_id is not None:
            hidden |= self._own_practice(user_id, besides)
        return self._with_twins(guild_id, hidden, stated=stated)

    def coming_cards(self, guild_id: int | None, user_id: int) -> frozenset[str]:
        """The cards the running quizzes will still ask ``user_id`` in ``guild_id``: those planned (and spare) in its
        channel quizzes and in the member's own practice, but those whose question has closed; with their twins.
        What is said of one before its question closes (an accepted dispute's "X now counts as right") gives its
        answer away."""
        keys: set[str] = set()
        for quiz in self.registry.live.values():
            if not quiz.running:
                continue
            if quiz.private and quiz.starter_id != user_id:
                continue
            if not quiz.private and (guild_id is None or quiz.guild_id != guild_id):
                continue
            closed = {q.card.key for q in quiz.asked if q.closed}
            keys |= {card.key for card, _direction in (*quiz.plan, *quiz.spares)} - closed
        return self._with_twins(guild_id, frozenset(keys))

    def planned_elsewhere(self, guild_id: int) -> frozenset[str]:
        """The cards the channel quizzes of the other servers running in this process will still ask (planned or
        spare, their question not closed yet): a daily question here on one could be revealed while it is asked."""
        keys: set[str] = set()
        for quiz in self.registry.live.values():
            if quiz.running and not quiz.private and quiz.guild_id != guild_id:
                closed = {q.card.key for q in quiz.asked if q.closed}
                keys |= {card.key for card, _direction in (*quiz.plan, *quiz.spares)} - closed
        return frozenset(keys)

    def _own_practice(self, user_id: int, besides: str | None) -> frozenset[str]:
        """The card of the practice question ``user_id`` has open (but the quiz ``besides``), in this process or,
        as last read (``read_in_play``), in another: its answer still scores for them, wherever they look it up."""
        own = self.registry.practice_of(user_id)
        keys = {
            own.question.card.key
            for own in ([own] if own is not None else [])
            if own.id != besides and own.question is not None and not own.question.closed
        }
        if self._practice_read is not None:
            keys |= {
                card for quiz_id, _server, player, card in self._practice_read[0]
                if player == user_id and quiz_id != besides and self.registry.get(quiz_id) is None
            }
        return frozenset(keys)

    async def hidden_cards(
        self, guild_id: int | None, *, besides: str | None = None, user_id: int | None = None
    ) -> frozenset[str]:
        """The cards whose answers are hidden in ``guild_id`` now: open channel-quiz questions (but those of the
        quiz ``besides``) and the daily question until its reveal (``unrevealed``, read again once what was read
        is ``DAILY_HIDDEN_TTL`` seconds old: another process may have posted one). In a direct message
        (``guild_id`` None), those of every server. With ``user_id`` (what one member is shown: a lookup, their
        practice or review, their stats), also those of the other servers that member has answered in: a card of
        a deck both servers see, asked there, is looked up here as easily."""
        await self._read_daily(guild_id)
        if guild_id is None:
            await self._read_open(None)
        elif user_id is not None:
            others = await self._played(user_id) - {guild_id}
            await self._read_dailies(others)
            await self._read_open(others)
        return self.hidden_now(guild_id, besides=besides, user_id=user_id)

    async def _read_open(self, servers: Iterable[int] | None) -> None:
        """Read again the cards of the channel-quiz questions on show in ``servers`` (every server, None) that
        the processes sharing the database stored, where what was read is ``OPEN_READ_TTL`` seconds old. A
        database that cannot be read leaves what was read."""
        now = time.monotonic()
        wanted: list[int | None] = [None] if servers is None else [*sorted(servers)]
        old = [g for g in wanted if (kept := self._open_read.get(g)) is None or now - kept[1] > OPEN_READ_TTL]
        if not old:
            return
        try:
            found = await self.queries.open_cards(None if servers is None else [g for g in old if g is not None])
        except STORAGE_ERRORS as exc:
            log.info("could not read the open questions of other processes: %s", exc)
            return
        if servers is None:
            self._open_read[None] = (frozenset().union(*found.values()), now)
        else:
            for guild in old:
                self._open_read[guild] = (found.get(guild, frozenset()) if guild is not None else frozenset(), now)

    async def _read_dailies(self, servers: Iterable[int]) -> None:
        """Read the unrevealed daily cards of ``servers`` again where what was read is ``DAILY_HIDDEN_TTL`` seconds
        old (in one read where the store can)."""
        if self.unrevealed_in is not None:
            now = time.monotonic()
            old = sorted(g for g in servers if (kept := self._daily_hidden.get(g)) is None or now - kept[1] > DAILY_HIDDEN_TTL)
            if old:
                for other, cards in (await self.unrevealed_in(old)).items():
                    self._daily_hidden[other] = (cards | self._claimed_since(other, now), now)
        else:
            for other in servers:
                await self._read_daily(other)

    async def _open_where_played(self, quiz: LiveQuiz) -> frozenset[str]:
        """The cards asked now in the other servers where the starter and the players of a channel quiz (who
        answered in it) play, open channel-quiz questions and unrevealed daily questions, with the cards of their
        names: its reveal of one would give them that answer. Read again where old (the servers each plays in, the
        daily questions, the questions other processes show); a database that cannot be read leaves what memory
        holds."""
        if quiz.private or quiz.guild_id is None:
            return frozenset()
        players = [quiz.starter_id, *(u for u in quiz.tally if u != quiz.starter_id)][:CLOSE_PLAYERS_READ]
        servers: set[int] = set()
        try:
            async with asyncio.timeout(CLOSE_READ_SECONDS):
                servers = set(await self._played_by(players))
                servers.discard(quiz.guild_id)
                if servers:
                    await self._read_dailies(servers)
                    await self._read_open(servers)
        except STORAGE_ERRORS as exc:  # (a read past the time limit too: ``TimeoutError`` is an ``OSError``)
            log.info("quiz %s: the servers its players play in could not be read again: %r", quiz.id, exc)
            servers = {g for user_id in players for g in self._played_now(user_id)} - {quiz.guild_id}
        if not servers:
            return frozenset()
        return self._with_twins(quiz.guild_id, self._elsewhere(quiz.guild_id, frozenset(servers)), stated=False)

    async def _read_daily(self, guild_id: int | None) -> None:
        """Read the server's unrevealed daily cards again once what was read is ``DAILY_HIDDEN_TTL`` seconds old."""
        kept = self._daily_hidden.get(guild_id)
        began = time.monotonic()
        if self.unrevealed is not None and (kept is None or began - kept[1] > DAILY_HIDDEN_TTL):
            cards = await self.unrevealed(guild_id)
            self._daily_hidden[guild_id] = (cards | self._claimed_since(guild_id, began), time.monotonic())

    def _claimed_since(self, guild_id: int | None, began: float) -> frozenset[str]:
        """The cards of the daily questions claimed here in ``guild_id`` (every server's: None) since ``began``,
        which a read that began then may have missed."""
        return frozenset(card for at, card in self._daily_claims.get(guild_id, ()) if at >= began)

    def _elsewhere(self, guild_id: int, servers: frozenset[int]) -> frozenset[str]:
        """The cards hidden now in ``servers`` but ``guild_id`` (open channel-quiz questions, unrevealed daily
        questions), from memory."""
        others = servers - {guild_id}
        if not others:
            return frozenset()
        found = {
            quiz.question.card.key
            for quiz in self.registry.live.values()
            if quiz.guild_id in others and not quiz.private and quiz.question is not None and not quiz.question.closed
        }
        for other in others:
            daily = self._daily_hidden.get(other)
            if daily is not None:
                found |= daily[0]
            stored = self._open_read.get(other)  # (those another process shows)
            if stored is not None:
                found |= stored[0]
        return frozenset(found)

    def _played_now(self, user_id: int) -> frozenset[int]:
        """The servers the member has answered in, from memory: as last read, and the running quizzes they have
        answered in here."""
        kept = self._plays.get(user_id)
        live = {
            quiz.guild_id for quiz in self.registry.live.values()
            if quiz.guild_id is not None and user_id in quiz.tally
        }
        return (kept[0] if kept is not None else frozenset()) | live

    def played(self, guild_id: int | None, user_id: int) -> None:
        """An answer of the member's in ``guild_id`` was written: that server is one they play in from now on,
        without waiting for their servers to be read again."""
        kept = self._plays.get(user_id)
        if guild_id is not None and kept is not None and guild_id not in kept[0]:
            self._plays[user_id] = (kept[0] | {guild_id}, kept[1])

    async def _played(self, user_id: int) -> frozenset[int]:
        """``_played_now``, read from the store again once what was read is ``PLAYS_TTL`` seconds old."""
        kept = self._plays.get(user_id)
        if self.servers_played is not None and (kept is None or time.monotonic() - kept[1] > PLAYS_TTL):
            self._remember_plays(user_id, await self.servers_played(user_id), kept)
        return self._played_now(user_id)

    async def _played_by(self, user_ids: Sequence[int]) -> frozenset[int]:
        """The servers any of ``user_ids`` plays in (``_played``), those read longest ago read again in one read
        where the store can."""
        now = time.monotonic()
        stale = {u: kept for u in user_ids if (kept := self._plays.get(u)) is None or now - kept[1] > PLAYS_TTL}
        if stale and self.servers_played_by is not None:
            found = await self.servers_played_by(sorted(stale))
            for user_id, kept in stale.items():
                self._remember_plays(user_id, found.get(user_id, frozenset()), kept)
        elif stale:
            for user_id in stale:
                await self._played(user_id)
        return frozenset(g for user_id in user_ids for g in self._played_now(user_id))

    def _remember_plays(
        self, user_id: int, servers: frozenset[int], kept: tuple[frozenset[int], float] | None
    ) -> None:
        """Keep what was read of the servers the member plays in (``kept``: what was held when the read began)."""
        during = self._plays.get(user_id)
        if during is not None:  # (and a server an answer of theirs added while it was read: ``played``)
            servers |= during[0] - (kept[0] if kept is not None else frozenset())
        if len(self._plays) >= PLAYS_KEPT:
            for old in sorted(self._plays, key=lambda u: self._plays[u][1])[: PLAYS_KEPT // 10]:
                del self._plays[old]
        self._plays[user_id] = (servers, time.monotonic())

    def daily_claimed(self, guild_id: int, card_key: str) -> None:
        """The server's daily question on ``card_key`` was claimed here: hidden at once."""
        now = time.monotonic()
        for key in (guild_id, None):  # (hidden in direct messages too)
            kept = self._daily_hidden.get(key)
            self._daily_hidden[key] = ((kept[0] if kept else frozenset()) | {card_key}, kept[1] if kept else 0.0)
            # (remembered while a read that began before it may still be running: far longer than any read takes)
            claims = [c for c in self._daily_claims.get(key, ()) if now - c[0] <= DAILY_HIDDEN_TTL]
            self._daily_claims[key] = [*claims, (now, card_key)]

    def daily_revealed(self, guild_id: int, card_key: str) -> None:
        """The server's daily question on ``card_key`` was revealed here: no longer hidden."""
        kept = self._daily_hidden.get(guild_id)
        if kept is not None:
            self._daily_hidden[guild_id] = (kept[0] - {card_key}, kept[1])
        # In direct messages (``None``: every server's) too, unless another server's daily question asks it still;
        # read again from the database at the next chance (``hidden_cards``).
        anywhere = self._daily_hidden.get(None)
        if anywhere is not None:
            elsewhere = any(card_key in cards for g, (cards, _) in self._daily_hidden.items() if g not in (None, guild_id))
            self._daily_hidden[None] = (anywhere[0] if elsewhere else anywhere[0] - {card_key}, 0.0)

    def live(self) -> list[LiveQuiz]:
        """Every quiz and practice in memory."""
        return list(self.registry.live.values())

    def _running(self, quiz_id: str) -> LiveQuiz:
        quiz = self.registry.get(quiz_id)
        if quiz is None or not quiz.running:
            raise QuizEnded()
        return quiz

    # -- a member's data deleted ------------------------------------------------------------------
    async def before_forgetting(self, guild_id: int, user_id: int) -> None:
        """A member's data in ``guild_id`` is about to be deleted (``bot.core.forget``): their practice there ends
        (its row goes with their data), and the answers being written in the server's channel quizzes are written
        first, so that none of theirs lands after the deletion."""
        practice = self.registry.practice_of(user_id)
        if practice is not None and practice.guild_id == guild_id and practice.running:
            await self.finish(practice.id, status="stopped")
        pending = [
            fut
            for quiz in self.registry.live.values()
            if quiz.guild_id == guild_id and not quiz.private
            for question in quiz.asked
            for fut in question.pending
        ]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    def forgotten(self, guild_id: int, user_id: int) -> None:
        """A member's data in ``guild_id`` was deleted: the server's live channel quizzes forget what they held of
        them too (their score, their right answers a reveal would name, their tries and hints), so neither a reveal
        nor the summary names them. The quizzes' other players keep what they earned; a question they were first to
        keeps its first answer (nobody else becomes first). A quiz they started goes on without their name: its next
        questions are posted with no starter named (the records keep none either)."""
        for quiz in self.registry.live.values():
            if quiz.guild_id != guild_id or quiz.private:
                continue
            if quiz.starter_id == user_id:
                quiz.starter_name = ""
            quiz.tally.pop(user_id, None)
            for question in quiz.asked:
                question.solved.pop(user_id, None)
                question.unconfirmed.pop(user_id, None)
                if question.closed:
                    continue
                # (each of their answers cost a try, but the one "almost" that was their free retry)
                theirs = question.tries.pop(user_id, 0) + (user_id in question.free_retries)
                question.attempts = max(0, question.attempts - theirs)
                question.hints.pop(user_id, None)
                question.free_retries.discard(user_id)
                question.answered.discard(user_id)

    # -- start ------------------------------------------------------------------------------------
    async def start_quiz(
        self,
        *,
        user_id: int,
        user_name: str,
        guild_id: int | None = None,
        channel_id: int | None = None,
        topic: str | None = None,
        questions: int = QUESTIONS_DEFAULT,
        mode: str = "typed",
        seconds: int = SECONDS_DEFAULT,
        private: bool = False,
        card_keys: Sequence[str] | None = None,
        essays: bool = False,
    ) -> LiveQuiz:
        """Start a channel quiz (``private=False``) or a practice session for ``user_id`` alone.

        ``card_keys`` asks exactly those cards (the cross-cog "Quiz me" button). A channel quiz asks essay
        cards only with ``essays`` (and gives them longer). Raises ``UserError`` for a bad option or a
        limit, ``NotFound`` for an unknown topic (with suggestions), ``QuizRunning`` when the channel
        already has a quiz, ``NotSaved`` when the database refuses the write.
        """
        planning.check_options(
            mode=mode, questions=questions, seconds=seconds, private=private, channel_id=channel_id, essays=essays
        )
        topic = planning.clean_topic(topic)
        now = self.clock()
        if not private and channel_id is not None:
            running = self.running_in(channel_id)
            if running is not None:
                raise QuizRunning(running)
        if private:
            # One start at a time per member, decided with no await before it: a double-clicked "Quiz me" opens
            # one practice, not two of which the first is ended at once by the second.
            if user_id in self._practice_starting:
                raise UserError("quiz.practice_starting", "Your practice is already starting: it shows in a moment.")
            self._practice_starting.add(user_id)
            try:
                await self.housekeeping()
                self.gate.check_practice(user_id, now)
                return await self._start(
                    guild_id=guild_id, channel_id=channel_id, user_id=user_id, user_name=user_name, topic=topic,
                    mode=mode, questions=questions, seconds=seconds, private=private, card_keys=card_keys,
                    essays=essays, now=now,
                )
            finally:
                self._practice_starting.discard(user_id)
        await self.housekeeping()
        # Checked and counted with no await between: starts arriving together stay within the caps.
        self.gate.check_channel(
            guild_id=guild_id, user_id=user_id, running=[*self.registry.refs(), *self._starting], now=now
        )
        starting = (guild_id, user_id, None)
        self._starting.append(starting)
        try:
            return await self._start(
                guild_id=guild_id, channel_id=channel_id, user_id=user_id, user_name=user_name, topic=topic,
                mode=mode, questions=questions, seconds=seconds, private=private, card_keys=card_keys,
                essays=essays, now=now,
            )
        finally:
            self._starting.remove(starting)

    def _turned_off(self, guild_id: int | None, card_keys: Sequence[str]) -> list[str]:
        """The names of the decks of ``card_keys`` the server turned off (a "Quiz me" button sent before)."""
        off = self.catalog.disabled(guild_id) if guild_id is not None and card_keys else set()
        decks = dict.fromkeys(c.deck for c in (self.catalog.card(k) for k in card_keys) if c is not None and c.deck in off)
        return [self.catalog.name(d) for d in decks]

    async def _start(
        self,
        *,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        user_name: str,
        topic: str | None,
        mode: str,
        questions: int,
        seconds: int,
        private: bool,
        card_keys: Sequence[str] | None,
        essays: bool,
        now: datetime,
    ) -> LiveQuiz:
        """``start_quiz`` past its checks: plan the questions, store the quiz, and keep it in memory."""
        ordered = await planning.ordered_cards(
            self.catalog.view(guild_id), self.queries, self.rng, self.due_cards,
            user_id=user_id, guild_id=guild_id, topic=topic, private=private, card_keys=card_keys,
            turned_off=self._turned_off(guild_id, card_keys or ()),
        )
        # A card whose answer is hidden in the server now (an open question, the daily question before its
        # reveal) is not asked: its reveal, or practice's, would give the answer away while it still scores.
        # (nor one asked in another server its starter plays in: they could answer it there; in a channel quiz too,
        # whose topic they chose and whose questions they may skip)
        if not private:
            # (the practices other processes show, for ``_practised_in`` and the starter's own: ``hidden_now``)
            await self.read_in_play()
        # (a practice replaces the member's practice going: that one's question hides nothing from this one)
        replaced = self.registry.practice_of(user_id) if private else None
        besides = replaced.id if replaced is not None else None
        hidden = await self.hidden_cards(guild_id, besides=besides, user_id=user_id)
        # (nor, in a channel, a topic whose every card is being practised now: ``open_question`` skips those,
        # so the quiz would be announced and end at once with no question asked. A practised card stays in the
        # plan: its practice question closes in moments, and ``open_question`` skips it only while it is open)
        busy = hidden | self._practised_in(guild_id) if not private else hidden
        if busy and ordered and all(card.key in busy for card in ordered):
            # (the cards hidden only because their text states an open question's answer are asked rather than
            # none: a small deck or topic whose every card speaks of the answer asked elsewhere)
            hidden = self.hidden_now(guild_id, besides=besides, user_id=user_id, stated=False)
            busy = hidden | self._practised_in(guild_id) if not private else hidden
        if busy:
            if ordered and all(card.key in busy for card in ordered):
                raise planning.being_asked(chosen=card_keys is not None)
            if hidden:
                ordered = [card for card in ordered if card.key not in hidden]
        if not private and card_keys is None:
            # A card another server's daily question asks and has not revealed comes after the others: its reveal
            # there could come while this quiz asks it, before players here who play there too. (Asked only where the
            # quiz needs it for its questions.)
            await self._read_daily(None)
            dailies = self._daily_cards(None, stated=False) - hidden
            if dailies:
                ordered = [c for c in ordered if c.key not in dailies] + [c for c in ordered if c.key in dailies]
        can_essay = private or essays or card_keys is not None
        # (no question that an earlier one's question or reveal, on screen above it, answers: ``CatalogView.told``)
        plan = planning.build_plan(
            ordered, mode=mode, questions=questions, rng=self.rng, essays=can_essay,
            apart=self.catalog.view(guild_id).told,
        )  # fmt: skip
        if not plan:
            raise planning.nothing_to_ask(topic, mode, decks_on=bool(self.catalog.view(guild_id).decks))
        spares = [] if card_keys is not None else planning.spares(ordered, plan, mode=mode, rng=self.rng, essays=can_essay)
        requested = questions if len(plan) < questions and card_keys is None else None

        try:
            quiz_id = await self._create(
                lambda: self.queries.create_quiz(
                    new_id=lambda: secrets.token_hex(4), guild_id=guild_id, channel_id=channel_id,
                    starter_id=user_id, topic=topic, mode=mode, private=private, total=len(plan), at=now,
                )
            )
        except ChannelTaken as held:  # the database holds a running quiz there (this process's or another's)
            mine = self.registry.get(held.quiz.id)
            raise QuizRunning(mine if mine is not None and mine.running else held.quiz) from None
        except STORAGE_ERRORS as exc:
            log.warning("could not store a new quiz", exc_info=True)
            raise NotSaved("start") from exc
        if private:
            self.gate.started_practice(user_id, now)
        else:
            self.gate.started_channel(guild_id, user_id, now)
        # Memory still holds a quiz there whose row is no longer running (another process closed it at its
        # start-up): the one already playing keeps the channel.
        if not private and channel_id is not None:
            taken = self.running_in(channel_id)
            if taken is not None:
                await self.endings.write(quiz_id, "stopped", None, now)
                raise QuizRunning(taken)
        quiz = LiveQuiz(
            id=quiz_id, guild_id=guild_id, channel_id=channel_id, starter_id=user_id, starter_name=user_name,
            topic=topic, mode=mode, private=private, seconds=seconds, plan=plan, requested=requested,
            essays=essays and not private, spares=spares, last_activity=now,
        )
        previous = self.registry.add(quiz)
        if previous is not None:
            await self.finish(previous.id, status="stopped")
        if private:
            await self.housekeeping()  # within the cap of practice sessions kept in memory
        log.info("quiz %s started (%s, %d questions, %s) by %s", quiz_id, "practice" if private else
                 f"channel {channel_id}", len(plan), mode, user_id)
        return quiz

    async def _create(self, create: Callable[[], Awaitable[str]]) -> str:
        """Store the new quiz's running row (the database takes its channel). A channel held only by a quiz of
        this process whose end is still waiting to be written is freed by writing that end, then taken."""
        try:
            return await create()
        except ChannelTaken as taken:
            if not self.endings.waiting(taken.quiz.id) or not await self.endings.retry():
                raise
        return await create()

    # -- questions --------------------------------------------------------------------------------
    def _not_to_ask(self, quiz: LiveQuiz, *, stated: bool) -> frozenset[str]:
        """The cards ``quiz`` does not ask now: those hidden in its server (``hidden_now``, its own open question
        aside), those asked where its starter plays (who chose what it asks, and may skip its questions: they could
        answer there what its reveals show), in a channel those a member is practising (the channel's reveal would
        give that answer away)."""
        hidden = self.hidden_now(quiz.guild_id, besides=quiz.id, user_id=quiz.starter_id, stated=stated)
        if not quiz.private:
            hidden |= self._with_twins(quiz.guild_id, self._practised_in(quiz.guild_id), stated=stated)
        return hidden

    def _shown_away(self, quiz: LiveQuiz) -> frozenset[tuple[str, str]]:
        """The questions (card key, direction) that the quiz's own closed questions and reveals, still on screen,
        give away (``CatalogView.told``): not asked after them, even where nothing else is left."""
        shown = frozenset(q.card.key for q in quiz.asked if q.closed)
        return self.catalog.view(quiz.guild_id).told(shown) if shown else frozenset()

    def open_question(self, quiz_id: str) -> LiveQuestion | None:
        """Open the next question (None when every question has been asked).

        A typed question's card starts compiling for grading at once, in the background (``CompileAhead``),
        so the first answer finds it compiled; the next question's card is compiled while this one is open."""
        quiz = self._running(quiz_id)
        view = self.catalog.view(quiz.guild_id)
        gone = _refresh_plan(quiz, view)
        hidden = self._not_to_ask(quiz, stated=True)
        left = [card.key for card, _ in (*quiz.plan[quiz.number :], *quiz.spares) if card.key not in gone]
        if left and all(key in hidden for key in left):
            # (rather than end the quiz: the cards hidden only because their text states an answer asked
            # elsewhere, where nothing else is left to ask; their reveal keeps that back)
            hidden = self._not_to_ask(quiz, stated=False)
        pool = view.askable
        if hidden:  # (nor is a hidden card's name offered as another question's choice)
            pool = [card for card in pool if card.key not in hidden]
        question = session.next_question(
            quiz, pool=pool, rng=self.rng, now=self.clock(), essay_seconds=self.limits.essay_seconds,
            skip=hidden | gone, given_away=self._shown_away(quiz),
        )
        if question is None:
            self.ahead.cancel(quiz.id)
        elif not question.prompt.is_choice:
            card, direction = question.card, question.prompt.direction
            self.ahead.start(quiz.id, (question.number, "asked"), card, direction, lambda: self._extra(quiz, card, direction))
            if quiz.number < quiz.total:
                card_next, direction_next = quiz.plan[quiz.number]
                self.ahead.start(
                    quiz.id, (question.number + 1, "next"), card_next, direction_next,
                    lambda: self._extra(quiz, card_next, direction_next), later=True,
                )  # fmt: skip
        return question

    def _extra(self, quiz: LiveQuiz, card: Card, direction: str) -> tuple[str, ...]:
        """The answers the quiz's server accepts for ``card`` beyond the deck's own (disputes)."""
        if self.overlay is None:
            return ()
        return self.overlay(quiz.guild_id, card.key, direction, card)  # (for the card as asked: ``card``)

    async def set_message(self, quiz_id: str, message_id: int | None) -> None:
        """Remember the message showing the current question (also in the quizzes row, with its number)."""
        quiz = self.registry.get(quiz_id)
        if quiz is None:
            return
        question = quiz.question
        if question is not None:
            question.message_id = message_id
        # (a channel question on show: its card, for the other processes sharing the database to hide)
        card = question.card.key if question is not None and not question.closed and not quiz.private else None
        await self.queries.set_message(quiz_id, message_id, quiz.number, open_card=card)

    async def forget_message(self, quiz_id: str) -> None:
        """The current question has closed and shown its reveal: no message shows an open question now (after a
        restart, none is marked "ended"). A database that refuses the write only leaves that mark possible."""
        try:
            await self.set_message(quiz_id, None)
        except STORAGE_ERRORS as exc:
            log.info("quiz %s: could not forget the closed question's message (%s)", quiz_id, exc)

    def require_open(self, quiz_id: str, number: int | None = None, *, user_id: int | None = None) -> LiveQuestion:
        """The open question (``number`` if given) of a running quiz; ``Closed`` otherwise.

        With ``user_id``: also refused when it is someone else's practice, or the player is done with it.
        """
        quiz = self._running(quiz_id)
        session.require_owner(quiz, user_id)
        question = session.current_question(quiz, number)
        session.require_answerable(quiz, question, user_id, self.clock())
        return question

    # -- answers ----------------------------------------------------------------------------------
    async def answer(
        self,
        quiz_id: str,
        *,
        user_id: int,
        user_name: str,
        response: str = "",
        option: int | None = None,
        number: int | None = None,
        chat: bool = False,
    ) -> AnswerResult:
        """Grade one answer, store it, and return the result (only once it is committed).

        ``option``: the index of the chosen option in choice mode. ``number``: the question the player
        was looking at (an answer to a question that has closed is refused with ``Closed``). ``chat``:
        an answer read from a plain message: a right one scores; a wrong one that is a guess (``chat.is_guess``;
        on a ``two_way`` question, one that says the other answer) costs a try as in the answer box (stored, said
        nothing of); talk is ignored (``ignored``: nothing stored, no try used).
        Raises ``NotSaved`` (nothing counted) when the database refuses the write.
        """
        response = storable(response)  # graded as it is stored (without what no store holds)
        BACKLOG.enter()  # the collector works for throughput while answers pile up (bot.core.memory)
        try:
            quiz = self._running(quiz_id)
            session.require_owner(quiz, user_id, answering=True)
            question = session.current_question(quiz, number)
            now = self.clock()
            # (Not on a yes/no question: a wrong answer in the chat tells everyone the other one already.)
            if chat and not quiz.private and not question.two_way and session.spent(quiz, question, user_id):
                session.require_answerable(quiz, question, None, now)  # (closed: too late, as for anyone)
                return await self._spent_chat(quiz, question, response)
            session.require_answerable(quiz, question, user_id, now)
            allowed = tries_allowed(quiz.mode, two_way=question.two_way)
            choice = question.prompt.is_choice
            extra = self._extra(quiz, question.card, question.prompt.direction)
            verdict, response = await session.grade_async(question, response, option, extra_accept=extra)
            now = self.clock()
            session.require_still_open(quiz, question, user_id, now)  # a long answer gave the loop away meanwhile
            # A wrong chat message that is a guess costs a try, as a wrong answer in the answer box does (the same
            # count): stored with its verdict, said nothing of; once the tries are used, what the player types
            # after is refused. Talk ("lol this one is hard", "no idea", "👍") is no try (``chat.is_guess``). On a
            # yes/no question only a message that says the other answer is a guess (the player's one try): chat
            # that takes no side ("lol", "ok", "idk", "quadrant") is no try.
            if chat and not verdict.correct and not _chat_guess(question, verdict, response):
                return AnswerResult(verdict, ignored=True, number=question.number, response=response, choice=choice)
            if verdict.kind is VerdictKind.EMPTY:
                left = allowed - question.tries.get(user_id, 0)
                return AnswerResult(verdict, tries_left=left, number=question.number, response=response, choice=choice)

            hints = question.hints_of(user_id)
            # Decide, with no await before the state is updated: exactly one first correct answer.
            claimed = session.claim(
                quiz, question, user_id=user_id, user_name=user_name, verdict=verdict, now=now, silent=chat
            )
            attempt = Attempt(
                guild_id=quiz.guild_id, channel_id=quiz.channel_id, user_id=user_id, user_name=user_name,
                card_key=question.card.key, source=quiz.source, response=response, verdict=verdict.kind,
                points=claimed.points, created_at=now, session_id=quiz.id,
                extra={
                    "reason": str(verdict.reason), "hints": hints, "direction": question.prompt.direction,
                    "seconds": round((now - question.opened_at).total_seconds(), 3), "choice": choice,
                    "key": session.answer_key(quiz, question, user_id, self.grader_key),
                },
            )
            track = lambda fut: self._track(question, fut)  # noqa: E731
            try:
                if claimed.first and not choice and not quiz.private:
                    # Only the database knows whether another process's answer got there first.
                    claim = FirstClaim(quiz.id, question.number, question.card.key, user_id, now)
                    second = answer_points(first=False, hints=hints, choice=choice)
                    attempt_id, first = await self.writer.write_first(attempt, claim, second, track=track)
                    if not first:
                        session.second_place(question, claimed, user_name, second)
                        log.info("quiz %s question %d: %s was right, but not first", quiz.id, question.number, user_id)
                else:
                    attempt_id = await self.writer.write(attempt, track=track)
            except STORAGE_ERRORS as exc:
                unconfirmed = unconfirmed_commit(exc)
                if unconfirmed is None:
                    claimed.undo()  # nothing was stored: the answer did not count
                else:
                    # it may be stored: the try stays used, so that answering again never counts it twice, and
                    # the end of the quiz settles it before its summary is read (a right one, before the reveal)
                    quiz.unconfirmed.append(unconfirmed)
                    if verdict.correct:
                        question.unconfirmed[user_id] = unconfirmed
                log.warning("quiz %s: could not store an answer", quiz.id, exc_info=True)
                if not quiz.private:
                    quiz.failed = True  # the timer ends the quiz: nobody's answer can count
                raise NotSaved("unconfirmed" if unconfirmed is not None else "answer") from exc
            except BaseException:
                claimed.undo()
                raise
            counted(quiz.tally, user_id, user_name, claimed.points, verdict.correct)
            self.played(quiz.guild_id, user_id)
            tries_left = allowed - question.tries.get(user_id, 0)
            first = claimed.first and not choice
            result = AnswerResult(
                verdict, points=claimed.points, first=first, tries_left=tries_left, number=question.number,
                closes_at=question.closes_at if (first or claimed.shut) and not quiz.private else None, response=response,
                choice=choice,
                attempt_id=attempt_id,
                almost=claimed.almost,
            )
            if quiz.private and (verdict.correct or tries_left <= 0) and not question.closed:
                result.reveal = await self.close_question(quiz.id, question.number)
            return result
        finally:
            BACKLOG.leave()

    async def _spent_chat(self, quiz: LiveQuiz, question: LiveQuestion, response: str) -> AnswerResult:
        """A chat message from a player who can no longer answer the open question (right already, or out of
        tries): it scores nothing and nothing is stored, but a right answer in it is in front of everyone in the
        channel, so it closes the question at once, as any right chat answer does (``session.claim``); else the
        others could copy it into the answer box and score."""
        extra = self._extra(quiz, question.card, question.prompt.direction)
        verdict, response = await session.grade_async(question, response, None, extra_accept=extra)
        now = self.clock()
        shut = (
            verdict.correct
            and quiz.running
            and quiz.question is question
            and not question.closed
            and question.closes_at is not None
            and question.closes_at > now
        )
        if shut:
            question.closes_at = now
            log.info("quiz %s question %d: a right answer in the chat from a player who cannot score closed it",
                     quiz.id, question.number)
        return AnswerResult(
            verdict, ignored=True, number=question.number, response=response, closes_at=now if shut else None
        )

    @staticmethod
    def _track(question: LiveQuestion, fut: asyncio.Future[None]) -> None:
        """The question waits for this write before it closes."""
        question.pending.add(fut)
        fut.add_done_callback(question.pending.discard)

    # -- hints, skip, stop ------------------------------------------------------------------------
    async def hint(self, quiz_id: str, *, user_id: int, number: int | None = None) -> HintResult:
        """One more hint for ``user_id`` alone: it lowers only their points on this question.

        The question's hints are worked out at the first one asked for: a hint the grader would take as a right
        answer to the card (its aliases, its other answers, the answers its server accepts) is never given."""
        quiz = self._running(quiz_id)
        session.require_owner(quiz, user_id)
        question = session.current_question(quiz, number)
        session.require_answerable(quiz, question, user_id, self.clock())
        if question.hint_levels is None and not question.prompt.is_choice and not question.essay:
            card, direction = question.card, question.prompt.direction
            levels = await prompts.checked_hint_levels(
                question.prompt.hint_answer, card, direction, extra_answers(self._extra(quiz, card, direction))
            )
            if question.hint_levels is None:
                question.hint_levels = levels
            # (The loop may have moved on while the hints were graded.)
            quiz = self._running(quiz_id)
            question = session.current_question(quiz, number)
            session.require_answerable(quiz, question, user_id, self.clock())
        return session.take_hint(quiz, question, user_id, self.clock())

    def hint_not_shown(self, quiz_id: str, *, user_id: int, number: int, level: int) -> None:
        """Hint ``level`` of question ``number`` could not be shown to ``user_id``: it is given back (no cost; the
        next press shows it), unless the question has closed or they answered it meanwhile."""
        quiz = self.registry.get(quiz_id)
        question = next((q for q in quiz.asked if q.number == number), None) if quiz is not None else None
        if question is not None and not question.closed and session.give_back_hint(question, user_id, level):
            log.info("quiz %s question %d: hint %d was not shown to %s; given back", quiz_id, number, level, user_id)

    async def skip(
        self, quiz_id: str, *, user_id: int, can_moderate: bool = False, number: int | None = None
    ) -> Reveal:
        """Close the current question now (the starter or a moderator)."""
        quiz = self._running(quiz_id)
        session.require_control(quiz, user_id, can_moderate, "skip")
        question = session.current_question(quiz, number)
        reveal = await self.close_question(quiz_id, question.number)
        assert reveal is not None
        return reveal

    async def stop(self, quiz_id: str, *, user_id: int, can_moderate: bool = False) -> Summary:
        """End the quiz now (the starter or a moderator); returns the summary."""
        quiz = self._running(quiz_id)
        session.require_control(quiz, user_id, can_moderate, "stop")
        return await self.finish(quiz_id, status="stopped")

    async def close_question(self, quiz_id: str, number: int) -> Reveal | None:
        """Close question ``number`` (idempotent) once its pending answers are committed; its reveal."""
        quiz = self.registry.get(quiz_id)
        if quiz is None:
            return None
        question = next((x for x in quiz.asked if x.number == number), None)
        if question is None:
            return None
        return await self._close(quiz, question)

    async def _close(self, quiz: LiveQuiz, question: LiveQuestion) -> Reveal | None:
        if question.closed:
            return question.reveal
        question.closed = True
        self.ahead.cancel(quiz.id, (question.number, "asked"))
        self.ahead.cancel(quiz.id, (question.number, "next"))
        question.verdicts.clear()  # kept only while answers come
        if question.pending:
            await asyncio.gather(*list(question.pending), return_exceptions=True)
        await self._settle_winners(quiz, question)
        # (the daily question may have taken the card since it was asked, when every card of its topic was in
        # play: its answer stays hidden until the daily's reveal)
        key = question.card.key
        daily = key in self._daily_cards(quiz.guild_id, stated=False)
        # (nor while a question asks it that was opened since in a channel, of this server or of another its
        # starter plays in: they could answer it there)
        elsewhere = not daily and key in self.hidden_now(
            quiz.guild_id, besides=quiz.id, user_id=quiz.starter_id, stated=False
        )
        # (or in another server one of its players plays in: they would read the answer here and give it there)
        if not (daily or elsewhere):
            elsewhere = key in await self._open_where_played(quiz)
        # (nor while a question is open whose answer the card's text states: a quiz asked it when nothing else was
        # left, or the other question was opened since)
        stated = (
            not (daily or elsewhere)
            and key in self._not_to_ask(quiz, stated=True)
            and key not in self._not_to_ask(quiz, stated=False)
        )
        question.reveal = make_reveal(quiz, question, withheld=daily, elsewhere=elsewhere, stated=stated)
        return question.reveal

    async def _settle_winners(self, quiz: LiveQuiz, question: LiveQuestion) -> None:
        """Make final, where the database can be asked now, the outcome of the question's right answers whose
        commit could not be confirmed, before its reveal names who got it: one that was not stored is no winner;
        one that was is counted. One still unconfirmed stays so (left out of the reveal), and is asked about
        again at the end of the quiz."""
        for user_id, unconfirmed in list(question.unconfirmed.items()):
            try:
                landed = await self.store.settle(unconfirmed)
            except STORAGE_ERRORS as exc:
                log.info("quiz %s: an unconfirmed answer could not be settled: %s", quiz.id, exc)
                landed = None
            if landed is None:
                continue
            del question.unconfirmed[user_id]
            # final: nothing left of it to settle at the end
            quiz.unconfirmed = [u for u in quiz.unconfirmed if u is not unconfirmed]
            winner = question.solved.get(user_id)
            if not landed:
                question.solved.pop(user_id, None)
            elif winner is not None:
                counted(quiz.tally, user_id, winner.name, winner.points, True)
            log.info("quiz %s question %d: an unconfirmed right answer %s", quiz.id, question.number,
                     "had been saved" if landed else "was not saved")

    # -- the end ----------------------------------------------------------------------------------
    async def finish(self, quiz_id: str, *, status: str = "finished") -> Summary:
        """End a quiz (idempotent): free its channel, close its question, record the outcome, return the
        summary. The summary is returned even when the database refuses the write (it is retried later);
        a second call while the first is still writing waits for the same summary."""
        ended = self.endings.summary(quiz_id)
        if ended is not None:
            return ended
        ending = self.endings.in_progress(quiz_id)
        if ending is not None:
            return await asyncio.shield(ending)
        quiz = self.registry.get(quiz_id)
        if quiz is None:
            raise QuizEnded()
        if status not in ("finished", "stopped"):
            raise ValueError(status)
        quiz.status = status
        self.registry.forget(quiz)  # first: whatever fails below, the channel is free
        self._forget_practice_read(quiz_id)
        self.ahead.cancel(quiz.id)
        async with self.endings.ending(quiz_id) as done:
            if quiz.question is not None:
                await self._close(quiz, quiz.question)
            unsettled = await self._settle(quiz)
            try:
                summary = await self.summary(quiz_id, quiz=quiz, status=status)
            except STORAGE_ERRORS:
                log.warning("could not read the results of quiz %s; summary from memory", quiz_id, exc_info=True)
                summary = summary_from_memory(quiz, self.catalog, status)
            summary.unconfirmed = unsettled
            winner = winner_id(summary.ranking, status=status, private=quiz.private)
            due = not quiz.private and quiz.channel_id is not None  # until its channel has been told (summary_shown)
            summary.saved = await self.endings.write(quiz_id, status, winner, self.clock(), summary_due=due)
            quiz.summary = summary
            done(summary)
        log.info("quiz %s %s after %d questions", quiz_id, status, summary.asked)
        return summary

    async def _settle(self, quiz: LiveQuiz) -> int:
        """Make final the outcome of the quiz's answers whose commit could not be confirmed, where the database can
        be asked now (a write still held open is ended: it cannot land after the summary is read). Returns how
        many are still unconfirmed."""
        left = 0
        for unconfirmed in quiz.unconfirmed:
            try:
                landed = await self.store.settle(unconfirmed)
            except STORAGE_ERRORS as exc:
                log.info("quiz %s: an unconfirmed answer could not be settled: %s", quiz.id, exc)
                landed = None
            left += landed is None
            log.info("quiz %s: an unconfirmed answer %s", quiz.id, {
                True: "had been saved", False: "was not saved", None: "is still unconfirmed"}[landed])
        quiz.unconfirmed.clear()
        return left

    async def summary_shown(self, quiz_id: str) -> None:
        """The channel of quiz ``quiz_id`` was told how it ended (or can no longer be): the next start does not post
        it again. A database that refuses the mark has it written later (``housekeeping``)."""
        await self.endings.shown(quiz_id)

    async def ended_as_shown(self, row: QuizRow, status: str) -> None:
        """The channel of ``row``, a quiz the last start marked interrupted, had been shown that it ended as
        ``status`` (``finished`` or ``stopped``): the process that showed it was killed before its end could be
        written. That end is recorded, with its winner, as the channel saw it."""
        if row.status != "interrupted" or row.private or status not in ("finished", "stopped"):
            return
        summary = await self.summary(row.id)
        winner = winner_id(summary.ranking, status=status, private=row.private)
        if await self.queries.end_as_shown(row.id, status, winner):
            log.info("quiz %s: recorded as %s, as its channel was shown before the restart", row.id, status)

    async def summary(self, quiz_id: str, *, quiz: LiveQuiz | None = None, status: str | None = None) -> Summary:
        """A quiz's ranking, accuracy and hardest question, from the stored attempts."""
        results = await self.queries.results(quiz_id)
        if results is None:
            raise NotFound("quiz.unknown", "No such quiz.")
        return make_summary(results, self.catalog, quiz=quiz, status=status)


def _refresh_plan(quiz: LiveQuiz, view: CatalogView) -> frozenset[str]:
    """The quiz's questions still to come, as the server's decks are now: a card edited since the start (a deck
    imported again) is asked and graded as it is now; the keys of those no longer there (a deck removed or turned
    off, a card dropped) are returned, to be skipped (a spare, as fresh, stands in)."""
    gone: set[str] = set()
    for i in range(quiz.number, quiz.total):
        card, direction = quiz.plan[i]
        fresh = view.card(card.key)
        if fresh is None or not fresh.askable:
            gone.add(card.key)
        elif fresh is not card:
            quiz.plan[i] = (fresh, direction)
    kept = [(view.card(c.key), d) for c, d in quiz.spares]
    quiz.spares = [(c, d) for c, d in kept if c is not None and c.askable]
    return frozenset(gone)


def _chat_guess(question: LiveQuestion, verdict: Verdict, response: str) -> bool:
    """Whether a wrong chat message costs its player a try: a guess (``chat.is_guess``); on a yes/no question, a
    message that says the other answer (``_other_side``)."""
    if question.two_way:
        return _other_side(question, response)
    return is_guess(verdict, response)


def _other_side(question: LiveQuestion, response: str) -> bool:
    """Whether ``response``, not right on the yes/no (true/false) ``question``, says its other answer ("no",
    "nope", "false" where "Yes" is right): a player's try. Chat that says neither ("lol", "ok", "idk", "yes or
    no") is talk, not a try."""
    pair = two_way(question.prompt.hint_answer)
    if pair is None:
        return True
    right = question.prompt.hint_answer.strip().strip(".!").lower()
    other = pair[1] if pair[0].lower() == right else pair[0]
    card = question.card
    return grade_card(Card(deck=card.deck, id=card.id, question=card.question, answer=other, accept=(other,)), response).correct
