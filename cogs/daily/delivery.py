"""Retrying a Discord call that failed for a passing reason, without ever doing it twice.

discord.py already retries a few times inside one call; what reaches us has outlasted that. Worth another
try: a rate limit (429, after its ``Retry-After``), a server error (5xx), a timeout or a dropped connection.
Not worth it: a refusal (403), something gone (404), a bad request (400) — those are the caller's to handle.

A server error on a call that creates something (a message) is ambiguous: Discord may have made it before
failing. Such a call passes ``already_done``, which looks for the result first; it answers ``None`` when the
thing is not there, or raises ``Unknown`` when it cannot tell — then nothing is sent again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import discord

from cogs._shared import NETWORK_ERRORS

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Tries of one call (the first included), the waits between them after a server error, and the longest
#: rate-limit wait taken in place (a longer one is left to the caller's next turn).
TRIES = 3
BACKOFF = (1.0, 3.0)
MAX_WAIT = 30.0


class Unknown(Exception):
    """Whether an earlier try went through cannot be told: do not try again now."""


def rate_limit_wait(exc: BaseException) -> float | None:
    """The seconds a rate limit asks to wait, or None when ``exc`` is not a rate limit."""
    if isinstance(exc, discord.RateLimited):
        return float(exc.retry_after)
    if isinstance(exc, discord.HTTPException) and exc.status == 429:
        headers = getattr(exc.response, "headers", None) or {}
        try:
            return float(headers.get("Retry-After", 1.0))
        except (TypeError, ValueError):
            return 1.0
    return None


def passing(exc: BaseException) -> bool:
    """Whether the error may go away by itself (rate limit, server error, timeout, connection)."""
    if rate_limit_wait(exc) is not None:
        return True
    if isinstance(exc, discord.HTTPException):
        return exc.status >= 500
    return isinstance(exc, NETWORK_ERRORS)


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    what: str,
    already_done: Callable[[], Awaitable[T | None]] | None = None,
    tries: int = TRIES,
    max_wait: float = MAX_WAIT,
) -> T:
    """``await call()``, tried again after a passing error (see the module docstring); the last error is raised.

    ``already_done`` is asked before trying again after an error that may have gone through (not after a
    rate limit, which Discord refused before doing anything): what it finds is returned instead.
    """
    for attempt in range(1, tries + 1):
        try:
            return await call()
        except Exception as exc:
            if attempt == tries or not passing(exc):
                raise
            limited = rate_limit_wait(exc)
            wait = limited if limited is not None else BACKOFF[min(attempt, len(BACKOFF)) - 1]
            if wait > max_wait:
                raise
            log.info("%s: %s; trying again in %.1f s (try %d of %d)", what, exc, wait, attempt + 1, tries)
            await asyncio.sleep(wait)
            if limited is None and already_done is not None:
                try:
                    found = await already_done()
                except Unknown:
                    raise exc from None
                if found is not None:
                    log.info("%s: the earlier try went through", what)
                    return found
    raise AssertionError("unreachable")  # pragma: no cover
