"""/quiz through simcord: what members see, what is stored, restarts, permissions, practice, chat answers."""

from __future__ import annotations

from datetime import timedelta

import discord
import pytest
import simcord
from modal_support import modal_parts
from play_support import MINI_RIGHT, FirstChoice

from bot.config import Settings
from bot.runner import TutorBot

# The quiz timers (the closing window, the pause between questions) are plain sleeps of a few seconds: the
# tests move time past them with ``env.advance_time``, so an action settles without draining sleeps that long.
SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

RIGHT = MINI_RIGHT


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    # simcord detaches the bot without closing it: close it, so the database connections are released.
    await env.bot.close()


def live(env, channel):
    return env.bot.tutor_services.quiz.running_in(channel.id)


def text_box(shown) -> dict:
    """The answer box (text input) of a modal."""
    return next(c for c in modal_parts(shown.modal) if c.get("type") == 4)


def modal_text(shown) -> str:
    """What a modal shows above its box (its text displays)."""
    return "\n".join(c["content"] for c in modal_parts(shown.modal) if c.get("type") == 10)


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


def field(message, name: str) -> str:
    for f in message.embeds[0].fields:
        if f.name.startswith(name):
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in message.embeds[0].fields]}")


def assert_no_pings(env) -> None:
    """Every message the bot sent or edited (channel posts, replies, follow-ups, edits) mentioned nobody."""
    sends = [
        r for r in env.http_requests
        if r.method in ("POST", "PATCH") and ("/messages" in r.path or "/callback" in r.path or "/webhooks/" in r.path)
    ]
    checked = 0
    for r in sends:
        body = r.json or {}
        data = body.get("data", body) if "/callback" in r.path else body
        if not isinstance(data, dict) or not ({"content", "embeds"} & set(data)):
            continue  # a modal or a deferral
        assert (data.get("allowed_mentions") or {}).get("parse") == [], (r.method, r.path)
        checked += 1
    assert checked


async def attempts(env, sql: str = "SELECT user_name, verdict, points, source FROM attempts ORDER BY id"):
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def test_starting_a_quiz_posts_the_question_with_its_buttons(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=20)
    assert not r.ephemeral
    intro = r.response.embeds[0]
    assert intro.title == "🎯 Quiz started by alice" and "**2** questions on **transformers**" in intro.description
    question = channel.last_message
    e = question.embeds[0]
    assert e.title == "Question 1/2 · transformers"
    assert field(question, "Closes").startswith("<t:") and field(question, "Closes").endswith(":R>")
    labels = [c.label for row in question.components for c in row.children]
    assert labels == ["Answer", "Hint", "Skip", "Stop"]
    ids = [c.custom_id for row in question.components for c in row.children]
    assert all(i.startswith("tutor:quiz:") and len(i) <= 100 for i in ids)
    again = await m["bob"].slash(channel, "quiz")
    assert again.ephemeral and "already running in this channel" in again.response.content
    assert "https://discord.com/channels/" in again.response.content


