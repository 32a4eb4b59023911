"""/daily through simcord with the virtual clock (it starts at 2026-01-01T00:00Z): what admins and members see."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import discord
import pytest
from daily_support import DECK, World, answer, daily_deck, embed_fields  # noqa: F401  (the deck folder fixture)

from bot.core.errors import Quote
from bot.core.models import Source
from bot.runner import TutorBot
from cogs._format import render_param
from cogs.daily import ANSWER, MANAGE_ONLY
from cogs.daily.render import ts

QUESTION = "Which mechanism lets a transformer weigh every token of the input when producing each output token?"
POST_TS = "<t:1767226200:F>"  # 2026-01-01 00:10 UTC == 01:10 in Paris


@pytest.fixture(autouse=True)
async def close_stores(clock):
    """Close every bot's database after the env has shut down (restarted bots are dropped, not closed),
    so no SQLite worker thread outlives the test."""
    dropped: list[Any] = []
    clock.dropped = dropped
    yield
    env = clock.env
    for services in [*dropped, getattr(env.bot, "tutor_services", None) if env is not None else None]:
        if services is not None and not services.store.closed:
            await services.close()


async def restart(env, settings, clock) -> None:
    """A crash and a restart on the same database file: the old bot is dropped without closing."""
    clock.dropped.append(env.bot.tutor_services)
    await env.restart_bot(TutorBot(settings, clock=clock))


@pytest.fixture
def world(env) -> World:
    return World(env)


def quoted(text: str) -> str:
    """Text a user typed, as the Discord error renderer echoes it."""
    return render_param(Quote(text))


def assert_no_pings(env: Any) -> None:
    """Every message the bot sent or edited had allowed_mentions with nothing allowed."""
    sends = [
        r for r in env.http_requests
        if r.method in ("POST", "PATCH") and ("/messages" in r.path or "/callback" in r.path or "/webhooks/" in r.path)
    ]
    assert sends
    for r in sends:
        body = r.json or {}
        data = body.get("data", body) if "/callback" in r.path else body
        if not isinstance(data, dict) or not ({"content", "embeds"} & set(data)):
            continue  # a modal or a deferral
        assert data.get("allowed_mentions") == {"parse": []} or data.get("allowed_mentions", {}).get("parse") == [], r


# -- set and status -------------------------------------------------------------------------------
async def test_set_replies_with_the_next_local_post_and_status_shows_it(world: World, services) -> None:
    r = await world.set(answer_hours=3)
    assert r.ephemeral
    text = r.response.content
    assert f"<#{world.channel.id}>" in text and "**01:10** (Europe/Paris)" in text
    assert "Next post: **Thu 1 Jan, 01:10 (Europe/Paris)**" in text and POST_TS in text
    assert "answers stay open 3 hours" in text and "topic **attention**" in text
    assert await services.store.guild_timezone(world.guild.id) == "Europe/Paris"

    r = await world.admin.slash(world.channel, "daily status")
    assert r.ephemeral
    e = r.response.embeds[0]
    assert e.description == "▶️ On"
    fields = embed_fields(r.response)
    assert fields["Channel"] == f"<#{world.channel.id}>"
    assert fields["Time"] == "01:10 (Europe/Paris)"
    assert fields["Topic"] == "attention" and fields["Answers open"] == "3 hours"
    assert fields["Next post"].startswith("Thu 1 Jan, 01:10 (Europe/Paris) · <t:1767226200:f>")
    assert "Last post" not in fields


async def test_autocomplete_offers_zones_and_topics(world: World) -> None:
    zones = await world.admin.autocomplete(world.channel, "daily set", "timezone", "paris")
    assert zones[0]["value"] == "Europe/Paris"
    zones = await world.admin.autocomplete(world.channel, "daily set", "timezone", "new york")
    assert zones[0]["value"] == "America/New_York"
    topics = await world.admin.autocomplete(world.channel, "daily set", "topic", "samp")
    assert topics[0]["value"] == "sampling" and topics[0]["name"] == "sampling (1 card)"


async def test_a_bad_zone_is_refused_with_close_suggestions(world: World, services) -> None:
    r = await world.set(timezone="Europe/Pariss")
    assert r.ephemeral
    assert f"{quoted('Europe/Pariss')} is not a time zone — did you mean Europe/Paris" in r.response.content
    r = await world.set(time="25:99")
    assert r.ephemeral and f"{quoted('25:99')} is not a time of day" in r.response.content
    r = await world.set(topic="astrology")
    assert r.ephemeral and f"no topic {quoted('astrology')}" in r.response.content
    # What a user typed is echoed escaped: no markdown, no mention.
    typed = "**<@123456789012345678>** `x`"
    r = await world.set(timezone=typed)
    assert r.ephemeral and f"{quoted(typed)} is not a time zone" in r.response.content
    assert "<@123456789012345678>" not in r.response.content.replace("\\<@123456789012345678>", "")
    assert "**<@" not in r.response.content
    assert await services.daily.get_schedule(world.guild.id) is None
    r = await world.admin.slash(world.channel, "daily status")
    assert "No daily question is set up" in r.response.embeds[0].description


async def test_missing_permissions_are_named_and_nothing_is_saved(world: World, services) -> None:
    locked = world.guild.create_text_channel(
        "locked", overwrites={world.guild.me: discord.PermissionOverwrite(send_messages=False, embed_links=False)}
    )
    r = await world.set(channel=locked)
    assert r.ephemeral
    assert f"I can't post the daily question in <#{locked.id}>" in r.response.content
    assert "missing **Send Messages**, **Embed Links** there" in r.response.content
    assert await services.daily.get_schedule(world.guild.id) is None


async def test_a_member_without_manage_server_is_refused(world: World, env, services) -> None:
    assert not any(c.startswith("daily") for c in world.alice.available_commands(world.channel))
    # Even when a server lets everyone see the command, the bot itself refuses.
    command = env.backend.find_command("daily", None, type=1)
    world.guild.set_command_permissions(int(command["id"]), {world.alice: True})
    for name, options in [
        ("daily set", {"channel": world.channel, "time": "9am", "timezone": "UTC"}),
        ("daily now", {}),
        ("daily off", {}),
        ("daily status", {}),
    ]:
        r = await world.alice.slash(world.channel, name, **options)
        assert r.ephemeral and MANAGE_ONLY in r.response.content, name
    assert await services.daily.get_schedule(world.guild.id) is None
    assert world.posts() == []


# -- the post, answers and the reveal ------------------------------------------------------------
async def test_post_at_the_minute_answers_and_reveal(world: World, env, services) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(9 * 60 + 59)
    assert world.posts() == []
    await env.advance_time(1)  # 00:10:00 UTC == 01:10 in Paris
    [post] = world.posts()
    e = post.embeds[0]
    assert e.title == "Question of the day — 1 Jan"
    assert e.description == discord.utils.escape_markdown(QUESTION)
    assert embed_fields(post)["Answers close"] == "<t:1767229800:f> (<t:1767229800:R>)"
    [row] = post.components
    [button] = row.children
    assert (button.label, button.custom_id) == ("Answer", "tutor:daily:1")

    # Almost: not counted, may retry (and not told the answer while it still scores). Then right: points and streak.
    r = await answer(world.alice, post, "intention")
    assert r.ephemeral and "Almost — check your spelling" in r.response.content
    assert "doesn't count yet" in r.response.content and "attention" not in r.response.content
    r = await answer(world.alice, post, "attention")
    assert r.ephemeral
    assert r.response.content.startswith("✅ Correct") and "**+10 points** · daily streak: **1** day" in r.response.content
    # Twice: refused before the answer box opens.
    again = await world.alice.click(post, label="Answer")
    assert again.modal is None and again.ephemeral
    assert "already answered this question and got it right" in again.response.content
    # Wrong: counted, and the answer is not given away before the reveal.
    r = await answer(world.bob, post, "retention")
    assert r.ephemeral and r.response.content.startswith("❌ Not quite")
    assert "That's your answer for today" in r.response.content and "attention" not in r.response.content.lower()
    r = await world.bob.click(post, label="Answer")
    assert r.modal is None and "already answered this question — one answer a day counts" in r.response.content

    # Nobody else sees anyone's answers or verdicts before the reveal.
    assert [m.id for m in world.channel.history(viewer=world.carol)] == [post.id]
    attempts = await _rows(services, "SELECT user_id, source, verdict, points FROM attempts ORDER BY id")
    assert attempts == [
        (world.alice.id, Source.DAILY.value, "correct", 10),
        (world.bob.id, Source.DAILY.value, "wrong", 0),
    ]

    await env.advance_time(3600)  # answers close at 01:10 UTC
    reveal = world.channel.last_message
    assert reveal.id != post.id and reveal.reference is not None and reveal.reference.message_id == post.id
    e = reveal.embeds[0]
    assert e.title == "Answer — question of the day, 1 Jan"
    assert "**A:** attention" in e.description and "weighted mix" in e.description
    fields = embed_fields(reveal)
    assert fields["Answers"] == "2 answered · 1 right (50%)"
    assert fields["Got it"] == "alice"
    assert fields["Longest daily streaks"] == "🔥 **1** day — alice"
    # A late click is told the question has closed.
    r = await world.carol.click(post, label="Answer")
    assert r.modal is None and r.ephemeral and "This question has closed" in r.response.content
    assert len(world.posts()) == 2  # the question and its reveal, nothing more
    assert_no_pings(env)


async def test_names_in_the_reveal_are_escaped(world: World, env) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    await answer(world.bob, post, "self-attention")
    await env.advance_time(3600)
    fields = embed_fields(world.channel.last_message)
    assert fields["Got it"] == r"\*bob\*"
    assert fields["Longest daily streaks"] == r"🔥 **1** day — \*bob\*"


async def test_the_longest_answer_the_box_takes_and_zalgo_are_graded(world: World, env, services) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    shown = await world.alice.click(post, label="Answer")
    box = shown.modal["components"][0]["components"][0]
    assert box["style"] == 1 and box["max_length"] == 400  # a short-answer card: one line, 400 characters
    r = await world.alice.submit_modal(shown, {box["custom_id"]: "convolution " * 33 + "abcd"})
    assert r.ephemeral and r.response.content.startswith("❌ ") and "That's your answer for today" in r.response.content
    marks = "".join(chr(c) for c in range(0x300, 0x36F))
    zalgo = "".join(ch + marks[i % 7 :: 9] for i, ch in enumerate("attention"))
    r = await answer(world.bob, post, zalgo)
    assert r.ephemeral and r.response.content.startswith("✅ Correct") and "+10 points" in r.response.content
    assert await _rows(services, "SELECT user_id, verdict, points, length(response) FROM attempts ORDER BY id") == [
        (world.alice.id, "wrong", 0, 400), (world.bob.id, "correct", 10, len(zalgo))
    ]


async def test_an_essay_question_takes_4000_characters_and_grades_them(world: World, env, services) -> None:
    await world.set(topic="essays", answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    shown = await world.alice.click(post, label="Answer")
    box = shown.modal["components"][0]["components"][0]
    assert box["style"] == 2 and box["max_length"] == 4000
    essay = ("Data is streamed to the model all the time instead of batch uploads. " * 60)[:4000]
    r = await world.alice.submit_modal(shown, {box["custom_id"]: essay})
    assert r.ephemeral and r.response.content.startswith("✅ Correct") and "+10 points" in r.response.content
    r = await answer(world.bob, post, ("lorem ipsum dolor sit amet " * 160)[:4000])
    assert r.ephemeral and r.response.content.startswith("❌ ") and "That's your answer for today" in r.response.content
    assert await _rows(services, "SELECT user_id, verdict, length(response) FROM attempts ORDER BY id") == [
        (world.alice.id, "correct", 4000), (world.bob.id, "wrong", 4000)
    ]
    assert_no_pings(env)


async def test_now_twice_in_one_day_posts_once(world: World, env) -> None:
    await world.set(answer_hours=2)
    r = await world.admin.slash(world.channel, "daily now")
    assert r.ephemeral
    [post] = world.posts()
    assert post.embeds[0].title == "Question of the day — 1 Jan"
    assert r.response.content.startswith(f"✅ Today's question is posted in <#{world.channel.id}>")
    assert post.jump_url in r.response.content

    r = await world.admin.slash(world.channel, "daily now")
    assert r.ephemeral
    assert "Today's question is already posted" in r.response.content and post.jump_url.endswith(
        f"/{post.id}"
    )
    await env.advance_time(15 * 60)  # the scheduled 01:10 Paris passes: today is already done
    assert [m.id for m in world.posts()] == [post.id]
    status = await world.admin.slash(world.channel, "daily status")
    fields = embed_fields(status.response)
    assert fields["Next post"].startswith("Fri 2 Jan, 01:10 (Europe/Paris)")
    assert fields["Last post"].startswith("1 Jan — https://discord.com/channels/")


async def test_off_stops_posting(world: World, env) -> None:
    await world.set()
    r = await world.admin.slash(world.channel, "daily off")
    assert r.ephemeral and "is off" in r.response.content
    await env.advance_time(20 * 60)
    assert world.posts() == []
    r = await world.admin.slash(world.channel, "daily off")
    assert r.ephemeral and "not on" in r.response.content
    r = await world.admin.slash(world.channel, "daily status")
    assert r.response.embeds[0].description.startswith("⏹️ Off")
    # /daily now says it is switched off (not "not set up"), points to /daily set, and posts nothing
    r = await world.admin.slash(world.channel, "daily now")
    assert r.ephemeral and "switched off" in r.response.content and "not set up" not in r.response.content
    assert "/daily set" in r.response.content
    assert world.posts() == []


# -- restarts ---------------------------------------------------------------------------------------
async def _rows(services, sql: str, params=()) -> list[tuple]:
    async with services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


async def _down(env) -> None:
    """The daily feature stops (as if the process were down) while the virtual clock moves on."""
    await env.bot.unload_extension("cogs.daily")


async def test_restart_after_the_post_time_catches_up(
    world: World, env, settings, clock, caplog: pytest.LogCaptureFixture
) -> None:
    await world.set(answer_hours=3)
    await _down(env)
    await env.advance_time(2 * 3600)  # down at 01:10 Paris; back at 03:00 with 1 h 10 min of answers left
    with caplog.at_level(logging.INFO, logger="bot.core.daily"):
        await restart(env, settings, clock)
    [post] = world.posts()
    assert post.embeds[0].title == "Question of the day — 1 Jan"
    assert embed_fields(post)["Answers close"].startswith("<t:1767237000:f>")  # 03:10 UTC, as scheduled
    r = await answer(world.alice, post, "attention")  # the button works in the new process
    assert r.response.content.startswith("✅ Correct")
    assert "catching up 1 h 50 min" in caplog.text


async def test_restart_too_late_skips_the_day_and_posts_tomorrow(
    world: World, env, settings, clock, caplog: pytest.LogCaptureFixture
) -> None:
    await world.set(answer_hours=2)
    await _down(env)
    await env.advance_time(80 * 60)  # back at 01:30 UTC: answers would close at 02:10, 40 min away
    with caplog.at_level(logging.WARNING):
        await restart(env, settings, clock)
        await env.advance_time(5 * 60)
    assert world.posts() == []
    assert caplog.text.count("skipped") == 1
    status = await world.admin.slash(world.channel, "daily status")
    assert embed_fields(status.response)["Next post"].startswith("Fri 2 Jan, 01:10 (Europe/Paris)")


async def test_restart_across_the_reveal_posts_it_on_start_up(world: World, env, settings, clock) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    await answer(world.alice, post, "attention")
    await restart(env, settings, clock)  # a crash while answers are open
    r = await answer(world.bob, post, "attention")  # the old message's button still works
    assert r.response.content.startswith("✅ Correct")
    await _down(env)
    await env.advance_time(2 * 3600)  # answers closed at 01:10 UTC while down
    assert len(world.posts()) == 1
    await restart(env, settings, clock)
    reveal = world.channel.last_message
    assert reveal.embeds[0].title == "Answer — question of the day, 1 Jan"
    assert embed_fields(reveal)["Answers"] == "2 answered · 2 right (100%)"
    await env.advance_time(60)
    assert len(world.posts()) == 2  # revealed once


# -- failures ---------------------------------------------------------------------------------------
async def test_a_deleted_channel_pauses_that_guild_and_others_carry_on(world: World, env, services) -> None:
    other = env.create_guild("Other")
    other_channel = other.create_text_channel("daily")
    other_admin = other.add_member(env.create_user("owner2"), roles=[
        other.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    ])
    await world.set()
    await other_admin.slash(other_channel, "daily set", channel=other_channel, time="00:10", timezone="UTC")

    env.backend.delete_channel(world.channel.id)
    await env.settle()
    lobby = world.guild.create_text_channel("lobby")
    r = await world.admin.slash(lobby, "daily status")
    assert r.response.embeds[0].description.startswith("⏸️ Paused: the channel #study was deleted")
    assert "Next post" not in embed_fields(r.response)

    before = len(env.http_requests)
    await env.advance_time(3 * 3600)
    assert len([m for m in other_channel.history() if m.embeds]) == 1  # the other server got its question
    tried = [q for q in env.http_requests[before:] if str(world.channel.id) in q.path]
    assert tried == []  # nothing retries against the deleted channel
    r = await world.admin.slash(lobby, "daily now")
    assert r.ephemeral and "channel no longer exists" in r.response.content

    # Setting a new channel resumes.
    r = await world.set(lobby, channel=lobby)
    assert r.ephemeral and "Next post: **Fri 2 Jan, 01:10" in r.response.content
    r = await world.admin.slash(lobby, "daily status")
    assert r.response.embeds[0].description == "▶️ On"


async def test_lost_permission_at_post_time_pauses_with_the_reason(world: World, env, services) -> None:
    await world.set()
    env.inject_error("POST", f"/channels/{world.channel.id}/messages", status=403, code=50013,
                     message="Missing Permissions", times=None)
    await env.advance_time(15 * 60)
    assert world.posts() == []
    r = await world.admin.slash(world.channel, "daily status")
    assert r.response.embeds[0].description.startswith(
        f"⏸️ Paused: I am not allowed to post in <#{world.channel.id}>"
    )
    assert embed_fields(r.response)["Last post"].startswith("1 Jan — not sent: I am not allowed to post")
    sends = [q for q in env.http_requests if q.method == "POST" and q.path.endswith(f"{world.channel.id}/messages")]
    await env.advance_time(3600)
    assert len([q for q in env.http_requests if q.method == "POST" and q.path.endswith(
        f"{world.channel.id}/messages")]) == len(sends) == 1  # tried once, never in a loop


async def test_a_passing_send_error_is_retried_once_and_posts_once(world: World, env, services) -> None:
    await world.set()
    env.inject_error("POST", f"/channels/{world.channel.id}/messages", status=503, message="Unavailable", times=1)
    await env.advance_time(10 * 60)
    assert world.posts() == []
    r = await world.admin.slash(world.channel, "daily status")
    assert embed_fields(r.response)["Last post"] == "1 Jan — being sent"
    assert r.response.embeds[0].description == "▶️ On"  # a passing error does not pause
    await env.advance_time(3 * 60)  # the retry comes after the lease
    [post] = world.posts()
    assert post.embeds[0].title == "Question of the day — 1 Jan"
    await env.advance_time(10 * 60)
    assert len(world.posts()) == 1


async def test_a_crash_after_sending_is_recovered_without_a_second_post(world: World, env, services) -> None:
    await world.set()
    await env.advance_time(10 * 60)
    [post] = world.posts()
    # As if the process died after Discord took the message but before it was recorded as sent.
    async with services.store.transaction() as db:
        await db.execute("UPDATE daily_posts SET state = 'claimed', message_id = NULL, claimed_at = 0")
    await env.advance_time(60)
    assert [m.id for m in world.posts()] == [post.id]  # found in the channel, not sent again
    [row] = await _rows(services, "SELECT state, message_id FROM daily_posts")
    assert row == ("posted", post.id)


async def test_an_answer_box_submitted_after_the_close_is_refused(world: World, env, services) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(65 * 60)
    [post] = world.posts()
    shown = await world.alice.click(post, label="Answer")  # opened 5 minutes before answers close ...
    field = shown.modal["components"][0]["components"][0]["custom_id"]
    await env.advance_time(6 * 60)  # ... submitted after the reveal
    r = await world.alice.submit_modal(shown, {field: "attention"})
    assert r.ephemeral and "This question has closed" in r.response.content
    assert await _rows(services, "SELECT * FROM attempts") == []


# -- rendering ------------------------------------------------------------------------------------
def test_discord_timestamps() -> None:
    dt = datetime(2025, 11, 26, 8, 0, tzinfo=UTC)
    assert ts(dt) == "<t:1764144000:f>"
    assert ts(dt.astimezone(ZoneInfo("Europe/Paris")), "R") == "<t:1764144000:R>"
    assert ts(dt + timedelta(milliseconds=999), "t") == "<t:1764144000:t>"
    assert ts(datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC), "D") == "<t:-1:D>"
    with pytest.raises(ValueError, match="style"):
        ts(dt, "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        ts(datetime(2025, 11, 26))  # noqa: DTZ001


def test_answer_button_id_keeps_its_format() -> None:
    """Buttons already posted keep working: the id of a day's Answer button never changes format."""
    assert ANSWER.build(post_id=1) == "tutor:daily:1"
    assert ANSWER.parse("tutor:daily:1234567890123456789") == {"post_id": "1234567890123456789"}
