"""Two daily questions dated the same day: a schedule moved west (Auckland to Los Angeles) posts the Los Angeles
question of 11 Mar after the Auckland one of 11 Mar. A streak counts days, so that date counts once (either question
right keeps it); the second question of the date is titled so members tell the two apart; both questions score
their points on the leaderboard; a dispute that re-grades a daily answer on that date counts it once too."""

from __future__ import annotations

from datetime import date
from typing import Any

from daily_support import run, utc
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.daily import DAILY_POINTS
from bot.core.daily.models import accepted_answer
from bot.core.service import Services
from cogs.daily.render import day_label, post_embed, reveal_embed, status_embed

G, CH, MOD = 100, 200, 99
ANN, BEN = 1, 2
AUCKLAND, LOS_ANGELES = "Pacific/Auckland", "America/Los_Angeles"


async def moved_west(s: Services, clock: Any, right: dict[int, str]) -> tuple[list[Any], Any]:
    """Auckland's questions of 10 and 11 Mar, each answered right by the members of ``right`` (id -> name); then the
    schedule moves to Los Angeles, whose question of 11 Mar goes out (11 Mar 09:00 there). The Auckland claims and
    the Los Angeles one."""
    clock.now = utc(2026, 3, 9, 12, 0)
    await s.daily.set_schedule(G, CH, "09:00", AUCKLAND)
    auckland = []
    for until in (utc(2026, 3, 9, 20, 30), utc(2026, 3, 10, 20, 30)):  # 10 and 11 Mar in Auckland
        (claim,) = await run(s, clock, until)
        for user, name in right.items():
            assert (await s.daily.answer(claim.post_id, user, name, accepted_answer(claim.card))).counted
        auckland.append(claim)
    clock.now = utc(2026, 3, 10, 21, 0)
    await s.daily.set_schedule(G, CH, "09:00", LOS_ANGELES)
    (la,) = await run(s, clock, utc(2026, 3, 11, 16, 30))
    assert la.day == auckland[1].day == date(2026, 3, 11)
    return auckland, la


async def reveal_all(s: Services, clock: Any, auckland: list[Any], la: Any) -> Any:
    for claim in auckland:
        assert await s.daily.claim_reveal(claim.post_id) is not None
    clock.now = la.closes_at
    shown = await s.daily.claim_reveal(la.post_id)
    assert shown is not None
    return shown


async def test_both_questions_of_one_date_right_count_that_date_once(core_services: Services, clock: Any) -> None:
    s = core_services
    auckland, la = await moved_west(s, clock, {ANN: "ann"})
    said = await s.daily.answer(la.post_id, ANN, "ann", accepted_answer(la.card))
    # 10 and 11 Mar: two days, however many questions 11 Mar had.
    assert said.streak == 2
    shown = await reveal_all(s, clock, auckland, la)
    assert shown.streaks == (("ann", 2),)
    stats = await s.stats.stats(G, ANN)
    assert (stats.streak_current, stats.streak_best) == (2, 2)
    # Points count answers: each of the date's two questions scored.
    assert stats.points_total == 3 * DAILY_POINTS

    (next_day,) = await run(s, clock, utc(2026, 3, 12, 16, 30))  # 12 Mar in Los Angeles
    assert (await s.daily.answer(next_day.post_id, ANN, "ann", accepted_answer(next_day.card))).streak == 3


async def test_one_question_of_the_date_right_keeps_the_streak(core_services: Services, clock: Any) -> None:
    s = core_services
    auckland, la = await moved_west(s, clock, {ANN: "ann", BEN: "ben"})
    # Ann answers the Los Angeles question too; Ben had 11 Mar's Auckland question right and leaves this one.
    assert (await s.daily.answer(la.post_id, ANN, "ann", accepted_answer(la.card))).streak == 2
    shown = await reveal_all(s, clock, auckland, la)
    assert shown.streaks == (("ann", 2), ("ben", 2))
    assert (await s.stats.stats(G, BEN)).streak_current == 2

    (next_day,) = await run(s, clock, utc(2026, 3, 12, 16, 30))
    assert (await s.daily.answer(next_day.post_id, BEN, "ben", accepted_answer(next_day.card))).streak == 3


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


async def test_the_second_question_of_a_date_is_titled_apart_from_the_first(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        await second_question_titled_apart(s, clock)
    finally:
        await settle(s)


async def second_question_titled_apart(s: Services, clock: Any) -> None:
    auckland, la = await moved_west(s, clock, {})
    first, second = post_embed(auckland[1]), post_embed(la)
    assert first.title == "Question of the day — 11 Mar"
    assert second.title != first.title and "11 Mar" in (second.title or "")
    said = " ".join(f"{f.name} {f.value}" for f in second.fields)
    assert LOS_ANGELES in said  # why there is a second question dated 11 Mar

    status = status_embed(await s.daily.status(G), G)
    last = next(f.value for f in status.fields if f.name == "Last post")
    assert (second.title or "").removeprefix("Question of the day — ") in (last or "")

    # The answer box the post's button opens is titled as the post is.
    post, _ = await s.daily.check_can_answer(la.post_id, BEN)
    assert f"Question of the day — {day_label(post.day, post.number)}" == second.title

    first_reveal = await s.daily.claim_reveal(auckland[1].post_id, auckland[1].closes_at)
    second_reveal = await s.daily.claim_reveal(la.post_id, la.closes_at)
    assert first_reveal is not None and second_reveal is not None
    assert reveal_embed(first_reveal).title == "Answer — question of the day, 11 Mar"
    assert reveal_embed(second_reveal).title not in (None, reveal_embed(first_reveal).title)
    assert "11 Mar" in (reveal_embed(second_reveal).title or "")


async def test_a_disputed_daily_answer_on_a_date_with_two_questions_counts_the_date_once(
    core_services: Services, clock: Any
) -> None:
    s = core_services
    auckland, la = await moved_west(s, clock, {ANN: "ann"})
    said = await s.daily.answer(la.post_id, ANN, "ann", "my own words for it")
    assert said.counted and not said.verdict.correct
    await reveal_all(s, clock, auckland, la)
    attempt_id = await s.disputes.daily_attempt(la.post_id, ANN)
    assert attempt_id is not None
    dispute = await s.disputes.open_dispute(guild_id=G, user_id=ANN, user_name="ann", attempt_id=attempt_id)
    decision = await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    assert [r.user_id for r in decision.regraded] == [ANN]
    stats = await s.stats.stats(G, ANN)
    assert (stats.streak_current, stats.streak_best) == (2, 2)
    assert stats.points_total == 3 * DAILY_POINTS
