"""A refused time zone names every zone the same way: "EST" is told "did you mean America/New_York ...? Otherwise use
an IANA name like ..., America/New_York ..." with both New York names written alike (one was escaped, the other
not), on /daily set and on /review settings."""

from __future__ import annotations

import re

import pytest
from daily_support import World, daily_deck  # noqa: F401  (the deck folder fixture)
from world_support import study_guild

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def new_york_names(text: str) -> list[str]:
    """Each way ``text`` writes New York's zone (with or without escapes)."""
    return re.findall(r"America/New\\?_York", text)


@pytest.mark.parametrize("typed", ["EST", "+5", "Nowhere/At all"])
async def test_daily_set_names_each_zone_alike(env, typed: str) -> None:
    world = World(env)
    refused = (await world.set(timezone=typed)).response.content
    names = new_york_names(refused)
    assert names and len(set(names)) == 1, refused
    assert names[0] == r"America/New\_York"  # escaped, as every echo is
    await env.bot.close()


async def test_review_settings_names_each_zone_alike(env) -> None:
    _guild, channel, members = study_guild(env, "alice")
    refused = (await members["alice"].slash(channel, "review settings", timezone="EST")).response.content
    names = new_york_names(refused)
    assert len(names) == 2 and len(set(names)) == 1, refused
    await env.bot.close()
