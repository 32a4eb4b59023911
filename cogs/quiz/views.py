"""The quiz's components: restart-safe buttons whose state lives in the custom id.

One ``CustomId`` spec per component builds the id and the ``DynamicItem`` template that matches it:

- ``tutor:quiz:<quiz>:<answer|hint|skip|stop>:<question>``: the buttons under a question;
- ``tutor:quiz-pick:<quiz>:<question>:<option>``: a choice-mode option;
- ``tutor:quiz-box:<quiz>:<question>``: the answer box Answer opens; kept nowhere, its submission reaches
  the cog's ``on_interaction`` listener by this id (so one typed across a restart is answered too);
- ``tutor:practice:<deck:card>``: "Quiz me", a one-question private practice on that card. Any cog may send
  it (``practice_button``); this cog handles the click, so it works on messages posted before a restart.

A click on a button of a quiz that has ended (or of the previous process) is answered "This quiz has ended".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

import discord

from bot.core.errors import UserError
from bot.core.quiz import LiveQuestion, LiveQuiz, QuizEnded
from cogs._format import clip
from cogs._ids import CustomId
from cogs._shared import PRACTICE, QUIZ_COG, cog_named, guarded, practice_button  # noqa: F401  (the spec is shared: any cog sends it)

log = logging.getLogger(__name__)

COG_NAME = QUIZ_COG
OPTION_LETTERS = "ABCD"
BUTTON_LABEL_MAX = 80

QUIZ_ID = r"[0-9a-f]{1,16}"
NUMBER = r"[0-9]{1,3}"
#: Answer / Hint / Skip / Stop under question ``number`` of a quiz (Stop ends the quiz whatever the number).
QUESTION_BUTTON = CustomId("quiz", quiz=QUIZ_ID, action=r"answer|hint|skip|stop", number=NUMBER)
#: Option ``option`` (0-based) of question ``number`` in choice mode.
OPTION_BUTTON = CustomId("quiz-pick", quiz=QUIZ_ID, number=NUMBER, option=r"[0-9]")
#: The answer box Answer opens for question ``number`` (a modal, answered by the cog's listener).
ANSWER_BOX = CustomId("quiz-box", quiz=QUIZ_ID, number=NUMBER)


@runtime_checkable
class QuizHandler(Protocol):
    """What the buttons call on the quiz cog (found by name, so the buttons need no import of it)."""

    async def on_quiz_button(self, interaction: discord.Interaction, button: QuizButton) -> None:
        """Answer, Hint, Skip or Stop was clicked."""

    async def on_option(self, interaction: discord.Interaction, button: OptionButton) -> None:
        """A choice-mode option was clicked."""

    async def start_practice(self, interaction: discord.Interaction, *, card_keys: list[str]) -> None:
        """"Quiz me" was clicked: a one-question practice on those cards."""


def _handler(interaction: discord.Interaction) -> QuizHandler | None:
    client = interaction.client
    cog = cog_named(client, COG_NAME)
    return cog if isinstance(cog, QuizHandler) else None


def _button_kwargs(item: discord.ui.Item[Any]) -> dict[str, Any]:
    """The look of the clicked button, kept when the item is rebuilt from its custom id."""
    if not isinstance(item, discord.ui.Button):
        return {}
    return {"label": item.label, "style": item.style, "emoji": item.emoji}


def _button(
    custom_id: str,
    *,
    label: str | None = None,
    style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    emoji: str | discord.PartialEmoji | None = None,
    row: int | None = None,
) -> discord.ui.Button[Any]:
    return discord.ui.Button(
        style=style, label=clip(label, BUTTON_LABEL_MAX) if label else None, emoji=emoji, custom_id=custom_id, row=row
    )


async def _dispatch(
    interaction: discord.Interaction,
    call: Callable[[QuizHandler], Awaitable[None]],
    unavailable: Callable[[], UserError] = QuizEnded,
) -> None:
    """Hand a click to the quiz cog (``unavailable`` when it is not loaded)."""
    handler = _handler(interaction)
    if handler is None:
        raise unavailable()
    await call(handler)


class QuizButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=QUESTION_BUTTON.template):
    """Answer / Hint / Skip / Stop, for one question of one quiz (``look``: label, style, emoji, row)."""

    def __init__(self, quiz_id: str, action: str, number: int, **look: Any) -> None:
        super().__init__(_button(QUESTION_BUTTON.build(quiz=quiz_id, action=action, number=number), **look))
        self.quiz_id = quiz_id
        self.action = action
        self.number = number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> QuizButton:
        """The button a click on a message (of this process or an earlier one) belongs to."""
        values = QUESTION_BUTTON.parse(match)
        return cls(values["quiz"], values["action"], int(values["number"]), **_button_kwargs(item))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the quiz cog."""
        await _dispatch(interaction, lambda handler: handler.on_quiz_button(interaction, self))


class OptionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=OPTION_BUTTON.template):
    """One option of a choice-mode question (``look``: label, style, emoji, row)."""

    def __init__(self, quiz_id: str, number: int, option: int, **look: Any) -> None:
        look.setdefault("style", discord.ButtonStyle.primary)
        super().__init__(_button(OPTION_BUTTON.build(quiz=quiz_id, number=number, option=option), **look))
        self.quiz_id = quiz_id
        self.number = number
        self.option = option

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> OptionButton:
        """The option a click belongs to."""
        values = OPTION_BUTTON.parse(match)
        return cls(values["quiz"], int(values["number"]), int(values["option"]), **_button_kwargs(item))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the quiz cog."""
        await _dispatch(interaction, lambda handler: handler.on_option(interaction, self))


class PracticeButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=PRACTICE.template):
    """Handles "Quiz me" (``tutor:practice:<deck:card>``), whichever cog sent it."""

    def __init__(self, card_key: str, *, label: str | None = "Quiz me") -> None:
        super().__init__(_button(PRACTICE.build(key=card_key), label=label, style=discord.ButtonStyle.success))
        self.card_key = card_key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PracticeButton:
        """The "Quiz me" button a click belongs to, whichever cog sent it."""
        return cls(PRACTICE.parse(match)["key"], label=getattr(item, "label", None))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the quiz cog."""
        await _dispatch(
            interaction, lambda handler: handler.start_practice(interaction, card_keys=[self.card_key]), _unavailable
        )


def _unavailable() -> UserError:
    return UserError("quiz.unavailable", "Practice is not available right now.")


DYNAMIC_ITEMS = (QuizButton, OptionButton, PracticeButton)


def open_question_number(message: discord.Message, quiz_id: str) -> int | None:
    """The number of the question of quiz ``quiz_id`` whose buttons ``message`` still carries (a question not yet
    turned into its reveal, which takes them away); None when it carries none of that quiz's."""
    for row in message.components:
        for child in getattr(row, "children", ()):
            custom_id = getattr(child, "custom_id", None) or ""
            for spec in (QUESTION_BUTTON, OPTION_BUTTON):
                if spec.matches(custom_id):
                    values = spec.parse(custom_id)
                    if values["quiz"] == quiz_id:
                        return int(values["number"])
    return None


def question_view(quiz: LiveQuiz, question: LiveQuestion) -> discord.ui.View:
    """The buttons under a question: the options (choice mode) or Answer and Hint; then Skip and Stop."""
    view = discord.ui.View(timeout=None)
    n = question.number
    prompt = question.prompt
    if prompt.is_choice:
        for i, label in enumerate(prompt.options):
            view.add_item(OptionButton(quiz.id, n, i, label=f"{OPTION_LETTERS[i]}. {label}", row=0))
    else:
        view.add_item(
            QuizButton(quiz.id, "answer", n, label="Answer", style=discord.ButtonStyle.primary, emoji="✍️", row=1)
        )
        if question.max_hints:
            view.add_item(QuizButton(quiz.id, "hint", n, label="Hint", emoji="💡", row=1))
    view.add_item(QuizButton(quiz.id, "skip", n, label="Skip", emoji="⏭️", row=1))
    view.add_item(QuizButton(quiz.id, "stop", n, label="Stop", style=discord.ButtonStyle.danger, emoji="⏹️", row=1))
    return view
