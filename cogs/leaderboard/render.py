"""What /leaderboard and /stats look like: the board embed, the stats embed and its buttons, refusals.

Everything echoed from members or decks (names, topics, card terms) goes through ``cogs._format.escape``
(control and bidi characters dropped, markdown and mentions neutralised), clipped *before* escaping so a
cut never splits an escape.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import discord

from bot.core.chart import day_label
from bot.core.disputes import Dispute
from bot.core.errors import Quote, UserError
from bot.core.schedule import format_local
from bot.core.stats import CHART_DAYS, MIN_TOPIC_ANSWERS, BoardRow, Leaderboard, MemberStats, TopicScore
from bot.core.text import strip_unsafe
from cogs._format import (
    CONTENT_MAX,
    FIELD_VALUE_MAX,
    add_field,
    clip,
    code,
    embed,
    escape,
    percent,
    plural,
    render_param,
)
from cogs._shared import practice_button
from cogs._verdicts import dispute_lines

log = logging.getLogger(__name__)

CHART_FILE = "activity.png"
#: How many of the member's latest disputes their own /stats lists.
DISPUTES_SHOWN = 5
PERIOD_LABELS = {"week": "this week", "month": "this month", "all": "all time"}
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
NAME_MAX = 32


class ReviewCounts(Protocol):
    """The review figures /stats shows (``bot.core.review.ReviewStatus`` fits)."""

    @property
    def due_now(self) -> int: ...

    @property
    def due_today(self) -> int: ...

    @property
    def learned(self) -> int: ...

    @property
    def mature(self) -> int: ...


def name_text(name: str, limit: int = NAME_MAX) -> str:
    """A member's name as echoed: clipped, then escaped."""
    return escape(clip(strip_unsafe(name), limit))


def _typed_param(value: Any) -> str:
    """What the member typed is echoed in a code span: nothing in it renders as markdown or a mention."""
    if isinstance(value, Quote):
        return "`" + strip_unsafe(str(value)).replace("`", "'") + "`"
    return render_param(value)


def topic_error_text(error: UserError) -> str:
    """A refused /leaderboard option (an unknown topic) as the Discord message the member reads."""
    return clip(error.render(_typed_param), CONTENT_MAX)


def _row_line(row: BoardRow) -> str:
    # (members who answered and scored nothing are listed too: no medal for no points)
    rank = MEDALS.get(row.rank, f"**{row.rank:,}.**") if row.points > 0 else f"**{row.rank:,}.**"
    return (
        f"{rank} {name_text(row.name)} — **{row.points:,}** pts · {row.correct:,} correct · "
        f"{percent(row.correct, row.answers)}"
    )


def _board_title(board: Leaderboard) -> str:
    title = f"🏆 Leaderboard — {PERIOD_LABELS[board.period]}"
    if board.topic:
        title += f" · {escape(board.topic)}"
    return title


def _how_to_score(*, quiz: bool, daily: bool) -> str:
    """How to get on the board, by what this bot has (``quiz``: ``/quiz``; ``daily``: a daily question)."""
    if quiz and daily:
        return (
            "Start a `/quiz` in a channel or answer the daily question: every correct answer scores points and puts "
            "you on this board. (Private practice doesn't count.)"
        )
    if quiz:
        return (
            "Start a `/quiz` in a channel: every correct answer scores points and puts you on this board. (Private "
            "practice doesn't count.)"
        )
    return "Answer the daily question: every correct answer scores points and puts you on this board."


def _start_playing(*, quiz: bool, daily: bool) -> str:
    """``Start a `/quiz` or answer the daily question``, by what this bot has ("" for neither)."""
    return " or ".join(["Start a `/quiz`"] * quiz + [("answer" if quiz else "Answer") + " the daily question"] * daily)


def board_embed(board: Leaderboard, *, quiz: bool = True, daily: bool = True) -> discord.Embed:
    """The board page as an embed: up to 10 rows, then the caller's own place if not on this page. The hints on
    how to score name ``/quiz`` and the daily question only where this bot has them (``quiz``, ``daily``)."""
    topic = f" in **{escape(board.topic)}**" if board.topic else ""
    if board.empty:
        text = f"Nobody has scored{topic} {PERIOD_LABELS[board.period]} yet."
        if quiz or daily:
            text += f"\n{_how_to_score(quiz=quiz, daily=daily)}"
        e = embed(_board_title(board), text)
    else:
        lines = [_row_line(r) for r in board.rows]
        if not board.caller_shown:
            lines.append("")
            if board.caller is not None:
                me = board.caller
                lines.append(
                    f"**You:** #{me.rank:,} · **{me.points:,}** pts · {me.correct:,} correct · "
                    f"{percent(me.correct, me.answers)}"
                )
            else:
                ways = " or ".join(["a `/quiz` question"] * quiz + ["the daily question"] * daily)
                lines.append(f"**You** aren't on this board yet{topic}" + (f": answer {ways}." if ways else "."))
        e = embed(_board_title(board), "\n".join(lines))
    footer = [f"Page {board.page + 1:,}/{board.pages:,}", plural(board.total, "member")]
    if board.starts_at is not None:
        footer.append("since " + format_local(board.starts_at, ZoneInfo(board.zone)))
    e.set_footer(text=" · ".join(footer))
    return e


def _topic_lines(topics: Sequence[TopicScore]) -> str:
    return "\n".join(
        f"{escape(t.topic)} — {percent(t.correct, t.answers)} ({t.correct:,}/{t.answers:,})" for t in topics
    )


