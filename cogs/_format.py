"""Discord rendering shared by every cog: escaping, clipping, embeds, timestamps, and core errors.

The core speaks data; this module (with each cog's own renderers) turns it into Discord text. One copy
of each helper: escape user/deck text, clip to Discord's limits, page long text, build embeds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Final

import discord

from bot.core.errors import CommandRef, MessageRef, Quote, UserError
from bot.core.text import one_line, strip_unsafe

COLOUR = discord.Colour.from_rgb(88, 101, 242)
COLOUR_OK = discord.Colour.green()
COLOUR_BAD = discord.Colour.red()

# Discord's limits.
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000


def escape(text: str) -> str:
    """User or deck text made safe to echo: control/bidi characters dropped, markdown and mentions neutralised."""
    return _unlinked(_unmentioned(escape_markdown(strip_unsafe(text))))


#: A mention Discord renders: "@everyone" and "@here" (anywhere, "admin@hereford" too) and a member's, role's or
#: nickname's "<@id>", "<@&id>", "<@!id>". A backslash before its "@" or "<" shows it as typed, with no character
#: added to what is read or copied (discord.py's ``escape_mentions`` puts an invisible space inside the word).
_MENTION_RE: Final = re.compile(r"@(?=everyone|here)|<(?=@[!&]?\d{15,21}>)")
#: Code as Discord's markdown reads it at a backtick: a code block (three backticks, an optional language, up to
#: the next three after some text) before an inline code span (a run of backticks, then text up to the same run
#: again). Nothing inside is rendered. (No two parts of either can take the same characters: a text of many
#: newlines or backticks is read in one pass.)
_CODE_BLOCK_RE: Final = re.compile(r"```(?:[a-z0-9_+\-.#]+?\n)?\n*[^\n][\s\S]*?```", re.IGNORECASE)
_CODE_SPAN_RE: Final = re.compile(r"(`+)([\s\S]*?[^`])\1(?!`)")
#: Spans Discord's markdown reads before what is inside them (bold, underline, strikethrough, spoiler, italic),
#: each as its mark, its pattern and the pattern of what may close it: a backtick inside one opens no code span
#: that runs past its end.
_WRAPPING_RE: Final = (
    ("**", re.compile(r"\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)"), re.compile(r"\*\*(?!\*)")),
    ("__", re.compile(r"__((?:\\[\s\S]|[^\\])+?)__(?!_)"), re.compile(r"__(?!_)")),
    ("~~", re.compile(r"~~([\s\S]+?)~~(?!_)"), re.compile(r"~~(?!_)")),
    ("||", re.compile(r"\|\|([\s\S]+?)\|\|"), re.compile(r"\|\|")),
    (
        "*",
        re.compile(r"\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)"),
        re.compile(r"\*(?!\*)"),
    ),
    # (Discord's rule reads the rest of the text alone: the word boundary it asks before the underscore always holds)
    ("_", re.compile(r"_((?:__|\\[\s\S]|[^\\_])+?)_\b"), re.compile(r"_\b")),
)


def _unmentioned(text: str) -> str:
    if "@" not in text:
        return text
    return _MENTION_RE.sub(_escaped_mention, text)


def _escaped_mention(m: re.Match[str]) -> str:
    """A backslash before the mention's first character, unless an odd run of backslashes escapes it already."""
    text, at = m.string, m.start()
    run = len(text[:at]) - len(text[:at].rstrip("\\"))
    return m.group() if run % 2 else "\\" + m.group()


