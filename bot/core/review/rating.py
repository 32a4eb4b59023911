"""From a graded answer to an FSRS rating: the one place the mapping is written.

Anki and self-graded flashcards ask the learner "did you know it?". Here the bot has already graded what
the member typed, so the rating follows from the verdict:

==============================================================  ======
what happened                                                   rating
==============================================================  ======
wrong, no answer, "don't know" (skipped), time ran out          Again
almost (a near-miss worth another try), partial                 Hard
correct after a hint, with a spelling slip, or picked from      Hard
the options of a choice question (recognition, not recall)
correct, no hint                                                Good
correct, no hint, on a mature card, answered within 10 s        Easy
==============================================================  ======

A card is *mature* when its interval (latest review to due) is at least 21 days, as in Anki. Only the
first graded answer to a question counts: further tries at the same quiz question do not rate again
(see ``ReviewService.record``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from fsrs import Rating

from bot.core.models import VerdictKind, VerdictReason

log = logging.getLogger(__name__)

#: An interval at least this long makes a card mature.
MATURE = timedelta(days=21)
#: A right answer on a mature card within this many seconds (from seeing the card) is rated Easy.
FAST_SECONDS = 10.0

__all__ = ["FAST_SECONDS", "MATURE", "Rating", "Signal", "rating_for"]


@dataclass(frozen=True, slots=True)
class Signal:
    """What an answer tells the scheduler besides its verdict.

    ``reason`` is the grader's reason code (``VerdictReason``); ``hints`` how many hints were shown
    before the answer; ``seconds`` from showing the question to the answer (None: unknown); ``choice``
    whether the answer was picked from options.
    """

    kind: VerdictKind
    reason: str | None = None
    hints: int = 0
    seconds: float | None = None
    choice: bool = False

    @classmethod
    def from_extra(cls, kind: VerdictKind | str, extra: Mapping[str, object]) -> Signal:
        """The signal an ``Attempt`` carries: its verdict and the keys ``reason``, ``hints``, ``seconds``,
        ``choice`` of its ``extra`` (each optional)."""
        reason = extra.get("reason")
        hints = extra.get("hints")
        seconds = extra.get("seconds")
        return cls(
            kind=VerdictKind(kind),
            reason=str(reason) if reason is not None else None,
            hints=int(hints) if isinstance(hints, int | float) else 0,
            seconds=float(seconds) if isinstance(seconds, int | float) else None,
            choice=bool(extra.get("choice", False)),
        )


def rating_for(
    kind: VerdictKind | str,
    reason: str | None = None,
    *,
    hints: int = 0,
    seconds: float | None = None,
    mature: bool = False,
    choice: bool = False,
) -> Rating:
    """The FSRS rating of one graded answer (see the table at the top of this module)."""
    kind = VerdictKind(kind)
    if kind in (VerdictKind.WRONG, VerdictKind.EMPTY):
        return Rating.Again
    if kind in (VerdictKind.ALMOST, VerdictKind.PARTIAL):
        return Rating.Hard
    if hints > 0 or reason == VerdictReason.SPELLING or choice:
        return Rating.Hard
    if mature and seconds is not None and seconds <= FAST_SECONDS:
        return Rating.Easy
    return Rating.Good


def rating_of(signal: Signal, *, mature: bool) -> Rating:
    """``rating_for`` applied to a ``Signal``."""
    return rating_for(
        signal.kind, signal.reason, hints=signal.hints, seconds=signal.seconds, mature=mature, choice=signal.choice
    )


def rerated(rating: Rating, *, mature: bool, seconds: float | None) -> Rating:
    """A stored rating as it reads when the card's state before it has changed (an earlier review corrected):
    Good and Easy are the right answers without hint or typo, which only the card's maturity and the time taken
    tell apart; the others stay."""
    if rating not in (Rating.Good, Rating.Easy):
        return rating
    return Rating.Easy if mature and seconds is not None and seconds <= FAST_SECONDS else Rating.Good
