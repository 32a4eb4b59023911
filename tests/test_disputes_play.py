"""Disputes in live play (simcord): feedback that never hands over the answer while it still scores, the
"I was right" button under a wrong, almost or partial verdict, a moderator's decision that gives the points
back to everyone who typed the same answer, the server's own accepted answer (that server only), and the
player hearing the outcome next time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest
from modal_support import text_box
from play_support import FirstChoice
from world_support import deck_folder

from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

DECK = """\
deck: play
title: Play deck for the dispute tests
description: Cards whose live feedback could give the answer away.
cards:
  - id: membranes
    term: membrane macromolecules
    question: Which two kinds of macromolecule make up most of a cell membrane?
    answer: |
      Cell membranes are mostly **lipids and proteins**: a lipid bilayer with proteins embedded in it.
    accept: [lipids and proteins]
    tags: [cells]
  - id: cosine-similarity
    term: cosine similarity
    question: Which measure compares two embedding vectors by the angle between them?
    answer: |
      **Cosine similarity** is the cosine of the angle between two vectors, whatever their lengths.
    accept: [cosine similarity]
    tags: [similarity]
  - id: temperature
    term: temperature
    aliases: [sampling temperature]
    question: Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?
    answer: |
      A low **temperature** produces repetitive, deterministic responses; increasing the temperature gives
      more unexpected or creative responses.
    accept: [temperature]
    reject: [top-k, top-p]
    tags: [sampling]
