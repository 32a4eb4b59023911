"""A partial essay answer that contradicts one key point: the full feedback gives the count and the points
still missing, as the verdict (and the open wording) has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.render import verdict_text
from bot.core.decks import load_deck
from bot.core.grading import grade, grade_card, register_deck_terms
from bot.core.models import VerdictKind, VerdictReason
from cogs._verdicts import render_verdict

DECK = Path(__file__).parent.parent / "cards" / "genai-basics.yaml"


@pytest.fixture(autouse=True)
def deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])


def test_full_feedback_of_a_partly_contradicting_essay_gives_the_count_and_what_is_missing():
    """"no model training and the application retrieves the most relevant text" scores 1 of 3: while open the
    player reads "1 of 3 key points"; the reveal must not drop that to "That contradicts a key point: …" alone
    (which reads as if only that point were wrong): it says 1 of 3, the point contradicted, and the point
    still missing ("a prompt with that text is sent to the LLM")."""
    card = load_deck(str(DECK)).card("separate-knowledge-base")
    v = grade_card(card, "no model training and the application retrieves the most relevant text")
    assert v.reason is VerdictReason.CONTRADICTS and v.kind is VerdictKind.PARTIAL
    assert (v.found, v.total) == (1, 3) and v.missing
    assert render_verdict(v, reveal=False) == "🟠 1 of 3 key points"
    for text in (render_verdict(v, reveal=True), verdict_text(v)):
        assert "1 of 3" in text, text
        assert v.expected in text, text
        for point in v.missing:
            assert point in text, text


def test_a_partly_contradicting_answer_with_nothing_else_missing_gives_the_count():
    """"deeper and wider, but not at a higher resolution": 2 of 3, and resolution contradicted."""
    points = ["depth | deeper", "width | wider", "resolution | image size"]
    v = grade("deeper and wider, but not at a higher resolution", keypoints=points,
              question="Along which dimensions does compound scaling grow a CNN?")
    assert v.reason is VerdictReason.CONTRADICTS and v.kind is VerdictKind.PARTIAL and not v.missing
    text = verdict_text(v)
    assert text.startswith("🟠 2 of 3") and "resolution" in text and "missing" not in text, text
