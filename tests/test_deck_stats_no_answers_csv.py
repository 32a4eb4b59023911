"""/deck stats with csv:True on a deck nobody has answered yet: the embed says so, and no CSV file of a header alone is
attached (as /disputes stats does)."""

from __future__ import annotations

import pytest
from deck_support import shown_message, study_with_a_mod
from play_support import assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_deck_stats_attaches_no_empty_table_when_nobody_has_answered(env) -> None:
    _, channel, mod = study_with_a_mod(env)
    r = await mod.slash(channel, "deck stats", deck="mini", csv=True)
    assert r.ephemeral
    message = shown_message(r)
    assert message.embeds[0].description == "Nobody has answered a card of this deck in this server yet."
    assert message.attachments == []
    assert_no_pings(env)
    await env.bot.close()
