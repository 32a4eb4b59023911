"""Discord answering 40060 "Interaction has already been acknowledged" on the daily question's answer flow.

Discord gives that answer when an earlier try of the same response went through (discord.py tries a callback
again after a server error whose first try Discord had in fact taken). The response is there for the member, so
the bot must carry on as if its call had worked: never show an error for it, never count an answer twice, never
leave the member with a "thinking…" placeholder and no reply.

The fault here is made the way Discord makes it: the call goes through, then the bot gets the 40060 error.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from daily_support import World, answer, daily_deck, daily_world  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import FailRoute, Fault, fail_after_call, seen  # noqa: E402

ALREADY_ACKNOWLEDGED = 40060


@pytest.fixture
def taken_then_40060(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Fault]:
    """``taken_then_40060(env, when=)``: the next interaction callback ``when(body)`` picks is taken by Discord,
    and the bot is answered 40060 "Interaction has already been acknowledged" (its retry's answer)."""

    def install(env: Any, *, when: Callable[[Any], bool]) -> Fault:
        fault = Fault(
            env.backend, "POST", re.compile(FailRoute.CALLBACK), 400, times=1, when=when,
            code=ALREADY_ACKNOWLEDGED, message="Interaction has already been acknowledged.",
        )
        return fail_after_call(monkeypatch, fault)

    return install


def kind(n: int) -> Callable[[Any], bool]:
    """For ``when=``: an interaction callback of type ``n`` (5: deferred "thinking…", 4: a message, 9: a modal)."""
    return lambda body: isinstance(body, dict) and body.get("type") == n


async def posted(world: World, env) -> Any:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    return world.posts()[0]


async def test_answer_button_acknowledged_twice_opens_the_box_and_the_answer_counts(
    world: World, env, taken_then_40060
) -> None:
    post = await posted(world, env)
    fault = taken_then_40060(env, when=kind(9))
    shown = await world.alice.click(post, label="Answer")
    assert fault.hits, "the box was not opened: adapt the test"
    assert shown.modal is not None
    assert "⚠️" not in seen(shown), seen(shown)
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    r = await world.alice.submit_modal(shown, {field: "attention"})
    assert "+10 points" in seen(r), seen(r)


async def test_answer_submitted_and_acknowledged_twice_is_graded_counted_once_and_told(
    world: World, env, taken_then_40060
) -> None:
    post = await posted(world, env)
    fault = taken_then_40060(env, when=kind(5))
    r = await answer(world.alice, post, "attention")
    assert fault.hits, "the answer was not acknowledged: adapt the test"
    said = seen(r)
    assert "+10 points" in said, f"the member was not told their answer counted: {said!r}"
    assert "not** counted" not in said and "went wrong" not in said, said
    again = await world.alice.click(post, label="Answer")  # counted: no second box
    assert "already answered this question and got it right" in seen(again), seen(again)
    await env.advance_time(2 * 3600)  # the reveal names alice once
    reveal = world.channel.last_message
    got = {f.name: f.value for f in reveal.embeds[0].fields}["Got it"]
    assert got == "alice", got


async def test_was_right_acknowledged_twice_records_the_dispute_and_says_so(
    world: World, env, taken_then_40060
) -> None:
    post = await posted(world, env)
    r = await answer(world.alice, post, "convolution")  # wrong: "I was right" is offered
    verdict = r.followups[-1] if r.followups else r.response
    fault = taken_then_40060(env, when=kind(5))
    pressed = await world.alice.click(verdict, label="I was right")
    assert fault.hits, "the press was not acknowledged: adapt the test"
    said = seen(pressed)
    assert "Sent to the moderators" in said, f"the member was left without a reply: {said!r}"
    assert "went wrong" not in said, said
    again = await world.alice.click(verdict, label="I was right")
    assert "you already disputed that answer" in seen(again), seen(again)  # recorded once, the first time


async def test_define_acknowledged_twice_shows_the_definition_and_no_error(
    world: World, env, taken_then_40060, caplog
) -> None:
    found = await world.alice.slash(world.channel, "search", text="temperature sampling")
    fault = taken_then_40060(env, when=kind(4))
    shown = await world.alice.click(found.response, label="1. temperature")
    assert fault.hits, "the definition was not sent: adapt the test"
    said = seen(shown)
    assert "temperature" in said.lower(), said
    assert "⚠️" not in said and "went wrong" not in said, said
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged == [], f"a definition that was shown was logged as an unexpected error: {logged}"


@pytest.fixture
def taken_then_503(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Fault]:
    """``taken_then_503(env, when=)``: Discord takes the picked callback, then the bot gets a 503 (discord.py's own
    retries used up): whether it went through cannot be told from the error."""

    def install(env: Any, *, when: Callable[[Any], bool]) -> Fault:
        fault = Fault(env.backend, "POST", re.compile(FailRoute.CALLBACK), 503, times=1, when=when)
        return fail_after_call(monkeypatch, fault)

    return install


async def test_an_answer_whose_acknowledgement_discord_took_before_failing_is_counted_and_told(
    world: World, env, taken_then_503
) -> None:
    """The "thinking…" placeholder is there although the bot was told 503: the member is not left with it."""
    post = await posted(world, env)
    fault = taken_then_503(env, when=kind(5))
    r = await answer(world.alice, post, "attention")
    assert fault.hits, "the answer was not acknowledged: adapt the test"
    said = seen(r)
    assert said, "the member was left with a \"thinking…\" placeholder and no reply"
    if "+10 points" not in said:  # not counted: then told so, and it may be sent again
        assert "not** counted" in said, said
        again = await answer(world.alice, post, "attention")
        assert "+10 points" in seen(again), seen(again)


async def test_a_was_right_press_whose_acknowledgement_discord_took_before_failing_gets_a_reply(
    world: World, env, taken_then_503
) -> None:
    post = await posted(world, env)
    r = await answer(world.alice, post, "convolution")
    verdict = r.followups[-1] if r.followups else r.response
    fault = taken_then_503(env, when=kind(5))
    pressed = await world.alice.click(verdict, label="I was right")
    assert fault.hits, "the press was not acknowledged: adapt the test"
    assert seen(pressed), "the member was left with a \"thinking…\" placeholder and no reply"
    again = await world.alice.click(verdict, label="I was right")
    assert "Sent to the moderators" in seen(again), seen(again)