class _Scan:
    """What one reading of a text learnt of where spans cannot close, so that no start is tried twice in vain: the
    longest run of backticks that closed nowhere, whether a code block did, and per mark, where its last closer
    stands."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.failed_run = 0
        self.no_block = False
        self._last: dict[str, int] = {}

    def code_end(self, at: int) -> int:
        """Where the code that starts at the backticks at ``at`` ends, or the run of backticks (shown as typed)."""
        text = self.text
        if not self.no_block and text.startswith("```", at):
            block = _CODE_BLOCK_RE.match(text, at)
            if block is not None:
                return block.end()
            self.no_block = True
        run = _run_end(text, at)
        if run - at > self.failed_run:
            span = _CODE_SPAN_RE.match(text, at)
            if span is not None:
                return span.end()
            self.failed_run = run - at  # (a run as long or shorter closes nowhere after it either)
        return run

    def wrapping(self, at: int) -> tuple[str, str] | None:
        """The span (bold, underline, strikethrough, spoiler, italic) that starts at ``at``: its mark and what it
        wraps; None where none does."""
        text = self.text
        best: tuple[float, str, str] | None = None
        for mark, pattern, closer in _WRAPPING_RE:
            if not text.startswith(mark, at):
                continue
            last = self._last.get(mark)
            if last is None:
                last = self._last[mark] = max((m.start() for m in closer.finditer(text)), default=-1)
            if last > at and (m := pattern.match(text, at)) is not None:
                if mark not in _EMPHASES:
                    return mark, m.group(1)
                # (bold, underline and italic start alike: Discord's markdown takes the longest, italic first)
                quality = len(m.group()) + _EMPHASES[mark]
                if best is None or quality > best[0]:
                    best = (quality, mark, m.group(1))
        return None if best is None else (best[1], best[2])


#: The marks read by the quality Discord's markdown gives them (the span's length and this), where several match.
_EMPHASES: Final = {"*": 0.2, "_": 0.2, "**": 0.1, "__": 0.0}
_RUN_RE: Final = re.compile("`+")


def _run_end(text: str, at: int) -> int:
    """Where the run of backticks at ``at`` ends."""
    run = _RUN_RE.match(text, at)
    return run.end() if run is not None else at


#: The most spans inside one another read for what they wrap (deeper, a span's marks are read as text).
_WRAPPING_DEPTH: Final = 16


def _neutralised_keeping_markdown(text: str, depth: int = 0) -> str:
    """Deck text read left to right as Discord reads it: a backslash escapes the character after it (an escaped
    backtick opens no code span), a code span is left as written (nothing in it is rendered), and elsewhere a
    mention or other "<...>" markup gets a backslash before it."""
    if "@" not in text and "<" not in text:
        return text
    scan = _Scan(text)
    out: list[str] = []
    i, n = 0, len(text)
    # (a link is one word to Discord: a backtick or a mark in it opens nothing, "https://a.co/`x" included)
    links = [(m.start(), m.end()) for m in _AUTOLINK_RE.finditer(text)] if "://" in text else []
    starts = [start for start, _end in links]
    while i < n:
        found = _SPECIAL_RE.search(text, i)
        if found is None:
            out.append(text[i:])
            break
        at = bisect_right(starts, found.start()) - 1 if starts else -1
        # (a link read from where the scan stands: one that starts inside a code span or a mark read before is no
        # link once that ends, "`x https://a.co/`@everyone")
        if at >= 0 and found.start() < links[at][1] and links[at][0] >= i:
            out.append(text[i : links[at][1]])
            i = links[at][1]
            continue
        if found.start() > i:
            out.append(text[i : found.start()])  # (plain text up to the next character that may matter)
            i = found.start()
        ch = text[i]
        if ch == "\\":
            out.append(text[i : i + 2])
            i += 2
        elif ch == "`":
            end = scan.code_end(i)
            out.append(text[i:end])
            i = end
        elif depth < _WRAPPING_DEPTH and ch in _MARK_STARTS and (wrap := scan.wrapping(i)) is not None:
            mark, inside = wrap
            out.append(f"{mark}{_neutralised_keeping_markdown(inside, depth + 1)}{mark}")
            i += 2 * len(mark) + len(inside)
        else:
            if (ch == "@" and _MENTION_RE.match(text, i)) or (ch == "<" and (_MENTION_RE.match(text, i) or _LINK_MARKUP_RE.match(text, i))):
                out.append("\\")
            out.append(ch)
            i += 1
    return "".join(out)


#: A link as Discord finds one in text: a scheme, then everything up to a space or "<", not ending in a mark of
#: punctuation (the backtick and the brackets belong to it).
_AUTOLINK_RE: Final = re.compile(r"(?:https?|steam)://[^\s<]+[^<.,:;\"')\]\s]")
_MARK_STARTS: Final = frozenset(mark[0] for mark, _pattern, _closer in _WRAPPING_RE)
#: The characters the reading above acts on: a backslash, a backtick, a mention's or markup's first one, a mark.
_SPECIAL_RE: Final = re.compile("[" + re.escape("\\`@<" + "".join(sorted(_MARK_STARTS))) + "]")


#: discord.py's markdown escape (``discord.utils.escape_markdown``: every mark escaped, a URL left as it is), but
#: a masked link ("[text](url)") is neutralised by escaping its "[" alone, and the scan goes on inside it.
#: discord.py's own pattern for a link (``\[.+\]\(.+\)``) is greedy and escapes only the start of what it
#: matched: in "[a](u) **b** [c](v)" it swallowed the rest of the line, so "**b**" stayed bold and the second
#: link stayed a link.
#: A URL ends before a "[" here (in discord.py it runs on), so "[a](http://a.co)[b](http://b.co)" has its second
#: link escaped too.
_URL: Final = r"<[^: >]+:\/[^ >]+>|(?:https?|steam):\/\/[^\s<\[]+[^<.,:;\"\'\]\s\[]"
_MARKDOWN_ESCAPE_RE: Final = re.compile(
    rf"(?P<url>{_URL})|(?P<markdown>[_\\~|\*`]|^>(?:>>)?\s|\[(?=.+\]\(.+\))|^#{{1,3}}|^\s*-)", re.MULTILINE
)


def _escaped_mark(m: re.Match[str]) -> str:
    url = m.group("url")
    return url if url else "\\" + m.group("markdown")


def escape_markdown(text: str) -> str:
    """``text`` with every markdown mark escaped (a backslash before it), so Discord shows it as typed."""
    return _MARKDOWN_ESCAPE_RE.sub(_escaped_mark, text)


#: The other markup Discord renders from "<...>": a channel ("<#id>"), a command ("</quiz:id>"), a timestamp
#: ("<t:0:R>"), a custom emoji ("<:name:id>", "<a:name:id>"). A backslash before "<" shows it as typed.
_LINK_MARKUP_RE: Final = re.compile(r"<(?=#\d|/[^<>\n]{1,100}:\d|t:-?\d|a?:\w{1,32}:\d)")


def _unlinked(text: str) -> str:
    return _LINK_MARKUP_RE.sub(_escaped_bracket, text) if "<" in text else text


def _escaped_bracket(m: re.Match[str]) -> str:
    """"\\<", unless an odd run of backslashes escapes the "<" already (an even one only escapes itself)."""
    text, at = m.string, m.start()
    run = len(text[:at]) - len(text[:at].rstrip("\\"))
    return "<" if run % 2 else "\\<"


def code(key: str) -> str:
    """An identifier (a card key) as inline code: shown as typed (no markdown escapes, which code would show
    literally), with no backtick to end the code early."""
    return "`" + strip_unsafe(key).replace("`", "") + "`"


def card_text(text: str) -> str:
    """Deck text keeps its markdown; mentions (channels, commands, timestamps and custom emoji too) and unsafe
    characters are neutralised."""
    return _neutralised_keeping_markdown(strip_unsafe(text))


def clip(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """``text`` with control and bidi-override characters dropped, cut to ``limit`` characters at a word
    boundary when possible. Every message, embed part, label and choice goes through it, so nothing echoed
    can reorder or hide what is around it."""
    text = strip_unsafe(text)
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + ellipsis


_MARKS: Final = re.compile(r"```|`|\*\*")


def open_markdown(text: str) -> tuple[str | None, bool, bool]:
    """What markdown is still open at the end of ``text``: a code fence (its language line, or None), bold,
    inline code. Marks inside code are code, not markdown."""
    fence: str | None = None
    bold = inline = False
    for mark in _MARKS.finditer(text):
        token = mark.group()
        if fence is not None:
            if token == "```":
                fence = None
        elif inline:
            if token == "`":
                inline = False
        elif token == "```":
            end = text.find("\n", mark.end())
            fence = text[mark.end() : end if end >= 0 else len(text)].strip()
        elif token == "`":
            inline = True
        else:
            bold = not bold
    return fence, bold, inline


def closing_marks(text: str) -> str:
    """What closes the markdown ``text`` leaves open (inline code, bold, a code block), innermost first."""
    fence, bold, inline = open_markdown(text)
    return ("`" if inline else "") + ("**" if bold else "") + ("\n```" if fence is not None else "")


#: The most characters ``closing_marks`` adds.
CLOSING_MAX = len("`**\n```")


def clip_markdown(text: str, limit: int) -> str:
    """Deck markdown clipped as ``clip`` does, what the cut leaves open (bold, inline code, a code block) closed
    after the ellipsis's place, so the cut never leaves stray marks or the rest of the message in code."""
    text = strip_unsafe(text)
    if len(text) <= limit:
        return text
    cut = clip(text, limit - CLOSING_MAX)
    return cut + closing_marks(cut)


