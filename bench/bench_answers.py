"""The answer path at the service layer (grade + store + result) under many concurrent channel quizzes.

100 channel quizzes of 20 players each run on a real SQLite file in a temporary folder, with the real deck
(``cards/``). Each quiz has a timer task like the cog's: a question closes when its time is up or
``WINDOW_SECONDS`` after the first right answer, and the next one opens. Players answer the open question and
never answer again once right or out of tries. What they type (``--mix``):

- ``realistic`` (the default): the right answer as the reveal shows it (35%), the right answer with a typo in
  one word (15%), another card's answer (35%), or a long sentence around the right answer (15%). Players who
  know a short answer type it the same way, so about a third of the answers repeat a text already typed for
  the same question (printed as "repeated texts"); misspellings, wrong answers and sentences rarely repeat;
- ``right-or-wrong``: the right answer or the same wrong guess, half and half (the mix of earlier rounds:
  every text after the first two of a question is a repeat).

- paced runs: answers arrive at a fixed rate (Poisson), spread over the quizzes: latency at that load;
- flat out: every player answers back to back with no thinking time: the maximum throughput (latency there is
  mostly queueing behind 2,000 simultaneous requests).

Latency is measured from the call to ``QuizService.answer`` to its return, i.e. after the attempt is committed.
The p99 is also given over the answers sent after the first second: in that second the 100 quizzes' first
questions are answered all at once, each card graded for the first time.
Also printed: the event loop's CPU time per answer (this thread's CPU time over the run, setup included, divided by
the answers), which the machine's other load changes far less than the throughput, and the same over the answering
alone (from the first answer to the last commit: no start-up, no quiz starts).

Also: how many times the process became saturated (``bot.core.memory.BACKLOG``: a thousand answers in
flight, the collector's thresholds for throughput) and for what share of the run; a run that follows a flat-out
one may begin still saturated, until fewer than a hundred answers have been in flight for two seconds.

Also: the CPU time of the process's other threads per answer (on SQLite, the database thread: the batches'
statements and the hooks run there).

``--paths`` compares ways of taking answers, run after run in turn (so the machine's load weighs on all alike):
``one-call`` (the default: a SQLite batch's whole transaction, ``BEGIN``, statements, review hook and
``COMMIT``, in one call to the database thread, which then goes on to the answers queued meanwhile, and a text
typed again for the same question given its kept verdict), ``graded`` (the same, every answer graded),
``own-commit`` (as ``one-call``, but ``BEGIN`` and ``COMMIT`` each a call of their own: as before), ``no-chain``
(as ``one-call``, but every batch started by the event loop: as before), ``statements`` (each statement of a batch awaited from the
event loop, every answer graded), ``process`` (as ``one-call``, the batches written by the writer process from the
start) and ``auto`` (the bot's default: as ``one-call`` until 500 answers come in one second, then as ``process``;
printed: when the child was ready, and the p99 and answers a second from then on). On PostgreSQL a batch is
written the same way in all of them.

``--gc`` is the garbage collector's policy during the answering: ``bot`` (the default) is what ``tutorbot run``
applies (``bot.core.memory.CollectorPolicy``, started once the quizzes are started, as the runner starts it
once start-up is over); ``freeze`` moves everything the process holds then into the collector's permanent
generation (``gc.freeze()``) and leaves the interpreter's own rhythm; ``default`` is the interpreter's collector
as the process leaves it. Each run starts with no card compiled for grading (the grader's caches are the
process's: the runs share one); with ``--cards warm``, every card of the deck is compiled before the answering
starts (``grading.prepare``, in a worker thread, not timed): the state of a bot that has asked each card once,
whose answers never wait for a compile (the deck's 90 cards: about 160 compiles, 1-2 s of CPU, which in a cold
run of 8 s fall on the event loop while the questions open). Also printed: the collections during the answering,
their total and their longest pause (``gc.callbacks``), every thread stopped meanwhile.

The interpreter's thread switch interval is the bot's (``bot.core.memory.SWITCH_INTERVAL``, 1 ms, which
``tutorbot run`` sets) unless ``--switch-intervals`` names others to compare (CPython's default is 5 ms): the
database's thread takes the interpreter lock back after each statement, and waits up to that long for a busy
event loop to let go of it; while it writes a group commit it asks for ``QUICK_SWITCH_INTERVAL`` (50 µs), as
in the bot.

Each configuration runs ``--runs`` times (default 3); the table gives min / median / max of each figure.

    .venv/bin/python bench/bench_answers.py [--quizzes 100] [--players 20] [--seconds 8] [--rates 2000] [--runs 3]
        [--paths one-call,graded,own-commit,no-chain,statements,process,auto] [--mix realistic] [--gc bot|freeze|default]
        [--switch-intervals 0.001,0.005] [--checkpoint-pages 1000,10000] [--cards cold|warm]
        [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Table, fresh_schema, paced, percentile  # noqa: E402

from bot.config import Settings
from bot.core.errors import UserError
from bot.core.grading.compiled import clear_caches, prepare
from bot.core.memory import BACKLOG, SWITCH_INTERVAL, CollectorPolicy
from bot.core.prompts import answer_label
from bot.core.quiz import LiveQuestion
from bot.core.quiz import session as quiz_session
from bot.core.scoring import tries_allowed
from bot.core.service import Services
from bot.core.storage import store as sqlite_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VERDICTS = quiz_session.VERDICTS_PER_QUESTION


TRIES = tries_allowed("typed")
#: ``one-call``: a SQLite batch's transaction (BEGIN and COMMIT included) in one call to the database thread,
#: and the verdict on a text typed again for the same question reused (the code as it is); ``graded``: the
#: same, every answer graded; ``own-commit``: as ``one-call`` with BEGIN and COMMIT each a call of its own (as
#: before); ``no-chain``: as ``one-call``, but each batch waits for the event loop to start it (as before: the
#: database's thread does not go on to the answers queued while it wrote the last one); ``statements``: each
#: statement of a batch awaited from the event loop and every answer graded; ``process``: as ``one-call``, the
#: batches written by the writer process (``TUTOR_WRITER_PROCESS``; its CPU is not counted in this process's);
#: ``auto``: as ``one-call`` until the answers come fast enough to start the writer process, then as ``process``
#: (``TUTOR_WRITER_PROCESS=auto``, the bot's default: ``bot.core.quiz.commit.BUSY_RATE``).
PATHS = ("one-call", "graded", "own-commit", "no-chain", "statements", "process", "auto")
#: The paths whose answers may be written by the writer process.
CHILD_PATHS = ("process", "auto")
MIXES = ("realistic", "right-or-wrong")
GC_POLICIES = ("bot", "freeze", "default")
_FILLERS = (
    "I think it is {} because that is what the lecture said",
    "pretty sure the answer here is {}, we covered it last week in the reading group",
    "{} — at least that's how I remember it from the notes",
    "is it {}? that is my best guess for this one",
)


def use_path(services: Services, path: str) -> None:
    """Write SQLite batches in one call to the database thread or statement by statement; keep verdicts or not."""
    services.quiz.writer.in_thread = path != "statements"
    services.quiz.writer.commit_in_thread = path != "own-commit"
    services.quiz.writer.chain = path != "no-chain"
    services.quiz.writer.attempts.subscribe_batch(services.review.on_attempts, in_thread=path != "statements")
    quiz_session.VERDICTS_PER_QUESTION = DEFAULT_VERDICTS if path in ("one-call", "no-chain", *CHILD_PATHS) else 0


def typo(text: str, rng: random.Random) -> str:
    """``text`` with two neighbouring letters of one of its longer words swapped (or itself if it has none)."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def right_answer(question: LiveQuestion) -> str:
    """What a player who knows the card types (the answer the reveal shows)."""
    return answer_label(question.card, question.prompt.direction)


