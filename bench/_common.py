"""Helpers shared by the benchmarks: the real deck, realistic answers, synthetic decks and the figures.

Every bench prints each figure as min / median / max over its runs (three by default), beside the target
it is measured against. Nothing here asserts.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import random
import secrets
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.decks import load_decks  # noqa: E402
from bot.core.models import Card, Deck  # noqa: E402

CARDS = ROOT / "cards"
TAGS = ["transformers", "nlp", "llms", "sampling", "optimization", "training", "vision", "rl"]


def real_cards() -> list[Card]:
    """The askable cards of the real deck folder (``cards/``)."""
    return [c for d in load_decks(CARDS) for c in d.cards if c.askable]


def qa_csv(n: int, cards: Sequence[Card] | None = None) -> bytes:
    """``n`` question,answer,tags rows from ``cards`` (the real deck's askable cards by default), numbered so
    each is its own card."""
    cards = cards or real_cards()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question", "answer", "tags"])
    for i in range(n):
        card = cards[i % len(cards)]
        writer.writerow([f"{card.question} ({i})", card.answer, " ".join(card.tags)])
    return out.getvalue().encode()


def make_deck(rng: random.Random, n: int = 90, *, tags: Sequence[str] = TAGS, deck_id: str = "bench") -> Deck:
    """A synthetic deck of ``n`` one-answer cards with 1-3 random topic ``tags`` each."""
    cards = tuple(
        Card(deck=deck_id, id=f"card-{i}", question=f"Question {i}?", answer=f"Answer {i}.", term=f"term {i}",
             accept=(f"term {i}",), tags=tuple(rng.sample(list(tags), rng.randint(1, 3))))
        for i in range(n)
    )  # fmt: skip
    return Deck(id=deck_id, title="Bench deck", cards=cards)


def write_big_deck(folder: Path, n: int, *, seed: int = 7, deck_id: str = "big") -> Path:
    """Write a deck file of ``n`` realistic cards (names, aliases, several accepted answers, tags)."""
    rng = random.Random(seed)
    words = [w for c in real_cards() for w in (c.term or c.id).replace("-", " ").split() if w.isalpha()]
    lines = [f"deck: {deck_id}", "title: A large deck", "cards:"]
    for i in range(n):
        term = " ".join(rng.sample(words, 2)) + f" {i}"
        accept = [term, f"the {term}", " ".join(rng.sample(words, 3))]
        lines += [
            f"  - id: c{i}",
            f"    term: {term}",
            f"    aliases: [{words[i % len(words)]} {i}]",
            f"    question: What is described as {' '.join(rng.sample(words, 6))} (card {i})?",
            f"    answer: It is {term}, {' '.join(rng.sample(words, 12))}.",
            f"    accept: [{', '.join(accept)}]",
            f"    tags: [{', '.join(rng.sample(TAGS, 2))}]",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- realistic answers ---------------------------------------------------------------------------

RIGHT, MISSPELT, WRONG, LONG = "right", "misspelt", "wrong", "long"


@dataclass(frozen=True, slots=True)
class Answer:
    card: Card
    direction: str
    text: str
    kind: str


def _targets(card: Card, direction: str) -> list[str]:
    if direction == "term":
        return list(card.names)
    if card.accept:
        return list(card.accept)
    if card.keypoints:
        return [kp.split("|")[0].strip() for kp in card.keypoints]
    return [card.answer]


def misspell(text: str, rng: random.Random, typos: int = 1) -> str:
    """``text`` with ``typos`` slips in its longer words (a swap, a dropped or a doubled letter)."""
    words = text.split()
    for _ in range(typos):
        long_words = [i for i, w in enumerate(words) if len(w) >= 5]
        if not long_words:
            break
        i = rng.choice(long_words)
        w = words[i]
        k = rng.randrange(1, len(w) - 2)
        slip = rng.randrange(3)
        if slip == 0:
            w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
        elif slip == 1:
            w = w[:k] + w[k + 1 :]
        else:
            w = w[:k] + w[k] + w[k:]
        words[i] = w
    return " ".join(words)


def realistic_answers(cards: Sequence[Card], seed: int = 7) -> list[Answer]:
    """What players type for each card, in both directions: right, misspelt, wrong and long answers."""
    rng = random.Random(seed)
    out: list[Answer] = []
    for n, card in enumerate(cards):
        others = [c for c in cards[n + 1 : n + 6]] or list(cards[:5])
        for direction in ("question", "term") if card.names else ("question",):
            targets = _targets(card, direction)
            if card.is_essay and direction == "question":
                targets = targets + [", ".join(targets), " and ".join(targets[:2])]
            for t in targets[:5]:
                out += [
                    Answer(card, direction, t, RIGHT),
                    Answer(card, direction, t.lower().rstrip(".") + "!", RIGHT),
                    Answer(card, direction, f"I think it's {t}", RIGHT),
                    Answer(card, direction, misspell(t, rng), MISSPELT),
                ]
                if len(t) > 12:
                    out.append(Answer(card, direction, misspell(t, rng, 2), MISSPELT))
            wrong = [_targets(o, direction if o.names else "question")[0] for o in others[:3]]
            wrong += list(card.reject[:2]) + ["idk", f"not {targets[0]}", f"{targets[0]} or {wrong[0]}"]
            out += [Answer(card, direction, w, WRONG) for w in wrong]
            explanation = card.answer if direction == "question" else card.question
            out.append(Answer(card, direction, explanation, LONG if len(explanation) >= 200 else WRONG))
            ramble = f"So basically {targets[0]}, because {explanation} " * 3
            out.append(Answer(card, direction, ramble[: rng.randrange(250, 900)], LONG))
    return out


def long_answer(card: Card, length: int, rng: random.Random) -> str:
    """A ``length``-character answer of varied words around the card's answer."""
    words = (card.answer + " " + card.question).split()
    out: list[str] = []
    size = 0
    while size < length:
        w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:length]


