"""`tutorbot review --status --timezone ZONE` shows the end of the member's day, and when cards are next due, in
that zone (not in the computer's own)."""

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
