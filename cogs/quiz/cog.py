"""/quiz: a live quiz in a study channel, and private practice in ephemeral messages.

The cog is thin: every decision (grading, points, tries, the first-correct race, what is stored, the
limits on starting) is made by ``services.quiz`` (``bot.core.quiz``). The cog starts the channel quizzes'
timers (``runner``), handles the buttons and the answer box (``play``), turns results into embeds and
buttons (``render``, ``views``), reacts to Discord events (chat answers, deleted messages/channels), and
runs the quiz feature's housekeeping on a timer (idle practice, ends the database refused at first).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import Quote, UserError
from bot.core.quiz import (
    PRACTICE_COMMAND,
    QUESTIONS_DEFAULT,
    QUESTIONS_MAX,
    QUESTIONS_MIN,
    SECONDS_DEFAULT,
    SECONDS_MAX,
    SECONDS_MIN,
    LiveQuiz,
    NotSaved,
    QuizService,
)
from bot.core.service import Services
from cogs._format import display_name
from cogs._shared import (
    DISCORD_ERRORS,
    LONG_ANSWER_MAX,
    TutorCog,
    bot_missing_permissions,
    get_services,
    guarded,
    handle_answer_box,
    permission_name,
    reply,
    topic_autocomplete,
    wait_until_ready,
)
from cogs._verdicts import tell_notices_aside
from cogs.quiz import render
from cogs.quiz.announce import ChatAnnouncer
from cogs.quiz.play import QuizPlay
from cogs.quiz.runner import ChannelQuizzes
from cogs.quiz.views import ANSWER_BOX, COG_NAME, DYNAMIC_ITEMS

log = logging.getLogger(__name__)

#: Characters of a chat message graded as an answer: all of it (Discord's longest message, 4,000 characters, is as
#: long as an essay's answer box), so an answer at the end of a long message, or one word under a pile of combining
#: marks, is graded as written rather than cut off unseen (the answer box shows its own limit as the player types).
CHAT_ANSWER_MAX = LONG_ANSWER_MAX
HOUSEKEEPING_SECONDS = 60.0  # how often idle practice is swept and refused ends are written again
#: Messages a member types themselves (a reply too); not system messages, whose text is a thread's or a channel's name.
CHAT_MESSAGE_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})
#: When the cog unloads, how long a quiz that has just ended may take to show its reveal and summary.
ENDING_WAIT_SECONDS = 15.0


def _messageable(channel: object) -> discord.abc.Messageable | None:
    return channel if isinstance(channel, discord.abc.Messageable) else None


class QuizCog(QuizPlay, TutorCog, name=COG_NAME):
    """Live channel quizzes and private practice."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        services = get_services(bot)
        self.channel_quizzes = ChannelQuizzes(services.quiz, services.now)
        self._announcer: asyncio.Task[None] | None = None
        self.chat_announcer = ChatAnnouncer()
        self._housekeeper: asyncio.Task[None] | None = None
        self._orphans: list[str] = []
        self._hinting: set[tuple[str, int, int]] = set()

    async def cog_load(self) -> None:
        """Register the buttons; end, once connected, the quizzes a restart or reload interrupted."""
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        if self.services.chat_answers and not self.bot.intents.message_content:
            log.warning(
                "TUTOR_CHAT_ANSWERS is on, but this bot does not ask for the message content intent, so Discord "
                "sends it chat messages without their text: chat answers are off (quizzes do not offer them). Set "
                "intents.message_content = True (and turn on Message Content Intent in the developer portal)."
            )
        elif self.services.chat_answers and not self.chat_answers:
            log.warning(
                "TUTOR_CHAT_ANSWERS is on, but this bot does not ask for the guild_messages intent, so Discord "
                "sends it no message posted in a server: chat answers are off (quizzes do not offer them). Set "
                "intents.guild_messages = True (it is not privileged; discord.Intents.default() has it)."
            )
        # After an extension reload the services still hold the quizzes whose timers the old cog cancelled:
        # taken now, before any command reaches this cog, and ended (scores kept) once connected.
        self._orphans = [q.id for q in self.quiz.live() if not q.private and q.channel_id is not None]
        self._announcer = asyncio.create_task(self._announce_interrupted(), name="tutor-quiz-interrupted")
        self._housekeeper = asyncio.create_task(self._housekeeping(), name="tutor-quiz-housekeeping")

    async def cog_unload(self) -> None:
        """Unregister the buttons and stop every timer: the quizzes still running end at the next load; those that
        have just ended show their summary first (``ChannelQuizzes.stop``)."""
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)
        tasks = [t for t in (self._announcer, self._housekeeper) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        await self.channel_quizzes.stop(wait=ENDING_WAIT_SECONDS)
        await self.chat_announcer.close()

    @property
    def services(self) -> Services:
        """The bot's tutorbot services."""
        return get_services(self.bot)

    @property
    def quiz(self) -> QuizService:
        """The quiz feature."""
        return self.services.quiz

    @property
    def chat_answers(self) -> bool:
        """Whether plain chat messages are graded: TUTOR_CHAT_ANSWERS, in a bot that can read them (a host bot
        declares its own intents; without message content Discord blanks the text of every message, and without
        guild messages it sends none of a server's messages, nor their edits)."""
        intents = self.bot.intents
        return self.services.chat_answers and intents.message_content and intents.guild_messages

    async def announced(self) -> None:
        """Wait until the quizzes a restart or reload interrupted have been announced in their channels."""
        if self._announcer is not None:
            await asyncio.shield(self._announcer)

    # -- /quiz ----------------------------------------------------------------------------------------
    @app_commands.command(name="quiz")
    @app_commands.guild_only()
    @app_commands.describe(
        topic="a deck tag or deck id (empty: every card)",
        questions=f"how many questions ({QUESTIONS_MIN}-{QUESTIONS_MAX}, default {QUESTIONS_DEFAULT})",
        mode="typed answers, or four options to pick from",
        seconds=f"seconds per question in a channel quiz ({SECONDS_MIN}-{SECONDS_MAX}, default {SECONDS_DEFAULT})",
        private="practise alone, in messages only you see",
        essays="also ask long answers with key points (channel quiz; they stay open longer)",
    )
    @app_commands.choices(
        mode=[app_commands.Choice(name="typed", value="typed"), app_commands.Choice(name="choice", value="choice")]
    )
    @app_commands.autocomplete(topic=topic_autocomplete)
    @guarded
    async def quiz_command(
        self,
        interaction: discord.Interaction,
        topic: str | None = None,
        questions: app_commands.Range[int, QUESTIONS_MIN, QUESTIONS_MAX] = QUESTIONS_DEFAULT,
        mode: str = "typed",
        seconds: app_commands.Range[int, SECONDS_MIN, SECONDS_MAX] = SECONDS_DEFAULT,
        private: bool = False,
        essays: bool = False,
    ) -> None:
        """Start a live quiz in this channel, or private practice just for you."""
        if private:
            await self.start_practice(interaction, topic=topic, questions=questions, mode=mode)
        else:
            await self._start_channel_quiz(
                interaction, topic=topic, questions=questions, mode=mode, seconds=seconds, essays=essays
            )

    async def _start_channel_quiz(self, interaction: discord.Interaction, **options: Any) -> None:
        self._require_permissions(interaction)
        channel = _messageable(interaction.channel)
        if channel is None:
            raise UserError("quiz.channel", "A quiz can't run in this kind of channel.")
        self._require_unlocked(interaction)
        await self._require_thread_member(interaction.channel)
        quiz = await self._start(interaction, **options)
        intro = render.intro_embed(quiz, display_name(interaction.user), chat_answers=self.chat_answers)
        try:
            await reply(interaction, embed=intro)
        except Exception:
            # The quiz is registered to the channel: it must run (or the channel would be locked), whatever failed:
            # a Discord status, a rate limit longer than the client waits (``RateLimited``), the connection.
            log.warning("could not send the intro of quiz %s; it runs anyway", quiz.id, exc_info=True)
        self.channel_quizzes.start(quiz, channel)
        await tell_notices_aside(interaction)

    async def _start(self, interaction: discord.Interaction, **options: Any) -> LiveQuiz:
        """Start a channel quiz for whoever ran the command, where they did."""
        return await self.quiz.start_quiz(
            user_id=interaction.user.id,
            user_name=display_name(interaction.user),
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            **options,
        )

    @staticmethod
    def _require_permissions(interaction: discord.Interaction) -> None:
        """Refuse a channel quiz where the bot cannot post its embeds, naming what is missing."""
        missing = bot_missing_permissions(interaction)
        if not missing:
            return
        text = (
            "I need the {permissions} permission{s} in this channel to run a quiz. "
            "Ask a moderator to grant it, or practise alone with {command}."
        )
        raise UserError(
            "quiz.bot_permissions",
            text.replace("{s}", "s" if len(missing) > 1 else ""),
            permissions=Quote(", ".join(missing)),
            command=PRACTICE_COMMAND,
        )

    @staticmethod
    def _require_unlocked(interaction: discord.Interaction) -> None:
        """Refuse a channel quiz in a locked thread the bot may not post in: only members with Manage Threads post
        in a locked thread (a moderator can still run the command there, and its questions would be refused)."""
        channel = interaction.channel
        if not isinstance(channel, discord.Thread) or not channel.locked:
            return
        if interaction.app_permissions.manage_threads:
            return
        raise UserError(
            "quiz.locked_thread",
            "This thread is locked: only members with the {permission} permission can post in it, so I can't post "
            "its questions. Unlock the thread or start the quiz in another channel; or practise alone with {command}.",
            permission=Quote(permission_name("manage_threads")),
            command=PRACTICE_COMMAND,
        )

    async def _require_thread_member(self, channel: object) -> None:
        """Refuse a channel quiz in a private thread the bot is not a member of (the start would be answered, and
        then no question could be posted there: the command reaches a bot in any channel, its posts do not)."""
        if not isinstance(channel, discord.Thread) or channel.type is not discord.ChannelType.private_thread:
            return
        if channel.me is not None:
            return
        try:
            await channel.fetch_member(self.bot.user.id if self.bot.user else 0)
            return
        except (discord.NotFound, discord.Forbidden):
            pass
        except DISCORD_ERRORS as exc:  # (not known: let the start go on; a refused post ends it, said)
            log.info("could not tell whether I am in thread %s: %s", channel.id, exc)
            return
        raise UserError(
            "quiz.private_thread",
            "I'm not in this private thread, so I can't post its questions. Mention me in the thread to add me, "
            "then start the quiz again; or practise alone with {command}.",
            command=PRACTICE_COMMAND,
        )

    # -- events -------------------------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """An answer box of a quiz was submitted (also one opened before a restart)."""
        await handle_answer_box(interaction, ANSWER_BOX, self.on_answer_box)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Chat answers (TUTOR_CHAT_ANSWERS): a right one is announced; a wrong guess silently costs a try."""
        await self._chat_answer(message)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """A chat message edited while its question is open is graded again, as written now (a typo fixed):
        only a message posted after the question, whose text changed (not a link preview being added)."""
        message = payload.message
        before = payload.cached_message
        if message.edited_at is None or (before is not None and before.content == message.content):
            return
        await self._chat_answer(message, edited=True)

    async def _chat_answer(self, message: discord.Message, *, edited: bool = False) -> None:
        """Grade a chat message as an answer to the open question of its channel's quiz, if it is one: a member's
        own message (no bot, no webhook, no system message such as "started a thread"), with text, that is no
        command of this bot (nor, with a prefix of its own, of any other bot sharing it). Only a right answer is
        announced: a wrong guess costs its player a try without a word, and talk is ignored (``QuizService.answer``)."""
        if not self.chat_answers or message.author.bot or message.webhook_id is not None or message.guild is None:
            return
        if message.type not in CHAT_MESSAGE_TYPES or not message.content.strip():
            return
        quiz = self.quiz.running_in(message.channel.id)
        if quiz is None or quiz.private or quiz.mode != "typed":
            return
        question = quiz.question
        if question is None or question.closed:
            return
        if edited and (question.message_id is None or message.id < question.message_id):
            return  # posted before the question: it answered something else
        text = await self._answer_text(message)
        if text is None or not text.strip():
            return
        try:
            result = await self.quiz.answer(
                quiz.id,
                user_id=message.author.id,
                user_name=display_name(message.author),
                response=text[:CHAT_ANSWER_MAX],
                number=question.number,
                chat=True,
            )
        except NotSaved:
            self.channel_quizzes.poke(quiz.id)  # the database refuses writes: the timer ends the quiz
            return
        except UserError:
            return
        if result.ignored and result.closes_at is not None:
            # a right answer from a player who could no longer score: it scores nothing, but it closed the question
            self.channel_quizzes.poke(quiz.id)
            return
        if result.ignored or not result.verdict.correct:
            return
        if result.closes_at is not None:
            self.channel_quizzes.poke(quiz.id)
        line = render.chat_announcement(display_name(message.author), result)
        self.chat_announcer.add(message.channel, quiz.id, question.number, line)

    async def _answer_text(self, message: discord.Message) -> str | None:
        """The text of ``message`` to grade, or None when it is a command, as the bot's own prefixes tell
        (``get_context``): a known command is never an answer, nor is anything after a text prefix ("!wiki
        attention" where the prefix is "!": another bot may share it). After a mention of this bot, its own
        prefix (ours has no other), the rest is the answer ("@tutorbot attention")."""
        try:
            ctx = await self.bot.get_context(message)
        except Exception:  # a host's own get_context or prefix callable failed: take the message as it is
            log.debug("could not tell whether message %s is a command", message.id, exc_info=True)
            return message.content
        prefix = ctx.prefix
        if not prefix:
            return message.content if ctx.command is None else None
        if ctx.command is not None:
            return None
        me = self.bot.user
        if me is not None and prefix.strip() in (f"<@{me.id}>", f"<@!{me.id}>"):
            return message.content[len(prefix):]
        return None

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """The question message was deleted: end that quiz cleanly (answers are stored already)."""
        await self._messages_deleted(payload.channel_id, {payload.message_id})

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        """Messages were deleted at once (a moderator's purge): a quiz whose question went with them ends, as when its
        question alone is deleted (its buttons are gone: nobody could answer it)."""
        await self._messages_deleted(payload.channel_id, payload.message_ids)

    async def _messages_deleted(self, channel_id: int, message_ids: set[int]) -> None:
        """End the quiz of ``channel_id`` if its open question's message is among ``message_ids``, and say so."""
        quiz = self.quiz.running_in(channel_id)
        if quiz is None or quiz.question is None or quiz.question.message_id not in message_ids:
            return
        await self._abort(quiz, posting=True)
        channel = _messageable(self.bot.get_channel(channel_id))
        if channel is not None and quiz.summary is not None:
            # Tried again after a passing failure, as every summary is: it is marked shown right after.
            await self.channel_quizzes.post(channel, embed=render.summary_embed(quiz.summary, note=render.MESSAGE_DELETED))
        await self.quiz.summary_shown(quiz.id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """The quiz's channel was deleted: end its quiz."""
        quiz = self.quiz.running_in(channel.id)
        if quiz is not None:
            await self._abort(quiz)

    @commands.Cog.listener()
    async def on_thread_delete(self, thread: discord.Thread) -> None:
        """The quiz's thread was deleted: end its quiz."""
        quiz = self.quiz.running_in(thread.id)
        if quiz is not None:
            await self._abort(quiz)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot was removed from a server (kicked, banned, the server deleted): its channel quizzes end now, their
        points kept. Left running, each would go on failing its reveal, its next question and its summary in a
        channel the bot can no longer reach (a warning each); there is nobody there to tell, now or after a restart.
        (A server that is only unavailable for a while, in an outage, is not removed: its quizzes go on.)"""
        for quiz in self.quiz.live():
            if quiz.private or not quiz.running or quiz.guild_id != guild.id:
                continue
            await self._abort(quiz, why=f"I was removed from server {guild.id}")

    async def _abort(self, quiz: LiveQuiz, *, posting: bool = False, why: str = "its channel or message was deleted") -> None:
        """End ``quiz`` (its channel or question message was deleted, or the bot left its server; ``why`` is logged).
        Unless the caller still posts its summary (``posting``), nothing is left to post about it after a restart (a
        deleted channel has nobody to tell)."""
        await self.channel_quizzes.abort(quiz)
        log.info("quiz %s ended: %s", quiz.id, why)
        if not posting:
            await self.quiz.summary_shown(quiz.id)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable | None:
        found = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        return _messageable(found)

    async def _housekeeping(self) -> None:
        """On a timer: forget idle practice, write the ends of quizzes the database refused at first."""
        while True:
            await asyncio.sleep(HOUSEKEEPING_SECONDS)
            try:
                await self.quiz.housekeeping()
            except Exception:
                log.warning("quiz housekeeping failed; will try again", exc_info=True)

    async def _announce_interrupted(self) -> None:
        """Once connected: end the quizzes a restart or reload interrupted, saying so in their channels."""
        await wait_until_ready(self.bot)  # (also a host bot that loaded the extension before logging in)
        orphans, self._orphans = self._orphans, []
        await self.channel_quizzes.announce_interrupted(self._channel, orphans)
