"""/daily: a question of the day, posted at the server's own local time, with a reveal when answers close.

The decisions and the records live in :mod:`bot.core.daily`; this cog turns them into messages, and owns the
scheduler: a background task (started in ``cog_load``, cancelled in ``cog_unload``) that every
:data:`CHECK_INTERVAL` seconds at most asks the database what is due and hands each due guild to a bounded
pool of :data:`WORKERS` workers. Errors stay with their guild: a deleted channel or a lost permission pauses
that guild's schedule with the reason (shown by ``/daily status``); a passing error is retried a few times.

The **Answer** button is a ``discord.ui.DynamicItem`` with custom_id ``tutor:daily:<post id>``, so it works
after a restart; each member's verdict is private (ephemeral), and nobody sees anyone's answer before the
reveal.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable
from datetime import date, datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import schedule
from bot.core.daily import (
    AnswerResult,
    Claim,
    DailyService,
    DailyStatus,
    GuildWork,
    PoolStats,
    PostInfo,
    Reveal,
    TodayPosted,
    run_pool,
)
from bot.core.errors import NotFound, UserError
from bot.core.models import VerdictKind
from bot.core.service import Services
from cogs import _shared
from cogs._shared import (
    COLOUR_OK,
    NO_MENTIONS,
    AnswerModal,
    acquire_services,
    add_field,
    check_channel_permissions,
    clip,
    display_name,
    escape,
    get_services,
    handle_error,
    release_services,
    reply,
)

log = logging.getLogger(__name__)

#: The longest the scheduler sleeps between two due checks (it wakes earlier when something falls due).
CHECK_INTERVAL = 30.0
#: Posts and reveals are sent by at most this many workers at once.
WORKERS = 4
ANSWER_ID = "tutor:daily:{post_id}"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EXPLANATION_CHARS = 1500
MANAGE_ONLY = "Only members with the **Manage Server** permission can manage the daily question."


# -- rendering ------------------------------------------------------------------------------------
def day_label(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def ts(dt: datetime, style: str = "f") -> str:
    return schedule.discord_timestamp(dt, style)


def when(dt: datetime, zone: Any) -> str:
    """``Thu 26 Nov, 09:00 (Europe/Paris)`` and the same instant in each reader's own time."""
    return f"{schedule.format_local(dt, zone)} · {ts(dt, 'f')} ({ts(dt, 'R')})"


def card_text(text: str) -> str:
    """Deck explanations keep their markdown; mentions are neutralised (and nothing pings anyway)."""
    return discord.utils.escape_mentions(text)


def channel_link(guild_id: int, channel_id: int, message_id: int | None) -> str:
    if message_id is None:
        return f"<#{channel_id}>"
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def post_embed(claim: Claim) -> discord.Embed:
    e = _shared.embed(f"Question of the day — {day_label(claim.day)}", escape(claim.card.question))
    add_field(e, "Answers close", f"{ts(claim.closes_at, 'f')} ({ts(claim.closes_at, 'R')})", inline=True)
    if claim.topic:
        add_field(e, "Topic", escape(claim.topic), inline=True)
    e.set_footer(text="Press Answer: only you see your verdict. The answer is revealed when answers close.")
    return e


def answer_view(post_id: int) -> discord.ui.View:
    """A view used only to send the button; clicks are handled by :class:`DailyAnswerButton`."""
    view = discord.ui.View(timeout=None)
    view.add_item(DailyAnswerButton(post_id))
    view.stop()
    return view


