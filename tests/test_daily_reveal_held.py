"""A daily reveal the bot may not post (a permission taken away) is held, and posted once the permission is back.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC).
"""

from __future__ import annotations

import discord
from daily_support import World, advance, answer, daily_deck, daily_world, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

TITLE = "Question of the day — 1 Jan"
REVEAL = "Answer — question of the day, 1 Jan"


async def reveal_refused_then_allowed(world: World, env) -> None:
    """The day's question posted and answered right by alice; Send Messages taken away during the answering hours,
    so the reveal (due at 02:10 UTC) is refused and held, the schedule paused; then the permission given back."""
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)  # 00:25 UTC: posted
    assert titles(world) == [TITLE]
    right = await answer(world.alice, world.posts()[0], "attention")
    assert right.ephemeral
    deny = discord.Permissions(send_messages=True).value
    env.backend.set_overwrite(world.channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    await advance(env, 2 * 3600)  # 02:25 UTC: the reveal fell due at 02:10 and was refused (held, paused)
    assert titles(world) == [TITLE]
    env.backend.delete_overwrite(world.channel.id, env.bot.user.id)  # given back
    await env.settle()


async def test_a_reveal_refused_while_send_messages_was_taken_away_is_posted_once_it_is_given_back(
    world: World, env
) -> None:
    """A moderator takes Send Messages away during the answering hours and gives it back: the members who
    answered still get the day's reveal (the answer, who got it): held while the schedule is paused, and posted
    when it resumes."""
    await reveal_refused_then_allowed(world, env)
    await advance(env, 24 * 3600)  # past the next post time (2 Jan 00:10 UTC): the schedule carries on
    assert "Question of the day — 2 Jan" in titles(world)
    assert REVEAL in titles(world), titles(world)


async def test_daily_set_after_a_held_reveal_posts_that_reveal(world: World, env) -> None:
    """Send Messages is taken away during the answering hours, so the day's reveal is refused and the schedule
    pauses. A moderator gives the permission back and runs ``/daily set`` (what ``/daily status`` tells them to
    use "to resume now"): the members who answered get the day's reveal (the answer, who got it) shortly after,
    and at the latest by the next post time — it is not lost because the schedule was resumed by ``/daily set``
    instead of by itself."""
    await reveal_refused_then_allowed(world, env)
    result = await world.set(answer_hours=2)  # /daily set: resumes now
    assert result.ephemeral
    await advance(env, 10 * 60)
    assert REVEAL in titles(world), f"the held reveal was not posted after /daily set: {titles(world)}"
    await advance(env, 24 * 3600)  # past the next post time too
    assert REVEAL in titles(world), f"the held reveal was never posted: {titles(world)}"
