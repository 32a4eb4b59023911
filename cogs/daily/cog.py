"""The ``/daily`` commands and the scheduler that posts each server's question when it falls due.

The scheduler is a background task (started in ``cog_load``, cancelled in ``cog_unload``) that every
:data:`CHECK_INTERVAL` seconds at most asks the database what is due and hands each due guild to a bounded
pool of :data:`WORKERS` workers (:class:`~cogs.daily.sending.DailySender` sends). The database is the source
of truth: a restart loses nothing, and a missed post is caught up or skipped by the daily service's rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import schedule
from bot.core.daily import DailyService, PoolStats, PostInfo, run_pool
from bot.core.daily.errors import SET_COMMAND, not_set_up, switched_off
from bot.core.errors import UserError
from bot.core.service import Services
from cogs._format import escape, plural
from cogs._shared import (
    DAILY_COG,
    TutorCog,
    check_channel_permissions,
    defer,
    get_services,
    guarded,
    handle_answer_box,
    reply,
    require_manage_guild,
    topic_autocomplete,
    wait_until_ready,
)
from cogs.daily.render import missing_permissions, status_embed, ts
from cogs.daily.sending import POST_NEEDS, DailySender
from cogs.daily.views import ANSWER_BOX, DailyAnswerButton, answer_submitted

log = logging.getLogger(__name__)

#: The longest the scheduler sleeps between two due checks (it wakes earlier when something falls due).
CHECK_INTERVAL = 30.0
#: Posts and reveals are sent by at most this many workers at once.
WORKERS = 4
#: Who may run ``/daily`` commands (the server's managers), and what the others are told.
MANAGE_ACTION = "manage the daily question"
MANAGE_ONLY = f"Only members with the **Manage Server** permission can {MANAGE_ACTION}."


class Daily(TutorCog, name=DAILY_COG):
    """The question of the day."""

    daily = app_commands.Group(
        name="daily",
        description="A question of the day, posted at this server's local time",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None
        self.last_run: PoolStats | None = None
        self.sender = DailySender(bot)

    @property
    def services(self) -> Services:
        return get_services(self.bot)

    @property
    def service(self) -> DailyService:
        return self.services.daily

    # -- lifecycle ---------------------------------------------------------------------------
    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(DailyAnswerButton)
        self._task = asyncio.create_task(self._scheduler(), name="tutor-daily-scheduler")

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(DailyAnswerButton)
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _wait_ready(self) -> None:
        await wait_until_ready(self.bot)  # (also a host bot that loaded the extension before logging in)

    async def _scheduler(self) -> None:
        """Check what is due, post it through the worker pool, sleep until the next due instant (≤ 30 s)."""
        await self._wait_ready()
        log.info("daily scheduler running")
        while True:
            # Each check runs in its own short task: it ends, so nothing is left half-awaited between checks.
            delay = await asyncio.create_task(self._check(), name="tutor-daily-check")
            await asyncio.sleep(delay)

    async def _check(self) -> float:
        """One due check; returns how long to sleep before the next one. Never raises (but cancels)."""
        try:
            self.last_run = await self.run_due()
            now = self.services.now()
            wake = await self.service.next_wakeup(now)  # (only what is still to come: see next_wakeup)
        except Exception:
            log.exception("the daily check failed; trying again in %.0f s", CHECK_INTERVAL)
            return CHECK_INTERVAL
        if wake is None:
            return CHECK_INTERVAL
        ahead = (wake - now).total_seconds()
        if ahead <= 0:  # anything already due was just tried: give it the full interval
            return CHECK_INTERVAL
        return min(CHECK_INTERVAL, ahead + 0.01)

    async def run_due(self) -> PoolStats:
        """One due check: every due guild's reveals, interrupted sends and post, by the bounded pool."""
        waiting = await self.sender.flush()  # outcomes the database could not take on an earlier check
        if waiting:
            log.warning("daily: %d outcomes still wait for the database", waiting)
        work = await self.service.due_work(self.services.now())
        stats = await run_pool(work, self.sender.do_guild, workers=WORKERS)
        if stats.items:
            log.info(
                "daily check: %d guilds in %.2f s (%d failed, at most %d at once)",
                stats.items, stats.seconds, stats.failed, stats.max_concurrency,
            )  # fmt: skip
        return stats

    # -- events ------------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """An answer box of the daily question was submitted (also one opened before a restart)."""
        await handle_answer_box(interaction, ANSWER_BOX, answer_submitted)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        try:
            for guild_id in await self.service.guilds_using_channel(channel.id):
                if guild_id == channel.guild.id:
                    await self.service.pause(
                        guild_id, f"the channel #{discord.utils.escape_markdown(channel.name)} was deleted"
                    )
        except Exception:
            log.exception("could not pause the daily question after channel %s was deleted", channel.id)

    # -- commands ----------------------------------------------------------------------------
    @daily.command(name="set")
    @app_commands.describe(
        channel="Where the question is posted",
        time="Local time of day, e.g. 09:00, 9am or 21:30",
        timezone="The server's time zone, e.g. Europe/Paris or America/New_York",
        topic="Only ask cards of this topic (default: every card)",
        answer_hours="How many hours answers stay open (1-23, default 20)",
    )
    @app_commands.autocomplete(topic=topic_autocomplete)
    @guarded
    async def set_(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str,
        topic: str | None = None,
        answer_hours: app_commands.Range[int, 1, 23] = schedule.ANSWER_HOURS_DEFAULT,
    ) -> None:
        """Post a question of the day in a channel at a local time (Manage Server)."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        # Read Message History too: a retry after a Discord error looks for the copy an earlier try made.
        missing = await check_channel_permissions(channel, guild.me, *POST_NEEDS)
        if missing:
            them = "that permission" if len(missing) == 1 else "those permissions"
            raise missing_permissions(
                "daily.bot_permissions",
                "I can't post the daily question in {channel}",
                channel,
                missing,
                then=f"Give me {them} and try again.",
            )
        status = await self.service.set_schedule(
            guild.id, channel.id, time, timezone, topic=topic, answer_hours=int(answer_hours), by=interaction.user.id
        )
        info = status.schedule
        assert info is not None and status.next_post is not None
        what = f"topic **{escape(info.topic)}**" if info.topic else "every card"
        await reply(
            interaction,
            f"📅 The question of the day will be posted in {channel.mention} every day at "
            f"**{info.time_text}** ({info.zone_name}), from {what}; answers stay open "
            f"{plural(info.answer_hours, 'hour')}.\n"
            f"Next post: **{schedule.format_local(status.next_post, info.zone)}** — "
            f"{ts(status.next_post, 'F')} ({ts(status.next_post, 'R')}).",
            ephemeral=True,
        )

    @set_.autocomplete("timezone")
    async def _zone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in schedule.suggest_zones(current, 25)]

    @daily.command(name="off")
    @guarded
    async def off(self, interaction: discord.Interaction) -> None:
        """Stop posting the question of the day (Manage Server)."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        await self.service.turn_off(guild.id)
        await reply(
            interaction,
            "⏹️ The question of the day is off. A question still open gets its reveal. `/daily set` turns it on again.",
            ephemeral=True,
        )

    @daily.command(name="status")
    @guarded
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the daily question's channel, time, next and last post (Manage Server)."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        status = await self.service.status(guild.id)
        gone = await self._post_deleted(interaction, guild, status.last_post)
        await reply(interaction, embed=status_embed(status, guild.id, post_deleted=gone), ephemeral=True)

    async def _post_deleted(self, interaction: discord.Interaction, guild: discord.Guild, post: PostInfo | None) -> bool:
        """Whether the last post's message is known to be gone (a moderator cleaned the channel): then the
        status shows that instead of a dead link. Asked of Discord, so a deletion made while the bot was away
        counts too; when Discord cannot say (no Read Message History, an outage), the link stays."""
        if post is None or post.state != "posted" or post.message_id is None:
            return False
        channel = guild.get_channel_or_thread(post.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            return False
        await defer(interaction, ephemeral=True, thinking=True)  # (one request to Discord before the reply)
        try:
            await channel.fetch_message(post.message_id)
        except discord.NotFound:
            return True
        except discord.HTTPException:
            log.info("could not look at daily post %s for /daily status", post.id, exc_info=True)
        return False

    @daily.command(name="now")
    @guarded
    async def now(self, interaction: discord.Interaction) -> None:
        """Post today's question now, if today's has not been posted yet (Manage Server)."""
        guild = require_manage_guild(interaction, action=MANAGE_ACTION)
        info = await self.service.get_schedule(guild.id)
        if info is None:
            raise not_set_up()
        if not info.enabled:
            raise switched_off()
        channel = guild.get_channel(info.channel_id)
        if channel is None:
            raise UserError(
                "daily.channel_gone",
                "The daily question's channel no longer exists — pick another with {command}.",
                command=SET_COMMAND,
            )
        missing = await check_channel_permissions(channel, guild.me, *POST_NEEDS)
        if missing:
            raise missing_permissions("daily.bot_permissions", "I can't post in {channel}", channel, missing)
        await defer(interaction, ephemeral=True, thinking=True)
        claim = await self.service.claim_now(guild.id)  # today's already posted: a refusal linking to it
        sent = await self.sender.send_post(claim)
        if sent.message is None:
            await reply(interaction, f"⚠️ I could not post the question: {sent.failure}.", ephemeral=True)
            return
        note = "" if sent.recorded else (
            "\n⚠️ My database cannot be written right now: answers cannot count until it works again "
            "(the post is recorded then)."
        )
        await reply(
            interaction,
            f"✅ Today's question is posted in <#{channel.id}>: {sent.message.jump_url}\n"
            f"Answers close {ts(claim.closes_at, 'f')} ({ts(claim.closes_at, 'R')}).{note}",
            ephemeral=True,
        )