def reveal_embed(r: Reveal) -> discord.Embed:
    text = f"**Q:** {escape(r.card.question)}\n**A:** {escape(r.accepted)}"
    if r.explanation:
        text += "\n\n" + card_text(clip(r.explanation, EXPLANATION_CHARS))
    e = _shared.embed(f"Answer — question of the day, {day_label(r.day)}", text, colour=COLOUR_OK)
    if r.answered:
        pct = round(100 * r.share_right)
        add_field(e, "Answers", f"{r.answered} answered · {r.correct} right ({pct}%)", inline=False)
    else:
        add_field(e, "Answers", "No one answered this one.", inline=False)
    if r.winners:
        names = ", ".join(escape(n) for n in r.winners)
        if r.more_winners:
            names += f" and {r.more_winners} more"
        add_field(e, "Got it", names, inline=False)
    elif r.answered:
        add_field(e, "Got it", "No one this time.", inline=False)
    if r.streaks:
        lines = [f"🔥 **{n}** {'day' if n == 1 else 'days'} — {escape(name)}" for name, n in r.streaks]
        add_field(e, "Longest daily streaks", "\n".join(lines), inline=False)
    return e


def verdict_text(result: AnswerResult) -> str:
    v = result.verdict
    if not result.counted:
        return f"{v.feedback}\nThis one doesn't count yet — press **Answer** again."
    if v.correct:
        days = result.streak or 1
        return (
            f"{v.feedback}\n**+{result.points} points** · daily streak: **{days}** {'day' if days == 1 else 'days'} 🔥"
        )
    # The grader's feedback on a wrong answer may name the right one ("X is not Y"): kept for the reveal, so
    # nobody can pass the answer on while the question is open.
    head = "🟠 Partly right." if v.kind is VerdictKind.PARTIAL else "❌ Not quite."
    return f"{head}\nThat's your answer for today. The answer is revealed {ts(result.closes_at, 'R')}."


def status_embed(status: DailyStatus, guild_id: int) -> discord.Embed:
    info = status.schedule
    if info is None:
        return _shared.embed("Daily question", "No daily question is set up here. Use `/daily set` to start one.")
    if not info.enabled:
        state = "⏹️ Off — `/daily set` turns it on again."
    elif info.paused_reason:
        since = f" (since {ts(info.paused_at, 'f')})" if info.paused_at else ""
        state = f"⏸️ Paused: {info.paused_reason}{since}. Use `/daily set` to resume."
    else:
        state = "▶️ On"
    e = _shared.embed("Daily question", state)
    add_field(e, "Channel", f"<#{info.channel_id}>", inline=True)
    add_field(e, "Time", f"{info.time_text} ({info.zone_name})", inline=True)
    add_field(e, "Topic", escape(info.topic) if info.topic else f"every card ({status.card_count})", inline=True)
    add_field(e, "Answers open", f"{info.answer_hours} h", inline=True)
    if status.next_post is not None:
        add_field(e, "Next post", when(status.next_post, info.zone), inline=False)
    last = status.last_post
    if last is not None:
        text = f"{day_label(last.day)} — "
        if last.state == "posted":
            text += channel_link(guild_id, last.channel_id, last.message_id)
            text += " (revealed)" if last.revealed_at else f" (answers close {ts(last.closes_at, 'R')})"
        elif last.state == "claimed":
            text += "being sent"
        else:
            text += f"not sent: {last.failure or 'failed'}"
        add_field(e, "Last post", text, inline=False)
    return e


