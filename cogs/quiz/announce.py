"""Right chat answers (``TUTOR_CHAT_ANSWERS``), announced in the quiz's channel: one message per question.

Discord lets a bot post about five messages per five seconds in a channel, and the question, its reveal and the
summary share that allowance. A message per right answer would queue the next question behind the announcements
of a rush of players (it would come late, its timer already running). So the first right answer of a question is
posted, and the later ones are added to that message by an edit (edits have their own allowance), one edit at a
time: the players who got it while one was under way come together in the next. A post or edit Discord refuses for a passing reason (a rate limit, a 5xx) is tried
again (``retrying``); one it refuses for good is logged, the answers being counted and named at the reveal.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import discord

from cogs._format import CONTENT_MAX
from cogs._shared import NETWORK_ERRORS, NO_MENTIONS
from cogs.quiz.delivery import new_nonce, retrying

log = logging.getLogger(__name__)

#: Questions whose announcement is kept (to be edited); older ones are forgotten.
KEPT = 200


@dataclass(slots=True)
class _Announcement:
    channel: discord.abc.Messageable
    lines: list[str] = field(default_factory=list)
    shown: int = 0  # lines the message shows
    message: Any = None  # (discord.Message once posted)
    nonce: str = field(default_factory=new_nonce)  # (every try of its post: Discord makes it once)
    task: asyncio.Task[None] | None = None


class ChatAnnouncer:
    """The announcements of right chat answers, one message per question (see the module docstring)."""

    def __init__(self) -> None:
        self._by_question: dict[tuple[str, int], _Announcement] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # (also those of questions forgotten since)

    def add(self, channel: discord.abc.Messageable, quiz_id: str, number: int, line: str) -> None:
        """Announce ``line`` (a right answer) with the question's others: posted now, or added to its message."""
        key = (quiz_id, number)
        found = self._by_question.get(key)
        if found is None:
            while len(self._by_question) >= KEPT:
                self._by_question.pop(next(iter(self._by_question)))
            found = self._by_question[key] = _Announcement(channel)
        found.lines.append(line)
        if found.task is None or found.task.done():
            found.task = asyncio.create_task(self._show(found), name=f"tutor-chat-announce-{quiz_id}-{number}")
            self._tasks.add(found.task)
            found.task.add_done_callback(self._tasks.discard)

    async def _show(self, shown: _Announcement) -> None:
        """Post the announcement, or edit it, until it shows every line (an edit a second at most)."""
        while shown.shown < len(shown.lines):
            count = len(shown.lines)
            try:
                await retrying(partial(_put, shown, _content(shown.lines[:count])))
            except (discord.DiscordException, *NETWORK_ERRORS) as exc:
                log.info("could not announce chat answers in %s: %s", getattr(shown.channel, "id", "?"), exc)
                return
            shown.shown = count

    async def close(self) -> None:
        """Stop the announcements under way (the cog is unloading)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._by_question.clear()


async def _put(shown: _Announcement, content: str) -> None:
    """Post the announcement, or edit the one posted."""
    if shown.message is None:
        shown.message = await shown.channel.send(content, nonce=shown.nonce, allowed_mentions=NO_MENTIONS)
    else:
        await shown.message.edit(content=content, allowed_mentions=NO_MENTIONS)


def _content(lines: list[str]) -> str:
    """The lines, within a message's length (the last ones summed up when they do not fit)."""
    text = "\n".join(lines)
    if len(text) <= CONTENT_MAX:
        return text
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > CONTENT_MAX - 40:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept) + f"\n… and {len(lines) - len(kept)} more got it."
