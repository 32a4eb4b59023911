"""The answer path through discord.py: button → modal → grade → commit → reply, in simcord.

Run: ``.venv/bin/python bench/bench_discord_answers.py [--quizzes 10] [--players 20] [--answers 2000]
[--rates 40] [--runs 3] [--idle 0.001] [--paths one-call,statements]``. Prints numbers; asserts nothing.

The real bot (``TutorBot``: discord.py 2.7, every cog, the real deck of ``cards/``, a SQLite file with
durable commits) runs against simcord's in-memory Discord. ``--quizzes`` channel quizzes (one server
each) have ``--players`` members each. A member answers the open question of a quiz as a player does:
a click on **Answer** (an interaction that opens the modal), then the modal submitted with a right
answer or a wrong guess, half and half; a member who is right, or out of tries, waits for the next
question. When nobody can answer any more, the virtual clock moves past the closing time and the next
question opens (the bot closes ten questions, posts ten reveals and ten new questions meanwhile).

simcord runs one user action at a time and returns once the bot is idle again, so answers go through
one after another. Two ways of sending them:

- **flat out**: each answer as soon as the one before has been handled: the most answers per second
  one event loop gives through discord.py and simcord (simcord's own work — building gateway payloads,
  checking every HTTP call, waiting for the bot to be idle — is included);
- **paced** (``--rates``): answers due at a fixed offered rate (one every ``1/rate`` s); each answer's
  latency runs from when it was due, so time spent queueing behind earlier answers counts.

Latency is what the member sees: from the click (or the modal's submit) to the bot's HTTP call that
answers it — the modal for a click, the verdict for a submit (sent after the attempt is committed).
simcord's check that the bot is idle after that is not part of it. simcord polls for idleness every
``--idle`` seconds (its default, 50 ms, makes every click cost 50 ms of waiting in the harness: a
view's timeout task is not yet parked when simcord first looks); 1 ms keeps the harness out of the way.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import simcord  # noqa: E402
import simcord.http.router as simcord_router  # noqa: E402
from _common import ROOT, Table, percentile  # noqa: E402
from simcord.env import Env  # noqa: E402

import bot.core.quiz.session as quiz_session  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.memory import SWITCH_INTERVAL  # noqa: E402
from bot.core.prompts import answer_label  # noqa: E402
from bot.runner import TutorBot  # noqa: E402

TRIES = 3
#: How a quiz's answers are written (``--paths``, compared run after run in turn): the whole transaction in one
#: call to the database thread (the default), or each statement awaited from the event loop (as before).
PATHS = ("one-call", "statements")
#: How long simcord lets one action take (the bot's writes included).
SETTLE_TIMEOUT = 10.0
#: Interaction callback types that answer the member (a message, a modal, an update), not a deferral.
ANSWERING = {4, 7, 9}


class SimClock:
    """The bot's clock: simcord's virtual time once the environment runs (its epoch before)."""

    def __init__(self) -> None:
        self.env: Any = None

    def __call__(self) -> datetime:
        return self.env.now() if self.env is not None else datetime(2026, 1, 1, tzinfo=UTC)


class Replies:
    """When the bot's HTTP calls that answer an interaction are made (simcord's router, wrapped)."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._real: Any = None

    def install(self) -> None:
        real = self._real = simcord_router.dispatch

        def dispatch(backend: Any, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
            if method == "POST" and (path.startswith("/webhooks/") or self._answers(path, kwargs.get("json"))):
                self.times.append(time.perf_counter())
            return real(backend, method, path, *args, **kwargs)

        simcord_router.dispatch = dispatch

    @staticmethod
    def _answers(path: str, body: Any) -> bool:
        return path.startswith("/interactions/") and isinstance(body, dict) and body.get("type") in ANSWERING

    def remove(self) -> None:
        if self._real is not None:
            simcord_router.dispatch = self._real

    def first_since(self, began: float, fallback: float) -> float:
        """The first answering call made at or after ``began`` (``fallback`` when there was none)."""
        for t in reversed(self.times):
            if t < began:
                break
            fallback = min(fallback, t)
        return fallback


class GradeTimer:
    """Time spent grading while the bench runs (wraps the grading calls the quiz makes)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        for name in ("grade_card", "grade_card_async"):
            real = getattr(quiz_session, name, None)
            if real is None:
                continue
            setattr(quiz_session, name, self._async(real) if asyncio.iscoroutinefunction(real) else self._sync(real))
            self._undo.append(lambda name=name, real=real: setattr(quiz_session, name, real))

    def _sync(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began

        return timed

    def _async(self, real: Callable[..., Any]) -> Callable[..., Any]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began

        return timed

    def remove(self) -> None:
        for undo in self._undo:
            undo()


def harness(idle: float) -> Callable[[], None]:
    """simcord tuned for a long run; returns the undo.

    - It looks for an idle bot every ``idle`` seconds.
    - The bot's timers run on the virtual clock only. simcord also fires a virtual timer when as much real
      time has passed (a fallback for tests that never move the clock): over a run of minutes that lets
      quiz timers fire in the middle of other actions, and an action then waits on them. Here the bench
      moves the clock itself when nobody can answer any more.
    """
    settle, schedule = Env._settle_internal, Env._schedule_timer

    @functools.wraps(settle)
    async def settle_polling(self: Env, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("idle", idle)
        await settle(self, *args, **kwargs)

    @functools.wraps(schedule)
    def schedule_virtual(self: Env, record: Any, *args: Any, **kwargs: Any) -> None:
        schedule(self, record, *args, **kwargs)
        if record.real_handle is not None:
            record.real_handle.cancel()
            record.real_handle = None

    Env._settle_internal = settle_polling  # type: ignore[method-assign]
    Env._schedule_timer = schedule_virtual  # type: ignore[method-assign]

    def undo() -> None:
        Env._settle_internal, Env._schedule_timer = settle, schedule  # type: ignore[method-assign]

    return undo


def modal_box(shown: Any) -> str:
    """The custom id of the answer box of the modal a click opened."""
    stack = list(shown.modal["components"])
    while stack:
        item = stack.pop(0)
        if item.get("type") == 4:
            return str(item["custom_id"])
        stack[:0] = list(item.get("components") or []) + ([item["component"]] if isinstance(item.get("component"), dict) else [])
    raise RuntimeError("no answer box in the modal")


def open_to_answers(quiz: Any) -> bool:
    """Whether a quiz has a question open (or has ended)."""
    return quiz is None or (quiz.question is not None and not quiz.question.closed)


def describe(quiz: Any) -> str:
    """A quiz's state, for the message when the bench cannot go on."""
    if quiz is None:
        return "ended"
    question = quiz.question
    return f"question {question.number if question else None}, closed {question.closed if question else None}"


@dataclass
class Run:
    clicks: list[float] = field(default_factory=list)
    submits: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)  # due (or click) → verdict sent
    advancing: float = 0.0
    elapsed: float = 0.0
    late: int = 0


