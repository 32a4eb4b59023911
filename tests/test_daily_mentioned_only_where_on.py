"""The daily question is named to a member only where the server has one on. /help, an empty /leaderboard (and the
"you aren't on this board yet" line of a full one) and an empty /stats told every member to answer the daily
question as soon as the daily cog was loaded, in a server that never set one up or switched it off: a newcomer then
waited for a question that never came. Where there is none, a moderator with Manage Server is told that
``/daily set`` sets one up; a member is told nothing of it. A host bot with ``cogs.help`` alone (no services) still
answers /help."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from board_support import scored, shown
from daily_support import World, advance, daily_deck, daily_world  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from host_support import HostBot, host_clock, host_env  # noqa: F401
from play_support import assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def said(result: Any) -> str:
    """What the reply shows (the follow-up when it deferred): text, embed descriptions and fields."""
    message = shown(result)
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.description or "", *(f"{f.name}\n{f.value}" for f in e.fields)]
    return "\n".join(parts)


async def hints(world: World) -> dict[str, str]:
    """What alice (a member who answered nothing) and the admin (Manage Server) are told."""
    return {
        "help": said(await world.alice.slash(world.channel, "help")),
        "admin help": said(await world.admin.slash(world.channel, "help")),
        "board": said(await world.alice.slash(world.channel, "leaderboard")),
        "stats": said(await world.alice.slash(world.channel, "stats")),
    }


async def test_a_member_is_told_of_the_daily_question_only_while_the_server_has_one_on(env: Any, world: World) -> None:
    none = await hints(world)
    for what in ("help", "board", "stats"):
        assert "daily question" not in none[what].lower() and "/daily" not in none[what], (what, none[what])
    assert "Start a `/quiz`" in none["board"] and "Start a `/quiz`" in none["stats"], none
    # The moderator learns how to set one up (and the member never sees that line).
    assert "No daily question** is on in this server" in none["admin help"], none["admin help"]
    assert "How answering works" in none["help"] and "📅" not in none["help"], none["help"]

    await world.set()
    on = await hints(world)
    assert "📅 **The daily question**: posted every day" in on["help"], on["help"]
    assert "📅 **Daily question**: one answer counts" in on["help"], on["help"]
    assert "answer the daily question" in on["board"] and "answer the daily question" in on["stats"], on
    assert "No daily question" not in on["admin help"], on["admin help"]

    await world.admin.slash(world.channel, "daily off")
    off = await hints(world)
    for what in ("help", "board", "stats"):
        assert "daily question" not in off[what].lower(), (what, off[what])
    assert "No daily question** is on in this server" in off["admin help"], off["admin help"]
    assert_no_pings(env)


async def test_a_member_off_a_full_board_is_pointed_to_the_quiz_alone_without_a_daily_question(
    env: Any, world: World
) -> None:
    await scored(env.bot.tutor_services, world.guild, world.bob, 10, card="daily-test:attention-mechanism")
    board = said(await world.alice.slash(world.channel, "leaderboard"))
    assert "aren't on this board yet" in board and "daily question" not in board, board
    await world.set()
    board = said(await world.alice.slash(world.channel, "leaderboard"))
    assert "aren't on this board yet: answer a `/quiz` question or the daily question." in board, board


async def test_help_in_a_host_bot_with_the_help_cog_alone(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.help"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        shown = await alice.slash(channel, "help")
        assert shown.ephemeral and "daily" not in said(shown).lower(), said(shown)
    await bot.close()


async def test_disputes_stats_with_no_answers_suggests_setting_up_the_daily_question_only_where_none_is_on(
    env: Any, world: World
) -> None:
    moderator = world.guild.add_member(env.create_user("mod"), roles=[world.guild.create_role(
        "Moderators", permissions=discord.Permissions(manage_messages=True)
    )])  # fmt: skip
    assert "set up `/daily`" in said(await moderator.slash(world.channel, "disputes stats"))
    await world.set()
    text = said(await moderator.slash(world.channel, "disputes stats"))
    assert "Nobody has answered a card in this server yet: start a `/quiz`." in text, text


async def test_a_daily_question_whose_channel_was_deleted_is_not_mentioned_until_set_again(env: Any, world: World) -> None:
    await world.set()
    env.backend.delete_channel(world.channel.id)
    await env.settle()
    await advance(env, 24 * 3600)  # its post time came: paused for good, until /daily set
    lobby = world.guild.create_text_channel("lobby")
    shown_help = said(await world.alice.slash(lobby, "help"))
    assert "daily question" not in shown_help.lower(), shown_help
    assert "No daily question** is on in this server" in said(await world.admin.slash(lobby, "help"))
