"""Garbage collections in the running bot under the answer load: how long, how much memory the policy costs,
what it leaks.

    .venv/bin/python bench/bench_gc.py [--policies none,collector] [--runs 3] [--seconds 20] [--rate 1000]
        [--cards 5000] [--quizzes 100] [--players 20] [--slow MS] [--thresholds 700,3,1]

Each run is a fresh interpreter (the collector's state is the process's), the policies in turn (A, B, A, B
...: the machine's load weighs on all alike). A run: the services (``Services.create`` on a SQLite file in a
temporary folder) with the real deck and a ``--cards``-card deck (``_common.write_big_deck``: names,
aliases, several accepted answers), so the quizzes ask many different cards and the grader compiles (and
its cache drops) cards all along; ``--quizzes`` channel quizzes of ``--players`` players answering at
``--rate`` answers a second for ``--seconds`` (the answer mix of ``bench_answers.py``: right, misspelt,
another card's answer, a sentence around the right one), a question closing after a few seconds or when
everyone is done. Then a deck is imported (``/deck import`` preview and confirm, 2,000 cards) and answering
goes on for ``--seconds`` more.

Policies:

- ``none``: the interpreter's collector as it is, and only builds of 20,000 cards or more frozen (what the
  bot did before ``bot.core.memory``);
- ``collector``: ``CollectorPolicy().start(services.catalog)``, as the runner applies it once started
  (``--slow`` and ``--thresholds`` try other settings than ``bot.core.memory``'s).

Figures (min / median / max over the runs), every collection timed with ``gc.callbacks`` (CPU time of the
thread that ran it, and wall-clock):

- collections of each generation during the load (count, the longest, their CPU time in all per second);
- the longest full collection by wall-clock (the event loop was held that long, or a worker thread held the
  interpreter lock that long);
- freezes the policy made, objects frozen at the end (``gc.get_freeze_count``);
- resident memory (``VmRSS``) after start-up, at the end, and the peak;
- leaked: at the end, a full collection, then every object unfrozen (``gc.unfreeze``) and collected again:
  what the second collection frees is garbage the freezes kept (objects, the commonest kinds, and roughly
  the memory by RSS).

Each run's line also lists the collections over 2 ms of CPU: generation, milliseconds, the thread that ran
it, when, and what the load was doing (answering or importing).

Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CARDS, ROOT, Table, paced, qa_csv, write_big_deck  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
from bot.core.errors import UserError  # noqa: E402
from bot.core.lookup import offloop  # noqa: E402
from bot.core.memory import SLOW, SWITCH_INTERVAL, THRESHOLDS, CollectorPolicy  # noqa: E402
from bot.core.prompts import answer_label  # noqa: E402
from bot.core.quiz import SECONDS_MIN, LiveQuestion  # noqa: E402
from bot.core.scoring import tries_allowed  # noqa: E402
from bot.core.service import Services  # noqa: E402

POLICIES = ("none", "collector")
TRIES = tries_allowed("typed")
_FILLERS = (
    "I think it is {} because that is what the lecture said",
    "pretty sure the answer here is {}, we covered it last week in the reading group",
    "{} — at least that's how I remember it from the notes",
)


def rss() -> float:
    """This process's resident memory and its peak, MB."""
    out = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out["VmRSS"]


def peak() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Timings:
    """Every collection: generation -> [count, longest CPU, longest wall-clock, CPU in all]."""

    def __init__(self) -> None:
        self.by_gen: dict[int, list[float]] = {}
        self._started: dict[int, tuple[float, float]] = {}
        self.on = False
        #: collections over 2 ms of CPU: (generation, ms, thread, seconds into the load, what ran)
        self.slow: list[tuple[int, float, str, float, str]] = []
        self.began = time.perf_counter()
        self.stage = "answers"

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        thread = threading.get_ident()
        if phase == "start":
            self._started[thread] = (time.thread_time(), time.perf_counter())
            return
        began = self._started.pop(thread, None)
        if began is None or not self.on:
            return
        cpu, wall = time.thread_time() - began[0], time.perf_counter() - began[1]
        got = self.by_gen.setdefault(info["generation"], [0, 0.0, 0.0, 0.0])
        got[0] += 1
        got[1] = max(got[1], cpu)
        got[2] = max(got[2], wall)
        got[3] += cpu
        if cpu > 0.002:
            self.slow.append((info["generation"], round(cpu * 1000, 1), threading.current_thread().name,
                              round(time.perf_counter() - self.began, 1), self.stage))  # fmt: skip


