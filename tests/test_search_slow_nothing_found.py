"""A public /search slow enough to be acknowledged with a public "thinking…" message that finds nothing says so
privately, as a quick one does: the refusal (and the words searched for) is not posted for the whole channel."""

from __future__ import annotations

import asyncio

import cogs._shared as shared


async def test_a_slow_public_search_that_finds_nothing_answers_privately(env, monkeypatch) -> None:
    monkeypatch.setattr(shared, "ACK_WAIT", 0.01)
    guild = env.create_guild("Hall")
    channel = guild.create_text_channel("study")
    bob = guild.add_member(env.create_user("bob"))
    services = env.bot.tutor_services
    real = services.lookup.search

    async def slow(*args, **kwargs):
        await asyncio.sleep(0.2)
        return await real(*args, **kwargs)

    monkeypatch.setattr(services.lookup, "search", slow)
    try:
        result = await bob.slash(channel, "search", text="qwxzv zzqv")
        said = [m for m in (result.response, *result.followups) if m is not None and "qwxzv" in (m.content or "").lower()]
        assert said and all(m.ephemeral for m in said), (result.response, result.followups)
        assert not [m for m in channel.history() if "qwxzv" in (m.content or "").lower()]
    finally:
        await env.bot.close()


async def test_a_reply_after_a_private_acknowledgement_asks_discord_nothing_more(env) -> None:
    """/deck stats is acknowledged privately, then answered: its reply goes straight out, with no extra request
    to Discord to look at the "thinking…" message (one more call that could fail and lose the reply)."""
    import discord

    guild = env.create_guild("Hall")
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    owner = guild.add_member(env.create_user("owner"), roles=[admins])
    try:
        before = len(env.http_requests)
        result = await owner.slash(channel, "deck stats", deck="mini")
        assert result.ephemeral
        looked = [r for r in env.http_requests[before:] if r.method == "GET" and "@original" in r.path]
        assert not looked, [r.path for r in looked]
    finally:
        await env.bot.close()
