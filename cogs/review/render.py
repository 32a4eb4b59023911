"""The review messages: a card, its verdict with the explanation and the next due time, the summary,
``/review status`` and settings, the reminder and the notice that reminders were switched off."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

import discord

from bot.core.models import VerdictReason
from bot.core.review import (
    DUE_COUNT_CAP,
    NEW_USED,
    NO_CARDS,
    NO_NEW,
    Answered,
    Rating,
    ReviewSettings,
    ReviewStatus,
    SessionSummary,
    Shown,
    interval_words,
)
from bot.core.review.models import NOTICE_DMS_CLOSED, NOTICE_LEFT, UNDONE_GONE, UNDONE_HELD
from cogs._format import (
    COLOUR_BAD,
    COLOUR_OK,
    add_field,
    card_text,
    clip,
    clip_markdown,
    embed,
    escape,
    plural,
    timestamp,
)
from cogs._verdicts import ALMOST_SPENT, render_verdict

log = logging.getLogger(__name__)

EXPLANATION_CHARS = 1000
PROMPT_CHARS = 1500
RATING_WORDS = {Rating.Again: "again", Rating.Hard: "hard", Rating.Good: "good", Rating.Easy: "easy"}
COMMAND = "`/review start`"


def next_text(due: datetime, now: datetime) -> str:
    """``in 4 days (<t:…:f>)``: the words for the wait, and the instant in each reader's own time."""
    return f"in {interval_words(due - now)} ({timestamp(due, 'f')})"


def prompt_text(shown: Shown) -> str:
    """The prompt as the member reads it, on the card and above the answer box (escaped; a cloze says
    what to find)."""
    text = escape(clip(shown.prompt.text, PROMPT_CHARS))
    if shown.prompt.direction == "term":
        text = f"*Which term is hidden?*\n\n{text}"
    return text


#: Said on a card whose new version what the member learned no longer answers (due again at once for that).
CHANGED = (
    "✏️ This card was changed in its deck since you last reviewed it (another question, or an answer it no longer "
    "takes): read it afresh."
)

#: Said when an answer reached a card that was changed in its deck while it was on show (its new version shown).
CHANGED_ON_SHOW = (
    "This card was changed in its deck while it was on show, so your answer was not counted: its new version is "
    "shown now. Answer it again."
)


#: Said on a card shown again after "Undo last rating".
UNDONE = "Your last rating of this card was undone: its schedule is back as it was before. Answer it again."
#: Said when the card whose rating was undone cannot be asked again now, by why (``Shown.undone_aside``).
UNDONE_SET_ASIDE = {
    UNDONE_HELD: (
        "Your last rating was undone and that card's schedule is back as it was before, but the card is being asked "
        "in a server right now, so it was not shown again: it comes back once that question closes."
    ),
    UNDONE_GONE: (
        "Your last rating was undone and that card's schedule is back as it was before, but no deck turned on in "
        "this server holds that card any more, so it was not shown again."
    ),
}


def card_embed(shown: Shown) -> discord.Embed:
    """A card to answer: the prompt, and where the session stands."""
    e = embed(f"🧠 Review · card {shown.number}", prompt_text(shown))
    if shown.before is None:
        add_field(e, "Card", "new", inline=True)
    else:
        add_field(e, "Last seen", timestamp(shown.before.last_review, "R"), inline=True)
    if shown.again:
        add_field(e, "Rating undone", UNDONE)
    if shown.changed:
        add_field(e, "Changed", CHANGED)
    due = f"{shown.due}+ cards" if shown.due_capped else plural(shown.due, "card")
    e.set_footer(text=f"{due} due · {shown.new_left} new left today")
    return e


#: An answer sent again after "could not confirm": the first one had been saved, and this is its result.
SAVED_EARLIER = "Your first answer to this card had been saved after all: this is its result, and the card was rated once."


