"""The /stats chart: a real PNG of the last 30 days, drawn off-screen, whose bars follow the numbers."""

from __future__ import annotations

import io
import struct
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from PIL import Image

from bot.core.chart import (
    ANSWERS_COLOUR,
    CORRECT_COLOUR,
    PNG_SIGNATURE,
    ChartRenderer,
    day_label,
    render_activity,
    y_ticks,
)
from bot.core.stats import DayCount


def days(counts: list[tuple[int, int]]) -> list[DayCount]:
    start = date(2026, 2, 16)
    return [DayCount(start + timedelta(days=i), a, c) for i, (a, c) in enumerate(counts)]


def size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def bars(png: bytes) -> list[tuple[int, int]]:
    """(answers bar height, correct bar height) in pixels of each bar, left to right, read off the picture."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    colours = {ANSWERS_COLOUR, CORRECT_COLOUR}
    base = max(y for y in range(height) if any(pixels[x, y] in colours for x in range(width)))
    found: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if pixels[x, base] not in colours:
            x += 1
            continue
        column = [pixels[x, y] for y in range(base, -1, -1)]
        tall = next((i for i, c in enumerate(column) if c not in colours), len(column))
        dark = next((i for i, c in enumerate(column) if c != CORRECT_COLOUR), len(column))
        found.append((tall, dark))
        while x < width and pixels[x, base] in colours:
            x += 1
    return found


def test_a_month_of_activity_is_an_800_by_300_png() -> None:
    png = render_activity(days([(i % 5, i % 3) for i in range(30)]), "Last 30 days")
    assert png.startswith(PNG_SIGNATURE)
    assert size(png) == (800, 300)
    Image.open(io.BytesIO(png)).verify()  # a complete, valid PNG


def test_the_picture_follows_the_numbers() -> None:
    quiet = render_activity(days([(0, 0)] * 30))
    busy = render_activity(days([(9, 4)] * 30))
    assert quiet.startswith(PNG_SIGNATURE) and busy.startswith(PNG_SIGNATURE)
    assert quiet != busy
    assert render_activity(days([(9, 4)] * 30)) == busy  # same numbers, same picture


def test_one_bar_a_day_as_tall_as_its_answers_with_the_correct_ones_inside() -> None:
    counts = [(0, 0)] * 25 + [(4, 1), (0, 0), (8, 8), (2, 0), (6, 3)]
    found = bars(render_activity(days(counts), "Last 30 days"))
    assert len(found) == 4  # days without answers have no bar
    heights = [tall for tall, _ in found]
    per_answer = heights[1] / 8
    assert all(abs(h - a * per_answer) <= 2 for h, a in zip(heights, (4, 8, 2, 6), strict=True)), heights
    (t4, d4), (t8, d8), (_, d2), (t6, d6) = found
    assert d8 == t8 and d2 == 0  # all right: all dark; none right: no dark part
    assert abs(d4 * 4 - t4) <= 4 and abs(d6 * 2 - t6) <= 2


def test_no_days_big_numbers_and_odd_counts_still_draw() -> None:
    for counts in ([], [(1, 1)], [(12_345, 12_000)] * 30, [(3, 9)] * 7):  # correct above answers is capped
        png = render_activity(days(counts), "Last 30 days")
        Image.open(io.BytesIO(png)).verify()
    assert y_ticks(0) == [0, 1]
    assert y_ticks(7) == [0, 2, 4, 6, 8]
    assert y_ticks(40) == [0, 10, 20, 30, 40]
    assert y_ticks(12_345) == [0, 5000, 10_000, 15_000]
    assert day_label(date(2026, 3, 2)) == "2 Mar"


def test_charts_render_the_same_from_several_threads_at_once() -> None:
    data = days([(i % 7, i % 4) for i in range(30)])
    expected = render_activity(data, "Last 30 days")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: render_activity(data, "Last 30 days"), range(16)))
    assert results == [expected] * 16


async def test_charts_are_drawn_in_a_worker_process_off_the_event_loop() -> None:
    data = days([(i % 7, i % 4) for i in range(30)])
    expected = render_activity(data, "Last 30 days")
    renderer = ChartRenderer()
    try:
        assert await renderer.warm() and renderer.in_processes
        assert await renderer.render(data, "Last 30 days") == expected
        renderer.close()  # a later chart starts the process again
        assert await renderer.render(data, "Last 30 days") == expected
    finally:
        renderer.close()
    in_thread = ChartRenderer(processes=0)
    assert not in_thread.in_processes and not await in_thread.warm()
    assert await in_thread.render(data, "Last 30 days") == expected
