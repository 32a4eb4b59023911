"""The /stats activity chart: answers and correct answers per local day, as a small PNG.

Drawn with Pillow straight into an 8-bit palette image: the chart needs a handful of colours (background,
two bar colours, grid, axis, and sixteen shades of the label colour for anti-aliased text), so one render
is a few rectangles, a dozen short labels and a palette PNG of a few kilobytes — one or two milliseconds.

Off the event loop, in another process: ``ChartRenderer.render`` (the cogs use the shared :data:`CHARTS`)
sends thirty numbers to a worker process, started on first use, and gets a few kilobytes back. A worker
*thread* is not enough: Pillow's drawing holds the GIL, and the event loop, asking for it back, waits up to
the interpreter's 5 ms switch interval behind every thread that has it (with charts drawn back to back in
two threads the loop lagged 7–12 ms at p99; the matplotlib figures drawn here before took 100–200 ms of
Python each, and the loop lagged 25–29 ms). The worker is a plain ``python -c`` child fed JSON lines on a
pipe, not ``multiprocessing``: that would import the host program's main script again in the child, and a
bot script without an ``if __name__ == "__main__"`` guard would start a second bot there. It runs at a
lower CPU priority than the bot. If no worker can be started (or a new one dies too), charts are drawn in a
thread instead, and that is logged.

Layout: the title top left, a legend top right, integer ticks on the y axis (at most 5 steps of 1, 2 or 5
times a power of ten), a label under about every fifth day, always including the last day (today).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from PIL import Image, ImageChops, ImageDraw, ImageFont

from bot.core.text import MONTHS, strip_unsafe

log = logging.getLogger(__name__)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT = 800, 300
MAX_TICKS = 5

# Palette indices (the image is drawn with indices, then given the palette).
BACKGROUND, ANSWERS, CORRECT, GRID, AXIS = 0, 1, 2, 3, 4
_TEXT_FIRST = 5  # 16 shades of the text colour over the background: 5 (faintest) .. 20 (solid)
_SHADES = 16
ANSWERS_COLOUR = (0xC7, 0xCD, 0xF9)
CORRECT_COLOUR = (0x58, 0x65, 0xF2)
TEXT_COLOUR = (0x4F, 0x54, 0x5C)
_COLOURS = {
    BACKGROUND: (255, 255, 255),
    ANSWERS: ANSWERS_COLOUR,
    CORRECT: CORRECT_COLOUR,
    GRID: (0xE3, 0xE5, 0xE8),
    AXIS: (0xB9, 0xBB, 0xBE),
}

# The plot area inside the picture, in pixels from each edge.
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 16, 44, 30
_LABEL_SIZE, _TITLE_SIZE = 12, 15
_LOCK = threading.Lock()
#: How much lower the chart worker's CPU priority is than the bot's (``nice``).
_WORKER_NICENESS = 10


class Day(Protocol):
    """One day of activity (``bot.core.stats.DayCount`` fits)."""

    @property
    def day(self) -> date: ...

    @property
    def answers(self) -> int: ...

    @property
    def correct(self) -> int: ...


def _palette() -> bytes:
    colours = [_COLOURS[i] for i in range(_TEXT_FIRST)]
    background = _COLOURS[BACKGROUND]
    out = bytearray(channel for colour in colours for channel in colour)
    for k in range(_SHADES):
        share = (k + 1) / _SHADES
        out.extend(round(b + (t - b) * share) for b, t in zip(background, TEXT_COLOUR, strict=True))
    return bytes(out)


_PALETTE = _palette()
#: Anti-aliased text coverage (0..255) to the palette index of that shade (0 stays "no text").
_INK_TO_INDEX = [0] + [_TEXT_FIRST + min(_SHADES - 1, v * _SHADES // 256) for v in range(1, 256)]


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in font at ``size`` (its bitmap font when Pillow has no FreeType)."""
    return ImageFont.load_default(size=size)