async def test_right_almost_wrong_through_the_modal_and_the_three_try_limit(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    almost = await answer(m["bob"], question, "Bidirectional Encoder Representations")
    assert almost.response.ephemeral and "Almost" in almost.response.content and "3 left" in almost.response.content
    for left in ("2 tries left", "1 try left", "no tries left"):
        wrong = await answer(m["bob"], question, "Bidirectional Decoder Representations from Transformers")
        assert wrong.response.ephemeral and left in wrong.response.content
    blocked = await m["bob"].click(question, label="Answer")
    assert blocked.modal is None and blocked.ephemeral and "no tries left" in blocked.response.content
    right = await answer(m["carol"], question, RIGHT["mini:bert"])
    assert right.response.ephemeral and "Correct" in right.response.content and "+10 points" in right.response.content
    assert await attempts(env) == [
        ("bob", "almost", 0, "quiz"), ("bob", "wrong", 0, "quiz"), ("bob", "wrong", 0, "quiz"),
        ("bob", "wrong", 0, "quiz"), ("carol", "correct", 10, "quiz"),
    ]


async def test_first_correct_wins_others_in_the_window_score_less_and_late_ones_are_told(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    first = await answer(m["bob"], question, "temperature")
    assert "+10 points" in first.response.content and "first" in first.response.content
    await env.advance_time(2)
    second = await answer(m["carol"], question, "temprature")
    assert "+5 points" in second.response.content
    await env.advance_time(1.5)  # 3 s after the first correct answer: the question closes
    revealed = channel.history()[-2]
    assert revealed.id == question.id
    assert revealed.embeds[0].title == "Question 1/1 · answer"
    assert field(revealed, "Answer").startswith("**temperature")
    assert "Why" in [f.name for f in revealed.embeds[0].fields]
    got = field(revealed, "Got it")
    assert "**bob** (+10, first)" in got and "**carol** (+5)" in got and "<@" not in got
    assert revealed.components == []
    summary = channel.last_message.embeds[0]
    assert summary.title == "🏁 Quiz over · llms"
    assert "🥇 **bob** — 10 pts" in field(channel.last_message, "Ranking")
    assert "🥈 **carol** — 5 pts" in field(channel.last_message, "Ranking")
    async with env.bot.tutor_services.store.read() as db:
        row = await (await db.execute("SELECT status, winner_id FROM quizzes")).fetchone()
    assert tuple(row) == ("finished", m["bob"].id)


async def test_time_up_reveals_with_nobody_and_a_late_click_is_refused(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2, seconds=10)
    question = channel.last_message
    shown = await m["bob"].click(question, label="Answer")  # opens the modal, then time runs out
    await env.advance_time(10.5)
    assert channel.history()[-1].embeds[0].title == "Question 1/2 · answer"
    assert field(channel.history()[-1], "Got it") == "Nobody this time."
    late = await m["bob"].submit_modal(shown, {text_box(shown)["custom_id"]: "attention"})
    assert late.ephemeral and "Too late" in late.response.content
    await env.advance_time(5)
    assert channel.last_message.embeds[0].title == "Question 2/2 · transformers"


async def test_a_hint_is_shown_to_whoever_asked_and_costs_only_them(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms")
    question = channel.last_message
    r = await m["carol"].click(question, label="Hint")
    assert r.ephemeral and "Hint 1/2" in r.response.content and "1 word, 11 letters" in r.response.content
    assert "now scores you 7" in r.response.content
    r = await m["carol"].click(question, label="Hint")
    assert "Hint 2/2" in r.response.content and "**t…**" in r.response.content
    # no third hint: "temper…" would be one, and "temper" is taken for temperature
    r = await m["carol"].click(question, label="Hint")
    assert r.ephemeral and "No more hints" in r.response.content and "temper" not in r.response.content
    assert "Hint" not in " ".join(f.name for f in channel.last_message.embeds[0].fields)  # nothing public
    # One member's hints cost nobody else anything: the first right answer still scores 10.
    right = await answer(m["bob"], channel.last_message, "temperature")
    assert "+10 points" in right.response.content
    late = await answer(m["carol"], channel.last_message, "temperature")  # in the window, after 2 hints
    assert "+0 points" in late.response.content
    assert await attempts(env, "SELECT user_name, points FROM attempts ORDER BY id") == [("bob", 10), ("carol", 0)]
    assert_no_pings(env)


async def test_skip_and_stop_need_the_starter_or_a_moderator(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3)
    question = channel.last_message
    denied = await m["bob"].click(question, label="Skip")
    assert denied.ephemeral and "Only the starter or a moderator" in denied.response.content
    denied = await m["bob"].click(question, label="Stop")
    assert denied.ephemeral and "Only the starter or a moderator" in denied.response.content
    skipped = await m["mod"].click(question, label="Skip")
    assert skipped.ephemeral and "Skipped" in skipped.response.content
    assert channel.last_message.embeds[0].title == "Question 1/3 · answer"
    await env.advance_time(5)
    second = channel.last_message
    assert second.embeds[0].title == "Question 2/3 · transformers"
    await answer(m["bob"], second, RIGHT[live(env, channel).question.card.key])
    stopped = await m["alice"].click(second, label="Stop")
    assert stopped.ephemeral and "stopped" in stopped.response.content
    summary = channel.last_message.embeds[0]
    assert summary.title == "⏹️ Quiz stopped · transformers"
    assert "**bob** — 10 pts" in field(channel.last_message, "Ranking")
    assert field(channel.last_message, "Questions") == "2/3"
    assert live(env, channel) is None
    async with env.bot.tutor_services.store.read() as db:
        row = await (await db.execute("SELECT status FROM quizzes")).fetchone()
    assert row[0] == "stopped"
    assert_no_pings(env)


async def test_choice_mode_has_four_options_and_one_try(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", mode="choice")
    question = channel.last_message
    options = [c for c in question.components[0].children]
    assert len(options) == 4
    labels = [o.label for o in options]
    right = next(lbl for lbl in labels if lbl.endswith(". temperature"))
    wrong = next(lbl for lbl in labels if lbl != right)
    assert len({lbl.split(". ", 1)[1].lower() for lbl in labels}) == 4
    assert [c.label for c in question.components[1].children] == ["Skip", "Stop"]
    r = await m["bob"].click(question, label=wrong)
    assert r.ephemeral and "Wrong" in r.response.content
    again = await m["bob"].click(question, label=right)
    assert again.ephemeral and "no tries left" in again.response.content
    ok = await m["carol"].click(question, label=right)
    assert "+5 points" in ok.response.content
    assert await attempts(env, "SELECT user_name, verdict, points FROM attempts ORDER BY id") == [
        ("bob", "wrong", 0), ("carol", "correct", 5)
    ]


async def test_a_full_quiz_ends_with_the_summary(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="training", questions=2, seconds=10)
    first = channel.last_message
    await answer(m["bob"], first, RIGHT[live(env, channel).question.card.key])
    await answer(m["carol"], first, "no idea")
    await env.advance_time(3 + 5)
    second = channel.last_message
    assert second.embeds[0].title == "Question 2/2 · training"
    await answer(m["carol"], second, "dropout")
    await env.advance_time(10.5)
    summary = channel.last_message
    assert summary.embeds[0].title == "🏁 Quiz over · training"
    ranking = field(summary, "Ranking")
    assert ranking.splitlines()[0] == "🥇 **bob** — 10 pts (1/1 right)"
    assert "**carol** — 0 pts (0/2 right)" in ranking
    assert field(summary, "Accuracy") == "33% of 3 answers"
    assert "0/1 got it" in field(summary, "Hardest question")


async def test_an_unknown_topic_suggests_close_ones_and_autocomplete_answers(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "quiz", topic="transformrs")
    assert r.ephemeral and "No topic **transformrs** — try: transformers" in r.response.content
    assert live(env, channel) is None
    # What the member typed is echoed escaped: no markup of theirs, no mention.
    r = await m["alice"].slash(channel, "quiz", topic="*big* <@123456789012345678>")
    assert r.ephemeral and "No topic **\\*big\\* \\<@123456789012345678>**" in r.response.content
    choices = await m["alice"].autocomplete(channel, "quiz", "topic", "tra")
    assert {c["value"] for c in choices[:2]} == {"transformers", "training"}  # both start with "tra"


async def test_missing_permissions_are_named(env, world) -> None:
    guild, _, m = world
    locked = guild.create_text_channel("no-embeds", overwrites={guild.me: discord.PermissionOverwrite(embed_links=False)})
    r = await m["alice"].slash(locked, "quiz")
    assert r.ephemeral and "**Embed Links**" in r.response.content
    assert live(env, locked) is None
    # practice needs no channel permission
    r = await m["alice"].slash(locked, "quiz", private=True)
    assert r.ephemeral and r.response.embeds[0].title.startswith("Practice 1/")


async def test_private_practice_runs_in_ephemeral_messages(env, world) -> None:
    _, channel, m = world
    r = await m["bob"].slash(channel, "quiz", topic="training", questions=2, private=True)
    assert r.ephemeral
    first = r.response
    assert first.embeds[0].title == "Practice 1/2 · training" and field(first, "Time") == "no limit"
    assert channel.last_message is None or not channel.last_message.embeds  # nothing public
    card = env.bot.tutor_services.quiz.practice_of(m["bob"].id).question.card.key
    done = await answer(m["bob"], first, RIGHT[card])
    assert done.ephemeral and "+10 points" in done.response.content
    reveal, nxt = done.response.embeds
    assert reveal.title == "Practice 1/2 · answer" and nxt.title == "Practice 2/2 · training"
    skipped = await m["bob"].click(done.response, label="Skip")
    assert skipped.ephemeral
    titles = [e.title for e in skipped.response.embeds]
    assert titles == ["Practice 2/2 · answer", "Practice over · training"]
    assert await attempts(env) == [("bob", "correct", 10, "practice")]
    assert_no_pings(env)


async def test_the_practice_button_of_other_cogs_starts_a_one_question_practice(env, world) -> None:
    from cogs.quiz import practice_button

    _, channel, m = world
    button = practice_button("mini:bert")
    assert button.custom_id == "tutor:practice:mini:bert"  # the id other cogs' buttons already carry
    view = discord.ui.View()
    view.add_item(button)
    await env.bot.get_channel(channel.id).send("BERT — definition", view=view)
    r = await m["carol"].click(channel.last_message, label="Quiz me")
    assert r.ephemeral and r.response.embeds[0].title == "Practice 1/1 · all topics"
    done = await answer(m["carol"], r.response, RIGHT["mini:bert"])
    assert [e.title for e in done.response.embeds][-1] == "Practice over · all topics"


async def test_a_restart_interrupts_the_quiz_keeps_scores_and_old_buttons_say_ended(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3)
    question = channel.last_message
    await answer(m["bob"], question, RIGHT[live(env, channel).question.card.key])
    practice = await m["carol"].slash(channel, "quiz", topic="training", private=True)
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))  # the old bot is dropped mid-question
    notice = channel.last_message
    assert notice.embeds[0].title == "⏹️ Quiz interrupted · transformers"
    assert "interrupted by a restart — scores kept" in notice.embeds[0].description
    assert "**bob** — 10 pts" in field(notice, "Ranking")
    # The question that was open says it ended, and has no buttons left (no live countdown either).
    old_question = channel.history()[1]
    assert old_question.id == question.id
    assert old_question.embeds[0].title == "Question 1/3 · ended" and old_question.components == []
    assert "Closes" not in [f.name for f in old_question.embeds[0].fields]
    # Buttons the bot could not edit (a private practice) answer that it has ended.
    old = await m["carol"].click(practice.response, label="Answer")
    assert old.modal is None and old.ephemeral and "This quiz has ended" in old.response.content
    old = await m["carol"].click(practice.response, label="Stop")
    assert old.ephemeral and "This quiz has ended" in old.response.content
    async with env.bot.tutor_services.store.read() as db:
        row = await (await db.execute("SELECT status FROM quizzes")).fetchone()
        points = await (await db.execute("SELECT SUM(points) FROM attempts")).fetchone()
    assert (row[0], points[0]) == ("interrupted", 10)
    again = await m["alice"].slash(channel, "quiz", topic="nlp")  # the channel is free again
    assert not again.ephemeral
    await crashed.close()  # release the crashed bot's connections


async def test_reloading_the_extension_ends_the_running_quiz_and_frees_the_channel(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3)
    question = channel.last_message
    await answer(m["bob"], question, RIGHT[live(env, channel).question.card.key])
    await env.bot.reload_extension("cogs.quiz")
    await env.bot.get_cog("Quiz").announced()  # started by the reload (outside any event simcord tracks)
    await env.settle()
    notice = channel.last_message
    assert notice.embeds[0].title == "⏹️ Quiz interrupted · transformers"
    assert "**bob** — 10 pts" in field(notice, "Ranking")
    assert live(env, channel) is None
    old = channel.history()[1]
    assert old.id == question.id and old.embeds[0].title == "Question 1/3 · answer" and old.components == []
    await env.advance_time(20)  # the start cooldown of one member
    again = await m["alice"].slash(channel, "quiz", topic="nlp")
    assert not again.ephemeral and channel.last_message.embeds[0].title == "Question 1/1 · nlp"


async def test_deleting_the_question_message_ends_the_quiz_cleanly(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3)
    await m["mod"].delete(channel.last_message)
    assert live(env, channel) is None
    assert channel.last_message.embeds[0].title == "⏹️ Quiz stopped · transformers"
    assert "deleted" in channel.last_message.embeds[0].description
    await env.advance_time(40)  # no more questions are posted
    assert channel.last_message.embeds[0].title == "⏹️ Quiz stopped · transformers"


async def test_chat_answers_are_off_by_default(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms")
    await m["bob"].send(channel, "temperature")
    assert channel.last_message.author.id == m["bob"].id
    assert await attempts(env) == []


async def test_chat_answers_when_enabled_announce_right_ones_and_ignore_the_rest(tmp_path, cards_dir, clock) -> None:
    settings = Settings(token="t", db_path=tmp_path / "chat.sqlite3", cards_dir=cards_dir, chat_answers=True)
    async with simcord.run(
        TutorBot(settings, clock=clock), approved_intents=discord.Intents.all(), settle_timeout=SETTLE_SECONDS
    ) as env:
        clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        bob = guild.add_member(env.create_user("bob"))
        await alice.send(channel, "temperature")  # no quiz: nothing happens
        assert channel.last_message.author.id == alice.id
        await alice.slash(channel, "quiz", topic="llms")
        await bob.send(channel, "is it top-k?")
        assert channel.last_message.author.id == bob.id  # wrong: silent (a guess: stored, one of bob's tries)
        await bob.send(channel, "temperature")
        announce = [m for m in channel.history() if m.author.id == env.bot.user.id and m.content][-1]
        assert announce.content == "✅ **bob** got it first! +10 points"
        async with env.bot.tutor_services.store.read() as db:
            rows = [tuple(r) for r in await db.execute_fetchall("SELECT user_name, verdict, points FROM attempts")]
        assert rows == [("bob", "wrong", 0), ("bob", "correct", 10)]
        await env.bot.close()  # closes the store it opened


async def test_hostile_names_are_escaped_and_nobody_is_ever_pinged(env, world) -> None:
    guild, channel, m = world
    eve = guild.add_member(env.create_user("eve"), nick="_e_ @here <@123456789012345678>")
    safe = "\\_e\\_ \\@here \\<@123456789012345678>"
    r = await eve.slash(channel, "quiz", topic="llms", seconds=10)
    assert r.response.embeds[0].title == f"🎯 Quiz started by {safe}"
    question = channel.last_message
    await answer(eve, question, "temperature")
    await env.advance_time(3.5)
    assert field(channel.history()[-2], "Got it") == f"**{safe}** (+10, first)"
    assert field(channel.last_message, "Ranking").startswith(f"🥇 **{safe}** — 10 pts")
    assert_no_pings(env)


async def test_the_longest_answer_the_box_takes_and_zalgo_are_graded(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    shown = await m["bob"].click(question, label="Answer")
    box = text_box(shown)
    assert box["style"] == 1 and box["max_length"] == 400  # a one-line box: 400 characters at most
    long_text = ("randomness " * 37)[:400]  # as long as the box takes
    long = await m["bob"].submit_modal(shown, {box["custom_id"]: long_text})
    assert long.ephemeral and long.response.content.startswith("❌") and "2 tries left" in long.response.content
    marks = "".join(chr(c) for c in range(0x300, 0x36F))
    zalgo = "".join(ch + marks[i % 7 :: 9] for i, ch in enumerate("temperature"))
    right = await answer(m["bob"], question, zalgo)
    assert right.ephemeral and "+10 points" in right.response.content
    stored = await attempts(env, "SELECT length(response), verdict FROM attempts ORDER BY id")
    assert stored == [(400, "wrong"), (len(zalgo), "correct")]


async def test_a_default_channel_quiz_asks_no_essay_card(env, world) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()  # would pick the card's own (essay) question first
    await m["alice"].slash(channel, "quiz", topic="mlops", seconds=30)
    question = channel.last_message
    assert question.embeds[0].description.startswith("*Which term is hidden?*")  # the essay card's cloze
    shown = await m["bob"].click(question, label="Answer")
    assert text_box(shown)["style"] == 1  # a short answer


async def test_an_essay_question_gets_the_long_box_and_4000_characters_are_graded(env, world, clock) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    r = await m["alice"].slash(channel, "quiz", topic="mlops", seconds=30, essays=True)
    assert "Essay questions are included" in r.response.embeds[0].description
    question = channel.last_message
    assert live(env, channel).question.card.is_essay
    assert live(env, channel).question.closes_at >= clock.now + timedelta(seconds=90)  # longer than a race
    assert [c.label for row in question.components for c in row.children] == ["Answer", "Skip", "Stop"]
    shown = await m["bob"].click(question, label="Answer")
    box = text_box(shown)
    assert box["style"] == 2 and box["max_length"] == 4000
    essay = ("Data is streamed to the model all the time instead of batch uploads. " * 60)[:4000]
    r = await m["bob"].submit_modal(shown, {box["custom_id"]: essay})
    assert r.ephemeral and "Correct" in r.response.content and "+10 points" in r.response.content
    noise = ("lorem ipsum dolor sit amet " * 160)[:4000]
    r = await answer(m["carol"], question, noise)
    assert r.ephemeral and r.response.content.startswith("❌") and "2 tries left" in r.response.content
    assert await attempts(env, "SELECT user_name, verdict, points, length(response) FROM attempts ORDER BY id") == [
        ("bob", "correct", 10, 4000), ("carol", "wrong", 0, 4000)
    ]
