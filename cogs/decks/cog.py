"""``/deck``: moderators (Manage Server) bring their own decks and choose which ones the server uses.

Every decision (reading the file, what is askable, the one-transaction import, who sees which deck) is
made by the deck service (``bot.core.deckadmin``); the cog checks the member's permission, fetches the
attachment and renders the results. Every reply is private to the moderator.
"""

from __future__ import annotations

import io
import logging
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.catalog import REMOVED_SUFFIX, removed_name
from bot.core.deckadmin import DeckAdmin
from bot.core.disputes import insight_csv
from bot.core.errors import NotFound, Quote
from bot.core.importers import ImportRefused
from bot.core.importers.common import size_text
from cogs._format import clip
from cogs._shared import (
    DISCORD_ERRORS,
    NO_MENTIONS,
    TutorCog,
    defer,
    get_services,
    guarded,
    reply,
    require_manage_guild,
    upload_refused,
)
from cogs.decks import render
from cogs.decks.views import COG_NAME, DYNAMIC_ITEMS, ImportButton, preview_view
from cogs.disputes import insight_embed

log = logging.getLogger(__name__)

#: What members without Manage Server are told they cannot do.
MANAGE_ACTION = "manage the server's decks"
#: A deck's name as typed: a slug the service checks (the autocomplete offers the server's decks).
DeckName = app_commands.Range[str, 1, 100]


