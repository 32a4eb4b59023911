"""Playing a quiz: the buttons under a question, the answer box, and private practice.

Every component checks where it is used before it acts: a channel quiz's buttons work only in that
quiz's server and channel (so moderation rights are those of the quiz's own channel), and a practice
belongs to whoever started it. A reply that fails after an answer was committed is tried again
(``delivery.tell``): the player learns their point counted. The answer box is only sent: its custom id
names the quiz and question, and the cog grades whatever is submitted through it while that question is
open, so a box opened before a restart is answered too (the quiz has ended by then: the player is told).

Under a typed answer judged wrong, almost or partial the player's private feedback carries **I was right**
(``cogs._verdicts``); and each answer brings them, privately, what the moderators decided on their earlier
disputes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.core.errors import Closed, UserError
from bot.core.quiz import (
    QUESTIONS_DEFAULT,
    LiveQuiz,
    NotSaved,
    QuizEnded,
    QuizService,
    Reveal,
)
from bot.core.scoring import tries_allowed
from cogs._format import CONTENT_MAX, display_name
from cogs._shared import AnswerModal
from cogs._verdicts import (
    WasRightButton,
    add_was_right,
    disputable,
    take_notices_within,
    untell,
    was_right_button,
)
from cogs.quiz import render
from cogs.quiz.delivery import tell
from cogs.quiz.views import ANSWER_BOX, OptionButton, QuizButton, question_view

if TYPE_CHECKING:
    from discord.ext import commands

    from bot.core.service import Services
    from cogs.quiz.runner import ChannelQuizzes

log = logging.getLogger(__name__)


def check_place(interaction: discord.Interaction, quiz: LiveQuiz) -> None:
    """Refuse a component used away from its quiz: another server or channel, or someone else's practice."""
    if quiz.private:
        if interaction.user.id != quiz.starter_id:
            raise UserError("quiz.not_yours", "This practice belongs to someone else.")
        return
    if interaction.guild_id != quiz.guild_id or interaction.channel_id != quiz.channel_id:
        raise UserError("quiz.elsewhere", "That button belongs to a quiz in another channel.")


