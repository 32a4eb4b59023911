"""`tutorbot quiz`: private practice in the terminal, on the same core and database as the bot.

Reads answers line by line from stdin (works with a pipe). ``:hint``, ``:skip`` and ``:quit`` are commands;
Ctrl-C or end of input ends the session cleanly with the summary.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import re
import sys
from typing import TextIO

from bot.config import ConfigError, Settings
from bot.core.decks import DeckError
from bot.core.errors import UserError
from bot.core.quiz import QUESTIONS_DEFAULT, QUESTIONS_MAX, QUESTIONS_MIN, LiveQuestion, Reveal, Summary
from bot.core.service import Services
from bot.core.storage.store import StoreError

TERMINAL_USER_ID = 0
LETTERS = "ABCD"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quiz",
        help="private practice in the terminal, on the same database",
        description="Practise in the terminal: type answers, get the grader's verdict and the reveal. "
        "Commands: :hint, :skip, :quit. Ctrl-C or end of input stops with a summary.",
    )
    p.add_argument("--topic", help="a deck tag or deck id (default: every card)")
    p.add_argument("--questions", type=int, default=QUESTIONS_DEFAULT, help="how many questions (1-50, default 10)")
    p.add_argument("--mode", choices=("typed", "choice"), default="typed", help="typed answers or four options")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    if not QUESTIONS_MIN <= args.questions <= QUESTIONS_MAX:
        print(f"--questions must be between {QUESTIONS_MIN} and {QUESTIONS_MAX}", file=sys.stderr)
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


def terminal_text(text: str) -> str:
    """Discord-escaped feedback as plain terminal text."""
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"(\*\*|\*|__)", "", text)


async def practice(
    settings: Settings,
    *,
    topic: str | None,
    questions: int,
    mode: str,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    out = out or sys.stdout

    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    try:
        services = await Services.create(settings.core)
    except (DeckError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        name = _user_name()
        try:
            quiz = await services.quiz.start_quiz(
                user_id=TERMINAL_USER_ID, user_name=name, topic=topic, questions=questions, mode=mode, private=True
            )
        except UserError as exc:
            print(f"error: {terminal_text(exc.message)}", file=sys.stderr)
            return 2
        say(f"Practice: {quiz.total} question{'s' if quiz.total != 1 else ''} on {quiz.topic or 'all topics'} "
            f"({mode}). Commands: :hint :skip :quit")
        if quiz.note:
            say(terminal_text(quiz.note))
        try:
            while quiz.running:
                question = services.quiz.open_question(quiz.id)
                if question is None:
                    break
                if not await _ask(services, quiz.id, question, name, stdin, say):
                    break
        except KeyboardInterrupt:
            say()
        summary = await services.quiz.finish(quiz.id, status="finished" if quiz.number >= quiz.total and
                                             (quiz.question is None or quiz.question.closed) else "stopped")
        _print_summary(summary, say)
        return 0
    finally:
        await services.close()


async def _ask(services: Services, quiz_id: str, question: LiveQuestion, name: str, stdin: TextIO, say) -> bool:
    """One question until it is over; False when the player wants to stop (or input ended)."""
    quiz = services.quiz.get(quiz_id)
    assert quiz is not None
    say()
    say(f"Question {question.number}/{quiz.total}" + (" — which term is hidden?" if question.prompt.direction == "term" else ""))
    say(question.prompt.text)
    if question.prompt.is_choice:
        for i, option in enumerate(question.prompt.options):
            say(f"  {LETTERS[i]}) {option}")
    while True:
        if stdin.isatty():
            print("> ", end="", flush=True)
        line = stdin.readline()
        if not line:  # end of input
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
                hint = services.quiz.hint(quiz_id, user_id=TERMINAL_USER_ID)
            except UserError as exc:
                say(terminal_text(exc.message))
                continue
            say(f"Hint {hint.level}/{hint.max_level}: {hint.text}  (worth {hint.points_now} now)")
            continue
        option = None
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
            say(terminal_text(exc.message))
            continue
        feedback = terminal_text(result.verdict.feedback)
        if result.verdict.correct:
            say(f"{feedback}  +{result.points} points")
        elif result.reveal is None and result.verdict.kind != "empty":
            left = result.tries_left
            say(f"{feedback} ({left} {'try' if left == 1 else 'tries'} left)")
        else:
            say(feedback)
        if result.reveal is not None:
            _print_reveal(result.reveal, say)
            return True


def _print_reveal(reveal: Reveal, say) -> None:
    say(f"Answer: {reveal.answer}")
    if reveal.excerpt:
        say(f"Why: {reveal.excerpt}")


def _print_summary(summary: Summary, say) -> None:
    say()
    me = summary.ranking[0] if summary.ranking else None
    say(f"Practice {'over' if summary.status == 'finished' else 'stopped'}: {summary.asked}/{summary.total} questions")
    if me is None:
        say("No answers.")
        return
    accuracy = f"{summary.accuracy:.0%}" if summary.accuracy is not None else "-"
    say(f"{me.correct} right of {me.attempts} answers ({accuracy}), {me.points} points")
    if summary.hardest is not None and summary.hardest.correct < summary.hardest.players:
        say(f"To review: {summary.hardest.text}")
