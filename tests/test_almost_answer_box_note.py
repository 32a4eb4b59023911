"""Almost, once per question, in a channel quiz: the answer box of a player who had their free retry says what a near
miss costs them now (a try, "your last try" on the last one); other players, and private practice, see no such line
(``test_almost_daily_answer_box_note``: the daily question)."""

from __future__ import annotations

from typing import Any

import pytest
from modal_support import modal_parts, text_box
from test_almost_free_once import NEAR, NEARER

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def quiz_world(env: Any) -> Any:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    yield channel, members
    await env.bot.close()


QUIZ_NOTE = "Your free retry is used: another near miss (“almost”) costs"


def box_text(shown: Any) -> str:
    """Everything the answer box shows above its text box."""
    assert shown.modal is not None, shown.response.content if shown.response else shown
    return "\n".join(c.get("content") or "" for c in modal_parts(shown.modal) if c.get("type") == 10)


async def submit(member: Any, shown: Any, text: str) -> Any:
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def test_the_quiz_answer_box_says_what_a_near_miss_costs_after_the_free_retry(
    env: Any, quiz_world: Any
) -> None:
    channel, m = quiz_world
    await m["alice"].slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    box = await m["bob"].click(question, label="Answer")
    assert QUIZ_NOTE not in box_text(box) and "3 tries left" in box_text(box)
    await submit(m["bob"], box, NEAR)  # the free retry
    box = await m["bob"].click(question, label="Answer")
    assert f"{QUIZ_NOTE} a try" in box_text(box) and "3 tries left" in box_text(box)
    await submit(m["bob"], box, NEARER)  # a try
    box = await m["bob"].click(question, label="Answer")
    await submit(m["bob"], box, NEAR)  # another
    box = await m["bob"].click(question, label="Answer")
    assert "1 try left" in box_text(box) and f"{QUIZ_NOTE} your last try" in box_text(box)
    # Another player's box: their free retry is still theirs.
    other = await m["carol"].click(question, label="Answer")
    assert QUIZ_NOTE not in box_text(other)


async def test_practice_boxes_say_nothing_of_a_free_retry(env: Any, quiz_world: Any) -> None:
    channel, m = quiz_world
    first = (await m["bob"].slash(channel, "quiz", topic="nlp", private=True)).response
    for _ in range(2):
        box = await m["bob"].click(first, label="Answer")
        assert "free retry" not in box_text(box)
        await submit(m["bob"], box, NEAR)
