"""`tutorbot review`: spaced repetition in the terminal, for the one local user, on the same database as the bot.

Shows the due cards (most overdue first), then new cards up to the daily limit; reads answers line by line
from stdin (works with a pipe). ``:idk`` ("don't know") and ``:quit`` are commands; Ctrl-C or end of input
stops with the summary. ``--status`` prints the figures instead; the settings options change the local
user's settings first (they are kept).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from bot.cli.quiz import TERMINAL_USER_ID
from bot.cli.render import error_text, verdict_text
from bot.config import ConfigError, Settings
from bot.core.decks import DeckError
from bot.core.errors import UserError
from bot.core.prompts import excerpt
from bot.core.review import Answered, ReviewService, ReviewStatus, SessionSummary, Shown, interval_words
from bot.core.service import Services
from bot.core.storage.store import StoreError
from bot.core.text import MONTHS, strip_unsafe

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
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return asyncio.run(review_terminal(settings, args))


def _plain(text: str) -> str:
    return " ".join(strip_unsafe(text).split())


def when(dt: datetime) -> str:
    """An instant in this computer's local time: ``19 Mar 16:40``."""
    local = dt.astimezone()
    return f"{local.day} {MONTHS[local.month - 1]} {local:%H:%M}"


def _service(services: Services) -> ReviewService:
    found = getattr(services, "review", None)
    if isinstance(found, ReviewService):
        return found
    return ReviewService(store=services.store, catalog=services.catalog, clock=services.clock)


async def review_terminal(
    settings: Settings, args: argparse.Namespace, *, stdin: TextIO | None = None, out: TextIO | None = None
) -> int:
    """The whole command: open the services, apply the settings options, then status or a session."""
    stdin = stdin or sys.stdin
    stream = out or sys.stdout

    def say(text: str = "") -> None:
        """Print one line of the session."""
        print(text, file=stream, flush=True)

    try:
        services = await Services.create(settings.core)
    except (DeckError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        review = _service(services)
        try:
            changes = {
                "new_per_day": args.new_per_day, "retention": args.retention,
                "topics": args.topics, "timezone": args.timezone,
            }
            if any(v is not None for v in changes.values()):
                await review.members.update(None, TERMINAL_USER_ID, **changes)
            if args.status:
                _print_status(await review.members.status(None, TERMINAL_USER_ID), say)
                return 0
        except UserError as exc:
            print(f"error: {error_text(exc)}", file=sys.stderr)
            return 2
        return await _session(review, stdin, say)
    finally:
        await services.close()


async def _session(review: ReviewService, stdin: TextIO, say: Say) -> int:
    name = os.environ.get("USER") or os.environ.get("USERNAME") or "you"
    session, step = await review.start_session(guild_id=None, user_id=TERMINAL_USER_ID, user_name=name)
    say("Review: your due cards, then new ones. Commands: :idk (don't know) :quit")
    try:
        while isinstance(step, Shown):
            answered = await _ask(review, session.id, step, stdin, say)
            if answered is None:
                step = await review.stop(session.id, user_id=TERMINAL_USER_ID)
                break
            step = await review.next(session.id, user_id=TERMINAL_USER_ID, number=step.number)
    except KeyboardInterrupt:
        say()
        step = await review.stop(session.id, user_id=TERMINAL_USER_ID)
    _print_summary(step, say)
    return 0


async def _ask(review: ReviewService, session_id: str, shown: Shown, stdin: TextIO, say: Say) -> Answered | None:
    """One card until it is answered; None when the user stops (or input ends)."""
    say()
    due = f"{shown.due}+" if shown.due_capped else str(shown.due)
    say(f"Card {shown.number}" + (" (new)" if shown.is_new else "") + f" — {due} due")
    if shown.prompt.direction == "term":
        say("Which term is hidden?")
    say(_plain(shown.prompt.text))
    while True:
        if stdin.isatty():
            print("> ", end="", flush=True)
        line = stdin.readline()
        if not line:
            return None
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT:
            return None
        try:
            if text.lower() in DONT_KNOW:
                answered = await review.give_up(session_id, user_id=TERMINAL_USER_ID, number=shown.number)
            else:
                answered = await review.answer(session_id, user_id=TERMINAL_USER_ID, number=shown.number, response=text)
        except UserError as exc:
            say(error_text(exc))
            continue
        _print_answered(answered, say)
        return answered


def _print_answered(answered: Answered, say: Say) -> None:
    say("Don't know — it comes back soon." if answered.gave_up else verdict_text(answered.verdict, reveal=True))
    say(f"Answer: {_plain(answered.shown.prompt.answer)}")
    why = excerpt(answered.shown.card)
    if why:
        say(f"Why: {_plain(why)}")
    wait = interval_words(answered.next_due - answered.after.last_review)
    say(f"Next: in {wait} ({when(answered.next_due)}) — rated {RATINGS[int(answered.rating)]}")


def _print_summary(summary: SessionSummary, say: Say) -> None:
    say()
    say("Review stopped." if summary.stopped else "Review done: nothing else is due.")
    if summary.reviewed:
        accuracy = f" ({summary.accuracy:.0%})" if summary.accuracy is not None else ""
        say(f"Reviewed {summary.reviewed}, right {summary.right}{accuracy}, new cards {summary.learned}.")
    say(f"Next due: {when(summary.next_due)}." if summary.next_due else "Nothing scheduled yet.")


def _print_status(status: ReviewStatus, say: Say) -> None:
    s = status.settings
    say(f"Due now: {status.due_now}   due today: {status.due_today} (your day ends {when(status.day_ends)}, {s.zone})")
    say(f"Learning: {status.learning}   learned: {status.learned}   mature: {status.mature}")
    say(f"New today: {status.new_today} of {s.new_per_day}")
    if status.retention is None:
        say(f"Retention: not measured yet (target {s.retention:.0%})")
    else:
        say(f"Retention: {status.retention:.0%} of {status.retention_reviews} reviews (target {s.retention:.0%})")
    say(f"Topics: {', '.join(s.topics) if s.topics else 'every card'}")
    if status.next_due is not None:
        say(f"Next due: {when(status.next_due)}")
