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
