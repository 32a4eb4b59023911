"""A hint whose reply Discord refuses: it is tried again, and a hint the member never got costs them nothing.

Before, the hint was counted before its reply was sent and the reply was not tried again: one failed call
showed "Something went wrong", the member had paid 3 points for a hint they never read, and their next press
gave the second hint.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_hint_reply_that_fails_once_is_sent_again(env, world, fail_route, ui, status) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    fault = fail_route(env, "POST", fail_route.CALLBACK, status, retry_after=1.0)
    pressed = await m["carol"].click(question, label="Hint")
    await env.advance_time(3)  # room for a try after the retry-after
    seen = ui.seen_by(pressed)
    assert fault.hits
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("Hint 1/2" in text and "1 word, 11 letters" in text for text in seen), seen


@pytest.mark.parametrize("status", [500, 503, 404])
async def test_a_hint_that_never_reached_the_member_costs_nothing(env, world, fail_route, ui, db_query, status) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    refused = [
        fail_route(env, "POST", route, status, retry_after=1.0, times=None)
        for route in (fail_route.CALLBACK, fail_route.FOLLOWUP)
    ]
    await m["carol"].click(question, label="Hint")
    await env.advance_time(3)
    assert refused[0].hits
    fail_route.faults.clear()  # Discord answers again

    again = await m["carol"].click(question, label="Hint")
    seen = ui.seen_by(again)
    assert any("Hint 1/2" in text and "now scores you 7" in text for text in seen), f"the unseen hint was skipped: {seen}"
    await ui.answer(m["carol"], question, "temperature")
    assert db_query("SELECT user_name, points FROM attempts") == [("carol", 7)]  # one hint read, one paid for
