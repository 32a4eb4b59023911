"""``/forget-me``: a member deletes what the bot keeps about them in a server, after a private confirmation.

Every tutorbot extension that keeps members' data (each one that opens the database: all but ``cogs.help``) offers
it, so a host bot that loads ``cogs.quiz`` alone, or the daily question alone, still lets its members delete what
was stored of them. The first such extension to load adds the ``Forget`` cog (``offer``, from ``_shared.add_cog``),
the last one to unload removes it (``withdraw``, from ``_shared.release_services``; not while an extension is being
reloaded). A host bot with a ``/forget-me`` of its own keeps it, and so does one whose command list is full: the
log says that tutorbot's was not added (``tutorbot forget`` deletes a member's data from the command line).

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
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserError
from bot.core.forget import MemberForgotten
from cogs._format import embed, plural, set_footer
from cogs._ids import SNOWFLAKE, CustomId
from cogs._shared import (
    DISCORD_ERRORS,
    NO_MENTIONS,
    CommandNameTaken,
    TutorCog,
    add_cog,
    cog_named,
    defer,
    get_services,
    guarded,
    handle_error,
    reply,
)

log = logging.getLogger(__name__)

COG_NAME = "Forget"
COMMAND = "forget-me"
#: The extensions that keep members' data and are loaded, on the bot: ``/forget-me`` is there while one is.
OWNERS_ATTR = "_tutor_forget_owners"
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
    if c.showing and not (c.review_cards or c.reviews):
        parts.append("the /review card you have on show")
    if not parts and c.rows:
        parts.append(plural(c.rows, "record") + " of what you did here")
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
        """Hand the click to the forget cog."""
        try:
            if interaction.user.id != self.owner:
                raise UserError("forget.not_yours", "Only the member who asked can confirm this.")
            client = interaction.client
            cog = cog_named(client, COG_NAME)
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


class Forget(TutorCog, name=COG_NAME):
    """/forget-me, and its Delete my data and Cancel buttons."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        #: Members whose data is being deleted: a second click meanwhile does nothing.
        self._forgetting: set[tuple[int, int]] = set()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ForgetButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ForgetButton)

    @app_commands.command(name=COMMAND, description="Delete everything the bot keeps about you in this server.")
    @app_commands.guild_only()
    @guarded
    async def forget_me(self, interaction: discord.Interaction) -> None:
        """Delete everything the bot keeps about you in this server (you confirm first)."""
        guild = interaction.guild
        assert guild is not None
        counts = await get_services(self.bot).forget.counts(guild.id, interaction.user.id)
        await reply(interaction, embed=confirm_embed(counts), view=confirm_view(interaction.user.id), ephemeral=True)

    async def on_forget_button(self, interaction: discord.Interaction, button: ForgetButton) -> None:
        """Delete my data: everything goes in one transaction, then the message says what. Cancel: nothing."""
        guild = interaction.guild
        if guild is None:
            raise UserError("perm.guild_only", "This works in a server only: use it in one of its channels.")
        if button.action == "cancel":
            await interaction.response.edit_message(embed=cancelled_embed(), view=None, allowed_mentions=NO_MENTIONS)
            return
        member = (guild.id, interaction.user.id)
        await defer(interaction)
        if member in self._forgetting:  # (a double click: the first one says what was deleted)
            return
        self._forgetting.add(member)
        try:
            done = await get_services(self.bot).forget.forget_member(*member)
        finally:
            self._forgetting.discard(member)
        for cog in list(self.bot.cogs.values()):  # (what a loaded cog caches of the member: the board's presence)
            let_go = getattr(cog, "member_forgotten", None) if type(cog).__module__.startswith("cogs.") else None
            if callable(let_go):
                let_go(*member)
        shown = done_embed(done)
        try:
            await interaction.edit_original_response(embed=shown, view=None, allowed_mentions=NO_MENTIONS)
        except DISCORD_ERRORS as exc:
            # The data is deleted: a message Discord fails to edit must not make it look as if it were not.
            log.warning("member %s's data was deleted, but the message could not say so: %s", interaction.user.id, exc)
            await interaction.followup.send(embed=shown, ephemeral=True, allowed_mentions=NO_MENTIONS)


def _ours(bot: commands.Bot) -> bool:
    return isinstance(bot.get_cog(COG_NAME), Forget)


async def offer(bot: commands.Bot, extension: str) -> None:
    """``extension`` (which keeps members' data) is loaded: add ``/forget-me`` unless it is there. A host's own
    ``/forget-me`` (or ``Forget`` cog), or a full command list, is kept as it is, and the log says so: the extension
    loads all the same."""
    owners: set[str] = getattr(bot, OWNERS_ATTR, None) or set()
    setattr(bot, OWNERS_ATTR, owners)
    owners.add(extension)
    if _ours(bot):
        return
    why = f"this bot has a /{COMMAND} of its own" if bot.tree.get_command(COMMAND) is not None else None
    if why is None:
        try:
            await add_cog(bot, Forget(bot), f"tutorbot's /{COMMAND}")
            return
        except (CommandNameTaken, app_commands.CommandLimitReached, discord.ClientException) as exc:
            why = str(exc)
    log.log(
        logging.WARNING if len(owners) == 1 else logging.INFO,  # (said once, not for each extension loaded)
        "tutorbot's /%s was not added (%s): members cannot delete what the tutorbot extensions keep of them "
        "themselves; `tutorbot forget --member USER_ID --server GUILD_ID` does it for them",
        COMMAND, why,
    )


async def withdraw(bot: commands.Bot, extension: str) -> None:
    """``extension`` is unloaded: ``/forget-me`` goes with the last extension that keeps members' data."""
    owners: set[str] | None = getattr(bot, OWNERS_ATTR, None)
    if owners is None:
        return
    owners.discard(extension)
    if owners:
        return
    delattr(bot, OWNERS_ATTR)
    if _ours(bot):
        await bot.remove_cog(COG_NAME)
