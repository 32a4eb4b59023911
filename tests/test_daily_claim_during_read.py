"""The server's daily question is claimed while the bot is reading the server's unrevealed daily questions again
from the database (a read that began before the claim was stored, and ends after it): the card stays hidden, and
/define does not show its answer while the daily question asks it. The read used to overwrite what the claim had
put in memory, and the card showed for up to half a minute."""

from __future__ import annotations

import asyncio

from bot.core.service import Services

G, CH = 100, 201
BOB = 2


async def test_a_daily_question_claimed_during_a_read_stays_hidden(core_services: Services) -> None:
    s = core_services
    await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling")
    read = s.quiz.unrevealed
    assert read is not None
    began, gate = asyncio.Event(), asyncio.Event()

    async def slow(guild_id: int | None) -> frozenset[str]:
        cards = await read(guild_id)  # read before the claim is stored ...
        began.set()
        await gate.wait()  # ... and handed back after it
        return cards

    s.quiz.unrevealed = slow
    lookup = asyncio.create_task(s.lookup.define_async("temperature", guild_id=G, user_id=BOB))
    await began.wait()
    claim = await s.daily.claim_now(G)
    assert claim is not None and claim.card.key == "mini:temperature"
    gate.set()
    await lookup
    s.quiz.unrevealed = read
    assert "mini:temperature" in s.quiz.hidden_now(G)
    assert "mini:temperature" in s.quiz.hidden_now(None)
    found = await s.lookup.define_async("temperature", guild_id=G, user_id=BOB)
    assert found.card is None or found.card.key != "mini:temperature"
