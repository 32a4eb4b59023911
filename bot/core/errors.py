"""Errors the core raises for the user to see (the cogs turn them into ephemeral messages)."""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked for cannot be done; ``message`` is safe to show them as is.

    ``code`` is a short identifier shown to the user and written to the log, so a report can be matched.
    """

    code = "E-USER"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(UserError):
    code = "E-NOTFOUND"


class Conflict(UserError):
    """The thing is already running/done (a second quiz in a channel, a second daily post)."""

    code = "E-CONFLICT"


class Closed(UserError):
    """Answers are no longer taken (the question or quiz has ended)."""

    code = "E-CLOSED"