# --- figures -------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def spread(values: Iterable[float]) -> tuple[float, float, float]:
    """(min, median, max) of one figure over the runs."""
    v = list(values)
    return min(v), statistics.median(v), max(v)


class Table:
    """Figures gathered run by run, printed as min / median / max beside their targets."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: dict[str, list[float]] = {}
        self.units: dict[str, str] = {}
        self.targets: dict[str, str] = {}

    def add(self, name: str, value: float, unit: str, target: str = "") -> None:
        self.rows.setdefault(name, []).append(value)
        self.units[name] = unit
        if target:
            self.targets[name] = target

    def print(self) -> None:
        runs = max((len(v) for v in self.rows.values()), default=0)
        print(f"\n{self.title} ({runs} run{'s' if runs != 1 else ''}: min / median / max)")
        width = max((len(k) for k in self.rows), default=10)
        for name, values in self.rows.items():
            lo, mid, hi = spread(values)
            unit = self.units[name]
            target = f"   target {self.targets[name]}" if name in self.targets else ""
            print(f"  {name:<{width}}  {fmt(lo, unit)} / {fmt(mid, unit)} / {fmt(hi, unit)}{target}")


def fmt(value: float, unit: str) -> str:
    if unit == "us":
        return f"{value * 1e6:,.0f} µs" if value >= 1e-5 else f"{value * 1e6:.1f} µs"
    if unit == "ms":
        return f"{value * 1e3:,.2f} ms"
    if unit == "s":
        return f"{value:,.3f} s"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return f"{value:,.3g} {unit}".rstrip()


@contextlib.asynccontextmanager
async def fresh_schema(url: str | None) -> AsyncIterator[str | None]:
    """A new, empty PostgreSQL schema on ``url`` (dropped afterwards) as a URL; None for SQLite."""
    if url is None:
        yield None
        return
    import asyncpg

    name = f"bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"CREATE SCHEMA {name}")
        yield f"{url}{'&' if '?' in url else '?'}search_path={name}"
    finally:
        await conn.execute(f"DROP SCHEMA {name} CASCADE")
        await conn.close()


async def paced(
    rng: random.Random,
    rate: float,
    seconds: float,
    quiz_ids: Sequence[str],
    pick: Callable[[str], tuple[Any, ...] | None],
    answer: Callable[..., Awaitable[None]],
) -> None:
    """Answers arriving at ``rate`` a second (a Poisson process) for ``seconds``, each to a random quiz: ``pick(quiz)``
    chooses who answers what (``None``: nobody can answer it now), ``answer(quiz, *picked)`` answers. Returns once
    every answer started has returned."""
    tasks: set[asyncio.Task[None]] = set()
    stop_at = time.perf_counter() + seconds
    next_at = time.perf_counter()
    while time.perf_counter() < stop_at:
        next_at += rng.expovariate(rate)
        delay = next_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        quiz_id = rng.choice(quiz_ids)
        picked = pick(quiz_id)
        if picked is None:
            continue
        task = asyncio.ensure_future(answer(quiz_id, *picked))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
