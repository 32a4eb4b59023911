"""The answer boxes (modals) a quiz keeps open, bounded.

discord.py keeps every open modal in memory until it is submitted or times out. A member gets one box
per quiz at a time (opening another closes the first); a box lasts until its question closes (plus a
little grace, so a late submit is told "too late") or ``PRACTICE_BOX_SECONDS`` in practice; and at most
``QuizLimits.open_answer_boxes`` are open at once — the oldest are closed first.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import datetime

import discord

from bot.core.quiz import LiveQuestion

log = logging.getLogger(__name__)

PRACTICE_BOX_SECONDS = 600.0
GRACE_SECONDS = 30.0  # a box outlives its question by this much, to say "too late" rather than nothing
MIN_SECONDS = 5.0


def box_timeout(question: LiveQuestion, now: datetime) -> float:
    """How long the answer box of ``question`` stays open."""
    if question.closes_at is None:
        return PRACTICE_BOX_SECONDS
    return max(MIN_SECONDS, (question.closes_at - now).total_seconds() + GRACE_SECONDS)


class AnswerBoxes:
    """Open answer boxes by (quiz, member), oldest first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: OrderedDict[tuple[str, int], discord.ui.Modal] = OrderedDict()

    def __len__(self) -> int:
        return len(self._open)

    def opened(self, quiz_id: str, user_id: int, modal: discord.ui.Modal) -> None:
        """Remember a new box; close the member's previous one in that quiz, and the oldest over the limit."""
        old = self._open.pop((quiz_id, user_id), None)
        if old is not None and old is not modal:
            old.stop()
        self._open[(quiz_id, user_id)] = modal
        while len(self._open) > self.limit:
            _, oldest = self._open.popitem(last=False)
            oldest.stop()

    def done(self, quiz_id: str, user_id: int, modal: discord.ui.Modal) -> None:
        """A box was submitted or timed out."""
        if self._open.get((quiz_id, user_id)) is modal:
            del self._open[(quiz_id, user_id)]

    def clear(self) -> None:
        """Close every box (the cog unloads)."""
        for modal in self._open.values():
            modal.stop()
        self._open.clear()
