"""The answer path through discord.py: button → modal → grade → commit → reply, in simcord.

Run: ``.venv/bin/python bench/bench_discord_answers.py [--quizzes 10] [--players 20] [--answers 2000] [--runs 3]``.
Prints numbers; asserts nothing.

The real bot (``TutorBot``: discord.py 2.7, every cog, the real deck of ``cards/``, a SQLite file with
durable commits) runs against simcord's in-memory Discord. ``--quizzes`` channel quizzes (one server
each) have ``--players`` members each. A member answers the open question of a quiz as a player does:
a click on **Answer** (an interaction that opens the modal), then the modal submitted with a right
answer or a wrong guess, half and half; a member who is right, or out of tries, waits for the next
question. When nobody can answer any more, the virtual clock moves past the closing time and the next
question opens.

simcord runs one user action at a time and waits until the bot has finished with it (the reply sent,
the attempt committed), so the figures are those of answers arriving one after another:

- per answer, the submit (gateway event → discord.py → the modal's callback → grade → commit → reply)
  and the click before it, p50 / p99 / max;
- answers per second (click + submit), i.e. what one event loop does per answer through discord.py
  and simcord; simcord's own work (building gateway payloads, checking every HTTP call) is included;
- the share of that time spent in ``grade_card`` (measured around the call the bot makes).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import simcord  # noqa: E402
from _common import ROOT, Table, percentile  # noqa: E402

import bot.core.grading.grader as grader  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.prompts import answer_label  # noqa: E402
from bot.runner import TutorBot  # noqa: E402

TRIES = 3


class SimClock:
    """The bot's clock: simcord's virtual time once the environment runs (its epoch before)."""

    def __init__(self) -> None:
        self.env: Any = None

    def __call__(self) -> datetime:
        return self.env.now() if self.env is not None else datetime(2026, 1, 1, tzinfo=UTC)


class GradeTimer:
    """Time spent in the grader while the bench runs (wraps the functions the quiz calls)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        for name in ("grade_card", "grade_compiled"):
            original = getattr(grader, name)

            def timed(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
                began = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.seconds += time.perf_counter() - began
                    self.calls += 1

            setattr(grader, name, timed)
            self._undo.append(lambda name=name, original=original: setattr(grader, name, original))

    def remove(self) -> None:
        for undo in self._undo:
            undo()


def modal_box(shown: Any) -> str:
    """The custom id of the answer box of the modal a click opened."""
    stack = list(shown.modal["components"])
    while stack:
        item = stack.pop(0)
        if item.get("type") == 4:
            return str(item["custom_id"])
        stack[:0] = list(item.get("components") or []) + ([item["component"]] if isinstance(item.get("component"), dict) else [])
    raise RuntimeError("no answer box in the modal")


async def run_once(table: Table, quizzes: int, players: int, answers: int, seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(token="bench-token", db_path=Path(tmp) / "bench.sqlite3", cards_dir=ROOT / "cards")
        clock = SimClock()
        bot = TutorBot(settings, clock=clock)
        async with simcord.run(bot, settle_timeout=2.0) as env:
            clock.env = env
            rooms = []
            for q in range(quizzes):
                guild = env.create_guild(f"server {q}")
                channel = guild.create_text_channel("study")
                members = [guild.add_member(env.create_user(f"p{q}-{i}")) for i in range(players)]
                await members[0].slash(channel, "quiz", questions=50, seconds=60)
                rooms.append((channel, members))
            quiz_service = env.bot.tutor_services.quiz
            timer = GradeTimer()
            timer.install()
            clicks: list[float] = []
            submits: list[float] = []
            began = time.perf_counter()
            try:
                while len(submits) < answers:
                    progressed = False
                    for channel, members in rooms:
                        quiz = quiz_service.running_in(channel.id)
                        question = quiz.question if quiz else None
                        if question is None or question.closed:
                            continue
                        free = [
                            m for m in members
                            if m.id not in question.solved and question.tries.get(m.id, 0) < TRIES
                        ]  # fmt: skip
                        if not free:
                            continue
                        member = rng.choice(free)
                        right = answer_label(question.card, question.prompt.direction)
                        text = right if rng.random() < 0.5 else "a wrong guess"
                        message = channel.last_message
                        t0 = time.perf_counter()
                        shown = await member.click(message, label="Answer")
                        t1 = time.perf_counter()
                        if shown.modal is None:
                            continue
                        await member.submit_modal(shown, {modal_box(shown): text})
                        t2 = time.perf_counter()
                        clicks.append(t1 - t0)
                        submits.append(t2 - t1)
                        progressed = True
                        if len(submits) >= answers:
                            break
                    if not progressed:
                        for _ in range(15):  # every question closes (60 s), a pause, the next ones open
                            await env.advance_time(5)
            finally:
                elapsed = time.perf_counter() - began
                timer.remove()
            await env.bot.close()
    n = len(submits)
    table.add(f"answers through discord.py ({n:,}, one at a time): answers/s", n / elapsed, "/s")
    table.add("  submit (grade + commit + reply): p50", percentile(submits, 0.5), "ms")
    table.add("  submit: p99", percentile(submits, 0.99), "ms")
    table.add("  submit: max", max(submits), "ms")
    table.add("  click (opens the modal): p50", percentile(clicks, 0.5), "ms")
    table.add("  click: p99", percentile(clicks, 0.99), "ms")
    table.add("  share of the time spent grading", timer.seconds / elapsed * 100, "%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quizzes", type=int, default=10)
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    table = Table(f"{args.quizzes} quizzes x {args.players} players through discord.py in simcord")
    for run in range(args.runs):
        asyncio.run(run_once(table, args.quizzes, args.players, args.answers, seed=run))
        print(f"run {run + 1} of {args.runs} done", flush=True)
    table.print()


if __name__ == "__main__":
    main()
