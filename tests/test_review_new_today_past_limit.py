"""/review status after a member lowered their new cards a day below what they already met today: "New today"
says the limit is reached, never "3 of 1"; the terminal's status says the same."""

from __future__ import annotations

import pytest
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.cli.review import _print_status

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def new_today(message) -> str:
    return next(f.value for f in message.embeds[0].fields if f.name == "New today")


async def test_new_today_past_a_lowered_limit_says_the_limit_is_reached(env, world) -> None:
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", new_per_day=3)
    page = (await alice.slash(channel, "review start")).response
    for _ in range(3):  # three new cards met today
        page = (await alice.click(page, label="Don't know")).response
        if any(c["label"] == "Next" for row in page.components for c in row["components"]):
            page = (await alice.click(page, label="Next")).response
    status = (await alice.slash(channel, "review status")).response
    assert new_today(status) == "3 of 3"
    await alice.slash(channel, "review settings", new_per_day=1)
    status = (await alice.slash(channel, "review status")).response
    shown = new_today(status)
    assert "3 of 1" not in shown and shown.startswith("3 ") and "limit now 1" in shown and "no more today" in shown
    said: list[str] = []
    members = env.bot.tutor_services.review.members
    _print_status(await members.status(world[0].id, alice.id), said.append)
    line = next(s for s in said if s.startswith("New today"))
    assert line == "New today: 3 (limit now 1: no more today)", said

