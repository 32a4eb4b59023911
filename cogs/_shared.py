"""What every tutorbot cog shares: finding the services, replies, the one error path, permission checks
(from ``cogs._permissions``), topic autocomplete, a timer's wake-up, the answer modal and the buttons one cog
sends and another handles.

Cogs type against ``commands.Bot`` and ``discord.Interaction`` only, so they load into any bot. If the host
bot did not build ``Services`` itself (as our runner does), the first cog to load builds them from the
environment (``TUTOR_*`` settings) and the last one to unload closes them.

The error path: slash-command errors reach ``handle_error`` through ``TutorCog.cog_app_command_error``;
component and modal callbacks are wrapped with ``@guarded`` (or live in a ``TutorView`` / ``AnswerModal``,
whose ``on_error`` does the same; an answer box sent by custom id is answered through
``handle_answer_box``, which does the same). ``handle_error`` answers privately: a refusal (a ``UserError``, a
missing permission, a check that failed, a message that is gone, a write the database refused) is shown as is,
with no code; only an unexpected error shows a short reference, which is also in the log next to the traceback.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import inspect
import logging
import secrets
import sys
import threading
import traceback
import types
import typing
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.config import ConfigError, Settings
from bot.core.daily import commit_unconfirmed, storage_failed
from bot.core.decks import DeckError, deck_files
from bot.core.errors import UserError
from bot.core.service import Services
from bot.core.shards import ShardPlan
from bot.core.text import strip_unsafe
from cogs._format import CONTENT_MAX, clip, plural, render_error
from cogs._ids import CARD_KEY, PREFIX, CustomId
from cogs._permissions import bot_missing_permissions as bot_missing_permissions
from cogs._permissions import check_channel_permissions as check_channel_permissions
from cogs._permissions import permission_name as permission_name
from cogs._permissions import require_manage_guild as require_manage_guild

log = logging.getLogger(__name__)

ATTR = "tutor_services"
OWNERS_ATTR = "_tutor_service_owners"
#: The extensions that took the services (``acquire_services``): each keeps members' data, so each offers
#: ``/forget-me`` once its cog is added (``cogs._forget``).
KEEPERS_ATTR = "_tutor_data_keepers"
CUSTOM_ID_PREFIX = PREFIX + ":"
NO_MENTIONS = discord.AllowedMentions.none()

#: A Discord call that failed on the way rather than by Discord's answer: it timed out, or the connection dropped.
#: discord.py lets the connection's own errors through, and not all of them are an ``OSError``: aiohttp's
#: ``ServerDisconnectedError`` (Discord closed a kept-alive connection) and a body cut off halfway are not.
NETWORK_ERRORS: Final = (TimeoutError, OSError, aiohttp.ClientError)
#: Everything a failed Discord call raises: Discord's answer (``HTTPException``), a rate limit longer than the client
#: waits (``RateLimited``, which is no ``HTTPException``: raised when a bot sets ``max_ratelimit_timeout``), or the
#: network. What is caught where a failed call must not fail the caller.
DISCORD_ERRORS: Final = (discord.HTTPException, discord.RateLimited, *NETWORK_ERRORS)

#: One lock per bot, for building and closing its services. Not one for the module: an asyncio lock belongs to
#: one event loop, and a program may run several bots, each in a thread with its own loop; a waiter of one
#: loop woken from another's thread would never run.
_locks: weakref.WeakKeyDictionary[commands.Bot, asyncio.Lock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def _lock_of(bot: commands.Bot) -> asyncio.Lock:
    with _locks_guard:
        lock = _locks.get(bot)
        if lock is None:
            lock = _locks[bot] = asyncio.Lock()
        return lock


# -- services -----------------------------------------------------------------------------------
def get_services(bot: discord.Client) -> Services:
    """The tutorbot services attached to this bot (built by the runner or by the first cog's setup).

    Takes any client, so ``get_services(interaction.client)`` works in a component callback.
    """
    services = getattr(bot, ATTR, None)
    if services is None:
        raise RuntimeError("tutorbot services are not ready; load a tutorbot cog with `await bot.load_extension`")
    return services


async def acquire_services(bot: commands.Bot, owner: str) -> Services:
    """Called from a cog's ``setup``: return the bot's services, building them from the environment if needed."""
    async with _lock_of(bot):
        services = getattr(bot, ATTR, None)
        if services is None:
            core = Settings.from_env().core
            if not core.shards.sharded:  # a host bot's own sharding, unless TUTOR_SHARD_* says otherwise
                core = dataclasses.replace(core, shards=bot_shards(bot))
            try:
                services = await Services.create(core)
            except DeckError as exc:
                if deck_files(core.cards_dir):
                    raise  # decks that are not valid: every problem is listed, with file, card and field
                raise ConfigError(no_decks_text(core.cards_dir)) from exc
            setattr(bot, ATTR, services)
            setattr(bot, OWNERS_ATTR, set())
        owners = getattr(bot, OWNERS_ATTR, None)
        if owners is not None:
            owners.add(owner)
        keepers: set[str] = getattr(bot, KEEPERS_ATTR, None) or set()
        keepers.add(owner)
        setattr(bot, KEEPERS_ATTR, keepers)
        return services


class CommandNameTaken(app_commands.CommandAlreadyRegistered):
    """The host bot already has a slash command named like one of the extension's: said before the cog starts
    anything, naming the command and what to do (discord.py would only say "Command 'daily' already registered")."""

    def __init__(self, extension: str, names: list[str]) -> None:
        super().__init__(names[0], None)
        taken = ", ".join(f"/{name}" for name in names)
        self.args = (
            f"{extension} was not loaded: this bot already has a slash command named {taken}, and the extension "
            f"adds one of the same name. Rename or remove the bot's own {taken}, or leave {extension} out.",
        )


async def add_cog(bot: commands.Bot, cog: commands.Cog, extension: str) -> None:
    """``bot.add_cog(cog)`` for an extension's ``setup``, all or nothing.

    discord.py runs ``cog_load`` (which starts a cog's timers and registers its buttons) before it adds the
    slash commands, and when the tree then refuses one it leaves what ``cog_load`` started running: a daily
    scheduler posting for an extension the host was told had failed. So a name the host's tree already holds
    is refused here, before anything starts; and a refusal from the tree all the same (the command limit, a
    command added meanwhile) stops what ``cog_load`` started before it is raised.

    An extension that took the services (it keeps members' data) then offers ``/forget-me``, once for all of them
    (``cogs._forget``): a host bot that loads any one of them lets its members delete their data.
    """
    taken = [c.name for c in cog.get_app_commands() if bot.tree.get_command(c.name) is not None]
    if taken:
        raise CommandNameTaken(extension, taken)
    try:
        await bot.add_cog(cog)
    except (app_commands.CommandAlreadyRegistered, app_commands.CommandLimitReached):
        # (raised by the tree, after ``cog_load`` ran and the listeners were added)
        for command in cog.get_app_commands():
            if bot.tree.get_command(command.name) is command:
                bot.tree.remove_command(command.name)
        for name, listener in cog.get_listeners():
            bot.remove_listener(listener, name)
        await cog.cog_unload()
        raise
    if extension in (getattr(bot, KEEPERS_ATTR, None) or ()):
        from cogs import _forget  # (it builds on this module)

        async with _lock_of(bot):
            await _forget.offer(bot, extension)


def no_decks_text(folder: Path) -> str:
    """Why the cogs cannot start when the deck folder holds no deck: where they looked, and how to point them
    elsewhere (the folder is relative to the one the host bot runs from)."""
    default = Path(folder) == Path("cards")  # (TUTOR_CARDS_DIR may come from .env, not only the environment)
    source = "TUTOR_CARDS_DIR is not set: cards, in the folder the bot runs from" if default else f"TUTOR_CARDS_DIR={folder}"
    return (
        f"tutorbot found no decks: it looked for deck files (*.yaml) in {Path(folder).absolute()} ({source}). "
        "Set TUTOR_CARDS_DIR to a folder of deck files, in the environment or in .env in the folder the bot runs "
        "from."
    )


def bot_shards(bot: discord.Client) -> ShardPlan:
    """The shards a bot holds, as discord.py was told them (``shard_count`` and ``shard_ids``, as an
    ``AutoShardedBot`` of one process among several is built): this process looks after their servers only.
    Every server when the bot was given no shard count."""
    count = getattr(bot, "shard_count", None)
    if not isinstance(count, int) or count < 1:
        return ShardPlan()
    ids = getattr(bot, "shard_ids", None)  # (an AutoShardedBot's)
    if not ids:
        one = getattr(bot, "shard_id", None)  # (a Client that runs one shard)
        return ShardPlan(count=count, ids=(one,)) if isinstance(one, int) else ShardPlan(count=count)
    return ShardPlan(count=count, ids=tuple(sorted(int(i) for i in ids)))


async def wait_until_ready(bot: discord.Client) -> None:
    """``bot.wait_until_ready()``, also for a host bot that loaded the extension before logging in (discord.py
    refuses to wait then: the wait starts once it has logged in)."""
    while True:
        try:
            await bot.wait_until_ready()
            return
        except RuntimeError:  # not logged in yet
            await asyncio.sleep(1)


async def release_services(bot: commands.Bot, owner: str) -> None:
    """Called from a cog's ``teardown``: close the services when the cogs built them and the last one leaves.

    Not while the extension is being reloaded (``bot.reload_extension``: jishaku's ``jsk reload``, a host's own
    reload command): its setup follows at once and takes them again, so what members are doing (a /review
    session, private practice, a deck preview) goes on, as it does when another extension holds them."""
    async with _lock_of(bot):
        reloading = _reloading(bot, owner)
        if not reloading:
            from cogs import _forget  # (it builds on this module)

            keepers = getattr(bot, KEEPERS_ATTR, None)
            if keepers is not None:
                keepers.discard(owner)
            await _forget.withdraw(bot, owner)  # (/forget-me goes with the last of them)
        owners = getattr(bot, OWNERS_ATTR, None)
        if owners is None:  # built by the host bot: it closes them
            return
        if reloading:
            log.info("%s is being reloaded: its services stay open", owner)
            return
        owners.discard(owner)
        if not owners:
            services = getattr(bot, ATTR, None)
            delattr(bot, OWNERS_ATTR)
            if services is not None:
                delattr(bot, ATTR)
                await services.close()


def _reloading(bot: commands.Bot, extension: str) -> bool:
    """Whether ``extension``'s teardown runs inside ``bot.reload_extension(extension)``: discord.py then loads it
    again (the new module, or the old one when the new fails), with no way to tell a teardown so but the calls
    that led to it."""
    reload_code = commands.Bot.reload_extension.__code__
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code is reload_code:
            seen = frame.f_locals
            if seen.get("self") is bot and seen.get("name") == extension:
                return True
        frame = frame.f_back
    return False


# -- replies ------------------------------------------------------------------------------------
#: Discord's "Interaction has already been acknowledged": an earlier try of the same response went through
#: (discord.py sends a response again after a server error whose first try Discord had in fact taken).
ALREADY_ACKNOWLEDGED: Final = 40060


def already_acknowledged(exc: BaseException) -> bool:
    """Whether a response failed only because an earlier try of it went through (what it shows is there)."""
    return isinstance(exc, discord.HTTPException) and exc.code == ALREADY_ACKNOWLEDGED


def mark_responded(interaction: discord.Interaction, kind: discord.InteractionResponseType) -> None:
    """Record that the interaction's response (of ``kind``) was made, though the call reporting it failed with
    ``ALREADY_ACKNOWLEDGED``: what follows is sent as follow-ups or edits of it, as after any response."""
    if not interaction.response.is_done():
        interaction.response._response_type = kind  # (discord.py keeps no public way to set it)


async def defer(interaction: discord.Interaction, *, ephemeral: bool = False, thinking: bool = False) -> None:
    """``interaction.response.defer``, where Discord's "already acknowledged" means the deferral is there (an
    earlier try of it went through): the work goes on, and its reply replaces the "thinking…" placeholder."""
    extras = getattr(interaction, "extras", None)
    if isinstance(extras, dict):  # (a private reply after it needs no placeholder removed)
        extras[_DEFERRED_PRIVATELY] = ephemeral
    try:
        await interaction.response.defer(ephemeral=ephemeral, thinking=thinking)
    except discord.HTTPException as exc:
        if not already_acknowledged(exc):
            raise
        log.info("a deferral of %s was already taken by Discord; carrying on", _where(interaction))
        component = interaction.type in (discord.InteractionType.component, discord.InteractionType.modal_submit)
        kind = (
            discord.InteractionResponseType.deferred_message_update
            if component and not thinking
            else discord.InteractionResponseType.deferred_channel_message
        )
        mark_responded(interaction, kind)


#: The key of ``Interaction.extras`` that says whether ``defer`` acknowledged the interaction privately.
_DEFERRED_PRIVATELY = "tutor_deferred_privately"

#: How long a command that usually answers at once works before acknowledging the interaction ("thinking…").
ACK_WAIT = 1.5


async def before_deadline(interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool) -> T:
    """Run ``work``; if it is not done within :data:`ACK_WAIT` seconds, acknowledge the interaction ("thinking…",
    private or not) so Discord's 3-second deadline is never missed, and keep waiting."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=ACK_WAIT)
    if not done and not interaction.response.is_done():
        await defer(interaction, thinking=True, ephemeral=ephemeral)
    return await task


#: The upload limit of a server Discord tells nothing of (and of a direct message): its smallest.
UPLOAD_MIN = 10 * 1024 * 1024


def upload_refused(interaction: discord.Interaction, data: bytes) -> str | None:
    """Why a file of ``data`` cannot be attached here: over the upload limit (None: it fits), the smaller of
    Discord's figure for the interaction and the server's by its boost tier."""
    limit = getattr(interaction, "filesize_limit", None) or UPLOAD_MIN
    if interaction.guild is not None:
        limit = min(limit, interaction.guild.filesize_limit)
    if len(data) <= limit:
        return None
    return (
        f"The file is {len(data) / 2**20:.1f} MB, over this server's upload limit of {limit / 2**20:.0f} MB,"
        " so it is not attached."
    )


async def reply(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    ephemeral: bool = False,
    **kwargs: Any,
) -> None:
    """Respond to an interaction (or follow up if already responded), never pinging anyone. A private reply to a
    command acknowledged with a public "thinking…" message (a slow public lookup that found nothing) removes that
    message first: the first follow-up would take its place, public."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if content is not None:
        kwargs["content"] = clip(content, CONTENT_MAX)
    if interaction.response.is_done():
        private = (getattr(interaction, "extras", None) or {}).get(_DEFERRED_PRIVATELY)
        if ephemeral and not private and await _public_deferral(interaction):
            await _remove_placeholder(interaction)
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
        return
    try:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
    except discord.HTTPException as exc:
        if not already_acknowledged(exc):
            raise
        # (an earlier try of this very reply went through: the member has it)
        log.info("a reply in %s was already taken by Discord", _where(interaction))
        mark_responded(interaction, discord.InteractionResponseType.channel_message)


#: What replaces a public "thinking…" message before an error is sent privately (seen only if removing it fails).
_PUBLIC_PLACEHOLDER = "⚠️ That didn't work."


async def _public_deferral(interaction: discord.Interaction) -> bool:
    """Whether the interaction was deferred with a public "thinking…" message that has not been answered yet.

    The first follow-up after such a deferral replaces that message and keeps its visibility, whatever
    ``ephemeral`` says, so an error sent that way would be public.
    """
    if interaction.response.type is not discord.InteractionResponseType.deferred_channel_message:
        return False
    try:
        original = await interaction.original_response()
    except DISCORD_ERRORS:
        return True  # unknown: take the safe path
    return not original.flags.ephemeral and original.flags.loading


async def send_private(interaction: discord.Interaction, content: str) -> None:
    """Send ``content`` that only the member may see, however far the interaction has got.

    After a public "thinking…" deferral the placeholder is finished and removed first, so the message
    really is private.
    """
    content = clip(content, CONTENT_MAX)
    if not interaction.response.is_done():
        try:
            await interaction.response.send_message(content, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        except discord.HTTPException as exc:
            if not already_acknowledged(exc):
                raise
            # A response the bot was told had failed is there after all (a "thinking…" placeholder Discord made
            # before answering with an error): the message goes as a follow-up, rather than the member be left
            # with that placeholder and no reply.
            mark_responded(interaction, discord.InteractionResponseType.deferred_channel_message)
    if await _public_deferral(interaction):
        await _remove_placeholder(interaction)
    await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def _remove_placeholder(interaction: discord.Interaction) -> None:
    """Finish a public "thinking…" message and remove it, so that a private message can follow."""
    await interaction.edit_original_response(content=_PUBLIC_PLACEHOLDER, allowed_mentions=NO_MENTIONS)
    try:
        await interaction.delete_original_response()
    except DISCORD_ERRORS:
        log.warning("could not remove the public placeholder of a command answered privately", exc_info=True)


async def reply_error(interaction: discord.Interaction, message: str, *, code: str | None = None) -> None:
    """A short private refusal, safe to call however far the interaction has got.

    ``code`` goes to the log only: an ordinary refusal shows no code to the member.
    """
    if code:
        log.info("refused (%s): %s", code, message)
    try:
        await send_private(interaction, f"⚠️ {message}")
    except DISCORD_ERRORS:
        log.warning("could not send the error message to the user", exc_info=True)


# -- the one error path -------------------------------------------------------------------------
#: What a member is told when Discord could not be reached or failed on its side (nothing of it is a bug here).
UNREACHABLE = "I couldn't reach Discord just now (a network or Discord problem); please try again in a moment."

# Table-driven refusals: exception type -> (message, code for the log). The first match wins.
ERROR_TABLE: list[tuple[type[BaseException], str | None, str]] = [
    (app_commands.CheckFailure, "You can't use this command here.", "E-CHECK"),
    (app_commands.CommandOnCooldown, "Slow down a little and try again in a moment.", "E-COOLDOWN"),
    (discord.Forbidden, "I'm missing a permission in this channel to do that.", "E-FORBIDDEN"),
    (discord.NotFound, "That message or channel no longer exists.", "E-GONE"),
    (discord.RateLimited, "Discord is asking me to slow down right now; please try again in a minute.", "E-RATE"),
    (discord.DiscordServerError, UNREACHABLE, "E-DISCORD"),
    # (a dropped connection, a timeout or a client failure talking to Discord: not the bot's own fault)
    (aiohttp.ClientError, UNREACHABLE, "E-NETWORK"),
    (ConnectionError, UNREACHABLE, "E-NETWORK"),
    (TimeoutError, UNREACHABLE, "E-NETWORK"),
]

#: What a member is told when the database refused what they asked for (nothing of it was kept).
NOT_SAVED = (
    "That was not saved: my database is not accepting writes right now, so nothing was changed. "
    "Please try again in a few minutes."
)


#: What a member is told when the connection to the database was lost while what they asked for was saved, and
#: whether it was could not be checked.
UNCONFIRMED = (
    "I lost my connection to my database while saving that and could not check whether it was saved. "
    "Please look again in a few minutes before doing it again."
)


def _names(permissions: list[str]) -> str:
    return ", ".join(permission_name(p) for p in permissions)


def _where(interaction: discord.Interaction) -> str:
    if interaction.command is not None:
        return interaction.command.qualified_name
    data: Any = interaction.data or {}
    return str(data.get("custom_id") or "?")


def cog_named(client: discord.Client, name: str) -> commands.Cog | None:
    """The cog ``name`` of the bot a click came to: a button's handler is found by name, so the buttons need no
    import of their cog (None when it is not loaded, or the client is no ``commands.Bot``)."""
    return client.get_cog(name) if isinstance(client, commands.Bot) else None


async def handle_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Turn any error from a command or component into a private message; log the unexpected ones."""
    original = getattr(error, "original", None) or error
    if already_acknowledged(original):
        # An earlier try of the response went through (the member sees it): nothing failed to tell them about.
        log.info("a response in %s was already taken by Discord: %s", _where(interaction), original)
        return
    if isinstance(original, UserError):
        log.info("user error %s: %s", original.code, original)
        await reply_error(interaction, render_error(original))
        return
    if isinstance(error, app_commands.MissingPermissions):
        message = f"You need the **{_names(error.missing_permissions)}** permission to do that."
        await reply_error(interaction, message, code="E-PERM")
        return
    if isinstance(error, app_commands.BotMissingPermissions):
        message = f"I need the **{_names(error.missing_permissions)}** permission in this channel."
        await reply_error(interaction, message, code="E-BOTPERM")
        return
    if commit_unconfirmed(original):
        log.warning("maybe not saved in %s: %s", _where(interaction), original, exc_info=original)
        await reply_error(interaction, UNCONFIRMED, code="E-STORAGE")
        return
    if storage_failed(original):
        # The database refused the write (read-only, disk full, locked, gone): its transaction was rolled back.
        log.warning("not saved in %s: %s", _where(interaction), original, exc_info=original)
        await reply_error(interaction, NOT_SAVED, code="E-STORAGE")
        return
    for kind, text, code in ERROR_TABLE:
        if isinstance(original, kind) or isinstance(error, kind):
            await reply_error(interaction, text or str(original), code=code)
            return
    ref = "E-" + secrets.token_hex(3).upper()
    log.error(
        "unexpected error %s in %s: %s", ref, _where(interaction), "".join(traceback.format_exception(original))
    )
    await reply_error(interaction, f"Something went wrong on my side; it has been logged (reference `{ref}`).")


P = ParamSpec("P")
T = TypeVar("T")


def guarded(callback: Callable[P, Awaitable[Any]]) -> Callable[P, Coroutine[Any, Any, None]]:
    """Send any error of a slash command, component or modal callback through ``handle_error``.

    The callback's first ``discord.Interaction`` argument is the one answered. Put it right above the
    function, under ``@app_commands.command(...)``, ``@discord.ui.button(...)`` and the like, or on a
    ``DynamicItem.callback``. The error is handled where it happens, so it never reaches the command tree.
    """

    @functools.wraps(callback)
    async def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await callback(*args, **kwargs)
        except Exception as exc:
            interaction = next((a for a in (*args, *kwargs.values()) if isinstance(a, discord.Interaction)), None)
            if interaction is None:
                raise
            await handle_error(interaction, exc)

    _resolve_annotations(run, callback)
    return run


def _resolve_annotations(wrapper: Callable[..., Any], callback: Callable[..., Any]) -> None:
    """Give ``wrapper`` the signature of ``callback`` with its annotations already resolved.

    discord.py reads a command's options from the callback's signature and resolves string annotations in
    the callback's module (its ``__globals__``), which for a wrapper is this module: resolve them here, in
    the right module, so option types defined next to the command still work.
    """
    try:
        hints = typing.get_type_hints(callback, include_extras=True)
    except Exception:  # a component callback annotated with local names: its annotations are not read
        log.debug("kept the unresolved annotations of %r", callback)
        return
    signature = inspect.signature(callback)
    parameters = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()]
    resolved = signature.replace(
        parameters=parameters, return_annotation=hints.get("return", signature.return_annotation)
    )
    setattr(wrapper, "__signature__", resolved)  # noqa: B010  (not a declared attribute of a function)
    wrapper.__annotations__ = hints


class TutorCog(commands.Cog):
    """Base of every tutorbot cog: errors raised around its slash commands (checks, option conversion, a
    body not wrapped in ``@guarded``) go through ``handle_error`` too."""

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await handle_error(interaction, error)


class TutorView(discord.ui.View):
    """A view whose item callbacks' errors go through ``handle_error``."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /) -> None:
        await handle_error(interaction, error)


# -- topic autocomplete -------------------------------------------------------------------------
async def topic_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Choices for a ``topic`` option: the tags and deck names the server sees (its enabled decks), best
    matches first, each with its card count.

    Answered from memory. Use ``@app_commands.autocomplete(topic=topic_autocomplete)`` on the command.
    """
    catalog = get_services(interaction.client).catalog.view(interaction.guild_id)
    return [
        app_commands.Choice(name=clip(f"{t} ({plural(catalog.topic_size(t), 'card')})", 100), value=t[:100])
        for t in catalog.suggest_topics(current, 25)
    ]


# -- timers -------------------------------------------------------------------------------------
class Wakeup:
    """A timer's early wake-up: ``sleep(seconds)`` returns after ``seconds``, or as soon as ``set()`` is called.

    The sleep is an ``asyncio.sleep`` task that ``set()`` cancels, so a sleeping timer is an ordinary timed
    wait (to the event loop, and to a simulated clock in tests); a ``set()`` while nobody sleeps is dropped,
    as the state it announces is re-read after every sleep anyway.
    """

    def __init__(self) -> None:
        self._sleeper: asyncio.Future[None] | None = None

    async def sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds`` (cancelling the caller cancels the sleep too)."""
        sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
        self._sleeper = sleeper
        try:
            await asyncio.wait({sleeper})
        finally:
            self._sleeper = None
            sleeper.cancel()

    def set(self) -> None:
        """End the current sleep now."""
        if self._sleeper is not None:
            self._sleeper.cancel()


# -- the answer modal -----------------------------------------------------------------------
AnswerCallback = Callable[[discord.Interaction, str], Awaitable[None]]
#: What a cog does with a submitted answer box: the fields of its custom id, and the typed answer.
BoxHandler = Callable[[discord.Interaction, dict[str, str], str], Awaitable[None]]

#: Discord's limit on a modal's text display.
TEXT_DISPLAY_MAX = 4000
#: The characters an answer box takes: a short answer, and an essay (as many as a stored answer keeps).
ANSWER_BOX_MAX = 400
LONG_ANSWER_MAX = 4000
#: The custom id of the text box inside an answer modal (unique within the modal, which is all Discord asks).
ANSWER_FIELD = "answer"


def tries_left_text(tries_left: int) -> str:
    """``1 try left`` / ``3 tries left``."""
    return f"{tries_left} {'try' if tries_left == 1 else 'tries'} left"


class AnswerModal(discord.ui.Modal):
    """One text box for a typed answer; used by channel quizzes, practice, review and the daily question.

    ``prompt`` (markdown the caller has already made safe, e.g. with ``cogs._format.card_text``) is shown
    above the box, so the question stays in view on a phone while the member types; ``tries_left`` adds a
    small line under it, and ``note`` a line in small print after that (what this member's next answer costs,
    say). Without any of them, the modal is the text box alone.

    Two kinds of box:

    * with ``on_answer``: the box lives in memory and ``on_answer`` gets the typed text. A box sent before a
      restart is unknown after it, so prefer the other kind for anything a member may keep open a while;
    * with a ``custom_id`` (built from a ``CustomId`` spec that names what is answered) and no
      ``on_answer``: the box is only sent and nothing is kept. The submission reaches the cog's
      ``on_interaction`` listener by its id (``answer_box_submitted``), so an answer typed across a restart
      is still received.
    """

    def __init__(
        self,
        title: str,
        on_answer: AnswerCallback | None = None,
        *,
        custom_id: str | None = None,
        label: str = "Your answer",
        long: bool = False,
        timeout: float | None = 600,
        prompt: str | None = None,
        tries_left: int | None = None,
        note: str | None = None,
    ) -> None:
        if on_answer is None and custom_id is None:
            raise ValueError("an answer box needs on_answer or a custom_id its cog handles")
        extra: dict[str, Any] = {} if custom_id is None else {"custom_id": custom_id}
        title = clip(strip_unsafe(title), 45) or "Answer"
        super().__init__(title=title, timeout=None if on_answer is None else timeout, **extra)
        self._on_answer = on_answer
        self.prompt: discord.ui.TextDisplay[Any] | None = None
        shown = _modal_prompt(prompt, tries_left, note)
        if shown:
            self.prompt = discord.ui.TextDisplay(shown)
            self.add_item(self.prompt)
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            label=clip(strip_unsafe(label), 45) or "Your answer",
            style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
            max_length=LONG_ANSWER_MAX if long else ANSWER_BOX_MAX,
            required=True,
            custom_id=ANSWER_FIELD,
        )
        self.add_item(self.answer)
        if on_answer is None:
            self.stop()  # only sent: discord.py keeps no copy, the submission goes to the cog's listener

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        """Hand the typed answer to the callback; its errors go through ``handle_error``. A box sent with a
        ``custom_id`` only is answered by its cog's listener, never here (one reply per submission)."""
        if self._on_answer is None:
            return
        try:
            await self._on_answer(interaction, self.answer.value or "")
        except Exception as exc:
            await handle_error(interaction, exc)


def _typed_text(components: Any) -> str | None:
    """The value of the first text box in a modal submission's components (action rows and labels walked)."""
    for item in components if isinstance(components, list) else []:
        if not isinstance(item, dict):
            continue
        if item.get("type") == discord.ComponentType.text_input.value:
            value = item.get("value")
            return value if isinstance(value, str) else ""
        nested = [item["component"]] if isinstance(item.get("component"), dict) else item.get("components")
        found = _typed_text(nested)
        if found is not None:
            return found
    return None


def answer_box_submitted(
    interaction: discord.Interaction, spec: CustomId
) -> tuple[dict[str, str], str] | None:
    """When ``interaction`` submits an answer box whose custom id follows ``spec``: the id's fields and the
    typed answer. ``None`` for every other interaction (a click, a command, another modal)."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return None
    data: Any = interaction.data or {}
    custom_id = data.get("custom_id")
    if not isinstance(custom_id, str) or not spec.matches(custom_id):
        return None
    return spec.parse(custom_id), _typed_text(data.get("components")) or ""


async def handle_answer_box(interaction: discord.Interaction, spec: CustomId, handler: BoxHandler) -> bool:
    """Answer a submitted box of ``spec`` with ``handler`` (its errors go through ``handle_error``); False,
    doing nothing, when the interaction is not one. For a cog's ``on_interaction`` listener: the box was
    only sent, so a submission is answered here whether the bot restarted since it opened or not."""
    submitted = answer_box_submitted(interaction, spec)
    if submitted is None:
        return False
    fields, text = submitted
    try:
        await handler(interaction, fields, text)
    except Exception as exc:
        await handle_error(interaction, exc)
    return True


def _modal_prompt(prompt: str | None, tries_left: int | None, note: str | None = None) -> str:
    """The text shown above the answer box: the prompt (clipped to fit), then the tries left and the note in small
    print."""
    small = [tries_left_text(tries_left)] if tries_left is not None else []
    small += [strip_unsafe(note).strip()] if note and note.strip() else []
    tail = f"-# {' · '.join(small)}" if small else ""
    body = strip_unsafe(prompt or "").strip()
    if body:
        room = TEXT_DISPLAY_MAX - (len(tail) + 1 if tail else 0)
        body = clip(body, room)
    return "\n".join(part for part in (body, tail) if part)


# -- cross-cog buttons ------------------------------------------------------------------------------
# Buttons one cog sends and another handles through a ``discord.ui.DynamicItem`` with the spec's template,
# so they work after a restart and need no import between cogs:
#: Start a one-question private practice on the card (handled by cogs.quiz).
PRACTICE = CustomId("practice", key=CARD_KEY)
#: The name of the cog that handles ``PRACTICE`` clicks (``cogs.quiz``).
QUIZ_COG = "Quiz"


def practice_offered(client: discord.Client) -> bool:
    """Whether a "Quiz me" / "Practice" button would be answered: the quiz cog is loaded in this bot (a host bot
    may load ``cogs.lookup`` or ``cogs.leaderboard`` without it)."""
    cog = cog_named(client, QUIZ_COG)
    # (by what answers the click, not by the name alone: a host bot may have a "Quiz" cog of its own)
    return callable(getattr(cog, "start_practice", None))


#: The name of the cog that has ``/review`` (``cogs.review``).
REVIEW_COG = "Review"


def review_offered(client: discord.Client) -> bool:
    """Whether ``/review start`` is there to be told of: the review cog is loaded in this bot (a host bot may load
    ``cogs.leaderboard`` without it)."""
    cog = cog_named(client, REVIEW_COG)
    # (by the command, not by the name alone: a host bot may have a "Review" cog of its own)
    return isinstance(getattr(cog, "start", None), app_commands.Command)


def quiz_offered(client: discord.Client) -> bool:
    """Whether ``/quiz`` is there to be told of: the quiz cog is loaded in this bot (a host bot may load
    ``cogs.leaderboard`` without it)."""
    cog = cog_named(client, QUIZ_COG)
    # (by the command, not by the name alone: a host bot may have a "Quiz" cog of its own)
    return isinstance(getattr(cog, "quiz_command", None), app_commands.Command)


#: The name of the cog that posts the daily question (``cogs.daily``).
DAILY_COG = "Daily"


def daily_offered(client: discord.Client) -> bool:
    """Whether a daily question is there to be told of: the daily cog is loaded in this bot (a host bot may load
    ``cogs.leaderboard`` without it)."""
    cog = cog_named(client, DAILY_COG)
    # (by its /daily commands, not by the name alone: a host bot may have a "Daily" cog of its own)
    return isinstance(getattr(cog, "daily", None), app_commands.Group)


async def daily_on(client: discord.Client, guild_id: int | None) -> bool:
    """Whether the members of ``guild_id`` have a daily question to answer: the daily cog is loaded and the
    server's schedule is on (one paused for a permission or for cards included: it carries on by itself once
    fixed; not one paused for good, its channel deleted, which waits for ``/daily set``). Outside a server (a DM),
    whether the cog is loaded. Never fails: when the schedule cannot be read, the question is not spoken of."""
    if not daily_offered(client):
        return False
    if guild_id is None:
        return True
    try:
        info = await get_services(client).daily.get_schedule(guild_id)
    except Exception:
        log.exception("could not read the daily schedule of guild %s", guild_id)
        return False
    return info is not None and info.enabled and not (info.paused_reason and info.next_post_at is None)


#: Show the card's definition privately to whoever clicks (handled by cogs.lookup).
DEFINE = CustomId("define", key=CARD_KEY)
# The same ids as format strings, kept while the cogs move to the specs above.


def _card_button(spec: CustomId, card_key: str, **kwargs: Any) -> discord.ui.Button[Any]:
    """A button with the spec's id for the card; disabled (and logged) when that id cannot fit."""
    if spec.fits(key=card_key):
        return discord.ui.Button(custom_id=spec.build(key=card_key), **kwargs)
    log.warning("card key %r is too long for a %s button", card_key, spec.name)
    return discord.ui.Button(custom_id=f"{spec.prefix}:unavailable", disabled=True, **kwargs)


def practice_button(card_key: str, *, label: str = "Quiz me", row: int | None = None) -> discord.ui.Button[Any]:
    """A button that starts a private practice question on the card."""
    return _card_button(PRACTICE, card_key, style=discord.ButtonStyle.success, label=label, emoji="🧠", row=row)


def define_button(card_key: str, label: str, *, row: int | None = None) -> discord.ui.Button[Any]:
    """A button that shows the card's definition privately."""
    return _card_button(DEFINE, card_key, style=discord.ButtonStyle.secondary, label=clip(label, 80), row=row)
