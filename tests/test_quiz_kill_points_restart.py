"""A channel quiz whose process is killed at each step of its questions and of its ending.

A channel quiz does not go on after a restart: the next start ends it ("interrupted by a restart", scores kept),
says so once in its channel, and marks the question that was open as ended (its buttons taken away). Each step
below is a point where a killed process (SIGKILL, a power cut: here, a restart while that step's write waits)
used to leave the channel wrong:

* a question posted, killed before its message was stored: the question stayed up with its buttons after the
  restart, looking open, and every answer to it was refused with "This quiz has ended";
* a question closed and shown as its reveal, killed before that was stored: the reveal (the answer, who got it)
  was replaced by "interrupted before this question closed";
* the summary ("Quiz over") posted, killed before that was stored, or after the database had refused to write the
  quiz's end: the next start posted a second ending under the first;
* the "interrupted" notice posted, killed again before that was stored: a second notice.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest
from modal_support import modal_parts
from play_support import MINI_RIGHT, titles
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

ENDINGS = ("🏁 Quiz over", "⏹️ Quiz stopped", "⏹️ Quiz interrupted")
HANG_SECONDS = 3600.0  # a write that waits this long is still waiting when the process is killed


def endings(channel) -> list[str]:
    return [t for t in titles(channel) if t.startswith(ENDINGS)]


def buttons(message) -> list[str]:
    return [c.label or "" for row in message.components for c in row.children]


def message(channel, message_id: int):
    return next(m for m in channel.history() if m.id == message_id)


async def answer(member, question, text: str):
    shown = await member.click(question, label="Answer")
    if shown.modal is None:
        return shown
    box = next(c for c in modal_parts(shown.modal) if c.get("type") == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


def hang(queries: Any, name: str, when=lambda *args, **kwargs: True) -> None:
    """Make the process's ``queries.<name>`` wait (so a restart kills it there) when ``when(args)`` holds."""
    real = getattr(queries, name)

    async def waiting(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            await asyncio.sleep(HANG_SECONDS)
        return await real(*args, **kwargs)

    setattr(queries, name, waiting)


def refuse(queries: Any, name: str) -> None:
    """The database refuses ``queries.<name>`` (read-only) in this process."""

    async def refused(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    setattr(queries, name, refused)


async def killed_and_restarted(env, settings, clock, *, before_ready=None) -> None:
    """The old bot is dropped mid-work, as a killed process is; the new one starts on the same database
    (``before_ready(bot)``: set up on the new bot before it announces anything)."""
    old = env.bot
    bot = TutorBot(settings, clock=clock)
    if before_ready is not None:
        real_setup = bot.setup_hook

        async def setup_hook() -> None:
            await real_setup()
            before_ready(bot)

        bot.setup_hook = setup_hook  # type: ignore[method-assign]
    await env.restart_bot(bot)
    if before_ready is None:  # (else its announcements may be left waiting, as the test wants)
        await env.bot.get_cog("Quiz").announced()
    await env.settle()
    await old.tutor_services.close()  # (only to release the old database connection)


def current_card(env, channel) -> str:
    return env.bot.tutor_services.quiz.running_in(channel.id).question.card.key


async def test_a_question_posted_just_before_a_kill_is_marked_ended_not_left_open(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=30)
    first = channel.last_message
    await answer(m["bob"], first, MINI_RIGHT[current_card(env, channel)])
    # Question 2 is posted, and the process is killed before its message is stored.
    hang(env.bot.tutor_services.quiz.queries, "set_message", lambda quiz_id, message_id, asked=None, **_: message_id is not None)
    await env.advance_time(3.5 + 4.5)  # question 1 closes, its reveal shows; the pause; question 2 is posted
    second = channel.last_message
    assert second.embeds[0].title.startswith("Question 2/2"), titles(channel)
    assert "Answer" in buttons(second)

    await killed_and_restarted(env, settings, clock)

    assert endings(channel) and endings(channel)[0].startswith("⏹️ Quiz interrupted"), titles(channel)
    assert len(endings(channel)) == 1, f"more than one ending: {titles(channel)}"
    second = message(channel, second.id)
    assert buttons(second) == [], (
        f"the question posted before the restart still shows {buttons(second)}, as if open; its quiz has ended: "
        f"{second.embeds[0].title!r}"
    )
    assert "interrupted by a restart" in (second.embeds[0].description or ""), second.embeds[0].description
    assert second.embeds[0].title.startswith("Question 2/2"), second.embeds[0].title
    assert message(channel, first.id).embeds[0].title == "Question 1/2 · answer"  # the reveal before it is kept
    assert len([t for t in titles(channel) if t.startswith("Question 2/2")]) == 1, f"posted twice: {titles(channel)}"


async def test_a_reveal_shown_just_before_a_kill_is_kept(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=30)
    question = channel.last_message
    await answer(m["bob"], question, MINI_RIGHT[current_card(env, channel)])
    # The question closes and shows its reveal; the process is killed before it stores that no question is open.
    hang(env.bot.tutor_services.quiz.queries, "set_message", lambda quiz_id, message_id, asked=None, **_: message_id is None)
    await env.advance_time(3.5)
    assert message(channel, question.id).embeds[0].title == "Question 1/2 · answer"

    await killed_and_restarted(env, settings, clock)

    assert len(endings(channel)) == 1 and endings(channel)[0].startswith("⏹️ Quiz interrupted"), titles(channel)
    after = message(channel, question.id)
    assert after.embeds[0].title == "Question 1/2 · answer", (
        f"the reveal was replaced by {after.embeds[0].title!r}: {after.embeds[0].description!r}"
    )
    fields = {f.name: f.value for f in after.embeds[0].fields}
    assert any(name.startswith("Got it") and "bob" in value for name, value in fields.items()), fields


async def test_a_summary_posted_just_before_a_kill_is_not_followed_by_another(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await answer(m["bob"], channel.last_message, "temperature")
    hang(env.bot.tutor_services.quiz.queries, "summary_shown")  # killed before it stores that it was shown
    await env.advance_time(10)
    assert endings(channel) == ["🏁 Quiz over · llms"], titles(channel)

    await killed_and_restarted(env, settings, clock)

    assert endings(channel) == ["🏁 Quiz over · llms"], f"a second ending: {titles(channel)}"
    await killed_and_restarted(env, settings, clock)
    assert endings(channel) == ["🏁 Quiz over · llms"], f"a second ending: {titles(channel)}"


async def test_a_summary_shown_after_its_end_was_refused_is_the_only_ending_after_a_kill(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await answer(m["bob"], channel.last_message, "temperature")
    queries = env.bot.tutor_services.quiz.queries
    refuse(queries, "end_quiz")  # the database refuses the quiz's end, and the mark that its summary was shown
    refuse(queries, "summary_shown")
    await env.advance_time(10)
    assert endings(channel) == ["🏁 Quiz over · llms"], titles(channel)
    summary = channel.last_message
    assert "bob" in (summary.embeds[0].fields[0].value or "")

    await killed_and_restarted(env, settings, clock)  # before the refused writes could be made again

    assert endings(channel) == ["🏁 Quiz over · llms"], f"the quiz ended twice: {titles(channel)}"
    async with env.bot.tutor_services.store.read() as db:
        rows = [tuple(r) for r in await db.execute_fetchall("SELECT status, winner_id, summary_due FROM quizzes")]
    # The end the channel was shown is the one kept: bob's win counts in /stats.
    assert rows == [("finished", m["bob"].id, 0)], rows


async def test_an_interruption_notice_posted_just_before_a_second_kill_is_not_posted_again(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=30)
    question = channel.last_message
    await answer(m["bob"], question, MINI_RIGHT[current_card(env, channel)])

    # Killed mid-question; the next process posts the notice and is killed before it stores that it did.
    await killed_and_restarted(
        env, settings, clock, before_ready=lambda bot: hang(bot.tutor_services.quiz.queries, "summary_shown")
    )
    assert endings(channel) and endings(channel)[0].startswith("⏹️ Quiz interrupted"), titles(channel)

    await killed_and_restarted(env, settings, clock)

    assert len(endings(channel)) == 1, f"the notice was posted again: {titles(channel)}"
    assert buttons(message(channel, question.id)) == []
    await killed_and_restarted(env, settings, clock)
    assert len(endings(channel)) == 1, f"the notice was posted again: {titles(channel)}"
