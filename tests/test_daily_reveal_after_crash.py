"""A reveal claimed just before the bot stopped (killed, crashed, the host restarted) is still posted, once.

The reveal is claimed in the database before it is sent, so that two processes never send it both. A process
that stops between the claim and the send used to leave the claim behind for good: the members who answered
never learnt the answer or who got it. A claim whose reveal is not recorded after a lease is taken over, and the
new try first looks for a reveal the old one may have sent.

The virtual clock starts at 2026-01-01 00:00 UTC; the question is set for 01:10 in Paris (00:10 UTC), answers
for one hour.
"""

from __future__ import annotations

from daily_support import World, answer, daily_deck, daily_world, embed_fields, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from test_daily_cog import _rows, close_stores, restart  # noqa: F401  (the store-closing fixture)

QUESTION = "Question of the day — 1 Jan"
REVEAL = "Answer — question of the day, 1 Jan"


async def answered_by_alice(world: World, env) -> int:
    await world.set(answer_hours=1)
    await env.advance_time(10 * 60)  # 00:10 UTC: posted
    [post] = world.posts()
    r = await answer(world.alice, post, "attention")
    assert r.response.content.startswith("✅ Correct")
    [(post_id,)] = await _rows(env.bot.tutor_services, "SELECT id FROM daily_posts")
    return int(post_id)


async def test_a_reveal_claimed_just_before_a_crash_is_posted_after_the_restart(
    world: World, env, settings, clock
) -> None:
    post_id = await answered_by_alice(world, env)
    await env.bot.unload_extension("cogs.daily")  # the scheduler stops ...
    await env.advance_time(3600)  # ... as answers close at 01:10 UTC
    # The process claims the reveal and dies before Discord has the message.
    assert await env.bot.tutor_services.daily.claim_reveal(post_id) is not None
    await restart(env, settings, clock)
    await env.advance_time(5 * 60)
    assert titles(world) == [QUESTION, REVEAL], "the reveal claimed before the crash was never posted"
    fields = embed_fields(world.channel.last_message)
    assert fields["Answers"] == "1 answered · 1 right (100%)" and fields["Got it"] == "alice"
    await env.advance_time(3 * 3600)
    assert titles(world) == [QUESTION, REVEAL]  # posted once


async def test_a_reveal_sent_but_not_recorded_before_a_crash_is_not_posted_again(
    world: World, env, settings, clock
) -> None:
    await answered_by_alice(world, env)
    await env.advance_time(3600 + 30)  # revealed at 01:10 UTC
    assert titles(world) == [QUESTION, REVEAL]
    # As if the process died after Discord took the reveal but before it was recorded.
    async with env.bot.tutor_services.store.transaction() as db:
        await db.execute("UPDATE daily_posts SET reveal_message_id = NULL")
    await restart(env, settings, clock)
    await env.advance_time(10 * 60)
    assert titles(world) == [QUESTION, REVEAL], "the reveal was posted twice"
    [(message_id,)] = await _rows(env.bot.tutor_services, "SELECT reveal_message_id FROM daily_posts")
    assert message_id == world.channel.last_message.id  # found in the channel and recorded


async def test_a_claim_left_for_longer_than_half_a_day_is_not_revealed_late(
    world: World, env, settings, clock
) -> None:
    # A database from before takeovers may hold such a claim (a crash long ago): its question is not answered days
    # later in the channel.
    post_id = await answered_by_alice(world, env)
    await env.bot.unload_extension("cogs.daily")
    await env.advance_time(3600)
    assert await env.bot.tutor_services.daily.claim_reveal(post_id) is not None
    await env.advance_time(13 * 3600)  # the bot was down for thirteen hours
    await restart(env, settings, clock)
    await env.advance_time(10 * 60)
    assert REVEAL not in titles(world), "a reveal claimed thirteen hours before was posted"
