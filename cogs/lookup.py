"""/define and /search: the deck as the server's glossary.

Every button and menu this cog sends is handled by a ``discord.ui.DynamicItem`` whose state lives in the
custom_id, so a definition posted yesterday still pages, switches and opens "see also" after a restart:

- ``tutor:define:<deck:card>`` (any cog may send it: ``_shared.define_button``): that card's definition,
  shown privately to whoever clicked;
- ``tutor:defpage:<p|n>:<page>:<owner>:<deck:card>``: Previous/Next through a long explanation (the owner
  pages the message itself; anyone else gets a private copy to page through);
- ``tutor:defpick:<owner>``: the select menu of other close matches.

The "Quiz me" button (``tutor:practice:<deck:card>``) is handled by the quiz cog.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserError
from bot.core.lookup import DEFINE_EMPTY, DefineResult, Match, SearchHit, explanation_segments
from bot.core.models import Card
from bot.core.service import Services
from cogs._format import add_field, card_text, clip, embed, escape, paginate
from cogs._ids import CARD_KEY, SNOWFLAKE, CustomId
from cogs._shared import (
    DEFINE,
    NO_MENTIONS,
    PRACTICE,
    TutorCog,
    acquire_services,
    get_services,
    guarded,
    practice_button,
    release_services,
    reply,
)
from cogs._shared import define_button as _define_button

log = logging.getLogger(__name__)

#: Characters of explanation per page: with the title, four clipped fields and the footer an embed stays
#: well under Discord's 6,000-character total.
PAGE_CHARS = 3500
FIELD_CHARS = 400
SEE_ALSO_BUTTONS = 4
SEARCH_RESULTS = 8
SNIPPET_CHARS = 300

#: What /define and /search take: a term (autocompleted) and free text.
TermText = app_commands.Range[str, 1, 200]
SearchText = app_commands.Range[str, 1, 300]

# The define button (``DEFINE``, ``define_button``) is shared with the other cogs in ``cogs._shared``.
#: Previous/Next through a long explanation: the page to show, who may page the message itself (0: anyone).
PAGE = CustomId("defpage", dir=r"[pn]", page=r"\d{1,3}", owner=SNOWFLAKE, key=CARD_KEY)
#: The menu of other close matches: who may switch the message itself.
PICK = CustomId("defpick", owner=SNOWFLAKE)


# -- rendering ------------------------------------------------------------------------------------
def card_name(card: Card) -> str:
    """How a card is named: its term, or its question when it has none."""
    return card.term or card.question


def define_button(card_key: str, label: str, *, row: int | None = None) -> discord.ui.Button[Any] | None:
    """A button that shows the card's definition privately to whoever clicks (None if its id cannot fit)."""
    return _define_button(card_key, label, row=row) if DEFINE.fits(key=card_key) else None


def explanation_markdown(card: Card) -> str:
    """The card's explanation as deck markdown, the term written in bold into any ``___`` blank."""
    return "".join(f"**{text}**" if is_term else text for text, is_term in explanation_segments(card))


def explanation_pages(card: Card) -> list[str]:
    """The explanation split at paragraph/sentence boundaries, with **bold** runs kept balanced per page."""
    pages = paginate(card_text(explanation_markdown(card)), PAGE_CHARS) or [""]
    out: list[str] = []
    carry = False
    for page in pages:
        if carry:
            page = "**" + page
        carry = page.count("**") % 2 == 1
        out.append(page + ("**" if carry else ""))
    return [p if p.strip("* \n") else "\u200b" for p in out]


def _frozen_view(items: Sequence[discord.ui.Item[Any]]) -> discord.ui.View | None:
    """A view for sending only: its clicks are dispatched to the DynamicItems, so it is never stored."""
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def _with_view(view: discord.ui.View | None) -> dict[str, Any]:
    """Keyword arguments for a send: the view when there is one."""
    return {"view": view} if view is not None else {}


def _page_id(direction: str, page: int, owner: int, key: str) -> str | None:
    """The id of a page button, for anyone (owner 0) when the owner's id makes it too long."""
    for who in (owner, 0):
        if PAGE.fits(dir=direction, page=page, owner=who, key=key):
            return PAGE.build(dir=direction, page=page, owner=who, key=key)
    return None


