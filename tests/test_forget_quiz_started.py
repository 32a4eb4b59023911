"""/forget-me during a channel quiz the member started: the quiz goes on, and what it posts afterwards (its next
questions, their reveals, the summary) does not name them."""

from __future__ import annotations

from typing import Any

import pytest
from forget_support import member_rows
from modal_support import answered
from play_support import assert_no_pings
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def forget(member: Any, channel: Any) -> Any:
    confirm = (await member.slash(channel, "forget-me")).response
    return await member.click(confirm, label="Delete my data")


async def test_the_next_questions_of_a_quiz_they_started_do_not_name_them(env, world, services) -> None:
    guild, channel, m = world
    alice, bob = m["alice"], m["bob"]
    await alice.slash(channel, "quiz", topic="transformers", questions=2, seconds=60)
    first = channel.last_message
    assert first.embeds[0].footer.text == "Started by alice"

    done = await forget(alice, channel)
    assert done.response.embeds[0].title == "Your data in this server was deleted"

    await alice.click(first, label="Skip")  # (the quiz is still hers to skip: only her name goes)
    await env.advance_time(5)
    second = channel.last_message
    assert second.embeds[0].title == "Question 2/2 · transformers"
    assert second.embeds[0].footer.text is None
    (quiz,) = services.quiz.live()
    right = await answered(bob, second, quiz.question.prompt.hint_answer)
    assert "+10 points" in right.response.content
    await env.advance_time(65)
    after = [message for message in channel.history() if message.id >= second.id]
    assert after[-1].embeds[0].title.startswith("🏁 Quiz over")
    assert "bob" in str(after[-1].embeds[0].to_dict())
    assert not any("alice" in str(e.to_dict()) for message in after for e in message.embeds)
    assert await member_rows(services.store, guild.id, alice.id) == {}
    assert_no_pings(env)
