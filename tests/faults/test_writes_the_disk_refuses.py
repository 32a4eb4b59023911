"""A member's or a moderator's change the disk refuses (read-only, full) is refused plainly, privately, and
nothing is kept of it: a dispute sent with "I was right", a moderator's Accept, the review settings and
reminder, a deck turned off. Never the catch-all "Something went wrong on my side"."""

from __future__ import annotations

import discord
import pytest
from faultkit import message_text
from modal_support import text_box
from play_support import FirstChoice

pytestmark = pytest.mark.simcord(settle_timeout=2.0)
FAULTS = ["read_only", "disk_full"]



@pytest.fixture
async def world(env):
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True, manage_guild=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    await env.bot.close()



def told(result) -> str:
    shown = [result.response] if result.response is not None else []
    return "\n".join(message_text(m) for m in [*shown, *result.followups])


def assert_refused_plainly(result) -> None:
    said = told(result)
    assert "Something went wrong" not in said, said
    assert "database" in said and "not saved" in said, said
    last = result.followups[-1] if result.followups else result.response
    assert last.ephemeral, said


async def wrong_answer(env, world):
    """bob answers a channel quiz question wrong; the quiz ends. The reply with its "I was right" button."""
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    bob = await m["bob"].submit_modal(shown, {text_box(shown)["custom_id"]: "softmax divisor"})
    await env.advance_time(60)
    return bob


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_dispute_the_disk_refuses_says_it_was_not_sent_and_can_be_sent_again(
    env, world, db_faults, db_query, fault
) -> None:
    _, _, m = world
    bob = await wrong_answer(env, world)
    getattr(db_faults, fault)()
    refused = await m["bob"].click(bob.response, label="I was right")
    assert_refused_plainly(refused)
    assert db_query("SELECT COUNT(*) FROM disputes") == [(0,)]
    db_faults.heal()
    sent = await m["bob"].click(bob.response, label="I was right")
    assert "Sent to the moderators" in told(sent)
    assert db_query("SELECT status FROM disputes") == [("open",)]


@pytest.mark.parametrize("fault", FAULTS)
async def test_an_accept_the_disk_refuses_gives_no_points_and_can_be_made_again(
    env, world, db_faults, db_query, fault
) -> None:
    guild, channel, m = world
    bob = await wrong_answer(env, world)
    await m["bob"].click(bob.response, label="I was right")
    page = await m["mod"].slash(channel, "disputes review")
    getattr(db_faults, fault)()
    refused = await m["mod"].click(page.response, label="Accept")
    assert_refused_plainly(refused)
    assert "points given back" not in told(refused)
    assert db_query("SELECT status FROM disputes") == [("open",)]
    assert db_query("SELECT SUM(points) FROM attempts WHERE user_name = 'bob'") == [(0,)]
    db_faults.heal()
    page = await m["mod"].slash(channel, "disputes review")
    done = await m["mod"].click(page.response, label="Accept")
    assert "points given back" in told(done)
    assert db_query("SELECT status FROM disputes") == [("accepted",)]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize(
    ("command", "options"),
    [("review settings", {"new_per_day": 5}), ("review reminder", {"time": "19:00"}), ("deck disable", {"deck": "mini"})],
)
async def test_a_setting_the_disk_refuses_says_it_was_not_saved(
    env, world, db_faults, db_query, fault, command, options
) -> None:
    _, channel, m = world
    getattr(db_faults, fault)()
    refused = await m["mod"].slash(channel, command, **options)
    assert_refused_plainly(refused)
    db_faults.heal()
    done = await m["mod"].slash(channel, command, **options)
    assert "database" not in told(done)


BIOLOGY = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"osmosis,The movement of water across a membrane from low to high solute concentration\n"
)


@pytest.mark.simcord(settle_timeout=20.0)
@pytest.mark.parametrize("fault", FAULTS)
async def test_an_import_the_disk_refuses_can_be_made_again_from_the_same_preview(
    env, world, db_faults, db_query, fault
) -> None:
    _, channel, m = world
    previewed = await m["mod"].slash(channel, "deck import", file=("biology.csv", BIOLOGY), name="biology")
    preview = previewed.followups[0] if previewed.followups else previewed.response
    getattr(db_faults, fault)()
    refused = await m["mod"].click(preview, label="Import")
    assert_refused_plainly(refused)
    assert db_query("SELECT COUNT(*) FROM decks WHERE id LIKE '%biology%'") == [(0,)]
    db_faults.heal()
    done = await m["mod"].click(preview, label="Import")
    assert "Imported `biology`" in told(done), told(done)
    defined = await m["alice"].slash(channel, "define", term="mitochondria")
    assert defined.response.embeds[0].title == "mitochondria"
