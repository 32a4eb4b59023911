"""A host bot may load only some of tutorbot's cogs: a hint names ``/quiz`` or the daily question only where the bot
has it. An empty /leaderboard, a /stats with no answers and /disputes stats with none said "Start a `/quiz`" and
"answer the daily question" in a bot that loads ``cogs.leaderboard`` (or ``cogs.disputes``) alone."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord
from host_support import HostBot, host_clock, host_env  # noqa: F401

from cogs._shared import get_services

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def shown(result: Any) -> Any:
    """The message a command ended with (its response, or its first follow-up when it deferred)."""
    return result.followups[0] if result.followups else result.response


#: What counts, said whatever the bot loads (not a hint to a command).
COUNTED = "any quiz or daily questions"


def text(message: Any) -> str:
    """What the message says, less the words on what counts."""
    return " ".join([message.content or "", *(e.description or "" for e in message.embeds)]).replace(COUNTED, "")


async def replies(extensions: list[str], clock: Any, *, daily: bool = False) -> dict[str, str]:
    """In a server where nobody answered anything (``daily``: with a daily question on): /leaderboard, alice's own
    /stats, /stats on bob and a moderator's /disputes stats, as a host bot loading ``extensions`` shows them."""
    bot = HostBot(extensions)
    out: dict[str, str] = {}
    async with simcord.run(bot) as env:
        clock.env = env
        guild = env.create_guild()
        mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        bob = guild.add_member(env.create_user("bob"))
        mod = guild.add_member(env.create_user("mod"), roles=[mods])
        if daily:
            await get_services(bot).daily.set_schedule(guild.id, channel.id, "09:00", "UTC")
        if "cogs.leaderboard" in extensions:
            out["board"] = text(shown(await alice.slash(channel, "leaderboard")))
            out["stats"] = text(shown(await alice.slash(channel, "stats")))
            out["stats bob"] = text(shown(await alice.slash(channel, "stats", member=bob)))
        if "cogs.disputes" in extensions:
            out["insight"] = text(shown(await mod.slash(channel, "disputes stats")))
    await bot.close()
    return out


async def test_hints_name_only_the_commands_the_bot_has(
    host_env: Any, host_clock: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    alone = await replies(["cogs.leaderboard", "cogs.disputes"], host_clock)
    assert "Nobody has scored" in alone["board"] and "haven't answered" in alone["stats"], alone
    assert "hasn't answered" in alone["stats bob"] and "Nobody has answered" in alone["insight"], alone
    for what, said in alone.items():
        assert "/quiz" not in said and "daily" not in said, (what, said)

    host_clock.env = None
    monkeypatch.setenv("TUTOR_DB_PATH", str(host_env / "with-quiz.sqlite3"))  # another bot, its own database
    quiz = await replies(["cogs.leaderboard", "cogs.disputes", "cogs.quiz"], host_clock)
    for what, said in quiz.items():
        assert "/quiz" in said, (what, said)
        assert "daily question" not in said and "/daily" not in said, (what, said)

    host_clock.env = None
    monkeypatch.setenv("TUTOR_DB_PATH", str(host_env / "with-daily.sqlite3"))
    daily = await replies(["cogs.leaderboard", "cogs.disputes", "cogs.daily"], host_clock, daily=True)
    assert "Answer the daily question" in daily["board"] and "answer the daily question" not in daily["stats"], daily
    assert "Answer the daily question, and the stats will be here" in daily["stats"], daily
    # (the daily question is on there: /disputes stats has no /daily to suggest setting up, and no /quiz)
    assert "`/daily`" not in daily["insight"] and "Nobody has answered a card in this server yet." in daily["insight"], daily
    assert not any("/quiz" in said for said in daily.values()), daily
