"""/leaderboard and /stats as members see them (simcord): boards, paging, departures, the chart."""

from __future__ import annotations

from datetime import timedelta

import discord
import pytest
from board_support import scored, shown
from world_support import bot_closed_after, study_alice  # noqa: F401

from bot.core.chart import PNG_SIGNATURE
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review import ReviewService
from bot.core.storage.attempts import AttemptWriter
from cogs.leaderboard import BOARD_PAGE


def buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row.get("components", []) if c.get("label")}


def assert_no_pings(env) -> None:
    """Every message the bot sent or edited said: mention nobody (interaction responses carry it in "data")."""
    bodies = [(r.path, r.json.get("data") if "/callback" in r.path else r.json) for r in env.http_requests
              if r.method in ("POST", "PATCH") and isinstance(r.json, dict)]  # fmt: skip
    sent = [(path, body) for path, body in bodies if isinstance(body, dict) and ("embeds" in body or "content" in body)]
    assert sent
    for path, body in sent:
        assert body.get("allowed_mentions", {}).get("parse") == [], path


async def test_an_empty_board_says_how_to_get_on_it(env, world) -> None:
    guild, channel, alice = world
    result = await alice.slash(channel, "leaderboard")
    message = shown(result)
    assert not result.ephemeral
    (board,) = message.embeds
    assert "this week" in board.title
    assert "Nobody has scored" in board.description and "/quiz" in board.description
    assert "daily question" not in board.description  # (none is on in this server: see test_gap_daily_hints)
    assert buttons(message) == {}
    assert_no_pings(env)


async def test_the_board_lists_names_without_pinging_and_shows_ties(env, world, services) -> None:
    guild, channel, alice = world
    bob = guild.add_member(env.create_user("bob"), nick="@everyone *bob*")  # (the board shows the name now)
    cat = guild.add_member(env.create_user("cat"))
    await scored(services, guild, bob, 30, name="@everyone *bob*")
    await scored(services, guild, cat, 20)
    await scored(services, guild, alice, 20)
    await scored(services, guild, alice, 0, correct=False, source=Source.PRACTICE)  # practice: no change

    message = shown(await alice.slash(channel, "leaderboard", period="all"))

    (board,) = message.embeds
    lines = board.description.splitlines()
    assert "all time" in board.title
    assert lines[0].startswith("🥇 ") and "\\*bob\\*" in lines[0] and "\\@everyone" in lines[0]
    assert "**30** pts · 1 correct · 100%" in lines[0]
    assert lines[1].startswith("🥈 ") and lines[2].startswith("🥈 ")  # alice and cat share second place
    assert {"alice" in lines[1] or "alice" in lines[2], "cat" in lines[1] or "cat" in lines[2]} == {True}
    assert len(lines) == 3  # the caller is on the page: no extra line
    assert "Page 1/1" in board.footer.text and "3 members" in board.footer.text
    assert_no_pings(env)


async def test_paging_and_the_callers_own_rank(env, world, services) -> None:
    guild, channel, alice = world
    members = [guild.add_member(env.create_user(f"member{i:02}")) for i in range(12)]
    for i, member in enumerate(members):
        await scored(services, guild, member, 100 - i)
    await scored(services, guild, alice, 5)

    result = await alice.slash(channel, "leaderboard")
    message = shown(result)
    (board,) = message.embeds
    lines = board.description.splitlines()
    assert len([line for line in lines if " pts · " in line and not line.startswith("**You")]) == 10
    assert lines[-1].startswith("**You:** #13 · **5** pts")
    assert "Page 1/2" in board.footer.text and "13 members" in board.footer.text
    nav = buttons(message)
    assert nav["Previous"]["disabled"] is True and not nav["Next"].get("disabled")

    # The caller turns the page: their message is edited in place.
    turned = await alice.click(message, label="Next")
    assert not turned.followups  # no new message
    edited = shown(result)
    (board2,) = edited.embeds
    assert "Page 2/2" in board2.footer.text
    lines2 = board2.description.splitlines()
    assert lines2[0].startswith("**11.** member10") and lines2[-1].startswith("**13.** alice")
    nav2 = buttons(edited)
    assert not nav2["Previous"].get("disabled") and nav2["Next"]["disabled"] is True

    # Someone else turning alice's page gets their own copy, privately, with their own rank.
    dan = guild.add_member(env.create_user("dan"))
    other = await dan.click(edited, label="Previous")
    assert other.ephemeral
    mine = other.followups[-1] if other.followups else other.response
    (copy,) = mine.embeds
    assert "Page 1/2" in copy.footer.text
    assert "aren't on this board yet" in copy.description
    assert "Page 2/2" in shown(result).embeds[0].footer.text  # alice's board did not move
    assert_no_pings(env)


