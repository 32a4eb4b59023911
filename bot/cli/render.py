"""Terminal rendering of what the core returns: verdicts, user errors and deck text as plain text.

No markdown and no escaping: deck text (prompts, answers, the verdict's quoted answers and key points) is
turned into plain text (``**bold**`` -> ``bold``, ``[text](url)`` -> ``text (url)``, ``a\\_b`` -> ``a_b``; a
blank ``_____`` stays as it is);
what a user typed, quoted in an error, is shown as typed. Control characters (terminal escape sequences among
them) and bidi overrides are dropped from both.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from bot.core.errors import Quote, UserError
from bot.core.models import Verdict, VerdictKind
from bot.core.text import MONTHS, strip_unsafe

log = logging.getLogger(__name__)

# The mark in front of each verdict, by kind (correct, almost, partial, wrong, empty): as on Discord.
_MARKS = dict(zip(VerdictKind, "✅🟡🟠❌⚪", strict=True))


_PAIRED = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S),  # **bold**
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])", re.S),  # __bold__
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.S),  # *italic* (not 2*3*4)
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.S),  # _italic_ (not snake_case)
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.S),  # ~~struck~~
    re.compile(r"\|\|(.+?)\|\|", re.S),  # ||spoiler||
]
_CODE = re.compile(r"(`+)(.+?)\1", re.S)
#: A blank to fill in ("_____ is a ...", a hidden term): three or more underscores, never an emphasis marker.
_BLANK = re.compile(r"_{3,}")
_LINK = re.compile(r"\[([^\]\n]+)\]\((<?)(https?://[^)\s>]+)>?\)")
_HEADING = re.compile(r"^(?:#{1,6}|-#)\s+", re.M)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")


def _link(match: re.Match[str]) -> str:
    text, url = match.group(1), match.group(3)
    return text if text.strip() == url else f"{text} ({url})"


def terminal_text(text: str) -> str:
    """Deck or Discord markdown as terminal text: markers and escapes dropped, links spelt out, lines kept."""
    out = strip_unsafe(text)
    codes: list[str] = []

    def keep(text: str) -> str:  # shown as written: no marker inside it is touched
        codes.append(text)
        return f"\x00{len(codes) - 1}\x00"

    def keep_code(match: re.Match[str]) -> str:
        return keep(match.group(2).strip(" "))

    out = _CODE.sub(keep_code, out)
    out = _BLANK.sub(lambda m: keep(m.group(0)), out)
    out = _LINK.sub(_link, out)
    out = _HEADING.sub("", out)
    for pattern in _PAIRED:
        out = pattern.sub(r"\1", out)
    out = _ESCAPED.sub(r"\1", out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], out)
    return "\n".join(line.rstrip() for line in out.strip().splitlines())


def one_line(text: str) -> str:
    """``terminal_text`` on one line."""
    return " ".join(terminal_text(text).split())


def _plain(value: object) -> str:
    """A verdict's parameter (mostly a deck's answers and key points): plain terminal text on one line."""
    return one_line(str(value))


def _as_typed(value: object) -> str:
    """An error's parameter (mostly what the user typed): as typed, on one line, unsafe characters dropped."""
    return " ".join(strip_unsafe(str(value)).split())


def verdict_text(verdict: Verdict, *, reveal: bool = True) -> str:
    """The verdict as one terminal line (``reveal=False``: only what the player typed and counts are quoted)."""
    return f"{_MARKS[verdict.kind]} {verdict.render(_plain, reveal=reveal)}"


def _error_param(value: object) -> str:
    if isinstance(value, Quote):
        return f"“{_as_typed(value)}”"
    if isinstance(value, datetime):
        local = value.astimezone()
        zone = local.tzname() or ""
        return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H:%M} {zone}".strip()
    return _as_typed(value)


def error_text(error: UserError) -> str:
    """A core ``UserError`` for the terminal: quotes in “ ”, commands by name, times in local time."""
    return error.render(_error_param)
