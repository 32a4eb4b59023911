"""In a channel quiz with essays, an essay question stays open for its whole time after the first right essay.

The 3-second window after the first right answer is a race for short answers; nobody writes an essay in three
seconds, so a member who opened the box with the fastest writer still has their essay graded.
"""

from __future__ import annotations

import pytest
from modal_support import modal_parts
from play_support import FirstChoice

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

ESSAY = "Data is streamed to the model all the time instead of batch uploads, so it learns from fresh data."


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    yield channel, members
    await env.bot.close()


def box_id(shown) -> str:
    return next(c for c in modal_parts(shown.modal) if c.get("type") == 4)["custom_id"]


async def test_a_second_essay_written_within_the_questions_time_is_graded(env, world) -> None:
    channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()  # the essay card by its own question
    await m["alice"].slash(channel, "quiz", topic="mlops", seconds=30, essays=True)
    question = channel.last_message
    assert env.bot.tutor_services.quiz.running_in(channel.id).question.card.is_essay

    bob_box = await m["bob"].click(question, label="Answer")
    carol_box = await m["carol"].click(question, label="Answer")  # both start writing
    await env.advance_time(20)
    first = await m["bob"].submit_modal(bob_box, {box_id(bob_box): ESSAY})
    assert "Correct" in first.response.content
    await env.advance_time(25)  # carol sends hers 45 s into a question announced for at least 90 s
    second = await m["carol"].submit_modal(carol_box, {box_id(carol_box): ESSAY})

    assert "Correct" in second.response.content, (
        "an essay sent 45 s into a question open at least 90 s was refused (the first right essay closed it "
        f"3 s later): {second.response.content!r}"
    )
