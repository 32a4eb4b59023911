"""What a member sees using a command for the first time in a new server (simcord): why there is nothing yet,
and what to do about it."""

from __future__ import annotations

import discord
import pytest
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)


@pytest.fixture
def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    return guild, channel, admin, alice


def said(result) -> str:
    """Everything a reply shows: content, embed titles, descriptions and fields."""
    parts: list[str] = []
    for message in [result.response, *result.followups]:
        if message is None:
            continue
        parts.append(message.content or "")
        for e in message.embeds:
            parts += [e.title or "", e.description or ""]
            parts += [f"{f.name}: {f.value}" for f in e.fields]
    return "\n".join(parts)


async def test_review_start_in_a_server_with_no_card_to_review_says_why_not_run_review_start(env, world) -> None:
    """Every deck is turned off here: /review start says that no deck of the server holds a card to review (not
    "`/review start` brings new cards", which would send the member back to the command they just ran)."""
    guild, channel, admin, alice = world
    off = await admin.slash(channel, "deck disable", deck="mini")
    assert "disabled" in said(off)
    shown = said(await alice.slash(channel, "review start"))
    assert "brings new cards" not in shown, shown
    assert "deck" in shown.lower(), shown  # e.g. "no deck is turned on in this server: /deck enable"


async def test_review_start_with_no_new_cards_a_day_and_nothing_due_points_at_the_setting(env, world) -> None:
    """A new member sets new_per_day to 0 before reviewing anything: /review start points at that setting (it
    cannot bring new cards while their own limit is 0)."""
    guild, channel, admin, alice = world
    await alice.slash(channel, "review settings", new_per_day=0)
    shown = said(await alice.slash(channel, "review start"))
    assert "brings new cards" not in shown, shown
    assert "new_per_day" in shown or "new cards a day" in shown.lower() or "/review settings" in shown, shown


async def test_disputes_stats_of_every_deck_with_no_answers_does_not_speak_of_this_deck(env, world) -> None:
    """`/disputes stats` with no deck chosen is titled "Answer insight — every deck"; with no answers yet its text
    speaks of the server, not of "this deck"."""
    guild, channel, admin, alice = world
    result = await admin.slash(channel, "disputes stats")
    (e,) = result.response.embeds
    assert "every deck" in e.title
    assert "this deck" not in (e.description or ""), e.description


async def test_deck_info_of_the_bots_deck_does_not_show_the_hosts_folder(env, world, cards_dir) -> None:
    """`/deck info` is for the admins of every server. For the bot's own deck its Source field is the file's name,
    not its path on the bot's machine as TUTOR_CARDS_DIR gave it (an absolute path here; on a host run under a
    service manager `/home/<operator>/tutorbot/cards/genai-basics.yaml`), as an imported deck is named "as
    uploaded, never where the bot put it" (README)."""
    guild, channel, admin, alice = world
    assert cards_dir.is_absolute()
    result = await admin.slash(channel, "deck info", deck="mini")
    shown = said(result)
    assert "mini" in shown
    assert str(cards_dir) not in shown, shown
