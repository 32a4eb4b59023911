"""The daily question when posting cannot work for a while, and how it comes back: Read Message History (a retry
must find the copy an earlier try made, or the question is posted twice), a server with no card left to ask, a
permission taken away and given back, and a topic whose deck was turned off.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC). Time is
advanced in steps of at most three hours so that the scheduler settles between them.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from daily_support import DECK, World, advance, daily_world, embed_fields, titles  # noqa: F401  (the ``world`` fixture)
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType
from world_support import deck_folder

NO_CARDS = "⏸️ Paused: there are no cards to ask"
EXTRA_DECK = """\
deck: extra
title: Extra deck
cards:
  - id: overfitting
    term: overfitting
    question: What is it called when a model learns its training data so well that it fails on new data?
    answer: |
      **Overfitting**: the model fits the noise of its training set.
    accept: [overfitting]
    tags: [training]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"daily-test.yaml": DECK, "extra.yaml": EXTRA_DECK})


def deny(env: Any, channel: Any, **permissions: bool) -> None:
    """Take ``permissions`` away from the bot in ``channel`` (a member overwrite, as an admin would)."""
    value = discord.Permissions(**permissions).value
    env.backend.set_overwrite(channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, value))


async def give_back(env: Any, channel: Any) -> None:
    env.backend.delete_overwrite(channel.id, env.bot.user.id)
    await env.settle()


async def status(world: World) -> tuple[str, dict[str, str]]:
    r = await world.admin.slash(world.channel, "daily status")
    assert r.ephemeral
    return r.response.embeds[0].description, embed_fields(r.response)


async def set_every_card(world: World) -> Any:
    """``/daily set`` without a topic."""
    return await world.admin.slash(world.channel, "daily set", channel=world.channel, time="01:10", timezone="Europe/Paris")


async def disable(world: World, deck: str) -> None:
    r = await world.admin.slash(world.channel, "deck disable", deck=deck)
    assert "is disabled" in r.response.content, r.response.content


def sends_to(env: Any, channel: Any) -> int:
    return len([q for q in env.http_requests if q.method == "POST" and q.path.endswith(f"/channels/{channel.id}/messages")])


# -- Read Message History ------------------------------------------------------------------------------------
async def test_set_and_now_ask_for_read_message_history_and_name_it(world: World, env, services) -> None:
    deny(env, world.channel, read_message_history=True)
    await env.settle()
    r = await world.set()
    assert r.ephemeral
    assert f"I can't post the daily question in <#{world.channel.id}>" in r.response.content
    assert "missing **Read Message History** there" in r.response.content
    assert await services.daily.get_schedule(world.guild.id) is None

    await give_back(env, world.channel)
    await world.set()
    deny(env, world.channel, read_message_history=True)
    await env.settle()
    r = await world.admin.slash(world.channel, "daily now")
    assert r.ephemeral and "missing **Read Message History** there" in r.response.content
    assert world.posts() == []


# -- no card to ask ------------------------------------------------------------------------------------------
async def test_no_card_left_pauses_once_with_the_reason_and_does_not_fail_in_a_loop(
    world: World, env, caplog: pytest.LogCaptureFixture
) -> None:
    await set_every_card(world)
    await disable(world, "daily-test")
    await disable(world, "extra")
    state, fields = await status(world)
    assert state.startswith("▶️ On\n⚠️ There are no cards to ask"), state  # said before the post time too
    caplog.set_level(logging.WARNING)
    for _ in range(4):
        await env.advance_time(15 * 60)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert len([r for r in caplog.records if "paused" in r.getMessage()]) == 1
    state, fields = await status(world)
    assert state.startswith(NO_CARDS), state
    assert "Next post" not in fields and fields["Topic"] == "every card (0)"
    assert world.posts() == []


async def test_set_is_refused_when_the_server_has_no_card_to_ask(world: World, services) -> None:
    await disable(world, "daily-test")
    await disable(world, "extra")
    r = await set_every_card(world)
    assert r.ephemeral and "There are no cards to ask in this server" in r.response.content, r.response.content
    assert "/deck enable" in r.response.content
    assert await services.daily.get_schedule(world.guild.id) is None


async def test_a_deck_turned_on_again_brings_the_question_back_at_its_post_time(world: World, env) -> None:
    await set_every_card(world)
    await disable(world, "daily-test")
    await disable(world, "extra")
    await env.advance_time(15 * 60)
    state, _ = await status(world)
    assert state.startswith(NO_CARDS) and "I'll check again at the next post time" in state
    r = await world.admin.slash(world.channel, "deck enable", deck="extra")
    assert "enabled" in r.response.content
    await advance(env, 24 * 3600)  # to 2 Jan 00:10 UTC: the next post time
    assert titles(world) == ["Question of the day — 2 Jan"]
    state, _ = await status(world)
    assert state == "▶️ On"


