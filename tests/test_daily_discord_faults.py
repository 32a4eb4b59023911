"""The daily question when Discord fails (issue 11): 429 with a retry-after, 500, 503, 403 and 404 on the
post, the reveal, the answer box and the verdict. What is worth retrying is retried, an edit that cannot be
made becomes a new message, the member always learns whether their answer counted, and nothing is posted
twice — also when Discord made a message and then answered with an error.

Faults come from the fault kit (``tests/faults/faultkit.py``): the exceptions discord.py itself raises once its
own retries are used up. The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in
Paris (00:10 UTC).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from daily_support import World, answer, daily_deck, daily_world, embed_fields, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import (  # noqa: E402
    FailRoute,
    embed_title,
    failing_after_the_call,  # noqa: F401  (the ``fail_after`` fixture)
    failing_routes,  # noqa: F401  (the ``fail_route`` fixture)
    seen,
)

TITLE = "Question of the day — 1 Jan"
REVEAL = "Answer — question of the day, 1 Jan"
REPLIES = rf"(?:{FailRoute.CALLBACK}|{FailRoute.EDIT_ORIGINAL}|{FailRoute.FOLLOWUP})"


def says(words: str) -> Callable[[Any], bool]:
    """For ``when=``: a request body that carries ``words``."""
    return lambda body: words in json.dumps(body, ensure_ascii=False)


def is_post(body: Any) -> bool:
    return embed_title(body) == TITLE


def is_reveal(body: Any) -> bool:
    return embed_title(body) == REVEAL


# -- the post ----------------------------------------------------------------------------------------------
async def test_a_rate_limited_post_goes_out_after_its_retry_after(world: World, env, fail_route: FailRoute) -> None:
    await world.set(answer_hours=2)
    fault = fail_route(env, "POST", fail_route.send(world.channel), 429, retry_after=5.0, when=is_post)
    await env.advance_time(10 * 60 + 10)  # the post time and the five seconds Discord asked for
    assert fault.hits and titles(world) == [TITLE]
    await env.advance_time(10 * 60)
    assert titles(world) == [TITLE]


@pytest.mark.parametrize("status", [500, 503])
async def test_a_post_discord_made_before_failing_is_not_sent_again(world: World, env, fail_after, status) -> None:
    await world.set(answer_hours=2)
    fault = fail_after(env, "POST", FailRoute.send(world.channel), status, when=is_post)
    await env.advance_time(15 * 60)
    assert fault.hits and titles(world) == [TITLE]
    r = await answer(world.alice, world.posts()[0], "attention")  # it is the question: answers count
    assert "+10 points" in r.response.content
    await env.advance_time(2 * 3600)
    assert titles(world) == [TITLE, REVEAL]


async def test_a_retry_that_cannot_read_the_channel_waits_rather_than_post_twice(
    world: World, env, fail_route: FailRoute, fail_after
) -> None:
    await world.set(answer_hours=2)
    fail_after(env, "POST", FailRoute.send(world.channel), 503, when=is_post)
    history = fail_route(env, "GET", fail_route.send(world.channel), 503, times=1)
    await env.advance_time(15 * 60)
    assert history.hits  # the look for the first try failed: nothing was sent again then
    assert titles(world) == [TITLE]
    await env.advance_time(30 * 60)
    assert titles(world) == [TITLE]


def deny_history(env: Any, channel: Any) -> None:
    """Take Read Message History away from the bot in ``channel`` (Discord then shows it an empty history)."""
    deny = discord.Permissions(read_message_history=True).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))


async def test_without_read_message_history_a_post_discord_made_is_never_sent_twice(
    world: World, env, fail_after
) -> None:
    await world.set(answer_hours=2)
    deny_history(env, world.channel)  # after /daily set, which asks for it
    await env.settle()
    fail_after(env, "POST", FailRoute.send(world.channel), 503, when=is_post)
    await env.advance_time(15 * 60)
    assert len(titles(world)) <= 1
    r = await world.admin.slash(world.channel, "daily status")
    state = r.response.embeds[0].description
    assert state.startswith(f"⏸️ Paused: I am missing Read Message History in <#{world.channel.id}>"), state
    await env.advance_time(30 * 60)
    assert len(titles(world)) <= 1


async def test_a_retry_that_may_no_longer_read_the_channel_does_not_post_again(world: World, env, fail_after) -> None:
    await world.set(answer_hours=2)

    def made_then_history_lost(body: Any) -> bool:
        """Discord makes the post; by the retry's look, the bot may no longer read the channel's history."""
        if is_post(body):
            deny_history(env, world.channel)
            return True
        return False

    fault = fail_after(env, "POST", FailRoute.send(world.channel), 503, when=made_then_history_lost)
    await env.advance_time(15 * 60)
    assert fault.hits and titles(world) == [TITLE]
    await env.advance_time(30 * 60)
    assert titles(world) == [TITLE]  # whether the first try went through could not be told: not sent again


@pytest.mark.parametrize(("status", "reason"), [(403, "I am not allowed to post"), (404, "was deleted")])
async def test_a_post_refused_for_good_pauses_the_server_and_is_tried_once(
    world: World, env, fail_route: FailRoute, status: int, reason: str
) -> None:
    await world.set(answer_hours=2)
    fault = fail_route(env, "POST", fail_route.send(world.channel), status, times=None, when=is_post)
    await env.advance_time(3 * 3600)
    assert len(fault.hits) == 1 and titles(world) == []
    r = await world.admin.slash(world.channel, "daily status")
    assert r.response.embeds[0].description.startswith("⏸️ Paused:") and reason in r.response.embeds[0].description


# -- the reveal ----------------------------------------------------------------------------------------------
async def test_a_reveal_refused_by_server_errors_for_minutes_is_sent_once(
    world: World, env, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    await answer(world.alice, world.posts()[0], "attention")
    fault = fail_route(env, "POST", fail_route.send(world.channel), 503, times=8, when=is_reveal)
    await env.advance_time(2 * 3600)
    assert fault.hits
    await env.advance_time(10 * 60)
    assert len(fault.hits) == 8 and titles(world) == [TITLE, REVEAL]
    assert embed_fields(world.channel.last_message)["Got it"] == "alice"
    await env.advance_time(3600)
    assert titles(world) == [TITLE, REVEAL]


async def test_a_reveal_discord_made_before_failing_is_not_sent_again(world: World, env, fail_after) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_after(env, "POST", FailRoute.send(world.channel), 503, when=is_reveal)
    await env.advance_time(2 * 3600)
    assert fault.hits
    await env.advance_time(30 * 60)
    assert titles(world) == [TITLE, REVEAL]


async def test_a_rate_limited_reveal_goes_out_after_its_retry_after(world: World, env, fail_route: FailRoute) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route(env, "POST", fail_route.send(world.channel), 429, retry_after=3.0, when=is_reveal)
    await env.advance_time(2 * 3600 - 5 * 60 + 5)  # answers closed at 02:10 UTC; five seconds later
    assert fault.hits and titles(world) == [TITLE, REVEAL]


# -- answering -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 503])
async def test_an_answer_box_discord_failed_to_open_is_opened_again(
    world: World, env, fail_route: FailRoute, status: int
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route(env, "POST", fail_route.CALLBACK, status, when=lambda body: body.get("type") == 9)
    shown = await world.alice.click(world.posts()[0], label="Answer")
    assert fault.hits and shown.modal is not None
    assert "Something went wrong" not in seen(shown)


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_a_verdict_reply_failing_once_is_sent_again_and_counted_once(
    world: World, env, services, fail_route: FailRoute, status: int
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route(env, "*", REPLIES, status, retry_after=2.0, when=says("+10 points"))
    r = await answer(world.alice, world.posts()[0], "attention")
    assert fault.hits
    text = seen(r)
    assert "+10 points" in text and "Something went wrong" not in text
    async with services.store.read() as db:
        assert len(await db.execute_fetchall("SELECT * FROM attempts")) == 1


async def test_a_verdict_that_cannot_replace_its_placeholder_comes_as_a_new_message(
    world: World, env, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route(env, "PATCH", fail_route.EDIT_ORIGINAL, 404, times=None, when=says("+10 points"))
    r = await answer(world.alice, world.posts()[0], "attention")
    assert fault.hits
    assert "+10 points" in seen(r)


async def test_an_answer_discord_did_not_pass_on_is_not_counted_and_the_member_is_told(
    world: World, env, services, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    # The submission's acknowledgement fails (a deferral is type 5); the member may try again.
    fault = fail_route(env, "POST", fail_route.CALLBACK, 503, when=lambda body: body.get("type") == 5)
    r = await answer(world.alice, world.posts()[0], "attention")
    assert fault.hits and "not** counted" in seen(r)
    async with services.store.read() as db:
        assert await db.execute_fetchall("SELECT * FROM attempts") == []
    r = await answer(world.alice, world.posts()[0], "attention")
    assert "+10 points" in seen(r)
