"""The /stats activity chart: answers and correct answers per local day, as PNG bytes.

Rendered with matplotlib's Agg canvas directly (no pyplot, no display), from a worker thread: the cog runs
it with ``asyncio.to_thread`` so the event loop never blocks. matplotlib does not promise thread safety, so
renders are serialised by a lock (one chart takes well under 100 ms).
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.core.text import MONTHS

log = logging.getLogger(__name__)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ANSWERS = "#c7cdf9"
_CORRECT = "#5865f2"
_TEXT = "#4f545c"
_LOCK = threading.Lock()


class Day(Protocol):
    """One day of activity (``bot.core.stats.DayCount`` fits)."""

    @property
    def day(self) -> date: ...

    @property
    def answers(self) -> int: ...

    @property
    def correct(self) -> int: ...


def render_activity(days: Sequence[Day], title: str | None = None, *, dpi: int = 100) -> bytes:
    """A bar chart of answers (light) with correct answers (dark) over them, one bar per day; PNG bytes."""
    with _LOCK:
        return _render(days, title, dpi)


def _render(days: Sequence[Day], title: str | None, dpi: int) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(8, 3), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    xs = list(range(len(days)))
    answers = [d.answers for d in days]
    correct = [d.correct for d in days]
    ax.bar(xs, answers, width=0.8, color=_ANSWERS, label="answers")
    ax.bar(xs, correct, width=0.8, color=_CORRECT, label="correct")
    step = max(1, len(days) // 6)
    ticks = xs[::-1][::step][::-1]  # always label the last day (today)
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{days[i].day.day} {MONTHS[days[i].day.month - 1]}" for i in ticks], color=_TEXT)
    ax.set_xlim(-0.6, len(days) - 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_ylim(0, max([1, *answers]) * 1.15)
    ax.tick_params(colors=_TEXT, labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", frameon=False, fontsize=9, ncols=2)
    if title:
        ax.set_title(title, loc="left", fontsize=11, color=_TEXT)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
