"""Limits against abuse: how many quizzes run at once, how often they start, what is kept in memory.

``QuizLimits`` holds the numbers (the settings ``TUTOR_QUIZ_*`` fill it; every field has a default that
suits a study server). ``StartGate`` applies them when a quiz or a practice starts: per-member and
per-server caps on running channel quizzes, a cooldown between two channel quizzes of one member in one
server, and a cap on practice starts per member per minute (each writes a row). Its memory is bounded:
entries older than what they limit are dropped as it goes.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.errors import MessageRef, UserError

log = logging.getLogger(__name__)

__all__ = ["QuizLimits", "StartGate"]

#: Entries a gate keeps before it prunes the ones that no longer limit anything.
_PRUNE_AT = 1024


@dataclass(frozen=True, slots=True)
class QuizLimits:
    """The quiz feature's limits (``0`` seconds: no cooldown)."""

    #: Channel quizzes one member may have running at once in one server.
    member_quizzes: int = 1
    #: Channel quizzes running at once in one server.
    server_quizzes: int = 5
    #: Seconds between two channel quizzes one member starts in one server.
    start_cooldown: float = 20.0
    #: Practice starts one member may make per ``practice_window`` seconds.
    practice_starts: int = 10
    practice_window: float = 60.0
    #: Seconds after which a practice nobody touched is forgotten (its answers are stored already).
    practice_idle: float = 30 * 60.0
    #: Practice sessions kept in memory at once (the idlest are forgotten first).
    practice_sessions: int = 2000
    #: Seconds an essay question stays open at least, in a channel quiz that asks for essays.
    essay_seconds: int = 90

    def __post_init__(self) -> None:
        for name in ("member_quizzes", "server_quizzes", "practice_starts", "practice_sessions"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("start_cooldown", "practice_window", "practice_idle", "essay_seconds"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @property
    def idle(self) -> timedelta:
        """``practice_idle`` as a duration."""
        return timedelta(seconds=self.practice_idle)


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def _second_words(seconds: int) -> str:
    """``1 second``, ``15 seconds``: the wait as a member reads it (the last second of a cooldown too)."""
    return f"{seconds} second{'s' if seconds != 1 else ''}"


class StartGate:
    """Applies ``QuizLimits`` to starts (see the module docstring)."""

    def __init__(self, limits: QuizLimits) -> None:
        self.limits = limits
        self._last_start: dict[tuple[int | None, int], datetime] = {}
        self._practice: dict[int, deque[datetime]] = {}

    def check_channel(
        self, *, guild_id: int | None, user_id: int, running: Iterable[tuple[int | None, int, MessageRef | None]],
        now: datetime,
    ) -> None:
        """Refuse a channel quiz over a cap or inside the cooldown. ``running``: (guild, starter, question
        message) of every running channel quiz."""
        limits = self.limits
        here = [(starter, ref) for guild, starter, ref in running if guild == guild_id]
        mine = [ref for starter, ref in here if starter == user_id]
        if len(mine) >= limits.member_quizzes:
            ref = next((r for r in mine if r is not None), None)
            if limits.member_quizzes > 1:
                raise UserError(
                    "quiz.member_cap", "You already have {count} running in this server; let one finish first.",
                    count=_quizzes(len(mine)),
                )
            if ref is not None:
                raise UserError(
                    "quiz.member_cap", "You already have a quiz running in this server: see {message}. "
                    "Stop it or let it finish before starting another.", message=ref,
                )
            raise UserError(
                "quiz.member_cap", "You already have a quiz running in this server. "
                "Stop it or let it finish before starting another.",
            )
        if len(here) >= limits.server_quizzes:
            raise UserError(
                "quiz.server_cap", "This server already has {count} running; try again when one has finished.",
                count=_quizzes(len(here)),
            )
        last = self._last_start.get((guild_id, user_id))
        cooldown = timedelta(seconds=limits.start_cooldown)
        if last is not None and now < last + cooldown:
            seconds = _seconds(last + cooldown - now)
            raise UserError(
                "quiz.cooldown", "You just started a quiz: wait {wait} before starting another.",
                seconds=seconds, wait=_second_words(seconds),
            )

    def started_channel(self, guild_id: int | None, user_id: int, now: datetime) -> None:
        """Remember a channel quiz start (for the cooldown)."""
        self._last_start[(guild_id, user_id)] = now
        if len(self._last_start) > _PRUNE_AT:
            horizon = now - timedelta(seconds=self.limits.start_cooldown)
            self._last_start = {k: t for k, t in self._last_start.items() if t > horizon}

    def check_practice(self, user_id: int, now: datetime) -> None:
        """Refuse a practice start over the per-minute cap."""
        starts = self._recent(user_id, now)
        if len(starts) >= self.limits.practice_starts:
            seconds = _seconds(starts[0] + timedelta(seconds=self.limits.practice_window) - now)
            raise UserError(
                "quiz.practice_rate",
                "You have started {count} practices in a short time: wait {wait} before the next.",
                count=len(starts), seconds=seconds, wait=_second_words(seconds),
            )

    def started_practice(self, user_id: int, now: datetime) -> None:
        """Remember a practice start."""
        self._recent(user_id, now).append(now)
        if len(self._practice) > _PRUNE_AT:
            for key in [k for k, q in self._practice.items() if not self._recent(k, now)]:
                del self._practice[key]

    def _recent(self, user_id: int, now: datetime) -> deque[datetime]:
        starts = self._practice.setdefault(user_id, deque())
        horizon = now - timedelta(seconds=self.limits.practice_window)
        while starts and starts[0] <= horizon:
            starts.popleft()
        return starts


def _quizzes(n: int) -> str:
    return f"{n} quiz{'zes' if n != 1 else ''}"
