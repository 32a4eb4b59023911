"""The `tutorbot` command line: one module a subcommand, each with ``register(subparsers)``.

A subcommand's handler takes the parsed ``argparse.Namespace`` and returns the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import sys
from collections.abc import Iterator, Sequence

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


class _TerminalLog(logging.Handler):
    """What the core logs as a warning or an error while a terminal command runs: one line on stderr
    ("tutorbot: quiz 1a2b3c4d: could not store an answer (database is locked)"), never a traceback: the command
    has already told the user what it means for them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = " ".join(record.getMessage().split())
            exc = record.exc_info[1] if record.exc_info else None
            if exc is not None:
                text += f" ({' '.join(str(exc).split()) or type(exc).__name__})"
            print(f"tutorbot: {text}", file=sys.stderr, flush=True)
        except Exception:
            self.handleError(record)


@contextlib.contextmanager
def _terminal_log(command: str | None) -> Iterator[None]:
    """``_TerminalLog`` for the command's duration (`run` configures the bot's own logging, and uses
    ``terminal_log`` while it reads its settings)."""
    if command == "run":
        yield
        return
    with terminal_log():
        yield


@contextlib.contextmanager
def terminal_log() -> Iterator[None]:
    """What is logged as a warning or an error meanwhile is one ``tutorbot: …`` line on stderr."""
    handler = _TerminalLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `tutorbot` subcommand; returns its exit code."""
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        with _terminal_log(args.command):
            return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
