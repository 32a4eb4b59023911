"""What the leaderboard and /stats simcord tests share (``from board_support import scored, shown``): answers
written straight to the database, and the message a deferred board command ended with."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter


async def scored(services: Any, guild: Any, member: Any, points: int, *, card: str = "mini:bert",
                 correct: bool = True, source: Source = Source.QUIZ, name: str | None = None,
                 user_id: int | None = None, ago: timedelta = timedelta(0)) -> None:  # fmt: skip
    """An answer written the way the quiz and daily features write it."""
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild.id, channel_id=1, user_id=user_id or member.id, user_name=name or member.name,
                card_key=card, source=source, response="x",
                verdict=VerdictKind.CORRECT if correct else VerdictKind.WRONG, points=points,
                created_at=services.now() - ago,
            ),
        )  # fmt: skip


def shown(result: Any) -> Any:
    """The board/stats message a command produced (the deferred response, edited by the follow-up)."""
    message = result.response
    if message is None or (not message.embeds and not message.content):
        message = result.followups[-1]
    return message
