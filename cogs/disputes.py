"""The disputes extension: ``await bot.load_extension("cogs.disputes")``.

A player's **I was right** button (``tutor:wasright:…``, sent under private feedback by the quiz and daily
cogs, see ``cogs._verdicts``) opens a dispute on their stored answer; they are told privately that it was
sent (pressed again while it is open: that it was sent already), or why it cannot be (already decided, the daily
cap, a right answer).

``/disputes review`` shows moderators (Manage Messages) the open disputes of the server, one card per page,
with **Accept**, **Reject** and page buttons (``tutor:dispute:<id>:<accept|reject|prev|next>``: the state is
in the id, so the buttons work after a restart). ``/disputes undo`` takes back an accept made by mistake (picked
from the server's accepted disputes; what it would change is shown first, with **Take back** and **Cancel**:
``tutor:dispute:<id>:<undo|keep>``). ``/disputes stats [deck] [csv]`` tells them what the
server's answers say about a deck: most-missed cards, the most common wrong answers, disputes, cards nobody
answers right, and the same as a CSV file. Every decision is made by ``bot.core.disputes``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from typing import Any, Final

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.disputes import (
    AlreadyOpen,
    CardInsight,
    Decision,
    Dispute,
    DisputeService,
    Insight,
    QueuePage,
    TakenBack,
    insight_csv,
)
from bot.core.errors import Quote, UserError
from bot.core.text import one_line
from cogs._format import (
    COLOUR_BAD,
    COLOUR_OK,
    FIELD_VALUE_MAX,
    add_field,
    bold_list,
    card_text,
    clip,
    clip_markdown,
    code,
    display_name,
    embed,
    escape,
    narrowed_lines,
    set_footer,
    timestamp,
)
from cogs._ids import CustomId
from cogs._shared import (
    DISCORD_ERRORS,
    NO_MENTIONS,
    TutorCog,
    acquire_services,
    add_cog,
    cog_named,
    daily_offered,
    daily_on,
    defer,
    guarded,
    handle_error,
    permission_name,
    quiz_offered,
    release_services,
    reply,
    upload_refused,
)
from cogs._verdicts import DISPUTES_COG, WasRightButton

log = logging.getLogger(__name__)

COG_NAME = DISPUTES_COG
#: Accept / Reject / previous / next on the page of one dispute.
DISPUTE_BUTTON = CustomId("dispute", id=r"\d{1,18}", action=r"accept|reject|prev|next|undo|keep")
MODERATE_ACTION = "review disputes"
#: Cards listed per section of ``/disputes stats``.
STATS_ROWS = 8
#: Characters of a card's question, and of a common wrong answer, in a row of ``/disputes stats`` (fewer when the
#: rows would not fit a field whole).
QUESTION_SHOWN = 80
#: Characters of a typed answer a dispute page shows, and the note of the decision above the next page.
TYPED_SHOWN = 1000
DECIDED_SHOWN = 200
#: Characters of each other answer an accept would make right too, on a dispute page (five of them fit a field).
ALSO_SHOWN = 80
#: Characters of the prompt a dispute page shows (room left in the field for what neutralising mentions adds).
PROMPT_SHOWN = 1000
#: Each button's words, style and mark. The page buttons say "Previous" and "Next" in words beside their arrow, as the
#: board's and a definition's do: a label of an arrow alone was read out by a screen reader as "black left-pointing
#: triangle".
_LOOKS: dict[str, tuple[str, discord.ButtonStyle, str | None]] = {
    "accept": ("Accept", discord.ButtonStyle.success, None),
    "reject": ("Reject", discord.ButtonStyle.danger, None),
    "prev": ("Previous", discord.ButtonStyle.secondary, "◀️"),
    "next": ("Next", discord.ButtonStyle.secondary, "▶️"),
    "undo": ("Take back", discord.ButtonStyle.danger, None),
    "keep": ("Cancel", discord.ButtonStyle.secondary, None),
}


def require_manage_messages(interaction: discord.Interaction) -> int:
    """The server's id, when the member may moderate it (Manage Messages here); otherwise a refusal."""
    if interaction.guild_id is None:
        raise UserError("perm.guild_only", "This works in a server only: use it in one of its channels.")
    perms = interaction.permissions
    if not (perms.manage_messages or perms.administrator):
        raise UserError(
            "perm.manage_messages",
            "Only members with the {permission} permission can {action}.",
            permission=Quote(permission_name("manage_messages")),
            action=MODERATE_ACTION,
        )
    return interaction.guild_id


