"""A channel quiz that may no longer post (Send Messages taken away mid-quiz) shows its end in its latest message,
which holds the last question's answer: the members keep that answer as well as the end of the quiz."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_the_end_of_the_quiz_is_added_below_the_last_answer_not_in_its_place(env: Any, world: Any) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=10)
    deny = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    await env.advance_time(10.5 + 4.5 + 5)  # question 1 revealed; question 2 and the summary are refused
    assert env.bot.tutor_services.quiz.running_in(channel.id) is None

    last = [msg for msg in channel.history() if msg.author.id == env.bot.user.id][-1]
    titles = [e.title for e in last.embeds]
    assert titles[0] == "Question 1/3 · answer", f"the last answer is no longer shown: {titles}"
    assert "Answer" in [f.name for f in last.embeds[0].fields]
    assert last.embeds[0].footer.text != "Next question in a moment…"  # the quiz is over
    assert len(last.embeds) == 2 and "stopped" in (last.embeds[1].title or "").lower(), titles
