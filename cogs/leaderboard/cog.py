"""``LeaderboardCog``: /leaderboard and /stats, and learning which members left.

Members who left
    Without the privileged members intent Discord does not reliably tell the bot who left. Departures are
    learned two ways: ``on_raw_member_remove`` (delivered when the members intent is on), and a lazy check
    of the rows about to be shown — ``guild.get_member`` first, then at most :data:`FETCHES_PER_PAGE`
    ``guild.fetch_member`` calls per page (results cached for :data:`PRESENT_TTL` seconds); "unknown
    member" records the departure and the page is built again without them. Any other error counts as
    present (nobody is hidden because of a hiccup). A member who answers again, joins again or uses
    these commands is listed again.

Members who renamed
    A board lists the name kept with each member's latest answer. When the server shows another name now
    (the caller's own, a member in the cache, one fetched to check they are still here, or the member
    ``/stats`` is about), that name is recorded and shown instead, so a renamed member is not listed under
    the old name until they answer again. (Without the members intent the cache is nearly empty: the
    members fetched for the departure check are what tells their names now.)

Who sees what on /stats
    Your own ``/stats`` is private (ephemeral): every answer you gave here, private practice included,
    your most-missed cards with Practice buttons, and your review figures (due and learned cards).
    ``/stats member:X`` is posted in the channel and shows only what counts on the server: points,
    quiz and daily answers, quizzes, the daily streak. ``/stats share:True`` posts that server view of
    yourself. When there is nothing to show, only the member who asked is told.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
import time
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.chart import CHARTS
from bot.core.disputes import Dispute
from bot.core.errors import UserError
from bot.core.stats import CHART_DAYS, BoardRow, Leaderboard, MemberStats
from cogs._format import display_name
from cogs._shared import (
    DISCORD_ERRORS,
    NO_MENTIONS,
    TutorCog,
    before_deadline,
    daily_on,
    defer,
    get_services,
    guarded,
    practice_offered,
    quiz_offered,
    reply,
    reply_error,
    review_offered,
    send_private,
    topic_autocomplete,
)
from cogs._verdicts import notice_line, take_notice_list, untell
from cogs.leaderboard.render import (
    CHART_FILE,
    DISPUTES_SHOWN,
    ReviewCounts,
    chart_description,
    no_answers_text,
    not_a_member_text,
    stats_embed,
    stats_view,
    topic_error_text,
)
from cogs.leaderboard.views import COG_NAME, BoardPageButton, BoardTopicPageButton, send_board

log = logging.getLogger(__name__)

FETCHES_PER_PAGE = 10
PRESENT_TTL = 15 * 60.0
_PRESENT_MAX = 50_000
_CHECK_ROUNDS = 3


def _renamed(
    interaction: discord.Interaction, rows: list[BoardRow], fetched: dict[int, discord.Member] | None = None
) -> dict[int, str]:
    """The members of ``rows`` whose name in the server now (the caller's, a cached member's, or one just
    ``fetched``) is not the one kept with their latest answer: {member id: name now}."""
    guild = interaction.guild
    fetched = fetched or {}
    names: dict[int, str] = {}
    for row in rows:
        if row.user_id == interaction.user.id:
            member: discord.abc.User | None = interaction.user
        else:
            member = (guild and guild.get_member(row.user_id)) or fetched.get(row.user_id)
        if isinstance(member, discord.Member) and (name := display_name(member)) and name != row.name:
            names[row.user_id] = name
    return names


def _named(row: BoardRow, names: dict[int, str]) -> BoardRow:
    return dataclasses.replace(row, name=names[row.user_id]) if row.user_id in names else row


class LeaderboardCog(TutorCog, name=COG_NAME):
    """Leaderboards and personal stats."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._present: dict[tuple[int, int], float] = {}

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(BoardPageButton, BoardTopicPageButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(BoardPageButton, BoardTopicPageButton)

    def member_forgotten(self, guild_id: int, user_id: int) -> None:
        """The member's data in the server was deleted (``/forget-me``): nothing is kept of them here either."""
        self._present.pop((guild_id, user_id), None)

    # -- departures --------------------------------------------------------------------------------
    def _seen(self, guild_id: int, user_id: int) -> None:
        if len(self._present) >= _PRESENT_MAX:
            self._present.clear()
        self._present[(guild_id, user_id)] = time.monotonic() + PRESENT_TTL

    async def _still_here(self, guild: discord.Guild, user_id: int) -> discord.Member | bool | None:
        """The member when here, False when gone, None when the check could not tell (counted as present)."""
        try:
            return await guild.fetch_member(user_id)
        except discord.NotFound:
            return False
        except DISCORD_ERRORS as exc:  # (a timeout, a rate limit: not known, so counted as present)
            log.debug("could not check member %s of guild %s: %s", user_id, guild.id, exc)
            return None

    async def _departed_among(
        self, guild: discord.Guild, user_ids: list[int], budget: int, fetched: dict[int, discord.Member] | None = None
    ) -> tuple[set[int], int]:
        """Those of ``user_ids`` found gone (at most ``budget`` fetched), and the budget left; the members found
        here go into ``fetched`` (their name in the server now)."""
        now = time.monotonic()
        unknown = [
            u for u in user_ids if guild.get_member(u) is None and self._present.get((guild.id, u), 0.0) <= now
        ][: max(0, budget)]
        if not unknown:
            return set(), budget
        results = await asyncio.gather(*(self._still_here(guild, u) for u in unknown))
        gone = set()
        for user_id, here in zip(unknown, results, strict=True):
            if here is False:
                gone.add(user_id)
                self._present.pop((guild.id, user_id), None)
            elif here is not None:
                self._seen(guild.id, user_id)
                if isinstance(here, discord.Member) and fetched is not None:
                    fetched[user_id] = here
        return gone, budget - len(unknown)

    async def load_board(
        self, interaction: discord.Interaction, period: str, topic: str | None, page: int
    ) -> Leaderboard:
        """A board page for the interaction's guild, with departed members found and left out."""
        guild = interaction.guild
        assert guild is not None
        stats = get_services(self.bot).stats
        self._seen(guild.id, interaction.user.id)
        gone: set[int] = set()
        fetched: dict[int, discord.Member] = {}
        budget = FETCHES_PER_PAGE
        board = await stats.leaderboard(guild.id, period, topic, page, caller_id=interaction.user.id)
        for _ in range(_CHECK_ROUNDS):
            left, budget = await self._departed_among(guild, [r.user_id for r in board.rows], budget, fetched)
            if not left:
                break
            gone |= left
            await stats.mark_departed(guild.id, left)
            board = await stats.leaderboard(
                guild.id, period, topic, page, caller_id=interaction.user.id, exclude_user_ids=gone
            )
        names = _renamed(interaction, [*board.rows, *([board.caller] if board.caller is not None else [])], fetched)
        if names:  # members renamed since their latest answer: listed by the name the server shows now
            await stats.rename(guild.id, names)
            board = dataclasses.replace(
                board,
                rows=[_named(r, names) for r in board.rows],
                caller=None if board.caller is None else _named(board.caller, names),
            )
        return board

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        """Delivered only with the members intent: record the departure at once."""
        self._present.pop((payload.guild_id, payload.user.id), None)
        try:
            await get_services(self.bot).stats.mark_departed(payload.guild_id, [payload.user.id])
        except Exception:
            log.exception("could not record that member %s left guild %s", payload.user.id, payload.guild_id)

    @commands.Cog.listener()
    async def on_member_join(self, member: discord.Member) -> None:
        """Delivered only with the members intent: a returning member is listed again."""
        try:
            await get_services(self.bot).stats.mark_present(member.guild.id, member.id)
        except Exception:
            log.exception("could not record that member %s joined guild %s", member.id, member.guild.id)

    # -- /leaderboard ------------------------------------------------------------------------------
    @app_commands.command(name="leaderboard", description="Top scorers of this server: this week, this month or all time.")
    @app_commands.guild_only()
    @app_commands.describe(period="Which scores to rank (default: this week)", topic="Only answers on this topic")
    @app_commands.autocomplete(topic=topic_autocomplete)
    @app_commands.choices(
        period=[
            app_commands.Choice(name="this week", value="week"),
            app_commands.Choice(name="this month", value="month"),
            app_commands.Choice(name="all time", value="all"),
        ]
    )
    @guarded
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        period: app_commands.Choice[str] | None = None,
        topic: str | None = None,
    ) -> None:
        """Top scorers of this server: this week, this month or all time."""
        stats = get_services(self.bot).stats
        try:
            # an unknown topic (or one this server does not see) is a private refusal, before anything is posted
            key = stats.topic(topic, interaction.guild_id)
        except UserError as error:
            log.info("user error %s: %s", error.code, error)
            await reply_error(interaction, topic_error_text(error))
            return
        await defer(interaction, thinking=True)
        board = await self.load_board(interaction, period.value if period else "week", key, 0)
        await send_board(interaction, board)

    # -- /stats ------------------------------------------------------------------------------------
    @app_commands.command(
        name="stats", description=f"Points, accuracy, streaks, strong and weak topics, and a {CHART_DAYS}-day chart."
    )
    @app_commands.guild_only()
    @app_commands.describe(
        member="Whose stats to show in the channel (default: yours, shown only to you)",
        share="Post your own stats in the channel (what counts on the server; practice stays private)",
    )
    @guarded
    async def stats(
        self, interaction: discord.Interaction, member: discord.User | None = None, share: bool = False
    ) -> None:
        """Points, accuracy, streaks, strong and weak topics, and a 30-day chart."""
        guild = interaction.guild
        assert guild is not None
        # (Typed ``discord.User``: Discord resolves someone who is not in the server, e.g. a member who left, to a
        # bare user, which a ``discord.Member`` option would turn into an unexpected conversion error.)
        if member is not None and not isinstance(member, discord.Member) and member.id != interaction.user.id:
            await send_private(interaction, not_a_member_text(display_name(member)))
            return
        target: discord.abc.User = member or interaction.user
        own = target.id == interaction.user.id
        private = own and not share  # your own view, practice included, shown to you only
        services = get_services(self.bot)

        disputes: list[Dispute] = []
        told: list[Dispute] = []  # decisions told here: kept for next time if this reply is not sent
        daily_here = False  # whether the server has a daily question on, to name it to one with no answers

        async def gather() -> tuple[MemberStats, ReviewCounts | None, bytes | None]:
            nonlocal disputes, told, daily_here
            if own or isinstance(target, discord.Member):  # (Discord says they are in the server: if they left
                await services.stats.mark_present(guild.id, target.id)  # and came back, they are listed again)
            result = await services.stats.stats(guild.id, target.id, include_practice=private)
            name = display_name(target)
            if isinstance(target, discord.Member) and result.name is not None and result.name != name:
                await services.stats.rename(guild.id, {target.id: name})  # renamed: the board shows it too
            if not result.has_answers:
                # (named only where the server has one on: a member would look for it in vain)
                daily_here = await daily_on(self.bot, guild.id)
                return result, None, None
            review = await self._review_counts(guild.id, target.id) if private else None
            if private:  # your own disputes are yours to see: never in the channel
                told = await take_notice_list(interaction)
                disputes = await self._recent_disputes(guild.id, target.id)
            png = await CHARTS.render(result.days, f"Last {CHART_DAYS} days")  # off the loop (another process)
            return result, review, png

        try:
            result, review, png = await before_deadline(interaction, gather(), ephemeral=private)
        except BaseException:
            await untell(interaction, told)
            raise
        if not result.has_answers or png is None:
            await untell(interaction, told)
            name = None if own else display_name(target)
            hint = {"quiz": quiz_offered(self.bot), "daily": daily_here}
            await send_private(interaction, no_answers_text(name, server_only=not private, **hint))
            return
        e = stats_embed(result, display_name(target), review, disputes)
        e.set_image(url=f"attachment://{CHART_FILE}")
        view = stats_view(result, practice=practice_offered(self.bot))
        extra: dict[str, Any] = {} if view is None else {"view": view}
        if told:
            extra["content"] = "\n".join(notice_line(d) for d in told)
        # (with its alt text: a screen reader reads the chart's figures out rather than "activity.png")
        file = discord.File(io.BytesIO(png), filename=CHART_FILE, description=chart_description(result))
        try:
            await reply(interaction, embed=e, file=file, ephemeral=private, allowed_mentions=NO_MENTIONS, **extra)
        except BaseException:
            await untell(interaction, told)
            raise
        if view is not None:
            view.stop()  # the buttons are handled by the quiz cog's dynamic items, not by this view

    async def _recent_disputes(self, guild_id: int, user_id: int) -> list[Dispute]:
        """The member's latest disputes (never fails /stats)."""
        try:
            return await get_services(self.bot).disputes.recent(guild_id, user_id, DISPUTES_SHOWN)
        except Exception:
            log.exception("could not read the disputes of %s in guild %s", user_id, guild_id)
            return []

    async def _review_counts(self, guild_id: int, user_id: int) -> ReviewCounts | None:
        """The member's due and learned cards, when the bot has ``/review`` to work through them (never fails
        /stats)."""
        review = getattr(get_services(self.bot), "review", None)
        if review is None or not review_offered(self.bot):
            return None
        try:
            status: ReviewCounts = await review.members.status(guild_id, user_id)
        except Exception:
            log.exception("could not read the review status of %s in guild %s", user_id, guild_id)
            return None
        return status
