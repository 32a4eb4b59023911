"""The `tutorbot` command line: one module a subcommand, each with ``register(subparsers)``.

A subcommand's handler takes the parsed ``argparse.Namespace`` and returns the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

# Subcommand modules, in the order `tutorbot --help` lists them.
COMMANDS = ("run", "validate", "import_cmd", "grade", "define", "quiz", "review", "migrate", "forget")
#: The exit status of a command whose output was cut short by a closed pipe: the status a shell gives a program
#: that SIGPIPE stopped (128 + 13), so `set -o pipefail` sees that not all of the output was read.
CLOSED_PIPE_STATUS = 141


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


class _PipeGuard:
    """``sys.stdout`` or ``sys.stderr`` while a command runs, for when the program reading it stops early
    (``| head -1``).

    The stream is then pointed at the null device, as the Python documentation advises for SIGPIPE (so that
    flushing it again, at exit too, does not fail and print "Exception ignored"). On stdout, the command's
    product, every later write raises ``BrokenPipeError``: nobody reads what it would print, so it stops. On
    stderr what is written is dropped and the command carries on: its messages are lost, not its exit status
    (an error it reports stays an error).
    """

    PIECE = 4096

    def __init__(self, stream: TextIO, *, stops: bool) -> None:
        self.stream = stream
        self.stops = stops
        self.closed_pipe = False

    def _closed(self) -> None:
        if not self.closed_pipe:
            self.closed_pipe = True
            try:
                fd = self.stream.fileno()
            except (AttributeError, OSError, ValueError):  # not a file (a test's StringIO)
                return
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, fd)
            finally:
                os.close(devnull)

    def _guarded(self, write: Any, *args: Any) -> Any:
        if not self.closed_pipe:
            try:
                return write(*args)
            except BrokenPipeError:
                self._closed()
        if self.stops:
            raise BrokenPipeError("the program reading the output has stopped")
        return None

    def write(self, text: str) -> int:
        # A piece at a time: a pipe closed during one long write takes part of it and says nothing (the write
        # returns short and the rest is dropped); the next piece is refused, and so the loss is noticed.
        for start in range(0, len(text), self.PIECE):
            self._guarded(self.stream.write, text[start:start + self.PIECE])
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._guarded(self.stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def _guarded_output() -> Iterator[_PipeGuard]:
    """``_PipeGuard`` on stdout and stderr for the command's duration; yields the one on stdout."""
    saved = sys.stdout, sys.stderr
    out = _PipeGuard(sys.stdout, stops=True) if sys.stdout is not None else None
    if out is not None:
        sys.stdout = out
    if sys.stderr is not None:
        sys.stderr = _PipeGuard(sys.stderr, stops=False)
    try:
        yield out or _PipeGuard(io.StringIO(), stops=True)
    finally:
        sys.stdout, sys.stderr = saved


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `tutorbot` subcommand; returns its exit code.

    Output cut short by a closed pipe (``| head``) ends the command quietly with ``CLOSED_PIPE_STATUS``, unless
    it had failed already: its own error status is kept (see ``_PipeGuard``).
    """
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int | None = None
    with _guarded_output() as out:
        try:
            with _terminal_log(args.command):
                code = int(args.func(args) or 0)
            out.flush()  # here, not at exit: a pipe closed meanwhile is told by the status
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            if not out.closed_pipe:
                raise  # not our output's: a connection the command uses
    if out.closed_pipe:
        return code or CLOSED_PIPE_STATUS
    return code or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
