"""A daily question not revealed when the bot stopped keeps its answer hidden after the restart.

Until its reveal, the daily question's card is not shown in its server: a Define button sent before the question
was posted (under /search results) answers "no longer in the deck" rather than give the answer away. The buttons
are answered from memory, which knew the question only in the process that had claimed it: after a restart, the
same button showed the card's definition (the daily answer) to anyone who pressed it until something else happened
to read the daily question again. The cards of the questions not revealed yet are now known from the start.
"""

from __future__ import annotations

from datetime import date, timedelta

import discord
import pytest

from bot.core.errors import NotFound
from bot.core.service import Services
from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


@pytest.fixture
async def world(env):
    guild = env.create_guild("Study Hall")
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob")}
    members["admin"] = guild.add_member(env.create_user("admin"), roles=[mods])
    yield guild, channel, members
    await env.bot.close()  # simcord detaches the bot without closing it


def button(message, label_start: str):
    for row in message.components:
        for child in row.get("components", ()):
            if (child.get("label") or "").startswith(label_start):
                return child
    raise AssertionError(f"no button {label_start!r} on the message")


def text_of(result) -> str:
    shown = [result.response] if result.response is not None else []
    parts = []
    for message in [*shown, *result.followups]:
        parts.append(message.content or "")
        parts += [f"{e.title or ''}\n{e.description or ''}" for e in message.embeds]
    return "\n".join(parts)


async def test_a_define_button_does_not_show_the_open_daily_questions_card_after_a_restart(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    found = await m["alice"].slash(channel, "search", text="temperature sampling")
    results = found.response
    define = button(results, "1. temperature")  # sent before the daily question asks the card
    await m["admin"].slash(
        channel, "daily set", channel=channel, time="01:10", timezone="Europe/Paris", topic="sampling",
        answer_hours=3,
    )
    await env.advance_time(10 * 60)  # the temperature card is posted; its answers close in 3 hours
    assert channel.last_message.embeds and "temperature" not in channel.last_message.embeds[0].description.lower()
    before = await m["bob"].click(results, custom_id=define["custom_id"])
    assert "no longer in the deck" in text_of(before), text_of(before)

    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))  # killed: nothing closed first
    await crashed.close()  # (only to release the old database connection)

    after = await m["bob"].click(results, custom_id=define["custom_id"])
    said = text_of(after)
    assert "no longer in the deck" in said, f"the open daily question's answer was shown: {said!r}"


G, CH, OTHER = 100, 200, 999


async def test_the_cards_of_daily_questions_not_revealed_are_hidden_from_the_start(settings, clock, rng) -> None:
    first = await Services.create(settings.core, clock=clock, rng=rng)
    now = first.now()
    async with first.store.transaction() as db:
        await first.daily.queries.insert_claim(
            db, guild_id=G, day=date(2026, 1, 1), zone="UTC", card_key="mini:temperature", channel_id=CH,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
    await first.close()

    services = await Services.create(settings.core, clock=clock, rng=rng)  # the next start, on the same file
    try:
        with pytest.raises(NotFound):  # claimed there: hidden in its server, and in direct messages
            services.lookup.visible_card("mini:temperature", guild_id=G)
        with pytest.raises(NotFound):
            services.lookup.visible_card("mini:temperature", guild_id=None)
        assert services.lookup.visible_card("mini:temperature", guild_id=OTHER).key == "mini:temperature"
        temperature = services.catalog.card("mini:temperature")
        assert temperature is not None
        assert all(c.key != "mini:temperature" for c in services.lookup.see_also(temperature, guild_id=G))
    finally:
        await services.close()
