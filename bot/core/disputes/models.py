"""What the disputes feature returns: a dispute, what accepting one changed, a player's notices, the
moderators' insight into a deck."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.core.storage.dispute_queries import DisputeRow

log = logging.getLogger(__name__)

#: How many disputes one player may open in one server in 24 hours.
DAILY_CAP = 5
#: Verdicts a player may dispute (a right answer needs no dispute; an empty one graded nothing).
DISPUTABLE = frozenset({"wrong", "almost", "partial"})
#: Where a disputed answer may come from.
SOURCES = frozenset({"quiz", "daily", "practice"})
#: The directions a prompt is asked in (``bot.core.prompts``).
DIRECTIONS = ("question", "term")

#: One dispute as stored (``status``: open, accepted or rejected).
Dispute = DisputeRow


@dataclass(frozen=True, slots=True)
class Regraded:
    """One stored answer that an accepted dispute made right."""

    attempt_id: int
    user_id: int
    user_name: str
    source: str
    points: int  # points given back


@dataclass(frozen=True, slots=True)
class Decision:
    """A moderator's decision on a dispute, and what accepting it changed."""

    dispute: Dispute
    accepted: bool
    regraded: tuple[Regraded, ...] = ()
    overlay_added: bool = False
    #: The answer was to another version of the card than the deck's now (a new version imported since): it
    #: corrected the answers to that question, and is not among the server's accepted answers for the card.
    card_changed: bool = False

    @property
    def players(self) -> tuple[int, ...]:
        """The players whose answers were corrected, in order of their first correction."""
        return tuple(dict.fromkeys(r.user_id for r in self.regraded))

    @property
    def points(self) -> int:
        """Points given back in all."""
        return sum(r.points for r in self.regraded)


@dataclass(frozen=True, slots=True)
class TakenBack:
    """What taking back an accepted dispute changed: the answers its accept had corrected that are wrong again (each
    with the points it loses), the disputes it had settled that were taken back with it, and whether its answer left
    the server's accepted answers."""

    dispute: Dispute
    reverted: tuple[Regraded, ...] = ()
    #: Answers it had corrected that the server's other accepted answers (or the deck's card now) still make right:
    #: they stay right.
    kept: int = 0
    #: The other disputes its accept had settled whose answers went wrong again: taken back with it (their players
    #: are told).
    settled_too: int = 0
    overlay_removed: bool = False
    #: Whether the dispute's own player is told (their answer went wrong again); not when another accept keeps it right.
    player_told: bool = True
    #: Other answers of those players to the questions that went wrong again, right by the server's other accepted
    #: answers: corrected now, as an accept would have (each with the points it earns).
    corrected_again: tuple[Regraded, ...] = ()
    #: Other accepts' corrected answers to those quiz questions scored again (each with the points it gained, or lost
    #: when negative), now that the answers before them changed.
    rescored: tuple[Regraded, ...] = ()

    @property
    def players(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(r.user_id for r in self.reverted))

    @property
    def points(self) -> int:
        """Points taken back in all, less those given for the answers corrected again and scored again."""
        return (
            sum(r.points for r in self.reverted)
            - sum(r.points for r in self.corrected_again)
            - sum(r.points for r in self.rescored)
        )


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One open dispute for a moderator: its place in the queue of open ones. ``answers_hidden``: the
    question it is about is still open (a quiz question still scoring, a daily question not revealed yet),
    so its accepted answers are not shown yet (the moderator may be playing it)."""

    dispute: Dispute
    place: int
    total: int
    answers_hidden: bool = False
    #: The card as the server knows its deck, ``deck name:card id`` (empty: its key).
    card_label: str = ""
    #: The answer was to another version of the card than the deck's now: accepting it corrects the answers to
    #: the question as it was asked, and adds nothing to the server's accepted answers (``Decision.card_changed``).
    card_changed: bool = False
    #: Other answers stored on the card (as typed, how many times) that an accept would make right too, beside the
    #: disputed one and the same words typed otherwise: the most typed first, of the ``PREVIEW_GRADED`` most typed
    #: ("heat" accepted takes "heart" as its misspelling). Empty while the answers are hidden.
    also_right: tuple[tuple[str, int], ...] = ()
    #: How many more the preview found than ``also_right`` holds.
    also_right_more: int = 0

    @property
    def typed_hidden(self) -> bool:
        """The typed answer, on a question still open: not shown, nor decided, until the question closes. Any
        answer may hold the card's ("temperature or top-k", "not temperature"), not only an almost or partial one."""
        return self.answers_hidden


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """Answers that fold to the same words, counted together; ``text`` is the most frequent spelling."""

    text: str
    times: int


@dataclass(frozen=True, slots=True)
class CardInsight:
    """How a server did on one card."""

    card_key: str
    question: str
    answers: int
    correct: int
    wrong_answers: tuple[WrongAnswer, ...] = ()
    disputes: dict[str, int] = field(default_factory=dict)  # status -> count
    #: ``deck name:card id``: the card as the server knows its deck (its key is the deck's stored id, which for a
    #: server's own deck is its name with a suffix); empty: the key, which is how a deck file's card is known.
    label: str = ""
    #: No longer in its deck (a re-import or a deck file left it out, or its deck was removed): ``question`` is
    #: the one it last had.
    retired: bool = False

    @property
    def name(self) -> str:
        """How moderators read the card's key: ``deck name:card id``."""
        return self.label or self.card_key

    @property
    def missed(self) -> int:
        return self.answers - self.correct

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True, slots=True)
class Insight:
    """What moderators learn from a server's answers on a deck (or every deck)."""

    guild_id: int
    deck: str | None
    cards: tuple[CardInsight, ...]  # every card answered or disputed, most missed first
    #: cards left out while their answer is hidden in the server (a question on them still open)
    held_back: int = 0

    @property
    def most_missed(self) -> tuple[CardInsight, ...]:
        return tuple(c for c in self.cards if c.missed > 0)

    @property
    def never_right(self) -> tuple[CardInsight, ...]:
        """Cards answered at least once and never right."""
        return tuple(c for c in self.cards if c.answers and not c.correct)

    @property
    def disputed(self) -> tuple[CardInsight, ...]:
        """Cards with disputes, most disputed first."""
        found = [c for c in self.cards if c.disputes]
        return tuple(sorted(found, key=lambda c: (-sum(c.disputes.values()), c.name)))
