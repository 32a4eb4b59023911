"""`tutorbot quiz`: private practice in the terminal, on the same core and database as the bot.

Reads answers line by line from stdin (works with a pipe). ``:hint``, ``:skip`` and ``:quit`` are commands;
Ctrl-C or end of input ends the session cleanly with the summary.

Lines are read in a background thread (``bot.cli.terminal.TerminalInput``), so the event loop stays free while the player
thinks and one Ctrl-C ends the session at once, with the summary (a second one stops without it).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from collections.abc import Callable
from typing import TextIO

from bot.cli.render import error_text, one_line, terminal_text, verdict_text
from bot.cli.startup import StartupError, open_services
from bot.cli.terminal import TerminalInput as TerminalInput
from bot.cli.terminal import interrupts
from bot.config import ConfigError, Settings
from bot.core.errors import UserError
from bot.core.quiz import (
    MODES,
    QUESTIONS_DEFAULT,
    QUESTIONS_MAX,
    QUESTIONS_MIN,
    AnswerResult,
    LiveQuestion,
    Reveal,
    Summary,
)
from bot.core.service import Services

log = logging.getLogger(__name__)

#: The earlier name of ``bot.cli.terminal.interrupts`` (import it from there).
_interrupts = interrupts

TERMINAL_USER_ID = 0
LETTERS = "ABCD"

Say = Callable[..., None]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``tutorbot quiz`` to the command line."""
    p = sub.add_parser(
        "quiz",
        help="private practice in the terminal, on the same database",
        description="Practise in the terminal: type answers, get the grader's verdict and the reveal. "
        "Commands: :hint, :skip, :quit. Ctrl-C or end of input stops with a summary.",
    )
    p.add_argument("--topic", help="a deck tag or deck id (default: every card)")
    p.add_argument(
        "--questions", type=int, default=QUESTIONS_DEFAULT,
        help=f"how many questions ({QUESTIONS_MIN}-{QUESTIONS_MAX}, default {QUESTIONS_DEFAULT})",
    )
    p.add_argument(
        "--mode", choices=MODES, default="typed",
        help="typed answers (default), or options to pick from by their letter (choice)",
    )
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Run a practice session in the terminal; the exit code."""
    if not QUESTIONS_MIN <= args.questions <= QUESTIONS_MAX:
        print(
            f"tutorbot quiz: --questions must be between {QUESTIONS_MIN} and {QUESTIONS_MAX}, not {args.questions}",
            file=sys.stderr,
        )
        return 2
    if sys.stdin is None:  # (started with its input closed)
        print("tutorbot quiz: reads the answers on stdin, which is closed: run it in a terminal, or pipe the "
              "answers in", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return asyncio.run(practice(settings, topic=args.topic, questions=args.questions, mode=args.mode))


def _user_name() -> str:
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no passwd entry in a container
            name = "you"
    return name


async def practice(
    settings: Settings,
    *,
    topic: str | None,
    questions: int,
    mode: str,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Practise alone on ``topic`` (None: every card), reading answers from ``stdin``; the exit code."""
    stdin = stdin or sys.stdin
    stream = out or sys.stdout

    def say(text: str = "") -> None:
        print(text, file=stream, flush=True)

    try:
        services = await open_services(settings, terminal=True)
    except StartupError as exc:
        print(f"tutorbot: cannot start: {exc}", file=sys.stderr)
        return 2
    try:
        name = _user_name()
        try:
            quiz = await services.quiz.start_quiz(
                user_id=TERMINAL_USER_ID, user_name=name, topic=topic, questions=questions, mode=mode, private=True
            )
        except UserError as exc:
            text = error_text(exc)
            if exc.code == "quiz.no_topic":  # (the core's list is cut short for Discord: the terminal lists all)
                text = text.split(" Topics:", 1)[0]
            print(f"error: {text}", file=sys.stderr)
            if exc.code == "quiz.no_topic":
                print(_topics_line(services), file=sys.stderr)
            return 2
        say(f"Practice: {quiz.total} question{'s' if quiz.total != 1 else ''} on {quiz.topic or 'all topics'} "
            f"({mode}). Commands: :hint :skip :quit (Ctrl-C stops with the summary)")
        if quiz.note:
            say(one_line(quiz.note))
        reader = TerminalInput(stdin)
        with interrupts(reader.stop, stream):
            while quiz.running and not reader.stopped.is_set():
                question = services.quiz.open_question(quiz.id)
                if question is None:
                    break
                if not await _ask(services, quiz.id, question, name, reader, say):
                    break
            if reader.stopped.is_set():
                say()
            finished = quiz.number >= quiz.total and (quiz.question is None or quiz.question.closed)
            summary = await services.quiz.finish(quiz.id, status="finished" if finished else "stopped")
        _print_summary(summary, say)
        return 0
    finally:
        await services.close()


