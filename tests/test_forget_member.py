"""/forget-me through simcord: a member deletes what the bot keeps about them in a server, after a private
confirmation that says what goes; Cancel deletes nothing. Other members' points, boards and /stats stay as they
were, and what the running bot held of the member (an open /review session, their settings, their answers in an
open quiz) is not written back nor shown afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from board_support import scored, shown
from forget_support import member_rows, rows, summaries_agree
from play_support import assert_no_pings
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

from bot.core.models import Source

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def labels(message: Any) -> list[str]:
    return [c["label"] for row in message.components for c in row.get("components", []) if c.get("label")]


def board_lines(result: Any) -> list[str]:
    return shown(result).embeds[0].description.splitlines()


async def answer(member: Any, message: Any, text: str) -> Any:
    box = await member.click(message, label="Answer")
    typed = next(c for top in box.modal["components"] for c in top.get("components", []) if c["type"] == 4)
    return await member.submit_modal(box, {typed["custom_id"]: text})


def field(message: Any, name: str) -> str:
    return next(f.value for f in message.embeds[0].fields if f.name.startswith(name))


async def test_cancel_deletes_nothing(env, world, services) -> None:
    guild, channel, m = world
    await scored(services, guild, m["alice"], 30)
    await scored(services, guild, m["bob"], 20)
    kept = await member_rows(services.store, guild.id, m["alice"].id)

    asked = await m["alice"].slash(channel, "forget-me")
    assert asked.ephemeral
    confirm = asked.response
    assert confirm.embeds[0].title == "Delete your data in this server?"
    text = confirm.embeds[0].description
    assert "Right now that is 1 answer." in text and "cannot be undone" in text
    assert "your `/review` schedule" in text and "Other members keep what they earned" in text
    assert labels(confirm) == ["Delete my data", "Cancel"]

    cancelled = await m["alice"].click(confirm, label="Cancel")
    assert cancelled.response.embeds[0].title == "Nothing was deleted"
    assert labels(cancelled.response) == []
    assert await member_rows(services.store, guild.id, m["alice"].id) == kept
    lines = board_lines(await m["bob"].slash(channel, "leaderboard", period="all"))
    assert "alice" in lines[0] and "bob" in lines[1]
    assert_no_pings(env)


async def test_delete_takes_the_member_off_every_board_and_leaves_the_others_as_they_were(env, world, services) -> None:
    guild, channel, m = world
    alice, bob, carol = m["alice"], m["bob"], m["carol"]
    await scored(services, guild, alice, 30, name="@everyone alice")
    await scored(services, guild, alice, 0, correct=False, source=Source.PRACTICE)
    await scored(services, guild, bob, 20)
    await scored(services, guild, carol, 10, card="mini:temperature")
    other = env.create_guild(name="Other")
    there = other.create_text_channel("study")
    alice_there = other.add_member(alice.user)
    await scored(services, other, alice_there, 40)
    bobs_stats = shown(await bob.slash(channel, "stats", share=True)).embeds[0].to_dict()

    confirm = (await alice.slash(channel, "forget-me")).response
    assert "Right now that is 2 answers." in confirm.embeds[0].description
    done = await alice.click(confirm, label="Delete my data")
    said = done.response.embeds[0]
    assert said.title == "Your data in this server was deleted"
    assert said.description == "Deleted 2 answers."
    assert labels(done.response) == []

    assert await member_rows(services.store, guild.id, alice.id) == {}
    await summaries_agree(services.store, guild.id)
    for period in ("week", "month", "all"):
        lines = board_lines(await bob.slash(channel, "leaderboard", period=period))
        assert len(lines) == 2 and "bob" in lines[0] and "**20** pts" in lines[0], period
        assert "carol" in lines[1] and "**10** pts" in lines[1], period
        assert not any("alice" in line for line in lines), period
    topic = board_lines(await bob.slash(channel, "leaderboard", period="all", topic="transformers"))
    assert len(topic) == 1 and "bob" in topic[0]
    mine = await alice.slash(channel, "stats")
    assert mine.ephemeral and "haven't answered" in shown(mine).content
    after = shown(await bob.slash(channel, "stats", share=True)).embeds[0].to_dict()
    points = [f["value"] for f in after["fields"] if f["name"] == "Points"]
    assert points == ["**20** this week · **20** in total · #1 all time"]  # (alice was first)
    assert [f for f in after["fields"] if f["name"] != "Points"] == [
        f for f in bobs_stats["fields"] if f["name"] != "Points"
    ]
    # Their data in the other server is left alone.
    assert "alice" in board_lines(await alice_there.slash(there, "leaderboard", period="all"))[0]
    assert_no_pings(env)


async def test_an_open_review_session_and_an_open_quiz_keep_nothing_of_the_member(env, world, services) -> None:
    guild, channel, m = world
    alice, bob, carol = m["alice"], m["bob"], m["carol"]
    await alice.slash(channel, "review settings", new_per_day=2)
    start = await alice.slash(channel, "review start")
    rated = await alice.click(start.response, label="Don't know")  # one card rated; the session goes on
    assert labels(rated.response)[0] == "Next"
    await carol.slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    first = await answer(alice, question, "temperature")
    assert "+10 points" in first.response.content and "first" in first.response.content

    confirm = (await alice.slash(channel, "forget-me")).response
    text = confirm.embeds[0].description
    # (the card not known, and the quiz's card: each answer rates its card)
    assert "Right now that is 2 answers, 2 cards of your review schedule (2 reviews) and your review settings." in text
    done = await alice.click(confirm, label="Delete my data")
    assert done.response.embeds[0].description == (
        "Deleted 2 answers, 2 cards of your review schedule (2 reviews) and your review settings."
    )
    assert await member_rows(services.store, guild.id, alice.id) == {}

    # The quiz goes on: bob is right after her (not first: the question had its first answer), and neither the
    # reveal nor the summary names her.
    second = await answer(bob, question, "temprature")
    assert "+5 points" in second.response.content
    await env.advance_time(3.5)
    revealed = channel.history()[-2]
    assert revealed.id == question.id and revealed.embeds[0].title == "Question 1/1 · answer"
    got = field(revealed, "Got it")
    assert "**bob** (+5)" in got and "alice" not in got
    summary = channel.last_message
    assert summary.embeds[0].title == "🏁 Quiz over · llms"
    ranking = field(summary, "Ranking")
    assert ranking.splitlines()[0].startswith("🥇 **bob** — 5 pts") and "alice" not in ranking
    assert await member_rows(services.store, guild.id, alice.id) == {}
    await summaries_agree(services.store, guild.id)

    # The review session has ended, and nothing of it comes back.
    late = await alice.click(rated.response, label="Next")
    assert late.ephemeral and "This review session has ended" in late.response.content
    assert await rows(services.store, "SELECT COUNT(*) FROM review_showings") == [(0,)]
    # Her settings were not kept in memory: setting a reminder now stores it with the defaults.
    await alice.slash(channel, "review reminder", time="09:00")
    assert await rows(services.store, "SELECT new_per_day, remind_at FROM review_members WHERE user_id = ?",
                      (alice.id,)) == [(10, "09:00")]  # fmt: skip
    lines = board_lines(await bob.slash(channel, "leaderboard", period="all"))
    assert len(lines) == 1 and "bob" in lines[0] and "**5** pts" in lines[0]
    assert_no_pings(env)


async def test_a_member_who_only_opened_a_review_is_told_what_that_left(env, world, services) -> None:
    guild, channel, m = world
    started = await m["alice"].slash(channel, "review start")
    assert started.ephemeral and started.response.embeds, started.response.content
    confirm = (await m["alice"].slash(channel, "forget-me")).response
    text = confirm.embeds[0].description
    assert "Right now that is the /review card you have on show." in text, text
