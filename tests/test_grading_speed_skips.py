"""A form of an accepted answer (or a key point's) that the grader does not align, because the words of the
response cannot cover it, never changes a verdict: every card of ``cards/``, in both directions, gets the
same verdict from the grader as from one that aligns every form and every key point. And a long answer
graded in slices on the event loop gets the verdict it gets at once, on a card compiled beforehand or not.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import BUILD, clear_caches, grade_card, grade_card_async, grader, keypoints  # noqa: E402
from bot.core.models import Card, Verdict  # noqa: E402


def _cards() -> list[Card]:
    return [c for d in load_decks(ROOT / "cards") for c in d.cards if c.askable]


def _slip(text: str, rng: random.Random) -> str:
    """``text`` with one of its longer words misspelt (two letters swapped, one dropped or doubled)."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    k = rng.randrange(1, len(w) - 2)
    words[i] = rng.choice((w[:k] + w[k + 1] + w[k] + w[k + 2 :], w[:k] + w[k + 1 :], w[:k] + w[k] + w[k:]))
    return " ".join(words)


def _answers(cards: list[Card]) -> Iterator[tuple[Card, str, str]]:
    """What players type: the answers, misspelt, with filler, shortened, negated, hedged, another card's."""
    rng = random.Random(16)
    for n, card in enumerate(cards):
        other = cards[(n + 1) % len(cards)]
        for direction in ("question", "term") if card.names else ("question",):
            targets = list(card.names if direction == "term" else card.accept or (card.answer,))
            if card.is_essay and direction == "question":
                targets = [kp.split("|")[0].strip() for kp in card.keypoints]
                targets.append(", ".join(targets))
            for t in targets[:4]:
                words = t.split()
                yield card, direction, t
                yield card, direction, _slip(t, rng)
                yield card, direction, _slip(_slip(t, rng), rng)
                yield card, direction, f"I think it's {t.lower()}"
                yield card, direction, " ".join(words[:-1]) or t
                yield card, direction, " ".join(reversed(words))
                yield card, direction, f"not {t}"
                yield card, direction, f"{t} or {other.term or other.answer[:30]}"
            yield card, direction, other.answer[:60]
            yield card, direction, card.question if direction == "term" else card.answer[:150]


def _verdicts(cards: list[Card]) -> list[tuple[str, Verdict]]:
    clear_caches()
    return [(f"{c.id}/{d}: {t!r}", grade_card(c, t, direction=d)) for c, d, t in _answers(cards)]


def test_forms_the_response_cannot_cover_change_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    if BUILD == "compiled":  # compiled modules call their own functions, not the module's names: patch the sources
        name = "test_forms_the_response_cannot_cover_change_no_verdict"
        env = {**os.environ, "TUTORBOT_PURE_PYTHON": "1"}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{name}"]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:]
        return
    cards = _cards()
    fast = _verdicts(cards)
    monkeypatch.setattr(grader, "may_pass", lambda *args, **kwargs: True)
    monkeypatch.setattr(keypoints, "_reaches", lambda *args: True)
    every_form = _verdicts(cards)
    clear_caches()
    assert len(fast) > 1000
    differ = [(case, a, b) for (case, a), (_, b) in zip(fast, every_form, strict=True) if a != b]
    assert not differ, differ[:5]


def _long(card: Card, rng: random.Random) -> str:
    words = [w for w in f"{card.question} {card.answer} {' '.join(card.accept)}".split() if w]
    filler = "so basically , which is what the question asks about , and it matters because".split()
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < 4000:
        out.append(rng.choice(words if rng.random() < 0.5 else filler))
    return " ".join(out)[:4000]


@pytest.mark.parametrize("compiled", [True, False])
def test_a_long_answer_graded_in_slices_gets_the_verdict_it_gets_at_once(compiled: bool) -> None:
    cards = _cards()[::4]
    rng = random.Random(4)
    cases = [(c, _long(c, rng)) for c in cards] + [(c, f"not {c.answer} " * 40) for c in cards[:5]]
    clear_caches()
    at_once = [grade_card(c, t) for c, t in cases]

    async def sliced() -> list[Verdict]:
        out = []
        for card, text in cases:
            if not compiled:
                clear_caches()
            out.append(await grade_card_async(card, text))
        return out

    assert asyncio.run(sliced()) == at_once
    clear_caches()
