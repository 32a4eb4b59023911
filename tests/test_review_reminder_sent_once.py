"""A review reminder reaches a member at most once a day, and one passing failure does not lose it for the day.

Discord may make the direct message and still answer the bot with an error (a 5xx after the message was made, or
the answer lost on the way back): the bot cannot tell, so the retry later that day first looks in the member's
direct messages for the day's reminder and does not send a second one. A retry that cannot look (the history
read fails too) waits for the next retry rather than send on a guess; a reminder that truly failed is still
sent at the retry.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from reminder_support import due_card_and_reminder, pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from faultkit import (  # noqa: E402
    AnswerLostAfterPosting,
    DbFaults,
    failing_after_the_call,  # noqa: F401  (the ``fail_after`` fixture)
    failing_routes,  # noqa: F401  (the ``fail_route`` fixture)
)

DM_SEND = r"/channels/\d+/messages"


def is_reminder(body: Any) -> bool:
    return isinstance(body, dict) and "due for review today" in str(body.get("content") or "")


def reminders(member) -> list[str]:
    dm = member.user.dm_channel
    return [m.content for m in dm.history()] if dm is not None else []


@pytest.mark.parametrize("status", [500, 503])
async def test_a_reminder_discord_made_before_failing_is_not_sent_again(
    env, world, no_daily, fail_after, status
) -> None:
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    fault = fail_after(env, "POST", DM_SEND, status, when=is_reminder)
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits, "the reminder was not sent: adapt the test"
    assert len(reminders(alice)) == 1
    await pass_time(env, 3)  # the retries of that day have run
    assert len(reminders(alice)) == 1, f"the member got the same reminder twice: {reminders(alice)}"
    await pass_time(env, 24)  # the next day has its own reminder, once
    assert len(reminders(alice)) == 2


async def test_a_reminder_whose_answer_was_lost_on_the_way_back_is_not_sent_again(
    env, world, no_daily, monkeypatch
) -> None:
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    lost = AnswerLostAfterPosting(is_reminder, TimeoutError()).install(monkeypatch)
    await pass_time(env, 9 + 30 / 3600)
    assert lost.lost == 1, "the answer was not lost: adapt the test"
    await pass_time(env, 3)
    assert len(reminders(alice)) == 1, f"the member got the same reminder twice: {reminders(alice)}"


async def test_a_retry_that_cannot_read_the_direct_messages_waits_then_sends_once(
    env, world, no_daily, fail_route
) -> None:
    """The first send truly fails (nothing made); the retry's look at the direct messages fails too: nothing is
    sent on a guess then, and the next retry (the look works) sends the reminder, once."""
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    send = fail_route(env, "POST", DM_SEND, 503, when=is_reminder)
    look = fail_route(env, "GET", DM_SEND, 503)
    await pass_time(env, 9 + 30 / 3600)
    assert send.hits and reminders(alice) == []
    await pass_time(env, 16 / 60)  # 09:16: the first retry, whose look fails
    assert look.hits, "the retry did not look for an earlier send"
    await pass_time(env, 3)
    assert len(reminders(alice)) == 1, f"the reminder was lost or doubled: {reminders(alice)}"


async def test_a_reminder_sent_from_memory_after_a_send_discord_made_is_not_sent_again(
    env, world, no_daily, fail_after, settings, monkeypatch
) -> None:
    """The DM is made, Discord answers 503, and at that moment the disk turns read-only: the retry is kept in
    memory and is due before the disk is back. It still looks first: no second reminder."""
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    faults = DbFaults(settings.db_path).install(monkeypatch)

    def made_then_disk_refuses(body: Any) -> bool:
        if is_reminder(body):
            faults.read_only()
            return True
        return False

    try:
        fault = fail_after(env, "POST", DM_SEND, 503, when=made_then_disk_refuses)
        await pass_time(env, 9 + 30 / 3600)
        assert fault.hits and faults.refused, "the retry was not refused: adapt the test"
        await pass_time(env, 1)  # the retry from memory has come due
        assert len(reminders(alice)) == 1, f"the member got the same reminder twice: {reminders(alice)}"
    finally:
        faults.heal()


async def test_a_reminder_that_truly_failed_is_still_sent_that_day(env, world, no_daily, fail_route) -> None:
    _, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    fault = fail_route(env, "POST", DM_SEND, 503, when=is_reminder)
    await pass_time(env, 9 + 30 / 3600)
    assert fault.hits and reminders(alice) == []
    await pass_time(env, 1)
    assert len(reminders(alice)) == 1
