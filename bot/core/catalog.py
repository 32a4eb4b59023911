"""The decks in memory: cards by key, topics (tags and deck ids), and topic suggestions.

Built once at start-up from the deck files; read by every feature without touching the database.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.core.models import Card, Deck

log = logging.getLogger(__name__)


class Catalog:
    """Every card by key and every topic's askable cards, built once from the loaded decks."""

    def __init__(self, decks: Iterable[Deck]) -> None:
        self.decks: dict[str, Deck] = {d.id: d for d in decks}
        self.cards: dict[str, Card] = {}
        self._by_topic: dict[str, list[Card]] = defaultdict(list)
        for deck in self.decks.values():
            for card in deck.cards:
                self.cards[card.key] = card
                if card.askable:
                    self._by_topic[deck.id].append(card)
                    for tag in card.tags:
                        if tag != deck.id:
                            self._by_topic[tag].append(card)
        self.askable: list[Card] = [c for c in self.cards.values() if c.askable]
        self.topics: list[str] = sorted(self._by_topic, key=lambda t: (-len(self._by_topic[t]), t))

    def card(self, key: str) -> Card | None:
        """The card with this key (``deck:card``), or None."""
        return self.cards.get(key)

    def topic_cards(self, topic: str | None) -> list[Card] | None:
        """Askable cards of a topic (a tag or a deck id); all askable cards for None; None if unknown."""
        if topic is None or not topic.strip():
            return list(self.askable)
        found = self._by_topic.get(topic.strip().lower())
        return None if found is None else list(found)

    def topic_size(self, topic: str) -> int:
        """How many askable cards a topic has (0 for an unknown topic)."""
        return len(self._by_topic.get(topic, ()))

    def suggest_topics(self, query: str, limit: int = 25) -> list[str]:
        """Topics for autocomplete: prefix matches first, then fuzzy ones, biggest topics first."""
        q = query.strip().lower()
        if not q:
            return self.topics[:limit]
        prefix = [t for t in self.topics if t.startswith(q)]
        rest = [t for t in self.topics if q in t and t not in prefix]
        fuzzy = [
            m[0]
            for m in process.extract(q, self.topics, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
            if m[0] not in prefix and m[0] not in rest
        ]
        return (prefix + rest + fuzzy)[:limit]
