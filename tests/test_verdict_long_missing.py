"""Feedback naming many long missing key points still fits one Discord message, whole: its markdown closed and
the text after it (tries left) kept."""

from __future__ import annotations

from types import SimpleNamespace

from bot.core.models import Verdict, VerdictKind, VerdictReason
from bot.core.quiz.models import AnswerResult
from cogs._format import CONTENT_MAX
from cogs._verdicts import render_verdict
from cogs.quiz.render import answer_text

POINT = "the {n}th stage hands its intermediate representation to the next stage after normalising it per channel"


def _verdict() -> Verdict:
    # A hand-written essay card (a deck may hold 50 key points of up to 300 characters) answered with one point.
    missing = tuple(POINT.format(n=n) for n in range(2, 26))
    return Verdict(
        VerdictKind.PARTIAL, 0.04, VerdictReason.PARTIAL, matched="first", missing=missing, found=1, total=25
    )


def test_a_long_missing_list_is_cut_whole_with_a_count_of_the_rest():
    """The reveal reads "1 of 25 — missing: *…*, *…* and 17 more": whole items only, every * closed, and the
    line short enough for the reply it goes in."""
    line = render_verdict(_verdict(), reveal=True)
    assert len(line) <= 1500, len(line)
    assert line.count("*") % 2 == 0, line[-80:]
    assert line.startswith("🟠 1 of 25 — missing: *the 2th stage")
    assert line.endswith(" more"), line[-80:]
    shown = line.count("stage hands")
    assert f"and {24 - shown} more" in line


def test_practice_reply_after_the_last_try_keeps_its_ending():
    """The private practice reply after the last try ends with "— no tries left on this question." and fits
    2,000 characters (Discord refuses longer; clipped, it loses the ending and leaves an italic open)."""
    result = AnswerResult(verdict=_verdict(), tries_left=0, reveal=SimpleNamespace(withheld=False))
    text = answer_text(result)
    assert len(text) <= CONTENT_MAX, len(text)
    assert text.endswith("— no tries left on this question."), text[-80:]
