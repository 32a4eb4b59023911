"""/leaderboard and /stats: the server's board (week, month, all time; by topic) and one member's progress.

Thin over ``services.stats`` (all ranking is SQL in the core). Names on the board are the display names
kept with the answers (escaped; nobody is ever pinged), so the board never depends on the member cache.

Members who left
    Without the privileged members intent Discord does not reliably tell the bot who left. Departures are
    learned two ways: ``on_raw_member_remove`` (delivered when the members intent is on), and a lazy check
    of the rows about to be shown — ``guild.get_member`` first, then at most :data:`FETCHES_PER_PAGE`
    ``guild.fetch_member`` calls per page (results cached for :data:`PRESENT_TTL` seconds); "unknown
    member" records the departure and the page is built again without them. Any other error counts as
    present (nobody is hidden because of a hiccup). A member who answers again, joins again or uses
    these commands is listed again.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import time
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.chart import render_activity
from bot.core.errors import Quote, UserError
from bot.core.schedule import format_local
from bot.core.stats import CHART_DAYS, MIN_TOPIC_ANSWERS, BoardRow, Leaderboard, MemberStats, TopicScore
from cogs._format import COLOUR, CONTENT_MAX, add_field, clip, display_name, embed, escape, render_param
from cogs._ids import SNOWFLAKE, CustomId
from cogs._shared import (
    NO_MENTIONS,
    TutorCog,
    acquire_services,
    get_services,
    guarded,
    practice_button,
    release_services,
    reply,
    reply_error,
    topic_autocomplete,
)

log = logging.getLogger(__name__)

FETCHES_PER_PAGE = 10
PRESENT_TTL = 15 * 60.0
_PRESENT_MAX = 50_000
_CHECK_ROUNDS = 3
CHART_FILE = "activity.png"

PERIOD_LABELS = {"week": "this week", "month": "this month", "all": "all time"}
_MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
_NAME_MAX = 32

#: tutor:lb:<p|n>:<period>:<page>:<owner id>:<topic>  (the page to show; owner = who gets edits in place)
BOARD_PAGE = CustomId(
    "lb", nav=r"[pn]", period=r"week|month|all", page=r"\d{1,6}", owner=SNOWFLAKE, topic=r"[^:]{0,60}"
)


# -- rendering ---------------------------------------------------------------------------------------
def _typed_param(value: Any) -> str:
    """What the member typed is echoed in a code span: nothing in it renders as markdown or a mention."""
    if isinstance(value, Quote):
        return "`" + str(value).replace("`", "'") + "`"
    return render_param(value)


def topic_error_text(error: UserError) -> str:
    """A refused /leaderboard option (an unknown topic) as the Discord message the member reads."""
    return clip(error.render(_typed_param), CONTENT_MAX)


def _percent(correct: int, answers: int) -> str:
    return f"{round(100 * correct / answers)}%" if answers else "–"


def _row_line(row: BoardRow) -> str:
    rank = _MEDALS.get(row.rank, f"**{row.rank}.**")
    name = escape(clip(row.name, _NAME_MAX))
    return (
        f"{rank} {name} — **{row.points}** pts · {row.correct} correct · {_percent(row.correct, row.answers)}"
    )


def _board_title(board: Leaderboard) -> str:
    title = f"🏆 Leaderboard — {PERIOD_LABELS[board.period]}"
    if board.topic:
        title += f" · {board.topic}"
    return title


def board_embed(board: Leaderboard) -> discord.Embed:
    """The board page as an embed: up to 10 rows, then the caller's own place if not on this page."""
    topic = f" in **{escape(board.topic)}**" if board.topic else ""
    if board.empty:
        text = (
            f"Nobody has scored{topic} {PERIOD_LABELS[board.period]} yet.\n"
            "Start a `/quiz` in a channel or answer the daily question: every correct answer scores points "
            "and puts you on this board. (Private practice doesn't count.)"
        )
        e = embed(_board_title(board), text)
    else:
        lines = [_row_line(r) for r in board.rows]
        if not board.caller_shown:
            lines.append("")
            if board.caller is not None:
                me = board.caller
                lines.append(
                    f"**You:** #{me.rank} · **{me.points}** pts · {me.correct} correct · "
                    f"{_percent(me.correct, me.answers)}"
                )
            else:
                lines.append(
                    f"**You** aren't on this board yet{topic}: answer a `/quiz` question or the daily question."
                )
        e = embed(_board_title(board), "\n".join(lines))
    footer = [f"Page {board.page + 1}/{board.pages}", f"{board.total} member{'s' if board.total != 1 else ''}"]
    if board.starts_at is not None:
        footer.append("since " + format_local(board.starts_at, ZoneInfo(board.zone)))
    e.set_footer(text=" · ".join(footer))
    return e


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
        client = interaction.client
        cog = client.get_cog(LeaderboardCog.__cog_name__) if isinstance(client, commands.Bot) else None
        if not isinstance(cog, LeaderboardCog) or interaction.guild is None:
            await reply(interaction, "The leaderboard isn't available right now.", ephemeral=True)
            return
        topic = self.topic or None
        if interaction.user.id == self.owner:
            await interaction.response.defer()
            board = await cog.load_board(interaction, self.period, topic, self.page)
            await interaction.edit_original_response(
                embed=board_embed(board), view=board_view(board, self.owner), allowed_mentions=NO_MENTIONS
            )
        else:  # someone else's board: show them their own copy at that page, with their own rank
            await interaction.response.defer(ephemeral=True, thinking=True)
            board = await cog.load_board(interaction, self.period, topic, self.page)
            view = board_view(board, interaction.user.id)
            kwargs: dict[str, Any] = {"view": view} if view is not None else {}
            await interaction.followup.send(
                embed=board_embed(board), ephemeral=True, allowed_mentions=NO_MENTIONS, **kwargs
            )


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


