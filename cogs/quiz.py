"""/quiz: a live quiz in a study channel, and private practice in ephemeral messages.

The cog is thin: every decision (grading, points, tries, the first-correct race, what is stored) is made by
``services.quiz`` (bot/core/quiz.py). The cog owns the timers (one asyncio task per channel quiz), turns
results into embeds and buttons, and reacts to Discord events (chat answers, deleted messages/channels).

Buttons are ``DynamicItem``s whose state lives in the custom_id (``tutor:quiz:<quiz_id>:<action>``), so a
click on an old message after a restart still reaches us and is answered "this quiz has ended".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import Closed, UserError
from bot.core.quiz import (
    QUESTIONS_DEFAULT,
    SECONDS_DEFAULT,
    AnswerResult,
    LiveQuestion,
    LiveQuiz,
    QuizRunning,
    QuizService,
    Reveal,
    Summary,
)
from bot.core.scoring import WINDOW_SECONDS, tries_allowed
from bot.core.service import Services
from cogs._shared import (
    COLOUR,
    COLOUR_BAD,
    COLOUR_OK,
    NO_MENTIONS,
    AnswerModal,
    acquire_services,
    add_field,
    clip,
    display_name,
    embed,
    escape,
    handle_error,
    release_services,
    reply,
    reply_error,
    timestamp,
)

log = logging.getLogger(__name__)

PAUSE_SECONDS = 4.0  # between a reveal and the next question
WAKE_EVENT = "tutor_quiz_wake"  # dispatched on the bot to wake a quiz's timer early
OPTION_LETTERS = "ABCD"
MEDALS = ("🥇", "🥈", "🥉")
QUIZ_TEMPLATE = (
    r"tutor:quiz:(?P<quiz>[0-9a-f]{1,16}):(?P<action>answer|hint|skip|stop|opt)"
    r"(?:-(?P<number>[0-9]{1,3}))?(?:-(?P<option>[0-9]))?"
)
PRACTICE_TEMPLATE = r"tutor:practice:(?P<key>[^\s:]{1,60}:[^\s]{1,60})"


def quiz_custom_id(quiz_id: str, action: str, number: int | None = None, option: int | None = None) -> str:
    custom_id = f"tutor:quiz:{quiz_id}:{action}"
    if number is not None:
        custom_id += f"-{number}"
    if option is not None:
        custom_id += f"-{option}"
    return custom_id


# -- components -------------------------------------------------------------------------------------
class QuizButton(discord.ui.DynamicItem[discord.ui.Button], template=QUIZ_TEMPLATE):
    """Answer / Hint / Skip / Stop / a choice option, for one question of one quiz."""

    def __init__(
        self,
        quiz_id: str,
        action: str,
        number: int | None = None,
        option: int | None = None,
        *,
        label: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        emoji: str | discord.PartialEmoji | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                style=style,
                label=clip(label, 80) if label else None,
                emoji=emoji,
                custom_id=quiz_custom_id(quiz_id, action, number, option),
                row=row,
            )
        )
        self.quiz_id = quiz_id
        self.action = action
        self.number = number
        self.option = option

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> QuizButton:
        number = match["number"]
        option = match["option"]
        button = item if isinstance(item, discord.ui.Button) else None
        return cls(
            match["quiz"],
            match["action"],
            int(number) if number is not None else None,
            int(option) if option is not None else None,
            label=button.label if button else None,
            style=button.style if button else discord.ButtonStyle.secondary,
            emoji=button.emoji if button else None,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            cog = interaction.client.get_cog(QuizCog.__cog_name__)
            if not isinstance(cog, QuizCog):
                raise Closed("This quiz has ended.")
            await cog.on_quiz_button(interaction, self)
        except Exception as exc:
            await handle_error(interaction, exc)


class PracticeButton(discord.ui.DynamicItem[discord.ui.Button], template=PRACTICE_TEMPLATE):
    """The cross-cog "Quiz me" button (``tutor:practice:<deck:card>``): a one-question private practice."""

    def __init__(self, card_key: str, *, label: str | None = "Quiz me") -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.success, label=label, custom_id=f"tutor:practice:{card_key}"[:100]
            )
        )
        self.card_key = card_key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PracticeButton:
        return cls(match["key"], label=getattr(item, "label", None))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            cog = interaction.client.get_cog(QuizCog.__cog_name__)
            if not isinstance(cog, QuizCog):
                raise UserError("Practice is not available right now.")
            await cog.start_practice(interaction, card_keys=[self.card_key])
        except Exception as exc:
            await handle_error(interaction, exc)


def question_view(quiz: LiveQuiz, question: LiveQuestion) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    n = question.number
    prompt = question.prompt
    if prompt.is_choice:
        for i, label in enumerate(prompt.options):
            view.add_item(
                QuizButton(quiz.id, "opt", n, i, label=f"{OPTION_LETTERS[i]}. {label}", style=discord.ButtonStyle.primary, row=0)
            )
    else:
        view.add_item(QuizButton(quiz.id, "answer", n, label="Answer", style=discord.ButtonStyle.primary, emoji="✍️", row=1))
        if question.max_hints:
            view.add_item(QuizButton(quiz.id, "hint", n, label="Hint", emoji="💡", row=1))
    view.add_item(QuizButton(quiz.id, "skip", n, label="Skip", emoji="⏭️", row=1))
    view.add_item(QuizButton(quiz.id, "stop", label="Stop", style=discord.ButtonStyle.danger, emoji="⏹️", row=1))
    return view


# -- embeds -------------------------------------------------------------------------------------------
def _topic(quiz: LiveQuiz | Summary) -> str:
    return quiz.topic or "all topics"


def question_embed(quiz: LiveQuiz, question: LiveQuestion, *, hint: str | None = None) -> discord.Embed:
    kind = "Practice" if quiz.private else "Question"
    e = embed(f"{kind} {question.number}/{quiz.total} · {_topic(quiz)}", escape(question.prompt.text))
    if question.prompt.direction == "term":
        e.description = f"*Which term is hidden?*\n\n{e.description}"
    if question.closes_at is not None:
        add_field(e, "Closes", timestamp(question.closes_at, "R"), inline=True)
    else:
        add_field(e, "Time", "no limit", inline=True)
    tries = tries_allowed(quiz.mode)
    add_field(e, "Tries", "one pick" if tries == 1 else f"{tries} each (“almost” costs none)", inline=True)
    if hint:
        add_field(e, f"💡 Hint {question.hints}/{question.max_hints}", f"`{hint}`")
    if not quiz.private:
        e.set_footer(text=f"Started by {quiz.starter_name}"[:200])
    return e


def reveal_embed(quiz: LiveQuiz, reveal: Reveal) -> discord.Embed:
    e = embed(
        f"{'Practice' if quiz.private else 'Question'} {reveal.number}/{reveal.total} · answer",
        escape(clip(reveal.prompt.text, 600)),
        colour=COLOUR_OK if reveal.winners else COLOUR_BAD,
    )
    add_field(e, "Answer", f"**{escape(reveal.answer)}**")
    if reveal.excerpt:
        add_field(e, "Why", escape(reveal.excerpt))
    if not quiz.private:
        if reveal.winners:
            names = ", ".join(
                f"**{escape(w.name)}** (+{w.points}{', first' if w.first else ''})" for w in reveal.winners[:20]
            )
            more = len(reveal.winners) - 20
            add_field(e, f"Got it ({len(reveal.winners)})", names + (f" and {more} more" if more > 0 else ""))
        else:
            add_field(e, "Got it", "Nobody this time.")
        if not reveal.last and quiz.running:
            e.set_footer(text="Next question in a moment…")
    return e


def summary_embed(summary: Summary, *, title: str | None = None, note: str | None = None) -> discord.Embed:
    if title is None:
        if summary.private:
            title = "Practice over" if summary.status == "finished" else "Practice stopped"
        else:
            title = "🏁 Quiz over" if summary.status == "finished" else "⏹️ Quiz stopped"
    e = embed(f"{title} · {_topic(summary)}", note, colour=COLOUR)
    if summary.ranking:
        lines = []
        for i, p in enumerate(summary.ranking[:10]):
            mark = MEDALS[i] if i < len(MEDALS) and p.points > 0 else f"{i + 1}."
            lines.append(f"{mark} **{escape(p.user_name)}** — {p.points} pts ({p.correct}/{p.attempts} right)")
        if len(summary.ranking) > 10:
            lines.append(f"… and {len(summary.ranking) - 10} more")
        add_field(e, "Your result" if summary.private else "Ranking", "\n".join(lines))
        if summary.accuracy is not None:
            add_field(e, "Accuracy", f"{summary.accuracy:.0%} of {summary.attempts} answers", inline=True)
    else:
        add_field(e, "Ranking", "Nobody answered.")
    add_field(e, "Questions", f"{summary.asked}/{summary.total}", inline=True)
    if summary.hardest is not None and summary.asked > 1:
        h = summary.hardest
        add_field(
            e,
            "Hardest question",
            f"{escape(clip(h.text, 300))}\n{h.correct}/{h.players} got it",
        )
    return e


def verdict_text(result: AnswerResult) -> str:
    v = result.verdict
    if v.correct:
        text = f"{v.feedback}\n**+{result.points} points**"
        if result.first and result.closes_at is not None:
            text += f" — first! Others have {WINDOW_SECONDS:g} seconds to match it."
        elif result.first:
            text += " — first!"
        return text
    if v.kind == "almost":
        return f"{v.feedback} (that cost no try; {result.tries_left} left)"
    if v.kind == "empty":
        return "Type an answer first."
    if result.tries_left <= 0:
        return f"{v.feedback} — no tries left on this question."
    return f"{v.feedback} — {result.tries_left} {'try' if result.tries_left == 1 else 'tries'} left."


def jump_url(quiz: LiveQuiz) -> str | None:
    message_id = quiz.question.message_id if quiz.question else None
    if quiz.guild_id is None or quiz.channel_id is None or message_id is None:
        return None
    return f"https://discord.com/channels/{quiz.guild_id}/{quiz.channel_id}/{message_id}"


# -- the cog --------------------------------------------------------------------------------------------
class QuizCog(commands.Cog, name="Quiz"):
    """Live channel quizzes and private practice."""

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.services = services
        self._runners: dict[str, asyncio.Task[None]] = {}
        self._announcer: asyncio.Task[None] | None = None
        self._orphans: list[str] = []

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(QuizButton, PracticeButton)
        # After an extension reload the services still hold the quizzes whose timers the old cog cancelled:
        # taken now, before any command reaches this cog, and ended (scores kept) once connected.
        self._orphans = [q.id for q in self.quiz.live() if not q.private and q.channel_id is not None]
        self._announcer = asyncio.create_task(self._announce_interrupted(), name="tutor-quiz-interrupted")

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(QuizButton, PracticeButton)
        tasks = [t for t in (self._announcer, *self._runners.values()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        self._runners.clear()

    async def cog_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await handle_error(interaction, error)

    @property
    def quiz(self) -> QuizService:
        return self.services.quiz

    # -- /quiz ----------------------------------------------------------------------------------------
    @app_commands.command(name="quiz")
    @app_commands.guild_only()
    @app_commands.describe(
        topic="a deck tag or deck id (empty: every card)",
        questions="how many questions (1-50, default 10)",
        mode="typed answers, or four options to pick from",
        seconds="seconds per question in a channel quiz (10-120, default 30)",
        private="practise alone, in messages only you see",
    )
    @app_commands.choices(
        mode=[app_commands.Choice(name="typed", value="typed"), app_commands.Choice(name="choice", value="choice")]
    )
    async def quiz_command(
        self,
        interaction: discord.Interaction,
        topic: str | None = None,
        questions: app_commands.Range[int, 1, 50] = QUESTIONS_DEFAULT,
        mode: str = "typed",
        seconds: app_commands.Range[int, 10, 120] = SECONDS_DEFAULT,
        private: bool = False,
    ) -> None:
        """Start a live quiz in this channel, or private practice just for you."""
        try:
            await self._quiz_command(interaction, topic, questions, mode, seconds, private)
        except Exception as exc:
            await handle_error(interaction, exc)

    async def _quiz_command(
        self, interaction: discord.Interaction, topic: str | None, questions: int, mode: str, seconds: int, private: bool
    ) -> None:
        if private:
            await self.start_practice(interaction, topic=topic, questions=questions, mode=mode)
            return
        missing = self._missing_permissions(interaction)
        if missing:
            await reply_error(
                interaction,
                f"I need the **{', '.join(missing)}** permission{'s' if len(missing) > 1 else ''} in this channel "
                "to run a quiz. Ask a moderator to grant it, or practise alone with `private: True`.",
                code="E-BOTPERM",
            )
            return
        try:
            quiz = await self.quiz.start_quiz(
                user_id=interaction.user.id,
                user_name=display_name(interaction.user),
                guild_id=interaction.guild_id,
                channel_id=interaction.channel_id,
                topic=topic,
                questions=questions,
                mode=mode,
                seconds=seconds,
            )
        except QuizRunning as running:
            url = jump_url(running.quiz)
            where = f" — [jump to it]({url})" if url else ""
            await reply_error(interaction, f"A quiz is already running in this channel{where}.", code=running.code)
            return
        lines = [
            f"**{quiz.total}** question{'s' if quiz.total != 1 else ''} on **{escape(_topic(quiz))}** · "
            f"{quiz.mode} · {quiz.seconds} s each.",
            "Press **Answer** to reply: 10 points for the first right answer, 5 for anyone right within "
            f"{WINDOW_SECONDS:g} seconds of it, fewer after a hint.",
        ]
        if quiz.mode == "choice":
            lines[1] = "Pick an option: one try each, 5 points for a right pick."
        if self.services.chat_answers and quiz.mode == "typed":
            lines.append("You can also type your answer in the chat.")
        if quiz.note:
            lines.append(f"ℹ️ {quiz.note}")
        e = embed(f"🎯 Quiz started by {escape(display_name(interaction.user))}", "\n".join(lines))
        await reply(interaction, embed=e)
        channel = interaction.channel
        self._runners[quiz.id] = asyncio.create_task(self._run(quiz, channel), name=f"tutor-quiz-{quiz.id}")

    @quiz_command.autocomplete("topic")
    async def topic_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        catalog = self.services.catalog
        return [
            app_commands.Choice(name=clip(f"{t} ({catalog.topic_size(t)} cards)", 100), value=t[:100])
            for t in catalog.suggest_topics(current, limit=25)
        ]

    def _missing_permissions(self, interaction: discord.Interaction) -> list[str]:
        perms = interaction.app_permissions
        thread = isinstance(interaction.channel, discord.Thread)
        needed = ["view_channel", "send_messages_in_threads" if thread else "send_messages", "embed_links"]
        return [p.replace("_", " ").title() for p in needed if not getattr(perms, p, False)]

    # -- the channel quiz loop --------------------------------------------------------------------------
    async def _run(self, quiz: LiveQuiz, channel: Any) -> None:
        """Ask every question in turn: post, wait for the close, edit into the reveal; then the summary."""
        message: discord.Message | None = None
        try:
            while quiz.running:
                question = self.quiz.open_question(quiz.id)
                if question is None:
                    break
                message = await channel.send(
                    embed=question_embed(quiz, question), view=question_view(quiz, question), allowed_mentions=NO_MENTIONS
                )
                await self.quiz.set_message(quiz.id, message.id)
                await self._wait_question(quiz, question)
                reveal = await self.quiz.close_question(quiz.id, question.number)
                if reveal is not None:
                    await message.edit(embed=reveal_embed(quiz, reveal), view=None, allowed_mentions=NO_MENTIONS)
                if not quiz.running or question.number >= quiz.total:
                    break
                await self._sleep(quiz, PAUSE_SECONDS)
            summary = await self.quiz.finish(quiz.id)
            await channel.send(embed=summary_embed(summary), allowed_mentions=NO_MENTIONS)
        except asyncio.CancelledError:
            raise
        except (discord.NotFound, discord.Forbidden) as exc:
            log.info("quiz %s: channel or message gone (%s); ending it", quiz.id, exc)
            await self._end_quietly(quiz)
        except Exception:
            log.exception("quiz %s failed; ending it", quiz.id)
            await self._end_quietly(quiz)
        finally:
            if self._runners.get(quiz.id) is asyncio.current_task():
                self._runners.pop(quiz.id, None)

    async def _end_quietly(self, quiz: LiveQuiz) -> None:
        try:
            await self.quiz.finish(quiz.id, status="stopped")
        except Exception:
            log.exception("could not close quiz %s", quiz.id)

    async def _wait_question(self, quiz: LiveQuiz, question: LiveQuestion) -> None:
        """Until the question closes: its time is up, the first-correct window ends, a skip or a stop."""
        while quiz.running and not question.closed and question.closes_at is not None:
            remaining = (question.closes_at - self.services.now()).total_seconds()
            if remaining <= 0:
                return
            await self._sleep(quiz, remaining)

    async def _sleep(self, quiz: LiveQuiz, seconds: float) -> None:
        """Sleep up to ``seconds``, woken early by ``_poke`` (state is re-read after every wake)."""
        with contextlib.suppress(TimeoutError):
            await self.bot.wait_for(WAKE_EVENT, check=lambda quiz_id: quiz_id == quiz.id, timeout=seconds)

    def _poke(self, quiz_id: str) -> None:
        self.bot.dispatch(WAKE_EVENT, quiz_id)

    # -- buttons ----------------------------------------------------------------------------------------
    async def on_quiz_button(self, interaction: discord.Interaction, button: QuizButton) -> None:
        quiz = self.quiz.get(button.quiz_id)
        if quiz is None or not quiz.running:
            raise Closed("This quiz has ended.")
        user = interaction.user
        action = button.action
        if action == "answer":
            question = self.quiz.require_open(quiz.id, button.number, user_id=user.id)
            number = question.number

            async def on_answer(modal_interaction: discord.Interaction, text: str) -> None:
                try:
                    await self._answer(modal_interaction, quiz, number, response=text)
                except Exception as exc:
                    await handle_error(modal_interaction, exc)

            # Essay cards (key points, no short answer) get the long box, as the daily question does.
            essay = question.card.is_essay and question.prompt.direction == "question"
            await interaction.response.send_modal(AnswerModal(f"Question {number}", on_answer, long=essay))
        elif action == "opt":
            await self._answer(interaction, quiz, button.number, option=button.option)
        elif action == "hint":
            await self._hint(interaction, quiz, button.number)
        elif action == "skip":
            await self._skip(interaction, quiz, button.number)
        elif action == "stop":
            await self._stop(interaction, quiz)

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
            self._poke(quiz.id)
        text = verdict_text(result)
        if quiz.private and result.reveal is not None:
            await self._practice_next(interaction, quiz, result.reveal, text)
            return
        await reply(interaction, text, ephemeral=True)

    async def _hint(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int | None) -> None:
        hint = self.quiz.hint(quiz.id, user_id=interaction.user.id, number=number)
        question = quiz.question
        assert question is not None
        if quiz.private:
            await reply(
                interaction,
                f"💡 Hint {hint.level}/{hint.max_level}: `{hint.text}` — a right answer now scores {hint.points_now}.",
                ephemeral=True,
            )
            return
        # Everyone sees the hint: it goes on the question itself.
        await interaction.response.edit_message(
            embed=question_embed(quiz, question, hint=hint.text), allowed_mentions=NO_MENTIONS
        )
        await interaction.followup.send(
            f"💡 You revealed hint {hint.level}/{hint.max_level}; a first right answer now scores {hint.points_now}.",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    async def _skip(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int | None) -> None:
        reveal = await self.quiz.skip(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction), number=number
        )
        if quiz.private:
            await self._practice_next(interaction, quiz, reveal, "⏭️ Skipped.")
            return
        self._poke(quiz.id)
        await reply(interaction, "⏭️ Skipped.", ephemeral=True)

    async def _stop(self, interaction: discord.Interaction, quiz: LiveQuiz) -> None:
        summary = await self.quiz.stop(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction)
        )
        if quiz.private:
            await reply(interaction, embed=summary_embed(summary), ephemeral=True)
            return
        self._poke(quiz.id)
        await reply(interaction, "⏹️ You stopped the quiz; the summary follows.", ephemeral=True)

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
        quiz = await self.quiz.start_quiz(
            user_id=interaction.user.id,
            user_name=display_name(interaction.user),
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            topic=topic,
            questions=1 if card_keys else questions,
            mode=mode,
            private=True,
            card_keys=card_keys,
        )
        question = self.quiz.open_question(quiz.id)
        assert question is not None
        content = f"ℹ️ {quiz.note}" if quiz.note else None
        await reply(
            interaction,
            content,
            embed=question_embed(quiz, question),
            view=question_view(quiz, question),
            ephemeral=True,
        )

    async def _practice_next(
        self, interaction: discord.Interaction, quiz: LiveQuiz, reveal: Reveal, text: str
    ) -> None:
        """After a practice question: the reveal, then the next question or the summary (one ephemeral message)."""
        embeds = [reveal_embed(quiz, reveal)]
        view: discord.ui.View | None = None
        question = self.quiz.open_question(quiz.id) if quiz.running else None
        if question is None:
            summary = await self.quiz.finish(quiz.id)
            embeds.append(summary_embed(summary))
        else:
            embeds.append(question_embed(quiz, question))
            view = question_view(quiz, question)
        kwargs: dict[str, Any] = {"embeds": embeds}
        if view is not None:
            kwargs["view"] = view
        await reply(interaction, text, ephemeral=True, **kwargs)

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
                response=message.content[:400],
                number=question.number,
                chat=True,
            )
        except UserError:
            return
        if result.ignored or not result.verdict.correct:
            return
        if result.closes_at is not None:
            self._poke(quiz.id)
        first = " first" if result.first else ""
        try:
            await message.channel.send(
                f"✅ **{escape(display_name(message.author))}** got it{first}! +{result.points} points",
                allowed_mentions=NO_MENTIONS,
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
        channel = self.bot.get_channel(payload.channel_id)
        if channel is not None and quiz.summary is not None:
            with contextlib.suppress(discord.HTTPException):
                await channel.send(  # type: ignore[union-attr]
                    embed=summary_embed(quiz.summary, note="The question message was deleted, so the quiz ended."),
                    allowed_mentions=NO_MENTIONS,
                )

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        quiz = self.quiz.running_in(channel.id)
        if quiz is not None:
            await self._abort(quiz)

    @commands.Cog.listener()
    async def on_thread_delete(self, thread: discord.Thread) -> None:
        quiz = self.quiz.running_in(thread.id)
        if quiz is not None:
            await self._abort(quiz)

    async def _abort(self, quiz: LiveQuiz) -> None:
        task = self._runners.pop(quiz.id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        await self._end_quietly(quiz)
        log.info("quiz %s ended: its channel or message was deleted", quiz.id)

    async def _announce_interrupted(self) -> None:
        """Once connected: tell each channel whose quiz a restart interrupted that its scores were kept."""
        try:
            await self.bot.wait_until_ready()
        except RuntimeError:  # a bot that never logs in (loaded for a check)
            return
        for row in self.quiz.take_interrupted():
            try:
                channel = self.bot.get_channel(row.channel_id) or await self.bot.fetch_channel(row.channel_id)
                summary = await self.quiz.summary(row.id)
                await channel.send(  # type: ignore[union-attr]
                    embed=summary_embed(
                        summary,
                        title="⏹️ Quiz interrupted",
                        note="This quiz was interrupted by a restart — scores kept.",
                    ),
                    allowed_mentions=NO_MENTIONS,
                )
            except Exception:
                log.warning("could not announce interrupted quiz %s in %s", row.id, row.channel_id, exc_info=True)
        orphans, self._orphans = self._orphans, []
        for quiz_id in orphans:
            quiz = self.quiz.get(quiz_id)
            if quiz is None or not quiz.running or quiz.channel_id is None:
                continue
            try:
                summary = await self.quiz.finish(quiz_id, status="stopped")
                channel = self.bot.get_channel(quiz.channel_id) or await self.bot.fetch_channel(quiz.channel_id)
                await channel.send(  # type: ignore[union-attr]
                    embed=summary_embed(
                        summary, title="⏹️ Quiz interrupted", note="This quiz was interrupted by a reload — scores kept."
                    ),
                    allowed_mentions=NO_MENTIONS,
                )
            except Exception:
                log.warning("could not end quiz %s left by a reload", quiz_id, exc_info=True)


async def setup(bot: commands.Bot) -> None:
    services = await acquire_services(bot, __name__)
    await bot.add_cog(QuizCog(bot, services))


async def teardown(bot: commands.Bot) -> None:
    await release_services(bot, __name__)


__all__ = ["PracticeButton", "QuizButton", "QuizCog"]
