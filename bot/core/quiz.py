"""Use-cases of the quiz feature: channel quizzes and private practice.

The live state of a running quiz (current question, tries, who is right) is held in memory here; everything a
player earns is written to ``attempts`` before the caller is told, and the ``quizzes`` row follows the quiz
from ``running`` to ``finished``/``stopped`` (or ``interrupted`` when the process died with it running:
``start()`` finds those at the next start-up and keeps them for the cog to announce).

Writes of answers are group-committed: concurrent answers share one transaction, and each ``answer()`` call
returns only after the transaction holding its attempt has committed.

Race rule: grading and the "first correct" decision happen without any ``await`` in between, so with one
event loop exactly one answer is first; the window for the others closes ``WINDOW_SECONDS`` after it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.core import prompts
from bot.core.errors import Closed, Conflict, NotFound, UserError
from bot.core.grading import grade_card
from bot.core.models import Attempt, Card, Source, Verdict, VerdictKind
from bot.core.scoring import WINDOW_SECONDS, answer_points, tries_allowed
from bot.core.storage import quiz_queries as q
from bot.core.storage.store import StoreError, now_ms

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

MODES = ("typed", "choice")
QUESTIONS_MIN, QUESTIONS_MAX, QUESTIONS_DEFAULT = 1, 50, 10
SECONDS_MIN, SECONDS_MAX, SECONDS_DEFAULT = 10, 120, 30
PRACTICE_IDLE = timedelta(hours=1)
ENDED_KEPT = 256


class QuizRunning(Conflict):
    """A channel already has a quiz; ``quiz`` is the running one (the cog links to it)."""

    def __init__(self, quiz: LiveQuiz) -> None:
        super().__init__("A quiz is already running in this channel.")
        self.quiz = quiz


@dataclass(slots=True)
class Winner:
    user_id: int
    name: str
    points: int
    first: bool


@dataclass(slots=True)
class Reveal:
    """A closed question: the accepted answer, an excerpt of the explanation, who got it right."""

    number: int
    total: int
    card: Card
    prompt: prompts.Prompt
    answer: str
    excerpt: str
    winners: list[Winner]
    attempts: int
    players: int
    last: bool


@dataclass(slots=True)
class LiveQuestion:
    number: int  # 1-based
    card: Card
    prompt: prompts.Prompt
    opened_at: datetime
    closes_at: datetime | None  # None: self-paced (practice)
    hints: int = 0
    tries: dict[int, int] = field(default_factory=dict)
    answered: set[int] = field(default_factory=set)
    solved: dict[int, Winner] = field(default_factory=dict)
    first_at: datetime | None = None
    attempts: int = 0
    closed: bool = False
    reveal: Reveal | None = None
    message_id: int | None = None
    pending: set[asyncio.Future[None]] = field(default_factory=set)

    @property
    def max_hints(self) -> int:
        return 0 if self.prompt.is_choice else prompts.max_hint_level(self.prompt.hint_answer)


@dataclass(slots=True)
class LiveQuiz:
    id: str
    guild_id: int | None
    channel_id: int | None
    starter_id: int
    starter_name: str
    topic: str | None
    mode: str
    private: bool
    seconds: int
    plan: list[tuple[Card, str]]
    note: str | None = None
    number: int = 0
    question: LiveQuestion | None = None
    asked: list[LiveQuestion] = field(default_factory=list)
    status: str = "running"
    summary: Summary | None = None
    last_activity: datetime | None = None

    @property
    def total(self) -> int:
        return len(self.plan)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def source(self) -> Source:
        return Source.PRACTICE if self.private else Source.QUIZ


@dataclass(slots=True)
class AnswerResult:
    verdict: Verdict
    points: int = 0
    first: bool = False
    tries_left: int = 0
    number: int = 0
    closes_at: datetime | None = None  # set when this answer opened the closing window
    reveal: Reveal | None = None  # practice: the question is over (right, or out of tries)
    ignored: bool = False  # a chat message that was not a correct answer: nothing stored, nothing said
    response: str = ""


@dataclass(slots=True)
class HintResult:
    text: str
    level: int
    max_level: int
    points_now: int


@dataclass(slots=True)
class HardQuestion:
    card: Card
    text: str
    correct: int
    players: int


@dataclass(slots=True)
class Summary:
    quiz_id: str
    status: str
    topic: str | None
    private: bool
    asked: int
    total: int
    ranking: list[q.PlayerTotal]
    correct: int
    attempts: int
    hardest: HardQuestion | None

    @property
    def accuracy(self) -> float | None:
        return None if not self.attempts else self.correct / self.attempts

    @property
    def winner(self) -> q.PlayerTotal | None:
        return self.ranking[0] if self.ranking and self.ranking[0].points > 0 else None


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
    ) -> None:
        self.store = store
        self.attempts = attempts
        self.catalog = catalog
        self.clock = clock
        self.rng = rng
        self._live: dict[str, LiveQuiz] = {}
        self._by_channel: dict[int, str] = {}
        self._practice_by_user: dict[int, str] = {}
        self._interrupted: list[q.QuizRow] = []
        self._ended: dict[str, Summary] = {}  # recent summaries, so finishing twice returns the same one
        self._queue: list[tuple[Attempt, asyncio.Future[None]]] = []
        self._flushing = False

    # -- lifecycle --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Close quizzes a previous process left running (scores are kept: attempts are never undone)."""
        async with self.store.transaction() as db:
            rows = await q.interrupt_running(db, now_ms(self.clock()))
        self._interrupted = [r for r in rows if not r.private and r.channel_id is not None]
        if rows:
            log.info("%d quizzes were running when the bot stopped; marked interrupted", len(rows))

    async def close(self) -> None:
        """Nothing to flush: every answer is committed before ``answer()`` returns."""

    def take_interrupted(self) -> list[q.QuizRow]:
        """Channel quizzes interrupted by the last restart (each returned once), to announce in their channel."""
        found, self._interrupted = self._interrupted, []
        return found

    # -- lookups ----------------------------------------------------------------------------------
    def get(self, quiz_id: str) -> LiveQuiz | None:
        return self._live.get(quiz_id)

    def running_in(self, channel_id: int) -> LiveQuiz | None:
        quiz_id = self._by_channel.get(channel_id)
        return None if quiz_id is None else self._live.get(quiz_id)

    def live(self) -> list[LiveQuiz]:
        return list(self._live.values())

    def _running(self, quiz_id: str) -> LiveQuiz:
        quiz = self._live.get(quiz_id)
        if quiz is None or not quiz.running:
            raise Closed("This quiz has ended.")
        return quiz

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
    ) -> LiveQuiz:
        """Start a channel quiz (``private=False``) or a practice session for ``user_id`` alone.

        ``card_keys`` asks exactly those cards (the cross-cog "Quiz me" button). Raises ``UserError`` for a
        bad option, ``NotFound`` for an unknown topic (with suggestions), ``QuizRunning`` when the channel
        already has a quiz.
        """
        if mode not in MODES:
            raise UserError(f"Mode must be typed or choice, not {mode!r}.")
        if not QUESTIONS_MIN <= questions <= QUESTIONS_MAX:
            raise UserError(f"Questions must be between {QUESTIONS_MIN} and {QUESTIONS_MAX}.")
        if not SECONDS_MIN <= seconds <= SECONDS_MAX:
            raise UserError(f"Seconds must be between {SECONDS_MIN} and {SECONDS_MAX}.")
        if not private and channel_id is None:
            raise UserError("A channel quiz needs a channel.")
        topic = topic.strip().lower() if topic and topic.strip() else None
        if not private and channel_id is not None:
            running = self.running_in(channel_id)
            if running is not None:
                raise QuizRunning(running)
        self._sweep_idle_practice()

        if card_keys is not None:
            pool = [c for c in (self.catalog.card(k) for k in card_keys) if c is not None and c.askable]
            if not pool:
                raise NotFound("That card can't be asked (it was removed or is incomplete).")
            ordered = pool
        else:
            found = self.catalog.topic_cards(topic)
            if found is None:
                close = self.catalog.suggest_topics(topic or "", limit=5)
                hint = f" — try: {', '.join(close)}" if close else ""
                raise NotFound(f"No topic {prompts.shown(topic or '')}{hint}.")
            pool = found
            if private:
                async with self.store.read() as db:
                    history = await q.card_history(db, user_id, [c.key for c in pool])
                ordered = prompts.practice_order(pool, history, self.rng)
            else:
                ordered = sorted(pool, key=lambda c: c.key)
                self.rng.shuffle(ordered)
        plan: list[tuple[Card, str]] = []
        for card in ordered:
            if len(plan) >= questions:
                break
            directions = prompts.directions_for(card, mode)
            if not directions:
                continue
            plan.append((card, self.rng.choice(directions)))
        if not plan:
            what = f"topic {topic!r}" if topic else "the decks"
            raise NotFound(f"There is no card in {what} that can be asked in {mode} mode.")
        note = None
        if len(plan) < questions and card_keys is None:
            where = f"**{topic}**" if topic else "the decks"
            note = f"{where} has only {len(plan)} card{'s' if len(plan) != 1 else ''} to ask: " \
                   f"this quiz has {len(plan)} question{'s' if len(plan) != 1 else ''}."

        now = self.clock()
        async with self.store.transaction() as db:
            quiz_id = secrets.token_hex(4)
            while await q.quiz_exists(db, quiz_id):
                quiz_id = secrets.token_hex(4)
            await q.insert_quiz(
                db, quiz_id=quiz_id, guild_id=guild_id, channel_id=channel_id, starter_id=user_id,
                topic=topic, mode=mode, private=private, total=len(plan), stamp=now_ms(now),
            )
        # The channel may have been taken while we were writing.
        if not private and channel_id is not None and channel_id in self._by_channel:
            async with self.store.transaction() as db:
                await q.end_quiz(db, quiz_id, "stopped", None, now_ms(now))
            raise QuizRunning(self._live[self._by_channel[channel_id]])
        quiz = LiveQuiz(
            id=quiz_id, guild_id=guild_id, channel_id=channel_id, starter_id=user_id, starter_name=user_name,
            topic=topic, mode=mode, private=private, seconds=seconds, plan=plan, note=note, last_activity=now,
        )
        self._live[quiz_id] = quiz
        if private:
            previous = self._practice_by_user.get(user_id)
            self._practice_by_user[user_id] = quiz_id
            if previous is not None and previous in self._live:
                await self.finish(previous, status="stopped")
        elif channel_id is not None:
            self._by_channel[channel_id] = quiz_id
        log.info("quiz %s started (%s, %d questions, %s) by %s", quiz_id, "practice" if private else
                 f"channel {channel_id}", len(plan), mode, user_id)
        return quiz

    def _sweep_idle_practice(self) -> None:
        """Forget practice sessions nobody touched for an hour (their answers are stored already)."""
        now = self.clock()
        for quiz in list(self._live.values()):
            if quiz.private and quiz.last_activity is not None and now - quiz.last_activity > PRACTICE_IDLE:
                self._forget(quiz)
                quiz.status = "stopped"

    # -- questions --------------------------------------------------------------------------------
    def open_question(self, quiz_id: str) -> LiveQuestion | None:
        """Open the next question (None when every question has been asked)."""
        quiz = self._running(quiz_id)
        if quiz.question is not None and not quiz.question.closed:
            raise Conflict("The current question is still open.")
        while quiz.number < quiz.total:
            card, direction = quiz.plan[quiz.number]
            quiz.number += 1
            try:
                prompt = prompts.make_prompt(
                    card, direction, mode=quiz.mode, pool=self.catalog.askable, rng=self.rng
                )
            except ValueError:
                log.warning("card %s cannot be asked %s in %s mode; skipped", card.key, direction, quiz.mode)
                continue
            now = self.clock()
            closes = None if quiz.private else now + timedelta(seconds=quiz.seconds)
            question = LiveQuestion(number=quiz.number, card=card, prompt=prompt, opened_at=now, closes_at=closes)
            quiz.question = question
            quiz.asked.append(question)
            quiz.last_activity = now
            return question
        return None

    async def set_message(self, quiz_id: str, message_id: int | None) -> None:
        """Remember the message showing the current question (also in the quizzes row)."""
        quiz = self._live.get(quiz_id)
        if quiz is None:
            return
        if quiz.question is not None:
            quiz.question.message_id = message_id
        async with self.store.transaction() as db:
            await q.set_message(db, quiz_id, message_id)

    def _question(self, quiz: LiveQuiz, number: int | None) -> LiveQuestion:
        question = quiz.question
        if question is None or question.closed or (number is not None and number != question.number):
            which = f"question {number}" if number else "that question"
            raise Closed(f"Too late — {which} has closed.")
        return question

    def require_open(self, quiz_id: str, number: int | None = None, *, user_id: int | None = None) -> LiveQuestion:
        """The open question (``number`` if given) of a running quiz; ``Closed`` otherwise."""
        quiz = self._running(quiz_id)
        if quiz.private and user_id is not None and user_id != quiz.starter_id:
            raise UserError("This practice belongs to someone else.")
        question = self._question(quiz, number)
        if question.closes_at is not None and self.clock() >= question.closes_at:
            raise Closed(f"Too late — question {question.number} has closed.")
        if user_id is not None:
            if user_id in question.solved:
                raise UserError("You already got this one — wait for the next question.")
            if question.tries.get(user_id, 0) >= tries_allowed(quiz.mode):
                raise UserError("You have no tries left on this question.")
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
        an answer read from a plain message: only a correct one counts; anything else is ignored.
        """
        quiz = self._running(quiz_id)
        if quiz.private and user_id != quiz.starter_id:
            raise UserError("This practice belongs to someone else; start your own with `/quiz private:True`.")
        question = self._question(quiz, number)
        now = self.clock()
        if question.closes_at is not None and now >= question.closes_at:
            raise Closed(f"Too late — question {question.number} has closed.")
        if user_id in question.solved:
            raise UserError("You already got this one — wait for the next question.")
        allowed = tries_allowed(quiz.mode)
        used = question.tries.get(user_id, 0)
        if used >= allowed:
            raise UserError("You have no tries left on this question.")

        prompt = question.prompt
        if prompt.is_choice:
            if option is None or not 0 <= option < len(prompt.options):
                raise UserError("Pick one of the options.")
            response = prompt.options[option]
            if option == prompt.correct_option:
                verdict = Verdict(VerdictKind.CORRECT, 1.0, "✅ Correct")
            else:
                verdict = Verdict(VerdictKind.WRONG, 0.0, "❌ Wrong")
        else:
            response = (response or "").strip()
            verdict = grade_card(question.card, response, direction=prompt.direction)
        if chat and not verdict.correct:
            return AnswerResult(verdict, ignored=True, number=question.number, response=response)
        if verdict.kind is VerdictKind.EMPTY:
            return AnswerResult(verdict, tries_left=allowed - used, number=question.number, response=response)

        # Decide, with no await before the state is updated: exactly one first correct answer.
        costs_try = verdict.kind is not VerdictKind.ALMOST
        points = 0
        first = False
        old_closes, old_first_at = question.closes_at, question.first_at
        if verdict.correct:
            first = question.first_at is None
            points = answer_points(first=first, hints=question.hints, choice=prompt.is_choice)
            if first:
                question.first_at = now
                if question.closes_at is not None:
                    question.closes_at = min(question.closes_at, now + timedelta(seconds=WINDOW_SECONDS))
            question.solved[user_id] = Winner(user_id, user_name, points, first)
        if costs_try:
            question.tries[user_id] = used + 1
        new_player = user_id not in question.answered
        question.answered.add(user_id)
        question.attempts += 1
        quiz.last_activity = now
        attempt = Attempt(
            guild_id=quiz.guild_id, channel_id=quiz.channel_id, user_id=user_id, user_name=user_name,
            card_key=question.card.key, source=quiz.source, response=response, verdict=verdict.kind,
            points=points, created_at=now, session_id=quiz.id,
        )
        try:
            await self._commit(attempt, question)
        except BaseException:
            # Nothing was stored: undo what this answer changed so the player can answer again.
            if verdict.correct:
                question.solved.pop(user_id, None)
                if first:
                    question.first_at, question.closes_at = old_first_at, old_closes
            if costs_try:
                question.tries[user_id] = used
            if new_player:
                question.answered.discard(user_id)
            question.attempts -= 1
            raise
        tries_left = allowed - question.tries.get(user_id, 0)
        result = AnswerResult(
            verdict, points=points, first=first, tries_left=tries_left, number=question.number,
            closes_at=question.closes_at if first and not quiz.private else None, response=response,
        )
        if quiz.private and (verdict.correct or tries_left <= 0) and not question.closed:
            result.reveal = await self.close_question(quiz.id, question.number)
        return result

    async def _commit(self, attempt: Attempt, question: LiveQuestion | None = None) -> None:
        """Store one attempt, sharing a transaction with the answers that arrive meanwhile."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._queue.append((attempt, fut))
        if question is not None:
            question.pending.add(fut)
            fut.add_done_callback(question.pending.discard)
        if not self._flushing:
            self._flushing = True
            try:
                while self._queue:
                    batch, self._queue = self._queue, []
                    try:
                        async with self.store.transaction() as db:
                            await q.add_attempts(db, [a for a, _ in batch])
                    except Exception as exc:
                        for _, f in batch:
                            if not f.done():
                                f.set_exception(exc)
                        continue
                    except BaseException:  # cancelled: the others must not wait for ever
                        for _, f in batch:
                            if not f.done() and f is not fut:
                                f.set_exception(StoreError("the write was cancelled"))
                        raise
                    for _, f in batch:
                        if not f.done():
                            f.set_result(None)
            finally:
                self._flushing = False
                left, self._queue = self._queue, []
                for _, f in left:
                    if not f.done() and f is not fut:
                        f.set_exception(StoreError("the write was cancelled"))
        await fut

    # -- hints, skip, stop ------------------------------------------------------------------------
    def hint(self, quiz_id: str, *, user_id: int, number: int | None = None) -> HintResult:
        """Reveal one more letter of each word of the answer (to everyone); each hint lowers the points."""
        quiz = self._running(quiz_id)
        if quiz.private and user_id != quiz.starter_id:
            raise UserError("This practice belongs to someone else.")
        question = self._question(quiz, number)
        if question.prompt.is_choice:
            raise UserError("There are no hints in choice mode.")
        if question.hints >= question.max_hints:
            raise UserError("No more hints for this question.")
        question.hints += 1
        quiz.last_activity = self.clock()
        return HintResult(
            text=prompts.hint_text(question.prompt.hint_answer, question.hints),
            level=question.hints,
            max_level=question.max_hints,
            points_now=answer_points(first=question.first_at is None, hints=question.hints),
        )

    def require_control(self, quiz: LiveQuiz, user_id: int, can_moderate: bool, verb: str) -> None:
        if user_id == quiz.starter_id or (can_moderate and not quiz.private):
            return
        raise UserError(f"Only the starter or a moderator (Manage Messages) can {verb} this quiz.")

    async def skip(
        self, quiz_id: str, *, user_id: int, can_moderate: bool = False, number: int | None = None
    ) -> Reveal:
        """Close the current question now (the starter or a moderator)."""
        quiz = self._running(quiz_id)
        self.require_control(quiz, user_id, can_moderate, "skip a question in")
        question = self._question(quiz, number)
        reveal = await self.close_question(quiz_id, question.number)
        assert reveal is not None
        return reveal

    async def stop(self, quiz_id: str, *, user_id: int, can_moderate: bool = False) -> Summary:
        """End the quiz now (the starter or a moderator); returns the summary."""
        quiz = self._running(quiz_id)
        self.require_control(quiz, user_id, can_moderate, "stop")
        return await self.finish(quiz_id, status="stopped")

    async def close_question(self, quiz_id: str, number: int) -> Reveal | None:
        """Close question ``number`` (idempotent) once its pending answers are committed; its reveal."""
        quiz = self._live.get(quiz_id)
        if quiz is None:
            return None
        question = next((x for x in quiz.asked if x.number == number), None)
        if question is None:
            return None
        if question.closed:
            return question.reveal
        question.closed = True
        if question.pending:
            await asyncio.gather(*list(question.pending), return_exceptions=True)
        winners = sorted(question.solved.values(), key=lambda w: (not w.first, -w.points))
        question.reveal = Reveal(
            number=question.number,
            total=quiz.total,
            card=question.card,
            prompt=question.prompt,
            answer=question.prompt.answer,
            excerpt=prompts.excerpt(question.card),
            winners=winners,
            attempts=question.attempts,
            players=len(question.answered),
            last=question.number >= quiz.total,
        )
        return question.reveal

    # -- the end ----------------------------------------------------------------------------------
    async def finish(self, quiz_id: str, *, status: str = "finished") -> Summary:
        """End a quiz (idempotent): close its question, record the outcome, return the summary."""
        quiz = self._live.get(quiz_id)
        if quiz_id in self._ended:
            return self._ended[quiz_id]
        if quiz is None:
            raise Closed("This quiz has ended.")
        if status not in ("finished", "stopped"):
            raise ValueError(status)
        quiz.status = status
        if quiz.question is not None and not quiz.question.closed:
            await self.close_question(quiz_id, quiz.question.number)
        summary = await self.summary(quiz_id, quiz=quiz, status=status)
        winner = summary.winner.user_id if summary.winner and status == "finished" and not quiz.private else None
        async with self.store.transaction() as db:
            await q.end_quiz(db, quiz_id, status, winner, now_ms(self.clock()))
        quiz.summary = summary
        self._ended[quiz_id] = summary
        while len(self._ended) > ENDED_KEPT:
            del self._ended[next(iter(self._ended))]
        self._forget(quiz)
        log.info("quiz %s %s after %d questions", quiz_id, status, summary.asked)
        return summary

    def _forget(self, quiz: LiveQuiz) -> None:
        self._live.pop(quiz.id, None)
        if quiz.channel_id is not None and self._by_channel.get(quiz.channel_id) == quiz.id:
            del self._by_channel[quiz.channel_id]
        if self._practice_by_user.get(quiz.starter_id) == quiz.id:
            del self._practice_by_user[quiz.starter_id]

    async def summary(self, quiz_id: str, *, quiz: LiveQuiz | None = None, status: str | None = None) -> Summary:
        """A quiz's ranking, accuracy and hardest question, from the stored attempts."""
        async with self.store.read() as db:
            row = await q.get_quiz(db, quiz_id)
            ranking = await q.player_totals(db, quiz_id)
            per_card = await q.card_totals(db, quiz_id)
        if row is None:
            raise NotFound("No such quiz.")
        texts: dict[str, str] = {}
        if quiz is not None:
            texts = {x.card.key: x.prompt.text for x in quiz.asked}
        hardest: HardQuestion | None = None
        worst: tuple[float, int] | None = None
        for key, total in sorted(per_card.items()):
            card = self.catalog.card(key)
            if card is None or not total.players:
                continue
            rank = (total.correct / total.players, -total.attempts)
            if worst is None or rank < worst:
                worst = rank
                hardest = HardQuestion(card, texts.get(key, prompts.plain(card.question)), total.correct, total.players)
        return Summary(
            quiz_id=quiz_id,
            status=status or row.status,
            topic=row.topic,
            private=row.private,
            asked=len(quiz.asked) if quiz is not None else len(per_card),
            total=row.total,
            ranking=ranking,
            correct=sum(p.correct for p in ranking),
            attempts=sum(p.attempts for p in ranking),
            hardest=hardest,
        )
