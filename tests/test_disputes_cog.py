"""/disputes through simcord: moderators review disputes one card at a time and accept or reject them;
members are refused; /disputes stats shows what the answers say, with a CSV file."""

from __future__ import annotations

import csv
import io

import discord
import pytest
import yaml
from modal_support import text_box
from play_support import FirstChoice, assert_no_pings

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
PROMPT = (
    "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?"
)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol", "dan")}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    yield guild, channel, members
    await env.bot.close()


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    return await member.submit_modal(shown, {text_box(shown)["custom_id"]: text})


async def attempt_id(env, user_id: int, response: str) -> int:
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND response = ? ORDER BY id", (user_id, response)
        )
    return int(rows[0]["id"])


def service(env):
    return env.bot.get_cog("Disputes").service


async def play_temperature_quiz(env, world) -> None:
    """bob and dan type "softmax divisor" (judged wrong); carol is right; then the quiz ends."""
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    question = channel.last_message
    bob = await answer(m["bob"], question, "softmax divisor")
    assert "Correct" not in bob.response.content
    await env.advance_time(1)
    await answer(m["carol"], question, "temperature")
    await env.advance_time(1)
    await answer(m["dan"], question, "Softmax divisor")
    await env.advance_time(60)


async def test_members_cannot_open_disputes(env, world) -> None:
    guild, channel, m = world
    assert not any(c.startswith("disputes") for c in m["alice"].available_commands(channel))
    assert any(c.startswith("disputes") for c in m["mod"].available_commands(channel))
    # Even when a server lets everyone see the command, the bot itself refuses.
    command = env.backend.find_command("disputes", None, type=1)
    guild.set_command_permissions(int(command["id"]), {m["alice"]: True})
    for name in ("disputes review", "disputes stats"):
        r = await m["alice"].slash(channel, name)
        assert r.ephemeral and "Only members with the **Manage Messages** permission" in r.response.content, (
            name
        )


async def test_a_moderator_accepts_a_dispute_and_both_players_with_that_answer_get_their_points(
    env, world
) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    stats = env.bot.tutor_services.stats
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 0
    await service(env).open_dispute(
        guild_id=guild.id,
        user_id=m["bob"].id,
        user_name="bob",
        prompt=PROMPT,
        attempt_id=await attempt_id(env, m["bob"].id, "softmax divisor"),
    )

    page = await m["mod"].slash(channel, "disputes review")
    assert page.ephemeral
    card = page.response.embeds[0]
    fields = {f.name: f.value for f in card.fields}
    assert card.title == "Dispute 1 of 1"
    assert fields["Typed answer"] == "**softmax divisor**" and fields["Accepted answers"] == "**temperature**"
    assert fields["Prompt"] == PROMPT and fields["Verdict"] == "wrong" and fields["Player"].startswith("bob")
    labels = [c.label for row in page.response.message.components for c in row.children]
    assert labels == ["Accept", "Reject", "Previous", "Next"]

    done = await m["mod"].click(page.response, label="Accept")

    assert done.response.embeds[0].title == "No open disputes"
    assert "2 answers of 2 players corrected, 15 points given back" in done.response.embeds[0].description
    assert (await stats.stats(guild.id, m["bob"].id)).points_total == 10  # before carol: first
    assert (await stats.stats(guild.id, m["dan"].id)).points_total == 5  # after carol: within the window
    assert (await stats.stats(guild.id, m["carol"].id)).points_total == 10
    assert service(env).overlay_accepts(guild.id, "mini:temperature") == ("softmax divisor",)
    (told,) = await service(env).take_notices(guild.id, m["bob"].id)
    assert told.status == "accepted"
    # /deck export (the YAML that imports back: the format that carries accepted answers) carries the server's
    # accepted answer beside the card's own
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    r = await admin.slash(channel, "deck export", deck="mini", format="yaml")
    [attachment] = (r.followups[0] if r.followups else r.response).attachments
    exported = yaml.safe_load(await attachment.read())
    [card] = [c for c in exported["cards"] if c["id"] == "temperature"]
    assert "softmax divisor" in card["accept"] and "temperature" in card["accept"]
    assert_no_pings(env)


async def test_two_moderators_deciding_one_dispute_the_second_is_told_plainly(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    await service(env).open_dispute(
        guild_id=guild.id, user_id=m["bob"].id, user_name="bob", prompt=PROMPT,
        attempt_id=await attempt_id(env, m["bob"].id, "softmax divisor"),
    )  # fmt: skip
    mods = guild.create_role("More mods", permissions=discord.Permissions(manage_messages=True))
    other = guild.add_member(env.create_user("mod2"), roles=[mods])
    mine = await m["mod"].slash(channel, "disputes review")
    theirs = await other.slash(channel, "disputes review")
    done = await m["mod"].click(mine.response, label="Accept")
    assert done.response.embeds[0].title == "No open disputes"
    late = await other.click(theirs.response, label="Reject")
    said = " ".join([late.response.content or "", *(f.content or "" for f in late.followups)])
    assert "accepted already" in said and "Traceback" not in said
    assert all(f.ephemeral for f in late.followups) or late.ephemeral
    # the second moderator's page moved on too: no Accept or Reject left on a dispute decided already
    assert late.response.embeds[0].title == "No open disputes" and not late.response.components
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["bob"].id)).points_total == 10
    assert_no_pings(env)


