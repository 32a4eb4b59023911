"""The quizzes held in memory: by id, by channel, and each member's practice.

A channel is looked up through its running quiz only: an entry whose quiz is no longer running (it ended
while something failed) is dropped, never trusted, so it can't lock the channel. The registry is the fast
path in front of the database, which holds each channel (``QuizQueries.create_quiz``): a channel free here may
still be refused there, when another process on the same database runs a quiz in it. Practice sessions are
bounded: one per member, forgotten after ``QuizLimits.practice_idle`` without activity, and at most
``QuizLimits.practice_sessions`` at once (the idlest go first). Their answers are stored already, so
forgetting one loses nothing but the open question.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core.errors import MessageRef
from bot.core.quiz.limits import QuizLimits
from bot.core.quiz.models import LiveQuiz

log = logging.getLogger(__name__)


class Registry:
    """Live quizzes and practice sessions (see the module docstring)."""

    def __init__(self, limits: QuizLimits) -> None:
        self.limits = limits
        self.live: dict[str, LiveQuiz] = {}
        self._by_channel: dict[int, str] = {}
        self._practice_by_user: dict[int, str] = {}

    def get(self, quiz_id: str) -> LiveQuiz | None:
        """The quiz with this id, while it is in memory."""
        return self.live.get(quiz_id)

    def in_channel(self, channel_id: int) -> LiveQuiz | None:
        """The quiz running in ``channel_id`` (a stale entry is dropped)."""
        quiz_id = self._by_channel.get(channel_id)
        if quiz_id is None:
            return None
        quiz = self.live.get(quiz_id)
        if quiz is None or not quiz.running:
            log.warning("channel %s was registered to quiz %s, which is not running: freed", channel_id, quiz_id)
            del self._by_channel[channel_id]
            if quiz is not None:
                self.forget(quiz)
            return None
        return quiz

    def practice_of(self, user_id: int) -> LiveQuiz | None:
        """``user_id``'s practice, if any."""
        quiz_id = self._practice_by_user.get(user_id)
        return None if quiz_id is None else self.live.get(quiz_id)

    def channel_quizzes(self) -> list[LiveQuiz]:
        """The running channel quizzes."""
        return [q for c in list(self._by_channel) if (q := self.in_channel(c)) is not None]

    def refs(self) -> list[tuple[int | None, int, MessageRef | None]]:
        """(server, starter, question message) of every running channel quiz (for the start limits)."""
        refs: list[tuple[int | None, int, MessageRef | None]] = []
        for quiz in self.channel_quizzes():
            message = quiz.question.message_id if quiz.question is not None else None
            ref = MessageRef(quiz.guild_id, quiz.channel_id, message) if quiz.channel_id and message else None
            refs.append((quiz.guild_id, quiz.starter_id, ref))
        return refs

    def add(self, quiz: LiveQuiz) -> LiveQuiz | None:
        """Hold ``quiz``; returns the practice it replaces (the member's previous one), if any."""
        self.live[quiz.id] = quiz
        if quiz.private:
            previous = self.practice_of(quiz.starter_id)
            self._practice_by_user[quiz.starter_id] = quiz.id
            return previous
        if quiz.channel_id is not None:
            self._by_channel[quiz.channel_id] = quiz.id
        return None

    def forget(self, quiz: LiveQuiz) -> None:
        """Drop ``quiz`` from memory (and free its channel)."""
        self.live.pop(quiz.id, None)
        if quiz.channel_id is not None and self._by_channel.get(quiz.channel_id) == quiz.id:
            del self._by_channel[quiz.channel_id]
        if self._practice_by_user.get(quiz.starter_id) == quiz.id:
            del self._practice_by_user[quiz.starter_id]

    def sweep(self, now: datetime) -> list[LiveQuiz]:
        """Forget idle practice sessions, and the idlest ones over the cap; returns them."""
        practice = [q for q in self.live.values() if q.private]
        idle = self.limits.idle
        gone = [q for q in practice if q.last_activity is not None and now - q.last_activity > idle]
        left = [q for q in practice if q not in gone]
        over = len(left) - self.limits.practice_sessions
        if over > 0:
            left.sort(key=lambda q: q.last_activity or now)
            gone += left[:over]
        for quiz in gone:
            self.forget(quiz)
            quiz.status = "stopped"
        if gone:
            log.info("forgot %d idle practice sessions", len(gone))
        return gone