def use_path(services: Any, path: str) -> None:
    """Write the answers' transactions in one call to the database thread, or statement by statement."""
    services.quiz.writer.in_thread = path == "one-call"
    services.quiz.writer.attempts.subscribe_batch(services.review.on_attempts, in_thread=path == "one-call")


async def run_once(
    quizzes: int, players: int, answers: int, rate: float, seed: int, timer: GradeTimer, path: str = PATHS[0]
) -> Run:
    rng = random.Random(seed)
    replies = Replies()
    out = Run()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(token="bench-token", db_path=Path(tmp) / "bench.sqlite3", cards_dir=ROOT / "cards")
        clock = SimClock()
        bot = TutorBot(settings, clock=clock)
        async with simcord.run(bot, settle_timeout=SETTLE_TIMEOUT) as env:
            clock.env = env
            rooms = []
            for q in range(quizzes):
                guild = env.create_guild(f"server {q}")
                channel = guild.create_text_channel("study")
                members = [guild.add_member(env.create_user(f"p{q}-{i}")) for i in range(players)]
                await members[0].slash(channel, "quiz", questions=50, seconds=60)
                rooms.append((channel, members))
            quiz_service = env.bot.tutor_services.quiz
            use_path(env.bot.tutor_services, path)  # type: ignore[attr-defined]
            replies.install()
            timer.install()
            began = time.perf_counter()
            due = began
            stalled = 0
            try:
                while len(out.submits) < answers:
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
                        if rate:
                            due += 1 / rate
                            wait = due - time.perf_counter()
                            if wait > 0:
                                await asyncio.sleep(wait)
                            else:
                                out.late += 1
                        t0 = time.perf_counter()
                        start = due if rate else t0
                        shown = await member.click(message, label="Answer")
                        t1 = time.perf_counter()
                        if shown.modal is None:
                            continue
                        out.clicks.append(replies.first_since(t0, t1) - t0)
                        await member.submit_modal(shown, {modal_box(shown): text})
                        t2 = time.perf_counter()
                        sent = replies.first_since(t1, t2)
                        out.submits.append(sent - t1)
                        out.answers.append(sent - start)
                        progressed = True
                        stalled = 0
                        if len(out.submits) >= answers:
                            break
                    if not progressed:  # questions close (3 s after a right answer, else 60 s), the next open
                        stalled += 1
                        if stalled > 3:
                            states = [describe(quiz_service.running_in(c.id)) for c, _ in rooms]
                            raise RuntimeError(f"no question opens any more: {states}")
                        t = time.perf_counter()
                        for _ in range(20):
                            await env.advance_time(5)
                            if all(open_to_answers(quiz_service.running_in(c.id)) for c, _ in rooms):
                                break
                        out.advancing += time.perf_counter() - t
            finally:
                out.elapsed = time.perf_counter() - began
                timer.remove()
                replies.remove()
                await env.bot.close()  # also on a failure: the database's threads would keep the process alive
    return out


