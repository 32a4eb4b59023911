"""What the review reminder tests share (``from reminder_support import pass_time, without_daily``; ``without_daily`` is the ``no_daily`` fixture): time passing in
steps with the daily question's scheduler out of the way, and a member with a due card and a reminder set."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(name="no_daily")
async def without_daily(env: Any) -> None:
    """Time passes without the daily question's scheduler (it plays no part here)."""
    await env.bot.unload_extension("cogs.daily")


async def pass_time(env: Any, hours: float) -> None:
    """Advance the virtual clock by ``hours``, at most three hours a step, so that the checks run between them."""
    while hours > 0:
        step = min(hours, 3)
        await env.advance_time(step * 3600)
        hours -= step


async def due_card_and_reminder(member: Any, channel: Any, at: str = "09:00") -> None:
    """``member`` sets a review reminder at ``at`` and rates a card "Don't know" (due again in a minute)."""
    await member.slash(channel, "review reminder", time=at)
    start = await member.slash(channel, "review start")
    await member.click(start.response, label="Don't know")  # one card due again in a minute
