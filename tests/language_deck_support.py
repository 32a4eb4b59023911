"""Vocabulary decks of language courses as imported from Quizlet exports (``from language_deck_support import
imported_deck, deck_card``): a term and its definition apart by a tab, one pair a line; and an Anki export of
Japanese notes (``JAPANESE``)."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.importers import import_data
from bot.core.models import Card, Deck, VerdictKind

#: An Anki "Notes in Plain Text" export of a Japanese note type: Word, Reading, Meaning, Example, Audio; tags.
JAPANESE = (
    "#separator:tab\n#html:true\n#tags column:6\n"
    "日本語[にほんご]\tにほんご\tJapanese language\t 日本語[にほんご]を 話[はな]します。\t[sound:nihongo.mp3]\tjlpt5\n"
    " 漢字[かんじ]を 書[か]く\tかんじをかく\tto write kanji\t\t[sound:kaku.mp3]\tjlpt5\n"
    "<ruby>猫<rt>ねこ</rt></ruby>\tねこ\tcat\t<ruby>猫<rp>(</rp><rt>ねこ</rt><rp>)</rp></ruby>が 好[す]きです。\t"
    "[sound:neko.mp3]\tjlpt5\n"
)


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
