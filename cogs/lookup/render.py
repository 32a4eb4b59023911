"""How /define and /search look on Discord: embeds, labels, the typo notice, the did-you-mean text.

The core returns data (``DefineResult``, ``SearchHit``, cards); everything a member reads is made here.
Deck text keeps its markdown (``card_text``); text a member typed is escaped (``escape``), so control
and bidi-override characters, markdown and mentions never come back out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import discord

from bot.core.lookup import DefineResult, Match, SearchHit, card_title, explanation_segments
from bot.core.models import Card
from bot.core.service import Services
from bot.core.text import fold, one_line, strip_unsafe
from cogs._format import add_field, card_text, clip, embed, escape, open_markdown, paginate
from cogs._ids import CARD_KEY, SNOWFLAKE, CustomId
from cogs._shared import DEFINE, PRACTICE, practice_button
from cogs._shared import define_button as _define_button

#: Characters of explanation per page: with the title, four clipped fields and the footer an embed stays
#: well under Discord's 6,000-character total.
PAGE_CHARS = 3500
FIELD_CHARS = 400
SEE_ALSO_BUTTONS = 4
SEARCH_RESULTS = 8
SNIPPET_CHARS = 300
#: Characters of a card's title in a search result's heading and in a select option.
HEADING_CHARS = 100
#: Characters of what a member typed, echoed back.
ECHO_CHARS = 100

#: Previous/Next through a long explanation: the page to show, who may page the message itself (0: the
#: member the message answered, as Discord records it).
PAGE = CustomId("defpage", dir=r"[pn]", page=r"\d{1,3}", owner=SNOWFLAKE, key=CARD_KEY)
#: The menu of other close matches: who may switch the message itself.
PICK = CustomId("defpick", owner=SNOWFLAKE)


def card_name(card: Card) -> str:
    """How a card is named in full: its term, or its question when it has none."""
    return card.term or card.question


def label(card: Card, limit: int = 40) -> str:
    """A card's short title for a button, a list or a menu: plain, safe text."""
    return one_line(card_title(card, limit), limit) or card.key[:limit]


def told_apart(named: Sequence[tuple[str, str]], deck_name: Callable[[str], str], limit: int) -> list[str]:
    """The names of ``named`` ((name, deck id) pairs), each clipped to ``limit`` characters; a name that cards
    of two decks or more share (a server's own deck defines a term a shipped deck defines too) is followed by
    the deck's name as the server knows it ("temperature · biology-101"), so the two can be told apart."""
    decks: dict[str, set[str]] = {}
    for name, deck in named:
        decks.setdefault(fold(name), set()).add(deck)
    out = []
    for name, deck in named:
        if len(decks[fold(name)]) > 1:
            suffix = " · " + one_line(deck_name(deck), 40)
            out.append(clip(name, limit - len(suffix)) + suffix)
        else:
            out.append(clip(name, limit))
    return out


def define_button(card_key: str, text: str, *, row: int | None = None) -> discord.ui.Button[Any] | None:
    """A button that shows the card's definition privately to whoever clicks (None if its id cannot fit)."""
    return _define_button(card_key, one_line(text, 80), row=row) if DEFINE.fits(key=card_key) else None


def explanation_markdown(card: Card) -> str:
    """The card's explanation as deck markdown, the term written in bold into any ``___`` blank."""
    return "".join(f"**{text}**" if is_term else text for text, is_term in explanation_segments(card))


def explanation_pages(card: Card) -> list[str]:
    """The explanation split at paragraph/sentence boundaries, each page closing what it leaves open (a code
    block, **bold**, inline code) and the next opening it again."""
    pages = paginate(card_text(explanation_markdown(card)), PAGE_CHARS) or [""]
    out: list[str] = []
    fence: str | None = None
    bold = inline = False
    for page in pages:
        head = ("```" + fence + "\n" if fence is not None else "") + ("**" if bold else "") + ("`" if inline else "")
        page = head + page
        fence, bold, inline = open_markdown(page)
        tail = ("`" if inline else "") + ("**" if bold else "") + ("\n```" if fence is not None else "")
        out.append(page + tail)
    return [p if p.strip("*` \n") else "\u200b" for p in out]


