"""Discord calls that must get through: retried when worth it, and the truth told when they don't.

discord.py already retries a rate limit and a few server errors; what reaches us has outlasted those
retries. ``retrying`` tries again the failures that may pass (a server error, a rate limit with its
``Retry-After``, a network error), a few times with a bounded wait; a refusal (403) or a missing message
or channel (404) is not retried. ``send_once`` posts a message so, made once: a try that failed on the way
may have been made by Discord all the same, so every try carries the same nonce, and Discord answers a later
try with the message made. ``tell`` answers an interaction whose answer was already committed: when
the reply fails it tries again (the same response, then a follow-up), so the player learns their point
counted instead of reading "Something went wrong".
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord

from cogs._format import CONTENT_MAX, clip
from cogs._shared import DISCORD_ERRORS, NETWORK_ERRORS, NO_MENTIONS, reply

log = logging.getLogger(__name__)

T = TypeVar("T")

TRIES = 3
WAIT_MAX = 10.0  # seconds: never wait longer than this between two tries
BACKOFF = 1.0  # seconds before the second try after a server error (doubled each time)
#: A reply to an interaction must come within Discord's time for it: wait less before trying again.
REPLY_WAIT_MAX = 2.5

Sleep = Callable[[float], Awaitable[Any]]


def retry_delay(error: BaseException, attempt: int) -> float | None:
    """Seconds to wait before trying again after ``error`` (attempt 0 = the first failure); None: don't."""
    if isinstance(error, discord.RateLimited):
        return error.retry_after
    if isinstance(error, (discord.Forbidden, discord.NotFound)):
        return None
    if isinstance(error, discord.DiscordServerError):
        return BACKOFF * 2**attempt
    if isinstance(error, discord.HTTPException):
        if error.status != 429:
            return None
        headers = getattr(error.response, "headers", None) or {}
        try:
            return float(headers.get("Retry-After") or BACKOFF)
        except (TypeError, ValueError):
            return BACKOFF
    if isinstance(error, NETWORK_ERRORS):  # the network: a timeout, a dropped connection
        return BACKOFF * 2**attempt
    return None


async def retrying(call: Callable[[], Awaitable[T]], *, tries: int = TRIES, sleep: Sleep = asyncio.sleep) -> T:
    """``await call()``, tried again (up to ``tries`` in all) after a failure worth retrying."""
    for attempt in range(tries):
        try:
            return await call()
        except DISCORD_ERRORS as exc:
            delay = retry_delay(exc, attempt)
            if delay is None or attempt >= tries - 1:
                raise
            log.info("Discord call failed (%s); trying again in %.1f s", exc, min(delay, WAIT_MAX))
            await sleep(min(delay, WAIT_MAX))
    raise AssertionError("unreachable")


def new_nonce() -> str:
    """A nonce for one message and all the tries of it (Discord takes up to 25 characters)."""
    return secrets.token_hex(12)


async def send_once(channel: discord.abc.Messageable, **kwargs: Any) -> discord.Message:
    """``channel.send(**kwargs)``, tried again as ``retrying`` does, and made once. A try whose answer was lost (a
    timeout, the connection dropped while the answer was read) may have been made by Discord; every try carries
    the same nonce, which discord.py sends with ``enforce_nonce``: Discord answers a later try with the message
    an earlier one made (within minutes) instead of posting it again."""
    nonce = new_nonce()
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    return await retrying(lambda: channel.send(nonce=nonce, **kwargs))


async def tell(interaction: discord.Interaction, content: str | None = None, **kwargs: Any) -> bool:
    """A private reply after something was committed; tried again if it fails. False if nobody was told."""
    try:
        await reply(interaction, content, ephemeral=True, **kwargs)
        return True
    except DISCORD_ERRORS as exc:
        first: BaseException = exc
    delay = retry_delay(first, 0)
    if delay is None and not isinstance(first, discord.NotFound):
        delay = BACKOFF
    if delay is not None:
        await asyncio.sleep(min(delay, REPLY_WAIT_MAX))
    try:
        await reply(interaction, content, ephemeral=True, **kwargs)  # the response, if none went through
        return True
    except DISCORD_ERRORS as exc:
        log.info("could not tell a player their answer counted (%s); trying a follow-up", exc)
    try:
        # Discord may have taken the first response after all: then only a follow-up can still be sent.
        kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
        if content is not None:
            kwargs["content"] = clip(content, CONTENT_MAX)
        await interaction.followup.send(ephemeral=True, **kwargs)
        return True
    except DISCORD_ERRORS as exc:
        log.info("the follow-up failed too (%s)", exc)
    log.warning("a committed answer could not be acknowledged to its player", exc_info=first)
    return False
