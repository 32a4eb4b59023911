"""/quiz: a live quiz in a study channel, and private practice in ephemeral messages.

The cog is thin: every decision (grading, points, tries, the first-correct race, what is stored) is made by
``services.quiz`` (``bot.core.quiz``). The cog starts the channel quizzes' timers (``runner``), turns
results into embeds and buttons (``render``, ``views``), and reacts to Discord events (chat answers,
deleted messages/channels).
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
    QuizEnded,
    QuizService,
    Reveal,
)
from bot.core.service import Services
from cogs._format import display_name
from cogs._shared import (
    NO_MENTIONS,
    AnswerModal,
    TutorCog,
    bot_missing_permissions,
    get_services,
    guarded,
    reply,
    topic_autocomplete,
)
from cogs.quiz import render
from cogs.quiz.runner import ChannelQuizzes
from cogs.quiz.views import COG_NAME, DYNAMIC_ITEMS, OptionButton, QuizButton, question_view

log = logging.getLogger(__name__)

CHAT_ANSWER_MAX = 400  # characters of a chat message graded as an answer


def _messageable(channel: object) -> discord.abc.Messageable | None:
    return channel if isinstance(channel, discord.abc.Messageable) else None


class QuizCog(TutorCog, name=COG_NAME):
    """Live channel quizzes and private practice."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        services = get_services(bot)
        self.channel_quizzes = ChannelQuizzes(services.quiz, services.now)
        self._announcer: asyncio.Task[None] | None = None
        self._orphans: list[str] = []

    async def cog_load(self) -> None:
        """Register the buttons; end, once connected, the quizzes a restart or reload interrupted."""
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        # After an extension reload the services still hold the quizzes whose timers the old cog cancelled:
        # taken now, before any command reaches this cog, and ended (scores kept) once connected.
        self._orphans = [q.id for q in self.quiz.live() if not q.private and q.channel_id is not None]
        self._announcer = asyncio.create_task(self._announce_interrupted(), name="tutor-quiz-interrupted")

    async def cog_unload(self) -> None:
        """Unregister the buttons and stop every timer (the quizzes end at the next load)."""
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)
        tasks = [t for t in (self._announcer, *self.channel_quizzes.tasks()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        self.channel_quizzes.clear()

    @property
    def services(self) -> Services:
        """The bot's tutorbot services."""
        return get_services(self.bot)

    @property
    def quiz(self) -> QuizService:
        """The quiz feature."""
        return self.services.quiz

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
    ) -> None:
        """Start a live quiz in this channel, or private practice just for you."""
        if private:
            await self.start_practice(interaction, topic=topic, questions=questions, mode=mode)
        else:
            await self._start_channel_quiz(interaction, topic, questions, mode, seconds)

    async def _start_channel_quiz(
        self, interaction: discord.Interaction, topic: str | None, questions: int, mode: str, seconds: int
    ) -> None:
        self._require_permissions(interaction)
        channel = _messageable(interaction.channel)
        if channel is None:
            raise UserError("quiz.channel", "A quiz can't run in this kind of channel.")
        quiz = await self._start(interaction, topic=topic, questions=questions, mode=mode, seconds=seconds)
        intro = render.intro_embed(quiz, display_name(interaction.user), chat_answers=self.services.chat_answers)
        await reply(interaction, embed=intro)
        self.channel_quizzes.start(quiz, channel)

    async def _start(self, interaction: discord.Interaction, **options: Any) -> LiveQuiz:
        """Start a quiz or practice for whoever ran the command or clicked, where they did."""
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

    # -- buttons ----------------------------------------------------------------------------------------
    def _live(self, quiz_id: str) -> LiveQuiz:
        quiz = self.quiz.get(quiz_id)
        if quiz is None or not quiz.running:
            raise QuizEnded()
        return quiz

    async def on_quiz_button(self, interaction: discord.Interaction, button: QuizButton) -> None:
        """Answer (opens the answer box), Hint, Skip or Stop."""
        quiz = self._live(button.quiz_id)
        if button.action == "answer":
            await self._open_answer_box(interaction, quiz, button.number)
        elif button.action == "hint":
            await self._hint(interaction, quiz, button.number)
        elif button.action == "skip":
            await self._skip(interaction, quiz, button.number)
        elif button.action == "stop":
            await self._stop(interaction, quiz)

    async def on_option(self, interaction: discord.Interaction, button: OptionButton) -> None:
        """A choice-mode option: graded at once (one try)."""
        quiz = self._live(button.quiz_id)
        await self._answer(interaction, quiz, button.number, option=button.option)

    async def _open_answer_box(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        question = self.quiz.require_open(quiz.id, number, user_id=interaction.user.id)

        async def on_answer(modal_interaction: discord.Interaction, text: str) -> None:
            await self._answer(modal_interaction, quiz, question.number, response=text)

        # Essay cards (key points, no short answer) get the long box, as the daily question does.
        await interaction.response.send_modal(
            AnswerModal(f"Question {question.number}", on_answer, long=question.essay)
        )

    def _can_moderate(self, interaction: discord.Interaction) -> bool:
        return bool(interaction.permissions.manage_messages)

    async def _answer(
        self,
        interaction: discord.Interaction,
        quiz: LiveQuiz,
        number: int | None,
        *,
        response: str = "",
        option: int | None = None,
    ) -> None:
        result = await self.quiz.answer(
            quiz.id,
            user_id=interaction.user.id,
            user_name=display_name(interaction.user),
            response=response,
            option=option,
            number=number,
        )
        if result.closes_at is not None:
            self.channel_quizzes.poke(quiz.id)
        text = render.answer_text(result)
        if quiz.private and result.reveal is not None:
            await self._practice_next(interaction, quiz, result.reveal, text)
            return
        await reply(interaction, text, ephemeral=True)

    async def _hint(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        hint = self.quiz.hint(quiz.id, user_id=interaction.user.id, number=number)
        question = quiz.question
        assert question is not None
        if quiz.private:
            await reply(interaction, render.hint_reply(hint, private=True), ephemeral=True)
            return
        # Everyone sees the hint: it goes on the question itself.
        await interaction.response.edit_message(
            embed=render.question_embed(quiz, question, hint=hint.text), allowed_mentions=NO_MENTIONS
        )
        await interaction.followup.send(
            render.hint_reply(hint, private=False), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def _skip(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        reveal = await self.quiz.skip(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction), number=number
        )
        if quiz.private:
            await self._practice_next(interaction, quiz, reveal, render.SKIPPED)
            return
        self.channel_quizzes.poke(quiz.id)
        await reply(interaction, render.SKIPPED, ephemeral=True)

    async def _stop(self, interaction: discord.Interaction, quiz: LiveQuiz) -> None:
        summary = await self.quiz.stop(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction)
        )
        if quiz.private:
            await reply(interaction, embed=render.summary_embed(summary), ephemeral=True)
            return
        self.channel_quizzes.poke(quiz.id)
        await reply(interaction, render.STOPPED, ephemeral=True)

    # -- practice -----------------------------------------------------------------------------------------
    async def start_practice(
        self,
        interaction: discord.Interaction,
        *,
        topic: str | None = None,
        questions: int = QUESTIONS_DEFAULT,
        mode: str = "typed",
        card_keys: list[str] | None = None,
    ) -> None:
        """Start a private practice (``card_keys``: one question on each of those cards) and show question 1."""
        quiz = await self._start(
            interaction, topic=topic, questions=1 if card_keys else questions, mode=mode, private=True,
            card_keys=card_keys,
        )
        question = self.quiz.open_question(quiz.id)
        assert question is not None
        await reply(
            interaction,
            render.short_note(quiz),
            embed=render.question_embed(quiz, question),
            view=question_view(quiz, question),
            ephemeral=True,
        )

    async def _practice_next(
        self, interaction: discord.Interaction, quiz: LiveQuiz, reveal: Reveal, text: str
    ) -> None:
        """After a practice question: the reveal, then the next question or the summary (one ephemeral message)."""
        embeds = [render.reveal_embed(quiz, reveal)]
        question = self.quiz.open_question(quiz.id) if quiz.running else None
        if question is None:
            summary = await self.quiz.finish(quiz.id)
            embeds.append(render.summary_embed(summary))
            await reply(interaction, text, embeds=embeds, ephemeral=True)
            return
        embeds.append(render.question_embed(quiz, question))
        await reply(interaction, text, embeds=embeds, view=question_view(quiz, question), ephemeral=True)

    # -- events -------------------------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Chat answers (TUTOR_CHAT_ANSWERS): a right one is announced, anything else is ignored."""
        if not self.services.chat_answers or message.author.bot or message.guild is None:
            return
        quiz = self.quiz.running_in(message.channel.id)
        if quiz is None or quiz.private or quiz.mode != "typed":
            return
        question = quiz.question
        if question is None or question.closed or not message.content.strip():
            return
        try:
            result = await self.quiz.answer(
                quiz.id,
                user_id=message.author.id,
                user_name=display_name(message.author),
                response=message.content[:CHAT_ANSWER_MAX],
                number=question.number,
                chat=True,
            )
        except UserError:
            return
        if result.ignored or not result.verdict.correct:
            return
        if result.closes_at is not None:
            self.channel_quizzes.poke(quiz.id)
        try:
            await message.channel.send(
                render.chat_announcement(display_name(message.author), result), allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException:
            log.info("could not announce a chat answer in %s", message.channel.id)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """The question message was deleted: end that quiz cleanly (answers are stored already)."""
        quiz = self.quiz.running_in(payload.channel_id)
        if quiz is None or quiz.question is None or quiz.question.message_id != payload.message_id:
            return
        await self._abort(quiz)
        channel = _messageable(self.bot.get_channel(payload.channel_id))
        if channel is not None and quiz.summary is not None:
            with contextlib.suppress(discord.HTTPException):
                await channel.send(
                    embed=render.summary_embed(quiz.summary, note=render.MESSAGE_DELETED),
                    allowed_mentions=NO_MENTIONS,
                )

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

    async def _abort(self, quiz: LiveQuiz) -> None:
        await self.channel_quizzes.abort(quiz)
        log.info("quiz %s ended: its channel or message was deleted", quiz.id)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable | None:
        found = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        return _messageable(found)

    async def _announce_interrupted(self) -> None:
        """Once connected: end the quizzes a restart or reload interrupted, saying so in their channels."""
        try:
            await self.bot.wait_until_ready()
        except RuntimeError:  # a bot that never logs in (loaded for a check)
            return
        orphans, self._orphans = self._orphans, []
        await self.channel_quizzes.announce_interrupted(self._channel, orphans)
