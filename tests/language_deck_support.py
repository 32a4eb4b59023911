"""Vocabulary decks of language courses as imported from Quizlet exports (``from language_deck_support import
imported_deck, deck_card``): a term and its definition apart by a tab, one pair a line."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.importers import import_data
from bot.core.models import Card, Deck, VerdictKind


def imported_deck(name: str, text: str) -> Deck:
    """The deck an export of ``text`` imports as (a which-term card and a what-is card per pair)."""
    return import_data(f"{name}.txt", text.encode()).deck


def deck_card(deck: Deck, question: str) -> Card:
    """The card of ``deck`` asking ``question`` ("What is ser?"), or the which-term card whose term is
    ``question`` ("el perro")."""
    for c in deck.cards:
        if c.question == question or (c.term == question and c.question.startswith("Which term")):
            return c
    raise AssertionError(f"no card {question!r}")


def which(cards: tuple[Card, ...], shown: str) -> Card:
    """The which-term card whose question shows ``shown`` (the definition, as imported)."""
    return next(c for c in cards if c.question == f"Which term is this?\n\n{shown}")


def asked(cards: tuple[Card, ...], question: str) -> Card:
    """The card asking ``question``."""
    return next(c for c in cards if c.question == question)


def right(card: Card, typed: str) -> bool:
    """Whether ``typed`` is judged right for ``card``."""
    return grade_card(card, typed).kind is VerdictKind.CORRECT
