"""How ``/deck`` looks on Discord: the import preview, the list, a deck's details and the short replies.

The deck service (``bot.core.deckadmin``) returns data; everything a moderator reads is made here. Names,
titles, card ids and reasons come from an uploaded file, so they are escaped (``escape``); sample prompts
are deck text and keep their markdown (``card_text``), as they will when asked.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import discord

from bot.core.deckadmin import DeckDetails, DeckInfo, ImportDone, ImportPreview
from bot.core.text import one_line
from cogs._format import (
    COLOUR_BAD,
    COLOUR_OK,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_VALUE_MAX,
    add_field,
    card_text,
    clip,
    code,
    embed,
    escape,
    plural,
    set_footer,
    whole_lines,
)

#: The characters of the preview's fields given to flagged cards (the rest of the 6,000 is the summary,
#: the samples and the footer); past it the list goes to an attached text file.
FLAGGED_BUDGET = 3000
#: Characters of one flagged card's line, and of one sample prompt.
FLAG_LINE_CHARS = 200
SAMPLE_CHARS = 300
#: Room kept at the end of each flagged field for the "… and N more" line.
MORE_ROOM = 100
#: Lines of file warnings shown in the preview (all of them are in the attached report).
WARNINGS_SHOWN = 3
#: The server's accepted answers /deck info lists, and the characters of each (fewer when they would not fit).
OVERLAYS_SHOWN = 15
ANSWER_CHARS = 200
#: Characters of the deck list's description before "… and N more".
LIST_CHARS = DESCRIPTION_MAX - 200
FORMAT_NAMES = {"yaml": "YAML", "csv": "CSV", "anki": "an Anki package"}
#: How each direction the bot asks in reads in the preview.
DIRECTION_TEXT = {
    "question": "by their question (a term card: by its definition)",
    "term": "also as “which term is hidden in the explanation?”",
}


def name_of(name: str) -> str:
    """A deck's name as a moderator types it, in code style (never mistaken for markdown)."""
    return f"`{clip(name, 60).replace('`', 'ˋ')}`"


def directions_text(directions: dict[str, int]) -> str:
    """``90 by their question …; 27 also as …`` (directions with no card left out)."""
    parts = [f"{n:,} {DIRECTION_TEXT.get(direction, escape(direction))}" for direction, n in directions.items() if n]
    return "; ".join(parts)


# -- the import preview -----------------------------------------------------------------------------------
def flag_line(card_id: str, reason: str) -> str:
    """A flagged card: its id in code, as written (an escape in code shows its backslash: "my\\_card"), and why, on
    one line (a note's own lines would read as more cards), clipped before it is escaped (never in the code)."""
    head = code(clip(card_id, 60))
    return f"{head} {escape(one_line(reason, FLAG_LINE_CHARS - len(head) - 1))}"


def _flag_fields(preview: ImportPreview) -> tuple[list[str], int]:
    """The flagged cards' lines grouped into field values within the budget, and how many were left out."""
    values: list[str] = []
    current: list[str] = []
    used = 0
    shown = 0
    for flag in preview.flagged:
        line = flag_line(flag.card_id, flag.reason)
        if used + len(line) + 1 > FLAGGED_BUDGET:
            break
        if sum(len(x) + 1 for x in current) + len(line) > FIELD_VALUE_MAX - MORE_ROOM:
            values.append("\n".join(current))
            current = []
        current.append(line)
        used += len(line) + 1
        shown += 1
    if current:
        values.append("\n".join(current))
    return values, len(preview.flagged) - shown


#: What a reverse card is, said after its count.
REVERSE_TEXT = "“What is X?”, asked from the term where its definition is short enough to grade"


def cards_text(cards: int, reverse: int) -> str:
    """``7 cards (5 from the file, and 2 reverse cards: …)``: how many cards the file's own rows or notes became,
    and how many reverse cards the import adds to them."""
    if not reverse:
        return plural(cards, "card")
    return (
        f"{plural(cards, 'card')} ({cards - reverse:,} from the file, and {plural(reverse, 'reverse card')}: "
        f"{REVERSE_TEXT})"
    )