def _topics_line(services: Services) -> str:
    """Every topic with its size, to choose from after an unknown ``--topic``."""
    catalog = services.catalog
    topics = ", ".join(f"{t} ({catalog.topic_size(t)})" for t in catalog.topics)
    return f"Topics (cards): {topics}" if topics else "There are no topics: the decks have no askable cards."


async def _ask(
    services: Services, quiz_id: str, question: LiveQuestion, name: str, reader: TerminalInput, say: Say
) -> bool:
    """One question until it is over; False when the player wants to stop (or input ended)."""
    quiz = services.quiz.get(quiz_id)
    assert quiz is not None
    say()
    hidden_term = question.prompt.direction == "term"
    say(f"Question {question.number}/{quiz.total}" + (" — which term is hidden?" if hidden_term else ""))
    say(terminal_text(question.prompt.text))
    if question.prompt.is_choice:
        for i, label in enumerate(question.prompt.options):
            say(f"  {LETTERS[i]}) {one_line(label)}")
    while True:
        if reader.stream.isatty():
            print("> ", end="", flush=True)
        line = await reader.line()
        if line is None:  # end of input, or Ctrl-C
            return False
        text = line.strip()
        if not text:
            continue
        command = text.lower()
        if command in (":quit", ":q", ":stop"):
            return False
        if command == ":skip":
            reveal = await services.quiz.skip(quiz_id, user_id=TERMINAL_USER_ID)
            _print_reveal(reveal, say)
            return True
        if command == ":hint":
            try:
                hint = await services.quiz.hint(quiz_id, user_id=TERMINAL_USER_ID)
            except UserError as exc:
                say(error_text(exc))
                continue
            say(f"Hint {hint.level}/{hint.max_level}: {one_line(hint.text)}  (worth {hint.points_now} now)")
            continue
        option: int | None = None
        if question.prompt.is_choice:
            letter = text.upper().rstrip(").")
            if len(letter) != 1 or letter not in LETTERS[: len(question.prompt.options)]:
                say(f"Type a letter, {', '.join(LETTERS[: len(question.prompt.options)])}.")
                continue
            option = LETTERS.index(letter)
        try:
            result = await services.quiz.answer(
                quiz_id, user_id=TERMINAL_USER_ID, user_name=name, response=text, option=option
            )
        except UserError as exc:
            say(error_text(exc))
            continue
        say(_answer_line(result))
        if result.reveal is not None:
            _print_reveal(result.reveal, say)
            return True


def _answer_line(result: AnswerResult) -> str:
    """The verdict (naming the answer only once the question is over), then points or the tries left."""
    feedback = verdict_text(result.verdict, reveal=result.reveal is not None)
    if result.verdict.correct:
        return f"{feedback}  +{result.points} points"
    if result.reveal is None and result.verdict.kind != "empty":
        left = result.tries_left
        return f"{feedback} ({left} {'try' if left == 1 else 'tries'} left)"
    return feedback


def _print_reveal(reveal: Reveal, say: Say) -> None:
    say(f"Answer: {one_line(reveal.answer)}")
    if reveal.excerpt:
        say(f"Why: {terminal_text(reveal.excerpt)}")


def _print_summary(summary: Summary, say: Say) -> None:
    """Questions asked, then how many of them the player got right (not how many answers they typed)."""
    say()
    me = summary.ranking[0] if summary.ranking else None
    say(f"Practice {'over' if summary.status == 'finished' else 'stopped'}: {summary.asked}/{summary.total} questions")
    if me is None or not summary.asked:
        say("No answers.")
        return
    right = min(me.correct, summary.asked)
    noun = "question" if summary.asked == 1 else "questions"
    say(f"{right} of {summary.asked} {noun} right ({right / summary.asked:.0%}), {me.points} points")
    if summary.hardest is not None and summary.hardest.correct < summary.hardest.players:
        card = summary.hardest.card
        say(f"To review: {one_line(card.term or summary.hardest.text)}")
