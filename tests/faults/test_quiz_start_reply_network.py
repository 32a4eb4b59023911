"""The reply to ``/quiz`` in a channel fails with something else than a Discord status: the connection dropped or
timed out, or a rate limit longer than the client waits (``RateLimited``, no ``HTTPException``). The quiz was
registered to the channel before the reply: it must run all the same, or nothing would ever end it and the
channel would refuse every new quiz ("a quiz is already running here") until the bot restarts."""

from __future__ import annotations

import pytest


def dropped() -> None:
    raise ConnectionResetError(104, "Connection reset by peer")


def timed_out() -> None:
    raise TimeoutError


@pytest.mark.parametrize("failure", ["dropped", "timed-out", "rate-limited"])
async def test_a_quiz_whose_start_reply_failed_runs_and_frees_its_channel(env, world, fail_route, ui, failure) -> None:
    _, channel, m = world
    if failure == "rate-limited":
        fail_route(env, "POST", fail_route.CALLBACK, 429, rate_limited=True, retry_after=60.0)
    else:
        fail_route.on(env, "POST", fail_route.CALLBACK, dropped if failure == "dropped" else timed_out)
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await env.advance_time(30)  # the whole quiz
    titles = ui.titles(channel)
    assert any(t.startswith("Question 1/1") for t in titles), f"the quiz never asked its question: {titles}"
    assert ui.told_quiz_ended(channel), titles
    again = await m["bob"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral, f"the channel is still taken: {ui.seen_by(again)}"