class Players:
    """Channel quizzes answered at a fixed rate (``bench_answers.Bench``'s paced mode, smaller)."""

    def __init__(self, services: Services, quiz_ids: list[str], players: int, seed: int) -> None:
        self.services = services
        self.quiz_ids = quiz_ids
        self.players = players
        self.rng = random.Random(seed)
        askable = services.catalog.view(None).askable
        self.others = [answer_label(c, "question") for c in self.rng.sample(askable, min(500, len(askable)))]
        self.answered = 0
        self.running = True
        self.done: set[str] = set()

    def guess(self, question: LiveQuestion) -> str:
        right = answer_label(question.card, question.prompt.direction)
        roll = self.rng.random()
        if roll < 0.35:
            return right
        if roll < 0.50:
            words = right.split(" ")
            i = self.rng.randrange(len(words))
            w = words[i]
            if len(w) >= 4:
                words[i] = w[:1] + w[2] + w[1] + w[3:]
            return " ".join(words)
        if roll < 0.85:
            return self.rng.choice(self.others)
        return self.rng.choice(_FILLERS).format(right) + f" ({self.rng.randrange(1000)})"

    def pick(self, quiz_id: str) -> tuple[int, str] | None:
        quiz = self.services.quiz.get(quiz_id)
        question = quiz.question if quiz else None
        if question is None or question.closed:
            return None
        if question.closes_at is not None and self.services.now() >= question.closes_at:
            return None
        free = [u for u in range(100, 100 + self.players) if u not in question.solved and question.tries.get(u, 0) < TRIES]
        if not free:
            self.done.add(quiz_id)  # everyone answered: the timer moves on
            return None
        return self.rng.choice(free), self.guess(question)

    async def answer(self, quiz_id: str, user: int, text: str) -> None:
        try:
            await self.services.quiz.answer(quiz_id, user_id=user, user_name=f"p{user}", response=text)
            self.answered += 1
        except UserError:
            await asyncio.sleep(0)

    async def timer(self, quiz_id: str) -> None:
        quiz = self.services.quiz
        while self.running:
            live = quiz.get(quiz_id)
            question = live.question if live else None
            if question is None or question.closes_at is None:
                return
            delay = (question.closes_at - self.services.now()).total_seconds()
            if delay > 0 and not question.closed and quiz_id not in self.done:
                await asyncio.sleep(min(delay, 0.2))
                continue
            self.done.discard(quiz_id)
            await quiz.close_question(quiz_id, question.number)
            if quiz.open_question(quiz_id) is None:
                return

    async def paced(self, rate: float, seconds: float) -> None:
        await paced(self.rng, rate, seconds, self.quiz_ids, self.pick, self.answer)