class QuizPlay:
    """The quiz cog's component handlers (mixed into ``QuizCog``)."""

    bot: commands.Bot
    channel_quizzes: ChannelQuizzes
    #: (quiz, question, member) of the Hint presses being answered now.
    _hinting: set[tuple[str, int, int]]

    @property
    def services(self) -> Services:
        raise NotImplementedError

    @property
    def quiz(self) -> QuizService:
        raise NotImplementedError

    def _live(self, quiz_id: str) -> LiveQuiz:
        quiz = self.quiz.get(quiz_id)
        if quiz is None or not quiz.running:
            raise QuizEnded()
        return quiz

    async def on_quiz_button(self, interaction: discord.Interaction, button: QuizButton) -> None:
        """Answer (opens the answer box), Hint, Skip or Stop."""
        quiz = self._live(button.quiz_id)
        check_place(interaction, quiz)
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
        check_place(interaction, quiz)
        await self._answer(interaction, quiz, button.number, option=button.option)

    async def _open_answer_box(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        user_id = interaction.user.id
        question = self.quiz.require_open(quiz.id, number, user_id=user_id)
        tries_left = tries_allowed(quiz.mode, two_way=question.two_way) - question.tries.get(user_id, 0)
        box = AnswerModal(
            f"{'Practice' if quiz.private else 'Question'} {question.number}/{quiz.total}",
            custom_id=ANSWER_BOX.build(quiz=quiz.id, number=question.number),
            long=question.essay, prompt=render.prompt_text(question, render.BOX_PROMPT_MAX), tries_left=tries_left,
            note=render.box_note(quiz, question, user_id, tries_left),
        )
        await interaction.response.send_modal(box)

    async def on_answer_box(self, interaction: discord.Interaction, fields: dict[str, str], text: str) -> None:
        """A submitted answer box (``tutor:quiz-box:<quiz>:<question>``): graded while its question is open;
        "too late" once it has closed, "this quiz has ended" once the quiz is over (a restart ends them)."""
        try:
            quiz = self._live(fields["quiz"])
        except QuizEnded:
            raise Closed("quiz.box_ended", "This quiz has ended, so your answer was not counted.") from None
        check_place(interaction, quiz)
        await self._answer(interaction, quiz, int(fields["number"]), response=text)

    def _can_moderate(self, interaction: discord.Interaction, quiz: LiveQuiz) -> bool:
        """Manage Messages in the quiz's own channel (``check_place`` made sure the click came from there)."""
        return not quiz.private and interaction.channel_id == quiz.channel_id and bool(
            interaction.permissions.manage_messages
        )

    async def _answer(
        self,
        interaction: discord.Interaction,
        quiz: LiveQuiz,
        number: int | None,
        *,
        response: str = "",
        option: int | None = None,
    ) -> None:
        try:
            result = await self.quiz.answer(
                quiz.id,
                user_id=interaction.user.id,
                user_name=display_name(interaction.user),
                response=response,
                option=option,
                number=number,
            )
        except NotSaved:
            self.channel_quizzes.poke(quiz.id)  # a channel quiz can't go on: its timer ends it
            raise
        if result.closes_at is not None:
            self.channel_quizzes.poke(quiz.id)
        question = next((q for q in quiz.asked if q.number == result.number), None)
        text = render.answer_text(result, essay=question is not None and question.essay)
        notices, told = await take_notices_within(interaction, CONTENT_MAX - len(text) - 2)
        if notices:
            text = f"{text}\n\n{notices}"
        dispute: WasRightButton | None = None
        if result.attempt_id is not None and not result.choice and disputable(result.verdict, interaction):
            direction = question.prompt.direction if question is not None else "question"
            dispute = was_right_button(attempt_id=result.attempt_id, direction=direction)
        if quiz.private and result.reveal is not None:
            sent = await self._practice_next(interaction, quiz, result.reveal, text, dispute=dispute)
        else:
            # The answer is committed: make sure the player hears it.
            sent = await tell(interaction, text, **({"view": add_was_right(None, dispute)} if dispute is not None else {}))
        if not sent:
            await untell(interaction, told)  # (the moderators' decisions were not told after all: next time)

    async def _hint(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        """One more hint, shown to whoever pressed. A press that lands while their previous press on this question
        is still being answered (a double click) gives no second hint; a hint that could not be shown is given
        back (it costs nothing, and the next press shows it)."""
        user_id = interaction.user.id
        pressing = (quiz.id, number, user_id)
        if pressing in self._hinting:
            raise UserError("quiz.hint_coming", render.HINT_COMING)
        self._hinting.add(pressing)
        try:
            hint = await self.quiz.hint(quiz.id, user_id=user_id, number=number)
            if not await tell(interaction, render.hint_reply(hint, private=quiz.private)):
                self.quiz.hint_not_shown(quiz.id, user_id=user_id, number=number, level=hint.level)
        finally:
            self._hinting.discard(pressing)

    async def _skip(self, interaction: discord.Interaction, quiz: LiveQuiz, number: int) -> None:
        reveal = await self.quiz.skip(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction, quiz), number=number
        )
        if quiz.private:
            await self._practice_next(interaction, quiz, reveal, render.SKIPPED)
            return
        self.channel_quizzes.poke(quiz.id)
        await tell(interaction, render.SKIPPED)

    async def _stop(self, interaction: discord.Interaction, quiz: LiveQuiz) -> None:
        summary = await self.quiz.stop(
            quiz.id, user_id=interaction.user.id, can_moderate=self._can_moderate(interaction, quiz)
        )
        if quiz.private:
            await tell(interaction, embed=render.summary_embed(summary))
            return
        self.channel_quizzes.poke(quiz.id)
        await tell(interaction, render.STOPPED)

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
        short = render.short_note(quiz) or ""
        notices, told = await take_notices_within(interaction, CONTENT_MAX - len(short) - 2)
        note = "\n\n".join(part for part in (short, notices) if part)
        sent = await tell(
            interaction,
            note or None,
            embed=render.question_embed(quiz, question),
            view=question_view(quiz, question),
        )
        if not sent:
            await untell(interaction, told)
        await self.quiz.practice_shown(quiz.id)  # (for the other processes sharing the database)

    async def _practice_next(
        self,
        interaction: discord.Interaction,
        quiz: LiveQuiz,
        reveal: Reveal,
        text: str,
        *,
        dispute: WasRightButton | None = None,
    ) -> bool:
        """After a practice question: the reveal, then the next question or the summary (one ephemeral
        message, or two when they do not fit one); ``dispute``: the "I was right" button for the answer that ended
        the question. False if the player could not be told."""
        shown = render.reveal_embed(quiz, reveal)
        question = self.quiz.open_question(quiz.id) if quiz.running else None
        if question is None:
            summary = await self.quiz.finish(quiz.id)
            ran_out = summary.status == "finished" and len(quiz.asked) < quiz.total  # its cards went meanwhile
            after = render.summary_embed(summary, note=render.RAN_OUT if ran_out else None)
            view: discord.ui.View | None = None
        else:
            after = render.question_embed(quiz, question)
            view = question_view(quiz, question)
        if question is not None:
            await self.quiz.practice_shown(quiz.id)  # (for the other processes sharing the database)
        if render.fits_one_message(shown, after):
            if dispute is not None:
                view = add_was_right(view, dispute)
            return await tell(interaction, text, embeds=[shown, after], **_with_view(view))
        # Too long for one message (a long question's reveal, then the next long question): the reveal with the
        # feedback, then what follows in a message of its own, each whole.
        if not await tell(interaction, text, embed=shown, **_with_view(add_was_right(None, dispute) if dispute else None)):
            return False
        if not await tell(interaction, embed=after, **_with_view(view)):
            log.warning("quiz %s: the player was told their answer, but not shown what follows it", quiz.id)
        return True


def _with_view(view: discord.ui.View | None) -> dict[str, Any]:
    """The keyword that sends ``view`` under a message (none when there is no view)."""
    return {} if view is None else {"view": view}
