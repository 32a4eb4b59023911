"""/review's reminders and one-time notices under Discord errors, many members and shard processes."""

from __future__ import annotations

import sys
from pathlib import Path

from reminder_support import pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from faultkit import failing_routes  # noqa: E402, F401  (the ``fail_route`` fixture)


async def test_one_members_dm_timing_out_does_not_drop_the_other_members_reminders(
    env, world, no_daily, fail_route
) -> None:
    """Two members have a 09:00 reminder and a due card. Sending the first DM times out (the network, not a
    Discord status): the second member still gets theirs, and the first gets theirs when it is tried again
    later that day."""
    _, channel, m = world
    for name in ("alice", "bob"):
        await m[name].slash(channel, "review reminder", time="09:00")
        start = await m[name].slash(channel, "review start")
        await m[name].click(start.response, label="Don't know")  # one card due again in a minute

    def time_out() -> None:
        raise TimeoutError

    # Whichever DM goes first times out (once).
    fault = fail_route.on(env, "POST", r"/channels/\d+/messages", time_out, times=1)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits, "no reminder was attempted"
    got = [name for name in ("alice", "bob") if m[name].user.dm_channel and m[name].user.dm_channel.last_message]
    assert len(got) == 1, f"one DM timed out; the other member's reminder must still be sent (sent to: {got})"
    await pass_time(env, 16 / 60)  # 09:16: the one that timed out is tried again
    got = [name for name in ("alice", "bob") if m[name].user.dm_channel and m[name].user.dm_channel.last_message]
    assert got == ["alice", "bob"], f"the reminder that timed out was not tried again (sent to: {got})"


async def test_a_late_reminder_that_timed_out_is_not_sent_after_midnight(env, world, no_daily, fail_route) -> None:
    """A 23:50 reminder that times out is not tried again past midnight (the next day has its own, at 23:50)."""
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review reminder", time="23:50")
    start = await alice.slash(channel, "review start")
    await alice.click(start.response, label="Don't know")

    def time_out() -> None:
        raise TimeoutError

    fault = fail_route.on(env, "POST", r"/channels/\d+/messages", time_out, times=1)
    await pass_time(env, 23 + 50.5 / 60)  # 23:50:30
    assert fault.hits, "no reminder was attempted"
    await pass_time(env, 0.5)  # 00:20 the next day
    assert alice.user.dm_channel.last_message is None
    await pass_time(env, 23.5)  # 23:50 the next day
    assert alice.user.dm_channel.last_message is not None


async def test_a_failed_review_status_reply_does_not_lose_the_reminder_off_notice(
    env, world, no_daily, fail_route
) -> None:
    """Bob's DMs are closed, so his reminder is switched off and he is to be told once, at his next /review.
    That reply fails (Discord 503): he never saw the notice, so the next /review still tells him."""
    _, channel, m = world
    bob = m["bob"]
    await bob.slash(channel, "review reminder", time="9am")
    start = await bob.slash(channel, "review start")
    await bob.click(start.response, label="Don't know")
    env.inject_error("POST", f"/channels/{bob.user.dm_channel.id}/messages", status=403, code=50007,
                     message="Cannot send messages to this user", times=None)
    await pass_time(env, 9 + 30 / 3600)
    # (/review status is acknowledged first: its reply, the notice with it, is the follow-up)
    fault = fail_route(env, "POST", fail_route.FOLLOWUP, 503, times=1,
                       when=lambda body: "couldn't send you your review reminder" in str(body))
    await bob.slash(channel, "review status")
    assert fault.hits, "the notice was not in the first reply: adapt the test"
    again = await bob.slash(channel, "review status")
    assert (again.response.content or "").startswith("ℹ️ I couldn't send you your review reminder"), (
        f"the notice was lost with the failed reply: {again.response.content!r}"
    )


async def test_more_than_500_reminders_due_at_once_are_all_sent_that_day(env, world, no_daily) -> None:
    """501 members of one server asked for their reminder at 23:30, each with a card due: every one of them
    gets it that day, on time (the checks are read a page at a time, and a check still due is not put off
    by an hour)."""
    guild, _, _ = world
    services = env.bot.tutor_services
    review = services.review
    users = [guild.add_member(env.create_user(f"m{i}")) for i in range(501)]
    await env.advance_time(12 * 3600)  # 12:00
    for member in users:
        await review.members.set_reminder(guild.id, member.id, "23:30")
        session, shown = await review.start_session(guild_id=guild.id, user_id=member.id, user_name="m")
        await review.give_up(session.id, user_id=member.id, number=shown.number)  # due again in a minute
    await pass_time(env, 11.5 + 60 / 3600)  # 23:31
    await env.advance_time(120)  # 23:33: the reminders have gone out
    on_time = [m for m in users if m.user.dm_channel is not None and m.user.dm_channel.last_message is not None]
    await pass_time(env, 1.5)  # 01:03 the next day: the hourly check has run again
    that_day = [m for m in users if m.user.dm_channel is not None and m.user.dm_channel.last_message is not None]
    assert len(that_day) == 501, (
        f"{len(on_time)} of 501 members got their 23:30 reminder by 23:33, {len(that_day)} at all"
    )


async def test_a_shard_process_is_not_starved_of_its_reminders_by_another_shards_due_ones(core_services, clock) -> None:
    """Two shard processes share the database; shard 0's process is down (a rolling restart, a crash), so its
    members' 08:00 reminder checks stay due. Shard 1's process still sends its own member's 09:00 one."""
    from bot.core.shards import ShardPlan, shard_of

    plan = ShardPlan(count=2, ids=(1,))
    members = core_services.review.members
    members.owns = plan.owns
    review = core_services.review
    base = 1_000_000_000_000_000_000 >> 22 << 22
    other_guilds = [g for g in (base + (i << 22) for i in range(4)) if shard_of(g, 2) == 0]
    own_guild = next(g for g in (base + (i << 22) for i in range(4)) if shard_of(g, 2) == 1)
    for n in range(500):
        await members.set_reminder(other_guilds[n % len(other_guilds)], 10_000 + n, "08:00")
    await members.set_reminder(own_guild, 42, "09:00")
    session, shown = await review.start_session(guild_id=own_guild, user_id=42, user_name="own")
    await review.give_up(session.id, user_id=42, number=shown.number)  # a card due in a minute
    clock.tick(hours=9, seconds=30)  # 09:00:30: shard 0's checks have been due for an hour
    claimed = await members.claim_reminders()
    assert [(r.guild_id, r.user_id) for r in claimed] == [(own_guild, 42)], (
        "shard 1 claimed none of its own reminders: the window was full of shard 0's"
    )