def definition_message(
    services: Services,
    card: Card,
    *,
    page: int = 0,
    owner: int = 0,
    choices: Sequence[discord.SelectOption] = (),
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The embed (one page of the explanation) and the components for a card's definition."""
    pages = explanation_pages(card)
    page = max(0, min(page, len(pages) - 1))
    see_also = services.lookup.see_also(card)

    e = embed(title=card_name(card), description=pages[page])
    if card.term and card.aliases:
        add_field(e, "Also called", clip(", ".join(escape(a) for a in card.aliases), FIELD_CHARS), inline=False)
    if card.tags:
        add_field(e, "Tags", clip(" ".join(f"`{t}`" for t in card.tags), FIELD_CHARS), inline=True)
    add_field(e, "Deck", clip(escape(services.lookup.deck_title(card)), FIELD_CHARS), inline=True)
    if see_also:
        add_field(e, "See also", clip(", ".join(escape(card_name(c)) for c in see_also), FIELD_CHARS), inline=False)
    footer = card.key
    if len(pages) > 1:
        footer += f" · page {page + 1}/{len(pages)}"
    if not card.askable:
        footer += f" · incomplete card: {card.note or 'not asked in quizzes'}"
    e.set_footer(text=clip(footer, 300))

    items: list[discord.ui.Item[Any]] = []
    if len(pages) > 1:
        prev_id = _page_id("p", max(0, page - 1), owner, card.key)
        next_id = _page_id("n", min(len(pages) - 1, page + 1), owner, card.key)
        if prev_id and next_id:
            items.append(
                discord.ui.Button(label="Previous", emoji="◀️", custom_id=prev_id, disabled=page == 0, row=0)
            )
            items.append(
                discord.ui.Button(label="Next", emoji="▶️", custom_id=next_id, disabled=page >= len(pages) - 1, row=0)
            )
    if card.askable and PRACTICE.fits(key=card.key):
        items.append(practice_button(card.key, row=0))
    if len(choices) >= 2:
        options = [
            discord.SelectOption(label=o.label, value=o.value, description=o.description, default=o.value == card.key)
            for o in choices
        ]
        items.append(
            discord.ui.Select(
                custom_id=PICK.build(owner=owner),
                placeholder=f"{len(options) - 1} other close match{'es' if len(options) > 2 else ''}…",
                options=options[:25],
                row=1,
            )
        )
    for other in see_also[:SEE_ALSO_BUTTONS]:
        button = define_button(other.key, f"See: {card_name(other)}", row=2)
        if button is not None:
            items.append(button)
    return e, _frozen_view(items)


def match_options(result: DefineResult) -> list[discord.SelectOption]:
    """Select options for a definition with close rivals: the card shown first, then the others."""
    if result.card is None or not result.others:
        return []
    first = Match(card=result.card, score=result.score, matched=result.matched or "", kind="term")
    options = []
    for m in (first, *result.others[:24]):
        if len(m.card.key) > 100:
            continue
        description = clip(m.card.question, 100) if m.card.term else None
        options.append(discord.SelectOption(label=clip(card_name(m.card), 100), value=m.card.key, description=description))
    return options


def options_from_message(message: discord.Message | None) -> list[discord.SelectOption]:
    """The close-match menu of a definition message, so paging keeps it (it lives only in the message)."""
    if message is None:
        return []
    for row in message.components:
        for child in getattr(row, "children", ()):
            if isinstance(child, discord.SelectMenu) and PICK.matches(child.custom_id or ""):
                return list(child.options)
    return []


def _define_buttons(cards: Sequence[Card], *, row: int | None = None, numbered: bool = False) -> list[discord.ui.Item[Any]]:
    """Define buttons for ``cards`` (those whose id fits), labelled with their names."""
    out: list[discord.ui.Item[Any]] = []
    for i, card in enumerate(cards, start=1):
        label = f"{i}. {card_name(card)}" if numbered else card_name(card)
        button = define_button(card.key, label, row=(i - 1) // 5 if numbered else row)
        if button is not None:
            out.append(button)
    return out


def not_found_message(result: DefineResult) -> tuple[str, discord.ui.View | None]:
    """The private reply to a /define that found nothing: the did-you-mean list, as text and buttons."""
    shown = escape(clip(result.query, 100))
    text = f"No card for *{shown}*."
    if result.suggestions:
        names = ", ".join(f"**{escape(clip(card_name(m.card), 120).rstrip('?'))}**" for m in result.suggestions)
        text += f" Did you mean: {names}?"
    else:
        text += " Try `/search` to look inside the explanations."
    return text, _frozen_view(_define_buttons([m.card for m in result.suggestions[:5]], row=0))


def snippet_markdown(hit: SearchHit) -> str:
    """A search snippet escaped for Discord, matched words in bold."""
    parts = []
    for text, highlighted in hit.segments():
        text = escape(re.sub(r"\s+", " ", text))
        parts.append(f"**{text}**" if highlighted and text.strip() else text)
    return clip("".join(parts).strip(), SNIPPET_CHARS)


async def send_definition(
    interaction: discord.Interaction,
    card: Card,
    *,
    ephemeral: bool,
    choices: Sequence[discord.SelectOption] = (),
    page: int = 0,
) -> None:
    """Send a card's definition as the interaction's reply (or follow-up)."""
    services = get_services(interaction.client)
    shown, view = definition_message(services, card, page=page, owner=interaction.user.id, choices=choices)
    await reply(interaction, embed=shown, ephemeral=ephemeral, **_with_view(view))


async def edit_definition(
    interaction: discord.Interaction, card: Card, *, page: int, owner: int, choices: Sequence[discord.SelectOption]
) -> None:
    """Show another page or card in the definition message the component belongs to."""
    services = get_services(interaction.client)
    shown, view = definition_message(services, card, page=page, owner=owner, choices=choices)
    await interaction.response.edit_message(embed=shown, view=view, allowed_mentions=NO_MENTIONS)


def _existing_card(interaction: discord.Interaction, key: str | None) -> Card:
    """The card a component names (raises ``NotFound`` when it left the deck since it was sent)."""
    return get_services(interaction.client).lookup.existing_card(key)


# -- persistent components --------------------------------------------------------------------------
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
        await send_definition(interaction, _existing_card(interaction, self.key), ephemeral=True)


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=PAGE.template):
    """Previous/Next through a long explanation."""

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
        card = _existing_card(interaction, self.key)
        choices = options_from_message(interaction.message)
        if self.owner in (0, interaction.user.id):
            await edit_definition(interaction, card, page=self.page, owner=self.owner, choices=choices)
        else:  # someone else's public definition: page through a private copy
            await send_definition(interaction, card, ephemeral=True, choices=choices, page=self.page)


class PickSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=PICK.template):
    """The menu of other close matches: the owner switches the message, anyone else gets a private copy."""

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
        card = _existing_card(interaction, next(iter(self.item.values), None))
        if self.owner in (0, interaction.user.id):
            await edit_definition(interaction, card, page=0, owner=self.owner, choices=self.options)
        else:
            await send_definition(interaction, card, ephemeral=True, choices=self.options)


