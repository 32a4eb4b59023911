"""The daily question's messages: the post, the reveal, a member's verdict, ``/daily status``, refusals."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import discord

from bot.core import schedule
from bot.core.daily import AnswerResult, Claim, DailyStatus, Reveal
from bot.core.errors import MessageRef, Quote, UserError
from bot.core.text import MONTHS, one_line
from cogs._format import (
    COLOUR_OK,
    DESCRIPTION_MAX,
    FIELD_VALUE_MAX,
    add_field,
    card_text,
    clip,
    clip_markdown,
    embed,
    escape,
    message_link,
    percent,
    plural,
    timestamp,
    whole_list,
)
from cogs._verdicts import ALMOST_SPENT, render_verdict

log = logging.getLogger(__name__)

EXPLANATION_CHARS = 1500
#: The most characters of the accepted answer a reveal shows, and the least room worth an explanation.
ANSWER_CHARS = 1000
MIN_EXPLANATION_CHARS = 40
#: The most characters of a member's name the reveal lists.
NAME_CHARS = 100
_TIMESTAMP_STYLES = frozenset("tTdDfFR")


def day_label(day: date, number: int = 1) -> str:
    """``1 Jan``: a local date, locale-independent; for the second question dated that day (``number`` 2: the
    schedule moved west, to a zone where the date came again), ``1 Jan (2nd question)``."""
    label = f"{day.day} {MONTHS[day.month - 1]}"
    return label if number <= 1 else f"{label} ({ordinal(number)} question)"


def ordinal(n: int) -> str:
    """``2nd``, ``3rd``, ``11th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ts(dt: datetime, style: discord.utils.TimestampStyle = "f") -> str:
    """A Discord timestamp (each reader sees it in their own zone) of an aware instant."""
    if style not in _TIMESTAMP_STYLES:
        raise ValueError(f"timestamp style must be one of {''.join(sorted(_TIMESTAMP_STYLES))}, not {style!r}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"dt must be a timezone-aware datetime, got {dt!r}")
    return timestamp(dt, style)


def when(dt: datetime, zone: ZoneInfo) -> str:
    """``Thu 26 Nov, 09:00 (Europe/Paris)`` and the same instant in each reader's own time."""
    return f"{schedule.format_local(dt, zone)} · {ts(dt, 'f')} ({ts(dt, 'R')})"


#: Under the answer box of a member who had their free retry on the question (a first near miss).
RETRY_USED = "Your free retry is used: this answer counts, whatever it is (even another near miss)."


def post_embed(claim: Claim) -> discord.Embed:
    """The day's question, as posted."""
    e = embed(f"Question of the day — {day_label(claim.day, claim.number)}", escape(claim.card.question))
    if claim.number > 1:  # (a second question dated this day: say why, and what it means for a streak)
        day = day_label(claim.day)
        add_field(
            e,
            "Date",
            f"{day} in {claim.zone.key}: the schedule moved to this time zone after {day}'s question went out "
            f"elsewhere, so this is the {ordinal(claim.number)} question dated {day}. Your streak counts {day} "
            "once: either question right keeps it.",
            inline=False,
        )
    add_field(e, "Answers close", f"{ts(claim.closes_at, 'f')} ({ts(claim.closes_at, 'R')})", inline=True)
    if claim.topic and claim.topic_gone:  # the topic has no cards left: say where the question comes from
        add_field(e, "Topic", f"every card (**{escape(claim.topic)}** has no cards left)", inline=True)
    elif claim.topic:
        add_field(e, "Topic", escape(claim.topic), inline=True)
    e.set_footer(
        text="Press Answer: only you see whether you were right. One answer counts; a first spelling slip (“almost”) is free. "
        "The answer is revealed when answers close."
    )
    return e


def reveal_title(day: date, number: int = 1) -> str:
    """The title of a day's reveal (a retry looks for it in the channel); ``number``: see ``day_label``."""
    return f"Answer — question of the day, {day_label(day, number)}"


def reveal_embed(r: Reveal) -> discord.Embed:
    """The answer and the results, when answers close."""
    # The answer is what a reveal is for: it always fits, and a long question is shortened to make room for it.
    answer = f"\n**A:** {clip(escape(r.accepted), ANSWER_CHARS)}"
    text = "**Q:** " + clip(escape(r.card.question), DESCRIPTION_MAX - len("**Q:** ") - len(answer)) + answer
    room = DESCRIPTION_MAX - len(text) - 2
    if r.explanation and room >= MIN_EXPLANATION_CHARS:
        text += "\n\n" + card_text(clip_markdown(r.explanation, min(EXPLANATION_CHARS, room)))
    e = embed(reveal_title(r.day, r.number), text, colour=COLOUR_OK)
    if r.answered:
        add_field(
            e, "Answers", f"{r.answered:,} answered · {r.correct:,} right ({percent(r.correct, r.answered)})",
            inline=False,
        )
    else:
        add_field(e, "Answers", "No one answered this one.", inline=False)
    if r.winners:
        # as many whole names as the field holds, then how many more (a clipped list cut a name and lost the count)
        names = whole_list([escape(one_line(n, NAME_CHARS)) for n in r.winners], FIELD_VALUE_MAX, more=r.more_winners)
        add_field(e, "Got it", names, inline=False)
    elif r.answered:
        add_field(e, "Got it", "No one this time.", inline=False)
    if r.streaks:
        lines = [f"🔥 **{n}** {'day' if n == 1 else 'days'} — {escape(name)}" for name, n in r.streaks]
        add_field(e, "Longest daily streaks", "\n".join(lines), inline=False)
    return e


def verdict_text(result: AnswerResult, *, revealed: bool = False) -> str:
    """A member's private verdict. While the question is open (until the reveal post, ``revealed``) it names
    only what the member typed, right or not: "check your spelling" rather than the accepted answer a typo
    stood for (the reveal shows it). Once revealed, a right answer gets the full feedback."""
    v = result.verdict
    line = render_verdict(v, reveal=revealed and v.correct)
    almost = v.kind == "almost"
    if not result.counted:
        if almost:  # (the member's free retry: a first near miss)
            return (
                f"{line}\nThat was your free retry: this one doesn't count yet — press **Answer** again. Your next "
                "answer counts, even another near miss."
            )
        return f"{line}\nThis one doesn't count yet — press **Answer** again."
    if v.correct:
        days = result.streak or 1
        return f"{line}\n**+{result.points} points** · daily streak: **{days}** {'day' if days == 1 else 'days'} 🔥"
    reveal = f"The answer is revealed {ts(result.closes_at, 'R')}."
    if almost:  # (a near miss after the free retry: counted, not right)
        return f"{ALMOST_SPENT}\nYour free retry was used, so this one counts: that's your answer for today. {reveal}"
    return f"{line}\nThat's your answer for today. {reveal}"


def status_embed(status: DailyStatus, guild_id: int, *, post_deleted: bool = False) -> discord.Embed:
    """What ``/daily status`` shows (``post_deleted``: the last post's message was deleted, so it has no link)."""
    info = status.schedule
    if info is None:
        return embed("Daily question", "No daily question is set up here. Use `/daily set` to start one.")
    if not info.enabled:
        state = "⏹️ Off — `/daily set` turns it on again."
    elif info.paused_reason:
        since = f" (since {ts(info.paused_at, 'f')})" if info.paused_at else ""
        state = f"⏸️ Paused: {info.paused_reason}{since}."
        if info.next_post_at is not None:  # looked at again at each post time
            state += (
                f"\nI'll check again at the next post time, {ts(info.next_post_at, 'f')}, and carry on by myself "
                "once it is fixed — or use `/daily set` to resume now."
            )
        else:
            state += " Use `/daily set` to resume."
    else:
        state = "▶️ On"
        if not status.askable:
            state += (
                "\n⚠️ There are no cards to ask: every deck here is turned off or has no complete card. "
                "Turn one on with `/deck enable`, or the question pauses at its next post time."
            )
        elif status.topic_gone:
            state += (
                f"\n⚠️ The topic **{escape(info.topic or '')}** has no cards left: each question comes from every "
                "card until a deck with it is turned on again or you pick another topic with `/daily set`."
            )
    e = embed("Daily question", state)
    add_field(e, "Channel", f"<#{info.channel_id}>", inline=True)
    add_field(e, "Time", f"{info.time_text} ({info.zone_name})", inline=True)
    if status.topic_gone:
        topic = f"{escape(info.topic or '')}: no cards left, so every card ({status.askable:,})"
    elif info.topic:
        topic = escape(info.topic)
    else:
        topic = f"every card ({status.card_count:,})"
    add_field(e, "Topic", topic, inline=True)
    add_field(e, "Answers open", plural(info.answer_hours, "hour"), inline=True)
    if status.next_post is not None:
        add_field(e, "Next post", when(status.next_post, info.zone), inline=False)
    last = status.last_post
    if last is not None:
        text = f"{day_label(last.day, last.number)} — "
        if last.state == "posted":
            if post_deleted:
                text += f"posted in <#{last.channel_id}>, since deleted"
            else:
                text += message_link(MessageRef(guild_id, last.channel_id, last.message_id))
            problem = last.reveal_problem
            if problem is not None:  # claimed for its reveal, but the answer is not in the channel
                reason, held = problem
                text += f" (answer not posted{' yet' if held else ''}: {reason})"
            else:
                text += " (revealed)" if last.revealed_at else f" (answers close {ts(last.closes_at, 'R')})"
        elif last.state == "claimed":
            text += "being sent"
        else:
            text += f"not sent: {last.failure or 'failed'}"
        add_field(e, "Last post", text, inline=False)
    return e


def missing_permissions(
    code: str, head: str, channel: discord.abc.GuildChannel, missing: list[str], *, then: str = ""
) -> UserError:
    """``{head}: I'm missing <permission>, <permission> there. {then}``, each permission a parameter;
    ``head`` may name ``{channel}``."""
    names = {f"permission_{i}": Quote(name) for i, name in enumerate(missing)}
    listed = ", ".join("{" + key + "}" for key in names)
    text = f"{head}: I'm missing {listed} there." + (f" {then}" if then else "")
    return UserError(code, text, channel=MessageRef(channel.guild.id, channel.id), **names)
