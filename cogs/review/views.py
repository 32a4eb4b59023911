"""The review session's components: restart-safe buttons, and the answer box that shows the prompt.

``tutor:review:<session>:<answer|idk|next|stop|undo>:<card number>`` — the state lives in the custom id, so a
click after a restart reaches the cog, which takes the session up again from its stored card on show (a click on
a session that has ended is answered "this review session has ended"; Undo names the card whose rating it takes
back, its slot being stored). The answer box is ``tutor:review-box:<session>:<card number>`` and kept nowhere: an
answer typed across a restart reaches the cog too, and is graded and counted while its session goes on (told
that its session has ended and the answer was not counted otherwise).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol, runtime_checkable

import discord

from bot.core.errors import Closed, CommandRef
from bot.core.review import Shown
from cogs._ids import CustomId
from cogs._shared import REVIEW_COG, AnswerModal, cog_named, handle_error
from cogs.review.render import open_server_label, prompt_text, server_link

log = logging.getLogger(__name__)

COG_NAME = REVIEW_COG
SESSION = r"[0-9a-f]{8}"
NUMBER = r"[0-9]{1,4}"
#: Answer / Don't know / Next / Stop for card ``number`` of a session; Undo last rating of card ``number``.
SESSION_BUTTON = CustomId("review", session=SESSION, action=r"answer|idk|next|stop|undo", number=NUMBER)
#: The answer box Answer opens for card ``number`` (a modal, answered by the cog's listener).
ANSWER_BOX = CustomId("review-box", session=SESSION, number=NUMBER)

#: Each button's label, style and emoji. The label is what a screen reader says: it names the action in words
#: alone (Undo has no emoji, whose name a screen reader would read out before it).
_LOOKS: dict[str, tuple[str, discord.ButtonStyle, str | None]] = {
    "answer": ("Answer", discord.ButtonStyle.primary, "✍️"),
    "idk": ("Don't know", discord.ButtonStyle.secondary, "🤷"),
    "next": ("Next", discord.ButtonStyle.primary, "➡️"),
    "stop": ("Stop", discord.ButtonStyle.danger, "⏹️"),
    "undo": ("Undo last rating", discord.ButtonStyle.secondary, None),
}


@runtime_checkable
class ReviewHandler(Protocol):
    """What the buttons call on the review cog (found by name: the buttons need no import of it)."""

    async def on_button(self, interaction: discord.Interaction, button: ReviewButton) -> None:
        """Act on a click of one of the session's buttons."""


def ended() -> Closed:
    """The refusal for a button of a session that no longer exists."""
    return Closed(
        "review.ended", "This review session has ended. Start a new one with {command}.",
        command=CommandRef("review start"),
    )


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=SESSION_BUTTON.template):
    """One button of a review session."""

    def __init__(self, session_id: str, action: str, number: int) -> None:
        label, style, emoji = _LOOKS[action]
        super().__init__(
            discord.ui.Button(
                style=style, label=label, emoji=emoji,
                custom_id=SESSION_BUTTON.build(session=session_id, action=action, number=number),
            )
        )
        self.session_id = session_id
        self.action = action
        self.number = number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReviewButton:
        """The button a click reached (also after a restart)."""
        values = SESSION_BUTTON.parse(match)
        return cls(values["session"], values["action"], int(values["number"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the review cog; "this session has ended" when there is none."""
        try:
            client = interaction.client
            cog = cog_named(client, COG_NAME)
            if not isinstance(cog, ReviewHandler):
                raise ended()
            await cog.on_button(interaction, self)
        except Exception as exc:
            await handle_error(interaction, exc)


def _view(session_id: str, number: int, *actions: str, undo: int | None = None) -> discord.ui.View:
    """The buttons ``actions`` for card ``number``, with Undo last rating (of card ``undo``) before Stop."""
    view = discord.ui.View(timeout=None)
    for action in actions:
        if action == "stop" and undo is not None:
            view.add_item(ReviewButton(session_id, "undo", undo))
        view.add_item(ReviewButton(session_id, action, number))
    view.stop()  # only sent: clicks reach ReviewButton through the dynamic item
    return view


def card_view(session_id: str, shown: Shown) -> discord.ui.View:
    """Under a card: Answer, Don't know, (Undo last rating,) Stop."""
    return _view(session_id, shown.number, "answer", "idk", "stop", undo=shown.undo)


def answered_view(session_id: str, number: int) -> discord.ui.View:
    """Under a verdict: Next, Undo last rating (of this card), Stop."""
    return _view(session_id, number, "next", "stop", undo=number)


def summary_view(session_id: str, undo: int | None) -> discord.ui.View:
    """Under the summary: Undo last rating (of card ``undo``) when the session's last rating can be undone."""
    view = discord.ui.View(timeout=None)
    if undo is not None:
        view.add_item(ReviewButton(session_id, "undo", undo))
    view.stop()
    return view


def reminder_view(guild_id: int, guild_name: str) -> discord.ui.View:
    """Under a reminder: a link that opens the server, where ``/review start`` works (a direct message has no
    slash command of the server). Its link also tells a later try that this server's reminder was sent."""
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(style=discord.ButtonStyle.link, label=open_server_label(guild_name),
                                    url=server_link(guild_id)))
    view.stop()  # a link button sends no click to the bot
    return view


def answer_modal(session_id: str, shown: Shown) -> AnswerModal:
    """The answer box, with the card's prompt shown above it (a long box for an essay question); its
    submission reaches the cog by its id (``ANSWER_BOX``)."""
    essay = shown.card.is_essay and shown.prompt.direction == "question"
    return AnswerModal(
        f"Card {shown.number}",
        custom_id=ANSWER_BOX.build(session=session_id, number=shown.number),
        long=essay,
        prompt=prompt_text(shown),
    )


DYNAMIC_ITEMS = (ReviewButton,)
