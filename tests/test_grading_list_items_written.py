"""The items a partial list answer is missing are named as the card writes them, not in the grader's own
normalised form (lower case, symbols spelt out, hyphens and little words dropped, numbers rewritten)."""

from __future__ import annotations

import io
import json

import pytest

from bot.cli import grade as grade_cli
from bot.core.grading import grade
from bot.core.models import VerdictReason
from cogs._verdicts import render_verdict


@pytest.mark.parametrize(
    ("accept", "response", "shown"),
    [
        ("C++, C# and Python", "Python", ("C++", "C#")),
        ("self-attention, layer norm and feed-forward layers", "layer norm", ("self-attention", "feed-forward layers")),
        ("U.S., U.K. and E.U.", "U.K.", ("U.S.", "E.U.")),
        ("Adam, RMSProp and SGD with momentum", "Adam", ("RMSProp", "SGD with momentum")),
        ("1,000 tokens, 2 GB and 3.5 seconds", "2 GB", ("1,000 tokens", "3.5 seconds")),
    ],
)
def test_missing_list_items_are_named_as_the_card_writes_them(accept, response, shown):
    """A player who names one item of a list answer reads "1 of 3 — missing: C++, C#" (the items as the card
    writes them), never the grader's internal forms ("c plusplus, c sharp", "selfattention", "us, eu",
    "sgd momentum", "1000 tokens")."""
    v = grade(response, accept=[accept])
    assert v.reason is VerdictReason.PARTIAL_LIST
    assert v.missing == shown
    text = render_verdict(v, reveal=True)
    for item in shown:
        assert item in text.replace("\\", ""), text


def test_jsonl_feedback_names_missing_list_items_as_written():
    """`tutorbot grade --jsonl` feedback on a partial list names the missing items as the card writes them."""
    out = io.StringIO()
    grade_cli.run_jsonl(io.StringIO(json.dumps({"accept": ["C++, C# and Python"], "response": "Python"}) + "\n"), out)
    feedback = json.loads(out.getvalue())["feedback"]
    assert feedback == "🟠 1 of 3 — missing: C++, C#", feedback