def record(table: Table, label: str, run: Run, grading: float) -> None:
    n = len(run.submits)
    table.add(f"{label}: answers/s (click + submit, {n:,} answers)", n / run.elapsed, "/s")
    table.add(f"{label}: answer (due → verdict sent) p50", percentile(run.answers, 0.5), "ms")
    table.add(f"{label}: answer p99", percentile(run.answers, 0.99), "ms")
    table.add(f"{label}: answer max", max(run.answers), "ms")
    table.add(f"{label}: submit → verdict sent p50", percentile(run.submits, 0.5), "ms")
    table.add(f"{label}: submit → verdict sent p99", percentile(run.submits, 0.99), "ms")
    table.add(f"{label}: click → modal sent p50", percentile(run.clicks, 0.5), "ms")
    table.add(f"{label}: click → modal sent p99", percentile(run.clicks, 0.99), "ms")
    table.add(f"{label}: share of the time grading", grading / run.elapsed * 100, "%")
    table.add(f"{label}: share of the time moving the clock", run.advancing / run.elapsed * 100, "%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quizzes", type=int, default=10)
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--rates", default="40", help="comma-separated offered rates (answers/s) of paced runs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=0.001, help="simcord's idle poll, seconds (its default 0.05)")
    parser.add_argument("--paths", default=PATHS[0], help=f"answer write paths to compare, in turn: {', '.join(PATHS)}")
    args = parser.parse_args()
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    if unknown := set(paths) - set(PATHS):
        parser.error(f"unknown path {', '.join(sorted(unknown))}")
    undo = harness(args.idle)
    sys.setswitchinterval(SWITCH_INTERVAL)  # as ``tutorbot run`` sets it
    table = Table(f"{args.quizzes} quizzes x {args.players} players through discord.py in simcord")
    rates = [0.0] + [float(r) for r in args.rates.split(",") if r.strip()]
    try:
        for run in range(args.runs):
            for path in paths:
                for rate in rates:
                    timer = GradeTimer()
                    result = asyncio.run(run_once(args.quizzes, args.players, args.answers, rate, run, timer, path))
                    label = (f"offered {rate:,.0f}/s" if rate else "flat out") + (f", {path}" if len(paths) > 1 else "")
                    record(table, label, result, timer.seconds)
                    print(f"run {run + 1} of {args.runs}, {label}: done ({result.late} answers sent late)", flush=True)
    finally:
        undo()
    table.print()


if __name__ == "__main__":
    main()