def answered_embed(answered: Answered) -> discord.Embed:
    """After an answer: the verdict, the answer and its explanation, and when the card comes back."""
    shown = answered.shown
    if answered.gave_up:
        verdict = "🤷 You didn't know this one: it comes back soon."
    elif answered.verdict.reason is VerdictReason.DID_YOU_MEAN:
        verdict = ALMOST_SPENT  # (rated at once: the usual "try again" is no review's, which goes on to Next)
    else:
        verdict = render_verdict(answered.verdict, reveal=True)
    colour = COLOUR_OK if answered.verdict.correct else COLOUR_BAD
    e = embed(f"🧠 Review · card {shown.number}", verdict, colour=colour)
    if answered.earlier:
        add_field(e, "Saved earlier", SAVED_EARLIER)
    add_field(e, "Answer", f"**{escape(shown.prompt.answer)}**")
    explanation = card_text(clip_markdown(shown.card.answer.strip(), EXPLANATION_CHARS))
    if explanation:
        add_field(e, "Explanation", explanation)
    add_field(e, "Next", next_text(answered.next_due, answered.after.last_review))
    e.set_footer(text=f"Rated {RATING_WORDS[answered.rating]}")
    return e


def summary_embed(summary: SessionSummary) -> discord.Embed:
    """The end of a session."""
    if summary.stopped:
        title = "Review stopped"
    else:
        title = "Review done for now" if summary.still_due else "Review done — nothing else is due"
    e = embed(f"🧠 {title}", None if summary.reviewed else "No card was reviewed.")
    if summary.reviewed:
        accuracy = f" ({summary.accuracy:.0%})" if summary.accuracy is not None else ""
        add_field(e, "Reviewed", plural(summary.reviewed, "card"), inline=True)
        add_field(e, "Right", f"{summary.right}{accuracy}", inline=True)
        add_field(e, "New cards", str(summary.learned), inline=True)
    if summary.still_due:
        add_field(e, "Still due", still_due_text(summary))
    elif summary.next_due is not None:
        add_field(e, "Next due", f"{timestamp(summary.next_due, 'R')} ({timestamp(summary.next_due, 'f')})")
    elif summary.empty is not None:
        add_field(e, "Nothing to review", EMPTY_WHY[summary.empty])
    else:
        add_field(e, "Next due", f"Nothing scheduled yet: {COMMAND} brings new cards.")
    return e


def still_due_text(summary: SessionSummary) -> str:
    """The cards due now that a session ended without: left by Stop, or set aside (being asked in the server)."""
    n = summary.still_due
    cards = f"{n}+ cards" if n >= DUE_COUNT_CAP else plural(n, "card")
    are, it, comes = ("is", "it", "comes") if n == 1 else ("are", "they", "come")
    if summary.stopped:
        return f"{cards} {are} due now: {COMMAND} goes on with {'it' if n == 1 else 'them'}."
    question = "that question closes" if n == 1 else "those questions close"
    return f"{cards} {are} due, but {it} {are} being asked in a server right now: {it} {comes} back once {question}."


#: Why a member has nothing to review at all (``SessionSummary.empty``), and what to do about it.
EMPTY_WHY = {
    NO_CARDS: "No deck this server has turned on holds a card in your topics: a moderator can turn one on with "
    "`/deck enable`, or choose other topics with `/review settings topics`.",
    NO_NEW: "Your new cards a day are set to 0, so no new card comes: raise them with `/review settings new_per_day`.",
    NEW_USED: "You have met today's new cards: more come tomorrow (or raise `/review settings new_per_day`).",
}


def _topics(settings: ReviewSettings) -> str:
    return ", ".join(escape(t) for t in settings.topics) if settings.topics else "every card"


def _reminder(settings: ReviewSettings) -> str:
    if settings.remind_at is None:
        return "off"
    return f"{settings.remind_at:%H:%M} ({escape(settings.zone)}) when cards are due"


#: A member's cards and settings are kept per server: the same deck in another server has its own schedule there.
PER_SERVER = "For this server only: each server keeps its own schedule and settings"


def status_embed(status: ReviewStatus) -> discord.Embed:
    """``/review status``: due now and today, learning, learned, mature, retention, settings."""
    s = status.settings
    e = embed("🧠 Your reviews", _status_next_step(status))
    add_field(e, "Due now", f"{status.due_now:,}", inline=True)
    add_field(e, "Due today", f"{status.due_today:,} (until {timestamp(status.day_ends, 't')})", inline=True)
    add_field(e, "New today", new_today_text(status.new_today, s.new_per_day), inline=True)
    add_field(e, "Learning", f"{status.learning:,}", inline=True)
    add_field(e, "Learned", f"{status.learned:,}", inline=True)
    add_field(e, "Mature", f"{status.mature:,} (interval ≥ 21 days)", inline=True)
    if status.retention is None:
        kept = "not measured yet (no card has come back for review)"
    else:
        kept = f"{status.retention:.0%} of {plural(status.retention_reviews, 'review')}"
    add_field(e, "Retention", f"{kept} · target {s.retention:.0%}")
    if status.next_due is not None and status.due_now == 0:
        add_field(e, "Next due", f"{timestamp(status.next_due, 'R')} ({timestamp(status.next_due, 'f')})")
    e.set_footer(text=f"{PER_SERVER} · Today is counted in {s.zone}")
    return e


