"""The timers of channel quizzes: one asyncio task per quiz asks its questions in turn.

Each task posts a question, sleeps until it closes (its time is up, or ``WINDOW_SECONDS`` after the first
right answer), edits it into the reveal, pauses, and goes on; at the end it posts the summary. Answers,
skips and stops wake it early through its ``Wakeup``; it re-reads the quiz's state after every sleep.

A quiz never goes silent and never keeps its channel: a Discord call that fails is retried when that may
help (``delivery.retrying``); a reveal whose edit fails is posted as a new message; a question that cannot
be posted, or an answer the database refused (``LiveQuiz.failed``), ends the quiz — and the channel is
always told how it ended, with the points already given kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import discord

from bot.core.errors import UserError
from bot.core.quiz import LiveQuestion, LiveQuiz, QuizRow, QuizService, Reveal, Summary
from cogs._shared import NETWORK_ERRORS, NO_MENTIONS, Wakeup
from cogs.quiz import render
from cogs.quiz.delivery import retrying, send_once
from cogs.quiz.views import open_question_number, question_view

log = logging.getLogger(__name__)

#: What a post or an edit of the quiz raises when it fails (the call is then given up, the quiz goes on or ends
#: in the open): any error of discord.py's, and the network's (a timeout, a dropped connection).
_FAILED = (discord.DiscordException, *NETWORK_ERRORS)

PAUSE_SECONDS = 4.0  # between a reveal and the next question
#: Messages read back in a quiz's channel after a restart, to find what a killed process had posted of it.
LOOK_BACK = 50

ChannelFinder = Callable[[int], Awaitable[discord.abc.Messageable | None]]


class QuestionNotPosted(Exception):
    """A question could not be posted, even after trying again."""


class ChannelQuizzes:
    """The running channel quizzes' tasks, and their wake-ups."""

    def __init__(self, quizzes: QuizService, now: Callable[[], datetime]) -> None:
        self.quizzes = quizzes
        self.now = now
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._wake: dict[str, Wakeup] = {}

    def start(self, quiz: LiveQuiz, channel: discord.abc.Messageable) -> None:
        """Run ``quiz`` in ``channel`` (the intro has been sent, or could not be)."""
        self._wake[quiz.id] = Wakeup()
        self._tasks[quiz.id] = asyncio.create_task(self._run(quiz, channel), name=f"tutor-quiz-{quiz.id}")

    def poke(self, quiz_id: str) -> None:
        """Wake the quiz's timer: the question's close time moved, it was skipped or stopped, or it failed."""
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
        await self._end(quiz)

    async def stop(self, *, wait: float) -> None:
        """Stop every timer (the cog unloads: a reload, or the bot shutting down). A quiz still running is
        cancelled mid-question (the next load ends it and says so in its channel). A quiz that has ended already
        (its last question closed, or Stop was pressed) but whose timer has not shown its reveal and summary yet
        is shown first, up to ``wait`` seconds: nothing would post them later, as it no longer runs."""
        ending: list[asyncio.Task[None]] = []
        running: list[asyncio.Task[None]] = []
        for quiz_id, task in list(self._tasks.items()):
            quiz = self.quizzes.get(quiz_id)
            if quiz is None or not quiz.running:
                ending.append(task)
                self.poke(quiz_id)
            else:
                running.append(task)
        # The running ones first: while the ended ones are waited for, their timers would go on (a new question
        # whose buttons no longer answer, a summary cut off halfway).
        await _cancelled(running)
        if ending:
            _, late = await asyncio.wait(ending, timeout=wait)
            if late:
                log.warning("%d ended quizzes could not show their summary before the timers stopped", len(late))
            await _cancelled(list(late))
        self._tasks.clear()
        self._wake.clear()

    # -- one quiz ---------------------------------------------------------------------------------------
    async def _run(self, quiz: LiveQuiz, channel: discord.abc.Messageable) -> None:
        """Run the quiz (``_play``); its task is forgotten once the summary is shown (``stop`` waits for it)."""
        try:
            await self._play(quiz, channel)
        finally:
            if self._tasks.get(quiz.id) is asyncio.current_task():
                self._tasks.pop(quiz.id, None)
                self._wake.pop(quiz.id, None)

    async def _play(self, quiz: LiveQuiz, channel: discord.abc.Messageable) -> None:
        """Ask every question in turn: post, wait for the close, edit into the reveal; then the summary."""
        message: discord.Message | None = None
        last: discord.Message | None = None  # the quiz's latest message in the channel (its question or reveal)
        last_reveal: discord.Embed | None = None  # the reveal ``last`` shows, once its question was edited into it
        question: LiveQuestion | None = None
        note: str | None = None
        summary: Summary | None = None
        try:
            while quiz.running and not quiz.failed:
                await self.quizzes.read_in_play()  # (the practices other processes show now, kept out of this quiz)
                question = self.quizzes.open_question(quiz.id)
                if question is None:
                    if len(quiz.asked) < quiz.total:  # its cards went (a deck turned off): say why it ends early
                        note = render.RAN_OUT
                    break
                message = None
                message = last = await self._post_question(channel, quiz, question)
                last_reveal = None
                await self.quizzes.set_message(quiz.id, message.id)
                await self._wait_question(quiz, question)
                reveal = await self.quizzes.close_question(quiz.id, question.number) or question.reveal
                if reveal is not None:
                    last_reveal = await self._show_reveal(channel, quiz, message, reveal)
                message = None
                await self.quizzes.forget_message(quiz.id)  # closed: a restart now must not call it "ended"
                if quiz.failed or not quiz.running or question.number >= quiz.total:
                    break
                await self._sleep(quiz, PAUSE_SECONDS)
            if quiz.failed:
                note = render.NOT_SAVED
            summary = await self.quizzes.finish(quiz.id, status="stopped" if quiz.failed else "finished")
        except asyncio.CancelledError:
            raise
        except QuestionNotPosted:
            note = render.NOT_POSTED
            summary = await self._end(quiz)
        except UserError as exc:  # the quiz ended under us (stopped, swept): its summary, if it has one
            log.info("quiz %s: %s", quiz.id, exc)
            summary = await self._end(quiz)
        except discord.DiscordException:
            # (Not ``_FAILED``: a Discord call of the loop that fails on the way is taken where it is made, a
            # question's post as ``QuestionNotPosted``. A ``TimeoutError`` or an ``OSError`` that reaches here is
            # the database's: PostgreSQL's store raises them for a server that stopped answering or went away.)
            log.warning("quiz %s: a Discord call failed; ending it", quiz.id, exc_info=True)
            summary = await self._end(quiz)
        except Exception:
            log.warning("quiz %s could not go on (database?); ending it", quiz.id, exc_info=True)
            note = render.NOT_SAVED
            summary = await self._end(quiz)
        if message is not None and question is not None and question.reveal is not None:
            last_reveal = await self._show_reveal(channel, quiz, message, question.reveal, fallback=False)
        if summary is not None:
            shown = render.summary_embed(summary, note=note)
            if not await self.post(channel, embed=shown) and last is not None:
                # Posting is refused (Send Messages taken away mid-quiz): the channel is still told how the quiz
                # ended, in the quiz's latest message (an edit needs no Send Messages), below the reveal it shows.
                await self._edit_into(last, shown, below=last_reveal)
            # (Killed before this, the bot posts the summary at its next start.)
            await self.quizzes.summary_shown(quiz.id)

    @staticmethod
    async def _edit_into(message: discord.Message, shown: discord.Embed, *, below: discord.Embed | None = None) -> None:
        """Show the end of the quiz in ``message``: under the reveal ``below`` it shows (kept, so the members do
        not lose the last answer), or in its place when both do not fit one message."""
        embeds = [shown]
        if below is not None:
            kept = below.copy().remove_footer()  # (the quiz is over: no "next question" to announce)
            if render.fits_one_message(kept, shown):
                embeds = [kept, shown]
        try:
            await retrying(lambda: message.edit(embeds=embeds, view=None, allowed_mentions=NO_MENTIONS))
        except _FAILED as exc:
            log.info("could not show the end of the quiz in message %s: %s", message.id, exc)

    async def _end(self, quiz: LiveQuiz) -> Summary | None:
        """End ``quiz`` as stopped (its channel is freed whatever happens); its summary, if any."""
        try:
            return await self.quizzes.finish(quiz.id, status="stopped")
        except Exception:
            log.exception("could not close quiz %s", quiz.id)
            return quiz.summary

    async def _post_question(
        self, channel: discord.abc.Messageable, quiz: LiveQuiz, question: LiveQuestion
    ) -> discord.Message:
        try:
            return await send_once(
                channel, embed=render.question_embed(quiz, question), view=question_view(quiz, question)
            )
        except _FAILED as exc:
            log.warning("quiz %s: could not post question %d: %s", quiz.id, question.number, exc)
            raise QuestionNotPosted() from exc

    async def _show_reveal(
        self, channel: discord.abc.Messageable, quiz: LiveQuiz, message: discord.Message | None, reveal: Reveal,
        *, fallback: bool = True,
    ) -> discord.Embed | None:
        """Edit the question into its reveal; if the edit fails, post the reveal as a new message. The reveal when
        ``message`` now shows it, else None."""
        shown = render.reveal_embed(quiz, reveal)
        if message is not None:
            try:
                await retrying(lambda: message.edit(embed=shown, view=None, allowed_mentions=NO_MENTIONS))
                return shown
            except _FAILED as exc:
                log.info("quiz %s: could not edit question %d into its reveal (%s)", quiz.id, reveal.number, exc)
        if fallback:
            await self.post(channel, embed=shown)
        return None

    async def post(self, channel: discord.abc.Messageable, **kwargs: Any) -> bool:
        """Post a message in the quiz's channel (tried again when worth it); False when it could not be."""
        try:
            await send_once(channel, **kwargs)
            return True
        except _FAILED as exc:
            log.warning("could not post in channel %s: %s", getattr(channel, "id", "?"), exc)
            return False

    async def _wait_question(self, quiz: LiveQuiz, question: LiveQuestion) -> None:
        """Until the question closes: its time is up, the first-correct window ends, a skip, a stop, a failure."""
        while quiz.running and not quiz.failed and not question.closed and question.closes_at is not None:
            remaining = (question.closes_at - self.now()).total_seconds()
            if remaining <= 0:
                return
            await self._sleep(quiz, remaining)

    async def _sleep(self, quiz: LiveQuiz, seconds: float) -> None:
        """Sleep up to ``seconds``, woken early by ``poke``."""
        await self._wake.setdefault(quiz.id, Wakeup()).sleep(seconds)

    # -- after a restart or a reload ------------------------------------------------------------------
    async def announce_interrupted(self, find_channel: ChannelFinder, orphans: list[str]) -> None:
        """Say in each channel whose quiz the last restart interrupted that its scores were kept, and mark its
        open question ended; post the summary of each quiz that had ended but not shown it when the bot stopped;
        end and announce the ``orphans`` (channel quizzes whose task an extension reload cancelled).

        The channel's recent messages are read first (``_look_back``): a process killed between posting and
        storing leaves a question up whose message was not stored (marked ended all the same), or an ending
        shown whose showing was not stored (not posted a second time: the end it showed is the one kept)."""
        for row in self.quizzes.take_interrupted():
            if row.channel_id is None:
                continue
            try:
                summary = await self.quizzes.summary(row.id)
                try:
                    channel = await find_channel(row.channel_id)
                except (discord.NotFound, discord.Forbidden):
                    channel = None
                if channel is None:  # (deleted, or out of reach: there is nobody to tell)
                    await self.quizzes.summary_shown(row.id)
                    continue
                seen = await self._look_back(channel, row)
                marked: list[int] = []
                if row.status == "interrupted":
                    # First: a kill between this and the notice leaves nothing open that looks as if it answered.
                    marked = await self._mark_ended(channel, row, summary, seen)
                if seen is not None and seen.ending is not None:
                    # Its channel was shown how it ended; the process that showed it was killed before it could
                    # store that (or the database refused it): not posted again.
                    await self.quizzes.ended_as_shown(row, seen.ending)
                    await self.quizzes.summary_shown(row.id)
                    continue
                # (A post refused for good is shown in the quiz's latest question message instead: see ``_announce``.)
                latest = max(marked, default=row.message_id)
                if row.status != "interrupted":  # it had ended; the bot stopped before its summary was posted
                    await self._announce(channel, summary, render.SUMMARY_AFTER_RESTART, title=None, instead=latest)
                    await self.quizzes.summary_shown(row.id)
                    continue
                await self._announce(channel, summary, render.INTERRUPTED_BY_RESTART, instead=latest)
                await self.quizzes.summary_shown(row.id)
            except Exception:
                log.warning("could not announce interrupted quiz %s in %s", row.id, row.channel_id, exc_info=True)
        for quiz_id in orphans:
            quiz = self.quizzes.get(quiz_id)
            if quiz is None or not quiz.running or quiz.channel_id is None:
                continue
            try:
                summary = await self.quizzes.finish(quiz_id, status="stopped")
                channel = await find_channel(quiz.channel_id)
                if channel is None:
                    await self.quizzes.summary_shown(quiz_id)
                    continue
                question = quiz.question
                message_id = question.message_id if question is not None else None
                posted = await self._announce(channel, summary, render.INTERRUPTED_BY_RELOAD, instead=message_id)
                await self.quizzes.summary_shown(quiz_id)
                if posted and question is not None and message_id is not None and question.reveal is not None:
                    await self._edit_old(channel, message_id, render.reveal_embed(quiz, question.reveal))
            except Exception:
                log.warning("could not end quiz %s left by a reload", quiz_id, exc_info=True)

    async def _look_back(self, channel: discord.abc.Messageable, row: QuizRow) -> _Seen | None:
        """What the channel's recent messages show of quiz ``row``: its questions still showing their buttons, and
        whether an ending of it was shown (newer than its start: one channel quiz runs in a channel at a time).
        None when they cannot be read (no Read Message History: Discord then shows the bot an empty channel)."""
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread) and channel.guild.me is not None:
            if not channel.permissions_for(channel.guild.me).read_message_history:
                return None
        try:
            recent = [m async for m in channel.history(limit=LOOK_BACK)]  # read to the end: no generator left open
        except _FAILED as exc:
            log.info("could not read the recent messages of channel %s: %s", getattr(channel, "id", "?"), exc)
            return None
        me = self._me(channel)
        seen = _Seen(ids={m.id for m in recent})
        for message in recent:  # (newest first)
            if me is not None and message.author.id != me:
                continue
            number = open_question_number(message, row.id)
            if number is not None:
                seen.open.append((message, number))
            elif seen.ending is None and (row.started_at is None or message.created_at >= row.started_at):
                seen.ending = render.shown_ending(message)
        return seen

    @staticmethod
    def _me(channel: discord.abc.Messageable) -> int | None:
        guild = getattr(channel, "guild", None)
        me = getattr(guild, "me", None)
        return me.id if me is not None else None

    async def _mark_ended(
        self, channel: discord.abc.Messageable, row: QuizRow, summary: Summary, seen: _Seen | None
    ) -> list[int]:
        """Mark ended each question of the interrupted quiz ``row`` still showing its buttons; their message ids. A
        stored question message out of ``seen`` (or all of them, when the channel could not be read) is marked as it
        was stored; one seen without buttons is a question that closed and showed its reveal, which is kept."""
        marked: list[tuple[int, int]] = []
        if seen is not None:
            marked = [(message.id, number) for message, number in seen.open]
        if row.message_id is not None and (seen is None or row.message_id not in seen.ids) and summary.asked:
            marked.append((row.message_id, summary.asked))
        for message_id, number in marked:
            ended = render.ended_question_embed(number, row.total, row.topic, render.ENDED_BY_RESTART)
            await self._edit_old(channel, message_id, ended)
        return [message_id for message_id, _ in marked]

    async def _announce(
        self,
        channel: discord.abc.Messageable,
        summary: Summary,
        note: str,
        *,
        title: str | None = render.INTERRUPTED_TITLE,
        instead: int | None = None,
    ) -> bool:
        """Post how a quiz ended; True once posted. A post Discord refuses for good (Send Messages taken away, the
        bot timed out, the channel gone) is not kept for a later start, which would post an old quiz's end out of
        the blue: it is shown, as a running quiz does, by an edit of the quiz's question message ``instead`` (an
        edit needs no Send Messages), and False is returned. A passing failure is raised: tried at the next start."""
        shown = render.summary_embed(summary, title=title, note=note)
        try:
            await send_once(channel, embed=shown)
            return True
        except (discord.Forbidden, discord.NotFound) as exc:
            log.info("could not post the end of a quiz in channel %s: %s", getattr(channel, "id", "?"), exc)
        if instead is not None:
            await self._edit_old(channel, instead, shown)
        return False

    @staticmethod
    async def _edit_old(channel: discord.abc.Messageable, message_id: int, shown: discord.Embed) -> None:
        """Edit an old question message (its buttons removed); a message that is gone is left alone."""
        partial = getattr(channel, "get_partial_message", None)
        if partial is None:
            return
        try:
            await retrying(lambda: partial(message_id).edit(embed=shown, view=None, allowed_mentions=NO_MENTIONS))
        except _FAILED as exc:
            log.info("could not mark old question message %s ended: %s", message_id, exc)


@dataclass(slots=True)
class _Seen:
    """What a channel's recent messages show of one quiz (``ChannelQuizzes._look_back``)."""

    ids: set[int]
    #: Its messages still showing a question's buttons, with that question's number (newest first).
    open: list[tuple[discord.Message, int]] = field(default_factory=list)
    #: How it was shown to end (``finished``, ``stopped``, ``interrupted``), if it was.
    ending: str | None = None


async def _cancelled(tasks: list[asyncio.Task[None]]) -> None:
    """Cancel ``tasks`` and wait until each has stopped."""
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(BaseException):
            await task
