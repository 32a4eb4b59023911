"""The daily reveal's "Longest daily streaks" leaves out a member the bot knows has left the server (as the
leaderboard does, by the departures it records)."""

from __future__ import annotations

from daily_support import World, answer, daily_deck, daily_world, embed_fields  # noqa: F401  (fixtures)
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.storage.daily_queries import DailyQueries
from bot.core.storage.stats_queries import StatsQueries

GUILD = 100


async def test_a_member_who_left_is_not_named_among_the_streaks(world: World, env) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    await answer(world.alice, post, "attention")
    await answer(world.carol, post, "attention")
    world.guild.remove_member(world.carol)
    board = await world.alice.slash(world.channel, "leaderboard")  # the board finds carol gone, and records it
    shown = board.followups[0] if board.followups else board.response
    assert "carol" not in shown.embeds[0].description
    await env.advance_time(3600)
    fields = embed_fields(world.channel.last_message)
    assert fields["Got it"] == "alice, carol"  # (who got this question: the record of the day)
    assert fields["Longest daily streaks"] == "🔥 **1** day — alice"


async def test_the_streaks_read_leave_out_recorded_departures_on_both_engines(engine: Engine) -> None:
    store = await engine.open()
    async with store.transaction() as db:
        for user_id, name, current in ((1, "alice", 3), (2, "bob", 5), (3, "carol", 1)):
            await db.execute(
                "INSERT INTO daily_streaks (guild_id, user_id, user_name, current, best, last_day)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (GUILD, user_id, name, current, current, "2026-01-01"),
            )
    await StatsQueries(store).mark_departed(GUILD, [2], 0)
    async with store.read() as db:
        shown = await DailyQueries(store).top_streaks(db, GUILD, 5)
    assert shown == [("alice", 3), ("carol", 1)]  # bob left: his longer streak is not named
    await StatsQueries(store).mark_present(GUILD, 2)
    async with store.read() as db:
        assert (await DailyQueries(store).top_streaks(db, GUILD, 5))[0] == ("bob", 5)  # back: named again
