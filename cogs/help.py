"""The help extension: ``await bot.load_extension("cogs.help")``.

``/help`` tells a member what the tutorbot commands this bot has loaded do, and how answering works; ``/help
command:<name>`` shows one command with its options. Everything is read from the bot's command tree when asked: a
host bot that loaded only ``cogs.quiz`` shows only quiz help, and the words on the daily question, hints or "I was
right" appear only where the cog that offers them is loaded (the daily question's, only where the server has one on:
its schedule is read through the services ``cogs.daily`` shares; a moderator who may set one up is told how where
there is none). Moderator commands (those whose group Discord shows
only to members with a permission: Manage Server for ``/deck`` and ``/daily``, Manage Messages for ``/disputes``)
are listed only to members who have that permission here, as the cogs check it.

Each command is shown as a clickable mention (``</review start:id>``) when its id is known: Discord's ids of the
registered commands are fetched once (cached for an hour; a failed fetch is tried again a minute later) and, while
they are not known, the command is named as plain ``/name`` text. A bot with a ``/help`` of its own does not load
this extension (its ``/help`` is kept, and the error names it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.daily import DAILY_POINTS
from bot.core.disputes import DAILY_CAP
from bot.core.errors import CommandRef, Quote, UserError
from bot.core.scoring import CHOICE_POINTS, FIRST_POINTS, HINT_COST, TRIES, WINDOW_POINTS, WINDOW_SECONDS
from bot.core.text import fold
from cogs._format import DESCRIPTION_MAX, EMBED_TOTAL_MAX, FIELD_VALUE_MAX, add_field, clip, embed, set_footer
from cogs._shared import (
    QUIZ_COG,
    TutorCog,
    add_cog,
    daily_offered,
    daily_on,
    guarded,
    permission_name,
    quiz_offered,
    reply,
    review_offered,
)
from cogs._verdicts import DISPUTES_COG

log = logging.getLogger(__name__)

COG_NAME = "Help"
#: The package whose commands ``/help`` lists (tutorbot's extensions, this one left out).
PACKAGE = __name__.split(".")[0]
#: The members' commands, in the order they are listed (any other member command of tutorbot's follows them).
PLAY_ORDER = ("quiz", "define", "search", "review", "leaderboard", "stats")
#: How long the fetched command ids are kept, and how long after a failed fetch it is tried again (seconds).
IDS_KEPT = 3600.0
IDS_RETRY = 60.0
#: How long ``/help`` waits for the ids before answering with plain ``/name`` text (Discord's three seconds to
#: answer an interaction must not run out; a fetch still under way fills the cache for the next ``/help``).
IDS_WAIT = 1.5
#: Typed as ``command``: a command's name, with its subcommand ("review start").
CommandName = app_commands.Range[str, 1, 100]


# -- the commands of the tree ------------------------------------------------------------------------
AnyCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


def ours(command: AnyCommand) -> bool:
    """Whether a top-level command of the tree is one of tutorbot's (``/help`` itself left out)."""
    module = command.module or ""
    return module.split(".")[0] == PACKAGE and module != __name__


def tutor_commands(bot: commands.Bot) -> list[AnyCommand]:
    """tutorbot's slash commands in the bot's tree: the members' in ``PLAY_ORDER``, then the others by name."""
    found = [c for c in bot.tree.get_commands() if isinstance(c, app_commands.Command | app_commands.Group) and ours(c)]
    order = {name: i for i, name in enumerate(PLAY_ORDER)}
    return sorted(found, key=lambda c: (order.get(c.name, len(order)), c.name))


def needed_permissions(command: AnyCommand) -> discord.Permissions | None:
    """The permissions a command is for (those of its top-level group), or None for everyone."""
    root = command.root_parent or command
    needed = root.default_permissions
    return needed if needed is not None and needed.value else None


def may_use(interaction: discord.Interaction, command: AnyCommand) -> bool:
    """Whether the member may use the command here: everyone's, or a moderator's with its permission in this channel
    (Administrator included), as the cogs check it. Moderator commands are for servers only."""
    needed = needed_permissions(command)
    if needed is None:
        return True
    if interaction.guild_id is None:
        return False
    perms = interaction.permissions
    return perms.administrator or needed <= perms


def leaves(command: AnyCommand) -> list[app_commands.Command[Any, ..., Any]]:
    """The commands a member runs: the command itself, or a group's subcommands (nested groups walked)."""
    if isinstance(command, app_commands.Command):
        return [command]
    return [leaf for sub in command.commands for leaf in leaves(sub)]