class Bench:
    def __init__(
        self, services: Services, quiz_ids: list[str], players: int, seed: int, mix: str = MIXES[0]
    ) -> None:
        self.services = services
        self.mix = mix
        askable = services.catalog.view(None).askable
        self.others = [answer_label(card, "question") for card in random.Random(seed).sample(askable, min(500, len(askable)))]
        # One string per (quiz, question, text): strings are not tracked by the collector, tuples would be (the
        # bench's own bookkeeping must not lengthen the collections it measures).
        self.typed: set[str] = set()
        self.repeated = 0
        self.quiz_ids = quiz_ids
        self.players = players
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.child_at = 0.0  # when an answer first found the writer process ready (path ``auto``)
        self.asked_at: list[float] = []  # when each answer of ``latencies`` was sent
        self.refused = 0
        self.running = True
        self.opened = {q: asyncio.Event() for q in quiz_ids}  # set when a new question opens
        self.settled = {q: asyncio.Event() for q in quiz_ids}  # set when nobody can answer the question any more

    def pick(self, quiz_id: str) -> tuple[int, str] | None:
        quiz = self.services.quiz.get(quiz_id)
        question = quiz.question if quiz else None
        if question is None or question.closed or (
            question.closes_at is not None and self.services.now() >= question.closes_at
        ):
            return None  # its time is up (the timer closes it when the loop gets round to it)
        free = [u for u in range(100, 100 + self.players) if u not in question.solved and question.tries.get(u, 0) < TRIES]
        if not free:
            self.settled[quiz_id].set()
            return None
        user = self.rng.choice(free)
        guess = self.guess(question)
        key = f"{quiz_id}\x00{question.number}\x00{guess}"
        self.repeated += key in self.typed
        self.typed.add(key)
        return user, guess

    def guess(self, question: LiveQuestion) -> str:
        right = right_answer(question)
        roll = self.rng.random()
        if self.mix == "right-or-wrong":
            return right if roll < 0.5 else "a wrong guess"
        if roll < 0.35:
            return right
        if roll < 0.50:
            return typo(right, self.rng)
        if roll < 0.85:
            return self.rng.choice(self.others)
        return self.rng.choice(_FILLERS).format(right) + f" ({self.rng.randrange(1000)})"

    async def answer(self, quiz_id: str, user: int, guess: str) -> None:
        t0 = time.perf_counter()
        try:
            await self.services.quiz.answer(quiz_id, user_id=user, user_name=f"p{user}", response=guess)
        except UserError:
            self.refused += 1
            await asyncio.sleep(0)  # refused before any await: a player trying again must not hold the loop
            return
        self.latencies.append(time.perf_counter() - t0)
        if not self.child_at and (child := self.services.writer_process) is not None and child.ready:
            self.child_at = time.perf_counter()
        self.asked_at.append(t0)
        if self.pick_free_count(quiz_id) == 0:
            self.settled[quiz_id].set()

    def pick_free_count(self, quiz_id: str) -> int:
        quiz = self.services.quiz.get(quiz_id)
        question = quiz.question if quiz else None
        if question is None or question.closed:
            return 0
        return sum(1 for u in range(100, 100 + self.players) if u not in question.solved and question.tries.get(u, 0) < TRIES)

    async def timer(self, quiz_id: str) -> None:
        """The cog's job: close the question on time (or once everyone is done here), open the next one."""
        quiz = self.services.quiz
        while self.running:
            live = quiz.get(quiz_id)
            question = live.question if live else None
            if question is None or question.closes_at is None:
                return
            delay = (question.closes_at - self.services.now()).total_seconds()
            if delay > 0 and not question.closed:
                try:
                    await asyncio.wait_for(self.settled[quiz_id].wait(), timeout=min(delay, 0.5))
                except TimeoutError:
                    continue
            await quiz.close_question(quiz_id, question.number)
            if quiz.open_question(quiz_id) is None:
                return
            self.settled[quiz_id] = asyncio.Event()
            opened, self.opened[quiz_id] = self.opened[quiz_id], asyncio.Event()
            opened.set()

    async def paced(self, rate: float, seconds: float) -> None:
        await paced(self.rng, rate, seconds, self.quiz_ids, self.pick, self.answer)

    async def flat_out(self, seconds: float) -> None:
        stop_at = time.perf_counter() + seconds

        async def player(quiz_id: str) -> None:
            while time.perf_counter() < stop_at:
                picked = self.pick(quiz_id)
                if picked is None:
                    try:
                        await asyncio.wait_for(self.opened[quiz_id].wait(), timeout=0.5)
                    except TimeoutError:
                        pass
                    continue
                await self.answer(quiz_id, *picked)

        await asyncio.gather(*(player(q) for q in self.quiz_ids for _ in range(self.players)))


