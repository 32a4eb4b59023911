"""What a player typed is stored "as typed, but for what a store cannot hold" (a NUL, half a surrogate pair): the
answer is graded as it is stored, so a dispute page, the common wrong answers and a re-grade after an accepted
dispute see the text the verdict was given on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.grading import grade_card
from bot.core.service import Services

G, CH, ALICE = 100, 200, 1


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["tempe\x00rature", "temperature\x00top-k", "temperature \ud800"])
async def test_a_daily_answer_is_graded_as_it_is_stored(core_services: Services, clock, typed: str) -> None:
    daily = core_services.daily
    await daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling")
    info = await daily.get_schedule(G)
    assert info is not None and info.next_post_at is not None
    clock.now = info.next_post_at
    claim = await daily.claim_due(G)
    assert claim is not None
    await daily.mark_posted(claim.post_id, 1)
    result = await daily.answer(claim.post_id, ALICE, "alice", typed)
    async with core_services.store.read() as db:
        stored = [r[0] for r in await db.execute_fetchall("SELECT response FROM attempts")]
    assert result.counted == bool(stored)
    for text in stored:  # (a counted answer)
        assert "\x00" not in text and "\ud800" not in text
        assert grade_card(claim.card, text).kind == result.verdict.kind, (typed, text, result.verdict.kind)
    # the verdict is the one of the text as stored, whether or not it was counted
    assert grade_card(claim.card, typed.replace("\x00", "").replace("\ud800", "")).kind == result.verdict.kind
