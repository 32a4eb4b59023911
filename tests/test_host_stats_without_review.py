"""A host bot that loads ``cogs.quiz`` and ``cogs.leaderboard`` but not ``cogs.review``: /stats must not show review
figures that end in "Start with `/review start`", a command this bot does not have (as without ``cogs.quiz`` it
shows no "Practice" button). With ``cogs.review`` loaded, the figures are there."""

from __future__ import annotations

from typing import Any

import pytest
import simcord
from host_support import HostBot, host_clock, host_env  # noqa: F401
from modal_support import answered

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def own_stats_fields(extensions: list[str], clock: Any) -> dict[str, str]:
    """Alice misses a practice question three times (the card falls due for review), then a minute later runs
    /stats."""
    bot = HostBot(extensions)
    async with simcord.run(bot) as env:
        clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        started = await alice.slash(channel, "quiz", topic="llms", private=True, questions=1)
        for _ in range(3):
            await answered(alice, started.response, "top-k sampling")
        await env.advance_time(60)
        shown = (await alice.slash(channel, "stats")).response
        fields = {f.name: f.value for f in shown.embeds[0].fields}
    await bot.close()
    return fields


async def test_stats_show_review_figures_only_where_review_is_loaded(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    without = await own_stats_fields(["cogs.quiz", "cogs.leaderboard"], host_clock)
    assert "Answers" in without, without
    assert not any("/review" in value for value in without.values()), without
    assert "Review" not in without, without

    host_clock.env = None
    monkeypatch.setenv("TUTOR_DB_PATH", str(host_env / "with-review.sqlite3"))  # another bot, its own database
    with_review = await own_stats_fields(["cogs.quiz", "cogs.leaderboard", "cogs.review"], host_clock)
    assert "due now" in with_review["Review"] and "`/review start`" in with_review["Review"], with_review
