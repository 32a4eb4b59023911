"""The decks in memory: cards by key, topics (tags and deck ids), and topic suggestions (closest to what
was typed first, every topic when nothing is close).

Built once at start-up from the deck files; read by every feature without touching the database.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

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
        """Topics for what was typed, closest first (see ``topic_hint``); when nothing is close, every
        topic, biggest first. At most ``limit``."""
        return list(self.topic_hint(query, limit).topics)

    def topic_hint(self, query: str, limit: int = 25) -> TopicHint:
        """The topics to offer for ``query`` (an autocomplete prefix, or a topic that does not exist).

        Close topics first, closest first: the topic itself, topics it starts (or starts a part of, as
        "analysis" in "sentiment-analysis"), then near spellings (``fuzz.ratio``); only those within a
        few points of the closest, so "atention" offers "attention" and not every topic sharing a few
        letters. When nothing is close (or nothing was typed), every topic, biggest first, and
        ``close`` is false. ``total`` is how many topics there are: a surface can say how many it left out.
        """
        limit = max(1, limit)
        q = " ".join(query.strip().lower().split())
        total = len(self.topics)
        if q:
            scored = [(closeness(q, t), t) for t in self.topics]
            top = max((score for score, _ in scored), default=0.0)
            if top >= TOPIC_CLOSE:
                floor = max(TOPIC_CLOSE, top - TOPIC_MARGIN)
                close = sorted(
                    ((score, t) for score, t in scored if score >= floor),
                    key=lambda st: (-st[0], -self.topic_size(st[1]), st[1]),
                )
                return TopicHint(tuple(t for _, t in close[:limit]), close=True, total=total)
        return TopicHint(tuple(self.topics[:limit]), close=False, total=total)


#: How close (0-100, see ``closeness``) a topic must be to what was typed to be offered as a match.
TOPIC_CLOSE = 70.0
#: Offer the topics within this many points of the closest one.
TOPIC_MARGIN = 12.0


def closeness(query: str, topic: str) -> float:
    """How close a typed topic (lower case) is to a topic, 0-100: 100 the same; 90-100 a start of it;
    85-95 the start of one of its parts ("analysis" in "sentiment-analysis"); 80-90 inside it ("former"
    in "transformers"); else the best ``fuzz.ratio`` against the whole topic or (a little less) one of its
    parts."""
    if query == topic:
        return 100.0
    if topic.startswith(query):
        return 90.0 + 10.0 * len(query) / len(topic)
    parts = [p for p in topic.replace("_", "-").split("-") if p]
    if len(parts) > 1 and any(p.startswith(query) for p in parts):
        return 85.0 + 10.0 * len(query) / len(topic)
    if len(query) >= 3 and query in topic:
        return 80.0 + 10.0 * len(query) / len(topic)
    best = fuzz.ratio(query, topic)
    if len(parts) > 1:
        best = max(best, 0.95 * max(fuzz.ratio(query, p) for p in parts))
    return best


@dataclass(frozen=True, slots=True)
class TopicHint:
    """Topics to offer: the close ones (``close``), or, when nothing is close, the biggest ones; ``total``
    topics exist in all."""

    topics: tuple[str, ...]
    close: bool
    total: int
