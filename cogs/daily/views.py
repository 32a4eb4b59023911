"""The Answer button under each day's question: restart-safe, its state (the post id) in the custom id.

The id only names a post: the daily service answers it only in the post's own server and channel (and on
its own message), so an id copied or guessed from another server reaches nothing there.

Answering goes: the answer box (opened again once if Discord fails to open it; ``tutor:daily-box:<post id>``,
kept nowhere, so an answer typed while the bot restarts still arrives and counts), then the submission is
acknowledged at once (Discord's three seconds), graded and committed, and the verdict replaces the
"thinking…" placeholder — an edit, tried again after a passing error, so it is never shown twice, and sent
as a new message if the placeholder is gone. A failure at any step tells the member whether the answer
counted. A counted answer that was not right carries **I was right** (``cogs._verdicts``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.core.daily import Place
from bot.core.errors import UserError
from cogs._format import CONTENT_MAX, display_name
from cogs._ids import CustomId
from cogs._shared import (
    DISCORD_ERRORS,
    NO_MENTIONS,
    AnswerModal,
    already_acknowledged,
    defer,
    get_services,
    guarded,
    mark_responded,
)
from cogs._verdicts import add_was_right, disputable, take_notices_within, untell, was_right_button
from cogs.daily.delivery import passing, with_retries
from cogs.daily.render import RETRY_USED, day_label, verdict_text

log = logging.getLogger(__name__)

#: The Answer button of a day's question: ``tutor:daily:<post id>`` (posted buttons keep working).
ANSWER = CustomId("daily", post_id=r"[0-9]{1,19}")
#: The answer box that button opens: ``tutor:daily-box:<post id>`` (an answer sent after a restart counts).
ANSWER_BOX = CustomId("daily-box", post_id=r"[0-9]{1,19}")

#: What a member is told when Discord did not take their submitted answer (nothing was graded).
NOT_RECEIVED = "⚠️ Discord did not pass your answer on, so it was **not** counted. Press **Answer** and send it again."


def answer_view(post_id: int) -> discord.ui.View:
    """A view used only to send the button; clicks are handled by :class:`DailyAnswerButton`."""
    view = discord.ui.View(timeout=None)
    view.add_item(DailyAnswerButton(post_id))
    view.stop()
    return view


def place_of(interaction: discord.Interaction) -> Place:
    """Where the interaction happened, as Discord reports it (the message its component sits on)."""
    message = interaction.message
    return Place(interaction.guild_id, interaction.channel_id, message.id if message is not None else None)


async def open_box(interaction: discord.Interaction, modal: discord.ui.Modal) -> None:
    """Show the answer box, once more after a passing error (Discord gives three seconds in all)."""
    try:
        await with_retries(
            lambda: interaction.response.send_modal(modal), what="daily answer box", tries=2, max_wait=1.0
        )
    except DISCORD_ERRORS as exc:
        if already_acknowledged(exc):  # the first try did open it
            mark_responded(interaction, discord.InteractionResponseType.modal)
            return
        if not passing(exc):
            raise
        raise UserError("daily.box", "Discord did not open the answer box — press Answer again.") from exc


async def acknowledge(interaction: discord.Interaction) -> bool:
    """Acknowledge a submitted answer privately before grading it; False (the member told, if Discord lets
    us) when Discord did not take it: then nothing is graded or counted. Discord's "already acknowledged" means
    an earlier try was taken: the answer is graded and its verdict replaces that "thinking…" placeholder."""
    try:
        await defer(interaction, ephemeral=True, thinking=True)
    except DISCORD_ERRORS as exc:
        if not interaction.response.is_done():
            try:
                await interaction.response.send_message(NOT_RECEIVED, ephemeral=True, allowed_mentions=NO_MENTIONS)
            except DISCORD_ERRORS as told:
                if already_acknowledged(told):
                    # Discord had made the "thinking…" placeholder before failing: the answer was acknowledged
                    # after all, and is graded (its verdict replaces the placeholder; nothing else would).
                    log.info("a daily answer's acknowledgement failed (%s) but was taken: graded", exc)
                    mark_responded(interaction, discord.InteractionResponseType.deferred_channel_message)
                    return True
                log.info("and the member could not be told")
        log.warning("a daily answer was not acknowledged (%s): not graded", exc)
        return False
    return True


async def show_verdict(
    interaction: discord.Interaction, content: str, view: discord.ui.View | None = None
) -> bool:
    """Put the verdict in place of the "thinking…" placeholder (tried again after a passing error), or in a
    new private message when the placeholder cannot be edited. False when the member could not be told.
    ``view``: the "I was right" button under a counted answer that was not right."""
    extra: dict[str, Any] = {} if view is None else {"view": view}
    try:
        await with_retries(
            lambda: interaction.edit_original_response(content=content, allowed_mentions=NO_MENTIONS, **extra),
            what="daily verdict",
        )
        return True
    except DISCORD_ERRORS as exc:
        log.warning("could not show a daily verdict in place (%s); sending it as a new message", exc)
    try:
        await with_retries(
            lambda: interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS, **extra),
            what="daily verdict (new message)",
        )
        return True
    except DISCORD_ERRORS as exc:
        log.warning("a counted daily answer's verdict could not be shown (%s); the answer is kept", exc)
        return False


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
        """Open the answer box, unless the member has answered, the question has closed, or the button is
        not this server's and channel's question."""
        daily = get_services(interaction.client).daily
        post, card = await daily.check_can_answer(self.post_id, interaction.user.id, at=place_of(interaction))
        retried = await daily.free_retry_used(self.post_id, interaction.user.id)
        modal = AnswerModal(
            f"Question of the day — {day_label(post.day, post.number)}",
            custom_id=ANSWER_BOX.build(post_id=self.post_id),
            long=card.is_essay,
            note=RETRY_USED if retried else None,
        )
        await open_box(interaction, modal)


async def answer_submitted(interaction: discord.Interaction, fields: dict[str, str], text: str) -> None:
    """A submitted answer box (``tutor:daily-box:<post id>``), opened in this process or before a restart:
    acknowledged, graded, counted and answered with its verdict while the question is open.

    Closed meanwhile, answered from another window, not saved: the error goes through ``handle_error``."""
    post_id = int(fields["post_id"])
    if not await acknowledge(interaction):
        return
    daily = get_services(interaction.client).daily
    name = display_name(interaction.user)
    result = await daily.answer(post_id, interaction.user.id, name, text, at=place_of(interaction))
    content = verdict_text(result)
    # the verdict first, whole: the notices that fit after it (the others are told next time)
    notices, told = await take_notices_within(interaction, CONTENT_MAX - len(content) - 2)
    if notices:
        content = f"{content}\n\n{notices}"
    view = None
    if result.counted and disputable(result.verdict, interaction):
        view = add_was_right(None, was_right_button(post_id=post_id))
    if not await show_verdict(interaction, content, view):
        await untell(interaction, told)  # (not told after all: next time)
