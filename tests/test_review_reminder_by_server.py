"""A review reminder is known as its server's by the server itself, not by the server's name.

A retry first looks in the member's direct messages for the day's reminder of that server (Discord may have made an
earlier try before answering with an error). It used to know that reminder by the server's name in its text: a
server renamed between the try and the retry got a second reminder to the member, and a member of two servers of
the same name lost the second server's reminder (the first server's was taken for it). The reminder now has a
button that opens its server, whose link names the server by id: the retry knows its reminder by that link.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import discord
from reminder_support import due_card_and_reminder, pass_time, without_daily  # noqa: F401  (the ``no_daily`` fixture)
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from faultkit import (  # noqa: E402
    failing_after_the_call,  # noqa: F401  (the ``fail_after`` fixture)
    failing_routes,  # noqa: F401  (the ``fail_route`` fixture)
)

DM_SEND = r"/channels/\d+/messages"


def is_reminder(body: Any) -> bool:
    return isinstance(body, dict) and "due for review today" in str(body.get("content") or "")


def reminders(member: Any) -> list[Any]:
    dm = member.user.dm_channel
    return [m for m in dm.history() if "due for review today" in m.content] if dm is not None else []


def server_links(message: Any) -> list[str]:
    """The links of a message's link buttons, as the member's client shows them."""
    return [
        c.url
        for row in message.components
        for c in getattr(row, "children", [])
        if isinstance(c, discord.Button) and c.style is discord.ButtonStyle.link and c.url
    ]


async def test_a_server_renamed_before_the_retry_does_not_get_a_second_reminder(
    env, world, no_daily, fail_after
) -> None:
    guild, channel, m = world
    alice = m["alice"]
    await due_card_and_reminder(alice, channel)
    fault = fail_after(env, "POST", DM_SEND, 503, when=is_reminder)  # made, then answered with an error
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30
    assert fault.hits and len(reminders(alice)) == 1, "the reminder was not made: adapt the test"

    env.backend.edit_guild(guild.id, {"name": "Study Hall (new name)"})
    await pass_time(env, 1 / 60)
    assert env.bot.get_guild(guild.id).name == "Study Hall (new name)", "the rename did not reach the bot"
    await pass_time(env, 3)  # the retries of that day have run

    sent = reminders(alice)
    assert len(sent) == 1, f"the member got the day's reminder twice: {[s.content for s in sent]}"


async def test_two_servers_of_the_same_name_each_send_their_own_reminder(env, world, no_daily, fail_route) -> None:
    """Alice is in two servers called alike, with a reminder and a due card in each. One server's first try truly
    fails (nothing made); its retry finds the other server's reminder in her direct messages, and must not take it
    for its own."""
    guild, channel, m = world
    alice = m["alice"]
    twin = env.create_guild(guild.name)
    twin_channel = twin.create_text_channel("study")
    twin_alice = twin.add_member(alice.user)
    await due_card_and_reminder(alice, channel)
    await due_card_and_reminder(twin_alice, twin_channel)

    fault = fail_route(env, "POST", DM_SEND, 503, when=is_reminder)  # the first of the two fails, nothing made
    await pass_time(env, 9 + 30 / 3600)  # 09:00:30: one server's reminder is sent, the other's fails
    assert fault.hits and len(reminders(alice)) == 1, "not one reminder failed and one sent: adapt the test"
    await pass_time(env, 3)  # the retries of that day have run

    sent = reminders(alice)
    links = sorted(link for s in sent for link in server_links(s))
    assert len(sent) == 2, f"one server's reminder was taken for the other's: {[s.content for s in sent]}"
    assert links == sorted(f"https://discord.com/channels/{g.id}" for g in (guild, twin))