def preview_embed(preview: ImportPreview) -> discord.Embed:
    """The preview of an import: name, cards, askable (per direction), flagged cards, samples, warnings."""
    lines = [f"**{escape(preview.title)}**" if preview.title else "", f"{cards_text(preview.cards, preview.reverse)}, "
             f"**{preview.askable:,} askable**" + (f": {directions_text(preview.directions)}" if preview.askable else "")]
    not_askable = preview.cards - preview.askable
    if not_askable and preview.askable:
        lines.append(
            f"{plural(not_askable, 'card')} cannot be asked yet (see why below); the others are usable as they are."
        )
    elif not_askable:
        lines.append("No card can be asked yet (see why below).")
    if preview.replaces:
        lines.append(
            "This server already has a deck with this name: importing **updates** it (changed cards updated, "
            "removed cards retired, members' history kept)."
            + (" It is **disabled** in this server and stays so until `/deck enable`." if preview.disabled else "")
        )
    e = embed(f"Import preview: {escape(clip(preview.name, 80))}", "\n".join(x for x in lines if x))
    samples = "\n".join(f"• {card_text(one_line(s, SAMPLE_CHARS))}" for s in preview.samples[:3])
    add_field(e, "Sample prompts", samples or "(no card can be asked)")
    values, more = _flag_fields(preview)
    count = preview.flagged_count
    more += count - len(preview.flagged)
    for i, value in enumerate(values):
        title = f"Flagged cards ({count:,})" if i == 0 else "Flagged cards (continued)"
        if i == len(values) - 1 and more:
            value += f"\n… and {plural(more, 'more flagged card')} ({_in_report(len(preview.flagged), count)})"
        add_field(e, title, value)
    if preview.warnings:
        shown = [clip(escape(w), FLAG_LINE_CHARS) for w in preview.warnings[:WARNINGS_SHOWN]]
        left = preview.warnings_count - len(shown)
        if left:
            where = _in_report(len(preview.warnings), preview.warnings_count).replace("every one ", "")
            shown.append(f"… and {plural(left, 'more line')} ({where})")
        add_field(e, f"Lines not read ({preview.warnings_count:,})", "\n".join(shown))
    set_footer(e, "Import adds every card at once, or none · Cancel imports nothing")
    return e


def _in_report(listed: int, total: int) -> str:
    """Where the lines the preview leaves out are: all in the attached report, or the first ``listed`` of them."""
    return "every one in the attached report" if listed >= total else f"the first {listed:,} in the attached report"


def needs_report(preview: ImportPreview) -> bool:
    """Whether the preview leaves out flagged cards or warnings (then the report is attached)."""
    return (
        _flag_fields(preview)[1] > 0
        or preview.flagged_count > len(preview.flagged)
        or preview.warnings_count > WARNINGS_SHOWN
    )


def report_file(preview: ImportPreview) -> discord.File:
    """Every flagged card and every line not read, as a plain text file."""
    made = f" ({preview.cards - preview.reverse} from the file, {preview.reverse} reverse)" if preview.reverse else ""
    lines = [f"Import of {preview.name}: {preview.cards} cards{made}, {preview.askable} askable", ""]
    if preview.flagged:
        lines.append(f"Flagged cards ({_listed(len(preview.flagged), preview.flagged_count)}):")
        lines += [f"  {f.card_id}: {f.reason}" for f in preview.flagged]
        lines.append("")
    if preview.warnings:
        lines.append(f"Lines not read ({_listed(len(preview.warnings), preview.warnings_count)}):")
        lines += [f"  {w}" for w in preview.warnings]
    data = "\n".join(lines).encode("utf-8")
    return discord.File(io.BytesIO(data), filename=f"{preview.name}-import-report.txt")


def _listed(listed: int, total: int) -> str:
    """``40``, or ``3,000; the first 200 are listed`` (the report lists the first of them)."""
    return f"{total}" if listed >= total else f"{total:,}; the first {listed:,} are listed"


