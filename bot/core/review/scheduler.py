"""FSRS through the maintained ``fsrs`` package: one review, a replay of logs, and a few readings of a state.

We never compute intervals ourselves: ``fsrs.Scheduler.review_card`` does, with the package's default
parameters, the member's desired retention, learning steps of 1 and 10 minutes and a relearning step of
10 minutes (Anki's defaults).

Fuzzing (a random day or two added to long intervals) is off: a state must be rebuilt exactly from its
review logs, and the package draws its fuzz from the global random source. Reviews still spread out on
their own, since every card's stability differs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from bot.core.review.rating import MATURE
from bot.core.storage.review_queries import CardState, truncate_ms

log = logging.getLogger(__name__)

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
RETENTION_MIN, RETENTION_MAX, RETENTION_DEFAULT = 0.7, 0.97, 0.9

__all__ = [
    "LEARNING_STEPS",
    "RELEARNING_STEPS",
    "Rating",
    "is_mature",
    "replay",
    "retrievability",
    "review",
    "scheduler_for",
]


@lru_cache(maxsize=64)
def scheduler_for(retention: float) -> Scheduler:
    """The scheduler for a desired retention (one per value, built once)."""
    if not 0 < retention < 1:
        raise ValueError(f"desired retention must be between 0 and 1, not {retention}")
    return Scheduler(
        desired_retention=retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=False,
    )


def _to_fsrs(state: CardState) -> FsrsCard:
    return FsrsCard(
        card_id=0,  # a given id: the package sleeps a millisecond to make up a unique one otherwise
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due.astimezone(UTC),
        last_review=state.last_review.astimezone(UTC),
    )


def review(before: CardState | None, rating: Rating, at: datetime, retention: float) -> CardState:
    """The state after one review at ``at`` (None ``before``: the card is new to the member).

    ``at`` is used to the millisecond, the precision the store keeps, so a replay of the logs gives the
    same state to the last bit.
    """
    at = truncate_ms(at)
    card = FsrsCard(card_id=0, due=at) if before is None else _to_fsrs(before)
    after, _ = scheduler_for(retention).review_card(card, rating, review_datetime=at)
    assert after.stability is not None and after.difficulty is not None
    return CardState(
        state=int(after.state),
        step=after.step,
        stability=float(after.stability),
        difficulty=float(after.difficulty),
        due=truncate_ms(after.due),
        last_review=at,
        reps=(before.reps if before is not None else 0) + 1,
        lapses=(before.lapses if before is not None else 0) + int(lapsed(before, rating)),
    )


def lapsed(before: CardState | None, rating: Rating) -> bool:
    """Whether a review forgets a card that was in the review state (FSRS counts it as a lapse)."""
    return before is not None and before.state == State.Review and rating == Rating.Again


def replay(reviews: Iterable[tuple[Rating | int, datetime, float]]) -> CardState | None:
    """The state a card's reviews (rating, time, desired retention), oldest first, lead to."""
    state: CardState | None = None
    for rating, at, retention in reviews:
        state = review(state, Rating(rating), at, retention)
    return state


def is_mature(state: CardState | None) -> bool:
    """Whether the card is in the review state with an interval of at least 21 days."""
    return state is not None and state.state == State.Review and state.interval >= MATURE


def retrievability(state: CardState, now: datetime, retention: float = RETENTION_DEFAULT) -> float:
    """The predicted probability that the member recalls the card at ``now``."""
    return float(scheduler_for(retention).get_card_retrievability(_to_fsrs(state), now.astimezone(UTC)))