# -- rendering -----------------------------------------------------------------------------------
def _answers(items: tuple[str, ...]) -> str:
    """The card's accepted answers: as many whole as the field holds, then how many more."""
    listed = items[:15]
    return bold_list(listed, FIELD_VALUE_MAX, more=len(items) - len(listed)) or "(none: graded by its explanation)"


def _bold_typed(response: str) -> str:
    """The typed answer, escaped and in bold, clipped so that the whole of it (both ``**`` too) fits a field:
    escaping may double its length, and a field clipped after it would lose the closing ``**``."""
    shown = TYPED_SHOWN
    while True:
        value = f"**{escape(clip(response, shown))}**"
        if len(value) <= FIELD_VALUE_MAX or shown <= 50:
            return value
        shown = shown * 3 // 4


def page_embed(page: QueuePage, note: str | None = None) -> discord.Embed:
    """One open dispute: the card, the prompt, what was accepted and what the player typed."""
    d = page.dispute
    e = embed(f"Dispute {page.place} of {page.total}", note)
    # (the footer first: the fields fill what is left of the embed's 6000 characters; a card's key is a slug of
    # its term, no more shown than its answers while its question is open)
    card = "Card hidden while its question is open" if page.answers_hidden else f"Card {page.card_label or d.card_key}"
    if page.card_changed:  # (an answer to an older version of the card: not added to the server's answers)
        accept = "Accept makes the typed answer right to the question as it was asked (the card has changed since)"
        set_footer(e, f"{card} · {accept} and re-grades the answers to it")
    else:
        set_footer(e, f"{card} · Accept adds the typed answer for this server and re-grades its answers")
    # (deck markdown: a long prompt is clipped with what the cut leaves open closed, a code block above all)
    add_field(e, "Prompt", card_text(clip_markdown(d.prompt, PROMPT_SHOWN)) or "—")
    if page.answers_hidden:  # the moderator may be playing that question: its answers are not given away
        add_field(e, "Accepted answers", "Hidden while the question is still open: shown once it closes.")
    else:
        add_field(e, "Accepted answers", _answers(d.accepted))
    if page.typed_hidden:
        # (any answer may hold the card's, "temperature or top-k": seen and decided once the question closes)
        add_field(e, "Typed answer", "Hidden while the question is still open: decide it once the question closes.")
    else:
        add_field(e, "Typed answer", _bold_typed(d.response) if d.response.strip() else "—")
    if page.also_right:
        # (what the accept reaches besides the typed answer: other players' answers it would make right too)
        shown = " · ".join(f"**{escape(one_line(text, ALSO_SHOWN))}** ×{n}" for text, n in page.also_right)
        more = f" · and {page.also_right_more} more" if page.also_right_more else ""
        add_field(e, "Accept also makes right", shown + more)
    add_field(e, "Verdict", escape(d.verdict), inline=True)
    add_field(e, "Where", escape(d.source), inline=True)
    add_field(e, "Player", f"{escape(d.user_name)} · {timestamp(d.created_at)}", inline=True)
    return e


def page_view(page: QueuePage) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("accept", "reject", "prev", "next"):
        item = DisputeButton(page.dispute.id, action)
        if action in ("prev", "next"):
            item.item.disabled = page.total < 2
        else:
            item.item.disabled = page.typed_hidden  # (not decided unseen)
        view.add_item(item)
    return view


def decision_text(decision: Decision) -> str:
    d = decision.dispute
    typed = escape(clip(d.response, DECIDED_SHOWN))  # (the next page's fields need the room)
    if not decision.accepted:
        return f"❌ Rejected the dispute of {escape(d.user_name)} (**{typed}**)."
    players = len(decision.players)
    # (an answer to an older version of the card: right to the question as asked, not to the card now)
    where = (
        "for the question as it was asked (the card has changed since: not added to this server's answers)"
        if decision.card_changed
        else "for this server"
    )
    return (
        f"✅ Accepted **{typed}** {where}: {len(decision.regraded)} answer"
        f"{'' if len(decision.regraded) == 1 else 's'} of {players} player{'' if players == 1 else 's'} "
        f"corrected, {decision.points} points given back."
    )


