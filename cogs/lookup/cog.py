"""The /define and /search commands, and /define's autocomplete."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserError
from bot.core.lookup import DEFINE_EMPTY
from bot.core.text import fold
from cogs._format import clip
from cogs._shared import TutorCog, before_deadline, get_services, guarded, reply
from cogs._verdicts import tell_notices_aside
from cogs.lookup.components import DYNAMIC_ITEMS, send_definition
from cogs.lookup.render import (
    MENTIONS_SHOWN,
    SEARCH_RESULTS,
    correction_notice,
    match_options,
    no_search_results,
    not_found_message,
    search_results,
    told_apart,
    with_view,
)

log = logging.getLogger(__name__)

#: What /define and /search take: a term (autocompleted; as long as a deck may write a term or an alias,
#: ``decks.TEXT_MAX``) and free text.
TermText = app_commands.Range[str, 1, 300]
SearchText = app_commands.Range[str, 1, 300]


class Lookup(TutorCog):
    """The deck as the server's glossary: /define and /search."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    @app_commands.command(name="define")
    @app_commands.describe(term="A term, alias or acronym (typos are fine)", private="Show the answer only to you")
    @guarded
    async def define(self, interaction: discord.Interaction, term: TermText, private: bool = False) -> None:
        """Look a term up in the deck: its explanation, tags and related terms."""
        services = get_services(self.bot)
        result = await services.lookup.define_async(term, guild_id=interaction.guild_id, user_id=interaction.user.id)
        if result.card is None:
            if result.code == DEFINE_EMPTY:
                raise UserError(DEFINE_EMPTY, result.reason or "Type a term to look up.")
            # (the cards that mention the term, as /search finds them: one more than is listed besides those
            # suggested, so the reply can say more do)
            wanted = MENTIONS_SHOWN + 1 + len(result.suggestions)
            mentions = await services.lookup.mentions(term, wanted, guild_id=interaction.guild_id, user_id=interaction.user.id)
            text, view = not_found_message(result, services.catalog.name, [hit.card for hit in mentions])
            await reply(interaction, text, ephemeral=True, **with_view(view))
            return
        await send_definition(
            interaction,
            result.card,
            ephemeral=private,
            choices=match_options(result, services.catalog.name),
            notice=correction_notice(result),
        )
        await tell_notices_aside(interaction)

    @define.autocomplete("term")
    async def define_term_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            services = get_services(self.bot)
            suggestions = await services.lookup.suggest_async(current, 25, guild_id=interaction.guild_id, user_id=interaction.user.id)
            # (a term of the server's own deck and a shipped deck's: each named with its deck)
            decks = [getattr(services.lookup.card(key), "deck", key) for _, key in suggestions]
            names = told_apart(
                [(label, deck) for (label, _), deck in zip(suggestions, decks, strict=True)], services.catalog.name, 100
            )
        except Exception:
            log.exception("autocomplete failed for %r", current[:100])
            return []
        choices = []
        for (label, key), name in zip(suggestions, names, strict=True):
            value = key if len(key) <= 100 else clip(label, 100)
            choices.append(app_commands.Choice(name=name or key[:100], value=value))
        return choices

    @app_commands.command(name="search")
    @app_commands.describe(text="Words to look for in questions and explanations", private="Show the results only to you")
    @guarded
    async def search(self, interaction: discord.Interaction, text: SearchText, private: bool = False) -> None:
        """Search the deck's questions and explanations."""
        if not _visible(text) or not fold(text):
            # (spaces or invisible characters, or only marks and emoji ("???", "🤖"): no word to search for, as
            # `/define` tells them)
            raise UserError("search.empty", "Type a word to search for.")
        services = get_services(self.bot)

        async def look() -> tuple[list[Any], Any]:
            # (one more than is listed: whether more cards match, so the reply never counts only those it lists)
            found = await services.lookup.search(text, limit=SEARCH_RESULTS + 1, guild_id=interaction.guild_id, user_id=interaction.user.id)
            closest = None if found else await services.lookup.define_async(text, guild_id=interaction.guild_id, user_id=interaction.user.id)
            return found, closest

        # (the first search of part of a Chinese or Japanese word in a large deck reads the decks' text first)
        hits, result = await before_deadline(interaction, look(), ephemeral=private)
        if not hits:
            message, view = no_search_results(text, result, services.catalog.name)
            await reply(interaction, message, ephemeral=True, **with_view(view))
            return
        shown, view = search_results(text, hits, services.catalog.name)
        await reply(interaction, embed=shown, ephemeral=private, **with_view(view))
        await tell_notices_aside(interaction)


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is not a space, a control or a format character."""
    return any(not unicodedata.category(c).startswith(("Z", "C")) for c in text)
