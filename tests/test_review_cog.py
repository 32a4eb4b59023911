"""/review through simcord: a session of due cards, verdicts and next-due times, quiz answers feeding the
schedule, separate servers, restarts, settings, and the direct-message reminder (including closed DMs)."""

from __future__ import annotations

import discord
import pytest
from play_support import MINI_RIGHT
from quiz_support import quiz_asking
from reminder_support import pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.core.review import ReviewService
from bot.runner import TutorBot
from cogs.review import SESSION_BUTTON

RIGHT = MINI_RIGHT


@pytest.fixture
def review(env) -> ReviewService:
    """The services' review feature (the one the cog and the attempt writer's hook use)."""
    return env.bot.tutor_services.review


def field(message, name: str) -> str:
    for f in message.embeds[0].fields:
        if f.name.startswith(name):
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in message.embeds[0].fields]}")


def labels(message) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"]]


def on_show(review: ReviewService, message, member) -> str:
    """The key of the card a session message shows (from its Answer button's custom id)."""
    custom_id = next(c["custom_id"] for row in message.components for c in row["components"])
    values = SESSION_BUTTON.parse(custom_id)
    return review.current(values["session"], member.id, int(values["number"])).card.key


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    box = next(c for top in shown.modal["components"] for c in top.get("components", []) if c["type"] == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


async def rows(env, sql: str):
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def test_a_member_reviews_cards_and_sees_verdicts_explanations_and_next_due(env, world, review) -> None:
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", new_per_day=2)
    r = await alice.slash(channel, "review start")
    assert r.ephemeral
    card = r.response
    assert card.embeds[0].title == "🧠 Review · card 1" and field(card, "Card") == "new"
    assert labels(card) == ["Answer", "Don't know", "Stop"]
    shown = await alice.click(card, label="Answer")
    assert shown.modal["components"][0]["type"] == 10  # the prompt, shown above the answer box
    key = on_show(review, card, alice)
    done = await answer(alice, card, RIGHT[key])
    after = done.response
    assert after.id == card.id  # the session's one message, edited in place
    assert after.embeds[0].description.startswith("✅ Correct")
    assert field(after, "Next").startswith("in 10 minutes (<t:")
    assert "Explanation" in [f.name for f in after.embeds[0].fields]
    assert after.embeds[0].footer.text == "Rated good"
    assert labels(after) == ["Next", "Undo last rating", "Stop"]
    nxt = await alice.click(after, label="Next")
    assert nxt.response.embeds[0].title == "🧠 Review · card 2"
    idk = await alice.click(nxt.response, label="Don't know")
    assert "didn't know" in idk.response.embeds[0].description
    assert field(idk.response, "Next").startswith("in 1 minute")
    assert idk.response.embeds[0].footer.text == "Rated again"
    end = await alice.click(idk.response, label="Next")  # the daily limit of 2 new cards is reached
    summary = end.response.embeds[0]
    assert summary.title == "🧠 Review done — nothing else is due"
    assert field(end.response, "Reviewed") == "2 cards" and field(end.response, "Right") == "1 (50%)"
    assert field(end.response, "New cards") == "2" and field(end.response, "Next due").startswith("<t:")
    assert labels(end.response) == ["Undo last rating"]  # (the session's last rating)
    assert await rows(env, "SELECT user_name, verdict, points, source FROM attempts ORDER BY id") == [
        ("alice", "correct", 0, "review"), ("alice", "empty", 0, "review"),
    ]
    assert await rows(env, "SELECT rating, source FROM review_logs ORDER BY id") == [(3, "review"), (1, "review")]
    # A minute later the card not known is due again: it comes first, before any new card.
    await env.advance_time(61)
    again = await alice.slash(channel, "review start")
    assert again.response.embeds[0].title == "🧠 Review · card 1"
    assert field(again.response, "Last seen").startswith("<t:")
    assert again.response.embeds[0].footer.text == "1 card due · 0 new left today"


async def test_stop_ends_the_session_and_its_old_buttons_say_so(env, world, review) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review start")
    done = await answer(m["alice"], r.response, "no idea at all")
    assert done.response.embeds[0].description.startswith("❌")
    assert done.response.embeds[0].footer.text == "Rated again"
    stopped = await m["alice"].click(done.response, label="Stop")
    assert stopped.response.embeds[0].title == "🧠 Review stopped"
    assert field(stopped.response, "Reviewed") == "1 card" and labels(stopped.response) == ["Undo last rating"]


async def test_a_new_session_ends_the_previous_one_whose_buttons_say_so(env, world) -> None:
    _, channel, m = world
    first = await m["alice"].slash(channel, "review start")
    await m["alice"].slash(channel, "review start")
    late = await m["alice"].click(first.response, label="Don't know")
    assert late.ephemeral and "This review session has ended" in late.response.content
    assert "`/review start`" in late.response.content


async def test_a_quiz_answer_updates_the_review_state(env, world, review, no_daily) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms")
    question = channel.last_message
    assert (await answer(m["bob"], question, "temperature")).ephemeral
    assert await rows(env, "SELECT user_id, card_key, rating, source FROM review_logs") == [
        (m["bob"].id, "mini:temperature", 3, "quiz"),
    ]
    status = await m["bob"].slash(channel, "review status")
    assert field(status.response, "Learning") == "1" and field(status.response, "Due now") == "0"
    await env.advance_time(10 * 60 + 5)  # the first learning step
    r = await m["bob"].slash(channel, "review start")
    assert on_show(review, r.response, m["bob"]) == "mini:temperature"
    assert field(r.response, "Last seen").startswith("<t:")


async def test_a_member_in_another_server_has_separate_state(env, world, review, no_daily) -> None:
    _, channel, m = world
    other = env.create_guild(name="Other")
    there = other.create_text_channel("study")
    alice_there = other.add_member(m["alice"].user)
    r = await m["alice"].slash(channel, "review start")
    assert on_show(review, r.response, m["alice"]) == "mini:bert"
    await m["alice"].click(r.response, label="Don't know")
    await m["alice"].slash(channel, "quiz", topic="llms")
    await answer(m["alice"], channel.last_message, "temperature")  # the one llms card
    here = await m["alice"].slash(channel, "review status")
    assert field(here.response, "Learning") == "2" and field(here.response, "New today") == "1 of 10"
    away = await alice_there.slash(there, "review status")
    assert field(away.response, "Learning") == "0" and field(away.response, "New today") == "0 of 10"
    assert field(away.response, "Due now") == "0"
    await env.advance_time(61)  # the card not known is due again here, and only here
    assert field((await m["alice"].slash(channel, "review status")).response, "Due now") == "1"
    nothing = await alice_there.slash(there, "review start")
    assert on_show(review, nothing.response, alice_there) == "mini:bert"  # new to her there: the deck's first


async def test_a_restart_mid_session_keeps_the_answers_and_the_session_until_it_is_stopped(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    alice = m["alice"]
    r = await alice.slash(channel, "review start")
    first = on_show(env.bot.tutor_services.review, r.response, alice)
    done = await alice.click(r.response, label="Don't know")  # acknowledged: "Rated again"
    assert done.response.embeds[0].footer.text == "Rated again"
    card2 = await alice.click(done.response, label="Next")
    assert card2.response.embeds[0].title == "🧠 Review · card 2"
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    stop = await alice.click(card2.response, label="Stop")  # the session is taken up again, and stopped
    assert stop.response.embeds[0].title == "🧠 Review stopped"
    assert field(stop.response, "Reviewed") == "1 card" and labels(stop.response) == ["Undo last rating"]
    status = await alice.slash(channel, "review status")
    assert field(status.response, "Learning") == "1" and field(status.response, "New today") == "1 of 10"
    assert await rows(env, "SELECT user_id, card_key, verdict, source FROM attempts") == [
        (alice.id, first, "empty", "review")
    ]
    assert await rows(env, "SELECT card_key, rating, source FROM review_logs") == [(first, 1, "review")]
    await env.advance_time(61)
    again = await alice.slash(channel, "review start")
    assert on_show(env.bot.tutor_services.review, again.response, alice) == first  # its schedule survived
    assert field(again.response, "Last seen").startswith("<t:")
    await crashed.close()


async def test_a_daily_answer_updates_the_review_state(env, world, review) -> None:
    guild, channel, m = world
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[mods])
    await admin.slash(channel, "daily set", channel=channel, time="09:00", timezone="UTC", answer_hours=1)
    posted = await admin.slash(channel, "daily now")
    assert posted.ephemeral
    post = next(message for message in channel.history() if message.embeds)
    assert (await answer(m["bob"], post, "zzzz qqqq")).ephemeral
    [(key, verdict)] = await rows(env, "SELECT card_key, verdict FROM attempts WHERE source = 'daily'")
    assert verdict == "wrong"
    assert await rows(env, "SELECT user_id, card_key, rating, source FROM review_logs") == [
        (m["bob"].id, key, 1, "daily")
    ]
    await env.advance_time(61)
    # Due again, but not shown while the daily question is open: the review would show its answer.
    r = await m["bob"].slash(channel, "review start")
    assert on_show(review, r.response, m["bob"]) != key
    [(closes_at,)] = await rows(env, "SELECT closes_at FROM daily_posts")
    await env.advance_time(closes_at / 1000 - env.bot.tutor_services.now().timestamp() + 60)  # (an hour at most)
    assert await rows(env, "SELECT revealed_at IS NOT NULL FROM daily_posts") == [(1,)]
    r = await m["bob"].slash(channel, "review start")
    assert on_show(review, r.response, m["bob"]) == key and field(r.response, "Last seen").startswith("<t:")


async def test_review_answers_never_reach_the_leaderboard(env, world, review) -> None:
    _, channel, m = world
    alice = m["alice"]
    r = await alice.slash(channel, "review start")
    done = await answer(alice, r.response, RIGHT[on_show(review, r.response, alice)])
    assert done.response.embeds[0].description.startswith("✅ Correct")
    for period in ("week", "month", "all"):
        board = await alice.slash(channel, "leaderboard", period=period)
        message = board.response if board.response.embeds else board.followups[-1]
        assert "Nobody has scored" in message.embeds[0].description, period


async def test_settings_choose_topics_and_refuse_bad_values(env, world, review) -> None:
    _, channel, m = world
    alice = m["alice"]
    r = await alice.slash(channel, "review settings", topics="llms, mlops", retention=85.0, new_per_day=3)
    assert field(r.response, "Topics") == "llms, mlops" and field(r.response, "Desired retention") == "85%"
    assert field(r.response, "New cards per day") == "3"
    start = await alice.slash(channel, "review start")
    assert on_show(review, start.response, alice) in ("mini:temperature", "mini:continual-learning")
    bad = await alice.slash(channel, "review settings", topics="transformrs")
    assert bad.ephemeral and "There is no topic called **transformrs**" in bad.response.content
    assert "transformers" in bad.response.content
    bad = await alice.slash(channel, "review settings", timezone="Mars/Olympus")
    assert bad.ephemeral and "Mars/Olympus" in bad.response.content
    zone = await alice.slash(channel, "review settings", timezone="Europe/Paris")
    assert field(zone.response, "Time zone") == "Europe/Paris"
    choices = await alice.autocomplete(channel, "review settings", "timezone", "paris")
    assert choices[0]["value"] == "Europe/Paris"
    choices = await alice.autocomplete(channel, "review settings", "topics", "llms, trai")
    assert choices[0]["value"] == "llms, training" and choices[0]["name"].startswith("llms, training (")


async def test_the_reminder_is_sent_by_direct_message_once_a_day_when_cards_are_due(env, world, no_daily) -> None:
    _, channel, m = world
    alice = m["alice"]
    r = await alice.slash(channel, "review reminder", time="09:00")
    assert "09:00 (UTC)" in r.response.content
    start = await alice.slash(channel, "review start")
    await alice.click(start.response, label="Don't know")  # one card, due again in a minute
    dms = alice.user.dm_channel
    await pass_time(env, 8)
    assert dms.last_message is None
    await pass_time(env, 1 + 30 / 3600)  # 09:00:30
    reminder = dms.last_message
    assert reminder is not None and "1 card is due for review today in **" in reminder.content
    assert "`/review start`" in reminder.content
    await pass_time(env, 3)
    assert len(dms.history()) == 1  # once a day at most
    await pass_time(env, 21)  # the next day, still due
    assert len(dms.history()) == 2
    off = await alice.slash(channel, "review reminder", time="off")
    assert "reminder off" in off.response.content
    await pass_time(env, 24)
    assert len(dms.history()) == 2


async def test_closed_direct_messages_switch_the_reminder_off_and_the_member_is_told_once(
    env, world, no_daily
) -> None:
    _, channel, m = world
    bob = m["bob"]
    await bob.slash(channel, "review reminder", time="9am")
    start = await bob.slash(channel, "review start")
    await bob.click(start.response, label="Don't know")
    env.inject_error("POST", f"/channels/{bob.user.dm_channel.id}/messages", status=403, code=50007,
                     message="Cannot send messages to this user", times=None)
    await pass_time(env, 9 + 30 / 3600)
    told = await bob.slash(channel, "review status")
    assert told.response.content.startswith("ℹ️ I couldn't send you your review reminder")
    again = await bob.slash(channel, "review status")
    assert not again.response.content
    settings = await bob.slash(channel, "review settings")
    assert field(settings.response, "Reminder") == "off"
    await pass_time(env, 24)  # not retried
    posts = [r for r in env.http_requests if r.method == "POST" and r.path.endswith(f"{bob.user.dm_channel.id}/messages")]
    assert len(posts) == 1


async def test_nothing_to_review_says_when_to_come_back_and_nobody_is_pinged(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "review settings", new_per_day=0)
    r = await m["alice"].slash(channel, "review start")
    assert r.response.embeds[0].title == "🧠 Review done — nothing else is due"
    assert "No card was reviewed." in r.response.embeds[0].description
    assert "new_per_day" in field(r.response, "Nothing to review")  # (why, and what to change)
    for request in env.http_requests:
        body = request.json or {}
        data = body.get("data", body) if "/callback" in request.path else body
        if isinstance(data, dict) and ({"content", "embeds"} & set(data)):
            assert (data.get("allowed_mentions") or {}).get("parse") == [], request.path



async def test_a_card_asked_in_the_server_meanwhile_is_set_aside_for_the_next_one(env, world, review) -> None:
    guild, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", new_per_day=5)
    card = (await alice.slash(channel, "review start")).response
    key = on_show(review, card, alice)
    # meanwhile a channel quiz in the server asks that card: its answer must stay hidden until the question closes
    services = env.bot.tutor_services
    quiz = await services.quiz.start_quiz(user_id=m["bob"].id, user_name="bob", guild_id=guild.id, channel_id=channel.id)
    quiz.plan = [(services.catalog.card(key), "question")]
    assert services.quiz.open_question(quiz.id).card.key == key
    pressed = await alice.click(card, label="Answer")
    assert pressed.modal is None
    page = pressed.response
    assert page.embeds[0].title == "🧠 Review · card 2" and on_show(review, page, alice) != key
    said = " ".join(f.content or "" for f in pressed.followups)
    assert "set aside" in said and all(f.ephemeral for f in pressed.followups)
    assert await rows(env, "SELECT card_key FROM attempts") == []  # not rated: it stays due
    done = await answer(alice, page, RIGHT[on_show(review, page, alice)])
    assert done.response.embeds[0].description.startswith("✅ Correct")


async def test_a_card_set_aside_with_nothing_else_due_ends_the_session_and_says_so(env, world, review) -> None:
    guild, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", topics="sampling")  # one card: temperature
    card = (await alice.slash(channel, "review start")).response
    key = on_show(review, card, alice)
    assert key == "mini:temperature"
    services = env.bot.tutor_services
    quiz, _ = await quiz_asking(
        services, key, user_id=m["bob"].id, user_name="bob", guild_id=guild.id, channel_id=channel.id
    )
    pressed = await alice.click(card, label="Don't know")
    assert pressed.response.embeds[0].title.startswith("🧠 Review done")
    said = " ".join(f.content or "" for f in pressed.followups)
    assert "set aside" in said and "Nothing else is due now" in said and "next card" not in said