def review_text(counts: ReviewCounts) -> str:
    """Due and learned cards, as the Review field shows them."""
    text = (
        f"**{counts.due_now:,}** due now · {counts.due_today:,} due today\n"
        f"**{counts.learned:,}** learned · {counts.mature:,} mature"
    )
    if counts.due_now:
        text += "\nStart with `/review start`."
    return text


def stats_embed(
    stats: MemberStats, name: str, review: ReviewCounts | None = None, disputes: Sequence[Dispute] = ()
) -> discord.Embed:
    """/stats as an embed (the chart is attached separately).

    ``name`` is the member's name as given (escaped here). ``review``: the member's review figures, shown
    next to their points; ``disputes``: their latest "I was right" disputes (their own view only).
    """
    e = embed(f"📊 {name_text(name, 200)}", None)
    rank = f" · #{stats.rank_all:,} all time" if stats.rank_all is not None else ""
    add_field(e, "Points", f"**{stats.points_week:,}** this week · **{stats.points_total:,}** in total{rank}", inline=True)
    if review is not None:
        add_field(e, "Review", review_text(review), inline=True)
    accuracy = percent(stats.correct, stats.answers)
    add_field(e, "Answers", f"**{stats.answers:,}** answered · **{accuracy}** correct", inline=True)
    add_field(e, "Quizzes", f"{stats.quizzes_played:,} played · {stats.quizzes_won:,} won", inline=True)
    days = "day" if stats.streak_current == 1 else "days"
    add_field(e, "Daily streak", f"{stats.streak_current:,} {days} · best {stats.streak_best:,}", inline=True)
    need = f"Not enough answers yet (at least {MIN_TOPIC_ANSWERS} in a topic)."
    add_field(e, "Strongest topics", _topic_lines(stats.strongest) or need, inline=False)
    if stats.weakest:
        add_field(e, "Weakest topics", _topic_lines(stats.weakest), inline=False)
    if stats.missed:
        # Each card named as /deck stats names it too (``deck name:card id``): two decks may have a card of one term.
        missed = "\n".join(
            f"{escape(clip(strip_unsafe(m.term or m.question or m.key), 80))} · {code(clip(m.label, 100))}"
            f" — missed {m.missed:,} of {m.answers:,}"
            for m in stats.missed
        )
        add_field(e, "Most missed", missed, inline=False)
    if disputes:
        add_field(e, "Your disputes", dispute_lines(disputes, FIELD_VALUE_MAX), inline=False)
    if stats.includes_practice:
        footer = (
            f"Answers per day over the last {CHART_DAYS} days ({stats.zone}). Only you can see this: it counts "
            "your private practice too, which never counts on the board."
        )
    else:
        footer = (
            f"Quiz and daily answers per day over the last {CHART_DAYS} days ({stats.zone}). "
            "Private practice is not shown."
        )
    e.set_footer(text=footer)
    return e


#: The most characters Discord keeps of an attachment's description (its alt text).
CHART_DESCRIPTION_MAX = 1024


def chart_description(stats: MemberStats) -> str:
    """The chart's alt text: what it shows, in words a screen reader reads out (an image alone says nothing to
    someone who cannot see it): the answers and right answers over the days, and the busiest day."""
    answers = sum(d.answers for d in stats.days)
    what = "answers" if stats.includes_practice else "quiz and daily answers"
    text = f"Bar chart of {what} per day over the last {CHART_DAYS} days ({stats.zone}): "
    if not answers:
        return clip(text + "none in that time.", CHART_DESCRIPTION_MAX)
    right = sum(d.correct for d in stats.days)
    active = sum(1 for d in stats.days if d.answers)
    busiest = max(stats.days, key=lambda d: (d.answers, d.day))
    text += (
        f"{plural(answers, 'answer')}, {right:,} of them right, on {plural(active, 'day')}; the most on "
        f"{day_label(busiest.day)}, {plural(busiest.answers, 'answer')} "
        f"({busiest.correct:,} right)."
    )
    return clip(text, CHART_DESCRIPTION_MAX)


def stats_view(stats: MemberStats, *, practice: bool = True) -> discord.ui.View | None:
    """"Practice" buttons for the most missed cards (handled by the quiz cog through tutor:practice:; none when
    the bot has no quiz cog: ``practice`` False)."""
    if not stats.missed or not practice:
        return None
    view = discord.ui.View(timeout=None)
    named = [m.term or m.key.split(":", 1)[-1] for m in stats.missed]
    for m, name in zip(stats.missed, named, strict=True):
        # Two cards of one name (in two decks) are told apart by the deck's name.
        shown = f"{name} ({m.deck})" if m.deck and named.count(name) > 1 else name
        label = clip(strip_unsafe(f"Practice: {shown}"), 80)
        view.add_item(practice_button(m.key, label=label))
    return view


def no_answers_text(name: str | None, *, server_only: bool, quiz: bool = True, daily: bool = True) -> str:
    """Why there are no stats: ``name`` None is the member asking about themselves. What to play is named only
    where this bot has it (``quiz``: ``/quiz``; ``daily``: a daily question)."""
    if name is None and not server_only:
        start = _start_playing(quiz=quiz, daily=daily)
        return "You haven't answered any questions in this server yet." + (
            f" {start}, and the stats will be here." if start else ""
        )
    if name is None:
        return (
            "You haven't answered any quiz or daily questions in this server yet, so there is nothing to "
            "share (your private practice stays private). `/stats` shows it to you."
        )
    text = f"**{name_text(name)}** hasn't answered any quiz or daily questions in this server yet."
    return text + (" Start a `/quiz` in a channel to play together." if quiz else "")


def not_a_member_text(name: str) -> str:
    """Why /stats member: shows nothing for someone who is not in the server (never joined, or left)."""
    return f"**{name_text(name)}** isn't a member of this server, so there are no stats of theirs to show here."
