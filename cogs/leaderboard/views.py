"""The board's Previous/Next buttons: restart-safe ``DynamicItem``s whose state lives in the custom id.

``tutor:lb:<p|n>:<period>:<page>:<owner id>:<topic>`` — the page to show, and who gets it edited in place.
A topic too long for that id (tags may have 100 characters) is named by a digest instead:
``tutor:lbt:<p|n>:<period>:<page>:<owner id>:<digest>``, found again among the server's topics when clicked.

Checked where used: the page shown is always the board of the server the click comes from (nothing in
the id names a server, so a button can never reach another server's board); it is edited in place only
for the member who opened that message (the id's owner *and* the message's own interaction), anyone
else gets a private copy with their own rank.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any, Protocol, Self, runtime_checkable

import discord

from bot.core.errors import UserError
from bot.core.stats import Leaderboard
from cogs._ids import SNOWFLAKE, CustomId
from cogs._shared import NO_MENTIONS, cog_named, daily_on, defer, get_services, guarded, quiz_offered, reply
from cogs.leaderboard.render import board_embed

log = logging.getLogger(__name__)

COG_NAME = "Leaderboard"
#: A page button of a board whose topic the server no longer has (said privately to whoever clicks).
TOPIC_GONE_TEXT = "This board's topic is no longer available on this server. Use `/leaderboard` for a new board."

#: tutor:lb:<p|n>:<period>:<page>:<owner id>:<topic>  (the page to show; owner = who gets edits in place)
BOARD_PAGE = CustomId(
    "lb", nav=r"[pn]", period=r"week|month|all", page=r"\d{1,6}", owner=SNOWFLAKE, topic=r"[^:]{0,60}"
)


#: tutor:lbt:<p|n>:<period>:<page>:<owner id>:<digest>  (a topic too long for BOARD_PAGE, by its digest)
BOARD_TOPIC_PAGE = CustomId(
    "lbt", nav=r"[pn]", period=r"week|month|all", page=r"\d{1,6}", owner=SNOWFLAKE, digest=r"[0-9a-f]{16}"
)


@runtime_checkable
class BoardLoader(Protocol):
    """What the page buttons call on the leaderboard cog (found by name: the buttons need no import of it)."""

    async def load_board(
        self, interaction: discord.Interaction, period: str, topic: str | None, page: int
    ) -> Leaderboard:
        """A board page for the interaction's guild, with departed members found and left out."""


def topic_digest(topic: str) -> str:
    """What names a long topic in a page button's id (16 hex digits of its SHA-256)."""
    return hashlib.sha256(topic.encode("utf-8")).hexdigest()[:16]


def _digest_topic(interaction: discord.Interaction, digest: str) -> str | None:
    """The topic of the interaction's server whose digest this is (None when the server has no such topic now)."""
    try:
        view = get_services(interaction.client).catalog.view(interaction.guild_id)
    except RuntimeError:
        return None
    return next((t for t in view.topics if topic_digest(t) == digest), None)


def _topic_here(interaction: discord.Interaction, topic: str | None) -> bool:
    """Whether the server still has the board's topic (a deck turned off or removed, a tag gone: not any more)."""
    if topic is None:
        return True
    try:
        get_services(interaction.client).stats.topic(topic, interaction.guild_id)
    except UserError:
        return False
    return True


def page_button(
    nav: str, period: str, page: int, owner: int, topic: str, *, disabled: bool = False
) -> BoardPageButton | None:
    """A Previous/Next button for this board page: the topic in its id when it fits, else its digest
    (None only if neither fits, which no topic reaches)."""
    if BOARD_PAGE.fits(nav=nav, period=period, page=page, owner=owner, topic=topic):
        return BoardPageButton(nav, period, page, owner, topic, disabled=disabled)
    if BOARD_TOPIC_PAGE.fits(nav=nav, period=period, page=page, owner=owner, digest=topic_digest(topic)):
        return BoardTopicPageButton(nav, period, page, owner, topic, disabled=disabled)
    return None


def opened_by(message: discord.Message | None) -> int | None:
    """The member whose command or click created ``message`` (None when Discord does not say)."""
    meta = getattr(message, "interaction_metadata", None) if message is not None else None
    user = getattr(meta, "user", None)
    return user.id if user is not None else None


