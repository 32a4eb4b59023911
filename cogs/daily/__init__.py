"""The daily question extension: ``await bot.load_extension("cogs.daily")``.

A question of the day, posted at the server's own local time, with a reveal when answers close. The
decisions and the records live in :mod:`bot.core.daily`; this package turns them into messages:

- ``cog``: ``Daily`` — the ``/daily`` commands and the scheduler;
- ``sending``: ``DailySender`` — posts and reveals in the guild's channel, each outcome recorded (also when
  the database could not take it at first), nothing sent twice;
- ``delivery``: ``with_retries`` — a Discord call tried again after a passing error (429, 5xx), never twice;
- ``views``: the restart-safe **Answer** button (``tutor:daily:<post id>``), answered only in its post's own
  server and channel;
- ``render``: the embeds and reply lines.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import acquire_services, add_cog, release_services
from cogs.daily.cog import MANAGE_ONLY, Daily
from cogs.daily.render import post_embed, reveal_embed, verdict_text
from cogs.daily.views import ANSWER, DailyAnswerButton


async def setup(bot: commands.Bot) -> None:
    """Add the daily cog (building the services from the environment if the bot has none)."""
    await acquire_services(bot, __name__)
    await add_cog(bot, Daily(bot), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)


__all__ = [
    "ANSWER",
    "MANAGE_ONLY",
    "Daily",
    "DailyAnswerButton",
    "post_embed",
    "reveal_embed",
    "setup",
    "teardown",
    "verdict_text",
]