def take_back_preview(done: TakenBack) -> str:
    """What taking back an accept would change, asked before it is done (``DisputeService.take_back`` dry run)."""
    d = done.dispute
    typed = escape(clip(d.response, DECIDED_SHOWN))
    answers = len(done.reverted)
    players = len(done.players)
    lines = [
        f"↩️ Take back the accept of **{typed}** (the dispute of {escape(d.user_name) or 'a member whose data was deleted'})?",
        f"{answers} answer{'' if answers == 1 else 's'} of {players} player{'' if players == 1 else 's'} would be "
        f"wrong again, {done.points} points taken back.",
    ]
    if done.kept:
        lines.append(f"{done.kept} answer{'' if done.kept == 1 else 's'} it corrected would stay right by another accepted answer.")
    if done.settled_too:
        lines.append(
            f"{done.settled_too} other dispute{'' if done.settled_too == 1 else 's'} it settled would be taken back with it."
        )
    lines.append("Answers graded right with it in play since the accept, if any, keep their points.")
    return "\n".join(lines)


def take_back_view(dispute_id: int) -> discord.ui.View:
    """**Take back** and **Cancel** under a take-back's preview (the state is in the ids: they work after a restart)."""
    view = discord.ui.View(timeout=None)
    for action in ("undo", "keep"):
        view.add_item(DisputeButton(dispute_id, action))
    view.stop()
    return view


def taken_back_text(done: TakenBack) -> str:
    """What the moderator who took back an accept is told."""
    d = done.dispute
    typed = escape(clip(d.response, DECIDED_SHOWN))
    answers = len(done.reverted)
    players = len(done.players)
    lines = [
        f"↩️ Took back the accept of **{typed}** (the dispute of {escape(d.user_name)}): "
        + ("it is no longer an accepted answer in this server." if done.overlay_removed else "it is rejected now."),
        f"{answers} answer{'' if answers == 1 else 's'} of {players} player{'' if players == 1 else 's'} "
        f"{'is' if answers == 1 else 'are'} wrong again, {done.points} points taken back.",
    ]
    if done.kept:
        lines.append(
            f"{done.kept} answer{'' if done.kept == 1 else 's'} it corrected stay{'s' if done.kept == 1 else ''} right: "
            "another accepted answer, or the card itself, makes them right."
        )
    if done.settled_too:
        lines.append(
            f"{done.settled_too} other dispute{'' if done.settled_too == 1 else 's'} it had settled "
            f"{'was' if done.settled_too == 1 else 'were'} taken back with it."
        )
    if done.corrected_again:
        again = len(done.corrected_again)
        lines.append(
            f"{again} other answer{'' if again == 1 else 's'} of those players to the same question{'' if again == 1 else 's'} "
            f"{'is' if again == 1 else 'are'} right by another accepted answer: corrected instead."
        )
    if done.rescored:
        up = [r for r in done.rescored if r.points > 0]
        if up:
            lines.append(
                f"{len(up)} answer{'' if len(up) == 1 else 's'} another accept corrected now "
                f"score{'s' if len(up) == 1 else ''} as the first right answer{'' if len(up) == 1 else 's'} "
                f"(+{sum(r.points for r in up)} points)."
            )
    lines.append("Answers graded right with it in play since the accept, if any, keep their points.")
    who = ["its player"] if done.player_told else []
    if done.settled_too:
        who.append("the players of the disputes it settled" if done.settled_too > 1 else "the player of the dispute it settled")
    if who:
        told = " and ".join(who)
        lines.append(f"{told[0].upper()}{told[1:]} {'are' if len(who) > 1 else 'is'} told the next time they use the bot.")
    if not done.player_told:
        lines.append("Its player's answer stays right by another accepted answer: it goes with that accept now.")
    return "\n".join(lines)


