"""A channel quiz's summary survives the bot being killed.

A quiz's end is written to the database (``finished``, its winner) before its summary is posted. A process
killed between the two (SIGKILL, a power cut: here, a restart while the summary's post waits to be tried again)
left the quiz ended for good with nothing in its channel: the players never saw the scores. Likewise the
"interrupted by a restart" notice: once the restart had marked the quiz interrupted, a second restart before the
notice went out never sent it. Each is now posted by the next start, once: a summary already shown is not
posted again.
"""

from __future__ import annotations

from faultkit import embed_title
from play_support import MINI_RIGHT

from bot.runner import TutorBot


async def killed_and_restarted(env, settings, clock) -> None:
    """The old bot is dropped mid-work, as a killed process is (its tasks cancelled, nothing closed first)."""
    old = env.bot
    await env.restart_bot(TutorBot(settings, clock=clock))
    await env.bot.get_cog("Quiz").announced()
    await env.settle()
    await old.tutor_services.close()  # (only to release the old database connection)


def summaries(ui, channel) -> list[str]:
    return [t for t in ui.titles(channel) if t.startswith(("🏁 Quiz over", "⏹️ Quiz"))]


async def test_a_summary_not_posted_before_a_kill_is_posted_after_the_restart(
    env, world, fail_route, ui, settings, clock, db_query
) -> None:
    _, channel, m = world
    fault = fail_route(  # rate limited: the post is tried again in 10 s
        env, "POST", fail_route.send(channel), 429, times=None, retry_after=10.0,
        when=lambda body: "Quiz over" in embed_title(body),
    )
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await ui.answer(m["bob"], channel.last_message, "temperature")
    await env.advance_time(3.5)  # the question closes, its reveal shows; the summary's first post fails
    assert len(fault.hits) == 1, "the summary was not posted once: adapt the fault"
    assert db_query("SELECT status, winner_id FROM quizzes") == [("finished", m["bob"].id)]
    fault.times = len(fault.hits)  # Discord answers again

    await killed_and_restarted(env, settings, clock)  # while the post waits to be tried again

    shown = summaries(ui, channel)
    assert shown, f"the players never saw the quiz's scores: {ui.titles(channel)}"
    assert len(shown) == 1, shown
    summary = channel.last_message
    assert "bob" in ui.text(summary) and "10 pts" in ui.text(summary), ui.text(summary)

    await killed_and_restarted(env, settings, clock)
    assert len(summaries(ui, channel)) == 1, f"the summary was posted again: {ui.titles(channel)}"


async def test_a_summary_shown_before_a_restart_is_not_posted_again(env, world, ui, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await ui.answer(m["bob"], channel.last_message, "temperature")
    await env.advance_time(10)
    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], ui.titles(channel)

    await killed_and_restarted(env, settings, clock)

    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], f"posted twice: {ui.titles(channel)}"


async def test_an_interruption_not_announced_before_a_second_kill_is_announced_at_the_next_start(
    env, world, fail_route, ui, settings, clock
) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=30)
    card = env.bot.tutor_services.quiz.running_in(channel.id).question.card.key
    await ui.answer(m["bob"], channel.last_message, MINI_RIGHT[card])
    fault = fail_route(  # rate limited: the notice is tried again in 10 s
        env, "POST", fail_route.send(channel), 429, times=None, retry_after=10.0,
        when=lambda body: "Quiz interrupted" in embed_title(body),
    )
    old = env.bot
    await env.restart_bot(TutorBot(settings, clock=clock))  # killed mid-question: the quiz is now interrupted
    await env.settle()
    assert fault.hits, "the notice was not posted at all: adapt the fault"
    fault.times = len(fault.hits)
    assert summaries(ui, channel) == [], ui.titles(channel)

    await killed_and_restarted(env, settings, clock)  # killed again while the notice waited to be tried again
    await old.tutor_services.close()

    shown = summaries(ui, channel)
    assert len(shown) == 1 and shown[0].startswith("⏹️ Quiz interrupted"), ui.titles(channel)
    assert "bob" in ui.text(channel.last_message) and "10 pts" in ui.text(channel.last_message)

    await killed_and_restarted(env, settings, clock)
    assert len(summaries(ui, channel)) == 1, f"the notice was posted again: {ui.titles(channel)}"


async def test_a_summary_shown_while_the_disk_refused_writes_is_not_posted_again_after_a_restart(
    env, world, fail_route, db_faults, ui, settings, clock, db_query
) -> None:
    # The disk turns read-only as the summary is posted: the end was written, the mark that it was shown is not.
    _, channel, m = world
    fail_route.on(
        env, "POST", fail_route.send(channel), db_faults.read_only, when=lambda body: "Quiz over" in embed_title(body)
    )
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await ui.answer(m["bob"], channel.last_message, "temperature")
    await env.advance_time(10)
    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], ui.titles(channel)
    db_faults.heal()
    await env.advance_time(120)  # the bot writes what the disk refused
    assert db_query("SELECT status, summary_due FROM quizzes") == [("finished", 0)]

    await killed_and_restarted(env, settings, clock)

    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], f"posted twice: {ui.titles(channel)}"


async def test_a_summary_shown_before_its_end_was_written_is_not_posted_again_after_a_restart(
    env, world, db_faults, ui, settings, clock, db_query
) -> None:
    # The disk refuses the end itself: the summary is shown, and the end is written once the disk is back.
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    db_faults.read_only()
    await env.advance_time(10.5)
    assert db_query("SELECT status FROM quizzes") == [("running",)]  # its end waits for the disk
    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], ui.titles(channel)
    db_faults.heal()
    await env.advance_time(120)
    assert db_query("SELECT status, summary_due FROM quizzes") == [("finished", 0)]

    await killed_and_restarted(env, settings, clock)

    assert summaries(ui, channel) == ["🏁 Quiz over · llms"], f"posted twice: {ui.titles(channel)}"
