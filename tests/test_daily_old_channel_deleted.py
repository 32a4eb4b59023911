"""Moving the daily question to a new channel, then deleting the old one, does not stop the question.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC).
"""

from __future__ import annotations

from daily_support import World, advance, answer, daily_deck, daily_world, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)


async def test_deleting_the_old_channel_after_moving_the_daily_keeps_the_new_channel_posting(
    world: World, env
) -> None:
    """An admin moves the question of the day to #daily with ``/daily set`` while the 1 Jan question (in
    #study) is still open, then deletes #study. The schedule keeps running in #daily: ``/daily status`` is not
    paused for the old channel's deletion, and the 2 Jan question is posted in #daily at its time."""
    await world.set(answer_hours=3)
    await env.advance_time(15 * 60)  # 00:25 UTC: the 1 Jan question is posted in #study
    assert titles(world, world.channel) == ["Question of the day — 1 Jan"]
    assert (await answer(world.alice, world.posts()[0], "attention")).ephemeral
    new = world.guild.create_text_channel("daily")
    r = await world.set(new, channel=new, answer_hours=3)
    assert r.ephemeral and "Next post: **Fri 2 Jan, 01:10" in r.response.content, r.response.content
    env.backend.delete_channel(world.channel.id)  # the old channel goes, its question still open
    await env.settle()
    await advance(env, 4 * 3600)  # 04:25 UTC: past the 1 Jan question's close (03:10 UTC)
    r = await world.admin.slash(new, "daily status")
    state = r.response.embeds[0].description
    assert state.startswith("▶️ On"), f"/daily status after deleting the old channel: {state}"
    await advance(env, 21 * 3600)  # 2 Jan, 01:25 UTC: past its post time (00:10 UTC)
    assert titles(world, new) == ["Question of the day — 2 Jan"], titles(world, new)