def new_today_text(done: int, limit: int) -> str:
    """``2 of 10``; past the limit (lowered after the day's new cards were met) ``5 (limit now 3: no more today)``,
    never "5 of 3"."""
    if done > limit:
        return f"{done:,} (limit now {limit:,}: no more today)"
    return f"{done:,} of {limit:,}"


def _status_next_step(status: ReviewStatus) -> str | None:
    """What to do next, above the figures: review what is due, or (never reviewed) where the first cards come from."""
    if status.due_now:
        return f"Start with {COMMAND}."
    if status.next_due is None and status.empty is not None:
        return EMPTY_WHY[status.empty]  # (what /review start would say: no promise of cards it will not bring)
    if status.next_due is None and not status.learning and not status.learned and status.new_left:
        return f"You haven't reviewed a card here yet: {COMMAND} brings your first new cards."
    return None


def settings_embed(settings: ReviewSettings) -> discord.Embed:
    """The member's review settings."""
    e = embed("🧠 Review settings")
    add_field(e, "New cards per day", str(settings.new_per_day), inline=True)
    add_field(e, "Desired retention", f"{settings.retention:.0%}", inline=True)
    add_field(e, "Time zone", escape(settings.timezone or f"the server's ({settings.zone})"), inline=True)
    add_field(e, "Topics", _topics(settings))
    add_field(e, "Reminder", _reminder(settings))
    e.set_footer(text=PER_SERVER)
    return e


def notice_text(notice: str) -> str:
    """What a member is told once about their reminder."""
    if notice == NOTICE_DMS_CLOSED:
        return (
            "ℹ️ I couldn't send you your review reminder: your direct messages are closed to me, so I turned "
            "the reminder off. Open them and use `/review reminder` to turn it back on."
        )
    if notice == NOTICE_LEFT:
        return (
            "ℹ️ I turned your review reminder off here when you left this server. Use `/review reminder` to turn "
            "it back on."
        )
    return "ℹ️ Your review reminder was turned off."


def _reminder_place(guild_name: str) -> str:
    return f"due for review today in **{escape(guild_name)}**. "


#: The longest label Discord takes on a button.
_LABEL_MAX = 80
#: Where a link to a server (its default channel) starts: a reminder's button takes the member there.
_SERVER_LINK = "https://discord.com/channels/"


def server_link(guild_id: int) -> str:
    """The link that opens the server ``guild_id`` (the reminder's button: where ``/review`` works)."""
    return f"{_SERVER_LINK}{guild_id}"


def open_server_label(guild_name: str) -> str:
    """The label of the reminder's button that opens the server (a label is plain text: no escaping)."""
    return f"Open {clip(guild_name, _LABEL_MAX - len('Open '))}"


def is_reminder(content: str, links: Iterable[str], guild_id: int, guild_name: str) -> bool:
    """Whether a direct message (its text and the links of its buttons) is a reminder of the server ``guild_id``,
    whatever its card count and whatever the server is called now: known by its button's link to the server.
    One sent before reminders had that button (text only) is known by the server's name."""
    if not content.startswith("📚 "):
        return False
    servers = [link for link in links if link.startswith(_SERVER_LINK)]
    if servers:
        return server_link(guild_id) in servers
    return _reminder_place(guild_name) in content


def reminder_text(guild_name: str, due: int) -> str:
    """The reminder sent by direct message."""
    return (
        f"📚 {plural(due, 'card')} {'is' if due == 1 else 'are'} {_reminder_place(guild_name)}"
        f"Run {COMMAND} there when you have a few minutes. (`/review reminder time: off` stops these.)"
    )


#: Said when the card on show is set aside: a quiz question or the daily question in the server asks it now.
_SET_ASIDE = (
    "That card is being asked in a server right now, so it was set aside: it stays due and comes back once "
    "that question closes."
)
SET_ASIDE = _SET_ASIDE + " Here is your next card."
#: The same, when no other card is left for now.
SET_ASIDE_LAST = _SET_ASIDE + " Nothing else is due now."