# -- a permission given back ---------------------------------------------------------------------------------
async def test_a_permission_given_back_resumes_at_the_next_post_time_and_posts_once(world: World, env) -> None:
    await world.set(answer_hours=2)
    deny(env, world.channel, send_messages=True)
    await env.settle()
    await env.advance_time(15 * 60)
    assert world.posts() == []
    state, fields = await status(world)
    # (without Send Messages, Discord takes Embed Links away too)
    assert state.startswith(f"⏸️ Paused: I am missing Send Messages, Embed Links in <#{world.channel.id}>"), state
    assert "I'll check again at the next post time, <t:1767312600:f>" in state  # 2 Jan, 00:10 UTC
    await give_back(env, world.channel)
    state, _ = await status(world)
    assert state.startswith("⏸️ Paused")  # shown until the post time checks again
    await advance(env, 24 * 3600)  # past 2 Jan 00:10 UTC
    assert titles(world) == ["Question of the day — 2 Jan"]
    state, fields = await status(world)
    assert state == "▶️ On" and fields["Next post"].startswith("Sat 3 Jan, 01:10 (Europe/Paris)")
    await advance(env, 24 * 3600)
    assert titles(world) == ["Question of the day — 2 Jan", "Answer — question of the day, 2 Jan",
                             "Question of the day — 3 Jan"]


async def test_still_missing_at_the_next_post_time_stays_paused_and_checks_once_a_day(world: World, env) -> None:
    await world.set(answer_hours=2)
    deny(env, world.channel, send_messages=True, read_message_history=True)
    await env.settle()
    await env.advance_time(15 * 60)
    await advance(env, 24 * 3600)  # 2 Jan 00:25 UTC: checked, still missing
    assert world.posts() == [] and sends_to(env, world.channel) == 0
    state, _ = await status(world)
    assert state.startswith(
        f"⏸️ Paused: I am missing Send Messages, Embed Links, Read Message History in <#{world.channel.id}>"
        " (since <t:1767226200:f>)"
    ), state
    assert "<t:1767399000:f>" in state  # the next check: 3 Jan, 00:10 UTC
    await give_back(env, world.channel)
    await advance(env, 24 * 3600)
    assert titles(world) == ["Question of the day — 3 Jan"]


async def test_a_deleted_channel_is_not_looked_at_again(world: World, env) -> None:
    await world.set()
    env.backend.delete_channel(world.channel.id)
    await env.settle()
    before = len(env.http_requests)
    await advance(env, 2 * 24 * 3600)
    assert [q for q in env.http_requests[before:] if str(world.channel.id) in q.path] == []
    lobby = world.guild.create_text_channel("lobby")
    r = await world.admin.slash(lobby, "daily status")
    state = r.response.embeds[0].description
    assert state.startswith("⏸️ Paused: the channel #study was deleted") and "check again" not in state, state


# -- a topic whose deck was turned off -----------------------------------------------------------------------
async def test_a_topic_left_without_cards_is_said_in_the_post_and_in_status(world: World, env) -> None:
    await world.set()  # topic "attention": cards of the daily-test deck
    await disable(world, "daily-test")
    state, fields = await status(world)
    assert "⚠️ The topic **attention** has no cards left: each question comes from every card" in state, state
    assert fields["Topic"] == "attention: no cards left, so every card (1)"
    await env.advance_time(15 * 60)
    [post] = world.posts()
    assert "overfitting" not in post.embeds[0].description.lower()  # the question is not the answer
    assert post.embeds[0].description.startswith("What is it called when a model learns")
    assert embed_fields(post)["Topic"] == "every card (**attention** has no cards left)"


async def test_a_topic_with_cards_is_shown_as_before(world: World, env) -> None:
    await world.set()
    await env.advance_time(15 * 60)
    [post] = world.posts()
    assert embed_fields(post)["Topic"] == "attention"
    state, fields = await status(world)
    assert state == "▶️ On" and fields["Topic"] == "attention"


# -- the core: looking at a pause again ----------------------------------------------------------------------
G, CH = 100, 200


async def test_a_paused_check_resumes_once_and_claims_one_post(core_services, clock) -> None:
    daily = core_services.daily
    await daily.set_schedule(G, CH, "09:00", "UTC")
    clock.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    claim = await daily.claim_due(G)
    assert claim is not None
    await daily.send_failed(claim.post_id, "I am missing Send Messages in <#200>", permanent=True, check_again=True)
    info = await daily.get_schedule(G)
    assert info.paused_reason and info.next_post_at == datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
    assert await daily.paused_check_due(G) is None  # not before the next post time

    clock.now = datetime(2026, 1, 2, 9, 0, 1, tzinfo=UTC)
    assert (await daily.paused_check_due(G)) is not None
    assert await daily.check_paused(G, None)
    assert not await daily.check_paused(G, None)  # a second worker finds it resumed
    claims = [await daily.claim_due(G), await daily.claim_due(G)]
    assert [c.day.isoformat() for c in claims if c is not None] == ["2026-01-02"]


async def test_a_paused_check_that_still_cannot_post_keeps_the_pause_until_the_next_post_time(
    core_services, clock
) -> None:
    daily = core_services.daily
    await daily.set_schedule(G, CH, "09:00", "UTC")
    clock.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert await daily.pause(G, "I am missing Send Messages in <#200>", check_again=True)
    clock.now = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)  # exactly the post time
    assert not await daily.check_paused(G, "I am missing Embed Links in <#200>")
    info = await daily.get_schedule(G)
    assert info.paused_reason == "I am missing Embed Links in <#200>"
    assert info.next_post_at == clock.now + timedelta(days=1)
    assert await daily.claim_due(G) is None
    clock.now += timedelta(days=1)
    assert not await daily.check_paused(G, "the channel <#200> was deleted", check_again=False)
    assert (await daily.get_schedule(G)).next_post_at is None  # no more checks: /daily set resumes
    assert await daily.due_work(clock.now + timedelta(days=3)) == []
