"""`/search` with text that shows nothing (spaces, a zero-width space) or no word (only marks or emoji)."""

from __future__ import annotations

import pytest
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)


@pytest.fixture
def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    return channel, alice


@pytest.mark.parametrize("text", ["   ", "\u200b", "???", "\U0001f916"])
async def test_search_for_nothing_visible_asks_for_words(env, world, text) -> None:
    """Discord lets a member send `/search text:` with only spaces (or an invisible character). The bot answers
    privately asking for words to look for (as `/define` says "Type a term to look up."), not "No card mentions
    **." — an empty, broken echo of what they typed that reads as if the deck had been searched."""
    channel, alice = world
    r = await alice.slash(channel, "search", text=text)
    assert r.ephemeral
    content = r.response.content
    assert "No card mentions" not in content, content
    assert "type" in content.lower() and "search" in content.lower() or "word" in content.lower(), content
