"""/review "Undo last rating" through simcord: a mis-clicked rating taken back (the card's schedule exactly as it
was stored, the answer gone from /stats, the card shown again), after a restart too; refused, changing nothing,
for another member, a second time, and once the card was rated again elsewhere; reminders and due counts follow."""

from __future__ import annotations

import discord
from play_support import MINI_RIGHT
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.core.review import ReviewService
from bot.runner import TutorBot
from cogs.review import SESSION_BUTTON
from cogs.review.views import ReviewButton

UNDO = "Undo last rating"


def review(env) -> ReviewService:
    return env.bot.tutor_services.review


def field(message, name: str) -> str:
    for f in message.embeds[0].fields:
        if f.name.startswith(name):
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in message.embeds[0].fields]}")


def field_names(message) -> list[str]:
    return [f.name for f in message.embeds[0].fields]


def labels(message) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"]]


def custom_id(message, label: str) -> str:
    return next(c["custom_id"] for row in message.components for c in row["components"] if c["label"] == label)


def on_show(env, message, member) -> str:
    """The key of the card a session message shows (from its Answer button's custom id)."""
    values = SESSION_BUTTON.parse(custom_id(message, "Answer"))
    return review(env).current(values["session"], member.id, int(values["number"])).card.key


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    box = next(c for top in shown.modal["components"] for c in top.get("components", []) if c["type"] == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


async def rows(env, sql: str, *params: object) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


async def state(env, member, key: str) -> list[tuple]:
    """The member's stored state of a card, every column."""
    return await rows(env, "SELECT * FROM review_states WHERE user_id = ? AND card_key = ?", member.id, key)


async def counts(env) -> tuple[int, int]:
    """(answers stored, review logs)."""
    [(answers,)] = await rows(env, "SELECT COUNT(*) FROM attempts")
    [(logs,)] = await rows(env, "SELECT COUNT(*) FROM review_logs")
    return answers, logs


async def stats_answers(member, channel) -> str:
    result = await member.slash(channel, "stats")
    message = result.response if result.response is not None and result.response.embeds else result.followups[-1]
    return field(message, "Answers")


async def status(member, channel, name: str) -> str:
    return field((await member.slash(channel, "review status")).response, name)


async def copy_undo(env, channel, message) -> None:
    """A message in the channel carrying the same Undo button (a stale copy of the session's message)."""
    values = SESSION_BUTTON.parse(custom_id(message, UNDO))
    view = discord.ui.View()
    view.add_item(ReviewButton(values["session"], "undo", int(values["number"])))
    await env.bot.get_channel(channel.id).send("copied", view=view)


async def two_cards_due(env, channel, alice) -> tuple[str, str]:
    """Alice learns two new cards (both right), and ten minutes later both are due: their keys, in review order."""
    await alice.slash(channel, "review settings", new_per_day=2)
    start = await alice.slash(channel, "review start")
    first = on_show(env, start.response, alice)
    done = await answer(alice, start.response, MINI_RIGHT[first])
    await env.advance_time(5)  # (so the first comes due first)
    card2 = (await alice.click(done.response, label="Next")).response
    second = on_show(env, card2, alice)
    done = await answer(alice, card2, MINI_RIGHT[second])
    await alice.click(done.response, label="Next")
    await env.advance_time(11 * 60)
    return first, second


async def misclick(env, channel, alice, key: str):
    """A review where Alice presses Don't know on ``key`` (she knew it) and goes on: the next card's message."""
    start = await alice.slash(channel, "review start")
    assert on_show(env, start.response, alice) == key
    wrong = await alice.click(start.response, label="Don't know")
    assert wrong.response.embeds[0].footer.text == "Rated again"
    assert labels(wrong.response) == ["Next", UNDO, "Stop"]
    return (await alice.click(wrong.response, label="Next")).response


async def test_a_misclicked_rating_is_undone_its_schedule_and_stats_as_before(env, world) -> None:
    _, channel, m = world
    alice = m["alice"]
    first, second = await two_cards_due(env, channel, alice)
    before = await state(env, alice, first)
    stats_before = await stats_answers(alice, channel)
    assert await status(alice, channel, "Due now") == "2"
    card = await misclick(env, channel, alice, first)
    assert on_show(env, card, alice) == second
    assert labels(card) == ["Answer", "Don't know", UNDO, "Stop"]
    assert await state(env, alice, first) != before and await counts(env) == (3, 3)
    undone = await alice.click(card, label=UNDO)
    again = undone.response
    assert not undone.ephemeral or again.id == card.id  # the session's message, edited in place
    assert on_show(env, again, alice) == first and "Rating undone" in field_names(again)
    assert field(again, "Last seen").startswith("<t:") and UNDO not in labels(again)
    assert again.embeds[0].footer.text.startswith("2 cards due")
    # The state stored before the rating, column for column; the answer and its review log are gone.
    assert await state(env, alice, first) == before
    assert await counts(env) == (2, 2)
    assert await stats_answers(alice, channel) == stats_before
    assert await status(alice, channel, "Due now") == "2"
    right = await answer(alice, again, MINI_RIGHT[first])
    assert right.response.embeds[0].footer.text == "Rated good"
    stopped = await alice.click((await alice.click(right.response, label="Next")).response, label="Stop")
    assert field(stopped.response, "Reviewed") == "1 card" and field(stopped.response, "Right").startswith("1 ")


async def test_an_undo_works_after_a_restart(env, world, settings, clock) -> None:
    _, channel, m = world
    alice = m["alice"]
    first, second = await two_cards_due(env, channel, alice)
    before = await state(env, alice, first)
    card = await misclick(env, channel, alice, first)
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    undone = await alice.click(card, label=UNDO)
    again = undone.response
    assert on_show(env, again, alice) == first and "Rating undone" in field_names(again)
    assert await state(env, alice, first) == before and await counts(env) == (2, 2)
    right = await answer(alice, again, MINI_RIGHT[first])
    assert right.response.embeds[0].footer.text == "Rated good"
    nxt = (await alice.click(right.response, label="Next")).response
    assert on_show(env, nxt, alice) == second
    stopped = await alice.click(nxt, label="Stop")
    assert field(stopped.response, "Reviewed") == "1 card"  # the undone rating is not counted
    await crashed.close()


async def test_another_member_cannot_undo_before_or_after_a_restart(env, world, settings, clock) -> None:
    _, channel, m = world
    alice, bob = m["alice"], m["bob"]
    first, _ = await two_cards_due(env, channel, alice)
    card = await misclick(env, channel, alice, first)
    rated = await state(env, alice, first)
    await copy_undo(env, channel, card)
    stolen = await bob.click(channel.last_message, label=UNDO)
    assert stolen.ephemeral and "belongs to someone else" in stolen.response.content
    assert await state(env, alice, first) == rated and await counts(env) == (3, 3)
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    stolen = await bob.click(channel.last_message, label=UNDO)
    assert stolen.ephemeral and "belongs to someone else" in stolen.response.content
    assert await state(env, alice, first) == rated and await counts(env) == (3, 3)
    assert "Rating undone" in field_names((await alice.click(card, label=UNDO)).response)  # hers still works
    await crashed.close()


async def test_a_second_undo_of_the_same_rating_is_refused(env, world) -> None:
    _, channel, m = world
    alice = m["alice"]
    first, _ = await two_cards_due(env, channel, alice)
    before = await state(env, alice, first)
    card = await misclick(env, channel, alice, first)
    await copy_undo(env, channel, card)
    again = (await alice.click(card, label=UNDO)).response
    assert UNDO not in labels(again)
    twice = await alice.click(channel.last_message, label=UNDO)
    assert twice.ephemeral and "There is no rating to undo here" in twice.response.content
    assert "Nothing was changed" in twice.response.content
    assert await state(env, alice, first) == before and await counts(env) == (2, 2)
    assert on_show(env, again, alice) == first  # the card is still there to answer


async def test_an_undo_after_the_card_was_rated_in_another_review_is_refused(env, world, settings, clock) -> None:
    _, channel, m = world
    alice = m["alice"]
    first, _ = await two_cards_due(env, channel, alice)
    old = await misclick(env, channel, alice, first)
    await env.advance_time(61)  # the card not known is due again
    card = (await alice.slash(channel, "review start")).response
    if on_show(env, card, alice) != first:  # (the other card, more overdue, comes first)
        card = (await alice.click((await answer(alice, card, "no idea")).response, label="Next")).response
    assert on_show(env, card, alice) == first
    await answer(alice, card, MINI_RIGHT[first])
    rerated, stored = await state(env, alice, first), await counts(env)
    late = await alice.click(old, label=UNDO)
    assert late.ephemeral and "before your current review began" in late.response.content
    assert await state(env, alice, first) == rerated and await counts(env) == stored
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    late = await alice.click(old, label=UNDO)
    assert late.ephemeral and "no rating to undo" in late.response.content
    assert await state(env, alice, first) == rerated and await counts(env) == stored
    await crashed.close()


async def test_an_undo_after_the_card_was_rated_in_a_quiz_is_refused(env, world) -> None:
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", topics="llms")  # one card: mini:temperature
    start = await alice.slash(channel, "review start")
    assert on_show(env, start.response, alice) == "mini:temperature"
    wrong = (await alice.click(start.response, label="Don't know")).response
    await alice.slash(channel, "quiz", topic="llms")
    assert (await answer(alice, channel.last_message, "temperature")).ephemeral
    quizzed = await state(env, alice, "mini:temperature")
    late = await alice.click(wrong, label=UNDO)
    assert late.ephemeral and "schedule has changed since you rated it" in late.response.content
    assert await state(env, alice, "mini:temperature") == quizzed and await counts(env) == (2, 2)


def dms(member) -> list[str]:
    channel = member.user.dm_channel
    return [] if channel is None else [msg.content for msg in channel.history()]


async def test_due_counts_and_the_reminder_follow_an_undo(env, world) -> None:
    """A rating that sent a due card days ahead, undone: the card is due again today, so /review status counts it
    and the evening reminder is sent for it."""
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", new_per_day=1)
    await alice.slash(channel, "review reminder", time="19:00")
    start = await alice.slash(channel, "review start")
    key = on_show(env, start.response, alice)
    await alice.click((await answer(alice, start.response, MINI_RIGHT[key])).response, label="Next")
    await env.advance_time(11 * 60)
    start = await alice.slash(channel, "review start")
    right = await answer(alice, start.response, MINI_RIGHT[key])  # graduates: due in days
    end = (await alice.click(right.response, label="Next")).response
    assert labels(end) == [UNDO]
    assert (await status(alice, channel, "Due today")).startswith("0 ") and await status(alice, channel, "Due now") == "0"
    again = (await alice.click(end, label=UNDO)).response
    assert on_show(env, again, alice) == key
    assert await status(alice, channel, "Due now") == "1"
    assert (await status(alice, channel, "Due today")).startswith("1 ")
    hours = 19 - env.bot.tutor_services.now().hour
    for _ in range(hours):
        await env.advance_time(3600)
    await env.advance_time(60)
    assert len(dms(alice)) == 1 and "1 card is due for review today" in dms(alice)[0]
