"""``/daily status`` after a moderator deleted the last daily post: no dead link to it.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC).
"""

from __future__ import annotations

from typing import Any

import discord
from daily_support import World, daily_deck, daily_world  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)


def last_post_field(result: Any) -> str:
    assert result.ephemeral, result
    embeds = result.followups[-1].embeds if result.followups else result.response.embeds
    return next(f.value for f in embeds[0].fields if f.name == "Last post")


async def test_status_says_the_last_post_was_deleted_instead_of_linking_to_it(world: World, env: Any) -> None:
    await world.set()
    await env.advance_time(15 * 60)  # 00:25 UTC: posted
    post = world.posts()[0]
    assert post.jump_url in last_post_field(await world.admin.slash(world.channel, "daily status"))

    cleaner = world.guild.create_role("Cleaners", permissions=discord.Permissions(manage_messages=True))
    moderator = world.guild.add_member(env.create_user("moderator"), roles=[cleaner])
    await moderator.delete(post)
    await env.settle()

    shown = last_post_field(await world.admin.slash(world.channel, "daily status"))
    assert str(post.id) not in shown, f"/daily status still links to the deleted post: {shown}"
    assert "deleted" in shown, shown
