"""/leaderboard's smaller breaks (issue 11): an old board's Next after the week rolled over, and a read-only disk."""

from __future__ import annotations

import discord
from faultkit import answer, message_text


async def everyone_scores(env, guild, channel, n: int) -> list:
    """``n`` members all answer the daily question right (10 points each; no first-answer window to race)."""
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    await admin.slash(channel, "daily set", channel=channel, time="00:10", timezone="UTC", topic="llms")
    await env.advance_time(10 * 60)
    post = channel.last_message
    members = [guild.add_member(env.create_user(f"player{i:02d}")) for i in range(n)]
    for member in members:
        scored = await answer(member, post, "temperature")
        assert "+10" in ui_text(scored), ui_text(scored)
    return members


def ui_text(result) -> str:
    return " ".join(message_text(m) for m in [result.response, *result.followups] if m is not None)


async def without_the_daily_scheduler(env) -> None:
    """Days of virtual time go by in seconds without it (it wakes every minute); it plays no part here."""
    for name in list(env.bot.extensions):
        if name.rsplit(".", 1)[-1] == "daily":
            await env.bot.unload_extension(name)


async def test_next_on_an_old_board_after_the_week_rolled_over_shows_a_board(env, world, ui) -> None:
    """Fixed in ea7a740 (BoardPageButton.callback passed board_view()'s None as view=None to followup.send for a
    member who did not open the board, once the new week's board fitted one page): a guard now."""
    guild, channel, m = world
    await everyone_scores(env, guild, channel, 12)  # two pages this week
    board = (await m["alice"].slash(channel, "leaderboard")).response
    assert "Page 1/2" in ui.text(board)
    await without_the_daily_scheduler(env)
    for _ in range(8):  # 2026-01-01 is a Thursday: to Monday 5 January, a new (empty) week
        await env.advance_time(12 * 3600)
    clicked = await m["bob"].click(board, label="Next")  # bob did not open this board
    seen = ui.seen_by(clicked)
    bot_errors = env.errors
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("Leaderboard" in text for text in seen), seen
    assert not bot_errors


async def test_the_leaderboard_still_reads_when_the_database_is_read_only(env, world, db_faults, ui) -> None:
    guild, channel, m = world
    await everyone_scores(env, guild, channel, 2)
    db_faults.read_only()  # before anyone looked at this week's board
    shown = await m["alice"].slash(channel, "leaderboard")
    seen = ui.seen_by(shown)
    bot_errors = env.errors
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("player00" in text and "**10** pts" in text for text in seen), seen
    assert not bot_errors


async def test_stats_still_read_when_the_database_is_read_only(env, world, db_faults, ui) -> None:
    """Passes today (a guard): /stats writes nothing unless the member had been recorded as gone."""
    guild, channel, m = world
    members = await everyone_scores(env, guild, channel, 1)
    db_faults.read_only()
    shown = await members[0].slash(channel, "stats")
    seen = ui.seen_by(shown)
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("Points" in text for text in seen), seen
