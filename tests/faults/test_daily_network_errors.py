"""The daily question when a Discord call fails on the way rather than by Discord's answer: a timeout, a dropped
connection, or a rate limit longer than the client waits (discord.py raises ``RateLimited`` then, which is no
``HTTPException``, when a bot sets ``max_ratelimit_timeout``). Each is a passing failure, handled as a 5xx is:
the member or moderator is told what happened and what comes next, never "Something went wrong".

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import aiohttp
from daily_support import World, answer, daily_deck, daily_world, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from faultkit import FailRoute, embed_title, seen

TITLE = "Question of the day — 1 Jan"


def says(words: str) -> Callable[[Any], bool]:
    return lambda body: words in json.dumps(body, ensure_ascii=False)


def is_post(body: Any) -> bool:
    return embed_title(body) == TITLE


def timed_out() -> None:
    raise TimeoutError


def dropped() -> None:
    raise aiohttp.ServerDisconnectedError()


async def test_daily_now_rate_limited_says_it_will_retry_and_posts_once(world: World, env, fail_route: FailRoute) -> None:
    """``/daily now``'s post is rate-limited for a minute: the moderator is told it is retried shortly (not
    "Something went wrong"), and the question goes out once."""
    await world.set(time="23:00", answer_hours=2)  # (the schedule's own post is far off)
    fault = fail_route(env, "POST", fail_route.send(world.channel), 429, rate_limited=True, retry_after=60.0,
                       when=is_post)  # fmt: skip
    r = await world.admin.slash(world.channel, "daily now")
    assert fault.hits, "the post was not rate-limited: adapt the test"
    text = seen(r)
    assert "Something went wrong" not in text, text
    assert "retry" in text, text
    await env.advance_time(5 * 60)
    assert titles(world) == [TITLE]
    await env.advance_time(30 * 60)
    assert titles(world) == [TITLE]


async def test_the_scheduled_post_whose_connection_dropped_is_sent_at_once(world: World, env, fail_route) -> None:
    await world.set(answer_hours=2)
    fault = fail_route.on(env, "POST", fail_route.send(world.channel), dropped, when=is_post)
    await env.advance_time(10 * 60 + 5)  # 00:10:05: the post time, and the few seconds a retry waits
    assert fault.hits and titles(world) == [TITLE]


async def test_an_answer_whose_acknowledgement_timed_out_is_not_counted_and_the_member_is_told(
    world: World, env, services, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    # The submission's acknowledgement (a deferral: type 5) times out; nothing was graded.
    fault = fail_route.on(env, "POST", fail_route.CALLBACK, timed_out, when=lambda body: body.get("type") == 5)
    r = await answer(world.alice, world.posts()[0], "attention")
    assert fault.hits
    assert "not** counted" in seen(r), seen(r)
    async with services.store.read() as db:
        assert await db.execute_fetchall("SELECT * FROM attempts") == []


async def test_an_answer_box_the_network_failed_to_open_says_press_again(
    world: World, env, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route.on(env, "POST", fail_route.CALLBACK, dropped, times=2, when=lambda body: body.get("type") == 9)
    shown = await world.alice.click(world.posts()[0], label="Answer")
    assert len(fault.hits) == 2
    text = seen(shown)
    assert "Something went wrong" not in text and "press Answer again" in text, text


async def test_a_verdict_whose_edit_is_rate_limited_comes_as_a_new_message(
    world: World, env, services, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    fault = fail_route(env, "PATCH", fail_route.EDIT_ORIGINAL, 429, rate_limited=True, retry_after=60.0,
                       when=says("+10 points"))  # fmt: skip
    r = await answer(world.alice, world.posts()[0], "attention")
    assert fault.hits
    text = seen(r)
    assert "+10 points" in text and "Something went wrong" not in text, text
    async with services.store.read() as db:
        assert len(await db.execute_fetchall("SELECT * FROM attempts")) == 1
