"""`tutorbot import quizlet|csv|anki FILE`: turn another tool's export into a deck file (YAML)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bot.cli.render import error_text
from bot.core.importers import (
    ImportRefused,
    ImportResult,
    deck_to_yaml,
    import_anki,
    import_csv,
    import_quizlet,
    write_deck,
)

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "quizlet": import_quizlet,
    "csv": import_csv,
    "anki": import_anki,
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot import` to the command line."""
    p = sub.add_parser(
        "import",
        help="convert a Quizlet, CSV or Anki export into a deck file",
        description=(
            "Read flashcards exported from Quizlet (export text or the set's page text), a CSV file "
            "(question,answer[,tags]) or Anki (Notes in Plain Text) and write them as a deck YAML. "
            "Cards that need attention (incomplete answers, blanks, dropped notes) are listed on stderr."
        ),
    )
    p.add_argument("format", choices=sorted(IMPORTERS), help="the kind of file to read")
    p.add_argument("file", metavar="FILE", help="the exported file")
    p.add_argument(
        "-o", "--output", metavar="PATH",
        help="write the deck here; a folder gets DECK_ID.yaml inside it (default: print it to stdout)",
    )
    p.add_argument("--force", action="store_true", help="replace the file at --output if there is one")
    p.add_argument("--deck-id", help="deck id (default: from the file name)")
    p.add_argument("--title", help="deck title (default: the set's title or the file name)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Import the file and write (or print) the deck; 0 on success, 1 when no card was found or the file is
    refused (too large, not text, a bad package), 2 on a file error."""
    source = Path(args.file)
    if not source.is_file():
        what = "is a directory" if source.is_dir() else "does not exist"
        print(f"error: cannot import {source}: the file {what}", file=sys.stderr)
        return 2
    try:
        result = IMPORTERS[args.format](source, deck_id=args.deck_id, title=args.title)
    except OSError as exc:
        print(f"error: cannot read {source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ImportRefused as exc:  # too large, not text, a bomb, a bad package: nothing written
        print(f"error: {error_text(exc)}", file=sys.stderr)
        return 1

    output = args.output
    # A folder, as for `cp`: the deck file goes inside it. A name ending in a slash is a folder too, made if it
    # is not there yet (else a deck file would be written under the folder's name).
    folder = bool(output) and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    if folder:
        output = str(Path(output) / f"{result.deck.id}.yaml")
    if output:
        target = Path(output)
        if target.exists() and target.resolve() == source.resolve():
            print(f"error: {target} is the file being imported: give another path to -o", file=sys.stderr)
            return 2
        if target.exists() and not args.force:
            print(f"error: {target} exists; use --force to replace it", file=sys.stderr)
            return 2

    if not result.cards:
        print(f"error: no cards found in {source}", file=sys.stderr)
        for warning in result.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        return 1

    if output:
        try:
            if folder:
                Path(output).parent.mkdir(parents=True, exist_ok=True)
            write_deck(result.deck, output)
        except OSError as exc:
            print(f"error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(deck_to_yaml(result.deck))

    report(result, source)
    if output:
        print(f"Wrote deck '{result.deck.id}' to {output}", file=sys.stderr)
        print(
            f"Next: `tutorbot validate {output}`, then put it in the deck folder "
            "(or upload it with /deck import on Discord).",
            file=sys.stderr,
        )
    return 0


def report(result: ImportResult, source: Path) -> None:
    """The import summary on stderr: cards, how many are askable in which direction, then each flagged
    card with its reasons and each line that could not be read."""
    n = len(result.cards)
    print(
        f"Read {n} card{'s' if n != 1 else ''} from {source} ({len(result.flagged)} flagged)", file=sys.stderr
    )
    askability = result.askability()
    for line in askability.lines():
        print(f"  {line}", file=sys.stderr)
    directions = askability.directions
    print(
        f"  askable by direction: {directions.get('question', 0)} by their prompt (question, or definition for "
        f"a term), {directions.get('term', 0)} by the term hidden in their explanation",
        file=sys.stderr,
    )
    for flag in result.flagged:
        print(f"  flagged: {flag}", file=sys.stderr)
    for warning in result.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