async def run(
    quizzes: int, players: int, seconds: float, rate: float | None, seed: int, table: Table | None = None,
    database_url: str | None = None, path: str = PATHS[0], mix: str = MIXES[0], gc_policy: str = GC_POLICIES[0],
    switch: float = SWITCH_INTERVAL, checkpoint_pages: int = sqlite_store.WAL_AUTOCHECKPOINT, warm: bool = False,
) -> None:
    clear_caches()  # each run starts cold: no card compiled yet
    sys.setswitchinterval(switch)
    default_pages, sqlite_store.WAL_AUTOCHECKPOINT = sqlite_store.WAL_AUTOCHECKPOINT, checkpoint_pages
    cpu = time.thread_time()
    process_cpu = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the writer process's, once it has exited
    policy: CollectorPolicy | None = None
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_schema(database_url) as url:
            settings = Settings(
                db_path=Path(tmp) / "bench.sqlite3", cards_dir=ROOT / "cards", database_url=url,
                writer_process="auto" if path == "auto" else False,
            )
            services = await Services.create(settings.core, rng=random.Random(seed))
            use_path(services, path)
            if warm:  # as a bot that has asked every card once (before the clocks below start)
                cards = list(services.catalog.cards.values())

                def compile_all() -> float:
                    began = time.thread_time()
                    prepare(cards, limit=len(cards))
                    return time.thread_time() - began

                process_cpu += await asyncio.to_thread(compile_all)  # not counted as the other threads' CPU
            if path == "process":
                await services.start_writer_process()
            quiz_ids = []
            for i in range(quizzes):
                quiz = await services.quiz.start_quiz(  # one starter per server: within the default limits
                    user_id=1 + i, user_name="starter", guild_id=1 + i, channel_id=1000 + i, questions=50, seconds=20
                )
                services.quiz.open_question(quiz.id)
                quiz_ids.append(quiz.id)
            bench = Bench(services, quiz_ids, players, seed, mix)
            if gc_policy == "freeze":
                gc.collect()
                gc.freeze()
            elif gc_policy == "bot":
                policy = CollectorPolicy().start(services.catalog)
            timers = [asyncio.create_task(bench.timer(q)) for q in quiz_ids]
            pauses = Pauses()
            gc.callbacks.append(pauses)
            saturation = Saturation()
            BACKLOG.subscribe(saturation)
            started = time.perf_counter()
            answering = time.thread_time()
            try:
                if rate:
                    await bench.paced(rate, seconds)
                else:
                    await bench.flat_out(seconds)
            finally:
                gc.callbacks.remove(pauses)
                BACKLOG.unsubscribe(saturation)
            elapsed = time.perf_counter() - started
            child_at = bench.child_at - started if bench.child_at else None
            saturated = saturation.seconds(started + elapsed)
            answering = time.thread_time() - answering
            bench.running = False
            await asyncio.gather(*timers)
            async with services.store.read() as db:
                stored = list(await db.execute_fetchall("SELECT COUNT(*) FROM attempts"))[0][0]
            await services.close()
    sqlite_store.WAL_AUTOCHECKPOINT = default_pages
    if policy is not None:
        policy.uninstall()
    if gc_policy != "default":
        gc.unfreeze()
    cpu = time.thread_time() - cpu
    others = time.process_time() - process_cpu - cpu
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = ended.ru_utime + ended.ru_stime - children.ru_utime - children.ru_stime
    lat = sorted(bench.latencies)
    n = len(lat)
    # The first second holds the 100 quizzes' first answers at once (each card graded for the first time):
    # the latency after it shows the steady state apart.
    settled = sorted(x for x, at in zip(bench.latencies, bench.asked_at, strict=True) if at - started >= 1.0) or lat
    # With ``auto``: the answers sent once the writer process was ready (the bot's state after its first busy second).
    childs = sorted(x for x, at in zip(bench.latencies, bench.asked_at, strict=True) if bench.child_at and at >= bench.child_at)
    label = (f"offered {rate:,.0f}/s" if rate else "flat out") + f", {path}"
    label += {"bot": "", "freeze": ", gc frozen", "default": ", gc as is"}[gc_policy]
    label += "" if switch == SWITCH_INTERVAL else f", switch {switch * 1000:g} ms"
    label += "" if checkpoint_pages == default_pages else f", checkpoint at {checkpoint_pages:,} pages"
    label += ", cards compiled" if warm else ""
    if table is not None:
        target = "< 20 ms" if rate == 2000 else ""
        table.add(f"{label}: answers/s", n / elapsed, "/s", "" if rate else ">= 8,000/s")
        table.add(f"{label}: latency p50", statistics.median(lat), "ms")
        table.add(f"{label}: latency p99", percentile(lat, 0.99), "ms", target)
        table.add(f"{label}: latency p99 after the first second", percentile(settled, 0.99), "ms")
        table.add(f"{label}: latency max", lat[-1], "ms")
        if path == "auto" and childs:
            table.add(f"{label}: latency p99 once the writer process was ready", percentile(childs, 0.99), "ms", target)
            table.add(f"{label}: answers/s once the writer process was ready", len(childs) / (started + elapsed - bench.child_at), "/s", "" if rate else ">= 8,000/s")
        table.add(f"{label}: event-loop CPU per answer", cpu / n, "us")
        table.add(f"{label}: event-loop CPU per answer, answering only", answering / n, "us")
        table.add(f"{label}: other threads' CPU per answer", others / n, "us")
        if path in CHILD_PATHS:
            table.add(f"{label}: the writer process's CPU per answer", child_cpu / n, "us")
        table.add(f"{label}: collections' pauses, total", pauses.total, "ms")
        table.add(f"{label}: longest collection pause", pauses.longest, "ms")
    print(
        f"{quizzes} quizzes x {players} players, {label:>15}: {n:6d} answers in {elapsed:4.1f}s ="
        f" {n / elapsed:6,.0f} answers/s; latency p50 {statistics.median(lat) * 1000:6.2f} ms,"
        f" p99 {lat[max(0, int(n * 0.99) - 1)] * 1000:6.2f} ms"
        f" (after the first second {percentile(settled, 0.99) * 1000:.2f} ms),"
        f" max {lat[-1] * 1000:6.1f} ms"
        f" (stored {stored}, refused as too late {bench.refused}, repeated texts {bench.repeated / max(1, len(bench.typed) + bench.repeated):.0%}); event-loop CPU per answer {cpu / n * 1e6:.0f} µs,"
        f" answering only {answering / n * 1e6:.0f} µs; other threads {others / n * 1e6:.0f} µs;"
        + (f" the writer process {child_cpu / n * 1e6:.0f} µs;" if path in CHILD_PATHS else "")
        + ("" if path != "auto" else " the writer process never started;" if child_at is None
           else f" the writer process started {child_at:.1f} s in (latency p99 since {percentile(childs, 0.99) * 1000:.2f} ms);")
        + f" {pauses.count} collections ({pauses.full} full) pausing {pauses.total * 1000:.0f} ms in all, the longest"
        f" {pauses.longest * 1000:.1f} ms; saturated {saturation.times} times, {saturated / elapsed:.0%} of the time"
    )


