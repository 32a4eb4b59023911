"""Every quiz component checks where it is used (issue 11): a button's custom id is not a key to the quiz.

A button can be copied into another channel or server (by a crafted message or client); whatever carries a
quiz's id there must not stop, skip or score in that quiz. Moderation rights are those of the quiz's own
channel, and a practice belongs to whoever started it.
"""

from __future__ import annotations

import discord
import pytest
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from cogs.quiz import OptionButton, QuizButton

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def live(env, channel):
    return env.bot.tutor_services.quiz.running_in(channel.id)


async def copy_buttons(env, channel, *items: discord.ui.Item) -> None:
    """A message elsewhere carrying buttons with a quiz's custom ids."""
    view = discord.ui.View()
    for item in items:
        view.add_item(item)
    await env.bot.get_channel(channel.id).send("copied buttons", view=view)


async def attempts(env) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall("SELECT user_name, points FROM attempts")]


async def test_a_quiz_button_copied_into_another_server_does_nothing_there(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    quiz = live(env, channel)
    other = env.create_guild(name="Elsewhere")
    there = other.create_text_channel("general")
    eve = other.add_member(env.create_user("eve"))
    owner = other.add_member(env.create_user("owner"), roles=[
        other.create_role("Admins", permissions=discord.Permissions(administrator=True))
    ])
    await copy_buttons(
        env, there, QuizButton(quiz.id, "answer", 1, label="Answer"), QuizButton(quiz.id, "hint", 1, label="Hint"),
        QuizButton(quiz.id, "skip", 1, label="Skip"), QuizButton(quiz.id, "stop", 1, label="Stop"),
    )
    copied = there.last_message
    for who, label in ((eve, "Answer"), (eve, "Hint"), (owner, "Skip"), (owner, "Stop")):
        r = await who.click(copied, label=label)
        assert r.modal is None and r.ephemeral, label
        assert "belongs to a quiz in another channel" in r.response.content, label
    assert live(env, channel) is quiz and not quiz.question.closed  # still running, question still open
    assert await attempts(env) == []


async def test_a_moderator_elsewhere_cannot_skip_or_stop_and_options_count_only_in_the_quiz_channel(
    env, world
) -> None:
    guild, channel, m = world
    mods = guild.create_role("Helpers", permissions=discord.Permissions.none())
    side = guild.create_text_channel("side", overwrites={mods: discord.PermissionOverwrite(manage_messages=True)})
    helper = guild.add_member(env.create_user("helper"), roles=[mods])
    await m["alice"].slash(channel, "quiz", topic="llms", mode="choice", seconds=60)
    quiz = live(env, channel)
    right = quiz.question.prompt.correct_option
    await copy_buttons(
        env, side, QuizButton(quiz.id, "skip", 1, label="Skip"), QuizButton(quiz.id, "stop", 1, label="Stop"),
        OptionButton(quiz.id, 1, right, label="The right one"),
    )
    for label in ("Skip", "Stop", "The right one"):
        r = await helper.click(side.last_message, label=label)
        assert r.ephemeral and "another channel" in r.response.content, label
    # In the quiz's own channel the helper has no Manage Messages: no skip there either.
    r = await helper.click(channel.last_message, label="Skip")
    assert r.ephemeral and "Only the starter or a moderator" in r.response.content
    assert live(env, channel) is quiz and not quiz.question.closed
    assert await attempts(env) == []


async def test_a_practice_answers_only_to_its_owner(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "quiz", topic="llms", private=True)
    practice = env.bot.tutor_services.quiz.practice_of(m["alice"].id)
    await copy_buttons(
        env, channel, QuizButton(practice.id, "answer", 1, label="Answer"),
        QuizButton(practice.id, "stop", 1, label="Stop"),
    )
    for label in ("Answer", "Stop"):
        stolen = await m["bob"].click(channel.last_message, label=label)
        assert stolen.modal is None and stolen.ephemeral and "belongs to someone else" in stolen.response.content
    assert env.bot.tutor_services.quiz.practice_of(m["alice"].id) is practice and practice.running
    assert r.ephemeral