def imported_embed(done: ImportDone) -> discord.Embed:
    """What replaces the preview once the deck is imported."""
    changes = [plural(done.added, "card") + " added"]
    if done.reverse_new:
        of_them = "1 of them a reverse card" if done.reverse_new == 1 else f"{done.reverse_new:,} of them reverse cards"
        changes[0] += f" ({of_them}: {REVERSE_TEXT})"
    if done.updated:
        changes.append(f"{done.updated:,} updated")
    if done.retired:
        changes.append(f"{done.retired:,} retired")
    if done.unchanged:
        changes.append(f"{done.unchanged:,} unchanged")
    summary = ", ".join(changes)
    if done.reverse_added:
        summary += (
            f"; {plural(done.reverse_added, 'reverse card')} added: "
            f"{_these(done.reverse_added, 'definition is', 'definitions are')} now short enough to be asked from the "
            "term too"
        )
    if done.reverse_retired:
        summary += (
            f"; {plural(done.reverse_retired, 'reverse card')} retired: "
            f"{_these(done.reverse_retired, 'definition is', 'definitions are')} now too long to be asked from the term"
        )
    if done.enabled:
        text = (
            f"Imported {name_of(done.name)}: {summary}. Usable now: "
            f"`/quiz topic:{clip(done.name, 60)}`, `/define`, `/search` and practice see it in this server."
        )
    else:  # (a deck the server turned off stays off when a new version is imported)
        text = (
            f"Imported {name_of(done.name)}: {summary}. It is still disabled in this server: its cards "
            "are not asked, defined, searched or posted daily until `/deck enable` turns it on."
        )
    return embed("✅ Deck imported", text, colour=COLOUR_OK)


def _these(count: int, one: str, many: str) -> str:
    """"its edited definition is" or "their edited definitions are"."""
    return f"its edited {one}" if count == 1 else f"their edited {many}"


def cancelled_embed() -> discord.Embed:
    return embed("Import cancelled", "Nothing was imported.", colour=COLOUR_BAD)


def preview_gone_embed() -> discord.Embed:
    """Cancel on a preview the bot no longer knows (expired, or forgotten by a restart): its Import may have been
    pressed before the bot stopped, so it is not said that nothing was imported."""
    return embed(
        "Preview closed",
        "This preview has expired or was forgotten by a restart, so nothing more can be imported from it. If its "
        "Import was pressed before, the deck may be in already: `/deck list` shows this server's decks.",
        colour=COLOUR_BAD,
    )


# -- list, info and the short replies -------------------------------------------------------------------
def deck_line(info: DeckInfo) -> str:
    state = "" if info.enabled else " · **disabled**"
    title = f" — {escape(clip(info.title, 60))}" if info.title and info.title != info.name else ""
    return f"{name_of(info.name)}{title} · {info.askable:,}/{plural(info.cards, 'card')} askable{state}"


def list_embed(decks: Sequence[DeckInfo]) -> discord.Embed:
    """Every deck the server sees or has disabled: its own first, then the bot's."""
    if not decks:
        return embed("Decks", "No deck here yet: `/deck import` adds one from a file.")
    own = [d for d in decks if d.owner is not None]
    shared = [d for d in decks if d.owner is None]
    lines: list[str] = []
    for heading, group in (("This server's decks", own), ("The bot's decks (every server)", shared)):
        if group:
            lines.append(f"**{heading}**")
            lines += [deck_line(d) for d in group]
            lines.append("")
    text, shown = "", 0
    total = len(own) + len(shared)
    for line in lines:
        if len(text) + len(line) + 1 > LIST_CHARS:
            break
        text += line + "\n"
        if line.startswith("`"):
            shown += 1
    if shown < total:
        text += f"… and {plural(total - shown, 'more deck')}: `/deck info` names one."
    e = embed(f"Decks ({total})", text.strip())
    set_footer(e, f"{len(own)} imported here · {sum(1 for d in decks if not d.enabled)} disabled")
    return e


