"""Sending the daily question's posts and reveals, and recording each outcome with the daily service.

A failure stays with its guild: a deleted channel or a lost permission pauses that guild's schedule with the
reason; a passing Discord error is tried again at once (``delivery.with_retries``), then left to the claim's
lease for a later turn. Nothing is sent twice: a try after an error that may have gone through first looks
for the message in the channel — which is why posting needs Read Message History, and why a look that cannot
read the channel counts as "cannot tell" rather than "not there".

A guild paused for a permission is looked at again at each of its post times: once the bot can post in the
channel, the schedule carries on and the day's question is posted as usual.

The database may fail too (read-only, disk full). A send is claimed in the database before it is made, so a
claim that cannot be written sends nothing; an outcome that cannot be written is kept here and written on a
later check (and a post's lease finds its message in the channel after a restart).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord
from discord.ext import commands

from bot.core.daily import Claim, DailyService, GuildWork, Reveal, storage_failed
from cogs._shared import DISCORD_ERRORS, NO_MENTIONS, check_channel_permissions, get_services
from cogs.daily.delivery import Unknown, passing, with_retries
from cogs.daily.render import post_embed, reveal_embed, reveal_title
from cogs.daily.views import ANSWER, answer_view

log = logging.getLogger(__name__)

#: How many recent messages of the channel a retry reads to find what an earlier try sent.
LOOK_BACK = 50


#: What posting the question needs beyond seeing the channel, sending and embedding: reading the channel's
#: history, so that a retry finds a copy an earlier try made (and never posts the question twice).
POST_NEEDS = ("read_message_history",)


class CannotPost(Exception):
    """Posting in this guild cannot work until someone fixes it (the guild is paused with ``reason``).

    ``check_again``: someone may fix it in the channel (a permission): the pause is looked at again at each
    post time. Not for a channel deleted or a server left: only ``/daily set`` resumes those."""

    def __init__(self, reason: str, *, check_again: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.check_again = check_again


@dataclass(frozen=True, slots=True)
class Sent:
    """The outcome of sending a post: the message, or why there is none; ``recorded`` is False when the
    message is out but the database could not record it yet (it is recorded on a later check)."""

    message: discord.Message | None
    failure: str | None = None
    recorded: bool = True


class DailySender:
    """Sends what the daily service claimed, in the guild's channel, and reports back to it."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        #: Outcomes the database could not take yet, by (kind, post id): written again by ``flush``.
        self.unrecorded: dict[tuple[str, int], Callable[[], Awaitable[Any]]] = {}

    @property
    def service(self) -> DailyService:
        return get_services(self.bot).daily

    # -- the scheduler's side ------------------------------------------------------------------------
    async def do_guild(self, work: GuildWork) -> None:
        """One guild's due work, in order: reveals, interrupted sends, then the day's post.

        When the database cannot be written the rest waits for the next check (nothing was claimed, so
        nothing was sent); the other guilds carry on.
        """
        daily = self.service
        try:
            for post_id in work.reveals:
                reveal = await daily.claim_reveal(post_id)
                if reveal is not None:
                    await self.send_reveal(reveal)
            for post_id in work.resends:
                claim = await daily.claim_resend(post_id)
                if claim is not None:
                    await self.send_post(claim)
            if work.post:
                if await self._check_paused(work.guild_id):
                    # The answer a pause held (the bot away, a permission taken away) comes before the day's
                    # question: posted after it, an old answer would sit under the new question.
                    for post_id in await daily.reveals_due(work.guild_id):
                        reveal = await daily.claim_reveal(post_id)
                        if reveal is not None:
                            await self.send_reveal(reveal)
                claim = await daily.claim_due(work.guild_id)
                if claim is not None:
                    await self.send_post(claim)
        except Exception as exc:
            if not storage_failed(exc):
                raise
            log.warning("guild %s: daily work waits for the database (%s); trying again on the next check",
                        work.guild_id, exc)  # fmt: skip

    async def _check_paused(self, guild_id: int) -> bool:
        """A guild paused because posting could not work, at one of its post times: look at the channel again.
        When the bot can post there the schedule carries on (``claim_due`` then posts the day's question) and
        True is returned; otherwise the pause stays, with the reason as it is now, until the next post time."""
        daily = self.service
        info = await daily.paused_check_due(guild_id)
        if info is None:
            return False
        problem: str | None = None
        check_again = True
        try:
            await self._channel(guild_id, info.channel_id, *POST_NEEDS)
        except CannotPost as exc:
            problem, check_again = exc.reason, exc.check_again
        except DISCORD_ERRORS as exc:
            log.warning("guild %s: could not look at the daily channel again (%s); trying on the next check",
                        guild_id, exc)  # fmt: skip
            return False
        return await daily.check_paused(guild_id, problem, check_again=check_again)

    async def flush(self) -> int:
        """Write the outcomes the database could not take before; returns how many are still waiting."""
        for key, record in list(self.unrecorded.items()):
            try:
                await record()
            except Exception as exc:
                if storage_failed(exc):
                    break  # still failing: keep them all for the next check
                log.exception("could not record daily %s %s; dropped", *key)
            del self.unrecorded[key]
        return len(self.unrecorded)

    async def _record(self, kind: str, post_id: int, record: Callable[[], Awaitable[Any]], *, keep: bool) -> bool:
        """Write an outcome; when the database fails, log it and (``keep``) hold it for ``flush``."""
        try:
            await record()
        except Exception as exc:
            if not storage_failed(exc):
                raise
            log.warning("daily %s %s not recorded yet (%s)", kind, post_id, exc)
            if keep:
                self.unrecorded[(kind, post_id)] = record
            return False
        return True

    # -- the channel ---------------------------------------------------------------------------------
    async def _channel(self, guild_id: int, channel_id: int, *extra: str) -> discord.abc.Messageable:
        """The channel, when the bot can post embeds there (and has the ``extra`` permissions); else ``CannotPost``."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            raise CannotPost("I am no longer in this server", check_again=True)  # (invited back: resumes)
        channel = guild.get_channel_or_thread(channel_id)
        if channel is None:
            try:
                channel = await guild.fetch_channel(channel_id)
            except discord.NotFound:
                raise CannotPost(f"the channel <#{channel_id}> was deleted", check_again=False) from None
            except discord.Forbidden:
                raise CannotPost(f"I can no longer see the channel <#{channel_id}>") from None
        missing = await check_channel_permissions(channel, guild.me, *extra)
        if missing:
            raise CannotPost(f"I am missing {', '.join(missing)} in <#{channel_id}>")
        assert isinstance(channel, discord.abc.Messageable)
        return channel

    @staticmethod
    def _may_read_history(channel: discord.abc.Messageable) -> bool:
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
            return channel.permissions_for(channel.guild.me).read_message_history
        return True

    async def _recent_own(self, channel: discord.abc.Messageable) -> list[discord.Message]:
        """The bot's recent messages in the channel. Raises ``Unknown`` when they cannot be read: for a passing
        reason, or without the permission to read them (an earlier try may be there all the same, so nothing
        is sent again on a guess). Discord answers an empty history, not a refusal, to a bot that may not read it:
        the permission is checked first."""
        me = self.bot.user
        if not self._may_read_history(channel):
            raise Unknown("I am not allowed to read the channel's history")
        try:
            recent = [m async for m in channel.history(limit=LOOK_BACK)]  # read to the end: no generator left open
        except discord.Forbidden as exc:
            log.warning("cannot read the history of channel %s to look for an earlier send", getattr(channel, "id", "?"))
            raise Unknown("I am not allowed to read the channel's history") from exc
        except Exception as exc:
            if passing(exc):
                raise Unknown(str(exc)) from exc
            raise
        return [m for m in recent if me is None or m.author.id == me.id]

    async def _find_sent(self, channel: discord.abc.Messageable, post_id: int) -> discord.Message | None:
        """The post's message, if an earlier try sent it (its Answer button names the post)."""
        custom_id = ANSWER.build(post_id=post_id)
        for message in await self._recent_own(channel):
            for row in message.components:
                for child in getattr(row, "children", ()):
                    if getattr(child, "custom_id", None) == custom_id:
                        return message
        return None

    async def _find_reveal(self, channel: discord.abc.Messageable, reveal: Reveal) -> discord.Message | None:
        """The reveal's message, if an earlier try sent it (its title names the day; it replies to the post)."""
        title = reveal_title(reveal.day, reveal.number)
        for message in await self._recent_own(channel):
            if not message.embeds or message.embeds[0].title != title:
                continue
            replied = message.reference.message_id if message.reference is not None else None
            if reveal.message_id is None or replied is None or replied == reveal.message_id:
                return message
        return None

    # -- posts ---------------------------------------------------------------------------------------
    async def send_post(self, claim: Claim) -> Sent:
        """Send a claimed post (a retry first looks for it) and record the outcome."""
        daily = self.service
        try:
            channel = await self._channel(claim.guild_id, claim.channel_id, *POST_NEEDS)
            found = await self._find_sent(channel, claim.post_id) if claim.resend else None
            if found is None and claim.look_only:
                await self._record("give-up", claim.post_id, lambda: daily.give_up_send(claim.post_id), keep=False)
                return Sent(None, "the question was not sent in time")
            message = found or await with_retries(
                lambda: channel.send(
                    embed=post_embed(claim), view=answer_view(claim.post_id), allowed_mentions=NO_MENTIONS
                ),
                what=f"daily post {claim.post_id}",
                already_done=lambda: self._find_sent(channel, claim.post_id),
            )
            assert message is not None
        except CannotPost as exc:
            return await self._send_failed(claim, exc.reason, permanent=True, check_again=exc.check_again)
        except discord.Forbidden:
            return await self._send_failed(
                claim, f"I am not allowed to post in <#{claim.channel_id}>", permanent=True, check_again=True
            )
        except discord.NotFound:
            return await self._send_failed(claim, f"the channel <#{claim.channel_id}> was deleted", permanent=True)
        except Unknown as exc:
            return await self._send_failed(claim, f"could not check for an earlier try: {exc}"[:200], permanent=False)
        except DISCORD_ERRORS as exc:
            return await self._send_failed(claim, f"Discord error: {exc}"[:200], permanent=False)
        recorded = await self._record(
            "post", claim.post_id, lambda: daily.mark_posted(claim.post_id, message.id), keep=True
        )
        log.info("guild %s: daily question for %s posted", claim.guild_id, claim.day)
        return Sent(message, recorded=recorded)

    async def _send_failed(self, claim: Claim, reason: str, *, permanent: bool, check_again: bool = False) -> Sent:
        retry = False

        async def record() -> None:
            nonlocal retry
            retry = await self.service.send_failed(claim.post_id, reason, permanent=permanent, check_again=check_again)

        if not await self._record("send failure", claim.post_id, record, keep=False):
            retry = True  # nothing recorded: the claim's lease runs out and it is tried again
        if permanent:
            return Sent(None, reason)
        return Sent(None, "Discord did not take the message; " + ("I'll retry shortly" if retry else "giving up"))

    # -- reveals -------------------------------------------------------------------------------------
    async def send_reveal(self, reveal: Reveal) -> None:
        """Send a claimed reveal as a reply to its question (a retry first looks for it); record the outcome."""
        daily = self.service
        try:
            channel = await self._channel(reveal.guild_id, reveal.channel_id)
            found = await self._find_reveal(channel, reveal) if reveal.retry else None
            reference = None
            # A reply needs Read Message History (Discord refuses it otherwise): without it, the reveal is posted
            # as a message of its own rather than lost.
            if reveal.message_id is not None and self._may_read_history(channel):
                reference = discord.MessageReference(
                    message_id=reveal.message_id, channel_id=reveal.channel_id, fail_if_not_exists=False
                )
            message = found or await with_retries(
                lambda: channel.send(
                    embed=reveal_embed(reveal), reference=reference, allowed_mentions=NO_MENTIONS  # type: ignore[arg-type]
                ),
                what=f"daily reveal {reveal.post_id}",
                already_done=lambda: self._find_reveal(channel, reveal),
            )
            assert message is not None
        except CannotPost as exc:
            await self._reveal_failed(reveal, exc.reason, permanent=True, check_again=exc.check_again)
            return
        except discord.Forbidden:
            await self._reveal_failed(
                reveal, f"I am not allowed to post in <#{reveal.channel_id}>", permanent=True, check_again=True
            )
            return
        except discord.NotFound:
            await self._reveal_failed(reveal, f"the channel <#{reveal.channel_id}> was deleted", permanent=True)
            return
        except Unknown as exc:
            await self._reveal_failed(reveal, f"could not check for an earlier try: {exc}"[:200], permanent=False)
            return
        except DISCORD_ERRORS as exc:
            await self._reveal_failed(reveal, f"Discord error: {exc}"[:200], permanent=False)
            return
        await self._record("reveal", reveal.post_id, lambda: daily.mark_revealed(reveal.post_id, message.id), keep=True)
        log.info("guild %s: daily question for %s revealed", reveal.guild_id, reveal.day)

    async def _reveal_failed(self, reveal: Reveal, reason: str, *, permanent: bool, check_again: bool = False) -> None:
        # Kept until written: the reveal's claim is in the database, and only this releases it for a retry.
        await self._record(
            "reveal failure", reveal.post_id,
            lambda: self.service.reveal_failed(reveal.post_id, reason, permanent=permanent, check_again=check_again),
            keep=True,
        )  # fmt: skip
