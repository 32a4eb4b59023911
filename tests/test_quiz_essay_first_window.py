"""The first right essay in a channel quiz is told the truth about the time the others have.

A short answer opens a 3-second window for the others to match it; an essay question stays open for its whole
time (nobody writes an essay in three seconds). Its first right essay must not be told that the others have 3
seconds left, which would also tell the other players watching the writer that the question is about to close.
"""

from __future__ import annotations

import pytest
from modal_support import text_box
from play_support import FirstChoice

from bot.core.scoring import FIRST_POINTS, WINDOW_SECONDS

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

ESSAY = "Data is streamed to the model all the time instead of batch uploads, so it learns from fresh data."


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    yield channel, members
    await env.bot.close()


async def test_the_first_right_essay_is_not_told_of_a_three_second_window(env, world) -> None:
    channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()  # the essay card, by its own question
    await m["alice"].slash(channel, "quiz", topic="mlops", seconds=30, essays=True)
    question = channel.last_message
    assert env.bot.tutor_services.quiz.running_in(channel.id).question.essay

    box = await m["bob"].click(question, label="Answer")
    first = await m["bob"].submit_modal(box, {text_box(box)["custom_id"]: ESSAY})
    said = first.response.content
    assert f"+{FIRST_POINTS} points" in said and "first" in said
    assert f"{WINDOW_SECONDS:g} seconds" not in said, f"an essay question stays open, but bob read: {said!r}"

    # and it is true: carol, writing for a minute more, is still graded
    await env.advance_time(WINDOW_SECONDS + 30)
    box = await m["carol"].click(question, label="Answer")
    second = await m["carol"].submit_modal(box, {text_box(box)["custom_id"]: ESSAY})
    assert "Correct" in second.response.content


async def test_the_first_right_short_answer_still_gives_the_others_their_window(env, world) -> None:
    channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", seconds=30)
    question = channel.last_message
    box = await m["bob"].click(question, label="Answer")
    first = await m["bob"].submit_modal(box, {text_box(box)["custom_id"]: "temperature"})
    assert f"Others have {WINDOW_SECONDS:g} seconds to match it" in first.response.content
