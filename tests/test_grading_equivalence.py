"""The grader gives the very verdicts recorded in ``data/grading_verdicts.jsonl``: kind, score, reason and
every parameter.

The file holds the labelled answers of ``grading_*.jsonl`` (each also negated and hedged) and every card
of ``cards/`` in both directions against a set of realistic answers: right, misspelt, shouted, wrapped in
chat junk, negated, hedged, another card's answer, a rival, the card's own explanation and a 4,000-character
answer. A change to how the grader is built (compiled card data, token indexes) must leave every verdict as
it was; a change to what the grader decides regenerates the file on purpose:

    .venv/bin/python tests/test_grading_equivalence.py --write
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import grade, grade_card  # noqa: E402
from bot.core.models import Card, Verdict  # noqa: E402

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "grading_verdicts.jsonl"
LONG = 4000


def verdict_data(v: Verdict) -> dict[str, Any]:
    """A verdict as JSON data: kind, score, reason and every parameter that is set."""
    out: dict[str, Any] = {"kind": str(v.kind), "score": v.score, "reason": str(v.reason)}
    for name, value in asdict(v).items():
        if name not in out and value not in (None, (), 0):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _misspell(text: str, how: int) -> str:
    """``text`` with its longest word misspelt: two letters swapped, one dropped or one doubled."""
    words = text.split()
    if not words:
        return text
    i = max(range(len(words)), key=lambda k: (len(words[k]), -k))
    w = words[i]
    if len(w) < 4:
        return text
    mid = len(w) // 2
    if how == 0:
        w = w[: mid - 1] + w[mid] + w[mid - 1] + w[mid + 1 :]
    elif how == 1:
        w = w[:mid] + w[mid + 1 :]
    else:
        w = w[:mid] + w[mid] + w[mid:]
    return " ".join(words[:i] + [w] + words[i + 1 :])


def _long(text: str) -> dict[str, Any]:
    """A recipe for a 4,000-character answer: ``text`` repeated and cut."""
    return {"repeat": text, "to": LONG}


def response_text(response: str | dict[str, Any]) -> str:
    """The answer a case holds (a 4,000-character answer is kept as a recipe)."""
    if isinstance(response, str):
        return response
    text = str(response["repeat"])
    return (text * (int(response["to"]) // max(len(text), 1) + 1))[: int(response["to"])]


def card_answers(card: Card, direction: str, others: list[Card]) -> list[str | dict[str, Any]]:
    """Realistic answers to ``card``: right, misspelt, wrong, hedged, negated, junk and long."""
    if direction == "term":
        targets = list(card.names)
    elif card.accept:
        targets = list(card.accept)
    elif card.keypoints:
        targets = [s.strip() for kp in card.keypoints for s in kp.split("|")]
    else:
        targets = [card.answer]
    first = targets[0]
    other = [o for o in others if o.key != card.key]
    wrong = [(o.accept or o.names or (o.question,))[0] for o in other[:3]]
    wrong += ["boosting", "dropout", "bag of words"][len(wrong) :]
    out: list[str | dict[str, Any]] = []
    for t in targets[:6]:
        out += [t, t.upper(), f"I think it's {t}", _misspell(t, 0), _misspell(t, 1), _misspell(t, 2)]
    out += list(card.names[:3]) + list(card.reject[:4]) + wrong
    out += [
        f"not {first}",
        f"{first} or {wrong[0]}",
        f"{first}, {wrong[1]}",
        f"||**{first}**|| <@123456789012345678>",
        f"un{first}",
        f"non-{first}",
        " ".join(targets[:3]),
        ", ".join(targets[:2]),
        "idk",
        "???",
        "<@123456789012345678> :smile:",
        " ".join(card.question.split()[:6]),
        " ".join(card.answer.split()[:12]),
        card.answer,
        _long(card.answer + " "),
        _long(f"I am fairly sure the answer is {first}, and not {wrong[0]}. "),
    ]
    if any(ch.isdigit() for ch in first):
        out.append("".join(str((int(ch) + 1) % 10) if ch.isdigit() else ch for ch in first))
    seen: set[str] = set()
    unique: list[str | dict[str, Any]] = []
    for r in out:
        key = json.dumps(r, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def labelled_rows() -> dict[str, dict[str, Any]]:
    """The labelled answers by ``file:line``."""
    rows: dict[str, dict[str, Any]] = {}
    for name in ("grading_tune.jsonl", "grading_heldout.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    rows[f"{name}:{n}"] = json.loads(line)
    return rows


def generate() -> Iterator[dict[str, Any]]:
    """Every card (once, as ``{"define": ...}``) and every case, without verdicts."""
    for where, row in labelled_rows().items():
        for response in (row["response"], f"not {row['response']}", f"{row['response']} or boosting"):
            yield {"labelled": where, "response": response}
    cards = [c for d in load_decks(ROOT / "cards") for c in d.cards]
    for n, card in enumerate(cards):
        others = cards[n + 1 :] + cards[:n]
        yield {"define": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(card).items()}}
        for direction in ("question", "term") if card.names else ("question",):
            for response in card_answers(card, direction, others):
                yield {"card": card.key, "direction": direction, "response": response}


def run_case(case: dict[str, Any], cards: dict[str, Card], labelled: dict[str, dict[str, Any]]) -> Verdict:
    """The verdict for one case, through the call the bot makes (``grade_card``) or ``grade``."""
    response = response_text(case["response"])
    if "card" in case:
        return grade_card(cards[case["card"]], response, direction=case["direction"])
    args = labelled[case["labelled"]]
    return grade(
        response,
        accept=args["accept"] or (),
        reject=args["reject"] or (),
        keypoints=args["keypoints"] or (),
        aliases=args["aliases"] or (),
        term=args["term"],
        question=args["question"],
    )


def card_from(data: dict[str, Any]) -> Card:
    return Card(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def write() -> int:
    """Record the current verdicts of every case; returns how many."""
    n = 0
    cards: dict[str, Card] = {}
    labelled = labelled_rows()
    with open(FIXTURE, "w", encoding="utf-8") as f:
        for case in generate():
            if "define" in case:
                card = card_from(case["define"])
                cards[card.key] = card
            else:
                case["verdict"] = verdict_data(run_case(case, cards, labelled))
                n += 1
            f.write(json.dumps(case, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    return n


def recorded() -> tuple[dict[str, Card], list[dict[str, Any]]]:
    """The recorded cards by key, and the cases."""
    cards: dict[str, Card] = {}
    cases: list[dict[str, Any]] = []
    with open(FIXTURE, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if "define" in row:
                card = card_from(row["define"])
                cards[card.key] = card
            else:
                cases.append(row)
    return cards, cases


def test_the_recorded_cases_cover_every_card_both_directions_and_long_answers():
    cards, cases = recorded()
    assert len(cards) >= 90
    assert {c["card"] for c in cases if "card" in c} == set(cards)
    assert {c["direction"] for c in cases if "card" in c} == {"question", "term"}
    assert sum(1 for c in cases if isinstance(c["response"], dict)) >= 180
    assert sum(1 for c in cases if "labelled" in c) == 3 * len(labelled_rows()) >= 1800
    assert len({c["verdict"]["reason"] for c in cases}) >= 15


def test_every_recorded_verdict_is_given_again_field_for_field():
    cards, cases = recorded()
    labelled = labelled_rows()
    differences = []
    for case in cases:
        got = verdict_data(run_case(case, cards, labelled))
        if got != case["verdict"]:
            where = case.get("card") or case["labelled"]
            differences.append((where, case.get("direction"), case["response"], case["verdict"], got))
    assert not differences, f"{len(differences)} verdicts changed, first: {differences[:3]}"


@pytest.mark.parametrize("direction", ["question", "term"])
def test_the_same_card_graded_twice_or_as_an_equal_copy_gives_the_same_verdict(direction):
    card = next(c for d in load_decks(ROOT / "cards") for c in d.cards if c.names and c.accept)
    copy = Card(**asdict(card))
    for response in card_answers(card, direction, []):
        text = response_text(response)
        first = grade_card(card, text, direction=direction)
        assert grade_card(card, text, direction=direction) == first
        assert grade_card(copy, text, direction=direction) == first


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: tests/test_grading_equivalence.py --write")
    print(f"{write()} cases written to {FIXTURE}")