def _card_line(c: CardInsight, width: int = QUESTION_SHOWN) -> str:
    """The card's key as the server knows its deck, its question on one line (as it last was, for a card no longer
    in its deck) in at most ``width`` characters, and how often it was answered right."""
    question = one_line(c.question, width)
    retired = " *(no longer in the deck)*" if c.retired else ""
    shown = f" {escape(question)}" if question else ""
    return f"{code(c.name)}{shown}{retired} — {c.correct}/{c.answers} right"


def _card_lines(cards: Sequence[CardInsight]) -> str:
    """``_card_line`` of each card, every row whole in a field: long questions are cut shorter rather than a row
    (and how often its card was answered right) cut off."""
    return narrowed_lines(lambda width: [_card_line(c, width) for c in cards], FIELD_VALUE_MAX, widest=QUESTION_SHOWN)


def insight_embed(insight: Insight, name: str | None = None, *, quiz: bool = True, daily: bool = True) -> discord.Embed:
    """Most-missed cards, their common wrong answers, disputes and cards never answered right (``name``:
    the deck as the server calls it). With no answer yet, what to start is named only where this bot has it
    (``quiz``: ``/quiz``; ``daily``: ``/daily``)."""
    shown = name or insight.deck
    # (a deck's name is a slug of the server's choosing: "_" in it is no markdown)
    title = f"Answer insight — {escape(clip(shown, 100))}" if shown else "Answer insight — every deck"
    if not insight.cards:
        if insight.held_back:
            return embed(title, "The cards answered are being asked now: their answers show once the questions close.")
        if shown:
            return embed(title, "Nobody has answered a card of this deck in this server yet.")
        start = ", or ".join(["start a `/quiz`"] * quiz + ["set up `/daily`"] * daily)
        return embed(title, "Nobody has answered a card in this server yet" + (f": {start}." if start else "."))
    e = embed(title)
    missed = insight.most_missed[:STATS_ROWS]
    add_field(e, "Most missed", _card_lines(missed) or "No card missed yet.")
    wrong = [c for c in missed if c.wrong_answers][:STATS_ROWS]
    if wrong:

        def wrong_lines(width: int) -> list[str]:
            return [
                f"{code(c.name)}: "
                + ", ".join(f"{escape(one_line(w.text, width))} ×{w.times}" for w in c.wrong_answers[:3])
                for c in wrong
            ]

        add_field(e, "Common wrong answers", narrowed_lines(wrong_lines, FIELD_VALUE_MAX, widest=QUESTION_SHOWN))
    never = insight.never_right[:STATS_ROWS]
    if never:
        add_field(e, "Nobody answers right", _card_lines(never))
    disputed = insight.disputed[:STATS_ROWS]
    if disputed:
        lines = [
            f"{code(c.name)}: " + ", ".join(f"{n} {s}" for s, n in sorted(c.disputes.items()))
            for c in disputed
        ]
        add_field(e, "Disputes", "\n".join(lines))
    held = f" · {insight.held_back} left out while a question on them is open" if insight.held_back else ""
    set_footer(e, f"{len(insight.cards)} cards answered{held} · add csv:True for the whole table")
    return e


