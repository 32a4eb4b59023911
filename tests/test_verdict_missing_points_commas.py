"""Missing key points that hold a comma are still told apart in the feedback's list."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import grade as grade_cli
from bot.cli.render import verdict_text
from bot.core.decks import load_deck
from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import VerdictReason

DECK = Path(__file__).parent.parent / "cards" / "genai-basics.yaml"


@pytest.fixture(autouse=True)
def deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])


def test_the_terminal_lists_missing_points_with_commas_apart():
    """One key point made of three: the feedback must read as two missing points, e.g. "1 of 3 — missing:
    accurate, relevant answers in real time without training the model; a prompt with that text is sent to
    the LLM" — not "…, …, …" where the point's own comma makes it look like three."""
    card = load_deck(str(DECK)).card("separate-knowledge-base")
    v = grade_card(card, "so the app retrieves the most relevant text")
    assert v.reason is VerdictReason.PARTIAL and v.found == 1 and len(v.missing) == 2
    text = verdict_text(v)
    listed = text.split("missing: ", 1)[1]
    assert listed.count(";") == len(v.missing) - 1, text
    assert [p.strip() for p in listed.split(";")] == list(v.missing)


def test_jsonl_feedback_lists_missing_points_with_commas_apart():
    """`tutorbot grade --jsonl`: "1 of 3 — missing: accurate, relevant answers; sends a prompt" (two points),
    not "missing: accurate, relevant answers, sends a prompt" (which reads as three points missing from 1 of 3)."""
    line = {
        "keypoints": ["accurate, relevant answers | no training", "retrieves the relevant text", "sends a prompt"],
        "response": "it retrieves the relevant text",
    }
    out = io.StringIO()
    grade_cli.run_jsonl(io.StringIO(json.dumps(line) + "\n"), out)
    assert json.loads(out.getvalue())["feedback"] == "🟠 1 of 3 — missing: accurate, relevant answers; sends a prompt"
