"""Every verdict of the grader on a fixed set of answers, one JSON line each: to compare two graders.

Run: ``.venv/bin/python bench/dump_verdicts.py > verdicts.jsonl`` (``TUTORBOT_PURE_PYTHON=1`` for the Python
grader when the compiled one is installed). The first line names the grader that ran
(``bot.core.grading.BUILD``: ``compiled`` or ``python``); each other line is one answer and its whole verdict
(kind, score, reason and every parameter the feedback words), in a fixed order:

- every labelled answer of ``tests/data/labelled`` (every part, both modes), graded as ``eval_grading.py``
  grades them, with the decks of that mode loaded;
- the realistic answers of ``bench/_common.py`` (right, misspelt, wrong, long) on every askable card of
  ``cards/``, in both directions, and a 4,000-character answer of varied words per card.

Two runs that print the same lines gave the same verdicts. ``tests/test_grading_build.py`` compares the
compiled grader with the Python one this way.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import eval_grading  # noqa: E402
from _common import long_answer, real_cards, realistic_answers  # noqa: E402

from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import BUILD, grade_card, register_deck_terms  # noqa: E402
from bot.core.models import Verdict  # noqa: E402


def _line(source: str, response: str, verdict: Verdict) -> str:
    fields = {f.name: getattr(verdict, f.name) for f in dataclasses.fields(verdict)}
    fields["kind"], fields["reason"] = verdict.kind.value, verdict.reason.value
    fields["score"] = round(verdict.score, 9)
    return json.dumps([source, response, fields], ensure_ascii=False, default=list)


def lines() -> Iterator[str]:
    for mode in eval_grading.MODES:
        register_deck_terms(eval_grading.loaded_decks(mode))
        for split in eval_grading.splits_of(mode):
            for case in eval_grading.load(mode, split):
                card = eval_grading.card_of(case, mode)
                yield _line(f"{mode}/{split}/{case['card']}", case["response"], grade_card(card, case["response"]))
    cards = real_cards()
    register_deck_terms(load_decks(HERE.parent / "cards"))
    for answer in realistic_answers(cards):
        verdict = grade_card(answer.card, answer.text, direction=answer.direction)
        yield _line(f"{answer.card.id}/{answer.direction}", answer.text, verdict)
    rng = random.Random(11)
    for card in cards:
        text = long_answer(card, 4000, rng)
        yield _line(f"{card.id}/long", text, grade_card(card, text))


def main(argv: list[str] | None = None) -> None:
    # (no options: ``--help`` says what it prints)
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    out = sys.stdout
    out.write(json.dumps({"grader": BUILD}) + "\n")
    for line in lines():
        out.write(line + "\n")


if __name__ == "__main__":
    main()
