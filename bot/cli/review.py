"""`tutorbot review`: spaced repetition in the terminal, for the one local user, on the same database as the bot.

Shows the due cards (most overdue first), then new cards up to the daily limit; reads answers line by line
from stdin (works with a pipe), through the quiz command's ``TerminalInput`` and Ctrl-C handling. ``:idk``
("don't know") and ``:quit`` are commands; Ctrl-C or end of input stops with the summary. ``--status`` prints the figures instead; the settings options change the local
user's settings first (they are kept).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.cli.quiz import TERMINAL_USER_ID, TerminalInput, _interrupts, _user_name
from bot.cli.render import error_text, one_line, terminal_text, verdict_text
from bot.cli.startup import StartupError, open_services
from bot.config import ConfigError, Settings
from bot.core.errors import UserError
from bot.core.models import VerdictReason
from bot.core.prompts import excerpt
from bot.core.review import (
    DUE_COUNT_CAP,
    NEW_USED,
    NO_CARDS,
    NO_NEW,
    Answered,
    ReviewService,
    ReviewStatus,
    SessionSummary,
    Shown,
    interval_words,
)
from bot.core.review.settings import check_new_per_day, check_retention, check_zone
from bot.core.text import MONTHS

log = logging.getLogger(__name__)

Say = Callable[..., None]
QUIT = frozenset({":quit", ":q", ":stop"})
DONT_KNOW = frozenset({":idk", ":skip", "?"})
RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``tutorbot review`` to the command line."""
    p = sub.add_parser(
        "review",
        help="review your due cards (spaced repetition) in the terminal, on the same database",
        description="Review the cards that are due, then a few new ones: type answers, see the verdict and "
        "when each card comes back. Commands: :idk (don't know), :quit. Ctrl-C or end of input stops "
        "with a summary.",
    )
    p.add_argument("--status", action="store_true", help="show what is due and your retention, then stop")
    p.add_argument("--new-per-day", type=int, metavar="N", help="new cards a day (0-100, default 10)")
    p.add_argument("--retention", type=float, metavar="R", help="desired retention, 0.70-0.97 (default 0.9)")
    p.add_argument("--topics", metavar="T", help="tags or deck ids, comma-separated; 'all' for every card")
    p.add_argument("--timezone", metavar="ZONE", help="the time zone of your day, e.g. Europe/Paris")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Run a review session (or print the status) in the terminal; the exit code."""
    if sys.stdin is None and not args.status:  # (started with its input closed)
        return _fail(
            "tutorbot review: reads the answers on stdin, which is closed: run it in a terminal, or pipe the answers in"
        )
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        return _fail(f"error: {exc}")
    try:  # (a bad option is refused before the database is opened, or made: it changes nothing)
        if args.new_per_day is not None:
            check_new_per_day(args.new_per_day)
        if args.retention is not None:
            check_retention(args.retention)
        if args.timezone is not None:
            check_zone(args.timezone)
    except UserError as exc:
        return _fail(f"error: {error_text(exc)}")
    return asyncio.run(review_terminal(settings, args))


def _fail(message: str) -> int:
    """Print why the command stops; the exit code of a refused command."""
    print(message, file=sys.stderr)
    return 2


def when(dt: datetime, zone: str | None = None) -> str:
    """An instant in the time zone ``zone`` (this computer's when None): ``19 Mar 16:40``."""
    local = dt.astimezone(ZoneInfo(zone) if zone else None)
    return f"{local.day} {MONTHS[local.month - 1]} {local:%H:%M}"


async def review_terminal(
    settings: Settings, args: argparse.Namespace, *, stdin: TextIO | None = None, out: TextIO | None = None
) -> int:
    """The whole command: open the services, apply the settings options, then status or a session."""
    try:
        services = await open_services(settings, terminal=True)
    except StartupError as exc:
        return _fail(f"tutorbot: cannot start: {exc}")
    try:
        return await _run(services.review, args, stdin or sys.stdin, out or sys.stdout)
    finally:
        await services.close()


async def _run(review: ReviewService, args: argparse.Namespace, stdin: TextIO, stream: TextIO) -> int:
    say: Say = functools.partial(print, file=stream, flush=True)
    changes = {
        "new_per_day": args.new_per_day, "retention": args.retention, "topics": args.topics, "timezone": args.timezone,
    }
    try:
        if any(v is not None for v in changes.values()):
            await review.members.update(None, TERMINAL_USER_ID, **changes)
        if args.status:
            _print_status(await review.members.status(None, TERMINAL_USER_ID), say)
            return 0
    except UserError as exc:
        return _fail(f"error: {error_text(exc)}")
    session, step = await review.start_session(guild_id=None, user_id=TERMINAL_USER_ID, user_name=_user_name())
    zone = (await review.members.settings(None, TERMINAL_USER_ID)).zone  # times told as --status tells them
    say("Review: your due cards, then new ones. Commands: :idk (don't know) :quit (Ctrl-C stops with the summary)")
    reader = TerminalInput(stdin)
    with _interrupts(reader.stop, stream):
        while isinstance(step, Shown):
            if await _ask(review, session.id, step, reader, say, zone) is None:
                if reader.stopped.is_set():
                    say()
                step = await review.stop(session.id, user_id=TERMINAL_USER_ID)
                break
            step = await review.next(session.id, user_id=TERMINAL_USER_ID, number=step.number)
    _print_summary(step, say, zone)
    return 0


async def _ask(
    review: ReviewService, session_id: str, shown: Shown, reader: TerminalInput, say: Say, zone: str | None = None
) -> Answered | None:
    """One card until it is answered; None when the user stops (``:quit``, end of input, Ctrl-C)."""
    say()
    due = f"{shown.due}+" if shown.due_capped else str(shown.due)
    say(f"Card {shown.number}" + (" (new)" if shown.is_new else "") + f" — {due} due")
    if shown.prompt.direction == "term":
        say("Which term is hidden?")
    say(terminal_text(shown.prompt.text))
    while True:
        if reader.stream.isatty():
            say("> ", end="")
        line = await reader.line()
        text = "" if line is None else line.strip()
        if line is None or text.lower() in QUIT:
            return None
        if not text:
            continue
        try:
            if text.lower() in DONT_KNOW:
                answered = await review.give_up(session_id, user_id=TERMINAL_USER_ID, number=shown.number)
            else:
                answered = await review.answer(session_id, user_id=TERMINAL_USER_ID, number=shown.number, response=text)
        except UserError as exc:
            say(error_text(exc))
            continue
        _print_answered(answered, say, zone)
        return answered


def _print_answered(answered: Answered, say: Say, zone: str | None = None) -> None:
    verdict = answered.verdict
    if answered.gave_up:
        say("Don't know — it comes back soon.")
    elif verdict.reason is VerdictReason.DID_YOU_MEAN and verdict.suggestion:
        # (rated at once, the next card follows: the usual "try again" is no review's)
        say(f"🟡 Almost — did you mean {one_line(verdict.suggestion)}? Misspelt, so not accepted.")
    else:
        say(verdict_text(verdict, reveal=True))
    say(f"Answer: {one_line(answered.shown.prompt.answer)}")
    why = excerpt(answered.shown.card)
    if why:
        say(f"Why: {one_line(why)}")
    wait = interval_words(answered.next_due - answered.after.last_review)
    say(f"Next: in {wait} ({when(answered.next_due, zone)}) — rated {RATINGS[int(answered.rating)]}")


#: Why there was nothing to review at all (``SessionSummary.empty``), in the terminal's words.
EMPTY_WHY = {
    NO_CARDS: "No card in the decks (and your topics): check the decks folder, or --topics.",
    NO_NEW: "Your new cards a day are 0, so no new card comes: raise them with --new-per-day.",
    NEW_USED: "You have met today's new cards: more come tomorrow (or raise --new-per-day).",
}


def _print_summary(summary: SessionSummary, say: Say, zone: str | None = None) -> None:
    say()
    say("Review stopped." if summary.stopped else "Review done: nothing else is due.")
    if summary.reviewed:
        accuracy = f" ({summary.accuracy:.0%})" if summary.accuracy is not None else ""
        say(f"Reviewed {summary.reviewed}, right {summary.right}{accuracy}, new cards {summary.learned}.")
    if summary.still_due:
        cards = f"{summary.still_due}+" if summary.still_due >= DUE_COUNT_CAP else str(summary.still_due)
        say(f"Still due now: {cards}.")
    elif summary.next_due:
        say(f"Next due: {when(summary.next_due, zone)}.")
    else:
        say(EMPTY_WHY.get(summary.empty or "", "Nothing scheduled yet."))


def _print_status(status: ReviewStatus, say: Say) -> None:
    s = status.settings
    say(f"Due now: {status.due_now}   due today: {status.due_today} (your day ends {when(status.day_ends, s.zone)}, {s.zone})")
    say(f"Learning: {status.learning}   learned: {status.learned}   mature: {status.mature}")
    if status.new_today > s.new_per_day:  # (the limit lowered after the day's new cards were met: never "5 of 3")
        say(f"New today: {status.new_today} (limit now {s.new_per_day}: no more today)")
    else:
        say(f"New today: {status.new_today} of {s.new_per_day}")
    if status.retention is None:
        say(f"Retention: not measured yet (target {s.retention:.0%})")
    else:
        say(f"Retention: {status.retention:.0%} of {status.retention_reviews} reviews (target {s.retention:.0%})")
    say(f"Topics: {', '.join(s.topics) if s.topics else 'every card'}")
    if status.next_due is not None:
        say(f"Next due: {when(status.next_due, s.zone)} ({s.zone})")
