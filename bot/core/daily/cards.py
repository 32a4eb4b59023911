"""Which card a server's daily question asks.

The usual rule: a card this server's daily has never asked (one at random), else the one unused for
longest. With a card order (``daily_order``, given by the composition root: the cards many members are
about to forget, then those no member has met), the first card of that order not asked in the last
``RECENT_DAYS`` is taken, and the usual rule only when every ranked card was asked recently.

The order is computed before the claim's write transaction (it reads the review states, which may take a
few milliseconds on a large server, and answers must not wait behind it); the transaction then checks it
against the server's fresh card history.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import aiosqlite

from bot.core.daily import errors
from bot.core.daily.base import DailyBase
from bot.core.models import Card

log = logging.getLogger(__name__)

#: With a card order, a card the server's daily asked within this many days is passed over.
RECENT_DAYS = timedelta(days=30)

#: Card key -> (latest local date, latest post id) of the cards a guild's daily used.
History = dict[str, tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Ranked:
    """A server's cards in the card order, for the topic it was computed for."""

    topic: str | None
    cards: tuple[Card, ...]


class CardChoice(DailyBase):
    """The card of a server's daily question (see the module docstring)."""

    def _topic_cards(self, guild_id: int, topic: str | None, *, warn: bool = True) -> list[Card]:
        """The askable cards of the topic among the decks the server sees (every one of them when the
        topic has none any more). Raises ``no_cards`` when the server has no card to ask at all.

        A topic left without cards (its deck turned off, its tag gone from the decks) does not stop the
        question: the server chose a question a day, members keep their habit and streaks, and turning a deck
        off is often meant for the quizzes, not for the daily. The question then comes from every card, and
        it says so: the post and ``/daily status`` show that the topic has no cards (``Claim.topic_gone``),
        so an admin can pick another topic with ``/daily set``.
        """
        seen = self.catalog.view(guild_id)
        cards = seen.topic_cards(topic)
        if not cards:
            if topic is not None and warn:
                log.warning("guild %s: daily topic %r has no cards any more; asking from every card", guild_id, topic)
            cards = list(seen.askable)
        if not cards:
            raise errors.no_cards()
        return list(cards)

    def _has_cards(self, guild_id: int) -> bool:
        """Whether the server has any card to ask (a topic with none falls back on every card)."""
        return bool(self.catalog.view(guild_id).askable)

    def _topic_gone(self, guild_id: int, topic: str | None) -> bool:
        """Whether the schedule's topic has no cards left here (its questions come from every card)."""
        return topic is not None and not self.catalog.view(guild_id).topic_cards(topic)

    def _usual_order(self, cards: list[Card], used: History) -> list[Card]:
        """Never asked first (one at random at the head), then by how long each has been unused."""
        never = [c for c in cards if c.key not in used]
        if never:
            first = self.rng.choice(never)
            never.remove(first)
            never.insert(0, first)
        return never + sorted((c for c in cards if c.key in used), key=lambda c: used[c.key])

    async def _ranked(self, guild_id: int, *, due_by: datetime | None = None) -> Ranked | None:
        """Before a claim: the server's cards in the card order; None without an order, when the schedule
        is not due by ``due_by`` (so nothing will be claimed), or when the order fails (it is a preference)."""
        if self.daily_order is None:
            return None
        async with self.store.read() as db:
            info = await self.queries.schedule(db, guild_id)
            if info is None or not info.enabled:
                return None
            if due_by is not None and (info.paused_reason or info.next_post_at is None or info.next_post_at > due_by):
                return None
            used = await self.queries.card_history(db, guild_id)
        if not self._has_cards(guild_id):
            return None  # nothing to order: the claim pauses the schedule
        try:
            cards = self._topic_cards(guild_id, info.topic, warn=False)
            ranked = await self.daily_order(guild_id, self._usual_order(cards, used))
        except Exception:
            log.exception("guild %s: the daily card order failed; using the usual order", guild_id)
            return None
        return Ranked(info.topic, tuple(ranked))

    async def _choose_card(
        self, db: aiosqlite.Connection, guild_id: int, topic: str | None, day: date, ranked: Ranked | None
    ) -> Card:
        """Inside the claim's transaction: the card for the question of ``day`` (not one open in a quiz or a
        practice of the server, unless every card of the topic is: then that question's reveal keeps its answer
        back, ``QuizService._close``; nor, where the topic has another, one another server's daily question asks
        and has not revealed, or one another server's channel quiz will still ask: a member of both would read its
        answer at the first reveal and give it at the other)."""
        cards = self._topic_cards(guild_id, topic)
        busy = self.open_elsewhere(guild_id) if self.open_elsewhere is not None else frozenset()
        if busy:
            cards = [c for c in cards if c.key not in busy] or cards
        others = await self.queries.unrevealed_elsewhere(db, guild_id)
        if others:
            cards = [c for c in cards if c.key not in others] or cards
        used = await self.queries.card_history(db, guild_id)
        planned = self.planned_elsewhere(guild_id) if self.planned_elsewhere is not None else frozenset()
        if planned:
            # (its reveal could come while another server's quiz asks it; but a card asked lately is no better: left
            # out only while a card not asked lately remains)
            recent = (day - RECENT_DAYS).isoformat()
            left = [c for c in cards if c.key not in planned]
            if any(c.key not in used or used[c.key][0] < recent for c in left):
                cards = left
        if ranked is not None and ranked.topic == topic:
            keys = {c.key for c in cards}
            recent = (day - RECENT_DAYS).isoformat()
            for card in ranked.cards:
                if card.key in keys and (card.key not in used or used[card.key][0] < recent):
                    return card
        return self._usual_order(cards, used)[0]
