"""The caps on running channel quizzes hold when starts arrive together.

README: "Limits: 1 running quiz per member, 5 per server". A member who fires /quiz in two channels at once (two
quick commands, a macro) gets one quiz; members starting together stay within the server's cap.
``test_two_starts_in_one_channel_at_once_start_one_quiz`` covers one channel (the database's unique index
decides there).
"""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.errors import UserError
from bot.core.quiz import QuizLimits, QuizService
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

G, CH = 100, 200


@pytest.fixture
def quizzes(core_services: Services, cards_dir, clock) -> QuizService:
    """The quiz service with the default caps (1 quiz per member, 5 per server, 20 s between starts)."""
    return QuizService(
        store=core_services.store, attempts=AttemptWriter(), catalog=Catalog(load_decks(cards_dir)), clock=clock,
        rng=random.Random(3), limits=QuizLimits(),
    )


async def start(quizzes: QuizService, user: int, channel: int):
    return await quizzes.start_quiz(user_id=user, user_name=f"u{user}", guild_id=G, channel_id=channel)


async def running(quizzes: QuizService) -> list[tuple[int, int]]:
    async with quizzes.store.read() as db:
        rows = await db.execute_fetchall("SELECT starter_id, channel_id FROM quizzes WHERE status = 'running'")
    return sorted((r[0], r[1]) for r in rows)


async def test_one_member_starting_in_two_channels_at_once_gets_one_quiz(quizzes: QuizService) -> None:
    started = await asyncio.gather(start(quizzes, 1, CH), start(quizzes, 1, CH + 1), return_exceptions=True)

    refused = [s for s in started if isinstance(s, UserError)]
    assert [e.code for e in refused] == ["quiz.member_cap"], (
        f"both starts ran: {await running(quizzes)} (one member, one quiz at a time)"
    )
    assert len(await running(quizzes)) == 1


async def test_members_starting_together_stay_within_the_servers_cap(quizzes: QuizService) -> None:
    starts = [start(quizzes, user, CH + user) for user in range(1, 8)]  # 7 members, 7 channels, the cap is 5
    started = await asyncio.gather(*starts, return_exceptions=True)

    refused = [s for s in started if isinstance(s, UserError)]
    assert len(await running(quizzes)) <= 5, f"{len(await running(quizzes))} quizzes run in a server capped at 5"
    assert [e.code for e in refused] == ["quiz.server_cap"] * 2