# -- the Answer button ---------------------------------------------------------------------------
class DailyAnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:daily:(?P<post_id>[0-9]{1,19})"):
    """``tutor:daily:<post id>``: open the answer box for that day's question (works after a restart)."""

    def __init__(self, post_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.primary,
                label="Answer",
                emoji="✍️",
                custom_id=ANSWER_ID.format(post_id=post_id),
            )
        )
        self.post_id = post_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DailyAnswerButton:
        return cls(int(match["post_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            services = get_services(interaction.client)  # type: ignore[arg-type]
            post, card = await services.daily.check_can_answer(self.post_id, interaction.user.id)
            post_id = self.post_id

            async def on_answer(modal_interaction: discord.Interaction, text: str) -> None:
                try:  # closed meanwhile, or answered from another window: a message, not an error
                    result = await services.daily.answer(
                        post_id, modal_interaction.user.id, display_name(modal_interaction.user), text
                    )
                except UserError as exc:
                    await handle_error(modal_interaction, exc)
                    return
                await reply(modal_interaction, verdict_text(result), ephemeral=True)

            modal = AnswerModal(f"Question of the day — {day_label(post.day)}", on_answer, long=card.is_essay, timeout=3600)
            await interaction.response.send_modal(modal)
        except Exception as exc:
            await handle_error(interaction, exc)


# -- sending ------------------------------------------------------------------------------------
class _CannotPost(Exception):
    """Posting in this guild cannot work until someone fixes it (the guild is paused with ``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _require_manager(interaction: discord.Interaction) -> discord.Guild:
    if interaction.guild is None:
        raise UserError("The daily question is set up per server: use this command in a server.")
    perms = interaction.permissions
    if not (perms.manage_guild or perms.administrator):
        raise UserError(MANAGE_ONLY, code="E-PERM")
    return interaction.guild


async def _guarded(interaction: discord.Interaction, work: Awaitable[None]) -> None:
    """Run a command's body; what the user got wrong becomes an ephemeral message (not an error)."""
    try:
        await work
    except UserError as exc:
        await handle_error(interaction, exc)


class Daily(commands.Cog):
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

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await handle_error(interaction, error)

    async def _wait_ready(self) -> None:
        while True:
            try:
                await self.bot.wait_until_ready()
                return
            except RuntimeError:  # a host bot that loaded the extension before logging in
                await asyncio.sleep(5)

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
            wake = await self.service.next_wakeup()
        except Exception:
            log.exception("the daily check failed; trying again in %.0f s", CHECK_INTERVAL)
            return CHECK_INTERVAL
        if wake is None:
            return CHECK_INTERVAL
        ahead = (wake - self.services.now()).total_seconds()
        if ahead <= 0:  # anything already due was just tried: give it the full interval
            return CHECK_INTERVAL
        return min(CHECK_INTERVAL, ahead + 0.01)

    async def run_due(self) -> PoolStats:
        """One due check: every due guild's reveals, interrupted sends and post, by the bounded pool."""
        work = await self.service.due_work(self.services.now())
        stats = await run_pool(work, self._do_guild, workers=WORKERS)
        if stats.items:
            log.info(
                "daily check: %d guilds in %.2f s (%d failed, at most %d at once)",
                stats.items, stats.seconds, stats.failed, stats.max_concurrency,
            )
        return stats

    async def _do_guild(self, work: GuildWork) -> None:
        daily = self.service
        for post_id in work.reveals:
            reveal = await daily.claim_reveal(post_id)
            if reveal is not None:
                await self._send_reveal(reveal)
        for post_id in work.resends:
            claim = await daily.claim_resend(post_id)
            if claim is not None:
                await self._send_post(claim)
        if work.post:
            claim = await daily.claim_due(work.guild_id)
            if claim is not None:
                await self._send_post(claim)

    async def _channel(self, guild_id: int, channel_id: int) -> discord.abc.Messageable:
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            raise _CannotPost("I am no longer in this server")
        channel = guild.get_channel_or_thread(channel_id)
        if channel is None:
            try:
                channel = await guild.fetch_channel(channel_id)
            except discord.NotFound:
                raise _CannotPost(f"the channel <#{channel_id}> was deleted") from None
            except discord.Forbidden:
                raise _CannotPost(f"I can no longer see the channel <#{channel_id}>") from None
        missing = await check_channel_permissions(channel, guild.me)  # type: ignore[arg-type]
        if missing:
            raise _CannotPost(f"I am missing {', '.join(missing)} in <#{channel_id}>")
        assert isinstance(channel, discord.abc.Messageable)
        return channel

    async def _find_sent(self, channel: discord.abc.Messageable, post_id: int) -> discord.Message | None:
        """A retry looks for the message first: the interrupted send may have reached Discord."""
        custom_id = ANSWER_ID.format(post_id=post_id)
        me = self.bot.user
        try:
            recent = [m async for m in channel.history(limit=50)]  # read to the end: no generator left open
        except discord.HTTPException:
            return None
        for message in recent:
            if me is not None and message.author.id != me.id:
                continue
            for row in message.components:
                for child in getattr(row, "children", ()):
                    if getattr(child, "custom_id", None) == custom_id:
                        return message
        return None

    async def _send_post(self, claim: Claim) -> tuple[discord.Message | None, str | None]:
        """Send a claimed post; returns (message, None) or (None, why it failed)."""
        daily = self.service
        try:
            channel = await self._channel(claim.guild_id, claim.channel_id)
            if claim.resend:
                found = await self._find_sent(channel, claim.post_id)
                if found is not None:
                    await daily.mark_posted(claim.post_id, found.id)
                    return found, None
            message = await channel.send(
                embed=post_embed(claim), view=answer_view(claim.post_id), allowed_mentions=NO_MENTIONS
            )
        except _CannotPost as exc:
            await daily.send_failed(claim.post_id, exc.reason, permanent=True)
            return None, exc.reason
        except discord.Forbidden:
            reason = f"I am not allowed to post in <#{claim.channel_id}>"
            await daily.send_failed(claim.post_id, reason, permanent=True)
            return None, reason
        except discord.NotFound:
            reason = f"the channel <#{claim.channel_id}> was deleted"
            await daily.send_failed(claim.post_id, reason, permanent=True)
            return None, reason
        except (discord.HTTPException, TimeoutError, OSError) as exc:
            reason = f"Discord error: {exc}"[:200]
            retry = await daily.send_failed(claim.post_id, reason, permanent=False)
            return None, "Discord did not take the message; " + ("I'll retry shortly" if retry else "giving up")
        await daily.mark_posted(claim.post_id, message.id)
        log.info("guild %s: daily question for %s posted", claim.guild_id, claim.day)
        return message, None

    async def _send_reveal(self, reveal: Reveal) -> None:
        daily = self.service
        try:
            channel = await self._channel(reveal.guild_id, reveal.channel_id)
            reference = None
            if reveal.message_id is not None:
                reference = discord.MessageReference(
                    message_id=reveal.message_id, channel_id=reveal.channel_id, fail_if_not_exists=False
                )
            message = await channel.send(
                embed=reveal_embed(reveal), reference=reference, allowed_mentions=NO_MENTIONS  # type: ignore[arg-type]
            )
        except _CannotPost as exc:
            await daily.reveal_failed(reveal.post_id, exc.reason, permanent=True)
            return
        except discord.Forbidden:
            await daily.reveal_failed(
                reveal.post_id, f"I am not allowed to post in <#{reveal.channel_id}>", permanent=True
            )
            return
        except discord.NotFound:
            await daily.reveal_failed(reveal.post_id, f"the channel <#{reveal.channel_id}> was deleted", permanent=True)
            return
        except (discord.HTTPException, TimeoutError, OSError) as exc:
            await daily.reveal_failed(reveal.post_id, f"Discord error: {exc}"[:200], permanent=False)
            return
        await daily.mark_revealed(reveal.post_id, message.id)
        log.info("guild %s: daily question for %s revealed", reveal.guild_id, reveal.day)

    # -- events ------------------------------------------------------------------------------
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
        await _guarded(interaction, self._set(interaction, channel, time, timezone, topic, int(answer_hours)))

    async def _set(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str,
        topic: str | None,
        answer_hours: int,
    ) -> None:
        guild = _require_manager(interaction)
        missing = await check_channel_permissions(channel, guild.me)
        if missing:
            raise UserError(
                f"I can't post the daily question in {channel.mention}: I'm missing "
                f"{', '.join(f'**{m}**' for m in missing)} there. Give me "
                f"{'that permission' if len(missing) == 1 else 'those permissions'} and try again.",
                code="E-BOTPERM",
            )
        status = await self.service.set_schedule(
            guild.id, channel.id, time, timezone, topic=topic, answer_hours=answer_hours,
            by=interaction.user.id,
        )
        info = status.schedule
        assert info is not None and status.next_post is not None
        what = f"topic **{escape(info.topic)}**" if info.topic else "every card"
        await reply(
            interaction,
            f"📅 The question of the day will be posted in {channel.mention} every day at "
            f"**{info.time_text}** ({info.zone_name}), from {what}; answers stay open {info.answer_hours} h.\n"
            f"Next post: **{schedule.format_local(status.next_post, info.zone)}** — "
            f"{ts(status.next_post, 'F')} ({ts(status.next_post, 'R')}).",
            ephemeral=True,
        )

    @set_.autocomplete("timezone")
    async def _zone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in schedule.suggest_zones(current, 25)]

    @set_.autocomplete("topic")
    async def _topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        catalog = self.services.catalog
        return [
            app_commands.Choice(name=clip(f"{t} ({catalog.topic_size(t)} cards)", 100), value=t[:100])
            for t in catalog.suggest_topics(current, 25)
        ]

    @daily.command(name="off")
    async def off(self, interaction: discord.Interaction) -> None:
        """Stop posting the question of the day (Manage Server)."""
        await _guarded(interaction, self._off(interaction))

    async def _off(self, interaction: discord.Interaction) -> None:
        guild = _require_manager(interaction)
        await self.service.turn_off(guild.id)
        await reply(
            interaction,
            "⏹️ The question of the day is off. A question still open gets its reveal. `/daily set` turns it on again.",
            ephemeral=True,
        )

    @daily.command(name="status")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the daily question's channel, time, next and last post (Manage Server)."""
        await _guarded(interaction, self._status(interaction))

    async def _status(self, interaction: discord.Interaction) -> None:
        guild = _require_manager(interaction)
        status = await self.service.status(guild.id)
        await reply(interaction, embed=status_embed(status, guild.id), ephemeral=True)

    @daily.command(name="now")
    async def now(self, interaction: discord.Interaction) -> None:
        """Post today's question now, if today's has not been posted yet (Manage Server)."""
        await _guarded(interaction, self._now(interaction))

    async def _now(self, interaction: discord.Interaction) -> None:
        guild = _require_manager(interaction)
        info = await self.service.get_schedule(guild.id)
        if info is None or not info.enabled:
            raise NotFound("The daily question is not set up in this server — use `/daily set` first.")
        channel = guild.get_channel(info.channel_id)
        if channel is None:
            raise UserError("The daily question's channel no longer exists — pick another with `/daily set`.")
        missing = await check_channel_permissions(channel, guild.me)
        if missing:
            raise UserError(
                f"I can't post in {channel.mention}: I'm missing {', '.join(f'**{m}**' for m in missing)} there.",
                code="E-BOTPERM",
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            claim = await self.service.claim_now(guild.id)
        except TodayPosted as exc:
            await reply(interaction, f"⚠️ {exc.message} {self._post_link(exc.post)}", ephemeral=True)
            return
        message, failure = await self._send_post(claim)
        if message is None:
            await reply(interaction, f"⚠️ I could not post the question: {failure}.", ephemeral=True)
            return
        await reply(
            interaction,
            f"✅ Today's question is posted in {channel.mention}: {message.jump_url}\n"
            f"Answers close {ts(claim.closes_at, 'f')} ({ts(claim.closes_at, 'R')}).",
            ephemeral=True,
        )

    @staticmethod
    def _post_link(post: PostInfo) -> str:
        if post.message_id is None:
            return ""
        return channel_link(post.guild_id, post.channel_id, post.message_id)


async def setup(bot: commands.Bot) -> None:
    await acquire_services(bot, __name__)
    await bot.add_cog(Daily(bot))


async def teardown(bot: commands.Bot) -> None:
    await release_services(bot, __name__)


__all__ = ["Daily", "DailyAnswerButton", "post_embed", "reveal_embed", "verdict_text"]
