"""The bot removed from a server and invited back: the server's daily question comes back by itself.

The virtual clock starts at 2026-01-01 00:00 UTC; ``World.set`` schedules the question at 01:10 in Paris
(00:10 UTC). A moderator who kicks the bot by mistake (or a server that re-invites it after a clean-up)
invites it again: its settings are kept (the schedule row is still there), so the next post time should
post as usual — as it does after a permission taken away and given back.
"""

from __future__ import annotations

from daily_support import World, advance, daily_deck, daily_world  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from play_support import invite_back, kick_bot


async def test_a_bot_invited_back_posts_the_daily_question_again(world: World, env) -> None:
    await world.set()
    kicked = kick_bot(env, world.guild)
    await env.settle()
    assert env.bot.get_guild(world.guild.id) is None
    await env.advance_time(15 * 60)  # 00:15 UTC: the day's post time came while the bot was out

    invite_back(env, kicked)
    await env.settle()
    assert env.bot.get_guild(world.guild.id) is not None

    await advance(env, 24 * 3600)  # past the next post time (2 Jan, 00:10 UTC)
    r = await world.admin.slash(world.channel, "daily status")
    state = r.response.embeds[0].description
    assert world.posts(), f"the re-invited bot never posts the daily question again; /daily status: {state}"
    assert "no longer in this server" not in state, state
