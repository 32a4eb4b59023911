"""Choosing what a quiz asks: checking the options, the pool of cards, their order and directions.

Pure apart from the catalog and the random source passed in; the practice order also takes the
player's history and the cards due for review (read by the service). A channel quiz is a race: essay
cards (key points, no short answer) are asked only when the quiz asks for essays.
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence

from bot.core import prompts
from bot.core.catalog import Catalog, CatalogView
from bot.core.errors import CommandRef, NotFound, Quote, UserError
from bot.core.models import Card
from bot.core.quiz.models import MODES, QUESTIONS_MAX, QUESTIONS_MIN, SECONDS_MAX, SECONDS_MIN
from bot.core.review.selection import favour_due
from bot.core.storage.quiz_queries import CardHistory, QuizQueries
from bot.core.text import one_line

log = logging.getLogger(__name__)

TOPIC_SHOWN = 40  # characters of a typed topic echoed in an error
SUGGESTIONS = 5
#: Topics listed when a typed topic is close to none of them.
TOPICS_LISTED = 12

Plan = list[tuple[Card, str]]
#: What one server sees (``Catalog.view``); a ``Catalog`` itself is the global view.
Seen = Catalog | CatalogView
#: ``due_cards(guild_id, user_id, card_keys)``: the member's cards due for review among ``card_keys``,
#: most overdue first (the review feature provides it).
DueCards = Callable[[int | None, int, list[str]], Awaitable[list[str]]]


def check_options(
    *, mode: str, questions: int, seconds: int, private: bool, channel_id: int | None, essays: bool = False
) -> None:
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
    if essays and mode == "choice":
        raise UserError("quiz.essays_choice", "Essay questions can't be asked in choice mode.")


def clean_topic(topic: str | None) -> str | None:
    """The topic as looked up (lower case, trimmed); None for every card."""
    return topic.strip().lower() if topic and topic.strip() else None


def chosen_cards(catalog: Seen, card_keys: Sequence[str], turned_off: Sequence[str] = ()) -> list[Card]:
    """The askable cards among ``card_keys`` (the "Quiz me" button) that the server sees; ``NotFound`` when
    there is none (``turned_off``: the names of the decks of those cards the server turned off, said then)."""
    pool = [c for c in (catalog.card(k) for k in card_keys) if c is not None and c.askable]
    if not pool and turned_off:
        raise NotFound(
            "quiz.deck_off",
            "That card's deck {deck} is turned off in this server, so its cards are not asked here. "
            "A moderator can turn it back on with {command}.",
            deck=Quote(turned_off[0]),
            command=CommandRef("deck enable"),
        )
    if not pool:
        raise NotFound("quiz.card_gone", "That card can't be asked (it was removed or is incomplete).")
    return pool


def topic_pool(catalog: Seen, topic: str | None) -> list[Card]:
    """The askable cards of ``topic`` in the decks the server sees; when there is no such topic,
    ``NotFound`` suggesting the closest topics, or listing the topics when none is close."""
    found = catalog.topic_cards(topic)
    if found is not None:
        return found
    shown = Quote(one_line(topic or "", TOPIC_SHOWN))
    hint = catalog.topic_hint(topic or "", limit=SUGGESTIONS)
    if hint.close:
        raise NotFound("quiz.no_topic", "No topic {topic} — try: {close}.", topic=shown, close=", ".join(hint.topics))
    listed = catalog.topic_hint("", limit=TOPICS_LISTED)
    if not listed.topics:
        raise NotFound("quiz.no_topic", "No topic {topic}: there are no topics here yet.", topic=shown)
    more = listed.total - len(listed.topics)
    raise NotFound(
        "quiz.no_topic",
        "No topic {topic}. Topics: {topics}" + (" and {more} more." if more > 0 else "."),
        topic=shown,
        topics=", ".join(listed.topics),
        **({"more": more} if more > 0 else {}),
    )


def channel_order(pool: Sequence[Card], rng: random.Random) -> list[Card]:
    """Cards in a random order that depends only on the seed (not on how the catalog lists them)."""
    ordered = sorted(pool, key=lambda c: c.key)
    rng.shuffle(ordered)
    return ordered


def practice_order(
    pool: Sequence[Card], history: Mapping[str, CardHistory], rng: random.Random, due: Sequence[str] = ()
) -> list[Card]:
    """Cards for one person: due ones first (most overdue first), then missed ones, then never seen, then
    known ones (oldest first)."""
    return favour_due(prompts.practice_order(pool, history, rng), due)


#: Cards whose directions are remembered (a few quizzes' worth of plans; a card is a frozen value, so a card
#: edited in its deck is a new key).
DIRECTIONS_CACHED = 4096


@functools.lru_cache(maxsize=DIRECTIONS_CACHED)
def _directions_for(card: Card, mode: str) -> tuple[str, ...]:
    """``prompts.directions_for``, worked out once per card and mode: finding a card's cloze takes about half a
    millisecond, and a plan looks at up to 50 cards."""
    return prompts.directions_for(card, mode)


def directions(card: Card, mode: str, *, essays: bool) -> tuple[str, ...]:
    """How ``card`` can be asked; without ``essays`` (a channel race) never as an essay (its key points take
    longer to type than a race lasts): only its cloze, if it has one."""
    found = _directions_for(card, mode)
    if not essays and card.is_essay:
        found = tuple(d for d in found if d != prompts.QUESTION)
    return found


def build_plan(
    ordered: Sequence[Card],
    *,
    mode: str,
    questions: int,
    rng: random.Random,
    essays: bool = True,
    apart: Callable[[frozenset[str]], frozenset[tuple[str, str]]] | None = None,
) -> Plan:
    """Up to ``questions`` (card, direction) pairs, skipping cards that cannot be asked in ``mode``
    (nor, without ``essays``, as an essay), and with ``apart`` (cards' keys -> the questions, card key and
    direction, that their question and reveal give away) a question an earlier one of the plan would give away."""
    plan: Plan = []
    blocked: set[tuple[str, str]] = set()
    for card in ordered:
        if len(plan) >= questions:
            break
        found = directions(card, mode, essays=essays)
        if blocked:
            found = tuple(way for way in found if (card.key, way) not in blocked)
        if found:
            plan.append((card, rng.choice(found)))
            if apart is not None:
                blocked |= apart(frozenset((card.key,)))
    return plan


#: How many cards of the topic beyond its plan a quiz keeps, to ask in place of a planned card hidden when
#: its turn comes.
SPARES = 5


def spares(ordered: Sequence[Card], plan: Plan, *, mode: str, rng: random.Random, essays: bool = True) -> Plan:
    """Up to ``SPARES`` cards of ``ordered`` that ``plan`` does not ask, as ``build_plan`` would ask them."""
    planned = {card.key for card, _ in plan}
    rest = [card for card in ordered if card.key not in planned]
    return build_plan(rest, mode=mode, questions=SPARES, rng=rng, essays=essays)


def being_asked(*, chosen: bool) -> UserError:
    """The error for cards to be asked whose answers are all hidden in the server now (an open question, the
    daily question before its reveal): ``chosen`` cards (a "Quiz me" button) or a topic's. It says no more:
    naming the card being asked would confirm a guess at an open question."""
    if chosen:
        return UserError("quiz.not_now", "That card can't be practised right now. Try again in a few minutes.")
    return UserError(
        "quiz.not_now", "The cards of that topic are being asked in this server right now. Try again in a few minutes."
    )


def nothing_to_ask(topic: str | None, mode: str, *, decks_on: bool = True) -> NotFound:
    """The error for a topic none of whose cards can be asked in ``mode``. With no deck on in the server
    (``decks_on`` False: every one turned off) no mode would do: it says so, and who can turn one on."""
    if not decks_on:
        return NotFound(
            "quiz.no_decks",
            "No deck is turned on in this server, so there is nothing to ask. A moderator can turn one on with "
            "{command}.",
            command=CommandRef("deck enable"),
        )
    if topic:
        return NotFound(
            "quiz.no_cards", "There is no card in topic {topic} that can be asked in {mode} mode.",
            topic=Quote(topic), mode=mode,
        )
    return NotFound("quiz.no_cards", "There is no card in the decks that can be asked in {mode} mode.", mode=mode)


async def ordered_cards(
    catalog: Seen, queries: QuizQueries, rng: random.Random, due_cards: DueCards | None, *,
    user_id: int, guild_id: int | None, topic: str | None, private: bool, card_keys: Sequence[str] | None,
    turned_off: Sequence[str] = (),
) -> list[Card]:
    """The cards in the order they are asked: those chosen, a practice order for the player (due cards
    first when ``due_cards`` is given), or a random order for a channel. ``turned_off``: see ``chosen_cards``."""
    if card_keys is not None:
        return chosen_cards(catalog, card_keys, turned_off)
    pool = topic_pool(catalog, topic)
    if not private:
        return channel_order(pool, rng)
    keys = [c.key for c in pool]
    history = await queries.card_history(user_id, keys)
    due: list[str] = []
    if due_cards is not None:
        try:
            due = await due_cards(guild_id, user_id, keys)
        except Exception:
            log.warning("could not read the due cards of %s; practice order without them", user_id, exc_info=True)
    return practice_order(pool, history, rng, due)