def everything(command: AnyCommand) -> list[AnyCommand]:
    """The command and, for a group, each of its subcommands: what ``command:`` may name."""
    if isinstance(command, app_commands.Command):
        return [command]
    return [command, *(c for sub in command.commands for c in everything(sub))]


def who(command: AnyCommand) -> str | None:
    """The permission a moderator command is for, as Discord names it ("Manage Server")."""
    needed = needed_permissions(command)
    if needed is None:
        return None
    return " or ".join(permission_name(name) for name, on in needed if on)


# -- mentions ---------------------------------------------------------------------------------------
class Mentions:
    """Discord's ids of the registered commands, by name, for clickable mentions. ``for_guild`` never fails and
    never waits long: without ids, each command is named as text."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        #: Per scope (None: global commands; a guild id: that guild's), when it was fetched and what it gave
        #: (None: the fetch failed).
        self._known: dict[int | None, tuple[float, dict[str, int] | None]] = {}
        self._pending: dict[int | None, asyncio.Task[dict[str, int] | None]] = {}

    def close(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()

    async def for_guild(self, guild_id: int | None, names: Iterable[str]) -> dict[str, int]:
        """The ids of ``names``: the global commands', and, where some are not global (a bot syncing its commands
        to this server only), this server's."""
        wanted = set(names)
        ids = await self._scope(None)
        if ids is None:
            return {}
        if guild_id is not None and not wanted <= set(ids):
            ids = {**ids, **(await self._scope(guild_id) or {})}
        return ids

    async def _scope(self, scope: int | None) -> dict[str, int] | None:
        now = asyncio.get_running_loop().time()
        known = self._known.get(scope)
        if known is not None and now - known[0] < (IDS_KEPT if known[1] is not None else IDS_RETRY):
            return known[1]
        task = self._pending.get(scope)
        if task is None or task.done():
            task = self._pending[scope] = asyncio.create_task(self._fetch(scope), name="tutor-help-command-ids")
        done, _ = await asyncio.wait({task}, timeout=IDS_WAIT)
        return task.result() if task in done else None

    async def _fetch(self, scope: int | None) -> dict[str, int] | None:
        try:
            guild = discord.Object(id=scope) if scope is not None else None
            registered = await self.bot.tree.fetch_commands(guild=guild)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # (not logged in yet, Discord or the network failing): commands named as text
            log.info("could not fetch the registered commands for /help mentions: %s", exc)
            ids = None
        else:
            ids = {c.name: c.id for c in registered if c.type is discord.AppCommandType.chat_input}
        self._known[scope] = (asyncio.get_running_loop().time(), ids)
        return ids


def mention(command: AnyCommand, ids: dict[str, int]) -> str:
    """``</review start:123>`` when the command's id is known, else ``/review start`` as code (a group, which Discord
    runs only through its subcommands, always as code)."""
    root = command.root_parent or command
    found = ids.get(root.name) if isinstance(command, app_commands.Command) else None
    return f"</{command.qualified_name}:{found}>" if found else f"`/{command.qualified_name}`"


# -- what /help shows -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Loaded:
    """Which of tutorbot's features this bot has: what the words on answering may speak of."""

    quiz: bool
    daily: bool
    review: bool
    disputes: bool
    chat_answers: bool

    @classmethod
    def of(cls, bot: commands.Bot) -> Loaded:
        quiz = quiz_offered(bot)
        return cls(
            quiz=quiz,
            daily=daily_offered(bot),
            review=review_offered(bot),
            # (by what answers the click, as the verdicts check it: a host bot may have a "Disputes" cog of its own)
            disputes=callable(getattr(bot.get_cog(DISPUTES_COG), "on_was_right", None)),
            chat_answers=quiz and bool(getattr(bot.get_cog(QUIZ_COG), "chat_answers", False)),
        )


