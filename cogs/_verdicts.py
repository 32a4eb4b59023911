"""Discord rendering of the grader's verdicts.

The core's ``Verdict`` is a reason code plus parameters; this module turns it into the line a member reads:
a mark for the kind, names in italics, and everything taken from the player or a deck escaped. With
``reveal=False`` (the question is still open and scoring) it quotes only what the player typed and counts.
"""

from __future__ import annotations

import logging

from bot.core.errors import Quote
from bot.core.models import Verdict, VerdictKind
from cogs._format import escape

log = logging.getLogger(__name__)

#: The mark in front of each verdict, by kind (correct, almost, partial, wrong, empty).
MARKS = dict(zip(VerdictKind, "✅🟡🟠❌⚪", strict=True))


def _param(value: object) -> str:
    """One verdict parameter: names in italics, all text escaped (on one line)."""
    text = escape(str(value).replace("\n", " "))
    return f"*{text}*" if isinstance(value, Quote) else text


def render_verdict(verdict: Verdict, *, reveal: bool) -> str:
    """The verdict as one Discord line: ``reveal=False`` never names the answer, a missing point or a suggestion."""
    return f"{MARKS[verdict.kind]} {verdict.render(_param, reveal=reveal)}"
