"""The bot is removed from a server (kicked, or the server deleted) while a channel quiz runs there.

The quiz ends at once, its points kept: nothing is left running for a server the bot has no access to, which
went on to fail its reveal, its reveal posted again, the next question and the summary (a warning each, and
calls Discord refuses), and the log says once what happened. Invited back, the channel takes a new quiz.
"""

from __future__ import annotations

import logging

from play_support import invite_back, kick_bot


async def test_a_quiz_ends_at_once_when_the_bot_is_removed_from_its_server(
    env, world, ui, db_query, caplog
) -> None:
    guild, channel, m = world
    caplog.set_level(logging.INFO)
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    await ui.answer(m["bob"], channel.last_message, "attention")  # (right or wrong: kept as it was counted)
    counted = db_query("SELECT user_name, points FROM attempts")
    sent = len(env.http_requests)
    caplog.clear()
    kicked = kick_bot(env, guild)
    await env.settle()
    assert env.bot.tutor_services.quiz.running_in(channel.id) is None, "the quiz still runs for a server it left"
    await env.advance_time(120)  # the time the quiz would have taken
    calls = [f"{r.method} {r.path}" for r in env.http_requests[sent:] if f"/channels/{channel.id}/" in r.path]
    assert calls == [], f"the bot kept calling into a server it was removed from: {calls}"
    assert db_query("SELECT status FROM quizzes") == [("stopped",)]
    assert db_query("SELECT user_name, points FROM attempts") == counted  # nothing earned was lost
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warned == [], f"one removal, many warnings: {warned}"
    said = [r.getMessage() for r in caplog.records if "removed from" in r.getMessage()]
    assert len(said) == 1, f"the log should say once why the quiz ended: {said}"

    invite_back(env, kicked)
    await env.settle()
    await env.advance_time(30)  # (the start cooldown)
    again = await m["carol"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral, f"the channel is still taken: {ui.seen_by(again)}"
    assert ui.titles(channel)[-1].startswith("Question 1/1"), ui.titles(channel)


async def test_a_quiz_in_another_server_goes_on_when_the_bot_is_removed_from_one(env, world, ui) -> None:
    guild, channel, m = world
    other = env.create_guild("Other")
    hall = other.create_text_channel("hall")
    dave = other.add_member(env.create_user("dave"))
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=30)
    await dave.slash(hall, "quiz", topic="transformers", questions=2, seconds=10)
    kick_bot(env, guild)
    await env.settle()
    await env.advance_time(40)
    titles = ui.titles(hall)
    assert any(t.startswith("Question 2/2") for t in titles), titles
    assert ui.told_quiz_ended(hall), titles


async def test_a_quiz_goes_on_when_its_server_is_only_unavailable_for_a_while(env, world, ui) -> None:
    """An outage on Discord's side (GUILD_DELETE with ``unavailable``) is no removal: the quiz is not ended."""
    guild, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=10)
    env.backend.emit("GUILD_DELETE", {"id": str(guild.id), "unavailable": True})
    await env.settle()
    assert env.bot.tutor_services.quiz.running_in(channel.id) is not None
