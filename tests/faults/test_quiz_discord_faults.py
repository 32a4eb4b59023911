"""A quiz must never lock its channel, and always says how it ended (issue 11): Discord calls that fail.

Each fault is one call that failed after discord.py's own retries (``fail_route``: 429 with a retry-after, 500,
503, 403, 404 — the exception classes discord.py raises). Today, in ``ChannelQuizzes._run`` (cogs/quiz/runner.py)
any exception from a post or an edit goes to ``_end_quietly``: the quiz is finished in the store, but the channel
gets no reveal, no summary and no notice. An interaction reply that fails after the answer was committed
(``QuizCog._answer``) goes to ``handle_error``, which shows "Something went wrong" although the point counted. A
failed reply to ``/quiz`` itself (``QuizCog._start_channel_quiz``) leaves a quiz registered to the channel with no
task running it: the channel is locked until the bot restarts.
"""

from __future__ import annotations

import pytest
from faultkit import answer_box_id, embed_title


def titles_after(ui, channel, seen: int) -> list[str]:
    return ui.titles(channel)[seen:]


@pytest.mark.parametrize("status", [500, 503, 404, 429])
async def test_a_failed_reveal_edit_still_shows_the_reveal_and_the_quiz_ends_in_the_open(
    env, world, fail_route, ui, status
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=10)
    question = channel.last_message
    fault = fail_route(env, "PATCH", fail_route.edit(channel, question), status, retry_after=2.0)
    await env.advance_time(10.5)  # time is up: the reveal edit fails
    await env.advance_time(60)  # the rest of the quiz
    assert fault.hits, "the reveal was not an edit of the question any more: adapt the fault"
    shown = ui.titles(channel)
    assert "Question 1/2 · answer" in shown, f"no reveal of question 1: {shown}"
    assert ui.told_quiz_ended(channel), f"the channel was not told how the quiz ended: {shown}"


@pytest.mark.parametrize("status", [500, 503, 403, 429])
async def test_a_failed_question_post_is_retried_or_the_channel_is_told(env, world, fail_route, ui, status) -> None:
    _, channel, m = world
    fault = fail_route(
        env, "POST", fail_route.send(channel), status, retry_after=2.0,
        when=lambda body: embed_title(body).startswith("Question 1/"),
    )
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=10)
    await env.advance_time(60)  # the whole quiz, however it goes on
    assert fault.hits
    assert ui.told_quiz_ended(channel), f"silence after a failed question post: {ui.titles(channel)}"
    again = await m["bob"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral, f"the channel is still locked: {ui.seen_by(again)}"


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_failed_summary_post_is_retried(env, world, fail_route, ui, status) -> None:
    _, channel, m = world
    fault = fail_route(
        env, "POST", fail_route.send(channel), status, retry_after=2.0,
        when=lambda body: "Quiz over" in embed_title(body),
    )
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await ui.answer(m["bob"], channel.last_message, "temperature")
    await env.advance_time(60)
    assert fault.hits, f"the summary was never posted at all: {ui.titles(channel)}"
    assert ui.told_quiz_ended(channel), f"no summary after one failed post: {ui.titles(channel)}"
    assert any("bob" in ui.text(msg) and "10 pts" in ui.text(msg) for msg in channel.history())


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_a_failed_reply_after_a_committed_answer_tells_the_player_the_truth(
    env, world, fail_route, ui, db_query, status
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    fault = fail_route(env, "POST", fail_route.CALLBACK, status, retry_after=1.0)
    submitted = await m["bob"].submit_modal(shown, {answer_box_id(shown): "temperature"})
    await env.advance_time(2)  # room for a retry after the retry-after
    seen = ui.seen_by(submitted)
    assert fault.hits
    assert db_query("SELECT user_name, points FROM attempts") == [("bob", 10)]  # the point counted, once
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("+10" in text for text in seen), f"bob was never told his point counted: {seen}"


@pytest.mark.parametrize("status", [500, 503])
async def test_a_failed_reply_to_quiz_does_not_lock_the_channel(env, world, fail_route, ui, status) -> None:
    _, channel, m = world
    fail_route(env, "POST", fail_route.CALLBACK, status)
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    await env.advance_time(1)
    started = any(title.startswith("Question 1/1") for title in ui.titles(channel))
    again = await m["bob"].slash(channel, "quiz", topic="nlp")
    assert started or not again.ephemeral, f"no quiz runs, yet the channel is taken: {ui.seen_by(again)}"
