"""Choosing what a quiz asks: checking the options, the pool of cards, their order and directions.

Pure apart from the catalog and the random source passed in; the practice order also takes the
player's history (read by the service).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping, Sequence

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.errors import NotFound, Quote, UserError
from bot.core.models import Card
from bot.core.quiz.models import MODES, QUESTIONS_MAX, QUESTIONS_MIN, SECONDS_MAX, SECONDS_MIN
from bot.core.storage.quiz_queries import CardHistory
from bot.core.text import one_line

log = logging.getLogger(__name__)

TOPIC_SHOWN = 40  # characters of a typed topic echoed in an error
SUGGESTIONS = 5

Plan = list[tuple[Card, str]]


def check_options(*, mode: str, questions: int, seconds: int, private: bool, channel_id: int | None) -> None:
    """Refuse a bad option with a ``UserError`` naming it."""
    if mode not in MODES:
        raise UserError(
            "quiz.mode", "Mode must be {choices}, not {mode}.", choices=" or ".join(MODES), mode=Quote(one_line(mode))
        )
    if not QUESTIONS_MIN <= questions <= QUESTIONS_MAX:
        raise UserError(
            "quiz.questions", "Questions must be between {low} and {high}.", low=QUESTIONS_MIN, high=QUESTIONS_MAX
        )
    if not SECONDS_MIN <= seconds <= SECONDS_MAX:
        raise UserError(
            "quiz.seconds", "Seconds must be between {low} and {high}.", low=SECONDS_MIN, high=SECONDS_MAX
        )
    if not private and channel_id is None:
        raise UserError("quiz.no_channel", "A channel quiz needs a channel.")


def clean_topic(topic: str | None) -> str | None:
    """The topic as looked up (lower case, trimmed); None for every card."""
    return topic.strip().lower() if topic and topic.strip() else None


def chosen_cards(catalog: Catalog, card_keys: Sequence[str]) -> list[Card]:
    """The askable cards among ``card_keys`` (the "Quiz me" button); ``NotFound`` when there is none."""
    pool = [c for c in (catalog.card(k) for k in card_keys) if c is not None and c.askable]
    if not pool:
        raise NotFound("quiz.card_gone", "That card can't be asked (it was removed or is incomplete).")
    return pool


def topic_pool(catalog: Catalog, topic: str | None) -> list[Card]:
    """The askable cards of ``topic``; ``NotFound`` naming close topics when there is no such topic."""
    found = catalog.topic_cards(topic)
    if found is not None:
        return found
    shown = Quote(one_line(topic or "", TOPIC_SHOWN))
    close = catalog.suggest_topics(topic or "", limit=SUGGESTIONS)
    if close:
        raise NotFound("quiz.no_topic", "No topic {topic} — try: {close}.", topic=shown, close=", ".join(close))
    raise NotFound("quiz.no_topic", "No topic {topic}.", topic=shown)


def channel_order(pool: Sequence[Card], rng: random.Random) -> list[Card]:
    """Cards in a random order that depends only on the seed (not on how the catalog lists them)."""
    ordered = sorted(pool, key=lambda c: c.key)
    rng.shuffle(ordered)
    return ordered


def practice_order(pool: Sequence[Card], history: Mapping[str, CardHistory], rng: random.Random) -> list[Card]:
    """Cards for one person: missed ones first, then never seen, then known ones (oldest first)."""
    return prompts.practice_order(pool, history, rng)


def build_plan(ordered: Sequence[Card], *, mode: str, questions: int, rng: random.Random) -> Plan:
    """Up to ``questions`` (card, direction) pairs, skipping cards that cannot be asked in ``mode``."""
    plan: Plan = []
    for card in ordered:
        if len(plan) >= questions:
            break
        directions = prompts.directions_for(card, mode)
        if directions:
            plan.append((card, rng.choice(directions)))
    return plan


def nothing_to_ask(topic: str | None, mode: str) -> NotFound:
    """The error for a topic none of whose cards can be asked in ``mode``."""
    if topic:
        return NotFound(
            "quiz.no_cards", "There is no card in topic {topic} that can be asked in {mode} mode.",
            topic=Quote(topic), mode=mode,
        )
    return NotFound("quiz.no_cards", "There is no card in the decks that can be asked in {mode} mode.", mode=mode)