def info_embed(details: DeckDetails) -> discord.Embed:
    """One deck: title, owner, state, cards, tags, source and this server's accepted answers."""
    info = details.info
    e = embed(f"Deck {escape(clip(info.name, 80))}")
    if info.title:
        add_field(e, "Title", escape(info.title), inline=True)
    add_field(e, "Owner", "this server (imported)" if info.owner is not None else "the bot (every server)", inline=True)
    add_field(e, "State", "enabled" if info.enabled else "**disabled** in this server", inline=True)
    add_field(e, "Cards", f"{info.askable:,} askable of {info.cards:,}", inline=True)
    if details.source:
        add_field(e, "Source", escape(clip(details.source, 100)), inline=True)
    if details.tags:
        tags = ", ".join(f"`{escape(t)}` ({n})" for t, n in details.tags[:30])
        add_field(e, "Tags", tags)
    if details.overlays or details.overlays_held:
        # (each answer on a line of its own, as many whole as the field holds with how many more, and the note of
        # those kept back always said)
        held = ""
        if details.overlays_held:
            more = "more " if details.overlays else ""
            held = f"{details.overlays_held:,} {more}kept back while their card's question is open: shown once it closes."
        listed = details.overlays[:OVERLAYS_SHOWN]
        lines = [f"{code(card)}: {escape(one_line(answer, ANSWER_CHARS))}" for card, answer in listed]
        room = FIELD_VALUE_MAX - (len(held) + 1 if held else 0)
        shown = whole_lines(lines, room, more=len(details.overlays) - len(listed))
        add_field(e, "Answers accepted in this server (disputes)", "\n".join(x for x in (shown, held) if x))
    # (no id: a server's deck is stored under its name and a suffix, which nobody types)
    set_footer(e, f"/quiz topic:{clip(info.name, 100)}" if info.enabled else "/deck enable turns it on here")
    if info.description:
        # (last, in what the fields leave of the embed's 6,000 characters: a long description set first left no room
        # for the answers the server accepted, and that field was dropped)
        e.description = clip(escape(info.description), min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - len(e)))
    return e


def enabled_text(info: DeckInfo) -> str:
    if info.enabled:
        return f"✅ {name_of(info.name)} is enabled: its cards are asked, defined and searched in this server."
    return (
        f"⏸️ {name_of(info.name)} is disabled in this server: its cards are no longer asked, defined, searched, "
        "posted daily or offered as topics. Members' history is kept; `/deck enable` brings it back."
    )


def removed_text(info: DeckInfo) -> str:
    return (
        f"🗑️ Removed {name_of(info.name)}: its {plural(info.cards, 'card')} are no longer asked. Members' history "
        "and points are kept; importing the file again brings the deck back."
    )


def export_text(name: str, fmt: str, columns: tuple[str, ...] = (), *, held: int = 0) -> str:
    """The reply to /deck export; ``columns`` (a CSV's header) says whether the CSV holds a glossary's terms;
    ``held``: for how many cards asked now the answers this server accepted were left out."""
    text = f"{name_of(name)} as {FORMAT_NAMES.get(fmt, fmt)}."
    if fmt == "yaml":
        text += " `/deck import` takes this file back unchanged."
    elif fmt == "csv" and columns[:2] == ("term", "definition"):
        example = " and example" if "example" in columns else ""
        text += (
            f" A CSV file holds each term with its other names, its definition{example} and tags only: the answers"
            " this server accepted are in the YAML and Anki exports."
        )
    elif fmt == "csv":
        kept = "question (or term), answer (or definition)" if columns[:2] == ("front", "back") else "question, answer"
        text += (
            f" A CSV file holds each card's {kept} and tags only: the accepted answers (this server's"
            " too), reject lists and key points are in the YAML and Anki exports."
        )
    if held:
        cards = "a card" if held == 1 else f"{held} cards"
        text += (
            f" The answers this server accepted for {cards} being asked now (here, or in a server you play in)"
            " are left out until the question is revealed: export again then for all of them."
        )
    return text
