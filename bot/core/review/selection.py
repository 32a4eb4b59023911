"""Orders other features take from the members' review states (pure: the states come in as counts)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence, Set

from bot.core.models import Card

log = logging.getLogger(__name__)


def rank_for_daily(cards: Sequence[Card], forgetting: Mapping[str, int], seen: Set[str]) -> list[Card]:
    """Cards for a server's daily question, best first.

    First the cards most members are about to forget (``forgetting``: members due on the card soon), then
    cards no member has met yet (not in ``seen``), then the rest; the order of ``cards`` breaks ties.
    """
    def rank(item: tuple[int, Card]) -> tuple[int, int, int]:
        """(group, fewer members due first, given order)."""
        index, card = item
        due = forgetting.get(card.key, 0)
        if due:
            return (0, -due, index)
        return (1 if card.key not in seen else 2, 0, index)

    return [card for _, card in sorted(enumerate(cards), key=rank)]


def favour_due(ordered: Sequence[Card], due: Sequence[str]) -> list[Card]:
    """Practice order: the member's due cards first (most overdue first), then ``ordered`` as it was
    (missed cards, then new ones, then known ones)."""
    by_key = {card.key: card for card in ordered}
    first = [by_key[key] for key in due if key in by_key]
    taken = {card.key for card in first}
    return first + [card for card in ordered if card.key not in taken]
