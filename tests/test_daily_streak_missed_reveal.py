"""The daily streak /stats shows is the one the next answer continues, and a revealed question the member did not
get right ends it (``streak_from``): answering today's question while yesterday's is still open, and then never
answering yesterday's, leaves no stored streak that the next right answer then cuts down."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import test_daily_streak_two_open as two_open
from play_support import MINI_RIGHT

from bot.core.service import Services

G, CH, ALICE = 100, 200, 1
Clock = two_open.Clock
clock = two_open.clock  # (the fixtures: the same clock and services)
services = two_open.services


async def test_streak_shown_after_a_missed_open_question_is_revealed_is_the_one_the_next_answer_continues(
    services: Services, clock: Clock
) -> None:
    daily = services.daily
    claims = await two_open.three_evenings(services, clock)
    yesterday = claims[-1]  # 4 March: Alice never answers it
    clock.now = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    today = await daily.claim_now(G)
    await daily.mark_posted(today.post_id, 99)
    assert today.day == date(2026, 3, 5)
    first = await daily.answer(today.post_id, ALICE, "alice", MINI_RIGHT[today.card.key])
    assert first.verdict.correct
    # 4 March's question closes and is revealed: Alice did not answer it.
    clock.now = yesterday.closes_at + timedelta(seconds=1)
    reveal = await daily.claim_reveal(yesterday.post_id, clock.now)
    assert reveal is not None
    await daily.mark_revealed(yesterday.post_id, 500)
    shown = (await services.stats.stats(G, ALICE)).streak_current
    # The next question (6 March), answered right.
    clock.now = datetime(2026, 3, 6, 8, 0, tzinfo=UTC)
    nxt = await daily.claim_now(G)
    assert nxt is not None and nxt.day == date(2026, 3, 6)
    await daily.mark_posted(nxt.post_id, 100)
    after = await daily.answer(nxt.post_id, ALICE, "alice", MINI_RIGHT[nxt.card.key])
    assert after.verdict.correct
    assert after.streak == shown + 1, (
        f"/stats showed a streak of {shown} after 4 March's reveal, then the next right answer made it "
        f"{after.streak}: the stored streak was not ended by the reveal of a question she missed"
    )
