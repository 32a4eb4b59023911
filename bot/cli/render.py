"""Terminal rendering of what the core returns: verdicts and user errors as plain text.

No markdown and no escaping: the terminal shows text as typed. Control characters (terminal escape
sequences among them) are dropped from anything a user or a deck wrote.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core.errors import Quote, UserError
from bot.core.models import Verdict, VerdictKind
from bot.core.text import MONTHS, strip_unsafe

log = logging.getLogger(__name__)

# The mark in front of each verdict, by kind (correct, almost, partial, wrong, empty): as on Discord.
_MARKS = dict(zip(VerdictKind, "✅🟡🟠❌⚪", strict=True))


def _plain(value: object) -> str:
    return " ".join(strip_unsafe(str(value)).split())


def verdict_text(verdict: Verdict, *, reveal: bool = True) -> str:
    """The verdict as one terminal line (``reveal=False``: only what the player typed and counts are quoted)."""
    return f"{_MARKS[verdict.kind]} {verdict.render(_plain, reveal=reveal)}"


def _error_param(value: object) -> str:
    if isinstance(value, Quote):
        return f"“{_plain(value)}”"
    if isinstance(value, datetime):
        local = value.astimezone()
        zone = local.tzname() or ""
        return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H:%M} {zone}".strip()
    return _plain(value)


def error_text(error: UserError) -> str:
    """A core ``UserError`` for the terminal: quotes in “ ”, commands by name, times in local time."""
    return error.render(_error_param)
