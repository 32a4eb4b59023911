"""What the stats queries return: plain, frozen rows (re-exported by ``bot.core.stats`` for the cogs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: A board: all time, or the guild's current week or month.
Scope = Literal["all", "week", "month"]
#: A windowed board (rebuilt when the period rolls over).
Period = Literal["week", "month"]


@dataclass(frozen=True, slots=True)
class Window:
    """The week or month a guild's windowed board rows describe."""

    zone: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One member on a board."""

    rank: int
    user_id: int
    name: str
    points: int
    answers: int
    correct: int

    @property
    def accuracy(self) -> float:
        """Correct answers over answers (0.0 with none)."""
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class BoardPage:
    """One page of a board and how many members the whole board lists."""

    rows: list[BoardRow]
    total: int  # members listed on the whole board


@dataclass(frozen=True, slots=True)
class MemberTotals:
    """A member's answers, correct answers and points in one guild, and the name kept with them."""

    name: str | None
    answers: int  # every mode, practice included
    correct: int
    points: int  # quiz and daily points (the board's)
    last_at: int | None  # unix ms of the latest answer


@dataclass(frozen=True, slots=True)
class TopicScore:
    """A member's answers on one topic (a card tag), with its place among their strongest or weakest."""

    topic: str
    answers: int
    correct: int
    best: int  # 1 = the member's strongest topic
    worst: int | None  # 1 = the weakest topic; None for the strongest ones (a topic is never in both)

    @property
    def accuracy(self) -> float:
        """Correct answers over answers (0.0 with none)."""
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class MissedCard:
    """A card a member got wrong, with how often (``term``/``question`` None if the card is gone). ``deck``: the
    card's deck as the member's server knows it (``Catalog.name_in``: ``biology (shared)`` for a shared deck whose
    name the server's own deck has), filled in by the stats service; empty as read from the store."""

    key: str
    term: str | None
    question: str | None
    answers: int
    missed: int
    deck: str = ""

    @property
    def label(self) -> str:
        """The card as /deck stats names it: ``deck name:card id`` (the key itself without ``deck``)."""
        return f"{self.deck}:{self.key.split(':', 1)[-1]}" if self.deck else self.key


@dataclass(frozen=True, slots=True)
class Streak:
    """A member's daily streak as the daily feature stored it."""

    current: int
    best: int
    last_day: str | None  # ISO local date of the last correct daily answer


@dataclass(frozen=True, slots=True)
class BoardContext:
    """What a board read needs to know first, read in one query (see ``BoardQueries.board_context``)."""

    timezone: str | None  # the guild's zone name (the daily question's), None when unset
    window: Window | None  # what the guild's stored week/month rows describe (None: never built, or "all")
    tag_changes: bool  # a deck sync left tag changes to fold into the topic boards
    caller_departed: bool  # the member asking is recorded as gone


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """A member's figures that are one number each, read in one query (see ``MemberQueries.summary``)."""

    name: str | None  # the display name kept with their latest answer
    answers: int  # every answer, practice included
    correct: int
    points_since: int  # quiz and daily points since the given instant
    quizzes_played: int
    quizzes_won: int
    streak: Streak
