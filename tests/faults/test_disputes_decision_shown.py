"""A moderator's Accept or Reject is saved before the page is edited to show it. When Discord then fails to
edit the page (a server error, the page gone), the moderator is told, privately, that the decision was saved
and what it did, not a generic error (after which pressing again only says it was decided already)."""

from __future__ import annotations

import discord
import pytest
from faultkit import message_text
from modal_support import text_box
from play_support import FirstChoice

pytestmark = pytest.mark.simcord(settle_timeout=2.0)



@pytest.fixture
async def world(env):
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    await env.bot.close()



def told(result) -> str:
    shown = [result.response] if result.response is not None else []
    return "\n".join(message_text(m) for m in [*shown, *result.followups])


async def disputed(env, world):
    """bob answers a channel quiz question wrong, the quiz ends, and he disputes his answer."""
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    bob = await m["bob"].submit_modal(shown, {text_box(shown)["custom_id"]: "softmax divisor"})
    await env.advance_time(60)
    sent = await m["bob"].click(bob.response, label="I was right")
    assert "Sent to the moderators" in told(sent)


@pytest.mark.parametrize(("decision", "status", "said"), [
    ("Accept", "accepted", "Accepted **softmax divisor**"),
    ("Reject", "rejected", "Rejected the dispute of bob"),
])
@pytest.mark.parametrize("failure", [503, 404])
async def test_a_decision_whose_page_cannot_be_edited_is_told_as_saved(
    env, world, db_query, fail_route, decision, status, said, failure
) -> None:
    _, channel, m = world
    await disputed(env, world)
    page = await m["mod"].slash(channel, "disputes review")
    fault = fail_route(env, "PATCH", fail_route.EDIT_ORIGINAL, failure, times=None)
    done = await m["mod"].click(page.response, label=decision)
    assert fault.hits, "the page was not edited after the decision: adapt the test"
    text = told(done)
    assert db_query("SELECT status FROM disputes") == [(status,)]
    assert "Something went wrong" not in text and "no longer exists" not in text, text
    assert said in text and "saved" in text.lower(), text
    last = done.followups[-1]
    assert last.ephemeral
