"""The 20 s between two quizzes a member starts, at its edges (simcord, virtual clock): the last second of the wait
is said as a member reads it, and the start at 20 s is taken."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_the_last_second_of_the_cooldown_is_one_second_and_twenty_seconds_later_it_starts(env) -> None:
    guild = env.create_guild()
    study, other = guild.create_text_channel("study"), guild.create_text_channel("other")
    alice = guild.add_member(env.create_user("alice"))
    await alice.slash(study, "quiz", topic="llms", seconds=10)
    await env.advance_time(19.5)  # the quiz has ended; half a second of the wait is left
    r = await alice.slash(other, "quiz", topic="nlp")
    assert r.ephemeral
    assert "wait 1 second before starting another" in r.response.content, r.response.content
    await env.advance_time(0.5)  # 20 s after the first start
    r = await alice.slash(other, "quiz", topic="nlp")
    assert not r.ephemeral, r.response.content
    assert other.last_message.embeds[0].title == "Question 1/1 · nlp"
    await env.bot.close()
