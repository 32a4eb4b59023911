"""The board's Previous/Next buttons: restart-safe ``DynamicItem``s whose state lives in the custom id.

``tutor:lb:<p|n>:<period>:<page>:<owner id>:<topic>`` — the page to show, and who gets it edited in place.

Checked where used: the page shown is always the board of the server the click comes from (nothing in
the id names a server, so a button can never reach another server's board); it is edited in place only
for the member who opened that message (the id's owner *and* the message's own interaction), anyone
else gets a private copy with their own rank.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord.ext import commands

from bot.core.stats import Leaderboard
from cogs._ids import SNOWFLAKE, CustomId
from cogs._shared import NO_MENTIONS, guarded, reply
from cogs.leaderboard.render import board_embed

log = logging.getLogger(__name__)

COG_NAME = "Leaderboard"

#: tutor:lb:<p|n>:<period>:<page>:<owner id>:<topic>  (the page to show; owner = who gets edits in place)
BOARD_PAGE = CustomId(
    "lb", nav=r"[pn]", period=r"week|month|all", page=r"\d{1,6}", owner=SNOWFLAKE, topic=r"[^:]{0,60}"
)


def opened_by(message: discord.Message | None) -> int | None:
    """The member whose command or click created ``message`` (None when Discord does not say)."""
    meta = getattr(message, "interaction_metadata", None) if message is not None else None
    user = getattr(meta, "user", None)
    return user.id if user is not None else None


class BoardPageButton(discord.ui.DynamicItem[discord.ui.Button], template=BOARD_PAGE.template):
    """Previous/Next on a board. State lives in the custom_id, so it works after a restart."""

    def __init__(self, nav: str, period: str, page: int, owner: int, topic: str, *, disabled: bool = False) -> None:
        self.nav, self.period, self.page, self.owner, self.topic = nav, period, page, owner, topic
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label="Previous" if nav == "p" else "Next",
                emoji="◀️" if nav == "p" else "▶️",
                custom_id=BOARD_PAGE.build(nav=nav, period=period, page=page, owner=owner, topic=topic),
                disabled=disabled,
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> BoardPageButton:
        """Rebuild the button from a clicked custom_id (after a restart too)."""
        v = BOARD_PAGE.parse(match)
        return cls(v["nav"], v["period"], int(v["page"]), int(v["owner"]), v["topic"])

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the page: edited in place for the board's owner, a private copy for anyone else."""
        from cogs.leaderboard.cog import LeaderboardCog  # the cog module imports this one

        client = interaction.client
        cog = client.get_cog(COG_NAME) if isinstance(client, commands.Bot) else None
        if not isinstance(cog, LeaderboardCog) or interaction.guild is None:
            await reply(interaction, "The leaderboard isn't available here.", ephemeral=True)
            return
        topic = self.topic or None
        mine = interaction.user.id == self.owner and opened_by(interaction.message) == self.owner
        if mine:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
        board = await cog.load_board(interaction, self.period, topic, self.page)
        if mine:
            await interaction.edit_original_response(
                embed=board_embed(board), view=board_view(board, self.owner), allowed_mentions=NO_MENTIONS
            )
        else:  # someone else's board (or an old one): their own copy at that page, with their own rank
            await send_board(interaction, board, ephemeral=True)


def board_view(board: Leaderboard, owner: int) -> discord.ui.View | None:
    """Previous/Next buttons, or None when the board fits on one page."""
    if board.pages <= 1:
        return None
    topic = board.topic or ""
    before, after = max(0, board.page - 1), board.page + 1
    if not BOARD_PAGE.fits(nav="n", period=board.period, page=after, owner=owner, topic=topic):  # the longer id
        log.warning("board buttons left out: the custom_id cannot hold topic %r", topic)
        return None
    prev = BoardPageButton("p", board.period, before, owner, topic, disabled=board.page == 0)
    nxt = BoardPageButton("n", board.period, after, owner, topic, disabled=board.page >= board.pages - 1)
    return discord.ui.View(timeout=None).add_item(prev).add_item(nxt)


async def send_board(interaction: discord.Interaction, board: Leaderboard, *, ephemeral: bool = False) -> None:
    """Follow a deferred interaction up with the board, with buttons only when it has more than one page."""
    view = board_view(board, interaction.user.id)
    extra: dict[str, Any] = {} if view is None else {"view": view}  # discord.py refuses view=None here
    await interaction.followup.send(embed=board_embed(board), ephemeral=ephemeral, allowed_mentions=NO_MENTIONS, **extra)
