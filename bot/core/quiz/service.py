"""The quiz use-cases: start, ask, answer, hint, skip, stop, finish — for channel quizzes and practice.

The live state of a running quiz (current question, tries, who is right) is held in memory here; everything a
player earns is written to ``attempts`` before the caller is told, and the ``quizzes`` row follows the quiz
from ``running`` to ``finished``/``stopped`` (or ``interrupted`` when the process died with it running:
``start()`` finds those at the next start-up and keeps them for the cog to announce).

Writes of answers are group-committed (``GroupCommit``): each ``answer()`` call returns only after the
transaction holding its attempt has committed.

Race rule: grading and the "first correct" decision (``session``) happen without any ``await`` in between, so
with one event loop exactly one answer is first; the window for the others closes ``WINDOW_SECONDS`` after it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.errors import NotFound
from bot.core.models import Attempt, VerdictKind
from bot.core.quiz import plan as planning
from bot.core.quiz import session
from bot.core.quiz.commit import GroupCommit
from bot.core.quiz.models import (
    ENDED_KEPT,
    PRACTICE_IDLE,
    QUESTIONS_DEFAULT,
    SECONDS_DEFAULT,
    AnswerResult,
    HintResult,
    LiveQuestion,
    LiveQuiz,
    QuizEnded,
    QuizRunning,
    Reveal,
    Summary,
)
from bot.core.quiz.results import make_reveal, make_summary
from bot.core.scoring import tries_allowed
from bot.core.storage.quiz_queries import QuizQueries, QuizRow

if TYPE_CHECKING:
    import random

    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.attempts import AttemptWriter
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)


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
        self.queries = QuizQueries(store)
        self.writer = GroupCommit(store, attempts)
        self.catalog = catalog
        self.clock = clock
        self.rng = rng
        self._live: dict[str, LiveQuiz] = {}
        self._by_channel: dict[int, str] = {}
        self._practice_by_user: dict[int, str] = {}
        self._interrupted: list[QuizRow] = []
        self._ended: dict[str, Summary] = {}  # recent summaries, so finishing twice returns the same one

    # -- lifecycle --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Close quizzes a previous process left running (scores are kept: attempts are never undone)."""
        rows = await self.queries.interrupt_running(self.clock())
        self._interrupted = [r for r in rows if not r.private and r.channel_id is not None]
        if rows:
            log.info("%d quizzes were running when the bot stopped; marked interrupted", len(rows))

    async def close(self) -> None:
        """Nothing to flush: every answer is committed before ``answer()`` returns."""

    def take_interrupted(self) -> list[QuizRow]:
        """Channel quizzes interrupted by the last restart (each returned once), to announce in their channel."""
        found, self._interrupted = self._interrupted, []
        return found

    # -- lookups ----------------------------------------------------------------------------------
    def get(self, quiz_id: str) -> LiveQuiz | None:
        """The live quiz with this id (None once it has ended)."""
        return self._live.get(quiz_id)

    def running_in(self, channel_id: int) -> LiveQuiz | None:
        """The channel quiz running in ``channel_id``, if any."""
        quiz_id = self._by_channel.get(channel_id)
        return None if quiz_id is None else self._live.get(quiz_id)

    def practice_of(self, user_id: int) -> LiveQuiz | None:
        """The practice ``user_id`` has going, if any."""
        quiz_id = self._practice_by_user.get(user_id)
        return None if quiz_id is None else self._live.get(quiz_id)

    def live(self) -> list[LiveQuiz]:
        """Every quiz and practice in memory."""
        return list(self._live.values())

    def _running(self, quiz_id: str) -> LiveQuiz:
        quiz = self._live.get(quiz_id)
        if quiz is None or not quiz.running:
            raise QuizEnded()
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
        planning.check_options(mode=mode, questions=questions, seconds=seconds, private=private, channel_id=channel_id)
        topic = planning.clean_topic(topic)
        if not private and channel_id is not None:
            running = self.running_in(channel_id)
            if running is not None:
                raise QuizRunning(running)
        self._sweep_idle_practice()

        if card_keys is not None:
            ordered = planning.chosen_cards(self.catalog, card_keys)
        else:
            pool = planning.topic_pool(self.catalog, topic)
            if private:
                history = await self.queries.card_history(user_id, [c.key for c in pool])
                ordered = planning.practice_order(pool, history, self.rng)
            else:
                ordered = planning.channel_order(pool, self.rng)
        plan = planning.build_plan(ordered, mode=mode, questions=questions, rng=self.rng)
        if not plan:
            raise planning.nothing_to_ask(topic, mode)
        requested = questions if len(plan) < questions and card_keys is None else None

        now = self.clock()
        quiz_id = await self.queries.create_quiz(
            new_id=lambda: secrets.token_hex(4), guild_id=guild_id, channel_id=channel_id, starter_id=user_id,
            topic=topic, mode=mode, private=private, total=len(plan), at=now,
        )
        # The channel may have been taken while we were writing.
        if not private and channel_id is not None and channel_id in self._by_channel:
            await self.queries.end_quiz(quiz_id, "stopped", None, now)
            raise QuizRunning(self._live[self._by_channel[channel_id]])
        quiz = LiveQuiz(
            id=quiz_id, guild_id=guild_id, channel_id=channel_id, starter_id=user_id, starter_name=user_name,
            topic=topic, mode=mode, private=private, seconds=seconds, plan=plan, requested=requested,
            last_activity=now,
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
        return session.next_question(quiz, pool=self.catalog.askable, rng=self.rng, now=self.clock())

    async def set_message(self, quiz_id: str, message_id: int | None) -> None:
        """Remember the message showing the current question (also in the quizzes row)."""
        quiz = self._live.get(quiz_id)
        if quiz is None:
            return
        if quiz.question is not None:
            quiz.question.message_id = message_id
        await self.queries.set_message(quiz_id, message_id)

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
        an answer read from a plain message: only a correct one counts; anything else is ignored.
        """
        quiz = self._running(quiz_id)
        session.require_owner(quiz, user_id, answering=True)
        question = session.current_question(quiz, number)
        now = self.clock()
        session.require_answerable(quiz, question, user_id, now)
        allowed = tries_allowed(quiz.mode)
        verdict, response = session.grade(question, response, option)
        if chat and not verdict.correct:
            return AnswerResult(verdict, ignored=True, number=question.number, response=response)
        if verdict.kind is VerdictKind.EMPTY:
            left = allowed - question.tries.get(user_id, 0)
            return AnswerResult(verdict, tries_left=left, number=question.number, response=response)

        # Decide, with no await before the state is updated: exactly one first correct answer.
        claimed = session.claim(quiz, question, user_id=user_id, user_name=user_name, verdict=verdict, now=now)
        attempt = Attempt(
            guild_id=quiz.guild_id, channel_id=quiz.channel_id, user_id=user_id, user_name=user_name,
            card_key=question.card.key, source=quiz.source, response=response, verdict=verdict.kind,
            points=claimed.points, created_at=now, session_id=quiz.id,
        )
        try:
            await self.writer.write(attempt, track=lambda fut: self._track(question, fut))
        except BaseException:
            claimed.undo()  # nothing was stored: the player can answer again
            raise
        tries_left = allowed - question.tries.get(user_id, 0)
        result = AnswerResult(
            verdict, points=claimed.points, first=claimed.first, tries_left=tries_left, number=question.number,
            closes_at=question.closes_at if claimed.first and not quiz.private else None, response=response,
        )
        if quiz.private and (verdict.correct or tries_left <= 0) and not question.closed:
            result.reveal = await self.close_question(quiz.id, question.number)
        return result

    @staticmethod
    def _track(question: LiveQuestion, fut: asyncio.Future[None]) -> None:
        """The question waits for this write before it closes."""
        question.pending.add(fut)
        fut.add_done_callback(question.pending.discard)

    # -- hints, skip, stop ------------------------------------------------------------------------
    def hint(self, quiz_id: str, *, user_id: int, number: int | None = None) -> HintResult:
        """Reveal one more letter of each word of the answer (to everyone); each hint lowers the points."""
        quiz = self._running(quiz_id)
        session.require_owner(quiz, user_id)
        question = session.current_question(quiz, number)
        return session.take_hint(quiz, question, self.clock())

    def require_control(self, quiz: LiveQuiz, user_id: int, can_moderate: bool, action: str) -> None:
        """Allow the starter, or a moderator in a channel quiz, to ``action`` (``skip`` or ``stop``)."""
        session.require_control(quiz, user_id, can_moderate, action)

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
        question.reveal = make_reveal(quiz, question)
        return question.reveal

    # -- the end ----------------------------------------------------------------------------------
    async def finish(self, quiz_id: str, *, status: str = "finished") -> Summary:
        """End a quiz (idempotent): close its question, record the outcome, return the summary."""
        quiz = self._live.get(quiz_id)
        if quiz_id in self._ended:
            return self._ended[quiz_id]
        if quiz is None:
            raise QuizEnded()
        if status not in ("finished", "stopped"):
            raise ValueError(status)
        quiz.status = status
        if quiz.question is not None and not quiz.question.closed:
            await self.close_question(quiz_id, quiz.question.number)
        summary = await self.summary(quiz_id, quiz=quiz, status=status)
        winner = summary.winner.user_id if summary.winner and status == "finished" and not quiz.private else None
        await self.queries.end_quiz(quiz_id, status, winner, self.clock())
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
        results = await self.queries.results(quiz_id)
        if results is None:
            raise NotFound("quiz.unknown", "No such quiz.")
        return make_summary(results, self.catalog, quiz=quiz, status=status)
