"""The writer process on demand (``TUTOR_WRITER_PROCESS=auto``, the default): the bot writes its answers itself
until ``BUSY_RATE`` of them come in one second (or more seconds on end: ``BUSY_SECONDS``), then starts the
child once; no answer is lost or written twice across the switch, and a bot whose answers never come that fast never
starts it. The rate is lowered here so that a test sends tens of answers, not thousands; the count runs on a
clock of the test's own (``GroupCommit.ticks``)."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config import Settings
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz import commit
from bot.core.service import Services

G, CH = 100, 200
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
RATE = 20


class Ticks:
    """The count's clock: seconds the test sets."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def auto(settings: Settings, clock: Any, rng: Any, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Services]:
    monkeypatch.setattr(commit, "BUSY_RATE", RATE)
    started = await Services.create(dataclasses.replace(settings.core, writer_process="auto"), clock=clock, rng=rng)
    try:
        yield started
    finally:
        await started.close()


def attempt(user: int, response: str) -> Attempt:
    return Attempt(G, CH, user, f"user{user}", "mini:temperature", Source.QUIZ, response, VerdictKind.WRONG, 0,
                   START, session_id="q1")  # fmt: skip


async def answers_in_one_second(services: Services, ticks: Ticks, second: float, n: int, tag: str) -> None:
    ticks.now = second
    await asyncio.gather(*(services.quiz.writer.write(attempt(i, f"{tag}-{i}")) for i in range(n)))


def stored(settings: Settings) -> list[str]:
    with sqlite3.connect(settings.db_path) as db:
        return [r for (r,) in db.execute("SELECT response FROM attempts ORDER BY id")]


def bot_writes(services: Services) -> int:
    """Rows the bot's own writer connection has changed so far (the child's writes are not counted)."""
    return int(services.store._writer._conn.total_changes)  # type: ignore[union-attr]  # noqa: SLF001


async def test_the_child_starts_once_answers_come_fast_and_nothing_is_lost(auto: Services, settings: Settings) -> None:
    ticks = Ticks()
    auto.quiz.writer.ticks = ticks
    assert auto.writer_process is None  # an idle bot runs no second process
    await answers_in_one_second(auto, ticks, 1000.0, RATE - 1, "a")
    assert auto.writer_process is None and auto._writer_starting is None  # noqa: SLF001  (one short of the rate)
    await answers_in_one_second(auto, ticks, 1001.0, RATE, "b")
    starting = auto._writer_starting  # noqa: SLF001
    assert starting is not None
    await starting
    process = auto.writer_process
    assert process is not None and process.ready
    before = bot_writes(auto)
    await answers_in_one_second(auto, ticks, 1002.0, 5, "c")
    assert bot_writes(auto) == before  # the child wrote these
    # Every answer once, those written before the switch and after it alike.
    assert sorted(stored(settings)) == sorted(
        [f"a-{i}" for i in range(RATE - 1)] + [f"b-{i}" for i in range(RATE)] + [f"c-{i}" for i in range(5)]
    )
    # It is asked for once: more busy seconds start nothing else.
    await answers_in_one_second(auto, ticks, 1003.0, RATE, "d")
    await answers_in_one_second(auto, ticks, 1004.0, RATE, "e")
    assert auto._writer_starting is starting and auto.writer_process is process  # noqa: SLF001


async def test_answers_that_never_come_fast_enough_start_nothing(
    auto: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commit, "BUSY_SECONDS", 2)  # busy seconds must follow each other
    ticks = Ticks()
    auto.quiz.writer.ticks = ticks
    # One short of the rate, second after second.
    for k in range(4):
        await answers_in_one_second(auto, ticks, 1000.0 + k, RATE - 1, f"slow{k}")
    # Busy seconds with a quiet second between them are not "on end".
    await answers_in_one_second(auto, ticks, 1010.0, RATE, "x")
    await answers_in_one_second(auto, ticks, 1012.0, RATE, "y")
    assert auto._writer_starting is None and auto.writer_process is None  # noqa: SLF001
    assert len(stored(settings)) == 4 * (RATE - 1) + 2 * RATE
    # Two on end do.
    await answers_in_one_second(auto, ticks, 1013.0, RATE, "z")
    assert auto._writer_starting is not None  # noqa: SLF001
    await auto._writer_starting  # noqa: SLF001
    assert auto.writer_process is not None and auto.writer_process.ready


async def test_a_bot_told_never_starts_no_child(settings: Settings, clock: Any, rng: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(commit, "BUSY_RATE", RATE)
    services = await Services.create(dataclasses.replace(settings.core, writer_process=False), clock=clock, rng=rng)
    try:
        ticks = Ticks()
        services.quiz.writer.ticks = ticks
        for k in range(3):
            await answers_in_one_second(services, ticks, 1000.0 + k, RATE, f"n{k}")
        assert services._writer_starting is None and services.writer_process is None  # noqa: SLF001
    finally:
        await services.close()
