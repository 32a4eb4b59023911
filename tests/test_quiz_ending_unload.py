"""A quiz that has just ended when the quiz extension is reloaded, or the bot is shut down for a restart, before
its timer posted the summary: the summary is still posted, once, and its question shows the answer.

The quiz is ended through the quiz service, as the last question's close or a Stop button does, just before the
reload or the shutdown: under simcord the timer would otherwise post the summary before the test goes on."""

from __future__ import annotations

import pytest

from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    yield guild, channel, alice, bob
    await env.bot.close()


def ends(channel) -> list[str]:
    """The titles of the quiz endings posted in the channel (summaries and interruption notices)."""
    return [
        m.embeds[0].title for m in channel.history()
        if m.embeds and m.embeds[0].title and m.embeds[0].title.startswith(("🏁", "⏹️"))
    ]


def ranking(message) -> str:
    return next(f.value for f in message.embeds[0].fields if f.name.startswith("Ranking"))


async def start_and_answer(env, channel, alice, bob):
    await alice.slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    shown = await bob.click(question, label="Answer")
    box = next(c for row in shown.modal["components"] for c in [*row.get("components", []), row.get("component") or {}]
               if c.get("type") == 4)
    await bob.submit_modal(shown, {box["custom_id"]: "temperature"})
    return env.bot.tutor_services.quiz.running_in(channel.id), question


async def test_a_reload_right_after_a_quiz_ended_still_posts_its_summary_once(env, world) -> None:
    _, channel, alice, bob = world
    quiz, question = await start_and_answer(env, channel, alice, bob)
    await env.bot.tutor_services.quiz.stop(quiz.id, user_id=alice.id)
    await env.bot.reload_extension("cogs.quiz")
    await env.bot.get_cog("Quiz").announced()
    await env.settle()
    await env.advance_time(30)
    assert ends(channel) == ["⏹️ Quiz stopped · llms"], "the summary of the quiz was never posted"
    assert "**bob** — 10 pts" in ranking(channel.last_message)
    shown = next(m for m in channel.history() if m.id == question.id)
    assert shown.components == [] and shown.embeds[0].title.endswith("· answer")


async def test_a_shutdown_right_after_a_quiz_ended_posts_its_summary_before_the_restart(
    env, world, settings, clock
) -> None:
    _, channel, alice, bob = world
    quiz, _ = await start_and_answer(env, channel, alice, bob)
    await env.bot.tutor_services.quiz.finish(quiz.id)  # its last question closed: it is over
    await env.bot.close()  # the bot stops (SIGTERM) before the quiz's timer posted the summary
    await env.restart_bot(TutorBot(settings, clock=clock))
    await env.bot.get_cog("Quiz").announced()
    await env.settle()
    assert ends(channel) == ["🏁 Quiz over · llms"], "the summary of the quiz was never posted"
    assert "**bob** — 10 pts" in ranking(channel.last_message)
