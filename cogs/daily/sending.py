"""Sending the daily question's posts and reveals, and recording each outcome with the daily service.

A failure stays with its guild: a deleted channel or a lost permission pauses that guild's schedule with the
reason; a passing Discord error leaves the claim for a retry after its lease.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.core.daily import Claim, DailyService, GuildWork, Reveal
from cogs._shared import NO_MENTIONS, check_channel_permissions, get_services
from cogs.daily.render import post_embed, reveal_embed
from cogs.daily.views import ANSWER, answer_view

log = logging.getLogger(__name__)


class CannotPost(Exception):
    """Posting in this guild cannot work until someone fixes it (the guild is paused with ``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DailySender:
    """Sends what the daily service claimed, in the guild's channel, and reports back to it."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @property
    def service(self) -> DailyService:
        return get_services(self.bot).daily

    async def do_guild(self, work: GuildWork) -> None:
        """One guild's due work, in order: reveals, interrupted sends, then the day's post."""
        daily = self.service
        for post_id in work.reveals:
            reveal = await daily.claim_reveal(post_id)
            if reveal is not None:
                await self.send_reveal(reveal)
        for post_id in work.resends:
            claim = await daily.claim_resend(post_id)
            if claim is not None:
                await self.send_post(claim)
        if work.post:
            claim = await daily.claim_due(work.guild_id)
            if claim is not None:
                await self.send_post(claim)

    async def _channel(self, guild_id: int, channel_id: int) -> discord.abc.Messageable:
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            raise CannotPost("I am no longer in this server")
        channel = guild.get_channel_or_thread(channel_id)
        if channel is None:
            try:
                channel = await guild.fetch_channel(channel_id)
            except discord.NotFound:
                raise CannotPost(f"the channel <#{channel_id}> was deleted") from None
            except discord.Forbidden:
                raise CannotPost(f"I can no longer see the channel <#{channel_id}>") from None
        missing = await check_channel_permissions(channel, guild.me)
        if missing:
            raise CannotPost(f"I am missing {', '.join(missing)} in <#{channel_id}>")
        assert isinstance(channel, discord.abc.Messageable)
        return channel

    async def _find_sent(self, channel: discord.abc.Messageable, post_id: int) -> discord.Message | None:
        """A retry looks for the message first: the interrupted send may have reached Discord."""
        custom_id = ANSWER.build(post_id=post_id)
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

    async def send_post(self, claim: Claim) -> tuple[discord.Message | None, str | None]:
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
        except CannotPost as exc:
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

    async def send_reveal(self, reveal: Reveal) -> None:
        """Send a claimed reveal as a reply to its question; a failure is recorded (retried or paused)."""
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
        except CannotPost as exc:
            await daily.reveal_failed(reveal.post_id, exc.reason, permanent=True)
            return
        except discord.Forbidden:
            reason = f"I am not allowed to post in <#{reveal.channel_id}>"
            await daily.reveal_failed(reveal.post_id, reason, permanent=True)
            return
        except discord.NotFound:
            reason = f"the channel <#{reveal.channel_id}> was deleted"
            await daily.reveal_failed(reveal.post_id, reason, permanent=True)
            return
        except (discord.HTTPException, TimeoutError, OSError) as exc:
            await daily.reveal_failed(reveal.post_id, f"Discord error: {exc}"[:200], permanent=False)
            return
        await daily.mark_revealed(reveal.post_id, message.id)
        log.info("guild %s: daily question for %s revealed", reveal.guild_id, reveal.day)
