"""The tutorbot bot: builds the services, loads the extensions, syncs commands, shuts down cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import pkgutil
import signal
import sys
from pathlib import Path
from typing import Any

import discord
from discord.ext import commands

import cogs
from bot import __version__
from bot.config import Settings
from bot.core.clock import Clock, utc_now
from bot.core.grading import BUILD as GRADER_BUILD
from bot.core.memory import SWITCH_INTERVAL, CollectorPolicy
from bot.core.service import Services
from bot.core.shards import ShardPlan

log = logging.getLogger(__name__)

#: Files beside the database: the digest of the last global command sync, and the development guild the commands
#: were last synced to (removed from there once the bot syncs globally again).
SYNC_MARKER = ".commands-synced"
DEV_GUILD_MARKER = ".commands-dev-guild"
#: A command sync Discord failed is tried again while the bot runs: first after this many seconds, then after
#: twice as long each time, up to ``SYNC_RETRY_MAX`` (Discord rate-limits global syncs: they are never hammered).
SYNC_RETRY_FIRST = 60.0
SYNC_RETRY_MAX = 3600.0


def extension_names() -> list[str]:
    """Every extension module in ``cogs/`` (modules starting with ``_`` are helpers, not extensions)."""
    return sorted(
        f"cogs.{m.name}" for m in pkgutil.iter_modules(cogs.__path__) if not m.name.startswith("_")
    )


def intents_for(settings: Settings) -> discord.Intents:
    """Default (non-privileged) intents; message content only when chat answers are turned on."""
    intents = discord.Intents.default()
    intents.message_content = settings.chat_answers
    intents.members = False
    intents.presences = False
    return intents


class TutorBot(commands.Bot):
    """Our own host bot. The cogs work in any other ``commands.Bot`` too.

    ``shards`` (from ``TUTOR_SHARD_COUNT`` and ``TUTOR_SHARD_IDS``) is given to discord.py as ``shard_count``
    and ``shard_ids``; use ``bot_class(shards)`` to get the ``AutoShardedBot`` flavour when it is set.

    ``collector`` (``run_bot`` gives one) is the garbage collector's policy (``bot.core.memory``): applied
    once the services are up and the extensions loaded, and told of every deck change.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        services: Services | None = None,
        clock: Clock | None = None,
        shards: ShardPlan | None = None,
        collector: CollectorPolicy | None = None,
        **kwargs: object,
    ) -> None:
        self.shard_plan = shards or ShardPlan()
        if self.shard_plan.sharded:
            kwargs.setdefault("shard_count", self.shard_plan.count)
            if self.shard_plan.ids is not None:
                kwargs.setdefault("shard_ids", list(self.shard_plan.ids))
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **kwargs,  # type: ignore[arg-type]
        )
        self.settings = settings
        self._clock = clock
        self.tutor_services: Services | None = services
        self.failed_extensions: dict[str, BaseException] = {}
        self.collector = collector
        #: Whether this run has synced the commands to ``settings.dev_guild_id`` (see ``_dev_guild_arrived``).
        self._dev_guild_synced = False
        self._sync_retry: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        """Build the services (the core gets ``settings.core``, never the token), load every extension, sync."""
        if self.tutor_services is None:
            self.tutor_services = await Services.create(self.settings.core, clock=self._clock or utc_now)
        for name in extension_names():
            try:
                await self.load_extension(name)
                log.info("loaded extension %s", name)
            except Exception as exc:  # a broken extension must not stop the others
                self.failed_extensions[name] = exc
                log.exception("extension %s failed to load; the others carry on", name)
        if self.collector is not None:
            # What start-up made lives as long as the process: collected once, then never walked again.
            self.collector.start(self.tutor_services.catalog)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Sync to the development guild at once, or globally when the command set changed or Discord lacks it.

        The marker file next to the database remembers the digest of the last global sync (global syncs are
        rate-limited, so an unchanged set is not sent again), but it is not trusted alone: the commands
        registered on Discord are fetched (one cheap request) and their names compared, so commands removed
        on Discord's side (another build of the app, a reset) come back at the next start. A failed sync is
        logged and the bot goes on with the commands Discord already has, trying again in the background
        (``SYNC_RETRY_FIRST``, then less and less often), so that a first start's commands appear without a restart.
        A development guild the bot is not in yet (Discord refuses the sync) gets them when it invites the bot
        (``on_guild_join``).
        """
        if not self.shard_plan.syncs_commands:
            log.info("%s: the process holding shard 0 syncs the commands", self.shard_plan.describe())
            return
        try:
            await self._sync_once()
        except discord.HTTPException:
            log.error(
                "could not sync the slash commands; carrying on with those Discord has, trying again in %.0f s",
                SYNC_RETRY_FIRST, exc_info=True,
            )  # fmt: skip
            if self._sync_retry is None or self._sync_retry.done():
                self._sync_retry = asyncio.create_task(self._retry_sync(), name="tutor-command-sync-retry")

    async def _retry_sync(self) -> None:
        """Try a failed sync again until it goes through (or the bot closes), waiting longer each time."""
        wait = SYNC_RETRY_FIRST
        while not self.is_closed():
            await asyncio.sleep(wait)
            wait = min(wait * 2, SYNC_RETRY_MAX)
            try:
                await self._sync_once()
            except discord.HTTPException as exc:
                log.warning("could not sync the slash commands again (%s); trying again in %.0f s", exc, wait)
                continue
            log.info("the slash commands are synced now")
            return

    async def _sync_once(self) -> None:
        """One sync, to the development guild or global; raises ``discord.HTTPException`` when Discord fails it."""
        guild_id = self.settings.dev_guild_id
        if guild_id:
            left = await self._clear_dev_guild(keep=guild_id)  # (another development guild before this one)
            try:
                await self._sync_dev_guild(guild_id, left)
            except (discord.Forbidden, discord.NotFound) as exc:
                log.warning(
                    "could not sync the commands to the development server %s (%s): the bot is not in it, or was "
                    "invited without the applications.commands scope. Invite it there with the scopes bot and "
                    "applications.commands: the commands are synced as it joins.", guild_id, exc.text or exc.status,
                )  # fmt: skip
                return
            await self._warn_if_also_global(guild_id)
            return
        await self._clear_dev_guild()
        await self._sync_global()

    async def _sync_dev_guild(self, guild_id: int, left: list[int]) -> None:
        """Sync every command to the development guild; the marker then holds it (and ``left``, the former
        development guilds whose commands are still to be removed)."""
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        self._dev_guild_synced = True
        log.info("synced %d commands to development guild %s", len(synced), guild_id)
        self._write_marker(DEV_GUILD_MARKER, "\n".join(str(g) for g in dict.fromkeys((*left, guild_id))))

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """A server invited the bot while it runs: the development guild gets its commands (``_dev_guild_arrived``).
        Global commands reach any other server by themselves."""
        await self._dev_guild_arrived(guild)

    async def on_guild_available(self, guild: discord.Guild) -> None:
        """A server became available (at start, after an outage, or as it invites the bot)."""
        await self._dev_guild_arrived(guild)

    async def _dev_guild_arrived(self, guild: discord.Guild) -> None:
        """The development guild (``TUTOR_DEV_GUILD_ID``) joined or became available, and its commands are not synced
        in this run: Discord refuses a sync to a server the bot is not in, so a bot started before it was invited there
        would offer no command there until its next start. Synced now (once a run)."""
        if guild.id != self.settings.dev_guild_id or self._dev_guild_synced or not self.shard_plan.syncs_commands:
            return
        try:
            marked = [int(line) for line in self._marker(DEV_GUILD_MARKER).read_text().split()]
        except (OSError, ValueError):
            marked = []
        try:
            await self._sync_dev_guild(guild.id, [g for g in marked if g != guild.id])
        except discord.HTTPException:
            log.error("could not sync the commands to the development server %s as it joined", guild.id, exc_info=True)

    def _marker(self, name: str) -> Path:
        return Path(self.settings.db_path).with_name(name)

    def _write_marker(self, name: str, text: str) -> None:
        marker = self._marker(name)
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(text)
        except OSError:
            log.warning("could not write %s", marker)

    async def _warn_if_also_global(self, guild_id: int) -> None:
        """A development guild also sees the app's global commands (an earlier run without ``TUTOR_DEV_GUILD_ID``):
        Discord lists each command twice there. Said in the log (global commands serve every other server, so
        they are not removed from here)."""
        try:
            registered = await self.tree.fetch_commands()
        except discord.HTTPException:
            return
        if registered:
            log.warning(
                "Discord also has %d global commands of this app (an earlier run without TUTOR_DEV_GUILD_ID): "
                "server %s lists each command twice. If this app serves no other server, run once without "
                "TUTOR_DEV_GUILD_ID and remove them, or use a separate application for development.",
                len(registered), guild_id,
            )  # fmt: skip

    async def _clear_dev_guild(self, *, keep: int | None = None) -> list[int]:
        """Commands synced to a development guild by an earlier run stay there after ``TUTOR_DEV_GUILD_ID`` is
        unset, beside the global ones (each listed twice), or set to another guild: removed once, before the
        global sync or the sync to the new development guild (``keep``: that guild, left as it is). A guild
        whose removal fails (Discord answering 5xx) stays in the marker, tried again at the next start: returned
        (without ``keep``, the marker is left holding them)."""
        marker = self._marker(DEV_GUILD_MARKER)
        try:
            previous = [int(line) for line in marker.read_text().split()]
        except (OSError, ValueError):
            return []
        left: list[int] = []
        for former in dict.fromkeys(previous):
            if former == keep:
                continue
            guild = discord.Object(id=former)
            self.tree.clear_commands(guild=guild)
            try:
                await self.tree.sync(guild=guild)
                log.info("removed the commands of the former development guild %s", former)
            except (discord.Forbidden, discord.NotFound):
                log.info("the former development guild %s is gone; nothing to remove there", former)
            except discord.HTTPException:
                # (the commands are still synced where they are wanted now)
                log.warning(
                    "could not remove the commands of the former development guild %s; trying again at the next "
                    "start", former, exc_info=True,
                )  # fmt: skip
                left.append(former)
        if keep is None and left:
            self._write_marker(DEV_GUILD_MARKER, "\n".join(str(g) for g in left))
        elif keep is None:
            with contextlib.suppress(OSError):
                marker.unlink()
        return left

    def _command_digest(self) -> str:
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands()]
        return hashlib.sha256(json.dumps([__version__, payload], sort_keys=True, default=str).encode()).hexdigest()

    async def _registered_match(self) -> bool:
        """Whether Discord has exactly our global commands (by type and name)."""
        ours = {(int(c.to_dict(self.tree).get("type", 1)), c.name) for c in self.tree.get_commands()}
        try:
            registered = await self.tree.fetch_commands()
        except discord.HTTPException:
            log.warning("could not fetch the registered commands; syncing them", exc_info=True)
            return False
        theirs = {(int(c.type.value), c.name) for c in registered}
        if theirs != ours:
            log.info(
                "Discord's commands differ from ours (missing %s, extra %s)",
                sorted(n for _, n in ours - theirs), sorted(n for _, n in theirs - ours),
            )
            return False
        return True

    async def _sync_global(self) -> None:
        digest = self._command_digest()
        try:
            marked = self._marker(SYNC_MARKER).read_text().strip() == digest
        except OSError:
            marked = False
        if marked and await self._registered_match():
            log.info("commands unchanged since the last global sync, and Discord has them all; not syncing")
            return
        synced = await self.tree.sync()
        log.info("synced %d commands globally (may take up to an hour to appear everywhere)", len(synced))
        self._write_marker(SYNC_MARKER, digest)

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        """A message starting with a mention of the bot (its only prefix; it has no prefix command) is no error:
        "@tutorbot thanks" must not log a traceback. Any other command error is logged as discord.py does."""
        if isinstance(exception, commands.CommandNotFound):
            return
        await super().on_command_error(context, exception)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        log.info("logged in as %s (%s) in %d servers", self.user, getattr(self.user, "id", "?"), len(self.guilds))

    async def close(self) -> None:
        """Unload the extensions (they stop their tasks), then close the services and the connection."""
        if self._sync_retry is not None:
            self._sync_retry.cancel()
        for name in list(self.extensions):
            try:
                await self.unload_extension(name)
            except Exception:
                log.exception("error unloading %s", name)
        try:
            await super().close()
        finally:
            services, self.tutor_services = self.tutor_services, None
            if services is not None:
                await services.close()
            if self.collector is not None:
                self.collector.uninstall()


class ShardedTutorBot(TutorBot, commands.AutoShardedBot):
    """The bot as one of several shard processes: discord.py's ``AutoShardedBot`` holding the plan's shards."""


def bot_class(shards: ShardPlan) -> type[TutorBot]:
    """``ShardedTutorBot`` when a shard count is set, else the plain bot."""
    return ShardedTutorBot if shards.sharded else TutorBot


def configure_logging(level: str) -> None:
    """The process's logging (only the runner configures it)."""
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    # Voice is not used: discord.py's notes about its missing libraries are noise at every start.
    logging.getLogger("discord.client").addFilter(lambda record: "voice will NOT be supported" not in record.getMessage())


