"""The `tutorbot` command line: one module a subcommand, each with ``register(subparsers)``.

A subcommand's handler takes the parsed ``argparse.Namespace`` and returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence

# Subcommand modules, in the order `tutorbot --help` lists them.
COMMANDS = ("run", "validate", "import_cmd", "grade", "define", "quiz", "review", "migrate")


def build_parser() -> argparse.ArgumentParser:
    """The `tutorbot` parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="tutorbot",
        description="A Discord study bot that turns a flashcard deck into a tutor.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"bot.cli.{name}")
        module.register(sub)
    return parser


def _tolerant_output() -> None:
    """On a terminal that is not UTF-8 (a Latin-1 locale, a file on Windows), a character it cannot show (the
    "—", "·" and "✅" the commands print) is shown as "?" rather than stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `tutorbot` subcommand; returns its exit code."""
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