"""
TEMPERATURE = "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?"
WAS_RIGHT = "I was right"


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"play.yaml": DECK})


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol", "dan")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    env.bot.tutor_services.quiz.rng = FirstChoice()
    yield guild, channel, members
    await env.bot.close()


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    assert shown.modal is not None, shown.response and shown.response.content
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


def labels(message) -> list[str]:
    """The labels of a message's buttons (a private reply's components come as plain data)."""
    found = []
    for row in message.components:
        for c in row.get("components", []) if isinstance(row, dict) else row.children:
            label = c.get("label") if isinstance(c, dict) else c.label
            if label:
                found.append(label)
    return found


def disabled(message, label: str) -> bool:
    """Whether ``message``'s button ``label`` is disabled (a private reply's components come as plain data)."""
    for row in message.components:
        for c in row.get("components", []) if isinstance(row, dict) else row.children:
            if (c.get("label") if isinstance(c, dict) else c.label) == label:
                return bool(c.get("disabled") if isinstance(c, dict) else c.disabled)
    raise AssertionError(f"no {label!r} button")


def everything(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", *(f"{f.name} {f.value}" for f in e.fields)]
    return "\n".join(parts)


def board_line(message, name: str) -> str:
    return next(line for line in message.embeds[0].description.splitlines() if name in line)


async def quiz(member, channel, topic: str):
    """A one-question channel quiz on ``topic``; its question message."""
    await member.slash(channel, "quiz", topic=topic, questions=1, seconds=30)
    return channel.last_message


async def temperature_quiz(env, channel, m) -> None:
    """bob and dan type "softmax divisor" (wrong), carol "temperature" between them; bob disputes his."""
    question = await quiz(m["alice"], channel, "sampling")
    bob = await answer(m["bob"], question, "softmax divisor")
    assert bob.response.content.startswith("❌") and WAS_RIGHT in labels(bob.response)
    await env.advance_time(1)
    carol = await answer(m["carol"], question, "temperature")
    assert "+10 points" in carol.response.content and WAS_RIGHT not in labels(carol.response)
    await env.advance_time(1)
    await answer(m["dan"], question, "Softmax divisor")
    sent = await m["bob"].click(bob.response, label=WAS_RIGHT)
    assert sent.ephemeral and "Sent to the moderators" in sent.response.content
    assert "**softmax divisor**" in sent.response.content
    await env.advance_time(60)


async def decided_dispute(env, channel, m, decision: str) -> None:
    """A temperature quiz (``temperature_quiz``) whose dispute a moderator then decides: Accept or Reject."""
    await temperature_quiz(env, channel, m)
    page = await m["mod"].slash(channel, "disputes review")
    await m["mod"].click(page.response, label=decision)


async def test_partial_and_almost_feedback_in_a_channel_quiz_name_nothing_unrevealed(env, world) -> None:
    _, channel, m = world
    question = await quiz(m["alice"], channel, "cells")
    partial = await answer(m["bob"], question, "lipids")
    said = partial.response.content
    assert partial.ephemeral and "1 of 2" in said
    assert "proteins" not in said.lower() and "missing:" not in said
    assert WAS_RIGHT in labels(partial.response)
    pasted = await answer(m["carol"], question, said)
    assert "Correct" not in pasted.response.content and "points" not in pasted.response.content
    await env.advance_time(60)
    posted = "\n".join(everything(message) for message in channel.history())
    assert "lipids and proteins" in posted.lower()  # the reveal names it, once nobody can score

    question = await quiz(m["alice"], channel, "similarity")
    almost = await answer(m["bob"], question, "cosine similitude")
    said = almost.response.content
    assert "Almost" in said and "similarity" not in said.lower() and "did you mean" not in said.lower()
    assert WAS_RIGHT in labels(almost.response)
    pasted = await answer(m["carol"], question, said.replace("🟡", ""))
    assert "Correct" not in pasted.response.content and "points" not in pasted.response.content


async def test_i_was_right_opens_one_dispute_per_answer_with_clear_refusals(env, world) -> None:
    guild, channel, m = world
    question = await quiz(m["alice"], channel, "sampling")
    bob = await answer(m["bob"], question, "softmax divisor")
    # the button needs no view kept in memory (it is routed by its custom id): none is kept per verdict
    kept = env.bot._connection._view_store._views
    assert not [k for items in kept.values() for (_, k) in items if k.startswith("tutor:wasright")]

    sent = await m["bob"].click(bob.response, label=WAS_RIGHT)
    assert sent.ephemeral and "Sent to the moderators" in sent.response.content

    page = await env.bot.tutor_services.disputes.page(guild.id)
    assert page is not None and page.total == 1
    d = page.dispute
    assert (d.user_id, d.response, d.verdict, d.source) == (m["bob"].id, "softmax divisor", "wrong", "quiz")
    assert (d.card_key, d.prompt, d.accepted) == ("play:temperature", TEMPERATURE, ("temperature",))

    again = await m["bob"].click(bob.response, label=WAS_RIGHT)
    assert again.ephemeral and "already disputed that answer" in again.response.content
    assert (await env.bot.tutor_services.disputes.page(guild.id)).total == 1

    env.bot.tutor_services.disputes.daily_cap = 1
    dan = await answer(m["dan"], question, "top-k")
    await m["dan"].click(dan.response, label=WAS_RIGHT)
    dan_again = await answer(m["dan"], question, "nucleus")
    capped = await m["dan"].click(dan_again.response, label=WAS_RIGHT)
    assert capped.ephemeral and "as many disputes as you can open in a day (1)" in capped.response.content
    assert "you can dispute again <t:" in capped.response.content
    assert (await env.bot.tutor_services.disputes.page(guild.id)).total == 2


async def test_an_accepted_dispute_gives_points_back_to_everyone_with_that_answer_and_they_hear_of_it(
    env, world
) -> None:
    guild, channel, m = world
    await temperature_quiz(env, channel, m)
    board = await m["alice"].slash(channel, "leaderboard", period="all")
    assert "**0** pts" in board_line(board.response, "bob") and "**10** pts" in board_line(board.response, "carol")

    page = await m["mod"].slash(channel, "disputes review")
    done = await m["mod"].click(page.response, label="Accept")
    assert "2 answers of 2 players corrected, 15 points given back" in done.response.embeds[0].description

    board = await m["alice"].slash(channel, "leaderboard", period="all")
    assert "**10** pts" in board_line(board.response, "bob")  # right before carol: first
    assert "**10** pts" in board_line(board.response, "carol")
    assert "**5** pts" in board_line(board.response, "dan")  # within the window after carol

    # bob hears it the next time he plays, once; dan, who did not dispute, is not told anything.
    question = await quiz(m["alice"], channel, "cells")
    told = await answer(m["bob"], question, "lipids")
    assert "The moderators agreed: **softmax divisor** now counts as right" in told.response.content
    dan = await answer(m["dan"], question, "lipids")
    assert "moderators" not in dan.response.content
    await env.advance_time(60)
    question = await quiz(m["alice"], channel, "similarity")
    again = await answer(m["bob"], question, "euclidean distance")
    assert "moderators" not in again.response.content
    # /stats lists his disputes (privately).
    stats = await m["bob"].slash(channel, "stats")
    message = stats.response if stats.response.embeds else stats.followups[-1]
    fields = {f.name: f.value for f in message.embeds[0].fields}
    assert stats.ephemeral and "**softmax divisor** — ✅ accepted" in fields["Your disputes"]


async def test_a_rejected_dispute_changes_nothing_and_the_player_hears_it_in_stats(env, world) -> None:
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Reject")
    stats = await m["bob"].slash(channel, "stats")
    message = stats.response if stats.response.embeds else stats.followups[-1]
    assert "kept the verdict" in (message.content or "")
    fields = {f.name: f.value for f in message.embeds[0].fields}
    assert "**softmax divisor** — ❌ rejected" in fields["Your disputes"]
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["bob"].id)).points_total == 0


async def test_the_accepted_answer_counts_in_that_server_only(env, world) -> None:
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Accept")

    question = await quiz(m["alice"], channel, "sampling")
    right = await answer(m["carol"], question, "softmax divisor")
    assert right.response.content.startswith("✅") and "+10 points" in right.response.content
    await env.advance_time(60)

    other = env.create_guild("Elsewhere")
    there = other.create_text_channel("study")
    eve = other.add_member(env.create_user("eve"))
    question = await quiz(eve, there, "sampling")
    refused = await answer(eve, question, "softmax divisor")
    assert refused.response.content.startswith("❌") and "points" not in refused.response.content


async def test_practice_offers_i_was_right_after_a_wrong_answer(env, world) -> None:
    guild, channel, m = world
    started = await m["bob"].slash(channel, "quiz", topic="sampling", questions=1, private=True)
    wrong = await answer(m["bob"], started.response, "softmax divisor")
    assert WAS_RIGHT in labels(wrong.response)
    sent = await m["bob"].click(wrong.response, label=WAS_RIGHT)
    assert sent.ephemeral and "Sent to the moderators" in sent.response.content
    page = await env.bot.tutor_services.disputes.page(guild.id)
    assert page is not None and page.dispute.source == "practice"


async def test_i_was_right_still_works_after_a_restart(env, world, settings, clock) -> None:
    guild, channel, m = world
    question = await quiz(m["alice"], channel, "sampling")
    bob = await answer(m["bob"], question, "softmax divisor")
    await env.advance_time(60)
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    sent = await m["bob"].click(bob.response, label=WAS_RIGHT)
    assert sent.ephemeral and "Sent to the moderators" in sent.response.content
    page = await env.bot.tutor_services.disputes.page(guild.id)
    assert page is not None and page.dispute.response == "softmax divisor"
    await crashed.close()


async def daily_answer(member, post, text: str):
    shown = await member.click(post, label="Answer")
    assert shown.modal is not None, shown.response and shown.response.content
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def test_the_daily_question_offers_i_was_right_on_a_counted_answer_and_accepting_it_pays(env, world) -> None:
    guild, channel, m = world
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    await admin.slash(
        channel, "daily set", channel=channel, time="01:10", timezone="Europe/Paris", topic="sampling", answer_hours=1
    )
    await env.advance_time(10 * 60)  # 00:10 UTC == 01:10 in Paris
    post = channel.last_message
    assert post.embeds[0].description == discord.utils.escape_markdown(TEMPERATURE)

    wrong = await daily_answer(m["bob"], post, "softmax divisor")
    said = wrong.response.content
    assert said.startswith("❌") and "temperature" not in said.lower() and WAS_RIGHT in labels(wrong.response)
    right = await daily_answer(m["carol"], post, "temperature")
    assert "+10 points" in right.response.content and WAS_RIGHT not in labels(right.response)

    sent = await m["bob"].click(wrong.response, label=WAS_RIGHT)
    assert sent.ephemeral and "Sent to the moderators" in sent.response.content
    # Until the reveal, the moderator (who may answer it too) neither sees the answer nor decides it: accepted
    # now, "softmax divisor" would score for the next one to type it.
    page = await m["mod"].slash(channel, "disputes review")
    fields = {f.name: f.value for f in page.response.embeds[0].fields}
    assert "softmax divisor" not in everything(page.response) and "Hidden" in fields["Typed answer"]
    assert disabled(page.response, "Accept") and disabled(page.response, "Reject")
    await env.advance_time(3600)  # the question closes (answers stay open an hour) and its answer is revealed
    page = await m["mod"].slash(channel, "disputes review")
    fields = {f.name: f.value for f in page.response.embeds[0].fields}
    assert fields["Where"] == "daily" and fields["Typed answer"] == "**softmax divisor**"
    done = await m["mod"].click(page.response, label="Accept")
    assert "1 answer of 1 player corrected, 10 points given back" in done.response.embeds[0].description
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["bob"].id)).points_total == 10



async def test_a_dispute_recorded_slowly_is_still_acknowledged_in_time(env, world) -> None:
    # Recording waits for the write lock (up to a few seconds under load): Discord drops an interaction not
    # acknowledged within three seconds, and the player would see "interaction failed" for a dispute recorded.
    guild, channel, m = world
    question = await quiz(m["alice"], channel, "sampling")
    bob = await answer(m["bob"], question, "softmax divisor")
    disputes = env.bot.tutor_services.disputes
    real = disputes.open_dispute

    async def slow_open(**kwargs):
        await asyncio.sleep(4)
        return await real(**kwargs)

    disputes.open_dispute = slow_open
    sent = await m["bob"].click(bob.response, label=WAS_RIGHT)
    await env.advance_time(5)
    said = " ".join([sent.response.content or "", *(f.content or "" for f in sent.followups)])
    assert sent.ephemeral and "Sent to the moderators" in said
    assert (await disputes.page(guild.id)).total == 1


async def test_a_decision_told_with_a_daily_verdict_that_could_not_be_sent_is_told_next_time(env, world) -> None:
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Reject")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    await admin.slash(channel, "daily set", channel=channel, time="01:10", timezone="Europe/Paris", topic="sampling")
    await env.advance_time(10 * 60)  # 00:10 UTC == 01:10 in Paris
    post = channel.last_message
    assert post.embeds and post.embeds[0].title.startswith("Question of the day")
    # Discord refuses every message of the answer's interaction: the verdict, and the decision with it, unsent.
    env.inject_error("*", "/webhooks/*", status=503, message="Unavailable", times=None)
    await daily_answer(m["bob"], post, "softmax divisor")
    await env.advance_time(30)  # (the bot tries again a moment later, then gives up)
    env.backend.faults.clear()
    stats = await m["bob"].slash(channel, "stats")
    message = stats.response if stats.response.embeds else stats.followups[-1]
    assert "kept the verdict" in (message.content or "")


async def test_a_wrong_answer_holding_the_answer_is_not_shown_to_moderators_while_its_question_is_open(
    env, world
) -> None:
    guild, channel, m = world
    question = await quiz(m["alice"], channel, "sampling")
    bob = await answer(m["bob"], question, "temperature or top-k")
    assert bob.response.content.startswith("❌") and WAS_RIGHT in labels(bob.response)
    await m["bob"].click(bob.response, label=WAS_RIGHT)
    page = await m["mod"].slash(channel, "disputes review")  # the question is still open
    assert page.response.ephemeral and "temperature" not in everything(page.response).lower()
    assert disabled(page.response, "Accept") and disabled(page.response, "Reject")
    await env.advance_time(60)  # the quiz ends
    page = await m["mod"].slash(channel, "disputes review")
    assert "temperature or top-k" in everything(page.response)


async def test_a_decision_told_with_a_quiz_verdict_that_could_not_be_sent_is_told_next_time(env, world) -> None:
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Reject")
    question = await quiz(m["alice"], channel, "cells")
    shown = await m["bob"].click(question, label="Answer")
    # Discord refuses every reply to the answer: the verdict, and the decision with it, unsent.
    env.inject_error("*", "/interactions/*", status=503, message="Unavailable", times=None)
    env.inject_error("*", "/webhooks/*", status=503, message="Unavailable", times=None)
    try:
        await m["bob"].submit_modal(shown, {text_box(shown)["custom_id"]: "lipids"})
    except discord.HTTPException:
        pass  # (the submission itself was refused: the answer still counted)
    await env.advance_time(30)  # (the bot tries again a moment later, then gives up)
    env.backend.faults.clear()
    await env.advance_time(60)
    question = await quiz(m["alice"], channel, "similarity")
    again = await answer(m["bob"], question, "euclidean distance")
    assert "kept the verdict" in again.response.content


@pytest.mark.parametrize("command", ["stats", "review status"])
async def test_a_decision_told_with_a_stats_or_review_reply_that_could_not_be_sent_is_told_next_time(
    env, world, command
) -> None:
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Reject")
    # Discord refuses the reply that carries the decision: it is told with the next one.
    env.inject_error("*", "/interactions/*", status=503, message="Unavailable", times=None)
    env.inject_error("*", "/webhooks/*", status=503, message="Unavailable", times=None)
    try:
        await m["bob"].slash(channel, command)
    except discord.HTTPException:
        pass
    env.backend.faults.clear()
    again = await m["bob"].slash(channel, command)
    message = again.response if again.response.embeds else again.followups[-1]
    assert "kept the verdict" in (message.content or "")


async def test_the_decision_is_told_privately_after_define_search_or_a_quiz_start(env, world) -> None:
    # The card /define shows, /search's results and a quiz's intro are for the channel: the decision comes aside,
    # to the player alone, once.
    guild, channel, m = world
    await decided_dispute(env, channel, m, "Reject")

    shown = await m["bob"].slash(channel, "define", term="cosine similarity")
    assert not shown.response.ephemeral and "kept the verdict" not in everything(shown.response)
    (aside,) = shown.followups
    assert aside.ephemeral and "kept the verdict" in aside.content and "**softmax divisor**" in aside.content
    again = await m["bob"].slash(channel, "search", text="angle between vectors")
    assert not again.followups  # told once

    await decided_dispute(env, channel, m, "Reject")
    found = await m["bob"].slash(channel, "search", text="angle between vectors")
    assert [f.ephemeral for f in found.followups] == [True] and "kept the verdict" in found.followups[0].content
    others = await m["carol"].slash(channel, "quiz", topic="cells", questions=1, seconds=30)
    assert not others.followups  # (carol has nothing to hear)
    await env.advance_time(60)
    await decided_dispute(env, channel, m, "Reject")
    started = await m["bob"].slash(channel, "quiz", topic="cells", questions=1, seconds=30)
    assert [f.ephemeral for f in started.followups] == [True] and "kept the verdict" in started.followups[0].content
