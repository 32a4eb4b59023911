"""A member who renamed is listed under the new name by whoever opens the board.

Without the members intent the bot's member cache is nearly empty (as on Discord), so the board fetches the
members it lists to check they are still in the server. A member who changed their nickname was fetched with
the new name, yet listed under the name kept with their latest answer for everyone but themselves.
"""

from __future__ import annotations

from board_support import scored, shown
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)


def board_lines(result) -> list[str]:
    return shown(result).embeds[0].description.splitlines()


async def test_a_renamed_member_outside_the_cache_is_listed_under_the_new_name(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    carol = guild.add_member(env.create_user("carol"))
    await scored(services, guild, alice, 30)
    await scored(services, guild, bob, 10)
    assert env.bot.get_guild(guild.id).get_member(bob.id) is None  # (no members intent: not cached)

    env.backend.edit_member(guild.id, bob.id, {"nick": "Robert *the* Great"})
    lines = board_lines(await carol.slash(channel, "leaderboard", period="all"))

    assert lines[0].startswith("🥇 alice — **30** pts"), lines
    assert lines[1].startswith(r"🥈 Robert \*the\* Great — **10** pts"), lines  # (echoed escaped)
    # recorded: the next board reads it too, with no member fetched again
    again = board_lines(await alice.slash(channel, "leaderboard", period="all"))
    assert again[1].startswith(r"🥈 Robert \*the\* Great — **10** pts"), again
