"""A Discord call whose connection drops with one of aiohttp's own errors: Discord closed a kept-alive connection
(``ServerDisconnectedError``) or cut the answer off halfway (``ClientPayloadError``). discord.py lets these
through as they are, and they are no ``OSError``: each place that takes a dropped connection as a passing failure
must take these too. Before, the reminder below was lost for the day, and a channel quiz ended at its first
question, telling the channel its answers were not saved. A counted answer whose reply timed out or dropped was
answered "Something went wrong"."""

from __future__ import annotations

import aiohttp
import pytest
from faultkit import answer_box_id, embed_title
from reminder_support import pass_time

DROPS = {
    "server-disconnected": lambda: aiohttp.ServerDisconnectedError(),
    "payload-cut-off": lambda: aiohttp.ClientPayloadError("Response payload is not completed"),
}


def timed_out() -> None:
    raise TimeoutError


def dropping(kind: str):
    def drop() -> None:
        raise DROPS[kind]()

    return drop


@pytest.mark.parametrize("kind", list(DROPS))
async def test_a_reminder_whose_connection_dropped_is_sent_later_that_day(env, world, fail_route, kind) -> None:
    _, channel, m = world
    await env.bot.unload_extension("cogs.daily")  # (it wakes every 30 s; it plays no part here)
    alice = m["alice"]
    await alice.slash(channel, "review reminder", time="09:00")
    start = await alice.slash(channel, "review start")
    await alice.click(start.response, label="Don't know")  # one card due again in a minute
    fault = fail_route.on(env, "POST", r"/channels/\d+/messages", dropping(kind))
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits, "the reminder was never tried: adapt the test"
    await pass_time(env, 1)  # 10:00:30
    dms = alice.user.dm_channel.history() if alice.user.dm_channel else []
    assert len(dms) == 1, f"the reminder was lost for the day ({len(dms)} sent)"
    await pass_time(env, 6)
    assert len(alice.user.dm_channel.history()) == 1


@pytest.mark.parametrize("kind", list(DROPS))
async def test_a_question_post_whose_connection_dropped_is_tried_again(env, world, fail_route, ui, kind) -> None:
    _, channel, m = world
    fault = fail_route.on(
        env, "POST", fail_route.send(channel), dropping(kind),
        when=lambda body: embed_title(body).startswith("Question 1/"),
    )
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await env.advance_time(30)
    assert fault.hits, "the question was never posted: adapt the test"
    titles = ui.titles(channel)
    assert any(t.startswith("Question 1/1") for t in titles), f"the question was not posted again: {titles}"
    assert ui.told_quiz_ended(channel), titles
    stopped = [ui.text(msg) for msg in channel.history() if "stopped here" in ui.text(msg)]
    assert stopped == [], f"the quiz was cut short: {stopped}"


@pytest.mark.parametrize("kind", ["timeout", *DROPS])
async def test_a_reply_after_a_committed_answer_that_fails_on_the_way_still_tells_the_player(
    env, world, fail_route, ui, db_query, kind
) -> None:
    """bob's answer is counted; the reply that tells him so fails on the way (not by Discord's answer): it is
    tried again, and he learns his point counted rather than reading "Something went wrong"."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    fault = fail_route.on(env, "POST", fail_route.CALLBACK, timed_out if kind == "timeout" else dropping(kind))
    submitted = await m["bob"].submit_modal(shown, {answer_box_id(shown): "temperature"})
    await env.advance_time(2)  # room for the retry
    seen = ui.seen_by(submitted)
    assert fault.hits
    assert db_query("SELECT user_name, points FROM attempts") == [("bob", 10)]  # the point counted, once
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("+10" in text for text in seen), f"bob was never told his point counted: {seen}"
