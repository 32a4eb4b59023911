"""A seeded random source gives the same questions whatever Python's hash seed: a channel quiz's cards, their
directions (the card's question, or the cloze of its answer), its spare cards and its choice options, a practice
order, the daily question's card and the direction a review asks a card in. Each run is a fresh interpreter with
its own ``PYTHONHASHSEED``, as each start of the bot is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import random
from datetime import UTC, datetime

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.daily.cards import CardChoice
from bot.core.decks import load_decks
from bot.core.quiz import plan as planning
from bot.core.review.selection import favour_due, rank_for_daily
from bot.core.storage.quiz_queries import CardHistory

decks = [d for folder in ("cards", "tests/data/decks", "tests/data/decks_lookup") for d in load_decks(folder)]
catalog = Catalog(decks)
pool = catalog.askable
out = []
for seed in range(4):
    for mode in ("typed", "choice"):
        rng = random.Random(seed)
        ordered = planning.channel_order(catalog.topic_cards(None), rng)
        plan = planning.build_plan(ordered, mode=mode, questions=12, rng=rng, essays=False)
        spares = planning.spares(ordered, plan, mode=mode, rng=rng, essays=False)
        out.append([(c.key, d) for c, d in plan + spares])
        for card, direction in plan:
            try:
                prompt = prompts.make_prompt(card, direction, mode=mode, pool=pool, rng=rng)
            except ValueError:
                out.append(("no prompt", card.key))
                continue
            out.append((prompt.direction, prompt.text, prompt.options, prompt.correct_option))
    rng = random.Random(seed)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    history = {c.key: CardHistory(2, 1 + i % 2, "wrong" if i % 3 == 0 else "correct", at) for i, c in enumerate(pool) if i % 2}
    practice = favour_due(prompts.practice_order(pool, history, rng), [pool[-1].key])
    out.append([c.key for c in practice])
    choice = CardChoice.__new__(CardChoice)
    choice.rng = rng
    used = {c.key: ("2026-01-0%d" % (1 + i % 9), i) for i, c in enumerate(pool) if i % 4 == 0}
    usual = choice._usual_order(list(pool), used)
    out.append([c.key for c in rank_for_daily(usual, {pool[3].key: 2}, {c.key for c in pool[::5]})][:10])
    out.append([rng.choice(prompts.directions_for(c)) for c in pool])
print(repr(out))
"""


def draws(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_seeded_quiz_daily_and_review_draws_do_not_depend_on_the_hash_seed() -> None:
    first = draws("0")
    assert "question" in first and "term" in first  # both directions drawn
    for hash_seed in ("5", "12345"):  # (5 lists {"question", "term"} the other way round from 0)
        assert draws(hash_seed) == first