async def test_reject_closes_the_dispute_and_the_page_moves_on(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    for user, text in (("bob", "softmax divisor"), ("dan", "Softmax divisor")):
        await service(env).open_dispute(
            guild_id=guild.id,
            user_id=m[user].id,
            user_name=user,
            prompt=PROMPT,
            attempt_id=await attempt_id(env, m[user].id, text),
        )
    page = await m["mod"].slash(channel, "disputes review")
    assert page.response.embeds[0].title == "Dispute 1 of 2"
    nxt = await m["mod"].click(page.response, label="Next")
    assert nxt.response.embeds[0].title == "Dispute 2 of 2"
    assert "Softmax divisor" in {f.name: f.value for f in nxt.response.embeds[0].fields}["Typed answer"]
    rejected = await m["mod"].click(nxt.response, label="Reject")
    assert "Rejected the dispute of dan" in rejected.response.embeds[0].description
    assert rejected.response.embeds[0].title == "Dispute 1 of 1"
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["dan"].id)).points_total == 0
    assert service(env).overlay_accepts(guild.id, "mini:temperature") == ()


async def test_where_the_moderator_lacks_manage_messages_the_queue_stays_closed(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    await service(env).open_dispute(
        guild_id=guild.id,
        user_id=m["bob"].id,
        user_name="bob",
        prompt=PROMPT,
        attempt_id=await attempt_id(env, m["bob"].id, "softmax divisor"),
    )
    mods = guild.roles["Mods"]
    quiet = guild.create_text_channel(
        "quiet", overwrites={mods: discord.PermissionOverwrite(manage_messages=False)}
    )
    command = env.backend.find_command("disputes", None, type=1)
    guild.set_command_permissions(
        int(command["id"]), {m["mod"]: True}
    )  # the server shows it; the bot refuses
    r = await m["mod"].slash(quiet, "disputes review")
    assert r.ephemeral and "Manage Messages" in r.response.content and not r.response.embeds
    assert (await service(env).page(guild.id)) is not None  # still open


async def test_stats_show_missed_cards_wrong_answers_and_a_csv(env, world) -> None:
    guild, channel, m = world
    await play_temperature_quiz(env, world)
    r = await m["mod"].slash(channel, "disputes stats", deck="mini", csv=True)
    assert r.ephemeral
    card = r.response.embeds[0]
    fields = {f.name: f.value for f in card.fields}
    assert card.title == "Answer insight — mini"
    assert "`mini:temperature`" in fields["Most missed"] and "1/3 right" in fields["Most missed"]
    assert "softmax divisor ×2" in fields["Common wrong answers"]
    (attachment,) = r.response.attachments
    assert attachment.filename == "answers-mini.csv"
    table = list(csv.reader(io.StringIO(env.backend.cdn.get(attachment.url).decode("utf-8-sig"))))
    assert table[1][0] == "mini:temperature" and table[1][2:4] == ["3", "1"]
    unknown = await m["mod"].slash(channel, "disputes stats", deck="astrology")
    assert unknown.ephemeral and "There is no deck" in unknown.response.content


async def test_deck_stats_gives_moderators_the_same_insight_and_members_are_refused(env, world) -> None:
    guild, channel, m = world
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    owner = guild.add_member(env.create_user("owner"), roles=[admins])
    await play_temperature_quiz(env, world)
    r = await owner.slash(channel, "deck stats", deck="mini", csv=True)
    assert r.ephemeral
    card = r.response.embeds[0]
    fields = {f.name: f.value for f in card.fields}
    assert "`mini:temperature`" in fields["Most missed"] and "softmax divisor ×2" in fields["Common wrong answers"]
    assert r.response.attachments[0].filename == "answers-mini.csv"
    # members do not even see /deck (default permissions: Manage Server)
    assert not any(c.startswith("deck") for c in m["alice"].available_commands(channel))
    unknown = await owner.slash(channel, "deck stats", deck="astrology")
    assert unknown.ephemeral and "astrology" in unknown.response.content


def test_a_dispute_page_fits_discords_embed_limits_whatever_was_typed() -> None:
    from datetime import UTC, datetime

    from bot.core.disputes import Dispute
    from bot.core.disputes.models import QueuePage
    from cogs.disputes import page_embed

    when = datetime(2026, 1, 1, tzinfo=UTC)
    d = Dispute(
        id=1, guild_id=1, user_id=2, user_name="bob" * 40, attempt_id=3, card_key="mini:bert", direction="question",
        source="quiz", prompt="p" * 3000, accepted=tuple(f"answer {i} " + "x" * 200 for i in range(20)),
        response="y " * 2000, verdict="wrong", status="open", created_at=when, decided_at=None, decided_by=None,
        regraded=0, restored=0, seen_at=None,
    )  # fmt: skip
    note = "Rejected the dispute of bob: " + "z " * 1400  # the decision just made, long typed answer and all
    e = page_embed(QueuePage(d, 1, 2), note)
    assert len(e) <= 6000 and e.footer.text and e.footer.text.startswith("Card mini:bert")
    assert len(e.description or "") <= 4096 and all(len(f.value) <= 1024 for f in e.fields)


def _long_dispute(response: str, **changes):
    from dataclasses import replace
    from datetime import UTC, datetime

    from bot.core.disputes import Dispute

    d = Dispute(
        id=1, guild_id=1, user_id=2, user_name="bob", attempt_id=3, card_key="mini:temperature",
        direction="question", source="quiz", prompt=PROMPT, accepted=("temperature",), response=response,
        verdict="almost", status="open", created_at=datetime(2026, 1, 1, tzinfo=UTC), decided_at=None,
        decided_by=None, regraded=0, restored=0, seen_at=None,
    )  # fmt: skip
    return replace(d, **changes)


def test_the_page_after_deciding_a_long_answer_still_shows_every_field_of_the_next_dispute() -> None:
    from bot.core.disputes import Decision
    from bot.core.disputes.models import QueuePage
    from cogs.disputes import decision_text, page_embed

    decided = Decision(_long_dispute("softmax divisor " * 500, status="rejected"), accepted=False)
    names = tuple(f"the sampling temperature that divides the logits before the softmax, {i}" for i in range(15))
    prompt = PROMPT + " In a few words, and say why it matters." * 24
    nxt = _long_dispute("softmax divisor", accepted=names, prompt=prompt)
    e = page_embed(QueuePage(nxt, 1, 1), decision_text(decided))
    fields = {f.name: f.value for f in e.fields}
    assert "softmax divisor" in fields["Typed answer"] and {"Accepted answers", "Verdict", "Where", "Player"} <= set(fields)
    assert len(e) <= 6000


def test_a_page_on_an_open_question_names_neither_the_card_nor_an_answer_near_it() -> None:
    from bot.core.disputes.models import QueuePage
    from cogs.disputes import page_embed, page_view

    near = QueuePage(_long_dispute("temperatur"), 1, 1, answers_hidden=True)  # an "almost" answer
    e = page_embed(near)
    shown = str(e.to_dict()).lower()
    assert "temperatur" not in shown.replace(PROMPT.lower(), "")
    assert "hidden" in {f.name: f.value for f in e.fields}["Typed answer"].lower()
    # nor is it decided unseen: Accept and Reject wait for the question to close
    assert all(b.disabled for b in page_view(near).children if getattr(b, "label", "") in ("Accept", "Reject"))
    # nor a wrong answer, which may hold the card's ("temperature or top-k")
    wrong = QueuePage(_long_dispute("temperature or top-k", verdict="wrong"), 1, 1, answers_hidden=True)
    assert "temperature" not in str(page_embed(wrong).to_dict()).lower().replace(PROMPT.lower(), "")
    assert all(b.disabled for b in page_view(wrong).children if getattr(b, "label", "") in ("Accept", "Reject"))
    open_again = page_embed(QueuePage(_long_dispute("temperatur"), 1, 1))
    assert "temperatur" in {f.name: f.value for f in open_again.fields}["Typed answer"]
    assert open_again.footer.text.startswith("Card mini:temperature")


async def test_a_moderator_does_not_decide_their_own_dispute_but_another_moderator_or_the_owner_does(
    env, world
) -> None:
    guild, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    await answer(m["mod"], channel.last_message, "softmax divisor")
    await env.advance_time(60)
    await service(env).open_dispute(
        guild_id=guild.id, user_id=m["mod"].id, user_name="mod", prompt=PROMPT,
        attempt_id=await attempt_id(env, m["mod"].id, "softmax divisor"),
    )  # fmt: skip
    page = await m["mod"].slash(channel, "disputes review")
    refused = await m["mod"].click(page.response, label="Accept")
    said = " ".join([refused.response.content or "", *(f.content or "" for f in refused.followups)])
    assert "your own answer" in said and "another moderator" in said and "Traceback" not in said
    assert service(env).overlay_accepts(guild.id, "mini:temperature") == ()
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["mod"].id)).points_total == 0
    # another moderator decides it
    mods = guild.create_role("More mods", permissions=discord.Permissions(manage_messages=True))
    other = guild.add_member(env.create_user("mod2"), roles=[mods])
    theirs = await other.slash(channel, "disputes review")
    done = await other.click(theirs.response, label="Accept")
    assert done.response.embeds[0].title == "No open disputes"
    assert (await env.bot.tutor_services.stats.stats(guild.id, m["mod"].id)).points_total == 10
    assert_no_pings(env)
