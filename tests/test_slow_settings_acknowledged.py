"""A change a moderator or member makes with /deck enable, /deck disable, /deck remove, /review settings or
/review reminder may wait seconds for the write lock (another process writing) and a search refresh. Discord
drops an interaction not acknowledged within three seconds ("The application did not respond") although the
change is saved: each of them is acknowledged privately at once, then answered."""

from __future__ import annotations

import asyncio

import pytest
from world_support import biology_club_admin  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: Longer than Discord's three seconds for a first response.
SLOW = 4.0
BIOLOGY = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"osmosis,The movement of water across a membrane from low to high solute concentration\n"
)


def said(result) -> str:
    """Everything the reply shows (the response, then its follow-ups)."""
    parts: list[str] = []
    for message in [result.response, *result.followups]:
        if message is None:
            continue
        parts.append(message.content or "")
        for e in message.embeds:
            parts += [e.title or "", e.description or ""] + [f"{f.name} {f.value}" for f in e.fields]
    return "\n".join(parts)


def slowed(owner, name: str) -> None:
    real = getattr(owner, name)

    async def slow(*args, **kwargs):
        await asyncio.sleep(SLOW)
        return await real(*args, **kwargs)

    setattr(owner, name, slow)


async def run_slowly(env, member, channel, command: str, **options):
    result = await member.slash(channel, command, **options)
    await env.advance_time(SLOW + 1)
    return result


@pytest.mark.parametrize(("command", "enabled"), [("deck disable", False), ("deck enable", True)])
async def test_a_deck_turned_on_or_off_slowly_is_still_answered(env, world, command, enabled) -> None:
    guild, channel, mod = world
    decks = env.bot.tutor_services.decks
    if enabled:
        await mod.slash(channel, "deck disable", deck="mini")
    slowed(decks, "set_enabled")
    result = await run_slowly(env, mod, channel, command, deck="mini")
    assert result.acknowledged and result.ephemeral
    word = "enabled" if enabled else "disabled"
    assert f"is {word}" in said(result), said(result)
    assert ("mini" in [i.name for i in await decks.list(guild.id) if i.enabled]) is enabled


async def test_a_deck_removed_slowly_is_still_answered(env, world) -> None:
    guild, channel, mod = world
    shown = await mod.slash(channel, "deck import", file=("biology.csv", BIOLOGY), name="biology-101")
    preview = shown.followups[0] if shown.followups else shown.response
    await mod.click(preview, label="Import")
    decks = env.bot.tutor_services.decks
    slowed(decks, "remove")
    result = await run_slowly(env, mod, channel, "deck remove", deck="biology-101")
    assert result.acknowledged and result.ephemeral
    assert "Removed `biology-101`" in said(result), said(result)
    assert "biology-101" not in [i.name for i in await decks.list(guild.id)]


async def test_review_settings_changed_slowly_are_still_answered(env, world) -> None:
    guild, channel, mod = world
    members = env.bot.tutor_services.review.members
    slowed(members, "update")
    result = await run_slowly(env, mod, channel, "review settings", new_per_day=3)
    assert result.acknowledged and result.ephemeral
    assert "New cards per day 3" in said(result), said(result)
    assert (await members.settings(guild.id, mod.id)).new_per_day == 3


async def test_a_review_reminder_set_slowly_is_still_answered(env, world) -> None:
    guild, channel, mod = world
    members = env.bot.tutor_services.review.members
    slowed(members, "set_reminder")
    result = await run_slowly(env, mod, channel, "review reminder", time="19:00")
    assert result.acknowledged and result.ephemeral
    assert "19:00 (UTC)" in said(result), said(result)
    assert (await members.settings(guild.id, mod.id)).remind_at is not None
