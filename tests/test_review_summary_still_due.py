"""The end of a review while cards are still due: Stop with due cards left, or a session whose only due card is
being asked in the server now. The summary says how many are still due (and why the held one was not shown),
never "Next due: 3 minutes ago"."""

from __future__ import annotations

import re

from reminder_support import without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

SUMMARY_TIMES = re.compile(r"<t:(\d+):[a-zA-Z]>")


def summary_text(message) -> str:
    e = message.embeds[0]
    return "\n".join([e.title or "", e.description or "", *(f"{f.name}: {f.value}" for f in e.fields)])


def times_shown(message) -> list[int]:
    return [int(t) for t in SUMMARY_TIMES.findall(summary_text(message))]


async def test_stop_with_cards_still_due_says_how_many_not_a_time_in_the_past(env, world, no_daily) -> None:
    _, channel, m = world
    alice = m["alice"]
    page = (await alice.slash(channel, "review start")).response
    for _ in range(2):  # two new cards not known: each due again a minute later
        page = (await alice.click(page, label="Don't know")).response
        page = (await alice.click(page, label="Next")).response
    await env.advance_time(120)
    page = (await alice.slash(channel, "review start")).response
    assert page.embeds[0].footer.text.startswith("2 cards due")
    stopped = (await alice.click(page, label="Stop")).response
    text = summary_text(stopped)
    assert stopped.embeds[0].title == "🧠 Review stopped"
    assert all(t > env.now().timestamp() for t in times_shown(stopped)), text  # no "Next due: 2 minutes ago"
    assert "2 cards" in text and "due now" in text, text


async def test_a_due_card_being_asked_in_the_server_is_explained_not_given_a_past_due_time(
    env, world, no_daily
) -> None:
    guild, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", topics="sampling")  # one card: temperature
    page = (await alice.slash(channel, "review start")).response
    page = (await alice.click(page, label="Don't know")).response
    await env.advance_time(120)  # due again
    services = env.bot.tutor_services
    quiz = await services.quiz.start_quiz(user_id=m["bob"].id, user_name="bob", guild_id=guild.id, channel_id=channel.id)
    quiz.plan = [(services.catalog.card("mini:temperature"), "question")]
    services.quiz.open_question(quiz.id)  # Bob's quiz asks it in the channel now

    done = (await alice.slash(channel, "review start")).response
    text = summary_text(done)
    assert done.embeds[0].title.startswith("🧠 Review done")
    assert all(t > env.now().timestamp() for t in times_shown(done)), text  # no "Next due: 2 minutes ago"
    assert "being asked in a server" in text and "once that question closes" in text, text