async def test_board_page_ids_keep_their_format(env) -> None:
    """Buttons on boards posted before an upgrade still match: tutor:lb:<p|n>:<period>:<page>:<owner>:<topic>."""
    assert BOARD_PAGE.build(nav="n", period="month", page=2, owner=1234, topic="nlp") == "tutor:lb:n:month:2:1234:nlp"
    assert BOARD_PAGE.parse("tutor:lb:p:all:0:99:") == {"nav": "p", "period": "all", "page": "0", "owner": "99", "topic": ""}
    assert not BOARD_PAGE.fits(nav="n", period="week", page=1, owner=1, topic="x" * 61)


async def test_members_who_left_are_not_listed(env, world, services) -> None:
    guild, channel, alice = world
    bob = guild.add_member(env.create_user("bob"))
    await scored(services, guild, bob, 50)
    await scored(services, guild, alice, 10)
    await scored(services, guild, alice, 70, user_id=424242, name="ghost")  # never a member here
    guild.remove_member(bob)  # no event reaches the bot without the members intent

    message = shown(await alice.slash(channel, "leaderboard", period="all"))

    (board,) = message.embeds
    assert board.description.splitlines() == ["🥇 alice — **10** pts · 1 correct · 100%"]
    assert "1 member" in board.footer.text
    assert await services.stats.queries.departed(guild.id) == {bob.id, 424242}
    assert (await services.stats.stats(guild.id, bob.id)).points_total == 50  # kept in the data


async def test_topic_filter_autocomplete_and_unknown_topic(env, world, services) -> None:
    guild, channel, alice = world
    await scored(services, guild, alice, 10, card="mini:l1-regularization")
    choices = await alice.autocomplete(channel, "leaderboard", "topic", "optim")
    assert "optimization" in [c["value"] for c in choices]

    message = shown(await alice.slash(channel, "leaderboard", period="month", topic="optimization"))
    (board,) = message.embeds
    assert "this month" in board.title and "optimization" in board.title
    assert "alice" in board.description

    bad = await alice.slash(channel, "leaderboard", topic="<@123> nonsense")
    assert bad.ephemeral and "no topic called" in bad.response.content
    assert "<@123>" not in bad.response.content.replace("`<@123> nonsense`", "")
    assert_no_pings(env)


async def test_stats_with_the_chart_attached(env, world, services) -> None:
    guild, channel, alice = world
    bob = guild.add_member(env.create_user("bob"))
    for i in range(6):
        await scored(services, guild, bob, 10 if i else 0, card="mini:l2-regularization", correct=bool(i),
                     ago=timedelta(hours=i))  # fmt: skip
    await scored(services, guild, bob, 0, card="mini:bert", correct=False)

    result = await alice.slash(channel, "stats", member=bob)
    message = shown(result)
    assert not result.ephemeral  # someone else's stats are posted in the channel
    (card,) = message.embeds
    assert "bob" in card.title
    fields = {f.name: f.value for f in card.fields}
    assert fields["Points"].startswith("**50** this week · **50** in total · #1 all time")
    assert "**7** answered" in fields["Answers"] and "71%" in fields["Answers"]
    assert fields["Strongest topics"].startswith("optimization — 83% (5/6)")
    assert card.image.url.endswith("activity.png")
    (attachment,) = message.attachments
    assert attachment.filename == "activity.png" and attachment.content_type == "image/png"
    data = env.backend.cdn.get(attachment.url)
    assert data is not None and data.startswith(PNG_SIGNATURE)
    # Most-missed cards are the member's own business (issue 14): bob sees them, privately.
    assert "Most missed" not in fields and buttons(message) == {}
    own = await bob.slash(channel, "stats")
    assert own.ephemeral
    mine = shown(own)
    assert "BERT · `mini:bert` — missed 1 of 1" in {f.name: f.value for f in mine.embeds[0].fields}["Most missed"]
    assert "Practice: BERT" in buttons(mine)
    assert mine.attachments and mine.attachments[0].filename == "activity.png"
    assert_no_pings(env)


