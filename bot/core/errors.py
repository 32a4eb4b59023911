"""Errors the core raises for the user to see.

The core speaks data: a ``UserError`` carries a stable ``code`` (for renderers, tests and the log), a plain
English ``text`` template with ``{name}`` fields, and the ``params`` that fill them. It holds no markdown, emoji
or Discord syntax: each surface renders it (``cogs/_format.render_error`` for Discord,
``bot/cli/render.error_text`` for the terminal). Parameters of the marker types below are rendered by the
surface in its own way (a ``Quote`` in bold on Discord, a ``datetime`` as a Discord timestamp, a
``CommandRef`` as ``/name`` on Discord); anything else is shown with ``str()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from string import Formatter
from typing import Any


class Quote(str):
    """Text a user typed or a deck holds, echoed back: the surface escapes and emphasises it."""


@dataclass(frozen=True, slots=True)
class CommandRef:
    """A command the user can run next, named without a surface's syntax (``"daily set"``)."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class MessageRef:
    """A message (or channel, when ``message_id`` is None) the user is pointed to."""

    guild_id: int | None
    channel_id: int
    message_id: int | None = None

    def __str__(self) -> str:
        return "that channel" if self.message_id is None else "that message"


def plain_param(value: Any) -> str:
    """A parameter as plain text (the log, and surfaces with no richer form)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    if isinstance(value, Quote):
        return f"“{value}”"
    return str(value)


def fields(text: str) -> list[str]:
    """The ``{name}`` fields a template uses."""
    return [name for _, name, _, _ in Formatter().parse(text) if name]


class UserError(Exception):
    """Something the user asked for cannot be done.

    ``code`` is stable (``"quiz.running"``); ``text`` is the plain message template; ``params`` fill it.
    ``str(error)`` is the plain-text rendering, for logs and tests.
    """

    category = "user"

    def __init__(self, code: str, text: str, /, **params: Any) -> None:
        missing = [name for name in fields(text) if name not in params]
        if missing:
            raise ValueError(f"UserError {code!r}: no value for {missing}")
        self.code = code
        self.text = text
        self.params = params
        super().__init__(self.render(plain_param))

    def render(self, param: Any) -> str:
        """The message with every parameter passed through ``param`` (a surface's renderer)."""
        return self.text.format(**{k: param(v) for k, v in self.params.items()})

    @property
    def message(self) -> str:
        return str(self)


class NotFound(UserError):
    category = "not_found"


class Conflict(UserError):
    """The thing is already running/done (a second quiz in a channel, a second daily post)."""

    category = "conflict"


class Closed(UserError):
    """Answers are no longer taken (the question or quiz has ended)."""

    category = "closed"