def answering_lines(loaded: Loaded) -> list[str]:
    """How answering works, as the loaded cogs do it (nothing when none of them asks questions)."""
    lines: list[str] = []
    if loaded.quiz or loaded.daily or loaded.review:
        lines.append(
            "📝 **Answer** opens a box: type your answer there; only you see how it was judged. Small typos and words around "
            "the answer are fine (“atention”, “hmm, attention”); two answers offered at once are wrong."
        )
    if loaded.quiz:
        lines.append(
            f"🎯 **Quiz**: {TRIES} tries each per question (one on a yes/no question). {FIRST_POINTS} points for the first "
            f"right answer, {WINDOW_POINTS} for anyone right within {WINDOW_SECONDS:g} seconds of it; in `choice` mode "
            f"one pick, {CHOICE_POINTS} points for every right pick."
        )
        lines.append(f"💡 **Hint** shows a hint to you alone; each one costs you (only you) {HINT_COST} points.")
        lines.append(
            "🟡 **Almost**: a spelling slip too far off to accept; you answer again. Your first “almost” on a question is "
            "free; after that each one costs a try. In private practice every “almost” is free."
        )
        if loaded.chat_answers:
            lines.append(
                "💬 In a channel quiz you may also type your answer in the chat: a right one closes the question at "
                "once, a wrong guess costs a try as in the box, and talk costs nothing."
            )
        lines.append("⏭️ **Skip** and **Stop** are for the quiz's starter, or anyone with the Manage Messages permission.")
    if loaded.daily:
        lines.append(
            f"📅 **Daily question**: one answer counts ({DAILY_POINTS} points when right, and your daily streak); your "
            "first “almost” is free. The answer is revealed when answers close."
        )
    if loaded.review:
        graded = ["quiz", "practice", *(("daily question",) if loaded.daily else ()), "review"]
        lines.append(
            f"🔁 **Review**: **Answer** or **Don't know**; every graded answer ({', '.join(graded)}) decides when the "
            "card comes back."
        )
    if loaded.disputes and (loaded.quiz or loaded.daily):
        # (as the cogs offer it: under a typed answer, never under a pick in ``choice`` mode nor in /review)
        places = [*(("a quiz", "practice") if loaded.quiz else ()), *(("the daily question",) if loaded.daily else ())]
        where = " or ".join([", ".join(places[:-1]), places[-1]] if len(places) > 1 else places)
        lines.append(
            f"⚖️ **I was right**: under a typed answer to {where} judged wrong, almost or partly right, it sends your "
            f"answer to the server's moderators (up to {DAILY_CAP} in 24 hours). If they accept it, that answer counts "
            "as right in this server from then on, and everyone it makes right gets their points back."
        )
    return lines