class Decks(TutorCog, name=COG_NAME):
    """Import, list, enable, disable, remove and export the decks this server uses."""

    group = app_commands.Group(
        name="deck",
        description="Bring your own decks: import, list, enable, disable, remove, export",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: commands.Bot, service: DeckAdmin) -> None:
        self.bot = bot
        self.service = service

    async def cog_load(self) -> None:
        """Handle the preview buttons."""
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    # -- import ----------------------------------------------------------------------------------
    @group.command(name="import")
    @app_commands.describe(
        file="a Quizlet or Anki text export, a CSV, an Anki .apkg, or a deck YAML",
        name="the deck's name (default: from the file), e.g. biology-101",
    )
    @guarded
    async def import_(
        self, interaction: discord.Interaction, file: discord.Attachment, name: DeckName | None = None
    ) -> None:
        """Import a deck from a file: a preview first, then Import or Cancel."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        limit = self.service.max_upload_bytes(file.filename)
        if file.size > limit:  # refused from its declared size, without downloading it
            raise ImportRefused(
                "import.too_large",
                "{file} is {size}; a deck file may be at most {limit}",
                file=Quote(file.filename),
                size=size_text(file.size, beside=limit),
                limit=size_text(limit, beside=file.size),
            )
        await defer(interaction, ephemeral=True, thinking=True)
        data = await file.read()
        preview = await self.service.preview(guild.id, file.filename, data, name, user_id=interaction.user.id)
        kwargs: dict[str, Any] = {"embed": render.preview_embed(preview), "view": preview_view(preview.token)}
        if render.needs_report(preview):
            kwargs["file"] = render.report_file(preview)
        await reply(interaction, ephemeral=True, **kwargs)

    async def on_import_button(self, interaction: discord.Interaction, button: ImportButton) -> None:
        """Import: the whole deck in one transaction, then the preview says so. Cancel: nothing imported."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        if button.action == "cancel":
            dropped = self.service.cancel(guild.id, button.token)
            # (a preview no longer known may have been imported before a restart: "nothing was imported" is not said)
            shown = render.cancelled_embed() if dropped else render.preview_gone_embed()
            await interaction.response.edit_message(
                embed=shown, view=None, attachments=[], allowed_mentions=NO_MENTIONS
            )
            return
        await defer(interaction)
        done = await self.service.confirm(guild.id, button.token, user_id=interaction.user.id)
        shown = render.imported_embed(done)
        try:
            await interaction.edit_original_response(
                embed=shown, view=None, attachments=[], allowed_mentions=NO_MENTIONS
            )
        except DISCORD_ERRORS as exc:
            # The deck is imported: a preview Discord fails to edit must not make it look refused (Import again
            # would only say the preview has expired), so the moderator is told in a message of its own.
            log.warning("deck %s imported, but its preview could not say so: %s", done.name, exc)
            await interaction.followup.send(embed=shown, ephemeral=True, allowed_mentions=NO_MENTIONS)

    # -- the server's decks ----------------------------------------------------------------------
    @group.command(name="list")
    @guarded
    async def list_(self, interaction: discord.Interaction) -> None:
        """Every deck this server sees: imported here or the bot's, enabled or disabled."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await reply(interaction, embed=render.list_embed(await self.service.list(guild.id)), ephemeral=True)

    @group.command(name="info")
    @app_commands.describe(deck="the deck's name")
    @guarded
    async def info(self, interaction: discord.Interaction, deck: DeckName) -> None:
        """A deck's title, cards, tags, source and state in this server."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        details = await self.service.info(guild.id, deck.strip(), viewer=interaction.user.id)
        await reply(interaction, embed=render.info_embed(details), ephemeral=True)

    @group.command(name="enable")
    @app_commands.describe(deck="the deck's name")
    @guarded
    async def enable(self, interaction: discord.Interaction, deck: DeckName) -> None:
        """Use a deck in this server again: asked, defined, searched and posted daily."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await _acknowledge(interaction)
        info = await self.service.set_enabled(guild.id, deck.strip(), True)
        await reply(interaction, render.enabled_text(info), ephemeral=True)

    @group.command(name="disable")
    @app_commands.describe(deck="the deck's name")
    @guarded
    async def disable(self, interaction: discord.Interaction, deck: DeckName) -> None:
        """Stop using a deck in this server (members' history is kept)."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await _acknowledge(interaction)
        info = await self.service.set_enabled(guild.id, deck.strip(), False)
        await reply(interaction, render.enabled_text(info), ephemeral=True)

    @group.command(name="remove")
    @app_commands.describe(deck="the name of a deck imported in this server")
    @guarded
    async def remove(self, interaction: discord.Interaction, deck: DeckName) -> None:
        """Remove a deck imported here: its cards stop being asked; history and points are kept."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await _acknowledge(interaction)
        info = await self.service.remove(guild.id, deck.strip())
        await reply(interaction, render.removed_text(info), ephemeral=True)

    @group.command(name="export")
    @app_commands.describe(deck="the deck's name", format="yaml (imports back unchanged), csv, or anki (.apkg)")
    @guarded
    async def export(
        self, interaction: discord.Interaction, deck: DeckName, format: Literal["yaml", "csv", "anki"] = "yaml"
    ) -> None:
        """Download a deck as a file: YAML, CSV or an Anki package."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await defer(interaction, ephemeral=True, thinking=True)
        exported = await self.service.export(guild.id, deck.strip(), format, viewer=interaction.user.id)
        if (refused := upload_refused(interaction, exported.data)) is not None:
            await reply(interaction, refused, ephemeral=True)
            return
        attachment = discord.File(io.BytesIO(exported.data), filename=exported.filename)
        # (the deck's own name, not as typed: "BIOLOGY-101" exports biology-101)
        await reply(
            interaction,
            render.export_text(exported.name, format, exported.columns, held=exported.held),
            file=attachment,
            ephemeral=True,
        )

    @group.command(name="stats")
    @app_commands.describe(deck="the deck's name", csv="also attach the whole table as a CSV file")
    @guarded
    async def stats(self, interaction: discord.Interaction, deck: DeckName, csv: bool = False) -> None:
        """What the server's answers say about a deck: most-missed cards, common wrong answers, disputes."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        name = deck.strip().lower()
        services = get_services(self.bot)
        # Any deck the server knows, turned off or not (as /deck info finds it): its answers stay stored.
        found = services.catalog.named(guild.id, name)
        # (or one it removed: its answers are kept, and so is what they say)
        deck_id = found.id if found is not None else await self.service.removed(guild.id, name)
        if deck_id is None:
            raise NotFound("deck.unknown", "This server has no deck {deck}.", deck=Quote(name))
        # The insight reads every answer of the server on the deck: acknowledged first, privately.
        await defer(interaction, ephemeral=True, thinking=True)
        insight = await services.disputes.insight(guild.id, deck_id, viewer=interaction.user.id)
        shown = name if found is not None or name.endswith(REMOVED_SUFFIX) else removed_name(name)
        kwargs: dict[str, Any] = {"embed": insight_embed(insight, shown)}
        if csv and insight.cards:  # the same figures as the embed, read once (with no answer yet: no file of a header)
            data = insight_csv(insight).encode("utf-8-sig")  # (a BOM: spreadsheets read it as UTF-8)
            if (refused := upload_refused(interaction, data)) is not None:
                kwargs["content"] = refused
            else:
                kwargs["file"] = discord.File(io.BytesIO(data), filename=f"answers-{name}.csv")
        await reply(interaction, ephemeral=True, **kwargs)

    @stats.autocomplete("deck")
    async def stats_deck_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The server's deck names, and those of the decks it removed (their answers are kept), starting with
        what was typed."""
        if interaction.guild_id is None:
            return []
        try:
            names = await self.service.names_with_removed(interaction.guild_id, current.strip(), 25)
        except Exception:
            log.exception("deck stats autocomplete failed for %r", current[:100])
            return []
        return [app_commands.Choice(name=clip(n, 100), value=n[:100]) for n in names]

    @info.autocomplete("deck")
    @enable.autocomplete("deck")
    @disable.autocomplete("deck")
    @remove.autocomplete("deck")
    @export.autocomplete("deck")
    async def deck_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The server's deck names starting with what was typed (answered from memory)."""
        if interaction.guild_id is None:
            return []
        try:
            names = self.service.names(interaction.guild_id, current.strip(), 25)
        except Exception:
            log.exception("deck autocomplete failed for %r", current[:100])
            return []
        return [app_commands.Choice(name=clip(n, 100), value=n[:100]) for n in names]


async def _acknowledge(interaction: discord.Interaction) -> None:
    """Acknowledge a change privately before making it: its write may wait seconds for the write lock (another
    process writing) and the search refresh after it, and Discord drops an interaction not acknowledged within
    three seconds ("The application did not respond") although the change is saved."""
    await defer(interaction, ephemeral=True, thinking=True)
