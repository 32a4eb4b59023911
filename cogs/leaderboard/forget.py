"""``/forget-me``: a member deletes what the bot keeps about them in a server, after a private confirmation.

The command only shows what would be deleted, privately, with **Delete my data** and **Cancel**
(``tutor:forget:<member id>:<delete|cancel>``: restart-safe ``DynamicItem``s; the id names the member who asked, and
only they may press them, in the server the click comes from). Delete runs ``ForgetService.forget_member`` (one
transaction) and the message then says what was deleted; Cancel deletes nothing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord.ext import commands

from bot.core.errors import UserError
from bot.core.forget import MemberForgotten
from cogs._format import embed, plural, set_footer
from cogs._ids import SNOWFLAKE, CustomId
from cogs._shared import handle_error

log = logging.getLogger(__name__)

COG_NAME = "Leaderboard"
#: tutor:forget:<member id>:<delete|cancel>
FORGET_BUTTON = CustomId("forget", owner=SNOWFLAKE, action=r"delete|cancel")
_LOOKS: dict[str, tuple[str, discord.ButtonStyle]] = {
    "delete": ("Delete my data", discord.ButtonStyle.danger),
    "cancel": ("Cancel", discord.ButtonStyle.secondary),
}
FORGET_COLOUR = discord.Colour.red()

#: What is deleted, said before the member confirms (whatever their counts are).
WHAT_GOES = (
    "- every answer you gave here (quizzes, the daily question, practice, /review), your points on the "
    "leaderboards and everything `/stats` shows of you\n"
    "- your daily streak and daily answers\n"
    "- your `/review` schedule and its history, your review settings and reminder\n"
    "- your disputes (\"I was right\") and your practice sessions"
)
WHAT_STAYS = (
    "Other members keep what they earned, in quizzes you played too. Quizzes you started or won stay in the "
    "server's records without your name (nobody else is made their winner). An answer the moderators accepted "
    "because of your dispute stays: it is the server's now. Your data in other servers is not touched."
)


def confirm_embed(counts: MemberForgotten) -> discord.Embed:
    """What the member is asked to confirm: what goes, what stays, and that it cannot be undone."""
    e = embed("Delete your data in this server?", colour=FORGET_COLOUR)
    found = _counts_text(counts)
    e.description = (
        "This deletes everything I keep about you in this server, for good:\n"
        f"{WHAT_GOES}\n\n"
        f"{'Right now that is ' + found + '.' if found else 'I keep nothing about you here right now.'}\n\n"
        f"{WHAT_STAYS}\n\n**This cannot be undone.**"
    )
    set_footer(e, "Delete my data deletes it all at once · Cancel deletes nothing")
    return e


def done_embed(done: MemberForgotten) -> discord.Embed:
    """What was deleted."""
    found = _counts_text(done)
    text = f"Deleted {found}." if found else "There was nothing of yours to delete."
    e = embed("Your data in this server was deleted", text, colour=FORGET_COLOUR)
    set_footer(e, "What you do from now on is kept as for anyone · /forget-me deletes it again")
    return e


def cancelled_embed() -> discord.Embed:
    return embed("Nothing was deleted", "Your data in this server is as it was.")


def _counts_text(c: MemberForgotten) -> str:
    parts = []
    if c.answers:
        parts.append(plural(c.answers, "answer"))
    if c.review_cards or c.reviews:
        parts.append(f"{plural(c.review_cards, 'card')} of your review schedule ({plural(c.reviews, 'review')})")
    if c.review_settings:
        parts.append("your review settings")
    if c.daily_answers:
        parts.append(plural(c.daily_answers, "daily answer"))
    if c.streak:
        parts.append("your daily streak")
    if c.disputes:
        parts.append(plural(c.disputes, "dispute"))
    if c.practice:
        parts.append(plural(c.practice, "practice session"))
    if not parts and c.rows:
        parts.append(plural(c.rows, "record"))
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=FORGET_BUTTON.template):
    """Delete the member's data, or cancel."""

    def __init__(self, owner: int, action: str) -> None:
        label, style = _LOOKS[action]
        super().__init__(
            discord.ui.Button(style=style, label=label, custom_id=FORGET_BUTTON.build(owner=owner, action=action))
        )
        self.owner = owner
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ForgetButton:
        values = FORGET_BUTTON.parse(match)
        return cls(int(values["owner"]), values["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the leaderboard cog."""
        try:
            if interaction.user.id != self.owner:
                raise UserError("forget.not_yours", "Only the member who asked can confirm this.")
            client = interaction.client
            cog = client.get_cog(COG_NAME) if isinstance(client, commands.Bot) else None
            handler = getattr(cog, "on_forget_button", None)
            if handler is None:
                raise UserError("forget.unavailable", "Deleting your data is not available right now.")
            await handler(interaction, self)
        except Exception as exc:
            await handle_error(interaction, exc)


def confirm_view(owner: int) -> discord.ui.View:
    """Delete my data and Cancel (sent only: clicks are dispatched to ``ForgetButton``)."""
    view = discord.ui.View(timeout=None)
    view.add_item(ForgetButton(owner, "delete"))
    view.add_item(ForgetButton(owner, "cancel"))
    view.stop()
    return view
