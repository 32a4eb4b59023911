"""Plain data types shared by the core, the store and the cogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Card:
    """One flashcard as written in a deck file (see README: deck format)."""

    deck: str
    id: str
    question: str
    answer: str
    term: str | None = None
    aliases: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    keypoints: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = "ok"
    note: str | None = None

    @property
    def key(self) -> str:
        """Globally unique id: ``deck:card``."""
        return f"{self.deck}:{self.id}"

    @property
    def askable(self) -> bool:
        """Incomplete cards are never asked."""
        return self.status == "ok"

    @property
    def is_essay(self) -> bool:
        return not self.accept and bool(self.keypoints)

    @property
    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases (empty when the card defines no term)."""
        return ((self.term,) if self.term else ()) + self.aliases


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    title: str
    description: str = ""
    cards: tuple[Card, ...] = ()
    source: str = ""

    def card(self, card_id: str) -> Card | None:
        for c in self.cards:
            if c.id == card_id:
                return c
        return None


class VerdictKind(StrEnum):
    CORRECT = "correct"
    ALMOST = "almost"
    PARTIAL = "partial"
    WRONG = "wrong"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The grader's judgement of one typed answer.

    ``feedback`` is one line for the player, already safe to send to Discord
    (anything taken from the response is escaped).
    """

    kind: VerdictKind
    score: float
    feedback: str
    matched: str | None = None
    missing: tuple[str, ...] = ()
    suggestion: str | None = None

    @property
    def correct(self) -> bool:
        return self.kind is VerdictKind.CORRECT


class Source(StrEnum):
    QUIZ = "quiz"
    DAILY = "daily"
    PRACTICE = "practice"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One graded answer, as stored (append-only)."""

    guild_id: int | None
    channel_id: int | None
    user_id: int
    user_name: str
    card_key: str
    source: Source
    response: str
    verdict: VerdictKind
    points: int
    created_at: datetime
    session_id: str | None = None
    id: int | None = None
    extra: dict[str, object] = field(default_factory=dict)
