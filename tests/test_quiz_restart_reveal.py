"""A restart in the pause after a reveal keeps that reveal.

After a question closes, the channel quiz edits its message into the reveal (the answer, the explanation, who got
it) and pauses before the next question. A restart in that pause announces the interruption, and leaves the reveal
as it was: the question had closed, so it is not marked "ended before this question closed".
"""

from __future__ import annotations

import pytest
from modal_support import modal_parts
from play_support import MINI_RIGHT
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    box = next(c for c in modal_parts(shown.modal) if c.get("type") == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


async def test_a_restart_during_the_pause_after_a_reveal_keeps_that_reveal(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=30)
    question = channel.last_message
    card = env.bot.tutor_services.quiz.running_in(channel.id).question.card.key
    right = await answer(m["bob"], question, MINI_RIGHT[card])
    assert "+10 points" in right.response.content
    await env.advance_time(3.5)  # the window after the first right answer: question 1 closes
    revealed = next(msg for msg in channel.history() if msg.id == question.id)
    assert revealed.embeds[0].title == "Question 1/2 · answer"  # the reveal; the next question comes in 4 s

    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))  # during the pause
    await env.bot.get_cog("Quiz").announced()
    await env.settle()

    assert channel.last_message.embeds[0].title.startswith("⏹️ Quiz interrupted")
    after = next(msg for msg in channel.history() if msg.id == question.id)
    fields = {f.name: f.value for f in after.embeds[0].fields}
    assert after.embeds[0].title == "Question 1/2 · answer", (
        f"the reveal of a question that had closed was replaced by {after.embeds[0].title!r}: "
        f"{after.embeds[0].description!r}"
    )
    assert any(name.startswith("Got it") and "bob" in value for name, value in fields.items())
    await crashed.close()
