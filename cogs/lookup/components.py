"""The buttons and menu of a definition, as ``discord.ui.DynamicItem``s (their state is in the custom id,
so a definition posted yesterday still works after a restart).

Each checks where it is used before it shows anything:

- the card it names must be visible in the interaction's server (loaded, not retired: see
  ``LookupService.visible_card``), else the member is told it is gone;
- Previous/Next and the close-match menu change the message itself only for the member it answered
  (the owner in the custom id, or, when that id had no room for it, the member Discord records as the
  one the message answered); anyone else gets a private copy and the message stays as it is;
- a menu pick must be one of the menu's own options.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.core.errors import UserError
from bot.core.models import Card
from cogs._shared import DEFINE, NO_MENTIONS, get_services, guarded, practice_offered, reply
from cogs._shared import define_button as _define_button
from cogs.lookup.render import PAGE, PICK, definition_message, options_from_message, with_view


async def visible_card(interaction: discord.Interaction, key: str | None) -> Card:
    """The card a component names, if the interaction's server may see it (``NotFound`` otherwise)."""
    return await get_services(interaction.client).lookup.visible_card_async(
        key, guild_id=interaction.guild_id, user_id=interaction.user.id
    )


def may_change(interaction: discord.Interaction, owner: int) -> bool:
    """Whether the member who clicked may change the message: the owner the custom id names, or (owner
    0) the member Discord says the message answered. Nobody else, whatever the custom id says."""
    if not owner:
        message = interaction.message
        metadata = message.interaction_metadata if message is not None else None
        if metadata is None:
            return False
        owner = metadata.user.id
    return owner == interaction.user.id


async def send_definition(
    interaction: discord.Interaction,
    card: Card,
    *,
    ephemeral: bool,
    choices: Sequence[discord.SelectOption] = (),
    page: int = 0,
    notice: str | None = None,
) -> None:
    """Send a card's definition as the interaction's reply (or follow-up), owned by whoever asked."""
    services = get_services(interaction.client)
    shown, view = definition_message(
        services, card, page=page, owner=interaction.user.id, choices=choices, guild_id=interaction.guild_id,
        viewer=interaction.user.id, practice=practice_offered(interaction.client),
    )
    await reply(interaction, notice, embed=shown, ephemeral=ephemeral, **with_view(view))


async def edit_definition(
    interaction: discord.Interaction,
    card: Card,
    *,
    page: int,
    owner: int,
    choices: Sequence[discord.SelectOption],
    keep_notice: bool,
) -> None:
    """Show another page or card in the definition message the component belongs to (a typo notice
    stays for another page of the same card, and goes with the card)."""
    services = get_services(interaction.client)
    shown, view = definition_message(
        services, card, page=page, owner=owner, choices=choices, guild_id=interaction.guild_id,
        viewer=interaction.user.id, practice=practice_offered(interaction.client),
    )
    content: dict[str, Any] = {} if keep_notice else {"content": None}
    await interaction.response.edit_message(embed=shown, view=view, allowed_mentions=NO_MENTIONS, **content)


class DefineButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=DEFINE.template):
    """``tutor:define:<deck:card>``: show that card's definition privately to whoever clicked."""

    def __init__(self, key: str, label: str = "Define") -> None:
        super().__init__(_define_button(key, label))
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DefineButton:
        return cls(DEFINE.parse(match)["key"], getattr(item, "label", None) or "Define")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the card's definition privately."""
        await send_definition(interaction, await visible_card(interaction, self.key), ephemeral=True)


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=PAGE.template):
    """``tutor:defpage:<p|n>:<page>:<owner>:<deck:card>``: Previous/Next through a long explanation."""

    def __init__(self, direction: str, page: int, owner: int, key: str) -> None:
        custom_id = PAGE.build(dir=direction, page=page, owner=owner, key=key)
        super().__init__(discord.ui.Button(label="Next" if direction == "n" else "Previous", custom_id=custom_id))
        self.page = page
        self.owner = owner
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PageButton:
        values = PAGE.parse(match)
        return cls(values["dir"], int(values["page"]), int(values["owner"]), values["key"])

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Turn the page: in place for the owner, in a private copy for anyone else."""
        card = await visible_card(interaction, self.key)
        choices = options_from_message(interaction.message)
        if may_change(interaction, self.owner):
            await edit_definition(
                interaction, card, page=self.page, owner=self.owner, choices=choices, keep_notice=True
            )
        else:  # someone else's definition: page through a private copy
            await send_definition(interaction, card, ephemeral=True, choices=choices, page=self.page)


class PickSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=PICK.template):
    """``tutor:defpick:<owner>``: the menu of other close matches; the owner switches the message,
    anyone else gets a private copy."""

    def __init__(self, owner: int, options: Sequence[discord.SelectOption] = ()) -> None:
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=PICK.build(owner=owner), options=list(options) or [discord.SelectOption(label="-")]
        )
        super().__init__(select)
        self.owner = owner
        self.options = list(options)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PickSelect:
        return cls(int(PICK.parse(match)["owner"]), list(getattr(item, "options", ()) or ()))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the picked card: in place for the owner, in a private copy for anyone else."""
        picked = next(iter(self.item.values), None)
        if picked not in {o.value for o in self.options}:
            raise UserError("lookup.not_offered", "That card is not one of this menu's choices.")
        card = await visible_card(interaction, picked)
        if may_change(interaction, self.owner):
            await edit_definition(interaction, card, page=0, owner=self.owner, choices=self.options, keep_notice=False)
        else:
            await send_definition(interaction, card, ephemeral=True, choices=self.options)


DYNAMIC_ITEMS = (DefineButton, PageButton, PickSelect)
