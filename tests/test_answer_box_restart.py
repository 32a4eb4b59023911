"""Answer boxes (modals) kept open across a restart, through simcord: the daily question's, a channel quiz's,
a practice's and a /review session's. The box holds nothing in memory, so an answer typed while the bot
restarts is received: graded and counted while its question (or review) is open, and otherwise told plainly
(and privately) that it was not counted — never left without a reply. Also in a host bot that is not ours."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord.ext import commands
from modal_support import text_box
from play_support import MINI_RIGHT, FirstChoice

from bot.config import Settings
from bot.core.service import Services
from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

RIGHT = MINI_RIGHT


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    members["admin"] = guild.add_member(env.create_user("admin"), roles=[mods])
    yield guild, channel, members
    await env.bot.close()  # simcord detaches the bot without closing it


async def restart(env, settings: Settings, clock) -> None:
    """A crash and a restart on the same database: the old bot is dropped mid-typing, not closed."""
    await env.restart_bot(TutorBot(settings, clock=clock))


async def send(member, shown, text: str):
    """Type ``text`` in the box a click opened and send it."""
    assert shown.modal is not None, shown.response and shown.response.content
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def daily_post(env, channel, admin, *, answer_hours: int = 3) -> discord.Message:
    """Set the daily question (the temperature card) and let it post; its message."""
    await admin.slash(
        channel, "daily set", channel=channel, time="01:10", timezone="Europe/Paris", topic="sampling",
        answer_hours=answer_hours,
    )
    await env.advance_time(10 * 60)  # 00:10 UTC == 01:10 in Paris
    post = channel.last_message
    assert post is not None and post.embeds
    return post


async def rows(env, sql: str) -> list[tuple[Any, ...]]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def send_counting_replies(env, member, shown, text: str) -> tuple[Any, int]:
    """``send``, and how many interaction responses the bot made to it (Discord takes one)."""
    before = len(env.http_requests)
    sent = await send(member, shown, text)
    replies = [r for r in env.http_requests[before:] if r.method == "POST" and r.path.endswith("/callback")]
    return sent, len(replies)


def assert_no_pings(env) -> None:
    """Every reply the bot sent or edited allowed no mention."""
    sends = [
        r for r in env.http_requests
        if r.method in ("POST", "PATCH") and ("/callback" in r.path or "/webhooks/" in r.path)
    ]
    assert sends
    for r in sends:
        body = r.json or {}
        data = body.get("data", body) if "/callback" in r.path else body
        if isinstance(data, dict) and ("content" in data or "embeds" in data):
            assert data.get("allowed_mentions") == {"parse": []}, (r.path, data)


# -- the daily question ------------------------------------------------------------------------------------
async def test_a_daily_answer_typed_across_a_restart_is_graded_and_counted(env, world, settings, clock) -> None:
    _, channel, m = world
    post = await daily_post(env, channel, m["admin"])
    shown = await m["alice"].click(post, label="Answer")
    await restart(env, settings, clock)  # while alice types
    sent = await send(m["alice"], shown, "temperature")
    assert sent.response is not None, "the answer got no reply at all"
    assert sent.ephemeral and "+10 points" in sent.response.content
    assert await rows(env, "SELECT user_name, verdict, points FROM daily_answers") == [("alice", "correct", 10)]
    again = await m["alice"].click(post, label="Answer")  # counted: no second answer
    assert again.modal is None and again.ephemeral
    assert_no_pings(env)


async def test_a_daily_answer_box_sent_once_the_question_closed_is_told_so(env, world, settings, clock) -> None:
    _, channel, m = world
    post = await daily_post(env, channel, m["admin"], answer_hours=1)
    shown = await m["bob"].click(post, label="Answer")
    await restart(env, settings, clock)
    await env.advance_time(2 * 3600)  # the answers closed (and were revealed) meanwhile
    late = await send(m["bob"], shown, "temperature")
    assert late.response is not None and late.ephemeral
    assert "This question has closed" in late.response.content
    assert await rows(env, "SELECT user_name FROM daily_answers") == []


async def test_a_daily_answer_box_left_open_over_an_hour_still_counts(env, world) -> None:
    _, channel, m = world
    post = await daily_post(env, channel, m["admin"])
    shown = await m["carol"].click(post, label="Answer")
    await env.advance_time(90 * 60)  # longer than a box used to be remembered
    sent, replies = await send_counting_replies(env, m["carol"], shown, "*temperature* @everyone")
    assert sent.response is not None and sent.ephemeral and replies == 1
    assert await rows(env, "SELECT user_name FROM daily_answers") == [("carol",)]
    assert_no_pings(env)


async def test_one_submission_gets_one_reply(env, world) -> None:
    _, channel, m = world
    post = await daily_post(env, channel, m["admin"])
    shown = await m["alice"].click(post, label="Answer")
    sent, replies = await send_counting_replies(env, m["alice"], shown, "temperature")
    assert "+10 points" in sent.response.content and sent.followups == []
    assert replies == 1  # "thinking…", then the verdict in its place


# -- quizzes --------------------------------------------------------------------------------------------------
async def test_a_quiz_answer_typed_across_a_restart_is_told_it_was_not_counted(env, world, settings, clock) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=60)
    shown = await m["bob"].click(channel.last_message, label="Answer")
    practice = await m["carol"].slash(channel, "quiz", topic="training", private=True)
    practice_box = await m["carol"].click(practice.response, label="Answer")
    await restart(env, settings, clock)  # the restart ends both quizzes
    for member, box in ((m["bob"], shown), (m["carol"], practice_box)):
        late = await send(member, box, "temperature")
        assert late.response is not None, "the answer got no reply at all"
        assert late.ephemeral and "This quiz has ended, so your answer was not counted." in late.response.content
    assert await rows(env, "SELECT user_name FROM attempts") == []


async def test_every_quiz_answer_box_opened_is_answered(env, world) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=60)
    question = channel.last_message
    boxes = {name: await m[name].click(question, label="Answer") for name in ("alice", "bob", "carol")}
    said = {name: (await send(m[name], box, "temperature")).response.content for name, box in boxes.items()}
    assert "+10 points" in said["alice"] and all("points" in text for text in said.values())
    assert [r[0] for r in await rows(env, "SELECT user_name FROM attempts ORDER BY id")] == ["alice", "bob", "carol"]


# -- /review --------------------------------------------------------------------------------------------------
async def test_a_review_answer_typed_across_a_restart_is_graded_and_counted(env, world, settings, clock) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review start")
    shown = await m["alice"].click(r.response, label="Answer")
    await restart(env, settings, clock)  # the session is taken up again from its card on show
    sent = await send(m["alice"], shown, RIGHT["mini:bert"])
    assert sent.response is not None, "the answer got no reply at all"
    assert sent.response.ephemeral and sent.response.embeds[0].footer.text == "Rated good"
    assert await rows(env, "SELECT user_name, verdict, source FROM attempts") == [("alice", "correct", "review")]
    assert_no_pings(env)


async def test_a_review_answer_sent_once_its_session_ended_is_told_it_was_not_counted(env, world, settings, clock) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review start")
    shown = await m["alice"].click(r.response, label="Answer")
    await restart(env, settings, clock)
    await m["alice"].slash(channel, "review start")  # a new review ends the one the box belongs to
    late = await send(m["alice"], shown, "attention")
    assert late.response is not None, "the answer got no reply at all"
    assert late.ephemeral
    assert "This review session has ended, so your answer was not counted." in late.response.content
    assert "`/review start`" in late.response.content
    assert await rows(env, "SELECT user_name FROM attempts") == []


async def test_a_review_answer_is_graded_in_place(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review start")
    shown = await m["alice"].click(r.response, label="Answer")
    assert shown.modal["custom_id"].startswith("tutor:review-box:")
    done = await send(m["alice"], shown, RIGHT["mini:bert"])
    assert done.response.embeds and done.response.embeds[0].footer.text != "Rated again"
    assert await rows(env, "SELECT user_name, verdict, source FROM attempts") == [("alice", "correct", "review")]


# -- a host bot that is not ours -------------------------------------------------------------------------------
class HostBot(commands.Bot):
    """Someone else's bot that loads the daily cog as a plugin (services attached as a host may)."""

    def __init__(self, settings: Settings, clock) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default())
        self._settings = settings
        self._clock = clock

    async def setup_hook(self) -> None:
        self.tutor_services = await Services.create(self._settings.core, clock=self._clock)
        await self.load_extension("cogs.daily")
        await self.tree.sync()


@pytest.fixture
def simcord_bot(request, settings: Settings, clock) -> commands.Bot:
    """Our bot, or (``parametrize("simcord_bot", ["host"], indirect=True)``) a host bot loading the cogs."""
    if getattr(request, "param", None) == "host":
        return HostBot(settings, clock)
    return TutorBot(settings, clock=clock)


@pytest.mark.parametrize("simcord_bot", ["host"], indirect=True)
async def test_a_host_bots_daily_answer_typed_across_a_restart_counts(env, world, settings, clock) -> None:
    _, channel, m = world
    assert isinstance(env.bot, HostBot)
    post = await daily_post(env, channel, m["admin"])
    shown = await m["bob"].click(post, label="Answer")
    await env.restart_bot(HostBot(settings, clock))
    sent = await send(m["bob"], shown, "temperature")
    assert sent.response is not None and sent.ephemeral and "+10 points" in sent.response.content
    assert await rows(env, "SELECT user_name, points FROM daily_answers") == [("bob", 10)]
