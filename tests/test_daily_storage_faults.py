"""The daily question while the database cannot be written (issue 11): a disk that fills up, a database that
turns read-only. Claiming, posting, answering and revealing: nothing is lost or posted twice, members are told
whether their answer counted, and everything resumes once writes work again.

The faults are SQLite's own, on the bot's real database file: ``PRAGMA max_page_count`` (the file may not grow:
a write that needs a new page fails with "database or disk is full") and ``PRAGMA query_only`` (every write
fails with "attempt to write a readonly database"), set on the store's writer connection. Where a fault must
start at the exact moment a message goes out, the fault kit's ``DbFaults`` switches it from the HTTP route.
The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import aiosqlite
import discord
import pytest
from daily_support import World, answer, daily_deck, daily_world, embed_fields, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)

from bot.runner import TutorBot

sys.path.insert(0, str(Path(__file__).resolve().parent / "faults"))
from faultkit import (  # noqa: E402
    DbFaults,
    FailRoute,
    embed_title,
    failing_disk,  # noqa: F401  (the ``db_faults`` fixture)
    failing_routes,  # noqa: F401  (the ``fail_route`` fixture)
)

NOT_COUNTED = "was NOT counted"
SOMETHING_WRONG = "Something went wrong"
TITLE = "Question of the day — 1 Jan"
REVEAL = "Answer — question of the day, 1 Jan"


class Disk:
    """The bot's database file failing as a real disk makes SQLite fail, on the store's writer connection."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.writer: aiosqlite.Connection | None = None

    async def _connection(self) -> aiosqlite.Connection:
        if self.writer is None:
            async with self.store.transaction() as db:  # the connection every write of the bot goes through
                self.writer = db
        return self.writer

    async def full(self) -> None:
        """The file may not grow any more: the next write that needs a new page fails."""
        db = await self._connection()
        await db.execute("PRAGMA max_page_count = 1")  # SQLite keeps it at the current size

    async def read_only(self) -> None:
        db = await self._connection()
        await db.execute("PRAGMA query_only = ON")

    async def heal(self) -> None:
        db = await self._connection()
        await db.execute("PRAGMA query_only = OFF")
        await db.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def disk(services) -> Disk:
    return Disk(services.store)


