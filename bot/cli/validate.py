"""`tutorbot validate [PATH ...]`: check deck files and report every problem, then the text students would
read badly (hard-wrapped paragraphs, doubled spaces, a "Why" that stops on a colon) as warnings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.startup import decks_problem
from bot.config import ConfigError, Settings
from bot.core.decks import DeckError, deck_files, load_decks
from bot.core.importers import text_warnings


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot validate` to the command line."""
    p = sub.add_parser(
        "validate",
        help="check deck files (default: the bot's deck folder) and list every problem",
        description="Check deck files and list every problem with its file, card and field; text students would "
        "read badly is listed as warnings, which do not fail.",
    )
    p.add_argument(
        "paths", nargs="*", help="deck files or folders (default: TUTOR_CARDS_DIR, from the environment or .env, "
        "or cards/)"
    )
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Validate the deck files; 0 when all are valid (text warnings do not fail), 1 with every problem
    listed, 2 when none are found."""
    paths = args.paths
    if not paths:  # the folder the bot loads its decks from
        try:
            cards_dir = Settings.from_env().cards_dir
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if not deck_files(cards_dir):
            print(decks_problem(cards_dir, DeckError([])), file=sys.stderr)
            return 2
        paths = [cards_dir]
    files = []
    seen = set()
    for path in paths:
        found = deck_files(path)
        if not found:
            why = "there is no such file or folder" if not Path(path).exists() else "the folder has no *.yaml files"
            print(f"tutorbot: no deck files (*.yaml) at {path}: {why}", file=sys.stderr)
            return 2
        for file in found:  # (a file named again, or inside a folder named too, is one file)
            key = Path(file).resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    try:
        decks = load_decks(files)
    except DeckError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for deck in decks:
        askable = sum(1 for c in deck.cards if c.askable)
        warnings = text_warnings(deck)
        tail = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
        cards = f"{len(deck.cards)} card{'s' if len(deck.cards) != 1 else ''}"
        print(f"{deck.source}: deck '{deck.id}' OK — {cards}, {askable} askable{tail}")
        for warning in warnings:
            print(f"  warning: {warning}")
    return 0