def paginate(text: str, limit: int = DESCRIPTION_MAX - 96) -> list[str]:
    """Split long text into pages at paragraph, then sentence, then word boundaries — never mid-word."""
    text = text.strip()
    if len(text) <= limit:
        return [text]
    pages: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", "; ", ", ", " "):
            pos = window.rfind(sep)
            if pos > limit // 3:
                cut = pos + (1 if sep[0] in ".;," else 0)
                break
        if cut <= 0:
            cut = limit
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pages.append(rest)
    return pages


def embed(title: str | None = None, description: str | None = None, *, colour: discord.Colour = COLOUR) -> discord.Embed:
    """An embed with title and description clipped to Discord's limits."""
    return discord.Embed(
        title=clip(title, TITLE_MAX) if title else None,
        description=clip(description, DESCRIPTION_MAX) if description else None,
        colour=colour,
    )


def set_footer(e: discord.Embed, text: str) -> discord.Embed:
    """Set the footer, clipped to the limit (unsafe characters dropped)."""
    return e.set_footer(text=clip(text, FOOTER_MAX))


def add_field(e: discord.Embed, name: str, value: str, *, inline: bool = False) -> discord.Embed:
    """Add a field clipped to the limits, skipping it if the embed would pass 6000 characters."""
    name = clip(name, FIELD_NAME_MAX) or "\u200b"
    value = clip(value, FIELD_VALUE_MAX) or "\u200b"
    if len(e) + len(name) + len(value) <= EMBED_TOTAL_MAX and len(e.fields) < 25:
        e.add_field(name=name, value=value, inline=inline)
    return e


