"""A process started while another process of the same shard still runs a channel quiz (a rolling restart: the new
process is up before the old one exits; or two processes given one shard by mistake) leaves that quiz to its process.

Each running quiz names the process holding it and a lease that process renews (``bot.core.quiz.lease``). The new
process neither marks the quiz interrupted nor answers its buttons while the lease holds: the old process goes on
with it and answers its players. Once the old process has stopped (it gives its leases back as it closes) or its
lease has expired (it died without closing), the new process marks the quiz interrupted and says so in its channel.

The two processes run in one test process; the new one is given another machine id, as a process on another machine
or in another container is, so only the lease tells whether the old one still runs. (A restart of the only process
on one machine still ends its quizzes at the start: ``test_shard_bots``, ``test_quiz_kill_points_restart``.)
"""

from __future__ import annotations

from typing import Any

import discord
import pytest
from pg_support import pg_schema  # noqa: F401  (the ``pg`` fixture)
from test_shard_bots import (  # noqa: F401  (fixtures)
    Process,
    Server,
    advance,
    answer_box,
    both,
    processes,
    rows,
    shared_database,
)

from bot.core.quiz import lease
from cogs.quiz.views import question_view

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

INTERRUPTED = "⏹️ Quiz interrupted"


def notices(server: Server) -> list[Any]:
    """The "Quiz interrupted" notices in the server's channel, as this process's view of Discord shows it."""
    return [m for m in server.channel.history() if m.embeds and (m.embeds[0].title or "").startswith(INTERRUPTED)]


async def world(process: Process) -> None:
    """One server on shard 0, made the same way at the same instant in each view (so with the same ids)."""
    await advance(process.env, 1)
    process.build_world(1, shard=0)


async def old_and_new(processes: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Process, Process, Any]:  # noqa: F811
    """The old process runs a channel quiz; then the new process of the same shard starts, on another machine. The
    old process's first question message."""
    old = await processes("old", "0")
    await old.do(lambda: world(old))
    here = old.servers[0]

    async def start() -> Any:
        started = await here.members["alice"].slash(here.channel, "quiz", topic="transformers", questions=3, seconds=60)
        assert not started.ephemeral, started.response.content
        return here.channel.last_message

    question = await old.do(start)
    monkeypatch.setattr(lease, "machine_id", lambda: "0thermachine")
    new = await processes("new", "0")
    await new.do(lambda: world(new))
    assert new.servers[0].channel.id == here.channel.id
    return old, new, question


async def status(process: Process) -> list[tuple[Any, ...]]:
    return await rows(process, "SELECT topic, status FROM quizzes")


async def test_a_new_process_leaves_a_running_quiz_to_the_old_one_until_it_stops(
    processes, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    old, new, question = await old_and_new(processes, monkeypatch)
    here, there = old.servers[0], new.servers[0]

    # A click on the quiz's buttons reaches the new process too (it holds the same shard): it says nothing, so the
    # old process, which runs the quiz, answers it.
    live = old.services.quiz.running_in(here.channel.id)
    assert live is not None and live.question is not None

    clicked_on: list[Any] = []

    async def click_there() -> Any:
        channel = new.bot.get_channel(there.channel.id)
        assert isinstance(channel, discord.TextChannel)
        copy = await channel.send(content="(the same question)", view=question_view(live, live.question))
        shown = there.channel.last_message
        assert shown.id == copy.id
        clicked_on.append(shown)
        return await there.members["bob"].click(shown, label="Answer")

    clicked = await new.do(click_there)
    assert clicked.response is None and clicked.modal is None, clicked  # not "This quiz has ended"

    async def answer_here() -> Any:
        return await answer_box(here.members["bob"], question, "qwerty")

    graded = await old.do(answer_here)
    assert "has ended" not in graded.response.content, graded.response.content
    assert await status(new) == [("transformers", "running")]  # not marked interrupted under the old process
    await new.do(lambda: advance(new.env, 2 * lease.RENEW_SECONDS))
    assert notices(there) == [] and await status(new) == [("transformers", "running")]

    # The old process stops (it gives its leases back): the new one ends the quiz and says so in its channel.
    await old.do(old.bot.close)
    await new.do(lambda: advance(new.env, lease.RENEW_SECONDS + 1))
    assert len(notices(there)) == 1
    assert await status(new) == [("transformers", "interrupted")]

    # Its question, as shown in the new process's view, is marked ended: its buttons are gone.
    shown = next(m for m in there.channel.history() if m.id == clicked_on[0].id)
    assert not shown.components, shown.components


async def test_a_quiz_whose_process_died_elsewhere_is_taken_over_once_its_lease_expires(
    processes, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    old, new, _ = await old_and_new(processes, monkeypatch)
    there = new.servers[0]

    async def freeze() -> None:  # the old process dies without closing: it no longer renews its leases
        async def nothing() -> int:
            return 0

        old.services.quiz.keep_leases = nothing  # type: ignore[method-assign]

    await old.do(freeze)
    await new.do(lambda: advance(new.env, lease.LEASE_SECONDS - 2 * lease.RENEW_SECONDS))
    assert notices(there) == [] and await status(new) == [("transformers", "running")]
    await new.do(lambda: advance(new.env, 3 * lease.RENEW_SECONDS))
    assert len(notices(there)) == 1
    assert await status(new) == [("transformers", "interrupted")]
