"""A player who presses "I was right" is told their dispute went to the moderators, even when Discord fails the
first time it is said: the dispute is recorded, so the player must not read "something went wrong", and pressing
again confirms it was sent rather than refusing it as "already disputed"."""

from __future__ import annotations

import discord
import pytest
from modal_support import text_box
from play_support import FirstChoice

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

WAS_RIGHT = "I was right"
SENT = "Sent to the moderators"


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    env.bot.tutor_services.quiz.rng = FirstChoice()
    yield guild, channel, members
    await env.bot.close()


def said(result) -> str:
    """Everything a click's result told the member (its response and follow-ups)."""
    messages = [result.response, *result.followups]
    return "\n".join(m.content or "" for m in messages if m is not None)


async def wrong_answer(channel, m):
    """bob answers a one-question channel quiz on temperature wrong; his private verdict."""
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    question = channel.last_message
    shown = await m["bob"].click(question, label="Answer")
    verdict = await m["bob"].submit_modal(shown, {text_box(shown)["custom_id"]: "softmax divisor"})
    assert verdict.response.content.startswith("❌"), verdict.response.content
    return verdict.response


async def open_disputes(env, guild) -> int:
    page = await env.bot.tutor_services.disputes.page(guild.id)
    return 0 if page is None else page.total


async def test_a_confirmation_discord_fails_once_is_sent_again(env, world) -> None:
    guild, channel, m = world
    verdict = await wrong_answer(channel, m)
    env.inject_error("POST", "/webhooks/*", status=503, message="Unavailable", times=1)
    sent = await m["bob"].click(verdict, label=WAS_RIGHT)
    await env.settle()
    text = said(sent)
    assert await open_disputes(env, guild) == 1
    assert SENT in text, f"the dispute was recorded but bob was told: {text!r}"
    assert "went wrong" not in text, text


async def test_pressing_again_after_an_unsent_confirmation_confirms_it_was_sent(env, world) -> None:
    guild, channel, m = world
    verdict = await wrong_answer(channel, m)
    env.inject_error("POST", "/webhooks/*", status=503, message="Unavailable", times=None)
    try:
        await m["bob"].click(verdict, label=WAS_RIGHT)
    except discord.HTTPException:
        pass
    await env.settle()
    env.backend.faults.clear()
    assert await open_disputes(env, guild) == 1  # recorded, though bob never read so

    again = await m["bob"].click(verdict, label=WAS_RIGHT)
    text = said(again)
    assert again.ephemeral and SENT in text, f"bob pressed again and was told: {text!r}"
    assert "softmax divisor" in text
    assert await open_disputes(env, guild) == 1  # still one dispute
