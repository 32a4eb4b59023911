"""The timers of channel quizzes: one asyncio task per quiz asks its questions in turn.

Each task posts a question, sleeps until it closes (its time is up, or ``WINDOW_SECONDS`` after the first
right answer), edits it into the reveal, pauses, and goes on; at the end it posts the summary. Answers,
skips and stops wake it early through its ``Wakeup``; it re-reads the quiz's state after every sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

import discord

from bot.core.quiz import LiveQuestion, LiveQuiz, QuizService, Summary
from cogs._shared import NO_MENTIONS
from cogs.quiz import render
from cogs.quiz.views import question_view

log = logging.getLogger(__name__)

PAUSE_SECONDS = 4.0  # between a reveal and the next question

ChannelFinder = Callable[[int], Awaitable[discord.abc.Messageable | None]]


class Wakeup:
    """A timer's early wake-up: ``sleep(seconds)`` returns after ``seconds``, or as soon as ``set()`` is called.

    The sleep is an ``asyncio.sleep`` task that ``set()`` cancels, so a sleeping timer is an ordinary timed
    wait (to the event loop, and to a simulated clock in tests); a ``set()`` while nobody sleeps is dropped,
    as the state it announces is re-read after every sleep anyway.
    """

    def __init__(self) -> None:
        self._sleeper: asyncio.Task[None] | None = None

    async def sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds`` (cancelling the caller cancels the sleep too)."""
        sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
        self._sleeper = sleeper
        try:
            await asyncio.wait({sleeper})
        finally:
            self._sleeper = None
            sleeper.cancel()

    def set(self) -> None:
        """End the current sleep now."""
        if self._sleeper is not None:
            self._sleeper.cancel()


class ChannelQuizzes:
    """The running channel quizzes' tasks, and their wake-ups."""

    def __init__(self, quizzes: QuizService, now: Callable[[], datetime]) -> None:
        self.quizzes = quizzes
        self.now = now
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._wake: dict[str, Wakeup] = {}

    def start(self, quiz: LiveQuiz, channel: discord.abc.Messageable) -> None:
        """Run ``quiz`` in ``channel`` (the intro has been sent)."""
        self._wake[quiz.id] = Wakeup()
        self._tasks[quiz.id] = asyncio.create_task(self._run(quiz, channel), name=f"tutor-quiz-{quiz.id}")

    def poke(self, quiz_id: str) -> None:
        """Wake the quiz's timer: the question's close time moved, or it was skipped or stopped."""
        wake = self._wake.get(quiz_id)
        if wake is not None:
            wake.set()

    async def abort(self, quiz: LiveQuiz) -> None:
        """Stop the quiz's task now and end the quiz (its channel or question message is gone)."""
        task = self._tasks.pop(quiz.id, None)
        self._wake.pop(quiz.id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        await self._end_quietly(quiz)

    def tasks(self) -> list[asyncio.Task[None]]:
        """The running tasks (the cog cancels them when it unloads)."""
        return list(self._tasks.values())

    def clear(self) -> None:
        """Forget every task (after they were cancelled)."""
        self._tasks.clear()
        self._wake.clear()

    async def _run(self, quiz: LiveQuiz, channel: discord.abc.Messageable) -> None:
        """Ask every question in turn: post, wait for the close, edit into the reveal; then the summary."""
        try:
            while quiz.running:
                question = self.quizzes.open_question(quiz.id)
                if question is None:
                    break
                message = await channel.send(
                    embed=render.question_embed(quiz, question),
                    view=question_view(quiz, question),
                    allowed_mentions=NO_MENTIONS,
                )
                await self.quizzes.set_message(quiz.id, message.id)
                await self._wait_question(quiz, question)
                reveal = await self.quizzes.close_question(quiz.id, question.number)
                if reveal is not None:
                    await message.edit(embed=render.reveal_embed(quiz, reveal), view=None, allowed_mentions=NO_MENTIONS)
                if not quiz.running or question.number >= quiz.total:
                    break
                await self._sleep(quiz, PAUSE_SECONDS)
            summary = await self.quizzes.finish(quiz.id)
            await channel.send(embed=render.summary_embed(summary), allowed_mentions=NO_MENTIONS)
        except asyncio.CancelledError:
            raise
        except (discord.NotFound, discord.Forbidden) as exc:
            log.info("quiz %s: channel or message gone (%s); ending it", quiz.id, exc)
            await self._end_quietly(quiz)
        except Exception:
            log.exception("quiz %s failed; ending it", quiz.id)
            await self._end_quietly(quiz)
        finally:
            if self._tasks.get(quiz.id) is asyncio.current_task():
                self._tasks.pop(quiz.id, None)
                self._wake.pop(quiz.id, None)

    async def _end_quietly(self, quiz: LiveQuiz) -> None:
        try:
            await self.quizzes.finish(quiz.id, status="stopped")
        except Exception:
            log.exception("could not close quiz %s", quiz.id)

    async def _wait_question(self, quiz: LiveQuiz, question: LiveQuestion) -> None:
        """Until the question closes: its time is up, the first-correct window ends, a skip or a stop."""
        while quiz.running and not question.closed and question.closes_at is not None:
            remaining = (question.closes_at - self.now()).total_seconds()
            if remaining <= 0:
                return
            await self._sleep(quiz, remaining)

    async def _sleep(self, quiz: LiveQuiz, seconds: float) -> None:
        """Sleep up to ``seconds``, woken early by ``poke``."""
        await self._wake.setdefault(quiz.id, Wakeup()).sleep(seconds)

    # -- after a restart or a reload ------------------------------------------------------------------
    async def announce_interrupted(self, find_channel: ChannelFinder, orphans: list[str]) -> None:
        """Say in each channel whose quiz the last restart interrupted that its scores were kept; end and
        announce the ``orphans`` (channel quizzes whose task an extension reload cancelled)."""
        for row in self.quizzes.take_interrupted():
            if row.channel_id is None:
                continue
            try:
                summary = await self.quizzes.summary(row.id)
                await self._announce(find_channel, row.channel_id, summary, render.INTERRUPTED_BY_RESTART)
            except Exception:
                log.warning("could not announce interrupted quiz %s in %s", row.id, row.channel_id, exc_info=True)
        for quiz_id in orphans:
            quiz = self.quizzes.get(quiz_id)
            if quiz is None or not quiz.running or quiz.channel_id is None:
                continue
            try:
                summary = await self.quizzes.finish(quiz_id, status="stopped")
                await self._announce(find_channel, quiz.channel_id, summary, render.INTERRUPTED_BY_RELOAD)
            except Exception:
                log.warning("could not end quiz %s left by a reload", quiz_id, exc_info=True)

    @staticmethod
    async def _announce(find_channel: ChannelFinder, channel_id: int, summary: Summary, note: str) -> None:
        channel = await find_channel(channel_id)
        if channel is not None:
            await channel.send(
                embed=render.summary_embed(summary, title=render.INTERRUPTED_TITLE, note=note),
                allowed_mentions=NO_MENTIONS,
            )