DYNAMIC_ITEMS = (DefineButton, PageButton, PickSelect)


# -- the cog ------------------------------------------------------------------------------------------
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
        result = services.lookup.define(term)
        if result.card is None:
            if result.code == DEFINE_EMPTY:
                raise UserError(DEFINE_EMPTY, result.reason or "Type a term to look up.")
            text, view = not_found_message(result)
            await reply(interaction, text, ephemeral=True, **_with_view(view))
            return
        await send_definition(interaction, result.card, ephemeral=private, choices=match_options(result))

    @define.autocomplete("term")
    async def define_term_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            suggestions = get_services(self.bot).lookup.suggest(current, 25)
        except Exception:
            log.exception("autocomplete failed for %r", current[:100])
            return []
        choices = []
        for label, key in suggestions:
            value = key if len(key) <= 100 else clip(label, 100)
            choices.append(app_commands.Choice(name=clip(label, 100) or key[:100], value=value))
        return choices

    @app_commands.command(name="search")
    @app_commands.describe(text="Words to look for in questions and explanations", private="Show the results only to you")
    @guarded
    async def search(self, interaction: discord.Interaction, text: SearchText, private: bool = False) -> None:
        """Search the deck's questions and explanations."""
        services = get_services(self.bot)
        hits = await services.lookup.search(text, limit=SEARCH_RESULTS)
        shown = escape(clip(text.strip(), 100))
        if not hits:
            near = services.lookup.define(text)
            message = f"No card mentions *{shown}*."
            buttons: list[discord.ui.Item[Any]] = []
            if near.card is not None:
                message += f" There is a card for **{escape(card_name(near.card))}**."
                buttons = _define_buttons([near.card])
            elif near.suggestions:
                message += (
                    " Did you mean: "
                    + ", ".join(f"**{escape(clip(card_name(m.card), 120).rstrip('?'))}**" for m in near.suggestions)
                    + "?"
                )
                buttons = _define_buttons([m.card for m in near.suggestions[:5]])
            view = _frozen_view(buttons)
            await reply(interaction, message, ephemeral=True, **_with_view(view))
            return
        e = embed(title=f"Search: {escape(clip(text.strip(), 200))}")
        lines = [f"**{i}. {escape(card_name(hit.card))}**\n{snippet_markdown(hit)}" for i, hit in enumerate(hits, 1)]
        buttons = _define_buttons([hit.card for hit in hits], numbered=True)
        e.description = clip("\n\n".join(lines), 4000)
        e.set_footer(text=f"{len(hits)} card{'s' if len(hits) != 1 else ''} · a button opens the definition")
        view = _frozen_view(buttons)
        await reply(interaction, embed=e, ephemeral=private, **_with_view(view))


async def setup(bot: commands.Bot) -> None:
    await acquire_services(bot, __name__)
    await bot.add_cog(Lookup(bot))


async def teardown(bot: commands.Bot) -> None:
    await release_services(bot, __name__)


__all__ = ["Lookup", "DefineButton", "PageButton", "PickSelect"]
