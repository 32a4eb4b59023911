"""A card a server's daily question asks is hidden from lookups in a direct message until that question is
revealed, and no longer: after the reveal, "See also" in a direct message names it again."""

from __future__ import annotations

from bot.core.service import Services

G = 100


async def test_see_also_in_a_direct_message_names_the_daily_card_again_after_its_reveal(services: Services) -> None:
    """The server's daily question asks "L1 regularization": /define "L2 regularization" in a direct message
    leaves it out of See also. Once that daily question is revealed (its answer posted for everyone), the DM's
    See also lists "L1 regularization" again, as the server's own /define does. Seen: it stays left out of
    every direct message's See also (and /define) until the bot restarts."""
    l2 = services.catalog.card("mini:l2-regularization")
    key = "mini:l1-regularization"
    assert any(c.key == key for c in services.lookup.see_also(l2, guild_id=None))
    services.quiz.daily_claimed(G, key)  # the daily question was posted on that card
    assert all(c.key != key for c in services.lookup.see_also(l2, guild_id=None))
    services.quiz.daily_revealed(G, key)  # ... and revealed
    assert any(c.key == key for c in services.lookup.see_also(l2, guild_id=G))
    assert any(c.key == key for c in services.lookup.see_also(l2, guild_id=None))