def _topic_lines(topics: Sequence[TopicScore]) -> str:
    return "\n".join(
        f"{escape(t.topic)} — {_percent(t.correct, t.answers)} ({t.correct}/{t.answers})" for t in topics
    )


def stats_embed(stats: MemberStats, name: str) -> discord.Embed:
    """/stats as an embed (the chart is attached separately)."""
    e = embed(f"📊 {clip(name, 200)}", None)
    rank = f" · #{stats.rank_all} all time" if stats.rank_all is not None else ""
    add_field(e, "Points", f"**{stats.points_week}** this week · **{stats.points_total}** in total{rank}", inline=True)
    accuracy = _percent(stats.correct, stats.answers)
    add_field(e, "Answers", f"**{stats.answers}** answered · **{accuracy}** correct", inline=True)
    add_field(e, "Quizzes", f"{stats.quizzes_played} played · {stats.quizzes_won} won", inline=True)
    days = "day" if stats.streak_current == 1 else "days"
    add_field(e, "Daily streak", f"{stats.streak_current} {days} · best {stats.streak_best}", inline=True)
    need = f"Not enough answers yet (at least {MIN_TOPIC_ANSWERS} in a topic)."
    add_field(e, "Strongest topics", _topic_lines(stats.strongest) or need, inline=False)
    if stats.weakest:
        add_field(e, "Weakest topics", _topic_lines(stats.weakest), inline=False)
    if stats.missed:
        missed = "\n".join(
            f"{escape(clip(m.term or m.question or m.key, 80))} — missed {m.missed} of {m.answers}" for m in stats.missed
        )
        add_field(e, "Most missed", missed, inline=False)
    e.set_footer(
        text=f"Answers per day over the last {CHART_DAYS} days ({stats.zone}); practice counts here, not on the board."
    )
    return e


def stats_view(stats: MemberStats) -> discord.ui.View | None:
    """"Practice" buttons for the most missed cards (handled by the quiz cog through tutor:practice:)."""
    if not stats.missed:
        return None
    view = discord.ui.View(timeout=None)
    for m in stats.missed:
        label = clip(f"Practice: {m.term or m.key.split(':', 1)[-1]}", 80)
        view.add_item(practice_button(m.key, label=label))
    return view