async def rows(services, sql: str, params: tuple = ()) -> list[tuple]:
    async with services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors the daily feature logged."""
    ours = ("cogs.daily", "bot.core.daily")
    return [r.getMessage()[:120] for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith(ours)]


# -- answering ------------------------------------------------------------------------------------------
async def test_a_disk_filling_up_mid_answers_tells_who_was_not_counted_and_keeps_every_counted_answer(
    world: World, env, services, disk: Disk
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    await disk.full()
    counted: list[int] = []
    refused: list[Any] = []
    for n in range(120):  # members keep answering until the file has to grow
        member = world.guild.add_member(world.env.create_user(f"member{n}"))
        r = await answer(member, post, f"convolution {n} " + "x" * 380)
        text = r.response.content
        assert SOMETHING_WRONG not in text, text
        if NOT_COUNTED in text:
            refused.append(member)
            assert "answer again in a few minutes" in text
            if len(refused) == 3:
                break
        else:
            assert "That's your answer for today" in text, text
            counted.append(member.id)
    assert refused, "the disk never filled up"
    # Every answer a member was told about is stored; none of the refused ones is.
    assert [r[0] for r in await rows(services, "SELECT user_id FROM attempts ORDER BY id")] == counted
    assert [r[0] for r in await rows(services, "SELECT user_id FROM daily_answers ORDER BY answered_at")] == counted

    await disk.heal()
    for member in refused:  # the refused members send their answer again: now it counts
        r = await answer(member, post, "attention")
        assert r.response.content.startswith("✅ Correct") and "+10 points" in r.response.content
    assert len(await rows(services, "SELECT * FROM attempts")) == len(counted) + len(refused)
    await env.advance_time(2 * 3600)
    assert titles(world) == [TITLE, REVEAL]
    answered = embed_fields(world.channel.last_message)["Answers"]
    assert answered.startswith(f"{len(counted) + len(refused)} answered · {len(refused)} right")


async def test_a_read_only_database_refuses_an_answer_plainly_then_takes_it(
    world: World, env, services, disk: Disk
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    await disk.read_only()
    r = await answer(world.alice, post, "attention")
    assert r.ephemeral and NOT_COUNTED in r.response.content and SOMETHING_WRONG not in r.response.content
    assert "+10 points" not in r.response.content
    # Nothing was written, so the member is not "already answered": the box opens again.
    again = await world.alice.click(post, label="Answer")
    assert again.modal is not None
    await disk.heal()
    r = await answer(world.alice, post, "attention")
    assert "+10 points" in r.response.content
    assert await rows(services, "SELECT user_id, verdict FROM attempts") == [(world.alice.id, "correct")]


# -- managing --------------------------------------------------------------------------------------------
async def test_settings_on_a_read_only_database_say_nothing_changed(world: World, env, services, disk: Disk) -> None:
    await disk.read_only()
    r = await world.set()
    assert r.ephemeral and "Nothing was changed" in r.response.content and SOMETHING_WRONG not in r.response.content
    await disk.heal()
    r = await world.set()
    assert "every day at" in r.response.content
    await disk.read_only()
    r = await world.admin.slash(world.channel, "daily off")
    assert r.ephemeral and "Nothing was changed" in r.response.content
    r = await world.admin.slash(world.channel, "daily now")
    assert r.ephemeral and "Nothing was changed" in r.response.content
    assert world.posts() == []  # nothing is sent that could not be claimed
    await disk.heal()
    r = await world.admin.slash(world.channel, "daily status")
    assert r.response.embeds[0].description == "▶️ On"


# -- posting and revealing ---------------------------------------------------------------------------------
async def test_a_read_only_database_over_the_post_time_delays_every_server_and_posts_each_once(
    world: World, env, services, disk: Disk, caplog: pytest.LogCaptureFixture
) -> None:
    other = env.create_guild("Other")
    other_channel = other.create_text_channel("daily")
    owner = other.add_member(env.create_user("owner2"), roles=[
        other.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    ])  # fmt: skip
    await world.set(answer_hours=2)
    await owner.slash(other_channel, "daily set", channel=other_channel, time="00:10", timezone="UTC", answer_hours=2)
    await disk.read_only()
    with caplog.at_level(logging.WARNING):
        await env.advance_time(15 * 60)  # both fall due while nothing can be claimed: nothing is sent
        assert world.posts() == [] and world.posts(other_channel) == []
        await env.advance_time(5 * 60)  # the scheduler keeps checking
    assert "waits for the database" in caplog.text
    assert errors_logged(caplog) == []  # a known outage, not a crash report per server and check
    await disk.heal()
    await env.advance_time(60)
    assert titles(world) == [TITLE] and titles(world, other_channel) == [TITLE]
    await env.advance_time(3 * 3600)
    assert titles(world) == [TITLE, REVEAL] and titles(world, other_channel) == [TITLE, REVEAL]


async def test_a_question_sent_as_the_database_failed_for_hours_is_still_recorded_and_revealed(
    world: World, env, services, db_faults: DbFaults, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    fail_route.on(  # the message reaches Discord; recording it as sent is what fails
        env, "POST", fail_route.send(world.channel), db_faults.read_only,
        when=lambda body: embed_title(body) == TITLE,
    )  # fmt: skip
    await env.advance_time(15 * 60)
    assert titles(world) == [TITLE]
    r = await answer(world.alice, world.posts()[0], "attention")
    assert NOT_COUNTED in r.response.content
    await env.advance_time(3 * 3600)  # the database stays read-only past the time answers close
    db_faults.heal()
    await env.advance_time(5 * 60)
    assert titles(world) == [TITLE, REVEAL]  # found in the channel, recorded, revealed: never sent twice
    assert embed_fields(world.channel.last_message)["Answers"] == "No one answered this one."
    await env.advance_time(3600)
    assert titles(world) == [TITLE, REVEAL]


async def test_a_reveal_that_failed_while_the_database_failed_is_sent_once_when_it_works_again(
    world: World, env, services, db_faults: DbFaults, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    [post] = world.posts()
    await answer(world.alice, post, "attention")
    is_reveal = {"when": lambda body: embed_title(body) == REVEAL}
    fail_route.on(env, "POST", fail_route.send(world.channel), db_faults.read_only, **is_reveal)
    fault = fail_route(env, "POST", fail_route.send(world.channel), 503, times=None, **is_reveal)
    await env.advance_time(2 * 3600)  # the reveal is claimed, Discord refuses it, and the release cannot be written
    assert fault.hits and db_faults.refused
    assert titles(world) == [TITLE]
    fault.times = len(fault.hits)  # Discord works again ...
    db_faults.heal()  # ... and so does the database
    await env.advance_time(2 * 60)
    assert titles(world) == [TITLE, REVEAL]
    assert embed_fields(world.channel.last_message)["Got it"] == "alice"
    await env.advance_time(3600)
    assert titles(world) == [TITLE, REVEAL]


async def test_a_question_sent_just_before_a_crash_on_a_failing_disk_is_revealed_after_the_restart(
    world: World, env, settings, clock, db_faults: DbFaults, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    fail_route.on(
        env, "POST", fail_route.send(world.channel), db_faults.read_only, when=lambda body: embed_title(body) == TITLE
    )
    await env.advance_time(15 * 60)  # sent, not recorded ...
    assert titles(world) == [TITLE]
    await env.bot.unload_extension("cogs.daily")  # ... and the process dies
    await env.advance_time(3 * 3600)  # down until well after answers closed; the disk is mended meanwhile
    db_faults.heal()
    await env.restart_bot(TutorBot(settings, clock=clock))
    await env.advance_time(5 * 60)
    assert titles(world) == [TITLE, REVEAL]  # found in the channel (not sent again), recorded, revealed
    await env.advance_time(3600)
    assert titles(world) == [TITLE, REVEAL]


async def test_daily_now_tells_the_admin_when_the_post_went_out_but_could_not_be_recorded(
    world: World, env, services, db_faults: DbFaults, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    fail_route.on(
        env, "POST", fail_route.send(world.channel), db_faults.read_only, when=lambda body: embed_title(body) == TITLE
    )
    r = await world.admin.slash(world.channel, "daily now")
    [post] = world.posts()
    text = r.response.content
    assert r.ephemeral and post.jump_url in text and "answers cannot count until it works again" in text
    assert SOMETHING_WRONG not in text
    db_faults.heal()
    await env.advance_time(60)  # the next check records it
    r = await answer(world.alice, post, "attention")
    assert "+10 points" in r.response.content
    status = await world.admin.slash(world.channel, "daily status")
    assert embed_fields(status.response)["Last post"].startswith("1 Jan — https://discord.com/channels/")
    assert titles(world) == [TITLE]
