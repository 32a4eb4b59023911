"""What a screen reader reads out of the bot's messages: buttons in words, the /stats chart described, numbers
with their unit spelled out (simcord)."""

from __future__ import annotations

import re
from datetime import timedelta

import discord
import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True, manage_guild=True))
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    # simcord detaches the bot without closing it: close it, so the database connections are released.
    await env.bot.close()


async def answered(services, guild, member, *, correct: bool, ago: timedelta = timedelta(0)) -> int:
    """A stored quiz answer of ``member``'s (the way the quiz writes one); its id."""
    async with services.store.transaction() as db:
        return await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild.id, channel_id=1, user_id=member.id, user_name=member.name, card_key="mini:temperature",
                source=Source.QUIZ, response="temperature" if correct else "softmax divisor",
                verdict=VerdictKind.CORRECT if correct else VerdictKind.WRONG, points=10 if correct else 0,
                created_at=services.now() - ago,
            ),
        )  # fmt: skip


def labels(message) -> list[str]:
    return [c.label or "" for row in message.components for c in row.children]


async def test_the_dispute_pages_buttons_say_previous_and_next_in_words(env, world, services) -> None:
    """The page buttons of /disputes review were labelled "◀" and "▶" alone: a screen reader read out "black
    left-pointing triangle". They say what they do, as the board's and a definition's page buttons do."""
    guild, channel, m = world
    disputes = env.bot.get_cog("Disputes").service
    for name in ("alice", "bob"):
        attempt = await answered(services, guild, m[name], correct=False)
        await disputes.open_dispute(guild_id=guild.id, user_id=m[name].id, user_name=name, attempt_id=attempt)

    page = await m["mod"].slash(channel, "disputes review")

    assert page.response.embeds[0].title == "Dispute 1 of 2"
    shown = labels(page.response.message)
    assert shown == ["Accept", "Reject", "Previous", "Next"]
    assert all(re.search(r"\w", label) for label in shown), f"a button with no words: {shown}"
    nxt = await m["mod"].click(page.response, label="Next")
    assert nxt.response.embeds[0].title == "Dispute 2 of 2"


async def test_the_stats_chart_carries_a_description_of_what_it_shows(env, world, services) -> None:
    """The /stats chart was an image with no alt text: a screen reader said "activity.png" and nothing of the
    answers it draws. Its description now says what it shows in words."""
    guild, channel, m = world
    bob = m["bob"]
    for hours, correct in ((1, True), (2, True), (3, False), (49, True)):  # (the clock starts at 1 Jan, 00:00 UTC)
        await answered(services, guild, bob, correct=correct, ago=timedelta(hours=hours))

    result = await m["alice"].slash(channel, "stats", member=bob)

    message = result.response if result.response and result.response.embeds else result.followups[-1]
    (attachment,) = message.attachments
    assert attachment.filename == "activity.png"
    description = attachment.description or ""
    assert description.startswith("Bar chart of quiz and daily answers per day over the last 30 days"), description
    assert "4 answers, 3 of them right, on 2 days" in description
    assert description.endswith("the most on 31 Dec, 3 answers (2 right)."), description
    assert len(description) <= 1024


async def test_a_hint_says_what_a_right_answer_now_scores_in_points(env, world) -> None:
    """A hint ended "a right answer now scores you 7.": seven of what, a reader could not tell."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms")

    r = await m["bob"].click(channel.last_message, label="Hint")

    assert r.ephemeral and "Hint 1/2" in r.response.content
    assert r.response.content.endswith("a right answer now scores you 7 points."), r.response.content


async def test_the_quiz_intro_spells_out_the_seconds_per_question(env, world) -> None:
    """The intro said "30 s each": a screen reader reads a lone "s" as the letter."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", questions=2, seconds=30)

    intro = next(msg for msg in channel.history() if msg.embeds and "Quiz started" in (msg.embeds[0].title or ""))

    assert "30 seconds each." in intro.embeds[0].description
    assert " s each" not in intro.embeds[0].description


async def test_the_daily_answer_window_is_given_in_hours_not_h(env, world) -> None:
    """/daily set and /daily status said "answers stay open 3 h" and "3 h": a lone letter where "hours" was meant."""
    _, channel, m = world

    r = await m["mod"].slash(channel, "daily set", channel=channel, time="09:00", timezone="UTC", answer_hours=3)
    assert r.ephemeral and "answers stay open 3 hours." in r.response.content, r.response.content
    status = await m["mod"].slash(channel, "daily status")

    fields = {f.name: f.value for f in status.response.embeds[0].fields}
    assert fields["Answers open"] == "3 hours"
