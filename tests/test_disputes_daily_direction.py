"""Re-grading after an accept, of daily answers stored without a prompt direction (before directions were
stored): the daily question is always asked the question way, so an answer accepted for the card's term
does not correct them, and one accepted for its question does. On SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from disputes_support import accepted_practice_answer, started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.disputes import Decision
from bot.core.scoring import FIRST_POINTS
from bot.core.service import Services

G, CH, BOB, DAN, MOD = 100, 200, 2, 4, 99
TEMPERATURE = "mini:temperature"


async def services_on(engine: Engine, clock: Any) -> Services:
    return await started_services(await engine.open(), clock)


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


async def old_daily_answer(s: Services, clock: Any, typed: str) -> None:
    """Dan's answer ``typed`` to a daily question on the temperature card, revealed, stored without a
    direction as answers were before directions were stored."""
    await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", answer_hours=3)
    info = await s.daily.get_schedule(G)
    clock.now = max(clock.now, info.next_post_at)
    claim = await s.daily.claim_due(G)
    await s.daily.mark_posted(claim.post_id, 1)
    assert (await s.daily.post(claim.post_id)).card_key == TEMPERATURE
    said = await s.daily.answer(claim.post_id, DAN, "dan", typed)
    assert said.counted and not said.verdict.correct
    clock.now = max(clock.now, claim.closes_at)
    await s.daily.claim_reveal(claim.post_id)
    async with s.store.transaction() as db:
        await db.execute("UPDATE attempts SET direction = NULL WHERE user_id = ?", (DAN,))
    clock.tick(hours=30)


async def accept_from_practice(s: Services, typed: str, direction: str) -> Decision:
    """Bob's ``typed`` to the temperature card in ``direction`` in a private practice he stops, disputed and
    accepted; the decision."""
    return (await accepted_practice_answer(s, TEMPERATURE, typed, direction))[1]


async def test_an_answer_accepted_for_the_term_does_not_correct_an_old_daily_answer(engine: Engine, clock) -> None:
    s = await services_on(engine, clock)
    try:
        await old_daily_answer(s, clock, "heat knob")
        decision = await accept_from_practice(s, "heat knob", "term")
        assert {r.user_id for r in decision.regraded} == {BOB}
        assert (await s.stats.stats(G, DAN)).points_total == 0
        async with s.store.read() as db:
            rows = await db.execute_fetchall("SELECT verdict FROM attempts WHERE user_id = ?", (DAN,))
        assert [r["verdict"] for r in rows] == ["wrong"]
    finally:
        await settle(s)


async def test_an_answer_accepted_for_the_question_corrects_an_old_daily_answer(engine: Engine, clock) -> None:
    s = await services_on(engine, clock)
    try:
        await old_daily_answer(s, clock, "softmax divisor")
        decision = await accept_from_practice(s, "softmax divisor", "question")
        assert {r.user_id for r in decision.regraded} == {BOB, DAN}
        assert (await s.stats.stats(G, DAN)).points_total == FIRST_POINTS
    finally:
        await settle(s)