class BoardPageButton(discord.ui.DynamicItem[discord.ui.Button], template=BOARD_PAGE.template):
    """Previous/Next on a board. State lives in the custom_id, so it works after a restart."""

    def __init__(self, nav: str, period: str, page: int, owner: int, topic: str, *, disabled: bool = False) -> None:
        self.nav, self.period, self.page, self.owner, self.topic = nav, period, page, owner, topic
        #: Set when the id names a topic the server no longer has (a long topic's digest found nowhere).
        self.topic_gone = False
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label="Previous" if nav == "p" else "Next",
                emoji="◀️" if nav == "p" else "▶️",
                custom_id=self._custom_id(nav, period, page, owner, topic),
                disabled=disabled,
            )
        )

    @staticmethod
    def _custom_id(nav: str, period: str, page: int, owner: int, topic: str) -> str:
        return BOARD_PAGE.build(nav=nav, period=period, page=page, owner=owner, topic=topic)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        """Rebuild the button from a clicked custom_id (after a restart too)."""
        v = BOARD_PAGE.parse(match)
        return cls(v["nav"], v["period"], int(v["page"]), int(v["owner"]), v["topic"])

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the page: edited in place for the board's owner, a private copy for anyone else."""
        client = interaction.client
        cog = cog_named(client, COG_NAME)
        if not isinstance(cog, BoardLoader) or interaction.guild is None:
            await reply(interaction, "The leaderboard isn't available here.", ephemeral=True)
            return
        topic = self.topic or None
        if self.topic_gone or not _topic_here(interaction, topic):
            await reply(interaction, TOPIC_GONE_TEXT, ephemeral=True)
            return
        mine = interaction.user.id == self.owner and opened_by(interaction.message) == self.owner
        if mine:
            await defer(interaction)
        else:
            await defer(interaction, ephemeral=True, thinking=True)
        board = await cog.load_board(interaction, self.period, topic, self.page)
        if mine:
            await interaction.edit_original_response(
                embed=await shown_board(interaction, board), view=board_view(board, self.owner), allowed_mentions=NO_MENTIONS
            )
        else:  # someone else's board (or an old one): their own copy at that page, with their own rank
            await send_board(interaction, board, ephemeral=True)


class BoardTopicPageButton(BoardPageButton, template=BOARD_TOPIC_PAGE.template):
    """Previous/Next on the board of a topic too long for :data:`BOARD_PAGE`: the id holds its digest."""

    @staticmethod
    def _custom_id(nav: str, period: str, page: int, owner: int, topic: str) -> str:
        return BOARD_TOPIC_PAGE.build(nav=nav, period=period, page=page, owner=owner, digest=topic_digest(topic))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        """Rebuild the button from a clicked custom_id, finding its topic among the server's topics."""
        v = BOARD_TOPIC_PAGE.parse(match)
        topic = _digest_topic(interaction, v["digest"])
        button = cls(v["nav"], v["period"], int(v["page"]), int(v["owner"]), topic or "")
        if topic is None:
            button.topic_gone = True
        return button


def board_view(board: Leaderboard, owner: int) -> discord.ui.View | None:
    """Previous/Next buttons, or None when the board fits on one page."""
    if board.pages <= 1:
        return None
    topic = board.topic or ""
    before, after = max(0, board.page - 1), board.page + 1
    prev = page_button("p", board.period, before, owner, topic, disabled=board.page == 0)
    nxt = page_button("n", board.period, after, owner, topic, disabled=board.page >= board.pages - 1)
    if prev is None or nxt is None:
        log.warning("board buttons left out: no custom_id can hold topic %r", topic)
        return None
    return discord.ui.View(timeout=None).add_item(prev).add_item(nxt)


async def shown_board(interaction: discord.Interaction, board: Leaderboard) -> discord.Embed:
    """The board's embed, its hints naming only what this bot and server have (``/quiz``; a daily question, where
    the server has one on)."""
    client = interaction.client
    return board_embed(board, quiz=quiz_offered(client), daily=await daily_on(client, interaction.guild_id))


async def send_board(interaction: discord.Interaction, board: Leaderboard, *, ephemeral: bool = False) -> None:
    """Follow a deferred interaction up with the board, with buttons only when it has more than one page."""
    view = board_view(board, interaction.user.id)
    extra: dict[str, Any] = {} if view is None else {"view": view}  # discord.py refuses view=None here
    await interaction.followup.send(embed=await shown_board(interaction, board), ephemeral=ephemeral, allowed_mentions=NO_MENTIONS, **extra)