async def test_stats_for_someone_with_no_answers(env, services) -> None:
    user = env.create_user("alice")
    guild, other_guild = env.create_guild("here"), env.create_guild("elsewhere")
    channel, other_channel = guild.create_text_channel("study"), other_guild.create_text_channel("general")
    alice, alice_there = guild.add_member(user), other_guild.add_member(user)
    await scored(services, other_guild, alice_there, 40)  # points in another server only

    result = await alice.slash(channel, "stats")
    message = shown(result)
    assert result.ephemeral  # nothing to show: only the member who asked is told (issue 14)
    assert message.embeds == [] and message.attachments == []
    assert "You haven't answered any questions in this server yet" in message.content
    assert "/quiz" in message.content

    bob = guild.add_member(env.create_user("bob_the_*great*"))
    result = await alice.slash(channel, "stats", member=bob)
    message = shown(result)
    assert result.ephemeral
    assert "bob\\_the\\_\\*great\\*" in message.content and message.attachments == []

    there = shown(await alice_there.slash(other_channel, "stats"))
    assert there.attachments and "**40** this week" in {f.name: f.value for f in there.embeds[0].fields}["Points"]
    assert_no_pings(env)


async def test_leaving_is_recorded_from_the_member_remove_event_when_the_intent_is_on(env, world, services) -> None:
    guild, channel, alice = world
    cog = env.bot.get_cog("Leaderboard")
    payload = discord.RawMemberRemoveEvent({"guild_id": str(guild.id), "user": {}}, discord.Object(alice.id))
    await cog.on_raw_member_remove(payload)
    assert await services.stats.queries.departed(guild.id) == {alice.id}
    # Using the board again shows the member is back.
    await alice.slash(channel, "leaderboard")
    assert await services.stats.queries.departed(guild.id) == set()


# -- who sees what (issue 14) -------------------------------------------------------------------------
async def test_others_see_only_what_counts_on_the_server(env, world, services) -> None:
    guild, channel, alice = world
    bob = guild.add_member(env.create_user("bob"))
    for i in range(5):
        await scored(services, guild, bob, 10, card="mini:l2-regularization", ago=timedelta(hours=i))
    for _ in range(7):  # bob's private practice: all wrong
        await scored(services, guild, bob, 0, card="mini:bert", correct=False, source=Source.PRACTICE)

    result = await alice.slash(channel, "stats", member=bob)

    assert not result.ephemeral
    message = shown(result)
    (card,) = message.embeds
    fields = {f.name: f.value for f in card.fields}
    assert "**5** answered · **100%** correct" in fields["Answers"]  # not 12 answers at 42%
    assert "Most missed" not in fields and "Review" not in fields and "BERT" not in str(fields)
    assert buttons(message) == {}
    assert "Private practice is not shown" in card.footer.text
    assert message.attachments and message.attachments[0].filename == "activity.png"
    assert_no_pings(env)


async def test_a_member_who_only_practised_shows_nothing_to_others(env, world, services) -> None:
    guild, channel, alice = world
    carol = guild.add_member(env.create_user("carol"))
    await scored(services, guild, carol, 0, card="mini:bert", correct=False, source=Source.PRACTICE)

    result = await alice.slash(channel, "stats", member=carol)

    assert result.ephemeral
    message = shown(result)
    assert message.embeds == [] and message.attachments == []
    assert "carol" in message.content and "hasn't answered any quiz or daily questions" in message.content
    # Carol herself sees her practice, privately.
    own = await carol.slash(channel, "stats")
    assert own.ephemeral and "**1** answered" in {f.name: f.value for f in shown(own).embeds[0].fields}["Answers"]


async def test_your_own_stats_are_private_unless_you_share_them(env, world, services) -> None:
    guild, channel, alice = world
    await scored(services, guild, alice, 10, card="mini:l2-regularization")
    await scored(services, guild, alice, 0, card="mini:bert", correct=False, source=Source.PRACTICE)

    own = await alice.slash(channel, "stats")
    assert own.ephemeral
    fields = {f.name: f.value for f in shown(own).embeds[0].fields}
    assert "**2** answered" in fields["Answers"] and "BERT · `mini:bert` — missed 1 of 1" in fields["Most missed"]
    assert "Only you can see this" in shown(own).embeds[0].footer.text

    shared = await alice.slash(channel, "stats", share=True)
    assert not shared.ephemeral
    card = shown(shared).embeds[0]
    fields = {f.name: f.value for f in card.fields}
    assert "**1** answered · **100%** correct" in fields["Answers"] and "Most missed" not in fields
    assert buttons(shown(shared)) == {}
    assert_no_pings(env)


