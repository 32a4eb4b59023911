"""A moderator deletes the question message of a running quiz: the quiz ends, and its summary (with the points
already given) is posted in the channel with a note. Discord may fail that post for a passing reason (a 5xx, a rate
limit after discord.py's own retries): it is tried again, as every other summary is (``delivery.retrying``), rather
than dropped and marked shown, which left the channel with no word of how the quiz ended or who scored."""

from __future__ import annotations

import pytest
from faultkit import embed_title


@pytest.mark.parametrize(("status", "rate_limited"), [(500, False), (503, False), (429, False), (429, True)])
async def test_the_summary_after_a_deleted_question_is_posted_despite_a_passing_failure(
    env, world, fail_route, ui, db_query, status, rate_limited
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    question = channel.last_message
    seen = len(channel.history())
    fault = fail_route(
        env, "POST", fail_route.send(channel), status, retry_after=1.0, rate_limited=rate_limited,
        when=lambda body: "Quiz stopped" in embed_title(body),
    )
    # bob is right (+10); as he is told so, a moderator deletes the question (still open for its 3 s window).
    fail_route.on(env, "POST", fail_route.CALLBACK, lambda: env.backend.delete_message(channel.id, question.id),
                  when=lambda body: (body or {}).get("type") == 4)
    await ui.answer(m["bob"], question, "temperature")
    await env.advance_time(15)  # room for the tries again
    assert fault.hits, f"the summary was not posted at all: {ui.titles(channel)}"
    after = channel.history()[seen - 1:]
    assert any("deleted" in ui.text(msg) for msg in after), f"no word of how the quiz ended: {ui.titles(channel)}"
    assert any("bob" in ui.text(msg) and "10 pts" in ui.text(msg) for msg in after), "bob's points were not shown"
    assert db_query("SELECT user_name, points FROM attempts") == [("bob", 10)]
    again = await m["carol"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral, f"the channel is still taken: {ui.seen_by(again)}"


async def test_the_summary_after_a_deleted_question_is_posted_once(env, world, ui) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    await m["mod"].delete(channel.last_message)
    await env.advance_time(60)
    stopped = [t for t in ui.titles(channel) if "Quiz stopped" in t]
    assert len(stopped) == 1, ui.titles(channel)
