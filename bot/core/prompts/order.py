"""Practice order: what one person should see first, from their history on each card."""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.core.models import Card
from bot.core.storage.quiz_queries import CardHistory

log = logging.getLogger(__name__)

__all__ = ["CardHistory", "practice_order"]


def _stamp(at: datetime | None) -> float:
    return at.timestamp() if at is not None else 0.0


def practice_order(
    cards: Sequence[Card], history: Mapping[str, CardHistory], rng: random.Random
) -> list[Card]:
    """Cards ordered for practice: missed ones first, then never seen, then known ones (oldest first)."""
    missed: list[Card] = []
    unseen: list[Card] = []
    known: list[Card] = []
    for card in sorted(cards, key=lambda c: c.key):
        h = history.get(card.key)
        if h is None:
            unseen.append(card)
        elif h.missed:
            missed.append(card)
        else:
            known.append(card)
    rng.shuffle(missed)
    rng.shuffle(unseen)
    known.sort(key=lambda c: _stamp(history[c.key].last_at))
    return missed + unseen + known
