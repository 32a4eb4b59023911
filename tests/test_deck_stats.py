"""/deck stats through simcord: a moderator reads what the server's answers say about any deck it knows, turned
off or not (as /deck info finds it), privately, with a CSV file of the same figures."""

from __future__ import annotations

import csv
import io

import discord
import pytest
from modal_support import text_box
from play_support import FirstChoice, assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol", "dan")}
    members["owner"] = guild.add_member(env.create_user("owner"), roles=[admins])
    yield guild, channel, members
    await env.bot.close()


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def play_temperature_quiz(env, world) -> None:
    """bob and dan type "softmax divisor" (wrong); carol is right: 1 of 3 answers right on mini:temperature."""
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    question = channel.last_message
    await answer(m["bob"], question, "softmax divisor")
    await env.advance_time(1)
    await answer(m["carol"], question, "temperature")
    await env.advance_time(1)
    await answer(m["dan"], question, "Softmax divisor")
    await env.advance_time(60)


def shown(result):
    """The message a deferred command ended with (the response, or its first follow-up)."""
    return result.followups[0] if result.followups else result.response


async def test_deck_stats_works_on_a_disabled_deck_and_the_csv_matches_the_embed(env, world) -> None:
    _, channel, m = world
    owner = m["owner"]
    await play_temperature_quiz(env, world)
    off = await owner.slash(channel, "deck disable", deck="mini")
    assert off.ephemeral
    info = await owner.slash(channel, "deck info", deck="mini")
    assert info.ephemeral and "no deck" not in (info.response.content or "").lower()

    insight = env.bot.tutor_services.disputes.insight
    reads: list[str | None] = []

    async def counted(guild_id: int, deck: str | None = None, **kwargs):
        reads.append(deck)
        return await insight(guild_id, deck, **kwargs)

    env.bot.tutor_services.disputes.insight = counted
    before = len(env.http_requests)
    r = await owner.slash(channel, "deck stats", deck="mini", csv=True)
    [first] = [q for q in env.http_requests[before:] if q.method == "POST" and q.path.endswith("/callback")]
    # acknowledged at once ("thinking…", seen only by the moderator), then the insight follows
    assert first.json["type"] == discord.InteractionResponseType.deferred_channel_message.value
    assert first.json["data"]["flags"] & discord.MessageFlags(ephemeral=True).value
    assert r.ephemeral
    message = shown(r)
    assert message.ephemeral and "no deck" not in (message.content or "").lower()
    embed = message.embeds[0]
    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "Answer insight — mini"
    assert "`mini:temperature`" in fields["Most missed"] and "1/3 right" in fields["Most missed"]
    (attachment,) = message.attachments
    assert attachment.filename == "answers-mini.csv"
    data = env.backend.cdn.get(attachment.url)
    assert data.startswith(b"\xef\xbb\xbf")  # (a byte-order mark: a spreadsheet reads it as UTF-8)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][0] == "card" and table[1][0] == "mini:temperature" and table[1][2:4] == ["3", "1"]  # the embed's 1/3
    assert len(reads) == 1  # the embed and the CSV come from one reading of the answers

    unknown = await owner.slash(channel, "deck stats", deck="astrology")
    assert unknown.ephemeral and "astrology" in shown(unknown).content
    assert_no_pings(env)


async def test_a_file_over_the_servers_upload_limit_is_not_attached_and_the_moderator_is_told(
    env, world, monkeypatch
) -> None:
    """Discord refuses a file over the server's upload limit: /deck stats still shows its figures, says why the
    CSV is not attached, and /deck export says so too, instead of failing with an error."""
    _, channel, m = world
    await play_temperature_quiz(env, world)
    monkeypatch.setattr(discord.Guild, "filesize_limit", property(lambda guild: 200))
    r = await m["owner"].slash(channel, "deck stats", deck="mini", csv=True)
    message = shown(r)
    assert message.embeds and not message.attachments
    assert "over this server's upload limit" in (message.content or "")
    r = await m["owner"].slash(channel, "deck export", deck="mini", format="yaml")
    message = shown(r)
    assert not message.attachments and "over this server's upload limit" in (message.content or "")
    assert_no_pings(env)
