"""The bot's own deck YAML as an import: read safely (``safe_yaml``) and validated as ``cards/`` decks are."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import yaml

from bot.core.decks import parse_deck
from bot.core.errors import Quote
from bot.core.importers.common import (
    DEFAULT_LIMITS,
    ImportLimits,
    ImportRefused,
    ImportResult,
    decode_text,
    read_bytes,
    storable_data,
    title_text,
)
from bot.core.importers.layout import defuse
from bot.core.importers.safe_yaml import UnsafeYaml, load_yaml
from bot.core.importers.shape import card_kind
from bot.core.models import Deck
from bot.core.text import storable

log = logging.getLogger(__name__)

__all__ = ["defuse_data", "defuse_deck", "import_yaml"]

#: How many of a deck's problems a refusal lists (the validator lists them all).
PROBLEMS_SHOWN = 10


def import_yaml(
    path: str | Path, *, deck_id: str | None = None, title: str | None = None, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportResult:
    """A deck file (``cards/*.yaml`` format) as an import result, unchanged but for ``deck_id``/``title``.

    Refused (``ImportRefused``) when it is too large, not text, an alias bomb (``import.yaml_aliases``),
    not YAML (``import.bad_yaml``, with the line and column) or not a valid deck (``import.invalid_deck``,
    naming each problem's card and field).
    """
    path = Path(path)
    name = path.name
    text = decode_text(read_bytes(path, limits.max_bytes), name)
    try:
        data, twice = load_yaml(text, name, max_nodes=limits.max_yaml_nodes)
    except UnsafeYaml as exc:
        raise ImportRefused(
            "import.yaml_aliases",
            "{file}: its aliases (*name) expand it to more than {limit} nodes; refused as an alias bomb",
            file=Quote(name),
            limit=f"{exc.limit:,}",
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "an unknown place"
        raise ImportRefused(
            "import.bad_yaml",
            "{file} is not valid YAML at {where}: {problem}",
            file=Quote(name),
            where=where,
            problem=str(getattr(exc, "problem", None) or exc),
        ) from exc
    if isinstance(data, dict):
        if deck_id:
            data["deck"] = deck_id
        if title:
            data["title"] = title
        cards = data.get("cards")
        if isinstance(cards, list) and len(cards) > limits.max_cards:
            raise ImportRefused(
                "import.too_many_cards",
                "{file} has {count} cards; a deck may have at most {limit}",
                file=Quote(name),
                count=len(cards),
                limit=limits.max_cards,
            )
        defuse_data(data)
    deck, problems = parse_deck(data, name)
    problems = twice + problems
    if deck is None or problems:
        shown = "; ".join(str(p) for p in problems[:PROBLEMS_SHOWN]) or f"{name}: no usable deck"
        more = len(problems) - PROBLEMS_SHOWN
        raise ImportRefused(
            "import.invalid_deck",
            "{file} is not a valid deck ({count} problem(s)): {problems}",
            file=Quote(name),
            count=len(problems),
            problems=shown + (f"; and {more} more" if more > 0 else ""),
        )
    result = ImportResult(deck=deck)
    result.kinds = {c.id: card_kind(c) for c in deck.cards}
    return result


#: The text fields of a deck file an upload keeps ``defuse``d (the rest are names, matched and escaped as such).
_DEFUSED_DECK_FIELDS = ("description",)
_DEFUSED_CARD_FIELDS = ("question", "answer", "note")


def defuse_data(data: dict[object, object]) -> None:
    """An uploaded deck file's text as it is kept, before it is checked (a question of nothing but control
    characters is then no question): as a CSV or a Quizlet page is, ``defuse``d — a masked link shows where it
    leads, a mention reads as text, control characters are dropped; the rest of its markdown is the format's own.
    A server's deck is uploaded by one member and read by all (``[official notes](https://...)`` would hide where
    it leads). Every other text is ``storable`` (a NUL in an accepted answer), and the title one line of text."""
    for key, value in list(data.items()):
        data[key] = storable_data(value)
    if isinstance(data.get("title"), str):
        data["title"] = title_text(str(data["title"]))
    for key in _DEFUSED_DECK_FIELDS:
        if isinstance(data.get(key), str):
            data[key] = defuse(str(data[key])).strip()
    cards = data.get("cards")
    for card in cards if isinstance(cards, list) else ():
        if isinstance(card, dict):
            for key in _DEFUSED_CARD_FIELDS:
                if isinstance(card.get(key), str):
                    card[key] = defuse(card[key]).strip()


def defuse_deck(deck: Deck) -> Deck:
    """``deck`` as an upload of it is kept (``defuse_data``): exported, a deck kept so imports back unchanged."""
    cards = tuple(
        dataclasses.replace(
            c,
            question=_kept(c.question),
            answer=_kept(c.answer),
            note=c.note and (_kept(c.note) or None),
            # (a term of nothing but control characters is none; the spaces a NUL leaves around it go, as read)
            term=(c.term and storable(c.term).strip()) or None,
            aliases=_storable(c.aliases),
            accept=_storable(c.accept),
            reject=_storable(c.reject),
            keypoints=_storable(c.keypoints),
            tags=_storable(c.tags),
        )
        for c in deck.cards
    )
    return dataclasses.replace(deck, title=title_text(deck.title), description=_kept(deck.description), cards=cards)


def _kept(text: str) -> str:
    return defuse(text).strip()


def _storable(items: tuple[str, ...]) -> tuple[str, ...]:
    """List items as a deck file's are read: what no store holds dropped, then the spaces around each (a NUL
    beside a space leaves none: "0 \x00" is "0")."""
    return tuple(storable(item).strip() for item in items)