def bold_list(texts: Sequence[str], limit: int, *, each: int = 200, more: int = 0) -> str:
    """``texts`` (names or answers, user or deck text) in bold, escaped, on one line each and joined by commas: as
    many whole as ``limit`` characters hold, then how many more ("and 7 more"; ``more``: others not in ``texts``).
    A field clipped after a list would cut a name in half, leave its bold open and lose the count."""
    return whole_list([f"**{escape(one_line(text, each))}**" for text in texts], limit, more=more)


def whole_list(items: Sequence[str], limit: int, *, more: int = 0) -> str:
    """``items`` (already escaped) joined by commas: as many whole as ``limit`` characters hold, then how many more
    ("and 7 more"; ``more``: others not in ``items``), never an item cut in half and the count lost."""
    total = len(items) + more
    shown: list[str] = []
    for item in items:
        left = total - len(shown) - 1
        tail = f" and {left:,} more" if left else ""
        if len(", ".join([*shown, item]) + tail) > limit:
            break
        shown.append(item)
    rest = total - len(shown)
    if not shown:
        return f"{rest:,} more" if rest else ""
    return ", ".join(shown) + (f" and {rest:,} more" if rest else "")


def percent(correct: int, answers: int) -> str:
    """``71%``, or a dash with no answers: 100% only when every answer was right, 0% only when none was."""
    if not answers:
        return "–"
    shown = round(100 * correct / answers)
    if correct < answers:
        shown = min(shown, 99)
    if correct > 0:
        shown = max(shown, 1)
    return f"{shown}%"


def whole_lines(lines: Sequence[str], limit: int, *, more: int = 0) -> str:
    """As many of ``lines`` as ``limit`` characters hold whole, one a line, then "… and N more" (``more``: others not
    in ``lines``). A field clipped after a list would cut a row in half and drop the rows after it unsaid."""
    shown: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        left = len(lines) - i - 1 + more
        tail = len(f"\n… and {left:,} more") if left else 0
        if used + (1 if shown else 0) + len(line) + tail > limit:
            break
        used += (1 if shown else 0) + len(line)
        shown.append(line)
    rest = len(lines) - len(shown) + more
    text = "\n".join(shown)
    if rest:
        text += ("\n" if text else "") + f"… and {rest:,} more"
    return text


def narrowed_lines(
    make: Callable[[int], Sequence[str]], limit: int, *, widest: int, narrowest: int = 20, more: int = 0
) -> str:
    """Rows made by ``make(width)`` (the text echoed in each row cut to ``width`` characters), the width narrowed
    until every row fits whole in ``limit`` characters; past ``narrowest``, the rows that fit and how many more
    (``whole_lines``)."""
    width = widest
    lines = make(width)
    tail = len(f"\n… and {more:,} more") if more else 0
    while len("\n".join(lines)) + tail > limit and width > narrowest:
        width = max(narrowest, width * 3 // 4)
        lines = make(width)
    return whole_lines(lines, limit, more=more)


def display_name(user: discord.abc.User) -> str:
    """The member's name as shown in the server, with control and bidi-override characters dropped
    (still to be escaped where it is echoed)."""
    return strip_unsafe(getattr(user, "display_name", None) or user.name) or user.name


def timestamp(dt: datetime, style: discord.utils.TimestampStyle = "R") -> str:
    """A Discord timestamp: each reader sees it in their own time zone."""
    return discord.utils.format_dt(dt, style)


def message_link(ref: MessageRef) -> str:
    if ref.message_id is None or ref.guild_id is None:
        return f"<#{ref.channel_id}>"
    return f"https://discord.com/channels/{ref.guild_id}/{ref.channel_id}/{ref.message_id}"


def render_param(value: Any) -> str:
    """One ``UserError`` parameter as Discord text."""
    if isinstance(value, Quote):
        return f"**{escape(str(value))}**"
    if isinstance(value, CommandRef):
        return f"`/{value.name}`"
    if isinstance(value, MessageRef):
        return message_link(value)
    if isinstance(value, datetime):
        return f"{timestamp(value, 'f')} ({timestamp(value, 'R')})"
    return escape(str(value))


def render_error(error: UserError) -> str:
    """A core ``UserError`` as the Discord message a member reads."""
    return clip(error.render(render_param), CONTENT_MAX)


def plural(n: int, word: str, many: str | None = None) -> str:
    """The number and the word (``1 card``, ``3 cards``, ``1,200 cards``; ``many`` when the plural is irregular)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
