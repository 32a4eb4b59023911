"""The leaderboard extension: ``await bot.load_extension("cogs.leaderboard")``.

/leaderboard and /stats: the server's board (week, month, all time; by topic) and one member's progress.
(``/forget-me`` comes with any extension that keeps members' data: ``cogs._forget``.)
Thin over ``services.stats`` (all ranking is SQL in the core). Names on the board are the display names
kept with the answers (escaped; nobody is ever pinged), so the board never depends on the member cache.

- ``cog``: ``LeaderboardCog`` — the commands, who sees what on /stats, and learning who left;
- ``views``: the restart-safe Previous/Next buttons (``tutor:lb:…``) and where they may be used;
- ``render``: the embeds and texts.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import acquire_services, add_cog, release_services
from cogs.leaderboard.cog import FETCHES_PER_PAGE, PRESENT_TTL, LeaderboardCog
from cogs.leaderboard.render import CHART_FILE, board_embed, stats_embed, stats_view, topic_error_text
from cogs.leaderboard.views import BOARD_PAGE, BoardPageButton, board_view


async def setup(bot: commands.Bot) -> None:
    """Add the leaderboard cog (building the services from the environment if the bot has none)."""
    await acquire_services(bot, __name__)
    await add_cog(bot, LeaderboardCog(bot), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)


__all__ = [
    "BOARD_PAGE",
    "CHART_FILE",
    "FETCHES_PER_PAGE",
    "PRESENT_TTL",
    "BoardPageButton",
    "LeaderboardCog",
    "board_embed",
    "board_view",
    "setup",
    "stats_embed",
    "stats_view",
    "teardown",
    "topic_error_text",
]
