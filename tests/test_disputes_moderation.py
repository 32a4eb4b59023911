"""/disputes for moderators through simcord: the review page keeps the answers of a question still being played
to itself, and /disputes stats reads any deck the server knows (turned off too), privately, with a CSV of
the same figures."""

from __future__ import annotations

import csv
import io

import discord
import pytest
from test_disputes_cog import FirstChoice, answer, assert_no_pings, play_temperature_quiz, world

__all__ = ["world"]  # the server, its channel and members, as test_disputes_cog has them

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def shown(result):
    """The message a deferred command ended with (the response, or its first follow-up)."""
    return result.followups[0] if result.followups else result.response


def fields(message) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


async def test_the_review_page_shows_no_answer_while_its_question_is_still_played(env, world) -> None:
    guild, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    question = channel.last_message
    bob = await answer(m["bob"], question, "softmax divisor")
    sent = await m["bob"].click(bob.response, label="I was right")
    assert "Sent to the moderators" in sent.response.content

    # the moderator may be playing that question: its answer is not on the page yet
    page = await m["mod"].slash(channel, "disputes review")
    assert page.ephemeral
    during = fields(page.response)
    assert "softmax divisor" not in during["Typed answer"]  # (any answer may hold the card's)
    assert "temperature" not in during["Accepted answers"].lower()
    assert "shown once it closes" in during["Accepted answers"]

    await env.advance_time(60)  # the question closes
    after = await m["mod"].slash(channel, "disputes review")
    assert fields(after.response)["Accepted answers"] == "**temperature**"
    assert_no_pings(env)


async def test_stats_read_a_deck_the_server_turned_off_once_and_privately(env, world) -> None:
    guild, channel, m = world
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    owner = guild.add_member(env.create_user("owner"), roles=[admins])
    await play_temperature_quiz(env, world)
    off = await owner.slash(channel, "deck disable", deck="mini")
    assert off.ephemeral

    disputes = env.bot.tutor_services.disputes
    insight = disputes.insight
    reads: list[str | None] = []

    async def counted(guild_id: int, deck: str | None = None, **kwargs):
        reads.append(deck)
        return await insight(guild_id, deck, **kwargs)

    disputes.insight = counted
    before = len(env.http_requests)
    r = await m["mod"].slash(channel, "disputes stats", deck="mini", csv=True)
    [first] = [q for q in env.http_requests[before:] if q.method == "POST" and q.path.endswith("/callback")]
    # acknowledged at once ("thinking…", seen only by the moderator), then the insight follows
    assert first.json["type"] == discord.InteractionResponseType.deferred_channel_message.value
    assert first.json["data"]["flags"] & discord.MessageFlags(ephemeral=True).value
    message = shown(r)
    assert r.ephemeral and message.ephemeral
    embed = message.embeds[0]
    assert embed.title == "Answer insight — mini"
    assert "1/3 right" in fields(message)["Most missed"]
    (attachment,) = message.attachments
    assert attachment.filename == "answers-mini.csv"
    table = list(csv.reader(io.StringIO(env.backend.cdn.get(attachment.url).decode("utf-8-sig"))))
    assert table[1][0] == "mini:temperature" and table[1][2:4] == ["3", "1"]  # the embed's 1/3
    assert reads == ["mini"]  # the embed and the CSV come from one reading of the answers

    unknown = await m["mod"].slash(channel, "disputes stats", deck="astrology")
    assert unknown.ephemeral and "There is no deck" in shown(unknown).content
    assert_no_pings(env)
