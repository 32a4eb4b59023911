"""The Hint button pressed twice before the first hint has shown (a double click, or a second press while the
first is on its way): the member asked for one hint, sees one, and pays for one. A second press once the first
hint has shown still gives the next hint (``test_quiz_cog``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from modal_support import text_box
from simcord.http import client as simcord_client

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture(autouse=True)
def round_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each call to Discord gives the event loop away while it travels, as a real request does (simcord answers
    at once): a press that lands meanwhile is handled while the first one's reply is on its way."""
    for cls in (simcord_client.FakeHTTPClient, simcord_client.FakeWebhookAdapter):
        real = cls.request

        async def request(self: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            await asyncio.sleep(0)
            return await _real(self, *args, **kwargs)

        monkeypatch.setattr(cls, "request", request)


async def together(env: Any, *presses: Any) -> list[Any]:
    """Deliver every press to the bot before it handles any of them (two clicks a few milliseconds apart), then
    wait until it has handled them all; each press's simcord result, in order."""
    settle = env._settle_internal

    async def delivered_only(**_: Any) -> None:
        return None

    env._settle_internal = delivered_only
    try:
        results = [await press() for press in presses]
    finally:
        env._settle_internal = settle
    await env.settle()
    return results


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "carol")}
    yield channel, members
    await env.bot.close()  # simcord detaches the bot without closing it


def shown_to(result: Any) -> str:
    """Everything one press was shown privately."""
    parts = [result.response.content] if result.response is not None and result.response.content else []
    return "\n".join([*parts, *(f.content for f in result.followups if f.content)])


async def answer(member: Any, message: Any, text: str) -> Any:
    shown = await member.click(message, label="Answer")
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def test_a_double_clicked_hint_gives_one_hint_and_costs_one(env, world) -> None:
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message

    first, second = await together(
        env, lambda: m["carol"].click(question, label="Hint"), lambda: m["carol"].click(question, label="Hint")
    )

    told = [shown_to(first), shown_to(second)]
    hints = [t for t in told if "💡 Hint" in t]
    assert len(hints) == 1 and "Hint 1/2" in hints[0], f"one press of the member's gave another hint: {told}"
    assert "Hint 2/2" not in "\n".join(told)
    assert any("on its way" in t for t in told), told
    right = await answer(m["carol"], question, "temperature")
    assert "+7 points" in right.response.content, right.response.content  # 10, less one hint
    assert not env.errors


async def test_a_hint_pressed_again_after_it_showed_is_the_next_one(env, world) -> None:
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    first, second = await together(
        env, lambda: m["carol"].click(question, label="Hint"), lambda: m["carol"].click(question, label="Hint")
    )
    again = await m["carol"].click(question, label="Hint")
    assert "Hint 2/2" in shown_to(again) and "now scores you 4" in shown_to(again)