# -- the cog -----------------------------------------------------------------------------------------
class LeaderboardCog(TutorCog, name="Leaderboard"):
    """Leaderboards and personal stats."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._present: dict[tuple[int, int], float] = {}

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(BoardPageButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(BoardPageButton)

    # -- departures --------------------------------------------------------------------------------
    def _seen(self, guild_id: int, user_id: int) -> None:
        if len(self._present) >= _PRESENT_MAX:
            self._present.clear()
        self._present[(guild_id, user_id)] = time.monotonic() + PRESENT_TTL

    async def _still_here(self, guild: discord.Guild, user_id: int) -> bool | None:
        """True/False when known, None when the check could not tell (counted as present)."""
        try:
            await guild.fetch_member(user_id)
        except discord.NotFound:
            return False
        except discord.HTTPException as exc:
            log.debug("could not check member %s of guild %s: %s", user_id, guild.id, exc)
            return None
        return True

    async def _departed_among(self, guild: discord.Guild, user_ids: list[int], budget: int) -> tuple[set[int], int]:
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
            elif here:
                self._seen(guild.id, user_id)
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
        budget = FETCHES_PER_PAGE
        board = await stats.leaderboard(guild.id, period, topic, page, caller_id=interaction.user.id)
        for _ in range(_CHECK_ROUNDS):
            left, budget = await self._departed_among(guild, [r.user_id for r in board.rows], budget)
            if not left:
                break
            gone |= left
            await stats.mark_departed(guild.id, left)
            board = await stats.leaderboard(
                guild.id, period, topic, page, caller_id=interaction.user.id, exclude_user_ids=gone
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

    # -- commands ----------------------------------------------------------------------------------
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
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        period: app_commands.Choice[str] | None = None,
        topic: str | None = None,
    ) -> None:
        """Top scorers of this server: this week, this month or all time."""
        stats = get_services(self.bot).stats
        try:
            key = stats.topic(topic)  # an unknown topic is a private refusal, before anything is posted
        except UserError as error:
            log.info("user error %s: %s", error.code, error)
            await reply_error(interaction, topic_error_text(error))
            return
        await interaction.response.defer(thinking=True)
        board = await self.load_board(interaction, period.value if period else "week", key, 0)
        view = board_view(board, interaction.user.id)
        kwargs: dict[str, Any] = {"view": view} if view is not None else {}
        await interaction.followup.send(embed=board_embed(board), allowed_mentions=NO_MENTIONS, **kwargs)

    @app_commands.command(
        name="stats", description=f"Points, accuracy, streaks, strong and weak topics, and a {CHART_DAYS}-day chart."
    )
    @app_commands.guild_only()
    @app_commands.describe(member="Whose stats to show (default: yours)")
    async def stats(self, interaction: discord.Interaction, member: discord.Member | None = None) -> None:
        """Points, accuracy, streaks, strong and weak topics, and a 30-day chart."""
        guild = interaction.guild
        assert guild is not None
        target: discord.abc.User = member or interaction.user
        services = get_services(self.bot)
        await interaction.response.defer(thinking=True)
        if target.id == interaction.user.id:
            await services.stats.mark_present(guild.id, target.id)
        result = await services.stats.stats(guild.id, target.id)
        name = display_name(target)
        if not result.has_answers:
            who = "You haven't" if target.id == interaction.user.id else f"**{escape(clip(name, _NAME_MAX))}** hasn't"
            await interaction.followup.send(
                f"{who} answered any questions in this server yet. Start a `/quiz` or answer the daily "
                "question, and the stats will be here.",
                allowed_mentions=NO_MENTIONS,
            )
            return
        png = await asyncio.to_thread(render_activity, result.days, f"Last {CHART_DAYS} days")
        e = stats_embed(result, escape(name))
        e.colour = COLOUR
        e.set_image(url=f"attachment://{CHART_FILE}")
        view = stats_view(result)
        kwargs: dict[str, Any] = {"view": view} if view is not None else {}
        await interaction.followup.send(
            embed=e, file=discord.File(io.BytesIO(png), filename=CHART_FILE), allowed_mentions=NO_MENTIONS, **kwargs
        )
        if view is not None:
            view.stop()  # the buttons are handled by the quiz cog's dynamic items, not by this view


async def setup(bot: commands.Bot) -> None:
    await acquire_services(bot, __name__)
    await bot.add_cog(LeaderboardCog(bot))


async def teardown(bot: commands.Bot) -> None:
    await release_services(bot, __name__)
