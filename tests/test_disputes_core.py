"""Disputes in the core: opening one, the refusals, accepting (overlay, corrected answers, points, boards,
streaks), rejecting, the player's notices and the moderators' insight — on a real database, no mocks."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, timedelta

import pytest
from quiz_support import quiz_asking

from bot.core.disputes import DisputeService, plan_corrections, streak_from
from bot.core.errors import Closed, Conflict, NotFound, UserError
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.quiz.commit import GroupCommit
from bot.core.scoring import FIRST_POINTS, HINT_COST, WINDOW_POINTS
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.daily_queries import DailyDay
from bot.core.storage.dispute_queries import AttemptRow
from cogs._verdicts import notice_line

G, G2, CH = 100, 101, 200
ALICE, BOB, CAROL, DAN, EVE, MOD = 1, 2, 3, 4, 5, 99
TEMPERATURE = "mini:temperature"
PROMPT = (
    "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?"
)


async def rows(services: Services, sql: str, params=()) -> list:
    async with services.store.read() as db:
        return list(await db.execute_fetchall(sql, params))


async def attempt_id(services: Services, user_id: int, response: str) -> int:
    found = await rows(
        services,
        "SELECT id FROM attempts WHERE user_id = ? AND response = ? ORDER BY id",
        (user_id, response),
    )
    assert found, (user_id, response)
    return int(found[0]["id"])


@pytest.fixture
async def disputes(core_services: Services, clock) -> DisputeService:
    service = DisputeService(store=core_services.store, catalog=core_services.catalog, clock=clock)
    await service.start()
    return service


async def temperature_quiz(services: Services, clock, guild_id: int = G, channel_id: int = CH):
    """A channel quiz on the temperature card: bob and dan type "softmax divisor" (judged wrong), carol is
    right first, eve is wrong; bob tries once more."""
    quiz, _ = await quiz_asking(
        services, TEMPERATURE,
        user_id=ALICE,
        user_name="alice",
        guild_id=guild_id,
        channel_id=channel_id,
        topic="sampling",
        seconds=60,
    )
    said = {}
    for user_id, name, text in [
        (BOB, "bob", "softmax divisor"),
        (CAROL, "carol", "temperature"),
        (DAN, "dan", "Softmax divisor!"),
        (EVE, "eve", "randomness"),
        (BOB, "bob", "the randomness"),
    ]:
        result = await services.quiz.answer(quiz.id, user_id=user_id, user_name=name, response=text)
        said[name, text] = result.verdict.kind
        clock.tick(0.5)
    assert said["bob", "softmax divisor"] is VerdictKind.WRONG
    assert said["dan", "Softmax divisor!"] is VerdictKind.WRONG
    assert said["carol", "temperature"] is VerdictKind.CORRECT
    await services.quiz.close_question(quiz.id, 1)
    return quiz


async def dispute_bobs_answer(services: Services, disputes: DisputeService, guild_id: int = G):
    return await disputes.open_dispute(
        guild_id=guild_id,
        user_id=BOB,
        user_name="bob",
        attempt_id=await attempt_id(services, BOB, "softmax divisor"),
        prompt=PROMPT,
    )


async def three_daily_days(s: Services, clock, answers=("temperature", "softmax divisor", "temperature")) -> None:
    """Three daily questions on the sampling topic, each answered by bob (``answers``) and revealed."""
    daily = s.daily
    await daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", answer_hours=3)
    for text in answers:
        info = await daily.get_schedule(G)
        clock.now = max(clock.now, info.next_post_at)
        claim = await daily.claim_due(G)
        await daily.mark_posted(claim.post_id, 1)
        await daily.answer(claim.post_id, BOB, "bob", text)
        clock.now = max(clock.now, claim.closes_at)
        assert await daily.claim_reveal(claim.post_id) is not None


# -- opening --------------------------------------------------------------------------------------
async def test_a_dispute_records_the_card_prompt_accepted_answers_answer_and_verdict(
    core_services, disputes, clock
):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    assert (dispute.card_key, dispute.prompt, dispute.accepted) == (TEMPERATURE, PROMPT, ("temperature",))
    assert (dispute.response, dispute.verdict, dispute.source, dispute.status) == (
        "softmax divisor",
        "wrong",
        "quiz",
        "open",
    )
    assert (dispute.guild_id, dispute.user_id, dispute.direction) == (G, BOB, "question")
    page = await disputes.page(G)
    assert page is not None and (page.dispute.id, page.place, page.total) == (dispute.id, 1, 1)
    assert await disputes.page(G2) is None  # disputes are per server


async def test_only_the_player_may_dispute_a_stored_wrong_answer_once(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    bobs = await attempt_id(core_services, BOB, "softmax divisor")
    carols = await attempt_id(core_services, CAROL, "temperature")
    with pytest.raises(UserError, match="Only the player who gave an answer") as e:
        await disputes.open_dispute(guild_id=G, user_id=DAN, user_name="dan", attempt_id=bobs, prompt=PROMPT)
    assert e.value.code == "dispute.not_yours"
    with pytest.raises(UserError) as e:
        await disputes.open_dispute(
            guild_id=G, user_id=CAROL, user_name="carol", attempt_id=carols, prompt=PROMPT
        )
    assert e.value.code == "dispute.not_disputable"
    with pytest.raises(NotFound):
        await disputes.open_dispute(guild_id=G2, user_id=BOB, user_name="bob", attempt_id=bobs, prompt=PROMPT)
    with pytest.raises(NotFound):
        await disputes.open_dispute(
            guild_id=G, user_id=BOB, user_name="bob", attempt_id=10_000, prompt=PROMPT
        )
    await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=bobs, prompt=PROMPT)
    with pytest.raises(Conflict, match="already disputed"):
        await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=bobs, prompt=PROMPT)
    assert len(await rows(core_services, "SELECT id FROM disputes")) == 1


async def test_a_player_may_open_only_so_many_disputes_a_day(core_services, clock):
    capped = DisputeService(
        store=core_services.store, catalog=core_services.catalog, clock=clock, daily_cap=1
    )
    await capped.start()
    await temperature_quiz(core_services, clock)
    await capped.open_dispute(
        guild_id=G,
        user_id=BOB,
        user_name="bob",
        attempt_id=await attempt_id(core_services, BOB, "softmax divisor"),
        prompt=PROMPT,
    )
    second = await attempt_id(core_services, BOB, "the randomness")
    with pytest.raises(UserError) as e:
        await capped.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=second, prompt=PROMPT)
    assert e.value.code == "dispute.cap"
    clock.tick(hours=24)
    again = await capped.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=second, prompt=PROMPT
    )
    assert again.status == "open"


# -- accepting ------------------------------------------------------------------------------------
async def test_accepting_corrects_every_answer_it_makes_right_and_gives_the_points_back(
    core_services, disputes, clock
):
    await temperature_quiz(core_services, clock)
    before = {u: await core_services.stats.stats(G, u) for u in (BOB, DAN, EVE, CAROL)}
    assert before[BOB].points_total == 0 and before[CAROL].points_total == FIRST_POINTS
    week = await core_services.stats.leaderboard(G, "week")  # the stored week's board, kept by the triggers
    assert [(r.name, r.points) for r in week.rows][0] == ("carol", FIRST_POINTS)
    dispute = await dispute_bobs_answer(core_services, disputes)

    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)

    assert decision.accepted and decision.dispute.status == "accepted" and decision.overlay_added
    # bob answered before carol's right answer: he would have been first; dan came after: window points.
    assert {(r.user_name, r.points) for r in decision.regraded} == {
        ("bob", FIRST_POINTS),
        ("dan", WINDOW_POINTS),
    }
    assert decision.players == (BOB, DAN) and decision.points == FIRST_POINTS + WINDOW_POINTS
    after = {u: await core_services.stats.stats(G, u) for u in (BOB, DAN, EVE, CAROL)}
    assert (after[BOB].points_total, after[BOB].correct, after[BOB].answers) == (FIRST_POINTS, 1, 2)
    assert (after[DAN].points_total, after[DAN].correct) == (WINDOW_POINTS, 1)
    assert after[BOB].points_week == FIRST_POINTS  # the week's board follows too
    assert (after[EVE].points_total, after[EVE].correct, after[EVE].answers) == (0, 0, 1)
    assert (after[CAROL].points_total, after[CAROL].correct) == (
        before[CAROL].points_total,
        before[CAROL].correct,
    )
    for period in ("all", "week", "month"):
        board = await core_services.stats.leaderboard(G, period)
        assert [(r.name, r.points, r.correct) for r in board.rows] == [
            ("bob", 10, 1),
            ("carol", 10, 1),
            ("dan", 5, 1),
            ("eve", 0, 0),
        ], period
    stored = await rows(
        core_services, "SELECT user_name, response, verdict, points FROM attempts ORDER BY id"
    )
    assert [tuple(r) for r in stored] == [
        ("bob", "softmax divisor", "correct", FIRST_POINTS),
        ("carol", "temperature", "correct", FIRST_POINTS),
        ("dan", "Softmax divisor!", "correct", WINDOW_POINTS),
        ("eve", "randomness", "wrong", 0),
        ("bob", "the randomness", "wrong", 0),  # one correction per player per question
    ]
    # The server now accepts it; other servers do not.
    assert disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)
    assert disputes.overlay_accepts(G2, TEMPERATURE) == ()
    assert disputes.overlay_accepts(G, TEMPERATURE, direction="term") == ()
    with pytest.raises(Conflict, match="accepted already"):
        await disputes.reject(dispute.id, guild_id=G, moderator_id=MOD)


async def test_overlays_survive_a_restart(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    fresh = DisputeService(store=core_services.store, catalog=core_services.catalog, clock=clock)
    assert fresh.overlay_accepts(G, TEMPERATURE) == ()
    await fresh.start()
    assert fresh.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)


async def test_rejecting_changes_nothing_but_the_dispute_and_the_player_is_told_once(
    core_services, disputes, clock
):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    assert await disputes.take_notices(G, BOB) == []  # still open: nothing to tell
    decision = await disputes.reject(dispute.id, guild_id=G, moderator_id=MOD)
    assert not decision.accepted and decision.dispute.status == "rejected" and decision.regraded == ()
    assert (await core_services.stats.stats(G, BOB)).points_total == 0
    assert disputes.overlay_accepts(G, TEMPERATURE) == ()
    assert await disputes.page(G) is None
    (told,) = await disputes.take_notices(G, BOB)
    assert told.id == dispute.id and told.status == "rejected"
    assert await disputes.take_notices(G, BOB) == []
    assert [d.status for d in await disputes.recent(G, BOB)] == ["rejected"]  # still shown in /stats


async def test_accepting_settles_the_open_disputes_of_every_answer_it_corrected(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    bobs = await dispute_bobs_answer(core_services, disputes)
    dans = await disputes.open_dispute(
        guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_id(core_services, DAN, "Softmax divisor!"),
        prompt=PROMPT,
    )
    await disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    # dan's answer was corrected with bob's: his dispute leaves the queue, accepted, and he is told so once
    assert await disputes.page(G) is None
    (told,) = await disputes.take_notices(G, DAN)
    assert told.id == dans.id and told.status == "accepted" and told.restored == WINDOW_POINTS
    with pytest.raises(Conflict, match="accepted already"):
        await disputes.reject(dans.id, guild_id=G, moderator_id=MOD)
    assert (await core_services.stats.stats(G, DAN)).points_total == WINDOW_POINTS


async def test_a_rejected_dispute_whose_answer_a_later_accept_corrects_is_accepted_and_told_again(
    core_services, disputes, clock
):
    await temperature_quiz(core_services, clock)
    dans = await disputes.open_dispute(
        guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_id(core_services, DAN, "Softmax divisor!"),
        prompt=PROMPT,
    )
    await disputes.reject(dans.id, guild_id=G, moderator_id=MOD)
    (first,) = await disputes.take_notices(G, DAN)
    assert first.status == "rejected"
    bobs = await dispute_bobs_answer(core_services, disputes)
    await disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    # bob's accept corrected dan's answer too: dan hears that his points came back, not that the verdict stood
    (told,) = await disputes.take_notices(G, DAN)
    assert told.id == dans.id and told.status == "accepted" and told.restored == WINDOW_POINTS
    assert "your points were given back" in notice_line(told)
    assert await disputes.take_notices(G, DAN) == []
    assert [d.status for d in await disputes.recent(G, DAN)] == ["accepted"]
    assert (await core_services.stats.stats(G, DAN)).points_total == WINDOW_POINTS


async def test_an_accept_grades_the_stored_answers_before_it_takes_the_write_lock(core_services, disputes, clock):
    # Thousands of stored answers take seconds to grade: inside the write transaction every other writer waits.
    await temperature_quiz(core_services, clock)
    inside: list[str] = []
    real = disputes._live_grader

    def counting(dispute, answer, added):
        live = real(dispute, answer, added)

        def graded(response: str) -> bool:
            inside.append(response)
            return live(response)

        return graded

    disputes._live_grader = counting  # type: ignore[method-assign]
    bobs = await dispute_bobs_answer(core_services, disputes)
    decision = await disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    assert sorted(r.user_id for r in decision.regraded) == [BOB, DAN]  # the same answers corrected as before
    assert inside == []  # none graded inside the transaction


async def test_decisions_are_told_a_few_at_a_time_and_each_once(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    disputes.daily_cap = 10
    ids = [await attempt_id(core_services, u, t) for u, t in ((BOB, "softmax divisor"), (BOB, "the randomness"))]
    for i in ids:
        d = await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=i, prompt=PROMPT)
        await disputes.reject(d.id, guild_id=G, moderator_id=MOD)
    # two answers at once: the decisions are told with one of them only
    first, second = await asyncio.gather(disputes.take_notices(G, BOB, limit=1), disputes.take_notices(G, BOB, limit=1))
    assert sorted([len(first), len(second)]) == [0, 1]
    # the one left over is told with the next answer, then nothing more
    (left,) = await disputes.take_notices(G, BOB, limit=1)
    assert {left.attempt_id, (first or second)[0].attempt_id} == set(ids)
    assert await disputes.take_notices(G, BOB) == []


async def test_a_dispute_is_accepted_only_once_its_quiz_question_has_closed(core_services, clock):
    # Accepted while the question is still open, the player would score twice: once by the correction, once
    # by typing the right answer before it closes.
    disputes = core_services.disputes
    quiz, _ = await quiz_asking(
        core_services, TEMPERATURE,
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="softmax divisor")
    dispute = await dispute_bobs_answer(core_services, disputes)
    with pytest.raises(Conflict, match="still open"):
        await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    assert (await disputes.page(G)) is not None  # still in the queue, nothing changed
    assert (await core_services.stats.stats(G, BOB)).points_total == 0
    right = await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="temperature")
    assert right.verdict.correct
    await core_services.quiz.close_question(quiz.id, 1)
    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    # bob was right on that question already: the correction gives him nothing more
    assert decision.regraded == () and (await core_services.stats.stats(G, BOB)).points_total == FIRST_POINTS


async def test_a_corrected_answer_scores_as_live_play_would_have_scored_it(core_services, clock):
    # bob took a hint before his answer: corrected, it pays what his right answer would have paid then, less
    # the hint; the server's answer accepted for the question does not correct an answer to the term
    disputes = core_services.disputes
    quiz = await core_services.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    card = core_services.catalog.card(TEMPERATURE)
    quiz.plan = [(card, "question")]
    core_services.quiz.open_question(quiz.id)
    await core_services.quiz.hint(quiz.id, user_id=BOB)
    await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="softmax divisor")
    clock.tick(0.5)
    await core_services.quiz.answer(quiz.id, user_id=CAROL, user_name="carol", response="temperature")
    await core_services.quiz.close_question(quiz.id, 1)
    await core_services.quiz.finish(quiz.id)
    # (the card asked by its term in a later quiz: one quiz does not ask again a card its reveal answered)
    later = await core_services.quiz.start_quiz(
        user_id=CAROL, user_name="carol", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    later.plan = [(card, "term")]
    core_services.quiz.open_question(later.id)
    await core_services.quiz.answer(later.id, user_id=DAN, user_name="dan", response="softmax divisor")
    await core_services.quiz.close_question(later.id, 1)

    dispute = await dispute_bobs_answer(core_services, disputes)
    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    assert [(r.user_name, r.points) for r in decision.regraded] == [("bob", FIRST_POINTS - HINT_COST)]
    assert (await core_services.stats.stats(G, BOB)).points_total == FIRST_POINTS - HINT_COST
    assert (await core_services.stats.stats(G, DAN)).points_total == 0  # his answer was to the term


async def test_an_answer_to_a_card_since_removed_cannot_be_disputed(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    core_services.catalog.drop_deck("mini")
    with pytest.raises(UserError, match="no longer in its deck"):
        await dispute_bobs_answer(core_services, disputes)
    assert await disputes.page(G) is None


async def test_a_moderator_of_another_server_cannot_decide(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    with pytest.raises(NotFound):
        await disputes.accept(dispute.id, guild_id=G2, moderator_id=MOD)
    assert (await disputes.page(G)) is not None


async def test_an_accepted_daily_answer_restores_the_points_and_the_streak(core_services, disputes, clock):
    await three_daily_days(core_services, clock)
    before = await core_services.stats.stats(G, BOB)
    assert (before.streak_current, before.streak_best) == (1, 1)
    wrong_day = await attempt_id(core_services, BOB, "softmax divisor")
    dispute = await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=wrong_day)
    assert dispute.source == "daily" and dispute.prompt == PROMPT

    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)

    assert [r.source for r in decision.regraded] == ["daily"]
    after = await core_services.stats.stats(G, BOB)
    assert after.points_total == before.points_total + decision.points and decision.points > 0
    assert (after.streak_current, after.streak_best) == (3, 3)
    counted = await rows(core_services, "SELECT verdict FROM daily_answers ORDER BY post_id")
    assert [r["verdict"] for r in counted] == ["correct", "correct", "correct"]


# -- insight --------------------------------------------------------------------------------------
async def test_insight_lists_missed_cards_grouped_wrong_answers_disputes_and_a_csv(
    core_services, disputes, clock
):
    await temperature_quiz(core_services, clock)
    await dispute_bobs_answer(core_services, disputes)
    insight = await disputes.insight(G, "mini")
    (card,) = insight.cards
    assert (card.card_key, card.answers, card.correct, card.missed) == (TEMPERATURE, 5, 1, 4)
    assert card.question == PROMPT
    # "softmax divisor" and "Softmax divisor!" are one answer after normalisation.
    assert [(w.text, w.times) for w in card.wrong_answers][0] == ("softmax divisor", 2)
    assert {w.text for w in card.wrong_answers} == {"softmax divisor", "randomness", "the randomness"}
    assert card.disputes == {"open": 1}
    assert insight.most_missed == (card,) and insight.never_right == () and insight.disputed == (card,)
    assert (await disputes.insight(G, "other-deck")).cards == ()
    assert (await disputes.insight(G2)).cards == ()

    table = list(csv.reader(io.StringIO(await disputes.insight_csv(G, "mini"))))
    assert table[0][:4] == ["card", "question", "answers", "right"]
    assert (
        table[1][0] == TEMPERATURE and table[1][2:4] == ["5", "1"] and "softmax divisor (2)" in table[1][-1]
    )


async def test_insight_leaves_out_a_card_whose_question_is_open_in_the_server(core_services, clock):
    # Its common wrong answers hold near misses, and its key is a slug of its term: a moderator playing it
    # would learn the answer.
    s = core_services
    quiz = await temperature_quiz(s, clock)
    await s.quiz.finish(quiz.id)
    clock.tick(60)
    again, _ = await quiz_asking(
        s, TEMPERATURE, user_id=EVE, user_name="eve", guild_id=G, channel_id=CH + 2, seconds=60
    )
    held = await s.disputes.insight(G, "mini")
    assert held.cards == () and held.held_back == 1
    assert TEMPERATURE not in await s.disputes.insight_csv(G, "mini")
    await s.quiz.close_question(again.id, 1)
    shown = await s.disputes.insight(G, "mini")
    assert [c.card_key for c in shown.cards] == [TEMPERATURE] and shown.held_back == 0


async def test_a_card_nobody_gets_right_is_listed_and_csv_cells_never_run_as_formulas(
    core_services, disputes, clock
):
    quiz, _ = await quiz_asking(
        core_services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling"
    )
    await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="=HYPERLINK(1)")
    insight = await disputes.insight(G)
    assert [c.card_key for c in insight.never_right] == [TEMPERATURE]
    text = await disputes.insight_csv(G)
    assert "'=HYPERLINK(1) (1)" in text or "hyperlink" in text.lower()
    assert ",=HYPERLINK" not in text


# -- pure parts -----------------------------------------------------------------------------------
def _attempt(
    i: int, user: int, source: str = "quiz", *, at: int, session: str | None = "q1", **kw
) -> AttemptRow:
    from datetime import UTC, datetime

    return AttemptRow(
        id=i, guild_id=G, user_id=user, user_name=f"u{user}", card_key=TEMPERATURE, source=source, response="x",
        verdict=kw.pop("verdict", "wrong"), points=0, session_id=session,
        created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=at), **kw,
    )  # fmt: skip


def test_corrections_skip_picked_options_uncounted_daily_answers_and_players_already_right():
    right = [_attempt(10, 3, at=5, verdict="correct")]
    candidates = [
        _attempt(1, 1, at=1),  # before the first right answer: first
        _attempt(2, 1, at=2),  # the same player again: once only
        _attempt(3, 2, at=6),  # after it: window points
        _attempt(4, 3, at=3),  # already right on this question
        _attempt(5, 4, at=4, choice=True),  # picked from options
        _attempt(6, 5, "daily", at=4, session="daily:1"),  # an answer that was not counted
        _attempt(7, 6, "practice", at=7, session="p1"),
    ]
    plan = plan_corrections(candidates, right, lambda response: True)
    assert [(a.id, points) for a, points in plan] == [(1, FIRST_POINTS), (3, WINDOW_POINTS), (7, 0)]
    assert plan_corrections(candidates, right, lambda response: False) == []
    assert [a.id for a, _ in plan_corrections(candidates, right, lambda response: False, disputed=3)] == [3]


def test_the_streak_is_recomputed_like_live_play():
    d = date(2026, 3, 1)

    def day(n: int, revealed: bool, correct: bool) -> DailyDay:
        return DailyDay(d + timedelta(days=n), revealed, correct)

    assert streak_from([]) == (0, 0, None)
    assert streak_from([day(0, True, True), day(1, True, False), day(2, True, True)]) == (
        1,
        1,
        d + timedelta(days=2),
    )
    # A gap in the calendar (no question that day) does not break it; an open question does not yet.
    assert streak_from([day(0, True, True), day(5, True, True), day(6, False, False)]) == (
        2,
        2,
        d + timedelta(days=5),
    )
    assert streak_from([day(0, True, True), day(1, True, True), day(2, True, False)]) == (
        0,
        2,
        d + timedelta(days=1),
    )


# -- what live play needs -------------------------------------------------------------------------
async def test_a_decision_the_player_has_not_heard_of_is_told_after_a_restart(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    fresh = DisputeService(store=core_services.store, catalog=core_services.catalog, clock=clock)
    await fresh.start()
    assert await fresh.take_notices(G, DAN) == []  # corrected, but dan did not dispute: nothing to tell
    (told,) = await fresh.take_notices(G, BOB)
    assert told.id == dispute.id and told.status == "accepted"
    assert await fresh.take_notices(G, BOB) == []
    again = DisputeService(store=core_services.store, catalog=core_services.catalog, clock=clock)
    await again.start()
    assert await again.take_notices(G, BOB) == []  # told once, also across restarts


async def test_an_option_picked_in_choice_mode_cannot_be_disputed(core_services, disputes, clock):
    quiz = await core_services.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", mode="choice", seconds=60
    )
    question = core_services.quiz.open_question(quiz.id)
    assert question is not None
    wrong = next(i for i in range(len(question.prompt.options)) if i != question.prompt.correct_option)
    result = await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", option=wrong)
    assert result.verdict.kind is VerdictKind.WRONG
    (row,) = await rows(core_services, "SELECT id FROM attempts WHERE user_id = ?", (BOB,))
    with pytest.raises(UserError) as e:
        await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=int(row["id"]))
    assert e.value.code == "dispute.picked"


async def test_the_dispute_of_a_term_prompt_records_what_was_shown(core_services, disputes, clock):
    quiz = await core_services.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    card = core_services.catalog.card(TEMPERATURE)
    quiz.plan = [(card, "term")]
    core_services.quiz.open_question(quiz.id)
    await core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="softmax divisor")
    dispute = await disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=await attempt_id(core_services, BOB, "softmax divisor"),
        direction="term",
    )  # fmt: skip
    assert dispute.direction == "term" and dispute.prompt.startswith("A low _____ produces repetitive")
    assert dispute.accepted == card.names


async def test_group_commit_tells_each_answer_its_stored_id(core_services, clock):
    commit = GroupCommit(core_services.store, AttemptWriter())

    def attempt(n: int) -> Attempt:
        return Attempt(
            guild_id=G, channel_id=CH, user_id=n, user_name=f"p{n}", card_key=TEMPERATURE, source=Source.QUIZ,
            response=f"answer {n}", verdict=VerdictKind.WRONG, points=0, created_at=clock(),
        )  # fmt: skip

    ids = await asyncio.gather(*(commit.write(attempt(n)) for n in range(1, 8)))  # batched together
    stored = await rows(core_services, "SELECT id, user_id FROM attempts ORDER BY id")
    assert {int(r["user_id"]): int(r["id"]) for r in stored} == dict(zip(range(1, 8), ids, strict=True))


async def test_the_daily_question_takes_the_servers_accepted_answer_in_that_server_only(core_services, clock):
    daily, disputes = core_services.daily, core_services.disputes

    async def post(guild_id: int, channel_id: int):
        info = await daily.get_schedule(guild_id)
        clock.now = max(clock.now, info.next_post_at)
        claim = await daily.claim_due(guild_id)
        await daily.mark_posted(claim.post_id, channel_id)
        return claim

    await daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", answer_hours=3)
    await daily.set_schedule(G2, CH + 1, "09:00", "UTC", topic="sampling", answer_hours=3)
    first = await post(G, CH)
    assert not (await daily.answer(first.post_id, BOB, "bob", "softmax divisor")).verdict.correct
    dispute = await disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=await disputes.daily_attempt(first.post_id, BOB)
    )
    # (decided once the question is revealed: the answer accepted before would score on it)
    with pytest.raises(Conflict) as refused:
        await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.question_open"
    clock.now = max(clock.now, first.closes_at)
    assert await daily.claim_reveal(first.post_id) is not None
    await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)

    second = await post(G, CH)
    assert second.card.key == TEMPERATURE
    here = await daily.answer(second.post_id, DAN, "dan", "Softmax divisor")
    assert here.verdict.correct and here.points > 0
    elsewhere = await post(G2, CH + 1)
    assert elsewhere.card.key == TEMPERATURE
    assert not (await daily.answer(elsewhere.post_id, EVE, "eve", "softmax divisor")).verdict.correct


async def test_a_long_answer_graded_while_the_question_closes_does_not_count(core_services, clock):
    quiz, _ = await quiz_asking(
        core_services, TEMPERATURE,
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    long_answer = " ".join(["the temperature of the softmax"] * 40)  # graded in slices, giving the loop back
    answering = asyncio.create_task(
        core_services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=long_answer)
    )
    await asyncio.sleep(0)  # the answer has started grading
    await core_services.quiz.skip(quiz.id, user_id=ALICE)
    with pytest.raises(Closed):
        await answering
    assert await rows(core_services, "SELECT id FROM attempts") == []


async def test_a_player_decides_their_own_dispute_only_as_the_servers_owner(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)
    dispute = await dispute_bobs_answer(core_services, disputes)
    for decide in (disputes.accept, disputes.reject):
        with pytest.raises(UserError) as e:
            await decide(dispute.id, guild_id=G, moderator_id=BOB)
        assert e.value.code == "dispute.own"
    assert disputes.overlay_accepts(G, TEMPERATURE) == ()
    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=BOB, owner=True)
    assert decision.accepted and disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)


async def test_a_moderator_does_not_accept_a_dispute_that_would_correct_their_own_answer(core_services, disputes, clock):
    await temperature_quiz(core_services, clock)  # dan typed the answer bob disputes too
    dispute = await dispute_bobs_answer(core_services, disputes)
    with pytest.raises(UserError) as e:
        await disputes.accept(dispute.id, guild_id=G, moderator_id=DAN)
    assert e.value.code == "dispute.corrects_own"
    assert (await core_services.stats.stats(G, DAN)).points_total == 0
    assert disputes.overlay_accepts(G, TEMPERATURE) == ()
    await disputes.reject(dispute.id, guild_id=G, moderator_id=DAN)  # rejecting gives nobody anything
