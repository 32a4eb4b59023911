"""A member who left and came back is ranked on the board where /stats member: says.

The board learns departures lazily (a fetch of a listed member answers "unknown member") and records them;
without the members intent (the default: no privileged intent) nothing tells the bot the member joined again,
but `/stats member:` resolving them does: they are listed again."""

from __future__ import annotations

from board_support import scored, shown


async def test_a_member_who_came_back_is_ranked_where_stats_says(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob_user = env.create_user("bob")
    bob = guild.add_member(bob_user)
    await scored(services, guild, bob, 50)
    await scored(services, guild, alice, 10)

    guild.remove_member(bob)
    first = shown(await alice.slash(channel, "leaderboard", period="all")).embeds[0]
    assert "bob" not in first.description  # bob left: not listed (recorded as gone)

    bob = guild.add_member(bob_user)  # bob joins again (no members intent: no event reaches the bot)
    card = shown(await alice.slash(channel, "stats", member=bob)).embeds[0]
    points = {f.name: f.value for f in card.fields}["Points"]
    assert "#1 all time" in points  # posted in the channel: bob is first

    board = shown(await alice.slash(channel, "leaderboard", period="all")).embeds[0]
    lines = board.description.splitlines()
    await env.bot.close()
    assert lines and "bob" in lines[0], (
        f"/stats member:bob says {points!r}, but the all-time board (bob in the server) reads {lines}"
    )
