"""The channel quiz's lease (``bot.core.quiz.lease``) when clocks disagree, and when its holder falls silent.

* Clocks: on PostgreSQL the machines of a shard may keep different times. The leases are written and checked with
  the database's clock, so a process whose clock is ahead neither takes over a quiz another process still runs, nor
  does one whose clock is behind wait on a lease that has lapsed.
* A holder that could not renew for longer than the lease (its database out of reach, its event loop stalled) has
  its quiz taken over by another process. When it next renews and finds the quiz no longer its own, it lets its copy
  go without a word: no summary or question of its own, no grading, nothing written over the new holder's row.

The processes run in one test process (``test_shard_bots``); the new one is given another machine id, so only the
lease tells whether the old one still runs. Time passing in the database is shown by moving the stored leases back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import discord
import pytest
from pg_support import pg_schema  # noqa: F401  (the ``pg`` fixture)
from test_quiz_rolling_restart_lease import age_leases, notices, status, world
from test_shard_bots import (  # noqa: F401  (fixtures)
    Process,
    advance,
    processes,
    rows,
    shared_database,
)

from bot.core.quiz import lease

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

SKEW_SECONDS = 3 * lease.LEASE_SECONDS


@pytest.fixture
async def pg_processes(settings: Any, clock: Any, pg: Any):  # noqa: F811
    """``make(name, skew)``: a process of shard 0 on one PostgreSQL schema whose clock is ``skew`` seconds off."""
    started: list[Process] = []
    base = type(clock)

    class Skewed(base):  # type: ignore[misc, valid-type]
        def __init__(self, skew: float) -> None:
            super().__init__()
            self.skew = timedelta(seconds=skew)

        @property
        def now(self) -> datetime:
            return base.now.fget(self) + self.skew  # type: ignore[no-any-return]

    async def make(name: str, skew: float = 0.0) -> Process:
        process = Process(name, settings, Skewed(skew), pg.url_with_schema(), "0")
        started.append(process)
        await process.start()
        return process

    yield make
    for process in reversed(started):
        await process.stop()


async def start_quiz(process: Process) -> Any:
    """Alice starts a channel quiz in the process's server; its first question message."""
    await process.do(lambda: world(process))
    here = process.servers[0]

    async def start() -> Any:
        started = await here.members["alice"].slash(here.channel, "quiz", topic="transformers", questions=3, seconds=60)
        assert not started.ephemeral, started.response.content
        return here.channel.last_message

    return await process.do(start)


async def freeze(process: Process) -> None:
    """The process stops renewing its leases (its database out of reach, its event loop stalled)."""

    async def nothing() -> int:
        return 0

    process.services.quiz.keep_leases = nothing  # type: ignore[method-assign]


async def test_a_process_whose_clock_is_ahead_leaves_a_live_quiz_to_its_holder(
    pg_processes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = await pg_processes("old")
    await start_quiz(old)
    monkeypatch.setattr(lease, "machine_id", lambda: "0thermachine")
    new = await pg_processes("new", SKEW_SECONDS)  # its clock runs well ahead of the old machine's
    await new.do(lambda: world(new))
    there = new.servers[0]
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert notices(there) == [] and await status(new) == [("transformers", "running")]

    await old.do(old.bot.close)  # it gives its leases back: the new process takes the quiz over
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert len(notices(there)) == 1 and await status(new) == [("transformers", "interrupted")]


async def test_a_process_whose_clock_is_behind_takes_over_a_lapsed_quiz(
    pg_processes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = await pg_processes("old")
    await start_quiz(old)
    await old.do(lambda: freeze(old))  # it dies without closing
    monkeypatch.setattr(lease, "machine_id", lambda: "0thermachine")
    new = await pg_processes("new", -SKEW_SECONDS)  # its clock runs well behind the old machine's
    await new.do(lambda: world(new))
    there = new.servers[0]
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert notices(there) == [] and await status(new) == [("transformers", "running")]  # the lease holds

    await age_leases(new, lease.LEASE_SECONDS + 1)
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert len(notices(there)) == 1 and await status(new) == [("transformers", "interrupted")]


async def test_a_holder_that_lost_its_quiz_lets_it_go_quietly(
    processes: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    old = await processes("old", "0")
    question = await start_quiz(old)
    here = old.servers[0]
    monkeypatch.setattr(lease, "machine_id", lambda: "0thermachine")
    new = await processes("new", "0")
    await new.do(lambda: world(new))
    there = new.servers[0]

    # Bob opens the answer box while the old process runs the quiz; he submits it later.
    box = await old.do(lambda: _open_box(here, question))

    # The old process stalls for longer than its lease: the new one takes the quiz over and says so.
    await old.do(lambda: freeze(old))
    await age_leases(new, lease.LEASE_SECONDS + 1)
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert len(notices(there)) == 1 and await status(new) == [("transformers", "interrupted")]
    taken = await rows(new, "SELECT owner, status, summary_due, message_id FROM quizzes")
    shown_before = [m.id for m in here.channel.history()]

    # The old process comes back to life and renews: the quiz is no longer its own, so it lets its copy go.
    async def wake() -> None:
        del old.services.quiz.keep_leases

    await old.do(wake)
    await old.do(lambda: advance(old.env, lease.RENEW_SECONDS + 1))

    # A member's answer or click reaching the old process is left to the new holder: not graded there.
    graded = await old.do(lambda: here.members["bob"].submit_modal(box, {_field(box): "qwerty"}))
    assert graded.response is None, graded.response.content
    clicked = await old.do(lambda: here.members["carol"].click(question, label="Answer"))
    assert clicked.response is None and clicked.modal is None, clicked

    # Its question's time runs out and more: the old process posts nothing (no reveal, no next question, no
    # summary) and writes nothing over the new holder's row.
    await old.do(lambda: advance(old.env, 3 * 60))
    assert [m.id for m in here.channel.history()] == shown_before
    assert await rows(new, "SELECT owner, status, summary_due, message_id FROM quizzes") == taken
    assert await rows(new, "SELECT COUNT(*) FROM attempts") == [(0,)]


async def _open_box(server: Any, question: discord.Message) -> Any:
    shown = await server.members["bob"].click(question, label="Answer")
    assert shown.modal is not None, shown
    return shown


def _field(shown: Any) -> str:
    """The custom id of the answer box's text field."""
    return next(
        c["custom_id"]
        for top in shown.modal["components"]
        for c in [*top.get("components", []), top.get("component") or {}, top]
        if c.get("type") == 4
    )
