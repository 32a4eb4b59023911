"""Discord rendering of the grader's verdicts, and what a player can do about one.

The core's ``Verdict`` is a reason code plus parameters; this module turns it into the line a member reads:
a mark for the kind, names in italics, and everything taken from the player or a deck escaped. With
``reveal=False`` (the question is still open and scoring) it quotes only what the player typed and counts.

Under a wrong, almost or partial verdict the player gets an **I was right** button (``was_right_button``,
restart-safe: its state is in the custom id; the disputes cog handles it), and the next time they answer
they hear what the moderators decided on their earlier disputes (``take_notices``).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.core.disputes import DISPUTABLE, Dispute
from bot.core.errors import Quote, UserError
from bot.core.models import Verdict, VerdictKind
from cogs._format import CONTENT_MAX, clip, escape, timestamp
from cogs._ids import CustomId
from cogs._shared import DISCORD_ERRORS, NO_MENTIONS, cog_named, get_services, guarded

log = logging.getLogger(__name__)

#: The mark in front of each verdict, by kind (correct, almost, partial, wrong, empty).
MARKS = dict(zip(VerdictKind, "✅🟡🟠❌⚪", strict=True))
#: An "almost" that took the player's last chance at the question (their last try, or the daily question's one
#: counted answer): its usual wording says "try again", which no longer holds.
ALMOST_SPENT = f"{MARKS[VerdictKind.ALMOST]} Almost — but misspelt, so not accepted"
#: The cog that handles the "I was right" button (``cogs.disputes``).
DISPUTES_COG = "Disputes"


def _param(value: object) -> str:
    """One verdict parameter: names in italics, all text escaped (on one line); a quote of what the player typed
    (a claim of an essay answer, say) cut to ``QUOTED_MAX`` characters, so that the line fits a message."""
    text = str(value).replace("\n", " ")
    if isinstance(value, Quote):
        return f"*{escape(clip(text, QUOTED_MAX))}*"
    return escape(text)


#: The longest quote of a verdict (escaped, it may double: a message holds 2,000 characters).
QUOTED_MAX = 300


#: The longest verdict line: room is left in the message for what a reply adds after it (points, tries left,
#: the moderators' decisions).
VERDICT_MAX = 1500


def render_verdict(verdict: Verdict, *, reveal: bool) -> str:
    """The verdict as one Discord line: ``reveal=False`` never names the answer, a missing point or a suggestion.

    A list of missing points too long for ``VERDICT_MAX`` names the first ones whole and counts the rest ("and 17
    more"), rather than the reply being cut off mid-item (an italic left open, the tries left lost)."""
    line = f"{MARKS[verdict.kind]} {verdict.render(_param, reveal=reveal)}"
    if len(line) <= VERDICT_MAX or len(verdict.missing) < 2:
        return line
    for keep in range(len(verdict.missing) - 1, 0, -1):
        shorter = dataclasses.replace(verdict, missing=verdict.missing[:keep])
        text = f"{MARKS[verdict.kind]} {shorter.render(_param, reveal=reveal)}"
        if not text.endswith(_param(Quote(verdict.missing[keep - 1]))):
            return line  # (the missing points are not what ends the line: nothing to shorten there)
        text += f" and {len(verdict.missing) - keep} more"
        if len(text) <= VERDICT_MAX:
            return text
    return text


# -- "I was right" ----------------------------------------------------------------------------------
#: The "I was right" button under a player's private feedback: ``tutor:wasright:<a|d>:<ref>:<q|t>``, where
#: ``a`` names a stored answer by id and ``d`` a daily question by post id (the player's counted answer to
#: it); ``q``/``t`` is how the card was asked (its question, or its term). The disputes cog handles it.
WAS_RIGHT = CustomId("wasright", kind=r"a|d", ref=r"[0-9]{1,19}", direction=r"q|t")
WAS_RIGHT_LABEL = "I was right"
_DIRECTIONS = {"question": "q", "term": "t"}


class WasRightButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=WAS_RIGHT.template):
    """"I was right" under a player's feedback: dispute that answer (works after a restart).

    Any cog may send it (``was_right_button``); the disputes cog handles the click (``on_was_right``)."""

    def __init__(self, kind: str, ref: int, direction: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label=WAS_RIGHT_LABEL,
                emoji="🙋",
                custom_id=WAS_RIGHT.build(kind=kind, ref=ref, direction=direction),
            )
        )
        self.kind = kind
        self.ref = ref
        self.direction = "term" if direction == "t" else "question"

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> WasRightButton:
        """The button a click belongs to, whichever process sent it."""
        values = WAS_RIGHT.parse(match)
        return cls(values["kind"], int(values["ref"]), values["direction"])

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the disputes cog."""
        client = interaction.client
        cog = cog_named(client, DISPUTES_COG)
        handler = getattr(cog, "on_was_right", None)
        if handler is None:
            raise UserError("dispute.unavailable", "Disputes are not available right now.")
        await handler(interaction, self)


def was_right_button(
    *, attempt_id: int | None = None, post_id: int | None = None, direction: str = "question"
) -> WasRightButton:
    """The "I was right" button for one stored answer (``attempt_id``) or a daily answer (``post_id``)."""
    kind, ref = ("a", attempt_id) if attempt_id is not None else ("d", post_id)
    if ref is None:
        raise ValueError("an attempt id or a post id is needed")
    return WasRightButton(kind, ref, _DIRECTIONS.get(direction, "q"))


def disputable(verdict: Verdict, interaction: discord.Interaction) -> bool:
    """Whether the player may dispute this verdict here: wrong, almost or partial, in a server whose bot
    has the disputes feature loaded."""
    if str(verdict.kind) not in DISPUTABLE or interaction.guild_id is None:
        return False
    client = interaction.client
    cog = cog_named(client, DISPUTES_COG)
    # (by what answers the click, not by the name alone: a host bot may have a "Disputes" cog of its own)
    return callable(getattr(cog, "on_was_right", None))


def add_was_right(view: discord.ui.View | None, button: WasRightButton) -> discord.ui.View:
    """``view`` (a new one when None) with the "I was right" button on a row of its own.

    The button is a ``DynamicItem``: the bot routes its clicks by custom id, with no view kept in memory.
    A new view is therefore stopped before it is sent, so discord.py does not keep it (and a 15-minute
    timer) for every verdict that carries the button."""
    button.row = 4
    if view is None:
        view = discord.ui.View(timeout=None)
        view.add_item(button)
        view.stop()
        return view
    view.add_item(button)
    return view


# -- what the player hears about their disputes ---------------------------------------------------------
def _answer(d: Dispute, width: int = 200) -> str:
    return f"**{escape(clip(d.response.replace(chr(10), ' '), width))}**"


def notice_line(d: Dispute) -> str:
    """A decided dispute, told to its player the next time they use the bot."""
    if d.status == "accepted":
        # ``restored``: the points given back to this player (none where they were right on that question
        # already, or in practice, which scores nothing)
        points = " and your points were given back" if d.restored > 0 else ""
        if d.card_changed:  # (right to the question as it was asked; the card asks another now)
            return (
                f"📬 The moderators agreed: {_answer(d)} was right to the question as it was asked (the card has "
                f"changed since){points}."
            )
        return f"📬 The moderators agreed: {_answer(d)} now counts as right in this server{points}."
    if d.taken_back_at is not None:
        # (an accept a moderator took back: the answer is wrong again, and the points it gave back are gone)
        points = ", and the points it gave you were taken back" if d.restored > 0 else ""
        return f"📬 The moderators took back their accept of {_answer(d)}: it counts as wrong again{points}."
    return f"📬 The moderators looked at your answer {_answer(d)} and kept the verdict."


def dispute_line(d: Dispute, width: int = 200) -> str:
    """One of the player's disputes, as /stats lists them (``width``: the characters of the answer shown)."""
    status = {"open": "⏳ waiting for the moderators", "accepted": "✅ accepted", "rejected": "❌ rejected"}
    said = "↩️ accept taken back" if d.taken_back_at is not None else status.get(d.status, escape(d.status))
    return f"{_answer(d, width)} — {said} · {timestamp(d.created_at)}"


