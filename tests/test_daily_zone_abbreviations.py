"""``/daily set`` with a time-zone abbreviation (PST, EST, IST, AEST ...), as many admins type their zone.

An abbreviation is not a place: it does not follow summer time, and several stand for more than one place. It
is refused with the zones it usually means as suggestions, rather than with look-alike names ("PST — did you
mean Australia/West, Europe/Belfast or Europe/Bucharest?"), or taken as a zone that never changes its clocks:
"EST" and "MST" are in the time-zone database as fixed offsets, so a question set for 09:00 "EST" by a New York
server came at 10:00 all summer.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from daily_support import World, daily_deck  # noqa: F401  (the deck folder fixture)
from test_daily_cog import quoted

from bot.core.schedule import ScheduleError, local_post_time, parse_zone, suggest_zones


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CST", "America/Chicago"),
        ("MST", "America/Denver"),
        ("IST", "Asia/Kolkata"),
        ("BST", "Europe/London"),
        ("CEST", "Europe/Paris"),
        ("AEST", "Australia/Sydney"),
        ("JST", "Asia/Tokyo"),
    ],
)
def test_an_abbreviation_is_refused_with_the_zone_it_usually_means(typed: str, meant: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_zone(typed)
    assert info.value.suggestions[0] == meant, info.value.suggestions
    assert str(info.value).startswith(f"“{typed}” is not a time zone")
    assert meant in str(info.value)
    assert suggest_zones(typed)[0] == meant  # and the autocomplete offers it first


def test_est_would_have_posted_an_hour_late_all_summer() -> None:
    """Why EST is not taken as it is in the database: it never changes its clocks, New York does."""
    summer = datetime(2026, 7, 1, tzinfo=UTC).date()
    fixed = local_post_time(summer, time(9, 0), ZoneInfo("EST"))
    new_york = local_post_time(summer, time(9, 0), parse_zone("America/New_York"))
    assert (fixed - new_york).total_seconds() == 3600
    with pytest.raises(ScheduleError):
        parse_zone("EST")


async def test_daily_set_with_an_abbreviation_names_the_zone_and_saves_nothing(env, services) -> None:
    world = World(env)
    r = await world.set(timezone="PST")
    assert r.ephemeral
    assert f"{quoted('PST')} is not a time zone" in r.response.content
    assert r"America/Los\_Angeles" in r.response.content and "Australia/West" not in r.response.content
    r = await world.set(timezone="EST")
    assert r.ephemeral and r"America/New\_York or" in r.response.content
    assert await services.daily.get_schedule(world.guild.id) is None
    zones = await world.admin.autocomplete(world.channel, "daily set", "timezone", "pst")
    assert zones[0]["value"] == "America/Los_Angeles"
    # The zones it suggests are taken.
    r = await world.set(timezone="America/Los_Angeles")
    assert r.ephemeral and "(America/Los_Angeles)" in r.response.content
    await env.bot.close()
