"""A quiz must never lock its channel (issue 11): the database turning read-only or the disk filling mid-quiz.

Today: a failed write in the quiz loop (``set_message`` of the next question, in ``ChannelQuizzes._run``) ends
the quiz through ``QuizService.finish`` (bot/core/quiz/service.py), whose own ``end_quiz`` write fails too — after
``quiz.status`` was set but before ``_forget`` — so the channel stays registered to a quiz that is not running,
nobody is told, and every later ``/quiz`` there answers "A quiz is already running in this channel", even after
the disk is fixed.
"""

from __future__ import annotations

import pytest

FAULTS = ["read_only", "disk_full"]


def running_quizzes(db_query) -> int:
    return sum(1 for (status,) in db_query("SELECT status FROM quizzes") if status == "running")


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_disk_failing_mid_quiz_ends_it_tells_the_channel_and_frees_it(
    env, world, db_faults, db_query, ui, fault
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=10)
    seen = len(channel.history())
    getattr(db_faults, fault)()
    await env.advance_time(10.5)  # question 1 closes; the next step of the quiz needs a write
    await env.advance_time(60)  # long enough for the whole quiz, however it goes on
    told = ui.told_quiz_ended(channel, after=seen)
    db_faults.heal()
    await env.advance_time(120)  # writes work again: the end state gets written
    again = await m["bob"].slash(channel, "quiz", topic="nlp")
    bot_errors = env.errors  # (acknowledged here so that teardown reports the assertions, not these)
    assert told, f"the channel was not told the quiz ended: {ui.titles(channel)}"
    assert not again.ephemeral, f"/quiz after the disk was fixed: {ui.seen_by(again)}"
    assert channel.last_message.embeds[0].title.startswith("Question 1/")
    assert running_quizzes(db_query) == 1  # only the new one: the old quiz's end was written
    del bot_errors


@pytest.mark.parametrize("fault", FAULTS)
async def test_when_the_end_of_quiz_write_fails_the_channel_still_gets_the_summary_and_is_freed(
    env, world, db_faults, db_query, fail_route, ui, fault
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=20)
    question = channel.last_message
    seen = len(channel.history())
    # The disk fails as the question is edited into its reveal: just before the end of the quiz is written.
    fail_route.on(env, "PATCH", fail_route.edit(channel, question), getattr(db_faults, fault))
    right = await ui.answer(m["bob"], question, "temperature")
    assert "+10 points" in right.response.content  # told to bob, and stored
    await env.advance_time(3.5)  # the first-correct window closes: reveal, then the end of the quiz
    await env.advance_time(30)
    assert db_faults.refused, "the disk never failed: the fault came too late"
    after = channel.history()[seen - 1 :]  # the question (edited into its reveal) and what followed
    told = ui.told_quiz_ended(channel, after=seen)
    db_faults.heal()
    await env.advance_time(120)
    again = await m["carol"].slash(channel, "quiz", topic="nlp")
    bot_errors = env.errors
    assert told, f"no end of quiz in the channel: {ui.titles(channel)}"
    assert any("bob" in ui.text(msg) and "10" in ui.text(msg) for msg in after), "points told are kept"
    assert not again.ephemeral, f"/quiz after the disk was fixed: {ui.seen_by(again)}"
    assert running_quizzes(db_query) == 1
    assert db_query("SELECT user_name, points FROM attempts") == [("bob", 10)]
    del bot_errors


async def test_answers_given_before_the_disk_failed_are_kept(env, world, db_faults, db_query, ui) -> None:
    """Passes today (a guard): what was acknowledged stays acknowledged, whatever happens to the disk later."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=20)
    await ui.answer(m["bob"], channel.last_message, "temperature")
    db_faults.read_only()
    await env.advance_time(60)
    db_faults.heal()
    env.errors  # noqa: B018 - acknowledged: this test is about the stored answers only
    assert db_query("SELECT user_name, verdict, points FROM attempts") == [("bob", "correct", 10)]
