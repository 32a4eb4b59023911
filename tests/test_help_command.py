"""/help: a new member learns which study commands the bot has and how answering works, privately and without a ping.

It lists what the bot has loaded (a host bot with only the quiz cog shows quiz help alone), each command as a
clickable mention when Discord's id for it is known and as plain text when not; the moderators' commands only to
members with the permission each needs; ``command:`` shows one command with its options."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from discord import app_commands
from discord.ext import commands
from host_support import HostBot, host_clock, host_env  # noqa: F401
from play_support import assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def said(result: Any) -> str:
    """Everything the reply shows: its text, its embeds' titles, descriptions, fields and footers."""
    message = result.response
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


def fits(result: Any) -> None:
    """The reply is within Discord's limits for an embed."""
    for e in result.response.embeds:
        assert len(e) <= 6000 and len(e.description or "") <= 4096 and len(e.fields) <= 25, len(e)
        assert all(len(f.value) <= 1024 and len(f.name) <= 256 for f in e.fields)


@pytest.fixture
async def world(env: Any) -> Any:
    """A server with a member, a moderator with Manage Server, one with Manage Messages, and an administrator."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    managers = guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    cleaners = guild.create_role("Cleaners", permissions=discord.Permissions(manage_messages=True))
    admins = guild.create_role("Admins", permissions=discord.Permissions(administrator=True))
    people = {
        "bob": guild.add_member(env.create_user("bob")),
        "manager": guild.add_member(env.create_user("manager"), roles=[managers]),
        "cleaner": guild.add_member(env.create_user("cleaner"), roles=[cleaners]),
        "admin": guild.add_member(env.create_user("admin"), roles=[admins]),
    }
    yield channel, people
    await env.bot.close()


async def registered_ids(bot: commands.Bot) -> dict[str, int]:
    return {c.name: c.id for c in await bot.tree.fetch_commands()}


async def test_a_member_sees_the_play_commands_and_how_answering_works_but_no_moderator_command(env, world) -> None:
    channel, people = world
    ids = await registered_ids(env.bot)
    shown = await people["bob"].slash(channel, "help")
    assert shown.ephemeral
    text = said(shown)
    for name in ("quiz", "define", "search", "leaderboard", "stats"):
        assert f"</{name}:{ids[name]}>" in text, (name, text)
    assert f"</review start:{ids['review']}>" in text and f"</review settings:{ids['review']}>" in text
    assert "daily question" not in text  # (this server has none on: see test_gap_daily_hints)
    for word in ("How answering works", "3 tries", "Hint", "Almost", "free", "I was right"):
        assert word in text, (word, text)
    for moderators in ("/deck", "/daily set", "/daily now", "/disputes", "Manage Server"):
        assert moderators not in text, (moderators, text)
    assert_no_pings(env)


async def test_moderators_see_the_commands_their_permission_opens(env, world) -> None:
    channel, people = world
    ids = await registered_ids(env.bot)
    manager = said(await people["manager"].slash(channel, "help"))
    assert f"</deck import:{ids['deck']}>" in manager and f"</daily set:{ids['daily']}>" in manager, manager
    assert "/disputes" not in manager, "Manage Server does not open /disputes (it asks for Manage Messages)"
    cleaner = said(await people["cleaner"].slash(channel, "help"))
    assert f"</disputes review:{ids['disputes']}>" in cleaner, cleaner
    assert "/deck" not in cleaner and "/daily" not in cleaner, cleaner
    everything = await people["admin"].slash(channel, "help")
    text = said(everything)
    assert all(f"</{name}" in text for name in ("deck import", "daily set", "disputes stats", "quiz", "review start"))
    fits(everything)
    assert_no_pings(env)


async def test_help_for_one_command_shows_its_options(env, world) -> None:
    channel, people = world
    bob = people["bob"]
    quiz = await bob.slash(channel, "help", command="quiz")
    assert quiz.ephemeral
    text = said(quiz)
    assert "`topic` (optional): a deck tag or deck id" in text, text
    assert "`mode` (optional)" in text and "Choices: `typed`, `choice`." in text, text
    assert "`private` (optional): practise alone" in text, text
    reminder = said(await bob.slash(channel, "help", command="/Review  Reminder"))
    assert "`time` (required)" in reminder, reminder

    offered = [c["value"] for c in await bob.autocomplete(channel, "help", "command", "re")]
    assert offered[:4] == ["review", "review start", "review status", "review settings"], offered
    assert not any(value.startswith(("deck", "daily", "disputes")) for value in offered), offered
    manager_offers = [c["value"] for c in await people["manager"].autocomplete(channel, "help", "command", "deck")]
    assert "deck import" in manager_offers, manager_offers

    refused = await bob.slash(channel, "help", command="deck import")
    assert refused.ephemeral and "Manage Server" in refused.response.content, refused.response.content
    assert not refused.response.embeds
    deck = await people["manager"].slash(channel, "help", command="deck import")
    assert "`file` (required)" in said(deck), said(deck)
    unknown = await bob.slash(channel, "help", command="@everyone **x**")
    assert unknown.ephemeral and "no command" in unknown.response.content
    assert "\\*\\*x\\*\\*" in unknown.response.content  # (what was typed is escaped)
    assert_no_pings(env)


async def test_commands_are_named_as_text_when_discord_s_ids_cannot_be_fetched(
    env, world, monkeypatch: pytest.MonkeyPatch
) -> None:
    channel, people = world

    async def unreachable(**_: Any) -> list[app_commands.AppCommand]:
        raise OSError("network down")

    monkeypatch.setattr(env.bot.tree, "fetch_commands", unreachable)
    shown = await people["bob"].slash(channel, "help")
    assert shown.ephemeral
    text = said(shown)
    assert "`/quiz`" in text and "`/review start`" in text and "</" not in text, text


async def test_a_bot_with_only_the_quiz_cog_lists_only_quiz_help(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.quiz", "cogs.help"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        admins = guild.create_role("Admins", permissions=discord.Permissions(administrator=True))
        admin = guild.add_member(env.create_user("admin"), roles=[admins])
        shown = await admin.slash(channel, "help")
        text = said(shown)
        assert "</quiz:" in text and "Hint" in text and "Almost" in text, text
        for absent in ("/define", "/search", "/review", "/leaderboard", "/stats", "/deck", "/daily", "/disputes"):
            assert absent not in text, (absent, text)
        for absent in ("daily question", "Daily question", "I was right", "Don't know"):
            assert absent not in text, (absent, text)
        offered = [c["value"] for c in await admin.autocomplete(channel, "help", "command", "")]
        assert offered == ["quiz", "forget-me"], offered  # (/forget-me comes with any cog that keeps answers)
        missing = await admin.slash(channel, "help", command="define")
        assert missing.ephemeral and "no command" in missing.response.content
        assert_no_pings(env)
    await bot.close()


async def test_a_bot_with_only_the_lookup_cog_says_nothing_of_answering(host_env: Any, host_clock: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.lookup", "cogs.help"])
    async with simcord.run(bot) as env:
        host_clock.env = env
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        text = said(await alice.slash(channel, "help"))
        assert "</define:" in text and "</search:" in text, text
        assert "/quiz" not in text and "How answering works" not in text, text
    await bot.close()


async def test_a_bot_with_its_own_help_keeps_it(host_env: Any) -> None:  # noqa: F811
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

    @bot.tree.command(name="help", description="The host's own help")
    async def own_help(interaction: discord.Interaction) -> None: ...

    with pytest.raises(commands.ExtensionFailed) as failed:
        await bot.load_extension("cogs.help")
    assert "/help" in str(failed.value.original)
    assert bot.tree.get_command("help") is own_help and not bot.cogs
    await bot.close()
