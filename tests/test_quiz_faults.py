"""A quiz never locks its channel and always says how it ended (issue 11), through simcord.

Discord failures are the exceptions discord.py raises once its own retries are spent, and disk failures
are what SQLite raises on a read-only or full disk: both come from the fault kit of ``tests/faults``
(``FailRoute``, ``DbFaults``), installed here on this module's own fixtures.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import discord
import pytest
from play_support import titles
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import (  # noqa: E402
    DbFaults,
    embed_title,
    failing_routes,  # noqa: F401  (the ``fail_route`` fixture)
)

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


@pytest.fixture
def disk(settings, monkeypatch: pytest.MonkeyPatch):
    faults = DbFaults(settings.db_path).install(monkeypatch)
    yield faults
    faults.heal()


def stored(settings, sql: str) -> list[tuple]:
    """Rows read by a separate read-only connection, as any other reader of the file would see them."""
    con = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", *(f"{f.name} {f.value}" for f in e.fields)]
    return "\n".join(parts)


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    box = next(c for row in shown.modal["components"] for c in [row, *(row.get("components") or [])]
               if c.get("type") == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


def seen(result) -> list[str]:
    shown = [result.response] if result.response is not None else []
    return [text_of(m) for m in [*shown, *result.followups]]


# -- the disk -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fault", ["read_only", "disk_full"])
async def test_an_answer_the_disk_refuses_does_not_count_and_the_quiz_ends_in_the_open(
    env, world, disk, settings, fault
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    question = channel.last_message
    getattr(disk, fault)()
    refused = await answer(m["bob"], question, "attention")
    assert refused.ephemeral and "could not be saved" in refused.response.content
    assert "did not count" in refused.response.content and "Something went wrong" not in refused.response.content
    await env.advance_time(1)
    end = channel.last_message
    assert end.embeds[0].title == "⏹️ Quiz stopped · transformers"
    assert "can't save to my database" in end.embeds[0].description
    revealed = next(msg for msg in channel.history() if msg.id == question.id)
    assert revealed.embeds[0].title == "Question 1/3 · answer" and revealed.components == []
    await env.advance_time(60)
    assert titles(channel)[-1] == "⏹️ Quiz stopped · transformers"  # nothing more was asked
    disk.heal()
    again = await m["carol"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral and channel.last_message.embeds[0].title == "Question 1/1 · nlp"
    assert sorted(stored(settings, "SELECT status FROM quizzes")) == [("running",), ("stopped",)]
    assert stored(settings, "SELECT * FROM attempts") == []


@pytest.mark.parametrize("fault", ["read_only", "disk_full"])
async def test_the_end_of_a_quiz_the_disk_refused_is_written_once_it_works_again(
    env, world, disk, settings, fault
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=20)
    right = await answer(m["bob"], channel.last_message, "temperature")
    assert "+10 points" in right.response.content
    getattr(disk, fault)()
    await env.advance_time(3.5)  # the window closes: the reveal, then the summary; the end can't be written
    summary = channel.last_message
    assert summary.embeds[0].title == "🏁 Quiz over · llms"
    assert "🥇 **bob** — 10 pts" in text_of(summary)  # the points told are kept
    assert stored(settings, "SELECT status FROM quizzes") == [("running",)]
    disk.heal()
    await env.advance_time(61)  # the cog's housekeeping writes what waited, without anyone starting a quiz
    assert stored(settings, "SELECT status, winner_id FROM quizzes") == [("finished", m["bob"].id)]
    assert stored(settings, "SELECT user_name, points FROM attempts") == [("bob", 10)]


# -- Discord --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [403, 404, 500])
async def test_a_question_that_cannot_be_posted_ends_the_quiz_with_a_notice_and_frees_the_channel(
    env, world, fail_route, status
) -> None:
    _, channel, m = world
    fault = fail_route(env, "POST", fail_route.send(channel), status, times=None,
                       when=lambda body: embed_title(body).startswith("Question 2/"))
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=10)
    await env.advance_time(10.5 + 4.5 + 30)
    assert fault.hits  # tried (again, for a server error)
    assert len(fault.hits) == (3 if status == 500 else 1)
    end = channel.last_message
    assert end.embeds[0].title == "⏹️ Quiz stopped · transformers"
    assert "couldn't post the next question" in end.embeds[0].description
    await env.advance_time(20)
    again = await m["alice"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_question_post_that_fails_once_is_sent_again_and_the_quiz_goes_on(
    env, world, fail_route, status
) -> None:
    _, channel, m = world
    fault = fail_route(env, "POST", fail_route.send(channel), status, retry_after=2.0,
                       when=lambda body: embed_title(body).startswith("Question 1/"))
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=20)
    await env.advance_time(3)
    assert len(fault.hits) == 1
    assert channel.last_message.embeds[0].title == "Question 1/1 · llms"
    right = await answer(m["bob"], channel.last_message, "temperature")
    assert "+10 points" in right.response.content


@pytest.mark.parametrize("status", [404, 500, 503, 429])
async def test_a_reveal_whose_edit_fails_is_posted_as_a_new_message(env, world, fail_route, status) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    question = channel.last_message
    fault = fail_route(env, "PATCH", fail_route.edit(channel, question), status, times=None, retry_after=1.0)
    await answer(m["bob"], question, "temperature")
    await env.advance_time(3.5 + 20)
    assert fault.hits
    assert titles(channel)[-2:] == ["Question 1/1 · answer", "🏁 Quiz over · llms"]
    assert "**bob** (+10, first)" in text_of(channel.history()[-2])


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_failed_reply_after_a_committed_answer_tells_the_player_it_counted(
    env, world, fail_route, settings, status
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    box = next(c for row in shown.modal["components"] for c in [row, *(row.get("components") or [])]
               if c.get("type") == 4)
    fault = fail_route(env, "POST", fail_route.CALLBACK, status, retry_after=1.0)
    submitted = await m["bob"].submit_modal(shown, {box["custom_id"]: "temperature"})
    await env.advance_time(3)
    told = seen(submitted)
    assert fault.hits
    assert not any("Something went wrong" in t for t in told), told
    assert any("+10 points" in t for t in told), told
    assert stored(settings, "SELECT user_name, points FROM attempts") == [("bob", 10)]  # once


@pytest.mark.parametrize("status", [500, 503])
async def test_a_failed_reply_to_quiz_still_runs_the_quiz(env, world, fail_route, status) -> None:
    _, channel, m = world
    fail_route(env, "POST", fail_route.CALLBACK, status)
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    await env.advance_time(1)
    assert channel.last_message.embeds[0].title == "Question 1/1 · llms"
    assert isinstance(channel.last_message.components[0].children[0], discord.components.Button)
