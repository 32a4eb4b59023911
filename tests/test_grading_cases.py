"""Accuracy of the grader on a labelled set of typed answers (``tests/data/grading_*.jsonl``).

Each line is one (card, typed answer, label) case written as a fair teacher would judge it, over cards
of the seed deck. Labels and how they count:

- ``right``: the answer must be accepted (verdict ``correct``); anything else is a false reject.
- ``wrong``: the answer must not be accepted: ``wrong``, ``almost`` or ``partial`` all count as a
  refusal; ``correct`` is a false accept. (``empty`` is a miss too: the player did answer.)
- ``partial`` (essay cards): the verdict must be ``partial``; ``correct`` is a false accept.
- ``empty``: nothing left after chat junk is removed; the verdict must be ``empty``.

``grading_tune.jsonl`` is the part the grader was tuned on; ``grading_heldout.jsonl`` was written at
the same time and is only ever measured. The held-out part must reach 95% accuracy with at most 2%
false accepts.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from bot.core.grading import grade
from bot.core.models import VerdictKind

DATA = Path(__file__).parent / "data"
LABELS = {"right", "wrong", "partial", "empty"}


def load(name: str) -> list[dict]:
    rows = []
    with open(DATA / name, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                row = json.loads(line)
                assert row["label"] in LABELS, f"{name}:{n}: bad label {row['label']!r}"
                rows.append(row)
    return rows


def judge(row: dict) -> VerdictKind:
    return grade(
        row["response"],
        accept=row.get("accept") or (),
        reject=row.get("reject") or (),
        keypoints=row.get("keypoints") or (),
        aliases=row.get("aliases") or (),
        term=row.get("term"),
        question=row.get("question"),
    ).kind


def outcome(label: str, kind: VerdictKind) -> str:
    """'ok', 'false_accept', 'false_reject' or 'miss' (wrong kind of refusal)."""
    accepted = kind is VerdictKind.CORRECT
    if label == "right":
        return "ok" if accepted else "false_reject"
    if accepted:
        return "false_accept"
    if label == "wrong":
        return "ok" if kind in (VerdictKind.WRONG, VerdictKind.ALMOST, VerdictKind.PARTIAL) else "miss"
    if label == "partial":
        return "ok" if kind is VerdictKind.PARTIAL else "miss"
    return "ok" if kind is VerdictKind.EMPTY else "miss"


def score(rows: list[dict], decide=None) -> dict[str, Counter]:
    """Per class (and 'all'): n, ok, false_accept, false_reject, miss."""
    table: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        kind = decide(row) if decide else judge(row)
        result = outcome(row["label"], kind)
        for key in (row["class"], "all"):
            table[key]["n"] += 1
            table[key][result] += 1
    return table


def format_table(title: str, table: dict[str, Counter]) -> str:
    lines = [f"{title}", f"{'class':<10} {'n':>4} {'acc':>7} {'FA':>4} {'FR':>4} {'miss':>4}"]
    for key in sorted(table, key=lambda k: (k == "all", k)):
        c = table[key]
        lines.append(
            f"{key:<10} {c['n']:>4} {c['ok'] / c['n']:>7.1%} {c['false_accept']:>4} {c['false_reject']:>4} {c['miss']:>4}"
        )
    return "\n".join(lines)


def test_the_labelled_set_is_big_and_varied():
    rows = load("grading_tune.jsonl") + load("grading_heldout.jsonl")
    assert len(rows) >= 400
    assert len({r["card"] for r in rows}) >= 40
    classes = Counter(r["class"] for r in rows)
    for cls in ("spelling", "near_miss", "form", "meaning", "junk", "essay"):
        assert classes[cls] >= 10, cls
    held = load("grading_heldout.jsonl")
    assert len(held) >= 100
    tune_keys = {(r["card"], r["response"]) for r in load("grading_tune.jsonl")}
    assert not tune_keys & {(r["card"], r["response"]) for r in held}, "held-out cases leak into tuning"


@pytest.mark.parametrize("name", ["grading_tune.jsonl", "grading_heldout.jsonl"])
def test_accuracy_false_accepts_and_false_rejects(name):
    rows = load(name)
    table = score(rows)
    report = format_table(name, table)
    print("\n" + report)
    total = table["all"]
    accuracy = total["ok"] / total["n"]
    false_accepts = total["false_accept"] / total["n"]
    assert accuracy >= 0.95, report
    assert false_accepts <= 0.02, report


def test_the_grader_beats_a_whole_string_similarity_baseline():
    """A plain ``WRatio >= 85`` accepts near-misses; the grader must make far fewer false accepts."""
    from rapidfuzz import fuzz

    from bot.core.grading import normalise

    def baseline(row: dict) -> VerdictKind:
        said = normalise(row["response"])
        if not said:
            return VerdictKind.EMPTY
        targets = row.get("accept") or [k.split("|")[0] for k in row.get("keypoints") or []]
        ok = any(fuzz.WRatio(said, normalise(t)) >= 85 for t in targets)
        return VerdictKind.CORRECT if ok else VerdictKind.WRONG

    rows = load("grading_heldout.jsonl")
    ours = score(rows)["all"]
    theirs = score(rows, baseline)["all"]
    assert ours["false_accept"] * 3 <= theirs["false_accept"]
    assert ours["ok"] > theirs["ok"]