def y_ticks(peak: int, most: int = MAX_TICKS) -> list[int]:
    """Integer ticks from 0 to at least ``peak``: steps of 1, 2 or 5 times a power of ten, at most ``most``."""
    peak = max(1, int(peak))
    scale = 1
    while True:
        for base in (1, 2, 5):
            step = base * scale
            if -(-peak // step) <= most:
                top = -(-peak // step) * step
                return list(range(0, top + 1, step))
        scale *= 10


def day_label(day: date) -> str:
    """A day as the chart labels it: ``16 Feb`` (no locale involved)."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def render_activity(
    days: Sequence[Day], title: str | None = None, *, width: int = WIDTH, height: int = HEIGHT
) -> bytes:
    """A bar chart of answers (light) with correct answers (dark) over them, one bar per day; PNG bytes.

    The same numbers always give the same bytes. Safe to call from several threads at once.
    """
    with _LOCK:
        return _render(days, title, width, height)


def _text(
    draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, align: str, width: int = WIDTH
) -> None:
    """Draw ``text`` on the ink mask; ``align`` is where ``xy`` sits on it: "left", "right" or "centre" (top)."""
    font = _font(size)
    left, top, right, _ = draw.textbbox((0, 0), text, font=font)
    x, y = xy
    if align == "right":
        x -= right
    elif align == "centre":
        x = min(max(0, x - (left + right) / 2), width - right)  # kept inside the picture
    draw.text((round(x), round(y - top)), text, fill=255, font=font)


def _render(days: Sequence[Day], title: str | None, width: int, height: int) -> bytes:
    image = Image.new("L", (width, height), BACKGROUND)  # palette indices, given the palette at the end
    ink = Image.new("L", (width, height), 0)  # anti-aliased text coverage
    shapes, labels = ImageDraw.Draw(image), ImageDraw.Draw(ink)
    left, right, top, bottom = _LEFT, width - _RIGHT, _TOP, height - _BOTTOM
    plot_h = bottom - top

    answers = [max(0, int(d.answers)) for d in days]
    correct = [min(max(0, int(d.correct)), a) for d, a in zip(days, answers, strict=True)]
    ticks = y_ticks(max([0, *answers]))
    ceiling = ticks[-1]

    def y_of(value: int) -> int:
        return bottom - round(value * plot_h / ceiling)

    for tick in ticks:
        y = y_of(tick)
        shapes.line([(left, y), (right, y)], fill=AXIS if tick == 0 else GRID)
        _text(labels, (left - 8, y - _LABEL_SIZE / 2 - 1), str(tick), _LABEL_SIZE, "right")

    n = len(days)
    if n:
        slot = (right - left) / n
        for i, (a, c) in enumerate(zip(answers, correct, strict=True)):
            x0, x1 = round(left + (i + 0.1) * slot), round(left + (i + 0.9) * slot) - 1
            for value, colour in ((a, ANSWERS), (c, CORRECT)):
                if value > 0:
                    y = min(y_of(value), bottom - 2)  # the smallest count still shows
                    shapes.rectangle([x0, y, max(x0, x1), bottom - 1], fill=colour)
        step = max(1, n // 6)
        for i in range(n - 1, -1, -step):  # always label the last day (today)
            at = (left + (i + 0.5) * slot, bottom + 6)
            _text(labels, at, day_label(days[i].day), _LABEL_SIZE, "centre", width)

    if title:
        _text(labels, (left, 12), strip_unsafe(title)[:80], _TITLE_SIZE, "left")
    edge = float(right)
    for name, colour in (("correct", CORRECT), ("answers", ANSWERS)):  # the legend, right to left
        _text(labels, (edge, 17), name, _LABEL_SIZE, "right")
        edge -= labels.textbbox((0, 0), name, font=_font(_LABEL_SIZE))[2] + 18
        shapes.rectangle([round(edge), 15, round(edge) + 11, 26], fill=colour)
        edge -= 16

    image = ImageChops.lighter(image, ink.point(_INK_TO_INDEX))  # text indices (5..20) win where there is ink
    image.putpalette(_PALETTE)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=3)  # level 6 halves the size again at twice the time
    return buf.getvalue()


# -- off the event loop ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Row:
    """A day as the worker receives it (plain values only)."""

    day: date
    answers: int
    correct: int


def _draw(request: dict[str, Any]) -> bytes:
    """One chart from a request: ``rows`` of (ordinal day, answers, correct), ``title``, ``width``, ``height``."""
    days = [_Row(date.fromordinal(int(d)), int(a), int(c)) for d, a, c in request["rows"]]
    return render_activity(days, request.get("title"), width=int(request["width"]), height=int(request["height"]))


def serve() -> None:
    """The chart worker process: one JSON request a line on stdin; for each, ``<n>\\n`` and n PNG bytes on
    stdout (``-<n>\\n`` and an n-byte message when the request failed). Ends at the end of its input.

    Runs at a lower CPU priority than the bot, so charts never take the processor from it.
    """
    if hasattr(os, "nice"):
        try:
            os.nice(_WORKER_NICENESS)
        except OSError:  # not allowed here: same priority then
            pass
    _font(_LABEL_SIZE)
    _font(_TITLE_SIZE)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    for line in source:
        try:
            reply, marker = _draw(json.loads(line)), b""
        except Exception as exc:  # a bad request: say so, keep serving
            reply, marker = f"{type(exc).__name__}: {exc}".encode()[:1000], b"-"
        sink.write(marker + str(len(reply)).encode() + b"\n" + reply)
        sink.flush()


class ChartWorkerError(RuntimeError):
    """The chart worker process is gone or answered nonsense."""


class _Worker:
    """One chart worker process and its pipes (used under the renderer's lock, from worker threads)."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])  # where the ``bot`` package lives
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from bot.core.chart import serve; serve()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, close_fds=True,
        )  # fmt: skip

    def draw(self, request: bytes) -> bytes:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(request)
            stdin.flush()
            header = stdout.readline()
            if not header.endswith(b"\n"):
                raise ChartWorkerError(f"the chart worker ended (exit status {self.process.poll()})")
            size = int(header.lstrip(b"-"))
            body = stdout.read(size)
        except (OSError, ValueError) as exc:
            raise ChartWorkerError(f"the chart worker failed: {exc}") from exc
        if len(body) != size:
            raise ChartWorkerError("the chart worker ended mid-answer")
        if header.startswith(b"-"):
            raise ValueError(body.decode(errors="replace"))  # the request itself was refused: not the worker's fault
        return body

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()  # the worker ends at the end of its input
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class ChartRenderer:
    """Draws charts in a worker process started on first use (see the module docstring); thread-safe and
    usable from any event loop.

    ``processes`` 0 draws in a worker thread instead, which is also the fallback when no worker process
    can be started or a new one died as well.
    """

    def __init__(self, *, processes: int = 1) -> None:
        self.processes = processes
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._disabled = processes <= 0

    @property
    def in_processes(self) -> bool:
        """Whether charts are drawn in a worker process (False once it fell back to a thread)."""
        return not self._disabled

    def _draw(self, request: bytes) -> bytes | None:
        """In a worker thread: the chart from the worker process (started or restarted as needed), or None
        when charts must be drawn here instead."""
        with self._lock:
            for attempt in (1, 2):
                if self._disabled:
                    return None
                try:
                    if self._worker is None:
                        self._worker = _Worker()
                    return self._worker.draw(request)
                except (ChartWorkerError, OSError) as exc:
                    if self._worker is not None:
                        self._worker.stop()
                        self._worker = None
                    self._disabled = attempt == 2
                    log.warning("chart worker: %s; %s", exc, "starting another" if attempt == 1 else "using a thread")
            return None

    async def render(
        self, days: Sequence[Day], title: str | None = None, *, width: int = WIDTH, height: int = HEIGHT
    ) -> bytes:
        """:func:`render_activity`, drawn in the worker process (or a thread): the event loop only waits."""
        request = {"rows": [(d.day.toordinal(), int(d.answers), int(d.correct)) for d in days],
                   "title": title, "width": width, "height": height}  # fmt: skip
        if not self._disabled:
            png = await asyncio.to_thread(self._draw, json.dumps(request).encode() + b"\n")
            if png is not None:
                return png
        return await asyncio.to_thread(_draw, request)

    async def warm(self) -> bool:
        """Start the worker process now (else the first chart starts it); False when drawing in a thread."""
        await self.render([], None)
        return self.in_processes

    def close(self) -> None:
        """Stop the worker process (a later chart starts another)."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()


#: The renderer the surfaces share: one worker process per bot process, started by the first chart.
CHARTS = ChartRenderer()
atexit.register(CHARTS.close)
