"""The review extension: ``await bot.load_extension("cogs.review")``.

Spaced repetition with FSRS, fed by the bot's own grading of what members type. The decisions and the
records live in :mod:`bot.core.review`; this package turns them into messages:

- ``cog``: ``Review`` — ``/review start``, ``status``, ``settings``, ``reminder``, and the reminder sender;
- ``views``: the restart-safe session buttons (``tutor:review:<session>:<action>:<card>``) and the answer box;
- ``render``: the embeds and texts.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import acquire_services, add_cog, release_services
from cogs.review.cog import Review
from cogs.review.views import SESSION_BUTTON, ReviewButton


async def setup(bot: commands.Bot) -> None:
    """Add the review cog (building the services from the environment if the bot has none)."""
    services = await acquire_services(bot, __name__)
    await add_cog(bot, Review(bot, services.review), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)


__all__ = ["SESSION_BUTTON", "Review", "ReviewButton", "setup", "teardown"]
