"""/disputes undo through simcord: a moderator picks an accepted dispute from the list and takes it back; the
players' points go, the next identical answer is wrong, the player is told; members are refused."""

from __future__ import annotations

import pytest
from disputes_support import moderated_server
from play_support import assert_no_pings

from tests.test_disputes_cog import PROMPT, answer, attempt_id, play_temperature_quiz, service

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    yield moderated_server(env)
    await env.bot.close()


async def test_a_moderator_takes_back_an_accept_and_the_points_go(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    stats = env.bot.tutor_services.stats
    await service(env).open_dispute(
        guild_id=guild.id, user_id=m["bob"].id, user_name="bob", prompt=PROMPT,
        attempt_id=await attempt_id(env, m["bob"].id, "softmax divisor"),
    )  # fmt: skip
    page = await m["mod"].slash(channel, "disputes review")
    await m["mod"].click(page.response, label="Accept")
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 10
    assert (await stats.stats(guild.id, m["dan"].id)).points_total == 5

    # Members do not see the command; where a server lets them, they are offered nothing, and refused.
    assert not any(c.startswith("disputes") for c in m["alice"].available_commands(channel))
    command = env.backend.find_command("disputes", None, type=1)
    guild.set_command_permissions(int(command["id"]), {m["alice"]: True})
    assert await m["alice"].autocomplete(channel, "disputes undo", "dispute", "") == []
    refused = await m["alice"].slash(channel, "disputes undo", dispute="1")
    assert refused.ephemeral and "Manage Messages" in refused.response.content
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 10

    [choice] = await m["mod"].autocomplete(channel, "disputes undo", "dispute", "softmax")
    assert "softmax divisor" in choice["name"] and "mini:temperature" in choice["name"]
    assert await m["mod"].autocomplete(channel, "disputes undo", "dispute", "nothing like it") == []

    # First what it would change, with Take back and Cancel: Cancel changes nothing.
    asked = await m["mod"].slash(channel, "disputes undo", dispute=choice["value"])
    preview = asked.followups[0] if asked.followups else asked.response
    assert asked.ephemeral and "Take back the accept of **softmax divisor**" in preview.content
    assert "2 answers of 2 players would be wrong again, 15 points taken back" in preview.content
    kept = await m["mod"].click(preview, label="Cancel")
    assert "Nothing was taken back" in kept.response.content
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 10
    asked = await m["mod"].slash(channel, "disputes undo", dispute=choice["value"])
    preview = asked.followups[0] if asked.followups else asked.response

    done = await m["mod"].click(preview, label="Take back")

    said = done.response.content
    assert "Took back the accept of **softmax divisor**" in said
    assert "2 answers of 2 players are wrong again, 15 points taken back" in said
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 0
    assert (await stats.stats(guild.id, m["dan"].id)).points_total == 0
    assert (await stats.stats(guild.id, m["carol"].id)).points_total == 10
    assert await m["mod"].autocomplete(channel, "disputes undo", "dispute", "") == []

    # Taken back twice: a plain refusal, nothing changed.
    again = await m["mod"].slash(channel, "disputes undo", dispute=choice["value"])
    again_said = (again.followups[0] if again.followups else again.response).content
    assert "Only an accepted dispute can be taken back" in again_said and "Traceback" not in again_said
    for typed in ("softmax", "²", "#¹²", "١٢"):
        bad = await m["mod"].slash(channel, "disputes undo", dispute=typed)
        assert "Pick an accepted dispute from the list" in bad.response.content, typed

    # The same answer in a new quiz is wrong again, and bob hears of the take-back once, privately.
    await env.advance_time(60)
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    question = channel.last_message
    r = await answer(m["bob"], question, "softmax divisor")
    assert "Correct" not in r.response.content
    assert "took back their accept of **softmax divisor**" in r.response.content
    assert_no_pings(env)


async def take_back(member, channel, dispute: str):
    """``/disputes undo`` and, under its preview, **Take back**: (the preview's text, the click's result)."""
    asked = await member.slash(channel, "disputes undo", dispute=dispute)
    preview = asked.followups[0] if asked.followups else asked.response
    assert "Take back the accept" in preview.content, preview.content
    return preview.content, await member.click(preview, label="Take back")
