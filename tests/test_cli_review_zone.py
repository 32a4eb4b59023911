"""`tutorbot review --status --timezone ZONE` shows the end of the member's day, and when cards are next due, in
that zone (not in the computer's own); a session's "Next: …" lines and its summary give times in the same zone."""

from __future__ import annotations

import argparse
import io
import time as time_mod
from datetime import UTC, datetime

import pytest

from bot.cli.review import _run


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 18, 10, 0, tzinfo=UTC)  # 19:00 in Tokyo


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time_mod.tzset()
    yield
    monkeypatch.undo()
    time_mod.tzset()


async def test_status_says_the_day_ends_at_midnight_in_the_members_zone(core_services, machine_in_utc) -> None:
    args = argparse.Namespace(status=True, new_per_day=None, retention=None, topics=None, timezone="Asia/Tokyo")
    out = io.StringIO()
    assert await _run(core_services.review, args, io.StringIO(), out) == 0
    line = next(x for x in out.getvalue().splitlines() if "your day ends" in x)
    # Tokyo's 18 March ends at 19 Mar 00:00 Tokyo time (= 18 Mar 15:00 UTC).
    assert "19 Mar 00:00" in line, f"the day end is printed in the machine's zone under Tokyo's name: {line!r}"


def args(**changes) -> argparse.Namespace:
    base = dict(status=False, new_per_day=1, retention=None, topics="llms", timezone="Asia/Tokyo")
    return argparse.Namespace(**{**base, **changes})


async def test_next_due_in_a_session_is_told_in_the_members_zone_like_the_status(core_services, machine_in_utc) -> None:
    """Answered at 19:00 Tokyo time, the card comes back at 19:10 Tokyo time: the verdict's "Next:" line, the
    summary's "Next due" and `--status` all say 19:10 (not 10:10, the machine's UTC)."""
    out = io.StringIO()
    assert await _run(core_services.review, args(), io.StringIO("temperature\n"), out) == 0
    lines = out.getvalue().splitlines()
    answered = next(x for x in lines if x.startswith("Next: in 10 minutes"))
    summary = next(x for x in lines if x.startswith("Next due:"))
    status = io.StringIO()
    assert await _run(core_services.review, args(status=True, new_per_day=None), io.StringIO(), status) == 0
    told = next(x for x in status.getvalue().splitlines() if x.startswith("Next due:"))
    assert "18 Mar 19:10" in told
    assert "18 Mar 19:10" in answered, f"the session says {answered!r} while --status says {told!r}"
    assert "18 Mar 19:10" in summary, f"the summary says {summary!r} while --status says {told!r}"


async def test_an_almost_in_a_terminal_review_is_not_asked_to_be_typed_again(core_services, machine_in_utc) -> None:
    """A review question has one answer (it is rated at once and the next card follows): a misspelt answer is
    told it is not accepted, with what was meant, and not asked for again."""
    out = io.StringIO()
    assert await _run(core_services.review, args(), io.StringIO("tmprture\n"), out) == 0
    said = out.getvalue()
    line = next(x for x in said.splitlines() if x.startswith("🟡"))
    assert "temperature" in line and "not accepted" in line
    assert "try again" not in said.lower()
    assert "rated hard" in said