def add_lines(e: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """Add ``lines`` as fields of whole lines (each within Discord's 1,024 characters): the first named ``name``,
    the next ones unnamed, so they read as one list."""
    chunk: list[str] = []
    first = True
    for line in lines:
        if chunk and len("\n".join([*chunk, line])) > FIELD_VALUE_MAX:
            add_field(e, name if first else "\u200b", "\n".join(chunk))
            chunk, first = [], False
        chunk.append(line)
    if chunk:
        add_field(e, name if first else "\u200b", "\n".join(chunk))


def overview(
    interaction: discord.Interaction, listed: Sequence[AnyCommand], ids: dict[str, int], loaded: Loaded,
    help_command: AnyCommand | None, daily_set: AnyCommand | None = None,
) -> discord.Embed:
    """Every command the member may use, grouped; how answering works; the moderators' commands for moderators.
    ``loaded.daily``: the server has a daily question on (a member is told of it only then); ``daily_set``: the
    command a moderator sets one up with, where there is none."""
    play = [c for c in listed if needed_permissions(c) is None]
    moderate = [c for c in listed if needed_permissions(c) is not None and may_use(interaction, c)]
    lines = [f"{mention(leaf, ids)} — {leaf.description}" for c in play for leaf in leaves(c)]
    if loaded.daily:
        lines.append(
            "📅 **The daily question**: posted every day in a channel the moderators pick; press **Answer** under it."
        )
    elif daily_set is not None:
        lines.append(
            f"📅 **No daily question** is on in this server: {mention(daily_set, ids)} posts one every day in a "
            "channel you pick."
        )
    parts = ["**🎯 Play**\n" + "\n".join(lines) if lines else "No study command for members is loaded in this bot."]
    if help_command is not None:
        parts.append(f"{mention(help_command, ids)} with `command:` shows one command and its options.")
    e = embed("📖 Help", clip("\n\n".join(parts), DESCRIPTION_MAX))
    answering = answering_lines(loaded)
    if answering:
        add_lines(e, "✍️ How answering works", answering)
    for group in moderate:
        subs = " · ".join(mention(leaf, ids) for leaf in leaves(group))
        add_field(e, f"🛡️ /{group.name} (moderators: {who(group)})", f"{group.description}\n{subs}")
    return e


def option_lines(command: app_commands.Command[Any, ..., Any]) -> list[str]:
    """One line per option of a command: its name, whether it is needed, its description and its choices."""
    lines = []
    for p in command.parameters:
        needed = "required" if p.required else "optional"
        said = [p.description.rstrip(".") + "."] if p.description not in ("", "…") else []
        if p.choices:
            said.append(f"Choices: {', '.join(f'`{c.name}`' for c in p.choices)}.")
        lines.append(f"• `{p.display_name}` ({needed}){': ' if said else ''}{' '.join(said)}")
    return lines


def details(command: AnyCommand, ids: dict[str, int]) -> discord.Embed:
    """One command: what it does, who may use it, and each option; a group with each of its subcommands."""
    permission = who(command)
    for_whom = f"\nFor members with the **{permission}** permission." if permission else ""
    e = embed(f"📖 /{command.qualified_name}", f"{mention(command, ids)} — {command.description}{for_whom}")
    if isinstance(command, app_commands.Command):
        add_lines(e, "Options", option_lines(command) or ["No options."])
        return e
    for leaf in leaves(command):
        add_field(e, f"/{leaf.qualified_name}", "\n".join([f"{mention(leaf, ids)} — {leaf.description}", *option_lines(leaf)]))
    if len(e.fields) < len(leaves(command)) or len(e) > EMBED_TOTAL_MAX:
        set_footer(e, f"Each with its options: /help command:{command.qualified_name} <subcommand>")
    return e


def find(listed: Sequence[AnyCommand], typed: str) -> AnyCommand | None:
    """The command (or subcommand, or group) ``typed`` names: "review start", "/review start", "Review"."""
    wanted = " ".join(typed.strip().lstrip("/").split()).casefold()
    for command in listed:
        for one in everything(command):
            if one.qualified_name.casefold() == wanted:
                return one
    return None


# -- the cog ----------------------------------------------------------------------------------------
class Help(TutorCog, name=COG_NAME):
    """/help: the commands this bot has, and how answering works."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.mentions = Mentions(bot)

    async def cog_unload(self) -> None:
        self.mentions.close()

    @app_commands.command(name="help")
    @app_commands.describe(command="A command to show with its options, e.g. quiz or review start")
    @guarded
    async def help_command(self, interaction: discord.Interaction, command: CommandName | None = None) -> None:
        """What this bot's study commands do, and how answering works (only you see it)."""
        listed = tutor_commands(self.bot)
        own = self.bot.tree.get_command("help")
        own = own if isinstance(own, app_commands.Command) and own.module == __name__ else None
        ids_wanted = self.mentions.for_guild(interaction.guild_id, [c.name for c in listed] + ["help"])
        if command is None:
            # The daily question is spoken of only where the server has one on (its schedule read while the ids are
            # fetched); where it has none, a moderator who may set one up is told how.
            ids, daily_here = await asyncio.gather(ids_wanted, daily_on(self.bot, interaction.guild_id))
            loaded = replace(Loaded.of(self.bot), daily=daily_here)
            setter = find(listed, "daily set") if daily_offered(self.bot) and not daily_here else None
            if setter is not None and not may_use(interaction, setter):  # (a member, or a DM)
                setter = None
            shown = overview(interaction, listed, ids, loaded, own, setter)
            await reply(interaction, embed=shown, ephemeral=True)
            return
        ids = await ids_wanted
        found = find(listed, command)
        if found is None:
            raise UserError(
                "help.unknown",
                "This bot has no command {command}. {help} alone lists the commands it has.",
                command=Quote("/" + command.strip().lstrip("/")),
                help=CommandRef("help"),
            )
        if not may_use(interaction, found):
            raise UserError(
                "help.moderators",
                "{command} is for members with the {permission} permission.",
                command=Quote("/" + found.qualified_name),
                permission=Quote(who(found) or ""),
            )
        await reply(interaction, embed=details(found, ids), ephemeral=True)

    @help_command.autocomplete("command")
    async def command_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The loaded commands the member may use (subcommands too), those starting with what is typed first."""
        typed = fold(current.strip().lstrip("/"))
        starts: list[AnyCommand] = []
        within: list[AnyCommand] = []
        for top in tutor_commands(self.bot):
            if not may_use(interaction, top):
                continue
            for one in everything(top):
                name = fold(one.qualified_name)
                if name.startswith(typed):
                    starts.append(one)
                elif typed in name:
                    within.append(one)
        return [
            app_commands.Choice(name=clip(f"/{c.qualified_name} — {c.description}", 100), value=c.qualified_name)
            for c in [*starts, *within][:25]
        ]


async def setup(bot: commands.Bot) -> None:
    """Add the help cog (a bot with a ``/help`` of its own keeps it, and this extension does not load)."""
    await add_cog(bot, Help(bot), __name__)