async def child(args: argparse.Namespace) -> dict[str, Any]:
    sys.setswitchinterval(SWITCH_INTERVAL)  # as run_bot sets it
    timings = Timings()
    gc.callbacks.append(timings)
    if args.policy == "none":  # as before: only builds of 20,000 cards or more were frozen
        offloop.FREEZE_MIN_OBJECTS = sys.maxsize
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cards"
        write_big_deck(folder, args.cards)
        decks = [*load_decks(CARDS), *load_decks(folder)]
        settings = Settings(db_path=Path(tmp) / "gc.sqlite3", cards_dir=CARDS, writer_process=False)  # answers in process
        services = await Services.create(settings.core, decks=decks, rng=random.Random(args.seed))
        await asyncio.sleep(0.5)  # let the start-up's worker-thread builds finish
        policy: CollectorPolicy | None = None
        if args.policy == "collector":  # as the runner applies it
            thresholds = tuple(int(t) for t in args.thresholds.split(","))
            policy = CollectorPolicy(slow=args.slow / 1000, thresholds=thresholds)  # type: ignore[arg-type]
            policy.start(services.catalog)
        out["rss start-up"] = rss()
        quiz_ids = []
        for i in range(args.quizzes):
            quiz = await services.quiz.start_quiz(
                user_id=1 + i, user_name="starter", guild_id=1 + i, channel_id=1000 + i, questions=50, seconds=SECONDS_MIN
            )
            services.quiz.open_question(quiz.id)
            quiz_ids.append(quiz.id)
        players = Players(services, quiz_ids, args.players, args.seed)
        timers = [asyncio.create_task(players.timer(q)) for q in quiz_ids]
        timings.on = True
        began = timings.began = time.perf_counter()
        await players.paced(args.rate, args.seconds)
        timings.stage = "import"
        admin = services.decks
        preview = await admin.preview(5, "bench.csv", qa_csv(2000), "bench-deck", user_id=1)
        await admin.confirm(5, preview.token, user_id=1)
        timings.stage = "answers after the import"
        await players.paced(args.rate, args.seconds)
        out["seconds"] = time.perf_counter() - began
        timings.on = False
        players.running = False
        await asyncio.gather(*timers)
        out["answers"] = players.answered
        out["collections"] = timings.by_gen
        out["slow"] = timings.slow
        out["freezes"] = policy.stats.freezes if policy else 0
        out["rss end"] = rss()
        out["rss peak"] = peak()
        out["frozen"] = gc.get_freeze_count()
        gc.collect()
        before = rss()
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)  # what the collection finds is kept in gc.garbage, to be named
        out["leaked objects"] = gc.collect()
        gc.set_debug(0)
        kinds = Counter(
            f"{o.__module__}.{o.__qualname__}" if isinstance(o, types.FunctionType) else type(o).__name__
            for o in gc.garbage
        )
        out["leaked kinds"] = kinds.most_common(4)
        gc.garbage.clear()
        gc.collect()
        out["leaked MB (RSS)"] = max(0.0, before - rss())
        if policy is not None:
            policy.uninstall()
        await services.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--policies", default=",".join(POLICIES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20.0, help="answering before the import, and after it")
    parser.add_argument("--rate", type=float, default=1000.0, help="answers a second")
    parser.add_argument("--cards", type=int, default=5000, help="cards of the large deck")
    parser.add_argument("--quizzes", type=int, default=100)
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=SLOW * 1000, help="the policy's slow full collection, ms")
    parser.add_argument("--thresholds", default=",".join(map(str, THRESHOLDS)), help="the policy's gc thresholds")
    parser.add_argument("--policy", help=argparse.SUPPRESS)  # one run, in a child process
    args = parser.parse_args()
    if args.policy:
        print(json.dumps(asyncio.run(child(args))))
        return
    table = Table(
        f"Garbage collections under {args.rate:,.0f} answers/s for 2 x {args.seconds:g} s, a {args.cards:,}-card deck"
        " and a 2,000-card import"
    )
    for run in range(args.runs):
        for policy in args.policies.split(","):
            cmd = [sys.executable, __file__, "--policy", policy] + [
                f"--{k}={getattr(args, k)}" for k in ("seconds", "rate", "cards", "quizzes", "players", "seed", "thresholds", "slow")
            ]
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                raise SystemExit(f"run {run + 1} of {policy} failed")
            got = json.loads(done.stdout.strip().splitlines()[-1])
            for gen, (n, cpu, wall, total) in sorted(got["collections"].items()):
                table.add(f"{policy}: generation {gen} collections", n, "")
                table.add(f"{policy}: generation {gen} longest (CPU)", cpu, "ms", "< 2-5 ms")
                table.add(f"{policy}: generation {gen} longest (wall-clock)", wall, "ms")
                table.add(f"{policy}: generation {gen} CPU in all, per second of load", total / got["seconds"], "ms")
            table.add(f"{policy}: answers/s", got["answers"] / got["seconds"], "/s")
            table.add(f"{policy}: freezes after a full collection", got["freezes"], "")
            table.add(f"{policy}: objects frozen at the end", got["frozen"], "")
            table.add(f"{policy}: RSS after start-up", got["rss start-up"], "MB")
            table.add(f"{policy}: RSS at the end", got["rss end"], "MB")
            table.add(f"{policy}: RSS peak", got["rss peak"], "MB")
            table.add(f"{policy}: leaked (frozen garbage), objects", got["leaked objects"], "")
            table.add(f"{policy}: leaked (frozen garbage), RSS freed by collecting it", got["leaked MB (RSS)"], "MB")
            print(f"run {run + 1}, {policy}: {got['answers']:,} answers; collections over 2 ms of CPU"
                  f" (generation, ms, thread, seconds in, during): {got['slow']}; leaked: {got['leaked kinds']}",
                  flush=True)  # fmt: skip
    table.print()


if __name__ == "__main__":
    main()
