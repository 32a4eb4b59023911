"""The /stats chart: a real PNG of the last 30 days, rendered off-screen."""

from __future__ import annotations

import struct
from datetime import date, timedelta

from bot.core.chart import PNG_SIGNATURE, render_activity
from bot.core.stats import DayCount


def days(counts: list[tuple[int, int]]) -> list[DayCount]:
    start = date(2026, 2, 16)
    return [DayCount(start + timedelta(days=i), a, c) for i, (a, c) in enumerate(counts)]


def size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_a_month_of_activity_is_an_800_by_300_png() -> None:
    png = render_activity(days([(i % 5, i % 3) for i in range(30)]), "Last 30 days")
    assert png.startswith(PNG_SIGNATURE)
    assert size(png) == (800, 300)


def test_the_picture_follows_the_numbers() -> None:
    quiet = render_activity(days([(0, 0)] * 30))
    busy = render_activity(days([(9, 4)] * 30))
    assert quiet.startswith(PNG_SIGNATURE) and busy.startswith(PNG_SIGNATURE)
    assert quiet != busy
    assert render_activity(days([(9, 4)] * 30)) == busy  # same numbers, same picture
