"""A command whose very first call to Discord fails by the network (a dropped connection, a timeout, Discord's
own servers failing, a long rate limit) is told as what it is: Discord could not be reached, try again. It is not
"Something went wrong on my side" with a reference to a bug nobody can find in the log."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest


def dropped() -> None:
    raise ConnectionResetError(104, "Connection reset by peer")


def timed_out() -> None:
    raise TimeoutError


def disconnected() -> None:
    raise aiohttp.ServerDisconnectedError()


@pytest.mark.parametrize("failure", ["dropped", "timed-out", "disconnected", "server-error", "rate-limited"])
@pytest.mark.parametrize("command", [("stats", {}), ("define", {"term": "attention"}), ("leaderboard", {})])
async def test_a_command_whose_first_call_failed_by_network_says_so(
    env, world, fail_route, ui, failure: str, command: tuple[str, dict[str, Any]]
) -> None:
    _, channel, m = world
    if failure == "server-error":
        fail_route(env, "POST", fail_route.CALLBACK, 503)  # an interaction callback is not retried by the client
    elif failure == "rate-limited":
        fail_route(env, "POST", fail_route.CALLBACK, 429, rate_limited=True, retry_after=60.0)
    else:
        action = {"dropped": dropped, "timed-out": timed_out, "disconnected": disconnected}[failure]
        fail_route.on(env, "POST", fail_route.CALLBACK, action)
    name, options = command
    shown = await m["alice"].slash(channel, name, **options)
    said = " ".join(ui.seen_by(shown))
    assert "Something went wrong" not in said, said
    assert "Discord" in said and "try again" in said, said
    assert shown.ephemeral, said