#: The longest wait between two attempts to reach Discord's gateway when it could never be reached.
GATEWAY_RETRY_MAX = 60.0


async def start_bot(bot: commands.Bot, token: str) -> None:
    """``bot.start(token)``, except when Discord's gateway cannot be reached at the very first connection (the
    network not up yet, an outage): discord.py's reconnect loop then tries to resume a session it never had and
    ends with an ``AttributeError``. Connect again from the start instead, waiting longer each time (1 s,
    2 s, ... up to ``GATEWAY_RETRY_MAX``), until it connects or the bot is closed."""
    await bot.login(token)
    wait = 1.0
    while not bot.is_closed():
        try:
            await bot.connect(reconnect=True)
            return
        except AttributeError:
            if bot.ws is not None:  # not the never-connected case: a real bug
                raise
        if bot.is_closed():
            return
        log.warning("Discord's gateway could not be reached; trying again in %.0f s", wait)
        await asyncio.sleep(wait)
        wait = min(wait * 2, GATEWAY_RETRY_MAX)


async def run_bot(
    settings: Settings, *, services: Services | None = None, shards: ShardPlan | None = None
) -> None:
    """Run until SIGINT/SIGTERM, then shut down cleanly (pending writes finished, database closed).

    ``services`` already opened (the command line opens them first, so deck and database problems are
    reported before logging in) are closed with the bot.
    """
    assert settings.token
    # A busy thread (an import being read, the database's threads) hands the GIL back to the event loop
    # within 1 ms instead of the default 5 ms (bench/bench_loop.py: import lag p99 11.8 ms -> 5.5 ms), and
    # the database's thread gets it back as soon from a busy loop (bench/bench_answers.py); sooner still
    # while it writes a group commit (``memory.quick_switches``).
    sys.setswitchinterval(SWITCH_INTERVAL)
    shards = shards or ShardPlan()
    bot = bot_class(shards)(settings, services=services, shards=shards, collector=CollectorPolicy())
    log.info("running %s; the grader is %s", shards.describe(), "compiled" if GRADER_BUILD == "compiled" else "Python")
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - not on this platform
            pass
    async with bot:
        runner = asyncio.create_task(start_bot(bot, settings.token))
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("shutting down")
            await bot.close()
        runner.cancel()
        stopper.cancel()
        for task in (runner,):
            try:
                await task
            except asyncio.CancelledError:
                pass
