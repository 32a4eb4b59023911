"""A chat answer (``TUTOR_CHAT_ANSWERS``) is graded as the player wrote it, whole: the answer at the end of a long
message, or a word written under heavy combining marks, counts as it would typed alone, and the whole of it is
stored (the answer box takes as much for an essay question)."""

from __future__ import annotations

import random

import pytest
from discord.ext import commands
from world_support import chat_answers_on  # noqa: F401  (the ``settings`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

FIRST = "✅ **bob** got it first! +10 points"
#: 436 characters of a player thinking aloud, the answer last.
MUSING = (
    "ok so I remember this one from the lecture last week, the professor spent ages on it and drew the little "
    "graph on the whiteboard where the distribution gets flatter and flatter as you turn the knob up, and sharper "
    "when you turn it down, which is why the outputs look so samey when it's low and go a bit wild when it's high. "
    "it is the thing you divide the logits by right before the softmax, and I'm pretty sure the answer is temperature"
)


def zalgo(word: str, marks: int) -> str:
    """``word`` with ``marks`` combining marks after each letter (how "cursed text" generators write it)."""
    rng = random.Random(5)
    return "".join(ch + "".join(chr(rng.randint(0x300, 0x36F)) for _ in range(marks)) for ch in word)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    yield channel, members
    await env.bot.close()


async def stored(bot: commands.Bot) -> list[tuple]:
    async with bot.get_cog("Quiz").services.store.read() as db:  # type: ignore[union-attr]
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("text", [MUSING, zalgo("temperature", 150)], ids=["long-message", "combining-marks"])
async def test_a_long_chat_answer_is_graded_whole(env, world, text) -> None:
    assert len(text) > 400
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    await m["bob"].send(channel, text)
    said = [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]
    assert said == [FIRST], "bob's answer was cut off before it was graded"
    assert await stored(env.bot) == [("bob", text, "correct", 10)]