def dispute_lines(disputes: Sequence[Dispute], limit: int) -> str:
    """The player's disputes as /stats lists them, one a line, each whole with its outcome in ``limit``
    characters: long answers are cut shorter rather than a line (and its outcome) dropped."""
    width = 200
    while True:
        text = "\n".join(dispute_line(d, width) for d in disputes)
        if len(text) <= limit or width <= 20:
            return text
        width = width * 3 // 4


async def take_notices(interaction: discord.Interaction) -> str:
    """The player's decided disputes they have not heard about, as lines (marked as told); "" if none.

    Never fails the caller: a notice that cannot be read now is told next time."""
    return "\n".join(notice_line(d) for d in await take_notice_list(interaction))


async def take_notice_list(interaction: discord.Interaction) -> list[Dispute]:
    """``take_notices``' disputes (marked as told: ``untell`` them when the message cannot be sent)."""
    try:
        return await get_services(interaction.client).disputes.take_notices(interaction.guild_id, interaction.user.id)
    except Exception:
        log.exception("could not read the dispute notices of %s", interaction.user.id)
        return []


async def take_notices_within(interaction: discord.Interaction, room: int) -> tuple[str, list[Dispute]]:
    """``take_notice_list``'s notices that fit whole in ``room`` characters (after the reply's own text), as
    lines, and the disputes they tell (to ``untell`` when the reply is not sent). Those that do not fit are
    kept for next time, never cut off and counted as told."""
    told = await take_notice_list(interaction)
    lines: list[str] = []
    shown: list[Dispute] = []
    used = 0
    for d in told:
        line = notice_line(d)
        if used + len(line) + (1 if lines else 0) > room:
            break
        used += len(line) + (1 if lines else 0)
        lines.append(line)
        shown.append(d)
    if len(shown) < len(told):
        await untell(interaction, told[len(shown) :])
    return "\n".join(lines), shown


async def tell_notices_aside(interaction: discord.Interaction) -> None:
    """After a command's own reply (a /define card, /search results, a channel quiz's intro: maybe seen by the
    whole channel), the player's decided disputes they have not heard about, in a message only they see. Never
    fails the caller: not sent, they are told next time."""
    if interaction.guild_id is None:
        return
    told = await take_notice_list(interaction)
    if not told:
        return
    try:
        await interaction.followup.send(
            clip("\n".join(notice_line(d) for d in told), CONTENT_MAX), ephemeral=True, allowed_mentions=NO_MENTIONS
        )
    except DISCORD_ERRORS:
        log.info("could not tell %s of their decided disputes; next time", interaction.user.id)
        await untell(interaction, told)


async def untell(interaction: discord.Interaction, told: list[Dispute]) -> None:
    """The decisions in ``told`` were not told after all: told next time (never fails the caller)."""
    if not told or interaction.guild_id is None:
        return
    try:
        await get_services(interaction.client).disputes.untell(interaction.guild_id, interaction.user.id, told)
    except Exception:
        log.exception("could not keep the dispute notices of %s for next time", interaction.user.id)
