"""The bot's guarantees across processes hold on a PostgreSQL database whose default isolation level is stricter.

An operator may set ``default_transaction_isolation`` to ``repeatable read`` or ``serializable`` on a database
(or a role). tutorbot's transactions are written for PostgreSQL's own default, READ COMMITTED: a statement that
waited for another process's row sees what it committed (a right answer claimed first by another process scores
as a later one). Under a stricter level the waiting statement failed with "could not serialize access" instead,
and the member was told the answer was not saved. The bot's connections now ask for READ COMMITTED themselves.
"""

from __future__ import annotations

import asyncio
import copy
import secrets
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from pg_support import database_url, unavailable

from bot.config import Settings
from bot.core.service import Services

GUILD = ((4 * 2 + 1) << 22) | 12345


@pytest.fixture(params=["repeatable read", "serializable"])
async def strict_database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """The URL of a new database whose default isolation level is ``request.param`` (dropped afterwards)."""
    url = database_url()
    try:
        admin = await asyncpg.connect(url, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        unavailable(f"no PostgreSQL server ({exc})")
    name = "tutor_gap_" + secrets.token_hex(5)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await admin.execute(f"ALTER DATABASE \"{name}\" SET default_transaction_isolation TO '{request.param}'")
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def process_settings(settings: Settings, url: str) -> Settings:
    env = {
        "TUTOR_DB_PATH": str(settings.db_path), "TUTOR_CARDS_DIR": str(settings.cards_dir),
        "TUTOR_DATABASE_URL": url, "TUTOR_SHARD_COUNT": "2", "TUTOR_SHARD_IDS": "1",
    }
    return Settings.from_env(env, dotenv=None)


async def test_right_answers_through_two_processes_all_count_on_a_stricter_database(
    settings: Settings, clock: Any, strict_database: str
) -> None:
    one = await Services.create(process_settings(settings, strict_database).core, clock=clock)
    two = await Services.create(process_settings(settings, strict_database).core, clock=clock)
    try:
        quiz = await one.quiz.start_quiz(user_id=7, user_name="pat", guild_id=GUILD, channel_id=GUILD + 2, topic="llms")
        # (two cards: a quiz does not ask again a card whose answer its reveal showed)
        cards = [one.catalog.card(f"mini:{c}") for c in ("temperature", "attention-mechanism")]
        quiz.plan = [(card, "question") for card in cards if card is not None]
        assert len(quiz.plan) == 2
        two.quiz.registry.add(copy.deepcopy(quiz))  # both processes hold the quiz (a handover of the shard)
        for number in (1, 2):
            one.quiz.open_question(quiz.id)
            two.quiz.open_question(quiz.id)
            results = await asyncio.gather(*(
                s.quiz.answer(quiz.id, user_id=u, user_name=f"p{u}", response=quiz.plan[number - 1][0].accept[0])
                for u in (10, 11, 12) for s in (one, two)
            ), return_exceptions=True)  # fmt: skip
            assert not [r for r in results if isinstance(r, BaseException)], results
            assert sum(r.first for r in results) == 1, number
            assert sorted(r.points for r in results) == [5, 5, 5, 5, 5, 10]
            for s in (one, two):
                await s.quiz.close_question(quiz.id, number)
        board = await one.stats.leaderboard(GUILD, period="all")
        assert sum(e.points for e in board.rows) == 2 * (10 + 5 * 5)
    finally:
        await two.close()
        await one.close()
