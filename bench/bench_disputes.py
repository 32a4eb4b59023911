"""Accepting a dispute on a card many stored answers were given to, and taking the accept back: how long each holds
the write lock, and the longest the event loop waits while it runs.

    .venv/bin/python bench/bench_disputes.py [--answers 10000] [--distinct 2000] [--same 0.0] [--runs 3]

A real SQLite file in a temporary folder holds the real decks (``cards/``) and ``--answers`` wrong practice
answers of one server to one short-answer card of them (``temperature``) and as many to one essay card,
``--distinct`` different texts each (members type the same wrong answers again and again). One answer of
each card is disputed, the dispute accepted, then the accept taken back (``--same``: the share of the answers that
are the disputed one's text, all corrected by the accept and all made wrong again by the take-back). Per run and
step: the whole time, the time inside its write transaction (the lock other writers wait for), and the longest
stretch the loop did not run a ticking task (a task that wakes every millisecond). Min / median / max of the runs
are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import CARDS  # noqa: E402

from bot.core.catalog import Catalog  # noqa: E402
from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import grade_card  # noqa: E402
from bot.core.models import Attempt, Source, VerdictKind  # noqa: E402
from bot.core.service import Services  # noqa: E402
from bot.core.storage import DeckQueries, Store  # noqa: E402
from bot.core.storage.attempts import AttemptWriter  # noqa: E402

GUILD = 7
MODERATOR = 1
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
WORDS = (
    "the model data is streamed continuously rather than in batches features pipeline online learning update "
    "weights drift softmax divisor randomness creativity sampling entropy noise scale logits"
).split()


def texts(rng: random.Random, distinct: int, essay: bool) -> list[str]:
    """``distinct`` different wrong answers: a few words, or (``essay``) 40 to 200."""
    low, high = (40, 200) if essay else (1, 4)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))) + f" {i}" for i in range(distinct)]


class Ticker:
    """A task that wakes every millisecond and keeps the longest gap between two of its turns."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> Ticker:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def timed(real: Any, inside: list[float]) -> Any:
    """``real`` (a store's ``transaction``), keeping in ``inside`` how long each transaction lasted."""

    @asynccontextmanager
    async def transaction(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        began = time.perf_counter()
        try:
            async with real(*args, **kwargs) as db:
                yield db
        finally:
            inside.append(time.perf_counter() - began)

    return transaction


@asynccontextmanager
async def bench_world(seed: int) -> AsyncIterator[tuple[Store, Services]]:
    """A real SQLite file in a temporary folder holding the real decks, and the services started on it."""
    decks = load_decks(CARDS)
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.db")
        await DeckQueries(store).sync_decks(decks, now=NOW)
        services = Services(store, Catalog(decks), clock=lambda: NOW + timedelta(days=1), rng=random.Random(seed))
        for feature in services._features:
            await feature.start()
        try:
            yield store, services
        finally:
            for feature in reversed(services._features):
                await feature.close()
            await store.close()


def wrong_answers(card_key: str, said: list[str], answers: int, rng: random.Random) -> list[Attempt]:
    """``answers`` wrong practice answers of one server to a card, each one of ``said``, a second apart after the
    decks were stored (an answer from before its card's version was stored could not be disputed)."""
    return [
        Attempt(GUILD, 9, 1000 + i, f"member {i}", card_key, Source.PRACTICE, rng.choice(said),
                VerdictKind.WRONG, 0, NOW + timedelta(seconds=1 + i))
        for i in range(answers)
    ]  # fmt: skip


async def one_run(answers: int, distinct: int, seed: int, same: float = 0.0) -> dict[str, tuple[float, float, float]]:
    """Accept a dispute on each card, then take it back; per card and step (seconds, seconds in the write
    transaction, longest loop wait in seconds)."""
    rng = random.Random(seed)
    async with bench_world(seed) as (store, services):
        catalog = services.catalog
        cards = {
            "short answer": next(c for c in catalog.cards.values() if c.id == "temperature"),
            "essay": next(c for c in catalog.cards.values() if c.is_essay and c.askable),
        }
        out: dict[str, tuple[float, float, float]] = {}
        for label, card in cards.items():
            rows = wrong_answers(card.key, texts(rng, distinct, essay=card.is_essay), answers, rng)
            copies = int(answers * same)
            if copies:  # (the last answers, the disputed one among them, are one text)
                rows = [*rows[: len(rows) - copies], *(replace(r, response=rows[-1].response) for r in rows[-copies:])]
            async with store.transaction() as db:
                await AttemptWriter().add_many(db, rows)
            async with store.read() as db:
                (row,) = await db.execute_fetchall(
                    "SELECT id, user_id FROM attempts WHERE card_key = ? ORDER BY id DESC LIMIT 1", (card.key,)
                )
            grade_card(card, "warming up")  # (the grader's tables load once per process)
            dispute = await services.disputes.open_dispute(
                guild_id=GUILD, user_id=row["user_id"], user_name="member", attempt_id=row["id"]
            )
            steps = {
                "accept": lambda d=dispute.id: services.disputes.accept(d, guild_id=GUILD, moderator_id=MODERATOR),
                "take back": lambda d=dispute.id: services.disputes.take_back(d, guild_id=GUILD, moderator_id=MODERATOR),
            }
            for step, run in steps.items():
                inside: list[float] = []
                real = store.transaction
                store.transaction = timed(real, inside)  # type: ignore[method-assign]
                try:
                    with Ticker() as ticker:
                        began = time.perf_counter()
                        await run()
                        took = time.perf_counter() - began
                finally:
                    store.transaction = real  # type: ignore[method-assign]
                out[f"{label}, {step}"] = (took, sum(inside), ticker.longest)
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000, help="stored wrong answers per card")
    parser.add_argument("--distinct", type=int, default=2_000, help="different texts among them")
    parser.add_argument("--same", type=float, default=0.0, help="share of the answers typed as the disputed one")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [asyncio.run(one_run(args.answers, args.distinct, seed, args.same)) for seed in range(args.runs)]
    print(
        f"accepting a dispute and taking it back: {args.answers:,} stored answers per card, {args.distinct:,}"
        f" different texts, {args.same:.0%} of them the disputed one's"
    )
    for label in runs[0]:
        for k, name in enumerate(("whole", "inside the write transaction", "longest loop wait")):
            values = sorted(r[label][k] * 1000 for r in runs)
            print(f"  {label:24} {name:29} min {values[0]:8.1f}  median {statistics.median(values):8.1f}"
                  f"  max {values[-1]:8.1f} ms")


if __name__ == "__main__":
    main()
