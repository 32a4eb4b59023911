"""Review reminders: never sent to a member who has left the server, and not lost for the day when the retry
of one that could not be delivered cannot be written (the database refusing writes) or when the database
refuses a claim halfway through a check."""

from __future__ import annotations

import pytest
from reminder_support import due_card_and_reminder, pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.core.review.members import ClaimsCut


async def test_a_member_who_left_the_server_gets_no_reminder(env, world, no_daily) -> None:
    guild, channel, m = world
    alice, bob = m["alice"], m["bob"]
    await due_card_and_reminder(alice, channel)
    await due_card_and_reminder(bob, channel)
    guild.remove_member(alice)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert bob.user.dm_channel.last_message is not None, "the member still in the server got no reminder"
    assert alice.user.dm_channel is None or alice.user.dm_channel.last_message is None, (
        "a member who left the server was sent a review reminder"
    )
    await pass_time(env, 24)  # nor the next day
    assert alice.user.dm_channel is None or alice.user.dm_channel.last_message is None


async def test_a_reminder_whose_retry_the_database_refused_is_still_sent_that_day(
    env, world, no_daily, fail_route, db_faults
) -> None:
    """alice's 09:00 DM times out, and at that moment the disk turns read-only: the retry (15 minutes later) cannot
    be written. The disk is back at 09:05; she still gets her reminder that morning."""
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)

    def time_out() -> None:
        db_faults.read_only()
        raise TimeoutError

    fault = fail_route.on(env, "POST", r"/channels/\d+/messages", time_out, times=1)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits and db_faults.refused, "the retry was not refused: adapt the test"
    assert alice.user.dm_channel.last_message is None
    await pass_time(env, 5 / 60)
    db_faults.heal()
    await pass_time(env, 1)  # 10:05
    assert alice.user.dm_channel.last_message is not None, "the reminder was lost for the day"
    assert len(alice.user.dm_channel.history()) == 1


async def test_a_reminder_is_sent_from_memory_when_the_database_stays_read_only(
    env, world, no_daily, fail_route, db_faults
) -> None:
    """As above, but the disk stays read-only all day: the reminder already claimed is still sent, once."""
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)

    def time_out() -> None:
        db_faults.read_only()
        raise TimeoutError

    fail_route.on(env, "POST", r"/channels/\d+/messages", time_out, times=1)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    await pass_time(env, 1)  # 10:00:30
    assert alice.user.dm_channel.last_message is not None, "the reminder was lost for the day"
    await pass_time(env, 3)
    assert len(alice.user.dm_channel.history()) == 1


async def test_a_claim_the_database_refuses_halfway_loses_none_of_the_reminders_already_claimed(
    core_services, clock
) -> None:
    """Two members' 09:00 reminders fall due in one check; the database takes the first claim and refuses the
    second. The first is still returned to be sent (its check has moved to the next day), the second stays due
    for the next check."""
    import sqlite3

    review = core_services.review
    members = review.members
    guild = 1_000_000_000_000_000_000
    for user in (1, 2):
        await members.set_reminder(guild, user, "09:00")
        session, shown = await review.start_session(guild_id=guild, user_id=user, user_name=f"m{user}")
        await review.give_up(session.id, user_id=user, number=shown.number)  # a card due in a minute
    clock.tick(hours=9, seconds=30)
    real = members.queries.set_reminder_next
    calls = 0

    async def refuse_second(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return await real(*args, **kwargs)

    members.queries.set_reminder_next = refuse_second
    with pytest.raises(ClaimsCut) as cut:
        await members.claim_reminders()
    first = cut.value.claimed
    assert len(first) == 1, "the reminder claimed before the refusal was lost"
    members.queries.set_reminder_next = real
    clock.tick(seconds=60)
    second = await members.claim_reminders()
    assert {r.user_id for r in first + second} == {1, 2}


async def test_a_reminder_whose_claim_the_database_refused_is_sent_minutes_later(env, world, no_daily) -> None:
    """alice's and bob's 09:00 reminders fall due together; the database refuses the second claim once. The
    first goes out, and the second a minute or two later, not an hour later at the next hourly check."""
    import sqlite3

    _, channel, m = world
    for name in ("alice", "bob"):
        await due_card_and_reminder(m[name], channel)
    queries = env.bot.tutor_services.review.members.queries
    real = queries.set_reminder_next
    calls = 0

    async def refuse_second(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return await real(*args, **kwargs)

    queries.set_reminder_next = refuse_second
    await pass_time(env, 9 + 5 / 60)  # 09:05
    assert calls >= 2, "the second claim was not refused: adapt the test"
    got = [n for n in ("alice", "bob") if m[n].user.dm_channel and m[n].user.dm_channel.last_message]
    assert got == ["alice", "bob"], f"a reminder whose claim was refused waits for the hourly check (sent to: {got})"
    await pass_time(env, 3)
    assert [len(m[n].user.dm_channel.history()) for n in ("alice", "bob")] == [1, 1]