def frozen_view(items: Sequence[discord.ui.Item[Any]]) -> discord.ui.View | None:
    """A view for sending only: its clicks are dispatched to the DynamicItems, so it is never stored."""
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def with_view(view: discord.ui.View | None) -> dict[str, Any]:
    """Keyword arguments for a send: the view when there is one."""
    return {"view": view} if view is not None else {}


def page_id(direction: str, page: int, owner: int, key: str) -> str | None:
    """The id of a page button; owner 0 (the member Discord says the message answered) when the owner's
    id makes it too long."""
    for who in (owner, 0):
        if PAGE.fits(dir=direction, page=page, owner=who, key=key):
            return PAGE.build(dir=direction, page=page, owner=who, key=key)
    return None


def definition_message(
    services: Services,
    card: Card,
    *,
    page: int = 0,
    owner: int = 0,
    choices: Sequence[discord.SelectOption] = (),
    guild_id: int | None = None,
    viewer: int | None = None,
    practice: bool = True,
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The embed (one page of the explanation) and the components for a card's definition.

    ``choices`` is the menu of close matches (the card shown among them); none of them is repeated
    under "See also", which lists only cards of the decks the server ``guild_id`` sees, and none hidden from the
    member ``viewer`` (asked in a server they play in). ``practice``: offer
    "Quiz me" (the bot has the quiz cog to answer it).
    """
    pages = explanation_pages(card)
    page = max(0, min(page, len(pages) - 1))
    see_also = services.lookup.see_also(
        card, exclude=[o.value for o in choices], guild_id=guild_id, user_id=viewer
    )

    e = embed(title=card_text(card_name(card)), description=pages[page])
    if card.term and card.aliases:
        add_field(e, "Also called", clip(", ".join(escape(a) for a in card.aliases), FIELD_CHARS), inline=False)
    if card.tags:
        add_field(e, "Tags", clip(" ".join(f"`{t}`" for t in card.tags), FIELD_CHARS), inline=True)
    add_field(e, "Deck", clip(escape(services.lookup.deck_title(card)), FIELD_CHARS), inline=True)
    if see_also:
        add_field(e, "See also", clip(", ".join(escape(label(c)) for c in see_also), FIELD_CHARS), inline=False)
    footer = services.catalog.label(card, guild_id)  # (a server deck's stored id is never shown)
    if len(pages) > 1:
        footer += f" · page {page + 1}/{len(pages)}"
    if not card.askable:
        footer += f" · incomplete card: {one_line(card.note or 'not asked in quizzes', 200)}"
    e.set_footer(text=clip(footer, 300))

    items: list[discord.ui.Item[Any]] = []
    if len(pages) > 1:
        prev_id = page_id("p", max(0, page - 1), owner, card.key)
        next_id = page_id("n", min(len(pages) - 1, page + 1), owner, card.key)
        if prev_id and next_id:
            items.append(
                discord.ui.Button(label="Previous", emoji="◀️", custom_id=prev_id, disabled=page == 0, row=0)
            )
            items.append(
                discord.ui.Button(label="Next", emoji="▶️", custom_id=next_id, disabled=page >= len(pages) - 1, row=0)
            )
    if practice and card.askable and PRACTICE.fits(key=card.key):
        items.append(practice_button(card.key, row=0))
    if len(choices) >= 2:
        options = [
            discord.SelectOption(label=o.label, value=o.value, description=o.description, default=o.value == card.key)
            for o in choices
        ]
        items.append(
            discord.ui.Select(
                custom_id=PICK.build(owner=owner),
                placeholder=f"{len(options) - 1} other close match{'es' if len(options) > 2 else ''}…",
                options=options[:25],
                row=1,
            )
        )
    for other in see_also[:SEE_ALSO_BUTTONS]:
        button = define_button(other.key, f"See: {label(other)}", row=2)
        if button is not None:
            items.append(button)
    return e, frozen_view(items)


def match_options(result: DefineResult, deck_name: Callable[[str], str]) -> list[discord.SelectOption]:
    """Select options for a definition with close rivals: the card shown first, then the others (cards of
    one name in two decks told apart by ``deck_name``, the name of a deck id as the server knows it)."""
    if result.card is None or not result.others:
        return []
    first = Match(card=result.card, score=result.score, matched=result.matched or "", kind="term")
    matches = [m for m in (first, *result.others[:24]) if len(m.card.key) <= 100]
    labels = told_apart([(label(m.card, HEADING_CHARS), m.card.deck) for m in matches], deck_name, HEADING_CHARS)
    options = []
    for m, text in zip(matches, labels, strict=True):
        description = one_line(m.card.question, 100) if m.card.term else None
        options.append(discord.SelectOption(label=text, value=m.card.key, description=description))
    return options


def options_from_message(message: discord.Message | None) -> list[discord.SelectOption]:
    """The close-match menu of a definition message, so paging keeps it (it lives only in the message)."""
    if message is None:
        return []
    for row in message.components:
        for child in getattr(row, "children", ()):
            if isinstance(child, discord.SelectMenu) and PICK.matches(child.custom_id or ""):
                return list(child.options)
    return []


def define_buttons(
    cards: Sequence[Card],
    *,
    row: int | None = None,
    numbered: bool = False,
    deck_name: Callable[[str], str] | None = None,
) -> list[discord.ui.Item[Any]]:
    """Define buttons for ``cards`` (those whose id fits), labelled with their short titles (with ``deck_name``,
    cards of one name in two decks told apart by their decks)."""
    titles = [label(card) for card in cards]
    if deck_name is not None:
        titles = told_apart([(title, card.deck) for title, card in zip(titles, cards, strict=True)], deck_name, 80)
    out: list[discord.ui.Item[Any]] = []
    for i, (card, title) in enumerate(zip(cards, titles, strict=True), start=1):
        text = f"{i}. {title}" if numbered else title
        button = define_button(card.key, text, row=(i - 1) // 5 if numbered else row)
        if button is not None:
            out.append(button)
    return out


def typed(text: str) -> str:
    """What a member typed, echoed safely (escaped, on one line, clipped)."""
    return escape(one_line(text, ECHO_CHARS))


def correction_notice(result: DefineResult) -> str | None:
    """"Showing **attention mechanism** (for *atention*)" when the card was found despite a typo."""
    if result.card is None or not result.corrected:
        return None
    return f"Showing **{escape(label(result.card, HEADING_CHARS))}** (for *{typed(result.query)}*)"


def suggestion_names(matches: Sequence[Match], deck_name: Callable[[str], str]) -> str:
    """Did-you-mean names: each card's title in bold, with the name that matched when it differs
    ("**temperature** (LLM temperature)"); cards of one name in two decks told apart by ``deck_name``."""
    titles = told_apart([(label(m.card, 60), m.card.deck) for m in matches], deck_name, 100)
    names = []
    for m, title in zip(matches, titles, strict=True):
        name = f"**{escape(title)}**"
        if m.kind in ("alias", "acronym") and m.matched and m.matched.lower() != (m.card.term or "").lower():
            name += f" ({escape(one_line(m.matched, 60))})"
        names.append(name)
    return ", ".join(names)


#: Cards that mention a term no card is named, listed (with a button each) in the reply to its /define.
MENTIONS_SHOWN = 5


def not_found_message(
    result: DefineResult,
    deck_name: Callable[[str], str],
    mentions: Sequence[Card] = (),
) -> tuple[str, discord.ui.View | None]:
    """The private reply to a /define that found nothing: the did-you-mean list, and the cards whose text
    mentions the term as `/search` finds them (``mentions``, best first: the first ``MENTIONS_SHOWN`` listed,
    a word that more do), as text and buttons (cards of one name in two decks told apart by ``deck_name``)."""
    text = f"No card for *{typed(result.query)}*."
    if result.suggestions:
        text += f" Did you mean: {suggestion_names(result.suggestions, deck_name)}?"
    suggested = {m.card.key for m in result.suggestions}
    mentioning = [card for card in mentions if card.key not in suggested]
    shown = mentioning[:MENTIONS_SHOWN]
    if shown:
        names = told_apart([(label(card, 60), card.deck) for card in shown], deck_name, 100)
        listed = ", ".join(f"**{escape(name)}**" for name in names)
        if len(mentioning) > len(shown):
            text += f" Cards that mention it: {listed} and more (`/search` *{typed(result.query)}* lists them all)."
        else:
            text += f" {'Cards that mention' if len(shown) > 1 else 'A card that mentions'} it: {listed}."
    elif not result.suggestions:
        text += " Try `/search` to look inside the explanations."
    buttons = define_buttons([m.card for m in result.suggestions[:5]], row=0, deck_name=deck_name)
    buttons += define_buttons(shown, row=1 if buttons else 0, deck_name=deck_name)
    return text, frozen_view(buttons)


def snippet_markdown(hit: SearchHit) -> str:
    """A search snippet escaped for Discord, matched words in bold, in at most ``SNIPPET_CHARS`` characters.

    A long snippet (long words: a link, a chemical name, text with no spaces) is cut in its plain text, before the
    bold marks and escapes go in: cut after them, a matched word could lose its closing ``**``, and the open bold
    would pair with the next result's heading and turn the rest of the list inside out."""
    segments = [(strip_unsafe(re.sub(r"\s+", " ", text)), highlighted) for text, highlighted in hit.segments()]
    keep = sum(len(text) for text, _ in segments)
    while True:
        shown = _snippet_part(segments, keep)
        over = len(shown) - SNIPPET_CHARS
        if over <= 0 or keep <= 0:
            return shown
        # (the ellipsis takes one; then each character escaped or put in bold past the limit costs one kept)
        keep = SNIPPET_CHARS - 1 if keep >= SNIPPET_CHARS else keep - over


def _snippet_part(segments: Sequence[tuple[str, bool]], keep: int) -> str:
    """The first ``keep`` characters of the snippet (cut at a word when one ends near), escaped, its matched words
    in bold, and an ellipsis when something is cut."""
    plain = "".join(text for text, _ in segments)
    cut = keep < len(plain)
    if cut:
        space = plain.rfind(" ", 0, keep)
        if space > keep * 0.6:
            keep = space
    parts = []
    for text, highlighted in segments:
        text, keep = text[:keep], keep - min(keep, len(text))
        shown = escape(text)
        parts.append(f"**{shown}**" if highlighted and shown.strip() else shown)
    out = "".join(parts).strip()
    return out.rstrip(" ,;:") + "…" if cut else out


def search_results(
    text: str, hits: Sequence[SearchHit], deck_name: Callable[[str], str]
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The /search results: a heading and snippet per card (cards of one name in two decks told apart by
    ``deck_name``), and a numbered button for each (the best ``SEARCH_RESULTS``; when ``hits`` holds more,
    the footer says more cards match)."""
    more = len(hits) > SEARCH_RESULTS
    hits = hits[:SEARCH_RESULTS]
    e = embed(title=f"Search: {escape(one_line(text, 200))}")
    headings = told_apart([(label(hit.card, HEADING_CHARS), hit.card.deck) for hit in hits], deck_name, HEADING_CHARS)
    lines = [
        f"**{i}. {escape(heading)}**\n{snippet_markdown(hit)}"
        for i, (hit, heading) in enumerate(zip(hits, headings, strict=True), 1)
    ]
    e.description = clip("\n\n".join(lines), 4000)
    count = f"{len(hits)} card{'s' if len(hits) != 1 else ''}"
    if more:
        count = f"The best {count} · more match: add a word to narrow the search"
    e.set_footer(text=f"{count} · a button opens the definition")
    return e, frozen_view(define_buttons([hit.card for hit in hits], numbered=True))


def no_search_results(
    text: str, near: DefineResult, deck_name: Callable[[str], str]
) -> tuple[str, discord.ui.View | None]:
    """The private reply to a /search that found nothing: a card named like the words, or near ones (cards of
    one name in two decks told apart by ``deck_name``)."""
    message = f"No card mentions *{typed(text)}*."
    buttons: list[discord.ui.Item[Any]] = []
    if near.card is not None:
        message += f" There is a card for **{escape(label(near.card, HEADING_CHARS))}**."
        buttons = define_buttons([near.card])
    elif near.suggestions:
        message += f" Did you mean: {suggestion_names(near.suggestions, deck_name)}?"
        buttons = define_buttons([m.card for m in near.suggestions[:5]], deck_name=deck_name)
    return message, frozen_view(buttons)
