"""``/review``: a member's private spaced-repetition session, status, settings and reminder.

Every decision (what is due, grading, the rating, the next due time, settings, when a reminder is due) is
made by the review service (``bot.core.review``); the cog renders it. A session runs in one ephemeral
message that is edited in place: card -> verdict -> next card … -> summary.

The reminder sender is a background task: it asks the service which reminders are due (each claimed before
it is returned, so none is sent twice), sends them by direct message, and sleeps until the next one is due
(at most :data:`CHECK_INTERVAL`). A member whose direct messages are closed, or who has left the server, has
the reminder switched off and is told so, once, the next time they use ``/review``.

One that Discord or the network failed to deliver is tried again later that day. Discord may have made the
message all the same (it answered with an error, or its answer was lost on the way), so the retry first looks in
the member's direct messages for the day's reminder, and waits for the next retry when it cannot look: a member
gets the day's reminder once. A reminder is known as its server's by the link of its "Open <server>" button (the
server's id: a server renamed meanwhile, or two servers of one name, are not mistaken); one sent before reminders
had that button, by the server's name in its text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import schedule
from bot.core.errors import Closed, CommandRef
from bot.core.review import Answered, CardChanged, Reminder, ReviewService, SessionSummary, Shown
from bot.core.review.members import REMINDER_RETRY, ClaimsCut
from bot.core.review.models import NOTICE_LEFT
from cogs._format import clip, display_name, plural
from cogs._shared import (
    DISCORD_ERRORS,
    NETWORK_ERRORS,
    NO_MENTIONS,
    TutorCog,
    Wakeup,
    defer,
    guarded,
    handle_answer_box,
    reply,
    wait_until_ready,
)
from cogs._verdicts import notice_line, take_notice_list, untell
from cogs.review import render
from cogs.review.views import (
    ANSWER_BOX,
    COG_NAME,
    DYNAMIC_ITEMS,
    ReviewButton,
    answer_modal,
    answered_view,
    card_view,
    reminder_view,
    summary_view,
)

log = logging.getLogger(__name__)

#: The longest the reminder sender sleeps between two checks (it wakes at the next reminder, or when a
#: member changes theirs).
CHECK_INTERVAL = 3600.0
#: How soon a check runs again when the database refused part of the last one (a claim, or a retry to keep).
REFUSED_WAIT = 60.0
#: How many of the member's latest direct messages of the reminder's day a retry reads to find an earlier try.
LOOK_BACK = 100
#: A reminder that failed with one of these is tried again later that day. ``RateLimited`` is no ``HTTPException``:
#: discord.py raises it when a rate limit asks for a longer wait than the client's ``max_ratelimit_timeout`` (a
#: host bot may set one), e.g. when many direct message channels are opened at one reminder time.
_PASSING = DISCORD_ERRORS


class Review(TutorCog, name=COG_NAME):
    """Spaced repetition: your due cards, just before you forget them."""

    group = app_commands.Group(
        name="review", description="Spaced repetition: review your due cards before you forget them", guild_only=True
    )

    def __init__(self, bot: commands.Bot, service: ReviewService) -> None:
        self.bot = bot
        self.service = service
        self._task: asyncio.Task[None] | None = None
        self._wakeup = Wakeup()  # set when a member changes their reminder
        #: Reminders claimed and not delivered whose retry the database refused to keep, and when to retry
        #: them: kept here, and written again (or sent, once their time has come) at the next checks.
        self._unkept: list[tuple[Reminder, datetime]] = []

    # -- lifecycle ---------------------------------------------------------------------------
    async def cog_load(self) -> None:
        """Handle the session buttons (old ones too) and start the reminder sender."""
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        self.service.members.on_change = self._wakeup.set  # (a server's new zone moves reminders)
        self._task = asyncio.create_task(self._reminders(), name="tutor-review-reminders")

    async def cog_unload(self) -> None:
        """Stop the reminder sender (the services close the review feature with the others)."""
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)
        if self.service.members.on_change == self._wakeup.set:
            self.service.members.on_change = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- commands ----------------------------------------------------------------------------
    @group.command(name="start")
    @guarded
    async def start(self, interaction: discord.Interaction) -> None:
        """Review your due cards here, privately: most overdue first, then a few new ones."""
        # Taking a notice (and starting) may wait seconds for the write lock (another process writing):
        # acknowledged first, privately, so Discord's three seconds never run out.
        await defer(interaction, ephemeral=True, thinking=True)
        async with self._notice(interaction) as notice:
            session, step = await self.service.start_session(
                guild_id=interaction.guild_id, user_id=interaction.user.id,
                user_name=display_name(interaction.user), channel_id=interaction.channel_id,
            )
            await reply(interaction, notice, ephemeral=True, **self._step(session.id, step))

    @group.command(name="status")
    @guarded
    async def status(self, interaction: discord.Interaction) -> None:
        """How many of your cards are due now and today, learned and mature, and your retention."""
        await defer(interaction, ephemeral=True, thinking=True)  # (a notice taken may wait: as in start)
        async with self._notice(interaction) as notice:
            status = await self.service.members.status(interaction.guild_id, interaction.user.id)
            await reply(interaction, notice, embed=render.status_embed(status), ephemeral=True)

    @group.command(name="settings")
    @app_commands.describe(
        new_per_day="new cards a day (0-100, default 10)",
        retention="the share of cards you want to remember when they come back (70-97 %, default 90)",
        topics="tags or deck ids, separated by commas; 'all' for every card",
        timezone="your time zone for 'due today', e.g. Europe/Paris ('server' to use the server's)",
    )
    @guarded
    async def settings(
        self,
        interaction: discord.Interaction,
        new_per_day: app_commands.Range[int, 0, 100] | None = None,
        retention: app_commands.Range[float, 0.7, 97.0] | None = None,
        topics: str | None = None,
        timezone: str | None = None,
    ) -> None:
        """Show or change your review settings: new cards a day, desired retention, topics, time zone."""
        members = self.service.members
        if new_per_day is None and retention is None and topics is None and timezone is None:
            settings = await members.settings(interaction.guild_id, interaction.user.id)
        else:
            # The write may wait seconds for the write lock (another process writing): acknowledged first,
            # privately, so Discord's three seconds never run out on a change that is saved all the same.
            await defer(interaction, ephemeral=True, thinking=True)
            settings = await members.update(
                interaction.guild_id, interaction.user.id,
                new_per_day=new_per_day, retention=retention, topics=topics, timezone=timezone,
            )
            self._wakeup.set()  # a new zone moves the member's reminder
        await reply(interaction, embed=render.settings_embed(settings), ephemeral=True)

    @settings.autocomplete("topics")
    async def topics_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Topics for the last item of the comma-separated list being typed (answered from memory)."""
        head, _, last = current.rpartition(",")
        typed = [t.strip() for t in head.split(",") if t.strip()]
        prefix = "".join(f"{t}, " for t in typed)
        seen = self.service.catalog.view(interaction.guild_id)  # the decks this server sees
        choices = []
        for t in seen.suggest_topics(last.strip(), 25):
            value = prefix + t
            if t in typed or len(value) > 100:  # (a list too long to add a topic to whole is not cut mid-topic)
                continue
            label = f"{t} ({plural(seen.topic_size(t), 'card')})"
            shown = prefix + label if len(prefix + label) <= 100 else f"…, {label}"  # the new topic stays in sight
            choices.append(app_commands.Choice(name=clip(shown, 100), value=value))
        return choices

    @settings.autocomplete("timezone")
    async def timezone_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Time zones, best matches first (answered from memory)."""
        return [app_commands.Choice(name=z, value=z) for z in schedule.suggest_zones(current, 25)]

    @group.command(name="reminder")
    @app_commands.describe(time="your local time for a daily reminder when cards are due (19:00, 7pm), or 'off'")
    @guarded
    async def reminder(self, interaction: discord.Interaction, time: str) -> None:
        """A direct message at your local time on days when cards are due (or 'off')."""
        assert interaction.guild_id is not None  # guild_only
        await defer(interaction, ephemeral=True, thinking=True)  # (the write may wait: as in settings)
        settings = await self.service.members.set_reminder(interaction.guild_id, interaction.user.id, time)
        self._wakeup.set()  # the sender sleeps until the next reminder it knows of
        if settings.remind_at is None:
            text = "🔕 Review reminder off."
        else:
            text = (
                f"🔔 I'll send you a direct message at {settings.remind_at:%H:%M} ({settings.zone}) on days when "
                "cards are due. Keep your direct messages open to me, or I'll have to turn it off."
            )
        await reply(interaction, text, embed=render.settings_embed(settings), ephemeral=True)

    @contextlib.asynccontextmanager
    async def _notice(self, interaction: discord.Interaction) -> AsyncIterator[str | None]:
        """What the member has not been told yet: a review notice, and the moderators' decisions on their
        "I was right" disputes; kept for next time when the reply that tells them is not sent."""
        members, guild_id, user_id = self.service.members, interaction.guild_id, interaction.user.id
        try:
            notice = await members.take_notice(guild_id, user_id)
        except Exception:  # (it cannot be marked as told now: the database refuses writes) told next time
            log.warning("could not take the review notice of %s; told next time", user_id, exc_info=True)
            notice = None
        told = await take_notice_list(interaction)
        parts = [render.notice_text(notice) if notice else "", "\n".join(notice_line(d) for d in told)]
        try:
            yield "\n\n".join(p for p in parts if p) or None
        except BaseException:
            await untell(interaction, told)
            if notice is not None:
                with contextlib.suppress(Exception):
                    await members.untake_notice(guild_id, user_id, notice)
            raise

    # -- the session's buttons -----------------------------------------------------------------
    def _step(self, session_id: str, step: Shown | SessionSummary) -> dict[str, Any]:
        if isinstance(step, Shown):
            return {"embed": render.card_embed(step), "view": card_view(session_id, step)}
        return {"embed": render.summary_embed(step), "view": summary_view(session_id, step.undo)}

    async def _set_aside(self, interaction: discord.Interaction, session_id: str, user_id: int, number: int) -> None:
        """The card on show is being asked in the server now: the next card takes its place, and a note says why."""
        step = await self.service.set_aside(session_id, user_id=user_id, number=number)
        await _edit(interaction, **self._step(session_id, step))
        note = render.SET_ASIDE if isinstance(step, Shown) else render.SET_ASIDE_LAST
        await interaction.followup.send(note, ephemeral=True, allowed_mentions=NO_MENTIONS)

    async def _changed(self, interaction: discord.Interaction, session_id: str, changed: CardChanged) -> None:
        """The card on show was changed in its deck meanwhile: its new version takes its place, and a note says the
        answer was not counted."""
        await _edit(interaction, **self._step(session_id, changed.shown))
        await interaction.followup.send(render.CHANGED_ON_SHOW, ephemeral=True, allowed_mentions=NO_MENTIONS)

    def _answered(self, session_id: str, answered: Answered) -> dict[str, Any]:
        return {"embed": render.answered_embed(answered), "view": answered_view(session_id, answered.shown.number)}

    async def on_button(self, interaction: discord.Interaction, button: ReviewButton) -> None:
        """Answer (opens the box), Don't know, Next, Stop, Undo last rating; the session's message is edited in
        place."""
        review, user_id, session_id, number = self.service, interaction.user.id, button.session_id, button.number
        if button.action != "undo":  # (Undo takes up its session itself, from its stored rating)
            session = await review.live(session_id, user_id=user_id)  # (also one a restart left in the database)
            # (its answer kept back while the card is asked in a server: ``UserError``)
            told = await review.told_unless_held(session, number) if button.action in ("answer", "idk") else None
            if told is not None:  # its answer was saved before a restart: its verdict, not a new box
                await _edit(interaction, **self._answered(session_id, told))
                return
        if button.action == "answer" and review.held_now(session_id, user_id=user_id, number=number):
            await self._set_aside(interaction, session_id, user_id, number)  # (read from memory: a modal cannot wait)
        elif button.action == "idk" and await review.held(session_id, user_id=user_id, number=number):
            await self._set_aside(interaction, session_id, user_id, number)
        elif button.action == "answer":
            shown = review.current(session_id, user_id, number)
            await interaction.response.send_modal(answer_modal(session_id, shown))
        elif button.action == "idk":
            try:
                answered = await review.give_up(session_id, user_id=user_id, number=number)
            except CardChanged as changed:
                await self._changed(interaction, session_id, changed)
                return
            await _edit(interaction, **self._answered(session_id, answered))
        elif button.action == "next":
            step = await review.next(session_id, user_id=user_id, number=number)
            await _edit(interaction, **self._step(session_id, step))
        elif button.action == "stop":
            summary = await review.stop(session_id, user_id=user_id)
            await _edit(interaction, **self._step(session_id, summary))
        elif button.action == "undo":
            step = await review.undo(
                session_id, guild_id=interaction.guild_id, user_id=user_id, number=number,
                user_name=display_name(interaction.user), channel_id=interaction.channel_id,
            )  # fmt: skip
            await _edit(interaction, **self._step(session_id, step))
            if step.undone_aside is not None:  # (the card could not be shown again: the next one, and why)
                await interaction.followup.send(
                    render.UNDONE_SET_ASIDE[step.undone_aside], ephemeral=True, allowed_mentions=NO_MENTIONS
                )

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """An answer box of a review session was submitted (also one opened before a restart)."""
        await handle_answer_box(interaction, ANSWER_BOX, self.on_answer_box)

    async def on_answer_box(self, interaction: discord.Interaction, fields: dict[str, str], text: str) -> None:
        """Grade the typed answer; the card's message becomes its verdict. After a restart the session is taken up
        again from its card on show; once it has ended the member is told their answer was not counted."""
        review, user_id = self.service, interaction.user.id
        session_id, number = fields["session"], int(fields["number"])
        try:
            told = await review.told_unless_held(await review.live(session_id, user_id=user_id), number)
            held = told is None and await review.held(session_id, user_id=user_id, number=number)
        except Closed as exc:
            if exc.code != "review.ended":
                raise
            raise Closed(
                "review.box_ended",
                "This review session has ended, so your answer was not counted. Start a new one with {command}.",
                command=CommandRef("review start"),
            ) from None
        if told is not None:  # (sent again after a restart: the saved answer's verdict, rated once)
            await _edit(interaction, **self._answered(session_id, told))
            return
        if held:
            await self._set_aside(interaction, session_id, user_id, number)
            return
        try:
            answered = await review.answer(session_id, user_id=user_id, number=number, response=text)
        except CardChanged as changed:
            await self._changed(interaction, session_id, changed)
            return
        await _edit(interaction, **self._answered(session_id, answered))

    # -- reminders ---------------------------------------------------------------------------
    async def _reminders(self) -> None:
        """Send the reminders that fall due, then sleep until the next one (at most CHECK_INTERVAL, and less
        when a member changes their reminder)."""
        await wait_until_ready(self.bot)  # (also a host bot that loaded the extension before logging in)
        while True:
            delay = await asyncio.create_task(self._check(), name="tutor-review-reminder-check")
            await self._wakeup.sleep(delay)

    async def _check(self) -> float:
        """One check; returns how long to sleep. Never raises (but cancels). A reminder that fails to go
        out does not hold up the others."""
        members = self.service.members
        try:
            now = self.service.clock()
            await self._unkept_retries(now)
            cut: ClaimsCut | None = None
            try:
                claimed = await members.claim_reminders(now)
            except ClaimsCut as exc:
                claimed, cut = exc.claimed, exc
            for reminder in claimed:
                try:
                    await self.send_reminder(reminder)
                except Exception:
                    log.exception("could not send the review reminder to %s", reminder.user_id)
            if cut is not None:
                raise cut
            wake = await members.next_reminder(now)
        except Exception:
            # (a reminder whose check the database refused to move stays due: tried again soon, that day)
            log.exception("the review reminder check failed; trying again in %.0f s", REFUSED_WAIT)
            return REFUSED_WAIT
        limit = REFUSED_WAIT if self._unkept else CHECK_INTERVAL
        if wake is None:
            return limit
        ahead = (wake - self.service.clock()).total_seconds()
        return min(limit, max(ahead, 0.0) + 0.01)

    async def _unkept_retries(self, now: datetime) -> None:
        """The retries the database refused to keep: written again, to be claimed when due; once due, sent from
        here (on the reminder's own day only), whether the database takes writes again or not."""
        members = self.service.members
        pending, self._unkept = self._unkept, []
        for reminder, at in pending:
            try:
                if at > now:
                    await members.retry_reminder(reminder, delay=at - now)
                elif await members.retry_time(reminder, timedelta(0)) is not None:
                    await self.send_reminder(reminder)
                else:
                    log.info("review reminder for %s in %s not sent today", reminder.user_id, reminder.guild_id)
            except Exception:
                log.warning("review reminder for %s still not kept; trying again", reminder.user_id, exc_info=True)
                self._unkept.append((reminder, at))

    async def _retry_later(self, reminder: Reminder) -> None:
        """A reminder Discord or the network failed to deliver: tried again later that day, kept in the database;
        in memory when the database refuses to keep it (rather than lost for the day)."""
        try:
            await self.service.members.retry_reminder(reminder)
        except Exception:
            log.warning("could not keep the retry of the review reminder to %s", reminder.user_id, exc_info=True)
            self._unkept.append((replace(reminder, retry=True), self.service.clock() + REMINDER_RETRY))

    async def _sent_today(self, member: discord.Member | discord.User, guild: discord.Guild, reminder: Reminder) -> bool:
        """Whether a reminder of this server already reached the member on the reminder's day (an earlier try
        Discord made before answering with an error). Raises a Discord error when the messages cannot be read.

        A day of more direct messages than the look reads counts as reminded: the member is busy with the bot
        there, and a second reminder is worse than none."""
        channel = member.dm_channel or await member.create_dm()
        me = self.bot.user
        since = reminder.day_start or reminder.check_at
        read = 0
        async for message in channel.history(limit=LOOK_BACK, after=since, oldest_first=False):
            read += 1
            if me is not None and message.author.id != me.id:
                continue
            if render.is_reminder(message.content, _links(message), guild.id, guild.name):
                return True
        return read >= LOOK_BACK

    async def send_reminder(self, reminder: Reminder) -> None:
        """Send one reminder by direct message; closed DMs switch the reminder off (the member is told once);
        one Discord or the network failed to deliver is tried again later that day."""
        guild = self.bot.get_guild(reminder.guild_id)
        if guild is None:
            log.info("review reminder for %s: not in server %s any more", reminder.user_id, reminder.guild_id)
            return
        try:
            # (the member cache is not kept without the members intent: asked of Discord, one call a reminder)
            member = guild.get_member(reminder.user_id) or await guild.fetch_member(reminder.user_id)
        except discord.NotFound:  # the member left the server (or deleted their account)
            log.info("review reminder for %s: no longer a member of %s", reminder.user_id, reminder.guild_id)
            await self.service.members.reminder_undeliverable(reminder, NOTICE_LEFT)
            return
        except _PASSING:
            log.warning("could not look up %s for their review reminder; trying again later", reminder.user_id)
            await self._retry_later(reminder)
            return
        if reminder.retry:
            try:
                sent = await self._sent_today(member, guild, reminder)
            except _PASSING:
                # (whether the earlier try reached the member cannot be told now: not sent on a guess)
                log.warning("could not look for an earlier review reminder to %s; trying again later", reminder.user_id)
                await self._retry_later(reminder)
                return
            if sent:
                log.info("review reminder for %s in %s was delivered by an earlier try", reminder.user_id, guild.id)
                return
        try:
            await member.send(
                render.reminder_text(guild.name, reminder.due), view=reminder_view(guild.id, guild.name),
                allowed_mentions=NO_MENTIONS,
            )
        except (discord.Forbidden, discord.NotFound):
            await self.service.members.reminder_undeliverable(reminder)
        except _PASSING:
            log.warning("could not send the review reminder to %s; trying again later", reminder.user_id, exc_info=True)
            await self._retry_later(reminder)


def _links(message: discord.Message) -> list[str]:
    """The links of a message's link buttons."""
    links: list[str] = []
    for row in message.components:
        for item in row.children if isinstance(row, discord.ActionRow) else [row]:
            if isinstance(item, discord.Button) and item.url:
                links.append(item.url)
    return links


#: How long a step whose edit Discord failed waits before it is tried again (within the interaction's time).
EDIT_RETRY_WAIT = 1.0


def _passing(exc: BaseException) -> bool:
    """Whether Discord failed for a reason that may pass (a server error, a rate limit, the network)."""
    if isinstance(exc, discord.HTTPException):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, (discord.RateLimited, *NETWORK_ERRORS))


async def _edit(interaction: discord.Interaction, **kwargs: Any) -> None:
    """Edit the review's message in place (the button's message, or the one whose button opened the box).

    What it shows is already done (an answer saved, the review moved on): when Discord fails to take the edit
    for a passing reason it is tried again, then sent as a new private message with the same buttons, so the
    member sees the step and can go on rather than read an error over an answer that counted."""
    kwargs["allowed_mentions"] = NO_MENTIONS
    failure: BaseException
    try:
        await interaction.response.edit_message(**kwargs)
        return
    except DISCORD_ERRORS as exc:
        if not _passing(exc):
            raise
        failure = exc
    log.info("could not show a review step in place (%s); trying again", failure)
    await asyncio.sleep(EDIT_RETRY_WAIT)
    try:
        if interaction.response.is_done():
            await interaction.edit_original_response(**kwargs)
        else:
            await interaction.response.edit_message(**kwargs)
        return
    except DISCORD_ERRORS as exc:
        log.info("could not show a review step in place again (%s); sending it as a new message", exc)
    try:
        await interaction.followup.send(ephemeral=True, **kwargs)
    except DISCORD_ERRORS:
        log.warning("a review step could not be shown to %s; what it shows is kept", interaction.user.id, exc_info=True)

