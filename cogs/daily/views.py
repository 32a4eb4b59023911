"""The Answer button under each day's question: restart-safe, its state (the post id) in the custom id."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from cogs._format import display_name
from cogs._ids import CustomId
from cogs._shared import AnswerModal, get_services, guarded, reply
from cogs.daily.render import day_label, verdict_text

log = logging.getLogger(__name__)

#: The Answer button of a day's question: ``tutor:daily:<post id>`` (posted buttons keep working).
ANSWER = CustomId("daily", post_id=r"[0-9]{1,19}")


def answer_view(post_id: int) -> discord.ui.View:
    """A view used only to send the button; clicks are handled by :class:`DailyAnswerButton`."""
    view = discord.ui.View(timeout=None)
    view.add_item(DailyAnswerButton(post_id))
    view.stop()
    return view


class DailyAnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ANSWER.template):
    """``tutor:daily:<post id>``: open the answer box for that day's question (works after a restart)."""

    def __init__(self, post_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.primary,
                label="Answer",
                emoji="✍️",
                custom_id=ANSWER.build(post_id=post_id),
            )
        )
        self.post_id = post_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DailyAnswerButton:
        return cls(int(ANSWER.parse(match)["post_id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the answer box, unless the member has answered or the question has closed."""
        daily = get_services(interaction.client).daily
        post, card = await daily.check_can_answer(self.post_id, interaction.user.id)
        post_id = self.post_id

        async def on_answer(modal_interaction: discord.Interaction, text: str) -> None:
            # Closed meanwhile, or answered from another window: the modal sends it through handle_error.
            name = display_name(modal_interaction.user)
            result = await daily.answer(post_id, modal_interaction.user.id, name, text)
            await reply(modal_interaction, verdict_text(result), ephemeral=True)

        modal = AnswerModal(
            f"Question of the day — {day_label(post.day)}", on_answer, long=card.is_essay, timeout=3600
        )
        await interaction.response.send_modal(modal)