async def test_names_are_echoed_without_control_or_bidi_characters(env, world, services) -> None:
    guild, channel, alice = world
    # (not the caller, and named so in the server: the board lists a member by the name the server shows now)
    bob = guild.add_member(env.create_user("bob"), nick="\u202eevil\u0000 na\u2066me")
    await scored(services, guild, bob, 10, name="\u202eevil\u0000 na\u2066me")
    message = shown(await alice.slash(channel, "leaderboard", period="all"))
    line = message.embeds[0].description.splitlines()[0]
    assert "evil name" in line
    assert not any(ch in line for ch in "\u202e\u0000\u2066")


# -- review figures next to points (issue 15) ---------------------------------------------------------
@pytest.fixture
def review(services, monkeypatch: pytest.MonkeyPatch) -> ReviewService:
    """The services' review feature (built here on their store if the bot has none)."""
    found = getattr(services, "review", None)
    if found is None:
        found = ReviewService(store=services.store, catalog=services.catalog, clock=services.clock)
        monkeypatch.setattr(services, "review", found, raising=False)
    return found


async def test_stats_shows_review_due_and_learned_counts_to_the_member(env, world, services, review) -> None:
    guild, channel, alice = world
    bob = guild.add_member(env.create_user("bob"))
    writer = AttemptWriter()
    for card, right in (("mini:bert", True), ("mini:temperature", True), ("mini:attention-mechanism", False)):
        async with services.store.transaction() as db:
            attempt = Attempt(
                guild_id=guild.id, channel_id=1, user_id=alice.id, user_name="alice", card_key=card,
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT if right else VerdictKind.WRONG,
                points=10 if right else 0, created_at=services.now(),
            )  # fmt: skip
            await review.on_attempt(db, attempt, await writer.add(db, attempt))
    await env.advance_time(30 * 60)  # the missed card is due again within minutes
    status = await review.members.status(guild.id, alice.id)
    assert status.due_now >= 1 and status.learned + status.due_today >= 1

    own = await alice.slash(channel, "stats")

    fields = {f.name: f.value for f in shown(own).embeds[0].fields}
    assert list(fields)[:2] == ["Points", "Review"]  # next to the points
    assert fields["Review"].startswith(f"**{status.due_now}** due now · {status.due_today} due today\n")
    assert f"**{status.learned}** learned · {status.mature} mature" in fields["Review"]
    assert "/review start" in fields["Review"]
    # Someone else looking at alice does not see her review schedule.
    theirs = shown(await bob.slash(channel, "stats", member=alice))
    assert "Review" not in {f.name for f in theirs.embeds[0].fields}


# -- paging an old board (issue 11) -------------------------------------------------------------------
async def test_paging_an_old_board_after_the_week_rolled_over(env, world, services) -> None:
    guild, channel, alice = world
    for i in range(12):
        await scored(services, guild, guild.add_member(env.create_user(f"player{i:02}")), 10 + i)
    result = await alice.slash(channel, "leaderboard")
    board = shown(result)
    assert "Page 1/2" in board.embeds[0].footer.text
    for name in list(env.bot.extensions):  # days go by in seconds without the daily question's scheduler
        if name.rsplit(".", 1)[-1] == "daily":
            await env.bot.unload_extension(name)
    for _ in range(8):  # Thursday 1 January to Monday 5 January: a new, empty week
        await env.advance_time(12 * 3600)

    bob = guild.add_member(env.create_user("bob"))
    theirs = await bob.click(board, label="Next")  # bob did not open this board: his own copy
    assert theirs.ephemeral and not env.errors
    copy = theirs.followups[-1] if theirs.followups else theirs.response
    assert "Nobody has scored" in copy.embeds[0].description and buttons(copy) == {}

    mine = await alice.click(board, label="Next")  # the owner's board is turned in place
    assert not mine.followups and not env.errors
    edited = shown(result)
    assert "Nobody has scored" in edited.embeds[0].description and "Page 1/1" in edited.embeds[0].footer.text
    assert buttons(edited) == {}
    assert_no_pings(env)
