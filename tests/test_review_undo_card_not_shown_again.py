"""/review "Undo last rating" when the card cannot be shown again: the rating is undone all the same, and the member is
told the true reason the card did not come back — the server turned its deck off, or a quiz in the server is asking
it right now (before, both heard "being asked in the server right now (or is no longer in a deck here)")."""

from __future__ import annotations

import discord
import pytest
from test_review_undo_rating import UNDO, counts, labels, on_show, state

pytestmark = pytest.mark.simcord(settle_timeout=5.0)

OFF = "no deck turned on in this server holds that card any more"
HELD = "being asked in a server right now"


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    yield channel, mod, alice
    await env.bot.close()


async def knew_it(env, channel, alice):
    """Alice presses Don't know on the temperature card (she knew it): the verdict's message."""
    await alice.slash(channel, "review settings", topics="llms")  # one card: mini:temperature
    start = await alice.slash(channel, "review start")
    assert on_show(env, start.response, alice) == "mini:temperature"
    wrong = await alice.click(start.response, label="Don't know")
    assert UNDO in labels(wrong.response)
    return wrong.response


def private_notes(result) -> str:
    return "\n".join(f.content or "" for f in result.followups)


async def test_an_undo_after_the_deck_was_turned_off_says_so(env, world) -> None:
    channel, mod, alice = world
    wrong = await knew_it(env, channel, alice)
    await mod.slash(channel, "deck disable", deck="mini")
    undone = await alice.click(wrong, label=UNDO)
    assert await state(env, alice, "mini:temperature") == [] and await counts(env) == (
        0,
        0,
    )  # undone all the same
    said = private_notes(undone)
    assert OFF in said and HELD not in said


async def test_an_undo_while_a_quiz_asks_the_card_says_so(env, world) -> None:
    channel, mod, alice = world
    wrong = await knew_it(env, channel, alice)
    await mod.slash(channel, "quiz", topic="llms")  # the channel quiz asks the temperature card now
    undone = await alice.click(wrong, label=UNDO)
    assert await state(env, alice, "mini:temperature") == [] and await counts(env) == (0, 0)
    said = private_notes(undone)
    assert HELD in said and "comes back once that question closes" in said and OFF not in said
