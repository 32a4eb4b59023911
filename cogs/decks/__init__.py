"""The decks extension: ``await bot.load_extension("cogs.decks")``.

``/deck`` lets a server's moderators (Manage Server) bring their own material: import a Quizlet, CSV, Anki
or YAML file (a preview first, then **Import** or **Cancel**), list the decks the server sees, show one,
enable or disable any of them for the server, remove one it imported, and export one as YAML, CSV or an
Anki package. The decisions live in :mod:`bot.core.deckadmin`; this package renders them:

- ``cog``: ``Decks`` — the ``/deck`` commands and the deck-name autocomplete;
- ``views``: the preview's Import/Cancel buttons (``tutor:deckimport:<token>:<import|cancel>``);
- ``render``: the embeds and texts.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import acquire_services, add_cog, release_services
from cogs.decks.cog import Decks
from cogs.decks.views import IMPORT_BUTTON, ImportButton


async def setup(bot: commands.Bot) -> None:
    """Add the decks cog (building the services from the environment if the bot has none)."""
    services = await acquire_services(bot, __name__)
    await add_cog(bot, Decks(bot, services.decks), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)


__all__ = ["IMPORT_BUTTON", "Decks", "ImportButton", "setup", "teardown"]
