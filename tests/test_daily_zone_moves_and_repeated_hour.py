"""The daily question across zones and dates: a schedule moved west, set again, or set inside a repeated (fall-back)
hour never skips a local date a member would expect, and never posts twice on one local date; spring-forward gaps,
half-hour zones, a zone changed twice in a day and ``/daily now`` before a change. Time is the virtual clock."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from daily_support import run, utc
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.daily import TodayPosted
from bot.core.daily.models import accepted_answer
from bot.core.service import Services
from bot.core.storage import store as store_module

G, CH = 100, 200
ANN, BEN = 1, 2
AUCKLAND, LOS_ANGELES = "Pacific/Auckland", "America/Los_Angeles"


def local_days(claims: list[Any]) -> list[tuple[str, str]]:
    """(zone, local date) of each claim, as a member in that zone reads the post."""
    return [(c.zone.key, c.post_at.astimezone(c.zone).date().isoformat()) for c in claims]


async def auckland_posted_11_march(s: Services, clock: Any) -> list[Any]:
    """A server on 09:00 Auckland time whose questions of 10 and 11 Mar (Auckland) went out; the clock is then an
    hour after the second, 10 Mar 14:00 in Los Angeles."""
    clock.now = utc(2026, 3, 9, 12, 0)
    await s.daily.set_schedule(G, CH, "09:00", AUCKLAND)
    made = await run(s, clock, utc(2026, 3, 10, 21, 0))
    # 11 Mar 09:00 in Auckland is 10 Mar 20:00 UTC, 10 Mar 13:00 in Los Angeles.
    assert local_days(made) == [(AUCKLAND, "2026-03-10"), (AUCKLAND, "2026-03-11")]
    return made


async def services_on(engine: Engine, clock: Any) -> Services:
    return await started_services(await engine.open(), clock)


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


# -- moving west across a date boundary ---------------------------------------------------------------------


async def test_moving_west_from_auckland_to_los_angeles_posts_the_next_los_angeles_date(
    engine: Engine, clock: Any
) -> None:
    s = await services_on(engine, clock)
    try:
        await auckland_posted_11_march(s, clock)
        status = await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
        # 10 Mar in Los Angeles had its question (at 13:00): the next is 11 Mar 09:00 there, not the 12th.
        assert status.next_day == date(2026, 3, 11)
        assert status.next_post == utc(2026, 3, 11, 16, 0)

        made = await run(s, clock, utc(2026, 3, 13, 20, 0))
        assert local_days(made) == [(LOS_ANGELES, "2026-03-11"), (LOS_ANGELES, "2026-03-12"), (LOS_ANGELES, "2026-03-13")]
        assert [c.post_at for c in made] == [utc(2026, 3, d, 16, 0) for d in (11, 12, 13)]
        async with s.store.read() as db:
            rows = await db.execute_fetchall("SELECT local_day, zone FROM daily_posts ORDER BY post_at")
        assert [(r["local_day"], r["zone"]) for r in rows] == [
            ("2026-03-10", AUCKLAND), ("2026-03-11", AUCKLAND),
            ("2026-03-11", LOS_ANGELES), ("2026-03-12", LOS_ANGELES), ("2026-03-13", LOS_ANGELES),
        ]  # fmt: skip
    finally:
        await settle(s)


async def test_changing_the_time_after_moving_west_does_not_skip_a_date_an_old_zone_numbered(
    core_services: Services, clock: Any
) -> None:
    s = core_services
    await auckland_posted_11_march(s, clock)
    await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
    clock.now = utc(2026, 3, 10, 23, 0)  # 10 Mar 16:00 in Los Angeles: the time changes, the zone stays
    status = await s.daily.set_schedule(G, CH, "07:30", LOS_ANGELES)
    assert (status.next_day, status.next_post) == (date(2026, 3, 11), utc(2026, 3, 11, 14, 30))
    made = await run(s, clock, utc(2026, 3, 12, 15, 0))
    assert local_days(made) == [(LOS_ANGELES, "2026-03-11"), (LOS_ANGELES, "2026-03-12")]


async def test_moving_west_between_half_hour_zones_posts_the_next_date_there(core_services: Services, clock: Any) -> None:
    s = core_services
    clock.now = utc(2026, 3, 10, 12, 0)
    await s.daily.set_schedule(G, CH, "05:00", "Asia/Kolkata")  # UTC+05:30
    made = await run(s, clock, utc(2026, 3, 11, 0, 0))
    # 11 Mar 05:00 in Kolkata is 10 Mar 23:30 UTC, 10 Mar 21:00 in St John's (UTC-02:30 in March).
    assert [c.post_at for c in made] == [utc(2026, 3, 10, 23, 30)]
    status = await s.daily.set_schedule(G, CH, "09:00", "America/St_Johns")
    assert (status.next_day, status.next_post) == (date(2026, 3, 11), utc(2026, 3, 11, 11, 30))
    made = await run(s, clock, utc(2026, 3, 12, 12, 0))
    assert local_days(made) == [("America/St_Johns", "2026-03-11"), ("America/St_Johns", "2026-03-12")]


async def test_a_zone_changed_back_and_forth_in_a_day_posts_once_per_local_date(
    core_services: Services, clock: Any
) -> None:
    s = core_services
    await auckland_posted_11_march(s, clock)
    await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
    clock.tick(minutes=30)
    status = await s.daily.set_schedule(G, CH, "09:00", AUCKLAND)
    # 11 Mar in Auckland had its question: the next is the 12th there.
    assert (status.next_day, status.next_post) == (date(2026, 3, 12), utc(2026, 3, 11, 20, 0))
    clock.tick(minutes=30)
    status = await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
    assert (status.next_day, status.next_post) == (date(2026, 3, 11), utc(2026, 3, 11, 16, 0))
    made = await run(s, clock, utc(2026, 3, 11, 17, 0))
    assert local_days(made) == [(LOS_ANGELES, "2026-03-11")]

    # Back to Auckland an hour after that question (12 Mar 06:00 there, where it was 12 Mar 05:00): the 13th.
    status = await s.daily.set_schedule(G, CH, "09:00", AUCKLAND)
    assert (status.next_day, status.next_post) == (date(2026, 3, 13), utc(2026, 3, 12, 20, 0))
    assert await run(s, clock, utc(2026, 3, 12, 19, 50)) == []


async def test_daily_now_before_a_move_west_counts_for_that_date_in_the_new_zone(
    core_services: Services, clock: Any
) -> None:
    s = core_services
    clock.now = utc(2026, 3, 10, 19, 0)  # 11 Mar 08:00 in Auckland
    await s.daily.set_schedule(G, CH, "18:00", AUCKLAND)
    first = await s.daily.claim_now(G)
    await s.daily.mark_posted(first.post_id, 1)
    clock.now = utc(2026, 3, 10, 21, 0)  # 10 Mar 14:00 in Los Angeles, which had that question at 12:00
    await s.daily.set_schedule(G, CH, "18:00", LOS_ANGELES)
    with pytest.raises(TodayPosted) as refused:
        await s.daily.claim_now(G)
    assert refused.value.post.id == first.post_id

    clock.now = utc(2026, 3, 11, 15, 0)  # 11 Mar 08:00 in Los Angeles: a date with no question yet
    claim = await s.daily.claim_now(G)
    assert claim.day == date(2026, 3, 11) and claim.zone.key == LOS_ANGELES
    await s.daily.mark_posted(claim.post_id, 2)
    assert await run(s, clock, utc(2026, 3, 12, 0, 0)) == []  # 18:00 that day: nothing twice


async def test_streaks_run_on_across_a_move_west(core_services: Services, clock: Any) -> None:
    s = core_services
    clock.now = utc(2026, 3, 9, 12, 0)
    await s.daily.set_schedule(G, CH, "09:00", AUCKLAND)
    made = []
    for until in (utc(2026, 3, 9, 20, 30), utc(2026, 3, 10, 20, 30)):  # 10 and 11 Mar in Auckland
        (claim,) = await run(s, clock, until)
        for user in (ANN, BEN):  # both right
            assert (await s.daily.answer(claim.post_id, user, f"u{user}", accepted_answer(claim.card))).counted
        made.append(claim)
    clock.now = utc(2026, 3, 10, 21, 0)
    await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
    (la,) = await run(s, clock, utc(2026, 3, 11, 16, 30))
    said = await s.daily.answer(la.post_id, ANN, "u1", accepted_answer(la.card))  # Ben does not answer
    assert said.streak == 2  # 10 and 11 Mar: a date counts once, however many questions it had
    for claim in made:
        assert await s.daily.claim_reveal(claim.post_id) is not None
    clock.now = la.closes_at
    shown = await s.daily.claim_reveal(la.post_id)
    # Ben left the Los Angeles question of 11 Mar, but had the Auckland one of that date right: his streak runs on.
    assert shown is not None and shown.streaks == (("u1", 2), ("u2", 2))
    (next_day,) = await run(s, clock, utc(2026, 3, 12, 16, 30))
    assert (await s.daily.answer(next_day.post_id, BEN, "u2", accepted_answer(next_day.card))).streak == 3


# -- the repeated hour (fall-back) and the missing hour (spring-forward) ------------------------------------

NEW_YORK = "America/New_York"


@pytest.mark.parametrize(
    "set_at",
    [utc(2026, 11, 1, 5, 45), utc(2026, 11, 1, 6, 0)],
    ids=["01:45 first pass", "01:00 second pass"],
)
async def test_a_time_in_the_repeated_hour_set_after_its_first_pass_posts_that_day(
    core_services: Services, clock: Any, set_at: datetime
) -> None:
    s = core_services
    clock.now = set_at  # 1 Nov 2026: New York's clocks go back from 02:00 EDT to 01:00 EST
    status = await s.daily.set_schedule(G, CH, "01:30", NEW_YORK, answer_hours=6)
    second = utc(2026, 11, 1, 6, 30)  # 01:30 EST, the second 01:30 of the day
    assert (status.next_day, status.next_post) == (date(2026, 11, 1), second)
    made = await run(s, clock, utc(2026, 11, 2, 7, 0), step=timedelta(minutes=5))
    assert [(c.day, c.post_at) for c in made] == [(date(2026, 11, 1), second), (date(2026, 11, 2), utc(2026, 11, 2, 6, 30))]
    assert made[0].closes_at == second + timedelta(hours=6)  # the answer time counts from when it went out


async def test_a_time_in_the_repeated_hour_set_before_posts_at_the_first_once(core_services: Services, clock: Any) -> None:
    s = core_services
    clock.now = utc(2026, 10, 31, 12, 0)
    await s.daily.set_schedule(G, CH, "01:30", NEW_YORK)
    made = await run(s, clock, utc(2026, 11, 2, 0, 0), step=timedelta(minutes=5))
    assert [c.post_at for c in made] == [utc(2026, 11, 1, 5, 30)]  # 01:30 EDT, not again at 01:30 EST


async def test_a_time_in_the_spring_forward_gap_posts_when_the_gap_ends_then_at_the_time(
    core_services: Services, clock: Any
) -> None:
    s = core_services
    clock.now = utc(2026, 3, 8, 5, 30)  # 8 Mar 00:30 EST; 02:00 to 03:00 does not exist that night
    status = await s.daily.set_schedule(G, CH, "02:30", NEW_YORK)
    assert (status.next_day, status.next_post) == (date(2026, 3, 8), utc(2026, 3, 8, 7, 0))  # 03:00 EDT
    made = await run(s, clock, utc(2026, 3, 10, 7, 0), step=timedelta(minutes=5))
    assert [(c.day, c.post_at) for c in made] == [
        (date(2026, 3, 8), utc(2026, 3, 8, 7, 0)),
        (date(2026, 3, 9), utc(2026, 3, 9, 6, 30)),  # 02:30 EDT
        (date(2026, 3, 10), utc(2026, 3, 10, 6, 30)),
    ]
    ny = ZoneInfo(NEW_YORK)
    assert [c.post_at.astimezone(ny).strftime("%H:%M") for c in made] == ["03:00", "02:30", "02:30"]


# -- the migration ------------------------------------------------------------------------------------------


async def test_a_database_with_daily_posts_upgrades_keeping_them_and_their_answers(
    engine: Engine, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Posts and answers written before posts recorded their zone are kept, dated in their server's zone."""
    if engine.postgres:
        from bot.core.storage.pg import store as pg_store_module

        every = pg_store_module.pg_migrations()
        monkeypatch.setattr(pg_store_module, "pg_migrations", lambda: [m for m in every if m[0] < 23])
    else:
        everything = store_module.migrations()
        monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] < 23])
    old = await engine.open()
    assert await old.user_version() == 22
    async with old.transaction() as db:
        await db.execute(
            "INSERT INTO daily_schedules (guild_id, channel_id, post_time, zone, answer_hours, handled_day,"
            " next_post_at, updated_at) VALUES (?, ?, '09:00', ?, 20, '2026-03-11', ?, 0)",
            (G, CH, AUCKLAND, int(utc(2026, 3, 11, 20, 0).timestamp() * 1000)),
        )
        for day, at in (("2026-03-10", utc(2026, 3, 9, 20, 0)), ("2026-03-11", utc(2026, 3, 10, 20, 0))):
            ms = int(at.timestamp() * 1000)
            await db.execute(
                "INSERT INTO daily_posts (guild_id, local_day, card_key, channel_id, message_id, state, claimed_at,"
                " post_at, closes_at) VALUES (?, ?, 'mini:bert', ?, 7, 'posted', ?, ?, ?)",
                (G, day, CH, ms, ms, ms + 3_600_000),
            )
        await db.execute(
            "INSERT INTO daily_posts (guild_id, local_day, card_key, channel_id, state, claimed_at, post_at,"
            " closes_at) VALUES (?, '2026-03-01', 'mini:bert', ?, 'failed', 0, 0, 1)",
            (G + 1, CH),
        )
        ids = [r["id"] for r in await db.execute_fetchall("SELECT id FROM daily_posts WHERE guild_id = ?", (G,))]
        await db.execute(
            "INSERT INTO daily_answers (post_id, user_id, user_name, verdict, points, answered_at)"
            " VALUES (?, ?, 'ann', 'correct', 10, 0)",
            (ids[1], ANN),
        )
    monkeypatch.undo()

    s = await services_on(engine, clock)  # the same database, opened by this version: upgraded
    try:
        assert await s.store.user_version() >= 23
        async with s.store.read() as db:
            posts = await db.execute_fetchall("SELECT id, guild_id, local_day, zone FROM daily_posts ORDER BY id")
            answers = await db.execute_fetchall("SELECT post_id, user_id, verdict FROM daily_answers")
        assert [(r["guild_id"], r["local_day"], r["zone"]) for r in posts] == [
            (G, "2026-03-10", AUCKLAND), (G, "2026-03-11", AUCKLAND), (G + 1, "2026-03-01", "UTC"),
        ]  # fmt: skip
        assert [r["id"] for r in posts][:2] == ids
        assert [(r["post_id"], r["user_id"], r["verdict"]) for r in answers] == [(ids[1], ANN, "correct")]
        if not engine.postgres:
            con = sqlite3.connect(engine.path())
            try:
                assert con.execute("PRAGMA foreign_key_check").fetchall() == []
                sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'daily_answers'").fetchone()[0]
                assert "REFERENCES daily_posts(id)" in sql.replace('"', "")
            finally:
                con.close()

        # Upgraded, the server moves west and still gets 11 Mar in Los Angeles.
        clock.now = utc(2026, 3, 10, 21, 0)
        status = await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
        assert (status.next_day, status.next_post) == (date(2026, 3, 11), utc(2026, 3, 11, 16, 0))
        made = await run(s, clock, utc(2026, 3, 11, 16, 30))
        assert local_days(made) == [(LOS_ANGELES, "2026-03-11")]
        # ... and the unique key still refuses a second claim of a date in one zone.
        async with s.store.transaction() as db:
            refused = await s.daily.queries.insert_claim(
                db, guild_id=G, day=date(2026, 3, 11), zone=LOS_ANGELES, card_key="mini:bert",
                channel_id=CH, post_at=clock.now, closes_at=clock.now + timedelta(hours=1), now=clock.now,
            )  # fmt: skip
        assert refused is None
    finally:
        await settle(s)
