"""The writer process dying after it committed an answer but before the bot heard so: the member is not told
"did not count" about an answer that counts, and answering again does not count it twice."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from quiz_support import quiz_asking

from bot.config import Settings
from bot.core.errors import UserError
from bot.core.quiz.models import NotSaved
from bot.core.service import Services

G, CH = 100, 200


@pytest.fixture
async def services(settings: Settings, clock: Any, rng: Any) -> AsyncIterator[Services]:
    started = await Services.create(dataclasses.replace(settings.core, writer_process=True), clock=clock, rng=rng)
    try:
        yield started
    finally:
        await started.close()


def stored(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as other:
        return list(other.execute("SELECT user_name, verdict, points FROM attempts ORDER BY id"))


async def test_an_answer_the_child_saved_before_dying_is_not_called_lost_nor_counted_twice(
    services: Services, settings: Settings
) -> None:
    process = services.writer_process
    assert process is not None and process.pid is not None
    quiz, _ = await quiz_asking(
        services, "mini:temperature", user_id=2, user_name="bob", guild_id=G, channel_id=CH, topic="llms", private=True
    )
    process._replies = lambda replies: None  # type: ignore[method-assign]  # the acknowledgement never arrives
    answering = asyncio.ensure_future(services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature"))
    deadline = time.monotonic() + 10
    while not stored(settings.db_path):  # the child has committed it ...
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)  # ... and dies before the bot hears of it
    with pytest.raises(NotSaved) as told:
        await asyncio.wait_for(answering, 10)
    assert "could not check whether it was saved" in str(told.value)  # not "it did not count": it did
    with pytest.raises(UserError):  # the try stays used: answering again is refused, not counted again
        await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    assert stored(settings.db_path) == [("bob", "correct", 10)]