# -- components ----------------------------------------------------------------------------------
class DisputeButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=DISPUTE_BUTTON.template):
    """Accept, Reject or page through the open disputes."""

    def __init__(self, dispute_id: int, action: str) -> None:
        label, style, emoji = _LOOKS[action]
        super().__init__(
            discord.ui.Button(
                style=style, label=label, emoji=emoji, custom_id=DISPUTE_BUTTON.build(id=dispute_id, action=action)
            )
        )
        self.dispute_id = dispute_id
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DisputeButton:
        values = DISPUTE_BUTTON.parse(match)
        return cls(int(values["id"]), values["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the disputes cog."""
        try:
            client = interaction.client
            cog = cog_named(client, COG_NAME)
            if not isinstance(cog, Disputes):
                raise UserError("dispute.unavailable", "Disputes are not available right now.")
            await cog.on_button(interaction, self)
        except Exception as exc:
            await handle_error(interaction, exc)


def opened_text(dispute: Dispute) -> str:
    """What the player is told once their dispute is recorded."""
    return (
        f"📨 Sent to the moderators: they will look at **{escape(clip(dispute.response, 200))}**. "
        "If they agree, it counts as right and your points come back; you will hear their answer the next "
        "time you play, and in `/stats`."
    )


def sent_again_text(dispute: Dispute) -> str:
    """What the player is told when they press again on an answer whose dispute is open: it was sent (the first
    confirmation may never have reached them)."""
    return (
        f"📨 Sent to the moderators: you already disputed that answer, **{escape(clip(dispute.response, 200))}**, "
        "and they will look at it. If they agree, it counts as right and your points come back; you will hear "
        "their answer the next time you play, and in `/stats`."
    )


#: What Discord raises when a message cannot be sent (after discord.py's own retries).
_SEND_ERRORS: Final = DISCORD_ERRORS


# -- the cog -------------------------------------------------------------------------------------
class Disputes(TutorCog, name=COG_NAME):
    """Moderators review "I was right" disputes and learn from the server's answers."""

    group = app_commands.Group(
        name="disputes",
        description="Review disputed verdicts and see which cards players miss",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    def __init__(self, bot: commands.Bot, service: DisputeService) -> None:
        self.bot = bot
        self.service = service

    async def cog_load(self) -> None:
        """Handle the dispute buttons and the players' "I was right" (old ones too)."""
        self.bot.add_dynamic_items(DisputeButton, WasRightButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(DisputeButton, WasRightButton)

    async def on_was_right(self, interaction: discord.Interaction, button: WasRightButton) -> None:
        """Open a dispute on the player's answer; tell them privately that it went to the moderators."""
        user = interaction.user
        # Recording the dispute may wait for the write lock: acknowledged first (privately), so Discord's three
        # seconds never run out on a dispute that is recorded all the same.
        await defer(interaction, ephemeral=True, thinking=True)
        attempt_id: int | None = button.ref
        if button.kind == "d":
            attempt_id = await self.service.daily_attempt(button.ref, user.id)
            if attempt_id is None:
                raise UserError("dispute.no_answer", "You have no counted answer to that question to dispute.")
        assert attempt_id is not None
        try:
            dispute = await self.service.open_dispute(
                guild_id=interaction.guild_id, user_id=user.id, user_name=display_name(user), attempt_id=attempt_id,
                direction=button.direction,
            )  # fmt: skip
        except AlreadyOpen as exc:
            # Pressed again while the moderators have not decided: the first "sent" may never have reached the
            # player (Discord failed to send it), so it is said again rather than refused.
            text = sent_again_text(exc.dispute)
        else:
            text = opened_text(dispute)
        # The dispute is recorded: a confirmation Discord fails to send is tried once more, and never turns into
        # "something went wrong" (pressing again would only confirm it).
        for tries_left in (1, 0):
            try:
                await reply(interaction, text, ephemeral=True)
                return
            except _SEND_ERRORS as exc:
                log.warning("dispute recorded, but telling the player failed (%s tries left): %s", tries_left, exc)

    @group.command(name="review")
    @guarded
    async def review(self, interaction: discord.Interaction) -> None:
        """Review the open disputes of this server, one at a time: Accept or Reject."""
        guild_id = require_manage_messages(interaction)
        page = await self.service.page(guild_id, viewer=interaction.user.id)
        if page is None:
            await reply(interaction, "No open disputes. 🎉", ephemeral=True)
            return
        await reply(interaction, embed=page_embed(page), view=page_view(page), ephemeral=True)

    @group.command(name="undo")
    @app_commands.describe(accepted="an accepted dispute of this server (the latest first)")
    @app_commands.rename(accepted="dispute")
    @guarded
    async def undo(self, interaction: discord.Interaction, accepted: str) -> None:
        """Take back an accepted dispute: its answer is no longer accepted and the points it gave are taken back."""
        guild_id = require_manage_messages(interaction)
        picked = re.fullmatch(r"#?([0-9]{1,18})", accepted.strip())
        dispute_id = int(picked.group(1)) if picked is not None else None
        if dispute_id is None:
            raise UserError(
                "dispute.pick_accepted", "Pick an accepted dispute from the list: {typed} is not one.",
                typed=Quote(clip(accepted, 100)),
            )  # fmt: skip
        # What it would change is worked out as taking it back does (then rolled back), in a transaction that may
        # wait for the write lock: acknowledged first, privately. The moderator confirms with **Take back**.
        await defer(interaction, ephemeral=True, thinking=True)
        owner = interaction.guild is not None and interaction.user.id == interaction.guild.owner_id
        preview = await self.service.take_back(
            dispute_id, guild_id=guild_id, moderator_id=interaction.user.id, owner=owner, dry_run=True
        )
        await reply(interaction, clip(take_back_preview(preview), 2000), view=take_back_view(dispute_id), ephemeral=True)

    @undo.autocomplete("accepted")
    async def accepted_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The server's accepted disputes, the latest first, whose answer or card holds what was typed."""
        guild_id = interaction.guild_id
        if guild_id is None or not (interaction.permissions.manage_messages or interaction.permissions.administrator):
            return []
        q = current.strip().lower()
        found = await self.service.accepted(guild_id, viewer=interaction.user.id, limit=200)
        choices = []
        for d, label in found:
            typed = one_line(d.response, 60)
            if q and q not in typed.lower() and q not in label.lower() and q.lstrip("#") != str(d.id):
                continue
            name = f"#{d.id} “{typed}” · {label or d.card_key}"
            choices.append(app_commands.Choice(name=clip(name, 100), value=str(d.id)))
            if len(choices) == 25:
                break
        return choices

    @group.command(name="stats")
    @app_commands.describe(
        deck="a deck of this server (every deck when empty)", csv="also attach the whole table as a CSV file"
    )
    @guarded
    async def stats(
        self, interaction: discord.Interaction, deck: str | None = None, csv: bool = False
    ) -> None:
        """Most-missed cards, common wrong answers, disputes and cards nobody gets right (CSV too)."""
        guild_id = require_manage_messages(interaction)
        name = deck.strip().lower() if deck and deck.strip() else None
        deck_id: str | None = None
        if name is not None:
            # Any deck the server knows, turned off or not (as /deck info finds it): its answers stay stored.
            found = self.service.catalog.named(guild_id, name)
            if found is None:
                raise UserError("dispute.no_deck", "There is no deck {deck}.", deck=Quote(name))
            deck_id = found.id
        # The insight reads every answer of the server on the deck: acknowledged first, privately.
        await defer(interaction, ephemeral=True, thinking=True)
        insight = await self.service.insight(guild_id, deck_id, viewer=interaction.user.id)
        # (setting up /daily is suggested only where no daily question is on yet)
        hint = {"quiz": quiz_offered(self.bot), "daily": daily_offered(self.bot) and not await daily_on(self.bot, guild_id)}
        kwargs: dict[str, Any] = {"embed": insight_embed(insight, name, **hint)}
        if csv and insight.cards:  # (with no answer yet, the embed says so: no file of a header alone)
            data = insight_csv(insight).encode("utf-8-sig")  # (a BOM: spreadsheets read it as UTF-8)
            if (refused := upload_refused(interaction, data)) is not None:
                kwargs["content"] = refused
            else:
                kwargs["file"] = discord.File(io.BytesIO(data), filename=f"answers-{name or 'all'}.csv")
        await reply(interaction, ephemeral=True, **kwargs)

    @stats.autocomplete("deck")
    async def deck_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The names of the decks this server knows, turned off too (answered from memory)."""
        q = current.strip().lower()
        catalog = self.service.catalog
        guild_id = interaction.guild_id
        if guild_id is None:
            return []
        decks = [*(d for d in catalog.all_decks().values() if catalog.owner(d.id) is None), *catalog.owned(guild_id)]
        # (each by the name the server knows it by: a shared deck beside one of the server's own of its name is
        # "biology (shared)", as /deck stats offers it)
        found = sorted({n for n in (catalog.name_in(guild_id, d.id) for d in decks) if q in n})
        return [app_commands.Choice(name=clip(n, 100), value=n[:100]) for n in found[:25]]

    async def on_button(self, interaction: discord.Interaction, button: DisputeButton) -> None:
        """Accept / Reject the dispute, or show the previous / next one; the page is edited in place."""
        guild_id = require_manage_messages(interaction)
        note: str | None = None
        if button.action in ("accept", "reject"):
            # A decision re-grades the server's answers on the card, in a transaction that may wait for the
            # write lock: acknowledged first, so Discord's three seconds never run out on it.
            await defer(interaction)
            decide = self.service.accept if button.action == "accept" else self.service.reject
            owner = interaction.guild is not None and interaction.user.id == interaction.guild.owner_id
            try:
                decision = await decide(
                    button.dispute_id, guild_id=guild_id, moderator_id=interaction.user.id, owner=owner
                )
            except UserError as exc:
                if exc.code in _GONE:
                    # decided by another moderator (or settled by an accept) meanwhile: the page moves on to the
                    # next open dispute (if it can), and the moderator is told why (``handle_error``)
                    try:
                        await self._show(interaction, await self.service.page(guild_id, after=button.dispute_id, viewer=interaction.user.id), None)
                    except Exception:
                        log.warning("could not move the disputes page past a decided dispute", exc_info=True)
                raise
            note = decision_text(decision)
            try:
                await self._show(interaction, await self.service.page(guild_id, after=button.dispute_id, viewer=interaction.user.id), note)
            except Exception as exc:
                # The decision is saved: a page Discord fails to edit (or a next page that cannot be read) must
                # not make it look refused, since pressing again would only say it was decided already.
                log.warning("dispute %s decided, but its page could not show it: %s", button.dispute_id, exc)
                await _tell_saved(interaction, note)
            return
        elif button.action == "keep":
            await _edit_page(interaction, content="Nothing was taken back.", view=None)
            return
        elif button.action == "undo":
            await defer(interaction)
            owner = interaction.guild is not None and interaction.user.id == interaction.guild.owner_id
            done = await self.service.take_back(
                button.dispute_id, guild_id=guild_id, moderator_id=interaction.user.id, owner=owner
            )
            await _edit_page(interaction, content=clip(taken_back_text(done), 2000), view=None)
            return
        elif button.action == "next":
            page = await self.service.page(guild_id, after=button.dispute_id, viewer=interaction.user.id)
        else:
            page = await self.service.page(guild_id, before=button.dispute_id, viewer=interaction.user.id)
        await self._show(interaction, page, note)

    @staticmethod
    async def _show(interaction: discord.Interaction, page: QueuePage | None, note: str | None) -> None:
        """``page`` on the message the button is on, below ``note``; "No open disputes" when there is none."""
        if page is None:
            done = embed("No open disputes", note, colour=COLOUR_OK if note else COLOUR_BAD)
            await _edit_page(interaction, embed=done, view=None)
            return
        await _edit_page(interaction, embed=page_embed(page, note), view=page_view(page))


#: The refusals of a decision on a dispute that is no longer open: the page is out of date.
_GONE: Final = frozenset({"dispute.already_decided", "dispute.none"})


async def _tell_saved(interaction: discord.Interaction, note: str) -> None:
    """Tell the moderator privately that their decision was saved, when the page could not show it."""
    text = f"{note}\nThe decision is saved, but I couldn't update the page: use `/disputes review` to go on."
    try:
        await interaction.followup.send(clip(text, 2000), ephemeral=True, allowed_mentions=NO_MENTIONS)
    except DISCORD_ERRORS:
        log.warning("could not tell the moderator their decision was saved", exc_info=True)


async def _edit_page(
    interaction: discord.Interaction, *, view: discord.ui.View | None, embed: discord.Embed | None = None,
    content: str | None = None,
) -> None:
    """Show ``embed`` (or ``content``) and ``view`` on the message the button is on (acknowledged already or not)."""
    shown: dict[str, Any] = {"embed": embed} if embed is not None else {"content": content}
    if interaction.response.is_done():
        await interaction.edit_original_response(**shown, view=view, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.edit_message(**shown, view=view, allowed_mentions=NO_MENTIONS)


async def setup(bot: commands.Bot) -> None:
    """Add the disputes cog (building the services from the environment if the bot has none)."""
    services = await acquire_services(bot, __name__)
    await add_cog(bot, Disputes(bot, services.disputes), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)
