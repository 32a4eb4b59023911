"""Card ids on re-import: a card whose text did not change keeps its id, so its history survives.

A new card takes the id of a card of the existing deck with the same question; failing that, with the
same term (when one card alone has it on each side), or the same explanation (likewise). Ids are used
once; the cards left get fresh slugs (``cleaning.base_id``/``unique_id``), never an id already taken.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence

from bot.core.models import Card, Deck
from bot.core.text import fold

log = logging.getLogger(__name__)

__all__ = ["IdReuse"]


def _unique_index(cards: Sequence[Card], key: Callable[[Card], str | None]) -> dict[str, str]:
    keys = [key(c) for c in cards]
    counts = Counter(k for k in keys if k)
    return {k: c.id for c, k in zip(cards, keys, strict=True) if k and counts[k] == 1}


class IdReuse:
    """The ids of an existing deck, looked up by a new card's text."""

    def __init__(self, existing: Deck | None) -> None:
        cards = existing.cards if existing is not None else ()
        self._by_question = {fold(c.question): c.id for c in reversed(cards)}
        self._by_term = _unique_index(cards, lambda c: fold(c.term) if c.term else None)
        self._by_answer = _unique_index(cards, lambda c: fold(c.answer) or None)
        self.taken: set[str] = set()
        #: Every id of the existing deck: a new card gets none of them, so a card the new version leaves out
        #: keeps its history to itself (a new row starting with the same words is another card).
        self.existing: frozenset[str] = frozenset(c.id for c in cards)

    def find(self, question: str, term: str | None, answer: str, *, term_unique: bool = True) -> str | None:
        """The existing id for this card's text, not yet given to another card, else None."""
        tries = [self._by_question.get(fold(question))]
        if term and term_unique:
            tries.append(self._by_term.get(fold(term)))
        tries.append(self._by_answer.get(fold(answer)))
        for card_id in tries:
            if card_id is not None and card_id not in self.taken:
                self.taken.add(card_id)
                return card_id
        return None
