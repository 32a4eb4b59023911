"""A player who can no longer score on the open question (right already, or out of tries) may still type its
answer in the chat, in front of everyone: that closes the question at once, as any right chat answer does, and
scores nothing. Before, the message was not even graded, and the others could copy it into the answer box and
score. Talk and wrong guesses from such a player change nothing."""

from __future__ import annotations

import pytest
from modal_support import text_box
from test_quiz_chat_right_answer_closes import attempts, world
from world_support import chat_answers_on  # noqa: F401  (the ``settings`` fixture)

__all__ = ["world"]  # (the fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def answer_in_box(member, question, text: str):
    box = await member.click(question, label="Answer")
    return await member.submit_modal(box, {text_box(box)["custom_id"]: text})


def answer_buttons(message) -> list[str]:
    """The labels of the buttons on the question's message (none once it has closed)."""
    return [c.label for row in message.components or () for c in row.children if getattr(c, "label", None)]


async def test_the_answer_from_a_player_out_of_tries_closes_the_question(env, world) -> None:
    channel, alice, _bob, carol, dave = world
    await alice.slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    for guess in ("top-k", "top-p", "beam search"):
        last = await answer_in_box(carol, question, guess)
    assert "no tries left" in last.response.content
    await carol.send(channel, "lol no idea")  # talk: the question stays open
    await carol.send(channel, "top-k?")  # a wrong guess: the same
    assert "Answer" in answer_buttons(question)
    box = await dave.click(question, label="Answer")  # dave opens his answer box
    await carol.send(channel, "temperature")  # the answer, in front of everyone
    late = await dave.submit_modal(box, {text_box(box)["custom_id"]: "temperature"})  # copied into the box
    assert "not counted" in late.response.content
    rows = await attempts(env)
    assert not any(name == "dave" and verdict == "correct" for name, _r, verdict, _p in rows)
    assert not any(name == "carol" and response == "temperature" for name, response, _v, _p in rows)  # nothing stored
    said = [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]
    assert not any("carol" in line for line in said)  # no points, no announcement
    assert env.errors == []


async def test_the_answer_repeated_in_the_chat_by_the_first_to_get_it_ends_the_window(env, world) -> None:
    channel, alice, bob, _carol, dave = world
    await alice.slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    await answer_in_box(bob, question, "temperature")  # right in the box: the others keep a short window
    box = await dave.click(question, label="Answer")
    await bob.send(channel, "temperature")  # ... until bob says it in the chat
    await env.advance_time(1)
    late = await dave.submit_modal(box, {text_box(box)["custom_id"]: "temperature"})
    assert "not counted" in late.response.content
    assert await attempts(env) == [("bob", "temperature", "correct", 10)]
    assert env.errors == []
