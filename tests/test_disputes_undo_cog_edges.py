"""/disputes undo through simcord, around it: who the moderator is told hears of it, a stale review page and a second
moderator after a take-back, and an accept whose player was forgotten (/forget-me)."""

from __future__ import annotations

import discord
import pytest
from disputes_support import moderated_server
from play_support import assert_no_pings

from tests.test_disputes_cog import PROMPT, answer, attempt_id, play_temperature_quiz, service
from tests.test_disputes_undo_cog import take_back

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    yield moderated_server(env)
    await env.bot.close()


def said(r) -> str:
    return " ".join([r.response.content or "", *(f.content or "" for f in r.followups)])


async def accepted_bobs(env, world, *also: tuple[str, str]) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    for who, typed in (("bob", "softmax divisor"), *also):
        await service(env).open_dispute(
            guild_id=guild.id, user_id=m[who].id, user_name=who, prompt=PROMPT,
            attempt_id=await attempt_id(env, m[who].id, typed),
        )  # fmt: skip
    page = await m["mod"].slash(channel, "disputes review")
    await m["mod"].click(page.response, label="Accept")


async def test_the_reply_names_who_is_told_and_that_player_hears_of_it(env, world) -> None:
    """bob's accept also corrected dan's answer (dan never disputed): both lose their points; bob, whose dispute it
    was, is told, and the reply says so, not that every player is."""
    guild, channel, m = world
    await accepted_bobs(env, world)
    _, done = await take_back(m["mod"], channel, "1")
    text = said(done)
    assert "2 answers of 2 players are wrong again" in text  # bob's and dan's
    assert "Its player is told the next time they use the bot." in text and "players whose answers" not in text
    await env.advance_time(60)
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    bobs = await answer(m["bob"], channel.last_message, "temperature")
    assert "took back their accept of **softmax divisor**" in bobs.response.content


async def test_a_taken_back_accept_is_not_called_rejected(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    await service(env).open_dispute(
        guild_id=guild.id, user_id=m["bob"].id, user_name="bob", prompt=PROMPT,
        attempt_id=await attempt_id(env, m["bob"].id, "softmax divisor"),
    )  # fmt: skip
    page = await m["mod"].slash(channel, "disputes review")
    stale = await m["mod"].slash(channel, "disputes review")
    await m["mod"].click(page.response, label="Accept")
    mods = guild.create_role("More mods", permissions=discord.Permissions(manage_messages=True))
    other = guild.add_member(env.create_user("mod2"), roles=[mods])
    await take_back(m["mod"], channel, "1")
    # a second moderator takes it back too (a moment later), and the old page's Accept is pressed
    second = said(await other.slash(channel, "disputes undo", dispute="1"))
    late = said(await m["mod"].click(stale.response, label="Accept"))
    for text in (second, late):
        assert "taken back" in text and "rejected" not in text, text
    assert_no_pings(env)


async def test_an_accept_whose_player_was_forgotten_can_still_be_taken_back(env, world) -> None:
    """bob's accept settled dan's dispute; bob deletes his data (/forget-me). The accept goes on as dan's dispute:
    offered, and taken back through it (dan's 5 points with it)."""
    guild, channel, m = world
    await accepted_bobs(env, world, ("dan", "Softmax divisor"))
    asked = await m["bob"].slash(channel, "forget-me")
    await m["bob"].click(asked.response, label="Delete my data")
    offered = await m["mod"].autocomplete(channel, "disputes undo", "dispute", "")
    preview, done = await take_back(m["mod"], channel, "2")
    dans = preview + said(done)
    assert "#1" not in dans, dans  # (refers the moderator to a dispute that no longer exists)
    assert offered, "nothing left to pick, though the server still accepts 'softmax divisor'"
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["dan"].id)).points_total == 0
