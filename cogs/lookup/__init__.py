"""/define and /search: the deck as the server's glossary.

- ``cog``: the ``Lookup`` cog (/define with its autocomplete, /search);
- ``render``: what members read (embeds, labels, the typo notice, did-you-mean);
- ``components``: the buttons and menu, as ``discord.ui.DynamicItem``s whose state lives in the
  custom id, so a definition posted yesterday still pages, switches and opens "see also" after a restart:

  - ``tutor:define:<deck:card>`` (any cog may send it: ``_shared.define_button``): that card's
    definition, shown privately to whoever clicked;
  - ``tutor:defpage:<p|n>:<page>:<owner>:<deck:card>``: Previous/Next through a long explanation (the
    owner pages the message itself; anyone else gets a private copy to page through);
  - ``tutor:defpick:<owner>``: the select menu of other close matches.

The "Quiz me" button (``tutor:practice:<deck:card>``) is handled by the quiz cog.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import DEFINE, acquire_services, add_cog, release_services
from cogs.lookup.cog import Lookup
from cogs.lookup.components import DYNAMIC_ITEMS, DefineButton, PageButton, PickSelect
from cogs.lookup.render import (
    PAGE,
    PICK,
    card_name,
    define_button,
    definition_message,
    explanation_markdown,
    explanation_pages,
)


async def setup(bot: commands.Bot) -> None:
    await acquire_services(bot, __name__)
    await add_cog(bot, Lookup(bot), __name__)


async def teardown(bot: commands.Bot) -> None:
    await release_services(bot, __name__)


__all__ = [
    "DEFINE",
    "DYNAMIC_ITEMS",
    "PAGE",
    "PICK",
    "DefineButton",
    "Lookup",
    "PageButton",
    "PickSelect",
    "card_name",
    "define_button",
    "definition_message",
    "explanation_markdown",
    "explanation_pages",
]
