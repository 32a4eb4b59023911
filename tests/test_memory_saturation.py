"""A saturated bot (``bot.core.memory.Backlog``: more answers in flight than it keeps up with) has the garbage
collector work for throughput, and goes back to short pauses once the answers have drained: the answers in
flight are counted from ``QuizService.answer``'s start to its return, whatever way it returns, so the count
never drifts and the bot never stays in the throughput mode by mistake."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from bot.core import memory
from bot.core.errors import UserError
from bot.core.memory import SATURATED_THRESHOLDS, THRESHOLDS, Backlog, CollectorPolicy
from bot.core.service import Services

G, CH = 100, 200


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    thresholds, callbacks = gc.get_threshold(), list(gc.callbacks)
    yield
    gc.callbacks[:] = callbacks
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_the_bot_is_saturated_at_the_high_mark_and_stays_so_through_a_short_dip() -> None:
    clock = Clock()
    backlog = Backlog(high=5, low=2, calm=2.0, clock=clock)
    told: list[bool] = []
    backlog.subscribe(told.append)
    for _ in range(4):
        backlog.enter()
    assert not backlog.saturated and told == []
    backlog.enter()
    assert backlog.saturated and told == [True]
    for _ in range(5):  # the wave is answered: for a moment nothing is in flight
        backlog.leave()
    clock.now += 1.0
    backlog.poll()
    assert backlog.saturated and told == [True]
    for _ in range(3):  # the next wave comes before the calm spell is over
        backlog.enter()
    clock.now += 5.0
    for _ in range(3):
        backlog.leave()
    assert backlog.saturated, "a calm spell starts again from the last dip"
    clock.now += 2.0
    backlog.poll()
    assert not backlog.saturated and told == [True, False]
    assert backlog.in_flight == 0


def test_a_listener_that_fails_does_not_fail_the_answer_that_crossed_the_mark() -> None:
    backlog = Backlog(high=1, low=1, calm=0.0)
    told: list[bool] = []

    def broken(_: bool) -> None:
        raise RuntimeError("boom")

    backlog.subscribe(broken)
    backlog.subscribe(told.append)
    backlog.enter()
    assert backlog.saturated and told == [True]


def test_the_collector_takes_the_throughput_thresholds_while_saturated_and_gives_them_back() -> None:
    clock = Clock()
    backlog = Backlog(high=2, low=1, calm=2.0, clock=clock)
    policy = CollectorPolicy(backlog=backlog).install()
    try:
        assert gc.get_threshold() == THRESHOLDS
        backlog.enter()
        backlog.enter()
        assert gc.get_threshold() == SATURATED_THRESHOLDS
        assert policy.stats.saturations == 1
        backlog.leave()
        backlog.leave()
        clock.now += 3.0
        gc.collect()  # no answer comes to end the calm spell: a collection does
        assert not backlog.saturated
        assert gc.get_threshold() == THRESHOLDS
    finally:
        policy.uninstall()
    backlog.enter()
    backlog.enter()
    assert backlog.saturated
    assert gc.get_threshold() != SATURATED_THRESHOLDS, "an uninstalled policy no longer listens"


def test_a_policy_installed_while_the_bot_is_saturated_starts_in_the_throughput_mode() -> None:
    backlog = Backlog(high=1, low=1)
    backlog.enter()
    policy = CollectorPolicy(backlog=backlog).install()
    try:
        assert gc.get_threshold() == SATURATED_THRESHOLDS
    finally:
        policy.uninstall()


async def test_answers_in_flight_are_counted_until_they_return_however_they_return(
    core_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = core_services
    monkeypatch.setattr(memory.BACKLOG, "high", 4)
    monkeypatch.setattr(memory.BACKLOG, "low", 1)
    monkeypatch.setattr(memory.BACKLOG, "calm", 0.0)
    told: list[tuple[bool, int]] = []
    listener = lambda saturated: told.append((saturated, memory.BACKLOG.in_flight))  # noqa: E731
    memory.BACKLOG.subscribe(listener)
    try:
        before = memory.BACKLOG.in_flight
        quiz = await services.quiz.start_quiz(
            user_id=1, user_name="alice", guild_id=G, channel_id=CH, topic="transformers"
        )
        services.quiz.open_question(quiz.id)
        results = await asyncio.gather(*(
            services.quiz.answer(quiz.id, user_id=10 + i, user_name=f"p{i}", response="no idea")
            for i in range(6)
        ))
        assert all(r.verdict.kind.value == "wrong" for r in results)
        assert told[0] == (True, 4 + before), "the fourth answer in flight makes the bot saturated"
        with pytest.raises(UserError):  # an answer to a question that is not open
            await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="x", number=7)
        assert memory.BACKLOG.in_flight == before
        assert told[-1][0] is False and not memory.BACKLOG.saturated
    finally:
        memory.BACKLOG.unsubscribe(listener)
        memory.BACKLOG.saturated = False  # as every other test expects it