class Saturation:
    """When the process counted as saturated (``bot.core.memory.BACKLOG``: the collector's thresholds for
    throughput): how many times it became so, and for how long in all."""

    def __init__(self) -> None:
        self.times = 0
        self._since: float | None = time.perf_counter() if BACKLOG.saturated else None
        self._total = 0.0

    def __call__(self, saturated: bool) -> None:
        now = time.perf_counter()
        if saturated:
            self.times += 1
            self._since = now
        elif self._since is not None:
            self._total += now - self._since
            self._since = None

    def seconds(self, until: float) -> float:
        return self._total + (until - self._since if self._since is not None else 0.0)


class Pauses:
    """The garbage collector's pauses (a ``gc.callbacks`` entry): how many, how many full, total and longest."""

    def __init__(self) -> None:
        self.count = self.full = 0
        self.total = self.longest = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
            return
        pause = time.perf_counter() - self._began
        self.count += 1
        self.full += info["generation"] == 2
        self.total += pause
        self.longest = max(self.longest, pause)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quizzes", type=int, default=100)
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rates", default="2000", help="comma-separated offered rates for the paced runs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url", help="run on PostgreSQL (a fresh schema per run on this server) instead of a SQLite file"
    )
    parser.add_argument("--paths", default=PATHS[0], help=f"answer paths to compare, in turn: {', '.join(PATHS)}")
    parser.add_argument("--mix", default=MIXES[0], choices=MIXES, help="what the players type")
    parser.add_argument("--gc", default=GC_POLICIES[0], choices=GC_POLICIES, help="the collector during the answering")
    parser.add_argument(
        "--switch-intervals", default=str(SWITCH_INTERVAL),
        help="comma-separated interpreter switch intervals (seconds) to compare, in turn (default: the bot's)",
    )
    parser.add_argument(
        "--checkpoint-pages", default=str(sqlite_store.WAL_AUTOCHECKPOINT),
        help="comma-separated SQLite wal_autocheckpoint lengths (pages) to compare, in turn (default: the store's)",
    )
    parser.add_argument("--no-flat-out", action="store_true", help="only the paced runs")
    parser.add_argument(
        "--cards", default="cold", choices=("cold", "warm"),
        help="cold: each run starts with no card compiled; warm: every card compiled before the answering",
    )
    args = parser.parse_args()
    switches = [float(s) for s in args.switch_intervals.split(",") if s.strip()]
    pages = [int(p) for p in args.checkpoint_pages.split(",") if p.strip()]
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    if unknown := set(paths) - set(PATHS):
        parser.error(f"unknown path {', '.join(sorted(unknown))}")
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    url = args.database_url
    engine = "PostgreSQL" if url else "SQLite"
    table = Table(f"{args.quizzes} quizzes x {args.players} players at the service layer, durable commits, {engine}")
    for run_number in range(args.runs):
        for path in paths:
            for switch, checkpoint in [(s, p) for s in switches for p in pages]:
                for rate in [float(r) for r in args.rates.split(",") if r.strip()]:
                    asyncio.run(run(
                        args.quizzes, args.players, args.seconds, rate, args.seed + run_number, table, url, path,
                        args.mix, args.gc, switch, checkpoint, args.cards == "warm",
                    ))
                if not args.no_flat_out:
                    asyncio.run(run(
                        args.quizzes, args.players, args.seconds, None, args.seed + run_number, table, url, path,
                        args.mix, args.gc, switch, checkpoint, args.cards == "warm",
                    ))
        print(f"run {run_number + 1} of {args.runs} done; load average {os.getloadavg()[0]:.2f}", flush=True)
    table.print()


if __name__ == "__main__":
    main()
