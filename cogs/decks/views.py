"""The preview's **Import** and **Cancel** buttons (``tutor:deckimport:<token>:<import|cancel>``).

They are ``discord.ui.DynamicItem``s: the preview's token is in the custom id, so a click reaches the cog
however long the preview has been open. A preview the service no longer knows (a restart forgets pending
previews: nothing was imported) is refused with a clear message by the service itself.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.errors import UserError
from cogs._ids import CustomId
from cogs._shared import cog_named, handle_error

COG_NAME = "Decks"
#: Import or cancel the pending import ``token`` (the deck service's short id for a preview).
IMPORT_BUTTON = CustomId("deckimport", token=r"[A-Za-z0-9_-]{1,64}", action=r"import|cancel")
_LOOKS: dict[str, tuple[str, discord.ButtonStyle]] = {
    "import": ("Import", discord.ButtonStyle.success),
    "cancel": ("Cancel", discord.ButtonStyle.secondary),
}


class ImportButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=IMPORT_BUTTON.template):
    """Import the previewed deck, or cancel the preview."""

    def __init__(self, token: str, action: str) -> None:
        label, style = _LOOKS[action]
        super().__init__(
            discord.ui.Button(style=style, label=label, custom_id=IMPORT_BUTTON.build(token=token, action=action))
        )
        self.token = token
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ImportButton:
        values = IMPORT_BUTTON.parse(match)
        return cls(values["token"], values["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the decks cog."""
        try:
            client = interaction.client
            cog = cog_named(client, COG_NAME)
            handler = getattr(cog, "on_import_button", None)
            if handler is None:
                raise UserError("deck.unavailable", "Deck imports are not available right now.")
            await handler(interaction, self)
        except Exception as exc:
            await handle_error(interaction, exc)


def preview_view(token: str) -> discord.ui.View:
    """Import and Cancel for a preview (sent only: clicks are dispatched to ``ImportButton``)."""
    view = discord.ui.View(timeout=None)
    view.add_item(ImportButton(token, "import"))
    view.add_item(ImportButton(token, "cancel"))
    view.stop()
    return view


DYNAMIC_ITEMS = (ImportButton,)
