"""Permissions, as the cogs check them: who may manage the server, and what the bot lacks to post.

Re-exported by ``cogs._shared`` (import them from there).
"""

from __future__ import annotations

import discord

from bot.core.errors import Quote, UserError


def permission_name(permission: str) -> str:
    """A permission as Discord's client names it (``manage_guild`` -> ``Manage Server``)."""
    return _PERMISSION_NAMES.get(permission) or permission.replace("_", " ").title()


_PERMISSION_NAMES = {
    "manage_guild": "Manage Server",
    "administrator": "Administrator",
    "send_messages_in_threads": "Send Messages in Threads",
    "use_external_emojis": "Use External Emojis",
}


def require_manage_guild(interaction: discord.Interaction, *, action: str = "do that") -> discord.Guild:
    """The interaction's server, when the member may manage it: Manage Server (or Administrator) in this channel.

    Otherwise raises a ``UserError`` refusal (``handle_error`` shows it privately):
    "Only members with the Manage Server permission can {action}."
    """
    if interaction.guild is None:
        raise UserError("perm.guild_only", "This works in a server only: use it in one of its channels.")
    perms = interaction.permissions  # the member's rights in this channel, overwrites included
    if not (perms.manage_guild or perms.administrator):
        raise UserError(
            "perm.manage_guild",
            "Only members with the {permission} permission can {action}.",
            permission=Quote(permission_name("manage_guild")),
            action=action,
        )
    return interaction.guild


def _post_needs(channel: object, extra: tuple[str, ...]) -> list[str]:
    sending = "send_messages_in_threads" if isinstance(channel, discord.Thread) else "send_messages"
    return ["view_channel", sending, "embed_links", *extra]


def _lacking(perms: discord.Permissions, needed: list[str]) -> list[str]:
    return [permission_name(p) for p in needed if not getattr(perms, p, False)]


def bot_missing_permissions(interaction: discord.Interaction, *extra: str) -> list[str]:
    """The permissions the bot lacks to post embeds in the interaction's channel (readable names)."""
    return _lacking(interaction.app_permissions, _post_needs(interaction.channel, extra))


async def check_channel_permissions(
    channel: discord.abc.GuildChannel | discord.Thread | None, me: discord.Member | None, *extra: str
) -> list[str]:
    """The permissions the bot lacks to post embeds in another ``channel`` (readable names)."""
    if channel is None or me is None:
        return []
    return _lacking(channel.permissions_for(me), _post_needs(channel, extra))
