"""``/daily off`` while a reveal is held (the bot was refused in the channel at closing time): the members who
answered still get the day's answer once the bot may post there again, as ``/daily off`` promises.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC).
"""

from __future__ import annotations

from daily_support import World, advance, daily_deck, daily_world, embed_fields, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from test_daily_reveal_held import REVEAL, TITLE, reveal_refused_then_allowed


async def test_turning_the_daily_off_while_its_reveal_is_held_still_posts_the_reveal(world: World, env) -> None:
    await reveal_refused_then_allowed(world, env)
    r = await world.admin.slash(world.channel, "daily off")
    assert r.ephemeral and "still open gets its reveal" in r.response.content
    await advance(env, 10 * 60)
    assert titles(world) == [TITLE, REVEAL], f"the held reveal was not posted after /daily off: {titles(world)}"
    await advance(env, 2 * 24 * 3600)
    assert titles(world) == [TITLE, REVEAL]  # off: nothing more, and the reveal once
    status = await world.admin.slash(world.channel, "daily status")
    assert status.response.embeds[0].description.startswith("⏹️ Off")
    assert "(revealed)" in embed_fields(status.response)["Last post"]


async def test_status_does_not_call_a_held_reveal_revealed(world: World, env) -> None:
    await reveal_refused_then_allowed(world, env)  # the answer is not in the channel: held until the pause lifts
    status = await world.admin.slash(world.channel, "daily status")
    last = embed_fields(status.response)["Last post"]
    assert "(revealed)" not in last, last
    assert "answer not posted yet" in last and "I am missing Send Messages" in last, last
