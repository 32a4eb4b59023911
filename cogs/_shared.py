"""What every tutorbot cog shares: finding the services, safe sending, embeds, errors, the answer modal.

Cogs type against ``commands.Bot`` and ``discord.Interaction`` only, so they load into any bot. If the host
bot did not build ``Services`` itself (as our runner does), the first cog to load builds them from the
environment (``TUTOR_*`` settings) and the last one to unload closes them.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.core.errors import UserError
from bot.core.service import Services
from cogs._format import (  # noqa: F401  (re-exported while the cogs move to cogs._format)
    COLOUR,
    COLOUR_BAD,
    COLOUR_OK,
    CONTENT_MAX,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FOOTER_MAX,
    TITLE_MAX,
    add_field,
    card_text,
    clip,
    display_name,
    embed,
    escape,
    paginate,
    render_error,
    timestamp,
)

log = logging.getLogger(__name__)

ATTR = "tutor_services"
OWNERS_ATTR = "_tutor_service_owners"
CUSTOM_ID_PREFIX = "tutor:"
NO_MENTIONS = discord.AllowedMentions.none()

_lock = asyncio.Lock()


# -- services -----------------------------------------------------------------------------------
def get_services(bot: commands.Bot) -> Services:
    """The tutorbot services attached to this bot (built by the runner or by the first cog's setup)."""
    services = getattr(bot, ATTR, None)
    if services is None:
        raise RuntimeError("tutorbot services are not ready; load a tutorbot cog with `await bot.load_extension`")
    return services


async def acquire_services(bot: commands.Bot, owner: str) -> Services:
    """Called from a cog's ``setup``: return the bot's services, building them from the environment if needed."""
    async with _lock:
        services = getattr(bot, ATTR, None)
        if services is None:
            services = await Services.create(Settings.from_env().core)
            setattr(bot, ATTR, services)
            setattr(bot, OWNERS_ATTR, set())
        owners = getattr(bot, OWNERS_ATTR, None)
        if owners is not None:
            owners.add(owner)
        return services


async def release_services(bot: commands.Bot, owner: str) -> None:
    """Called from a cog's ``teardown``: close the services when the cogs built them and the last one leaves."""
    async with _lock:
        owners = getattr(bot, OWNERS_ATTR, None)
        if owners is None:  # built by the host bot: it closes them
            return
        owners.discard(owner)
        if not owners:
            services = getattr(bot, ATTR, None)
            delattr(bot, OWNERS_ATTR)
            if services is not None:
                delattr(bot, ATTR)
                await services.close()


# -- replies ------------------------------------------------------------------------------------
async def reply(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    ephemeral: bool = False,
    **kwargs: Any,
) -> None:
    """Respond to an interaction (or follow up if already responded), never pinging anyone."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if content is not None:
        content = clip(content, CONTENT_MAX)
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=ephemeral, **kwargs)


async def reply_error(interaction: discord.Interaction, message: str, *, code: str | None = None) -> None:
    """A short ephemeral error; safe to call however far the interaction has got."""
    text = f"⚠️ {message}" + (f" (`{code}`)" if code else "")
    try:
        await reply(interaction, text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not send the error message to the user", exc_info=True)


# Table-driven error handling: exception type -> (user message, code). The first match wins.
ERROR_TABLE: list[tuple[type[BaseException], str | None, str]] = [
    (app_commands.CheckFailure, "You can't use this command here.", "E-CHECK"),
    (app_commands.CommandOnCooldown, "Slow down a little and try again in a moment.", "E-COOLDOWN"),
    (discord.Forbidden, "I'm missing a permission in this channel to do that.", "E-FORBIDDEN"),
    (discord.NotFound, "That message or channel no longer exists.", "E-GONE"),
]


async def handle_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Turn any error from a command or component into an ephemeral message; log the unexpected ones."""
    original = getattr(error, "original", None) or error
    if isinstance(original, UserError):
        log.info("user error %s: %s", original.code, original)
        await reply_error(interaction, render_error(original))
        return
    if isinstance(error, app_commands.MissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        await reply_error(interaction, f"You need the **{perms}** permission to do that.", code="E-PERM")
        return
    if isinstance(error, app_commands.BotMissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        await reply_error(interaction, f"I need the **{perms}** permission in this channel.", code="E-BOTPERM")
        return
    for kind, message, code in ERROR_TABLE:
        if isinstance(original, kind) or isinstance(error, kind):
            log.info("interaction error %s: %r", code, original)
            await reply_error(interaction, message or str(original), code=code)
            return
    ref = "E-" + secrets.token_hex(3).upper()
    log.error(
        "unexpected error %s in %s: %s",
        ref,
        getattr(interaction.command, "qualified_name", None) or (interaction.data or {}).get("custom_id"),
        "".join(traceback.format_exception(original)),
    )
    await reply_error(interaction, "Something went wrong on my side; it has been logged.", code=ref)


# -- the answer modal -----------------------------------------------------------------------
AnswerCallback = Callable[[discord.Interaction, str], Awaitable[None]]


class AnswerModal(discord.ui.Modal):
    """One text box for a typed answer; used by channel quizzes, practice and the daily question."""

    def __init__(
        self,
        title: str,
        on_answer: AnswerCallback,
        *,
        label: str = "Your answer",
        long: bool = False,
        timeout: float | None = 600,
    ) -> None:
        super().__init__(title=clip(title, 45), timeout=timeout)
        self._on_answer = on_answer
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            label=clip(label, 45),
            style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
            max_length=4000 if long else 400,
            required=True,
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._on_answer(interaction, self.answer.value or "")

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_error(interaction, error)


async def check_channel_permissions(
    channel: discord.abc.GuildChannel | discord.Thread | None, me: discord.Member | None, *extra: str
) -> list[str]:
    """The permissions the bot lacks in ``channel`` to post embeds there (readable names)."""
    if channel is None or me is None:
        return []
    perms = channel.permissions_for(me)
    needed = ["view_channel", "send_messages", "embed_links", *extra]
    if isinstance(channel, discord.Thread):
        needed = ["view_channel", "send_messages_in_threads", "embed_links", *extra]
    return [p.replace("_", " ").title() for p in needed if not getattr(perms, p, False)]


# -- cross-cog buttons ------------------------------------------------------------------------------
# Buttons whose clicks another cog handles through a ``discord.ui.DynamicItem`` with the same custom_id
# template, so they work after a restart and need no import between cogs:
#   tutor:practice:<deck:card>  -> cogs.quiz starts a one-question private practice on that card
#   tutor:define:<deck:card>    -> cogs.lookup shows that card's definition
PRACTICE_ID = CUSTOM_ID_PREFIX + "practice:{key}"
DEFINE_ID = CUSTOM_ID_PREFIX + "define:{key}"


def practice_button(card_key: str, *, label: str = "Quiz me", row: int | None = None) -> discord.ui.Button:
    return discord.ui.Button(
        style=discord.ButtonStyle.success, label=label, emoji="🧠", custom_id=PRACTICE_ID.format(key=card_key)[:100], row=row
    )


def define_button(card_key: str, label: str, *, row: int | None = None) -> discord.ui.Button:
    return discord.ui.Button(
        style=discord.ButtonStyle.secondary, label=clip(label, 80), custom_id=DEFINE_ID.format(key=card_key)[:100], row=row
    )
