"""`tutorbot define TERM`: look a term up as /define would, in the terminal (no database needed).

Prints the term, the explanation, tags and see also (and other close matches), or the did-you-mean list;
a query found despite a typo says so first ("Showing attention mechanism (for atention)"). Related cards
are named by their terms (or the start of their question).
Exit status: 0 found, 1 nothing matches, 2 bad usage or a broken deck.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli.render import one_line, terminal_text
from bot.cli.startup import decks_problem
from bot.config import ConfigError, Settings
from bot.core.catalog import Catalog
from bot.core.decks import DeckError, load_decks
from bot.core.lookup import DEFINE_EMPTY, DefineResult, LookupService, card_title
from bot.core.models import Card
from bot.core.text import one_line as typed_line

#: How much of the term given is echoed back ("No card for '…'").
ECHO_CHARS = 100


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "define",
        help="look a term up as /define would",
        description="Look a term up in the decks as /define does: the explanation, tags and related terms, "
        "or the nearest terms when nothing matches (exit 1).",
    )
    p.add_argument("term", nargs="+", help="a term, alias or acronym (typos are fine)")
    p.add_argument("--cards", type=Path, help="deck file or folder (default: TUTOR_CARDS_DIR, or cards/)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    cards_dir = args.cards
    if cards_dir is None:
        try:
            cards_dir = Settings.from_env().cards_dir
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        decks = load_decks(cards_dir)
    except DeckError as exc:
        print(decks_problem(cards_dir, exc, option="--cards", given=args.cards is not None), file=sys.stderr)
        return 2
    lookup = LookupService(catalog=Catalog(decks))  # no database: define works, search does not
    query = " ".join(args.term)
    result = lookup.define(query)
    return print_result(result, lookup, sys.stdout)


def _name(card: Card) -> str:
    """A card as a list names it: its term, or the start of its question."""
    return card_title(card)


def print_result(result: DefineResult, lookup: LookupService, out: TextIO) -> int:
    """Print a /define result; returns the exit status."""
    if result.card is None:
        if result.code == DEFINE_EMPTY:  # (a usage error: on stderr, as every other)
            print(f"tutorbot define: {result.reason}", file=sys.stderr)
            return 2
        line = f"No card for '{typed_line(result.query, ECHO_CHARS)}'."
        if result.suggestions:
            line += " Did you mean: " + ", ".join(_name(m.card).rstrip("?") for m in result.suggestions) + "?"
        print(line, file=out)
        return 1
    card = result.card
    if result.corrected:
        print(f"Showing {_name(card)} (for {typed_line(result.query, ECHO_CHARS)})", file=out)
        print(file=out)
    print(one_line(card.term or card.question), file=out)
    print(f"  {card.key} · {one_line(lookup.deck_title(card))}", file=out)
    if card.term and card.aliases:
        print(f"  also: {', '.join(one_line(a) for a in card.aliases)}", file=out)
    if card.term:
        print(f"  question: {one_line(card.question)}", file=out)
    if not card.askable:
        print(f"  incomplete card: {one_line(card.note or 'not asked in quizzes')}", file=out)
    print(file=out)
    print(terminal_text(result.explanation), file=out)
    print(file=out)
    if card.tags:
        print(f"Tags: {', '.join(card.tags)}", file=out)
    if result.see_also:
        print(f"See also: {', '.join(_name(c) for c in result.see_also)}", file=out)
    if result.others:
        print(f"Other close matches: {', '.join(_name(m.card) for m in result.others)}", file=out)
    return 0
